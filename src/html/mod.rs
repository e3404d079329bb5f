//! Stage 1b, `html`: an HTML page in, the article's text blocks out.
//!
//! ```text
//! sniff → parse (dom) → blocks → score → headline + kept blocks → clean
//! ```
//!
//! Most scraped folders hold pages, not text. A document is HTML when its
//! first bytes say so ([`is_html`], whatever the file is called); `read`
//! decodes it (with the charset the page declares, [`charset`]), and the
//! pipeline hands it here instead of straight to the text cleaner. The
//! page is parsed by html5ever into a flat arena ([`dom`]), flattened into
//! text blocks with their element ([`blocks`]), and each block is kept or
//! removed from the evidence of the DOM ([`score`], [`evidence`]). The
//! kept blocks, headline first, are then cleaned by the same text cleaner
//! as any text document, so both layers give the same reasons and the
//! record keeps its contract: the headline is `title` and the first
//! paragraph of `text`, and every removed block is in `removed` as text
//! (never markup), with a reason, in document order.
//!
//! ```
//! let page = newsx::html::extract(
//!     "<html><head><title>Prices rise | Gazette</title></head><body>\
//!      <nav><a href=/>Home</a> <a href=/w>World</a></nav>\
//!      <article><h1>Prices rise</h1><p>Prices rose by &pound;5bn in \
//!      May, the <a href=/o>office</a> said on Tuesday.</p></article>\
//!      </body></html>",
//! );
//! assert_eq!(page.title.as_deref(), Some("Prices rise"));
//! assert_eq!(page.lines[1], "Prices rose by £5bn in May, the office said on Tuesday.");
//! assert_eq!(page.removed[0].1.text, "Home World");
//! ```

pub mod blocks;
pub mod charset;
pub mod dom;
pub mod evidence;
pub mod meta;
pub mod prune;
pub mod score;
mod sniff;

pub use meta::PageMeta;
pub use sniff::is_html;

use crate::clean::{Cleaned, Reason, Removed};
use blocks::{Block, BlockKind};
use dom::Dom;
use score::Verdict;

/// A page reduced to the input of the text cleaner.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The headline, when the page has one.
    pub title: Option<String>,
    /// The lines of the kept blocks, in order (the headline not included).
    pub lines: Vec<String>,
    /// Blocks removed from the DOM's evidence, each with the number of
    /// lines kept before it.
    pub removed: Vec<(usize, Removed)>,
    /// What the page says about itself.
    pub meta: PageMeta,
}

/// Parses a page and chooses its article blocks.
pub fn extract(html: &str) -> Page {
    let dom = Dom::parse(html);
    let meta = meta::collect(&dom);
    let blocks = blocks::blocks(&dom, dom::DOCUMENT);
    let confirmed = score::confirmed(&blocks, meta.article_body.as_deref());
    let verdicts = score::choose(&dom, &blocks, &confirmed);
    let title = headline(&meta, &blocks, &verdicts);
    let mut page = Page {
        title,
        meta,
        ..Page::default()
    };
    for (block, verdict) in blocks.into_iter().zip(verdicts) {
        match verdict {
            Verdict::Keep => {
                page.lines.extend(block.text.lines().map(str::to_string))
            }
            Verdict::Remove(reason) => {
                let reason = match &page.title {
                    Some(t) if same_text(t, &block.text) => {
                        Reason::DuplicateTitle
                    }
                    _ => reason,
                };
                let text = block.text.replace('\n', " ");
                page.removed
                    .push((page.lines.len(), Removed { text, reason }));
            }
        }
    }
    page
}

impl Page {
    /// The cleaner's input: the headline, then every kept line, one
    /// paragraph each, so the cleaner judges lines and never joins them.
    pub fn text(&self) -> String {
        let mut text = self.title.clone().unwrap_or_default();
        for line in &self.lines {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(line);
        }
        text
    }

    /// Applies the cleaner's verdict on [`Page::text`] to the kept lines.
    ///
    /// The cleaner judges each line by its shape (a byline, a caption, a
    /// timestamp, a copyright line) and by its neighbours (a short line
    /// among links is navigation). The DOM has already judged the
    /// neighbours with their markup in view, so only verdicts of shape
    /// remove a kept line (see `accepted`); pieces cut from a line (a
    /// dateline, a glued byline) are cut as for text. The headline stays
    /// the first paragraph. `removed` merges both layers in document
    /// order.
    pub fn finish(self, cleaned: Cleaned) -> Cleaned {
        let paras: Vec<&str> = cleaned
            .text
            .split("\n\n")
            .filter(|p| !p.is_empty())
            .collect();
        let mut pi = 0;
        let mut out: Vec<String> = Vec::with_capacity(self.lines.len() + 1);
        if let Some(t) = &self.title {
            out.push(t.clone());
            if paras.first() == Some(&t.as_str()) {
                pi = 1;
            }
        }
        let mut pending = cleaned.removed.into_iter().peekable();
        let mut removed = Vec::new();
        let mut dom = self.removed.into_iter().peekable();
        for (i, line) in self.lines.iter().enumerate() {
            while let Some((_, d)) = dom.next_if(|(q, _)| *q <= i) {
                removed.push(d);
            }
            let kept = paras.get(pi).filter(|p| line.contains(**p));
            // Pieces and lines the cleaner removed up to this line.
            let mut dropped = false;
            while let Some(r) = pending.next_if(|r| line.contains(&r.text)) {
                if r.text == *line && kept.is_none() {
                    if !accepted(&r) {
                        continue;
                    }
                    dropped = true;
                }
                removed.push(r);
            }
            match kept {
                Some(p) => {
                    out.push(p.to_string());
                    pi += 1;
                }
                None if dropped => {}
                None => out.push(line.clone()),
            }
        }
        removed.extend(dom.map(|(_, d)| d));
        removed.extend(pending);
        let text = out.join("\n\n");
        Cleaned {
            paragraphs: out.len(),
            title: self.title.filter(|t| out.first() == Some(t)),
            text,
            removed,
            byline: cleaned.byline,
            dateline: cleaned.dateline,
        }
    }
}

/// Whether the cleaner's removal of a whole kept line stands: its verdicts
/// from a line's shape do (a byline, a caption, a timestamp, a copyright
/// line, an advert marker, the repeated headline); its verdicts from the
/// line's neighbours (`cta`, `navigation`, `related_links`, `source`) are
/// guesses about context that the DOM has already settled with the markup
/// in view. On the dev pages, those guesses removed eight times more
/// article words than furniture.
fn accepted(r: &Removed) -> bool {
    !matches!(
        r.reason,
        Reason::Cta
            | Reason::Navigation
            | Reason::RelatedLinks
            | Reason::Source
    )
}

fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

/// The headline: the page's `<h1>` when a title in the metadata contains
/// it (the cleanest form), else the Open Graph or JSON-LD headline, else
/// `<title>`, without the site's name around it.
fn headline(
    meta: &PageMeta,
    blocks: &[Block],
    verdicts: &[Verdict],
) -> Option<String> {
    let first_kept = verdicts.iter().position(|v| *v == Verdict::Keep);
    let is_h1 = |b: &&Block| b.kind == BlockKind::Heading(1) && b.words() <= 40;
    let before = &blocks[..first_kept.unwrap_or(blocks.len())];
    let h1 = before
        .iter()
        .rev()
        .find(is_h1)
        .or_else(|| blocks.iter().find(is_h1))
        .map(|b| b.text.replace('\n', " "));
    let lower = |s: &str| s.to_lowercase();
    if let Some(h) = &h1 {
        if meta.titles.iter().any(|t| lower(t).contains(&lower(h))) {
            return Some(h.clone());
        }
    }
    meta.titles
        .iter()
        .map(|t| strip_site(t, meta.site.as_deref()))
        .find(|t| !t.is_empty())
        .or(h1)
}

/// Separators between a headline and a site name in `<title>`.
const SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " · "];

/// Removes the site's name from either end of a title ("Prices rise |
/// Gazette"): the part named like the site, or a short last part after a
/// longer headline.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    let Some((sep, at)) = SEPARATORS
        .iter()
        .filter_map(|s| title.rfind(s).map(|i| (*s, i)))
        .max_by_key(|&(_, i)| i)
    else {
        return title.to_string();
    };
    let (head, tail) = (&title[..at], &title[at + sep.len()..]);
    let like_site = |part: &str| {
        site.is_some_and(|s| {
            let (p, s) = (part.to_lowercase(), s.to_lowercase());
            !s.is_empty() && (p.contains(&s) || s.contains(&p))
        })
    };
    let words = |s: &str| s.split_whitespace().count();
    if like_site(tail) || (words(tail) <= 4 && words(head) > words(tail)) {
        return head.trim().to_string();
    }
    if let Some(i) = title.find(sep) {
        let (first, rest) = (&title[..i], &title[i + sep.len()..]);
        if like_site(first) {
            return rest.trim().to_string();
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::Cleaner;

    const PROSE: &str = "The council voted on Monday to rebuild the harbour \
        wall, which storms breached twice last winter, at a cost the mayor \
        put at four million pounds.";

    fn page(body: &str) -> String {
        format!("<!doctype html><html><body>{body}</body></html>")
    }

    fn cleaned(html: &str) -> Cleaned {
        let page = extract(html);
        let text = page.text();
        page.finish(Cleaner::new().clean(&text))
    }

    #[test]
    fn a_wrapper_named_like_furniture_still_holds_the_article() {
        let html = page(&format!(
            "<form id=\"aspnetForm\"><div class=\"has-sidebar\">\
             <ul class=\"menu\"><li><a href=/>Home</a></li></ul>\
             <p>{PROSE}</p><p>{PROSE}</p></div></form>"
        ));
        let c = cleaned(&html);
        assert_eq!(c.text, format!("{PROSE}\n\n{PROSE}"));
        assert_eq!(c.removed[0].text, "Home");
    }

    #[test]
    fn hidden_scripted_and_widget_text_never_reaches_the_article() {
        let html = page(&format!(
            "<article><p>{PROSE}</p><p hidden>Secret</p>\
             <p style=\"DISPLAY: none\">Invisible</p>\
             <script>var x = '<p>Script</p>';</script>\
             <div class=\"share-bar\">Share this story</div>\
             <figure><figcaption>A harbour wall</figcaption></figure>\
             </article>"
        ));
        let c = cleaned(&html);
        assert_eq!(c.text, PROSE);
        let reasons: Vec<(&str, Reason)> = c
            .removed
            .iter()
            .map(|r| (r.text.as_str(), r.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                ("Share this story", Reason::Navigation),
                ("A harbour wall", Reason::Caption)
            ]
        );
    }

    #[test]
    fn rows_breaks_and_inline_elements_make_lines_and_sentences() {
        let html = page(&format!(
            "<main><p>{PROSE}</p><p>One <i>two</i> <a href=x>three</a>\
             <br>four</p><table><tr><th>Year</th><th>Cost</th></tr>\
             <tr><td>2024</td><td>&euro;4m</td></tr></table></main>"
        ));
        let c = cleaned(&html);
        assert_eq!(
            c.text,
            format!(
                "{PROSE}\n\nOne two three\n\nfour\n\nYear Cost\n\n2024 €4m"
            )
        );
    }

    #[test]
    fn unspaced_scripts_are_prose_too() {
        let zh = "北京市政府周一宣布，将在未来三年内投入五十亿元用于改善城市空气质量，\
                  并关闭二十家燃煤电厂。";
        let html = page(&format!(
            "<nav><a href=/>首页</a> <a href=/n>新闻</a></nav>\
             <div class=\"content\"><p>{zh}</p><p>{zh}</p></div>"
        ));
        let c = cleaned(&html);
        assert_eq!(c.text, format!("{zh}\n\n{zh}"));
    }

    #[test]
    fn a_page_without_prose_keeps_its_short_lines() {
        let html = page(
            "<nav><a href=/>Home</a> <a href=/n>News</a></nav>\
             <div><p>Results</p><p>Leeds 2 York 1</p></div>",
        );
        let c = cleaned(&html);
        assert!(c.text.contains("Leeds 2 York 1"), "{c:?}");
        assert!(!c.text.contains("Home"), "{c:?}");
    }

    #[test]
    fn deep_and_broken_pages_extract_without_panic() {
        let deep = "<div>".repeat(50_000) + PROSE;
        assert!(cleaned(&page(&deep)).text.contains("harbour wall"));
        for junk in [
            "<html>",
            "<html><body><p>",
            "<html>\u{0}\u{feff}<",
            "<div><table><td>x",
        ] {
            let c = cleaned(junk);
            assert_eq!(c.text, c.text.trim());
        }
    }

    #[test]
    fn site_names_leave_titles() {
        let site = Some("The Gazette");
        assert_eq!(
            strip_site("Prices rise | The Gazette", site),
            "Prices rise"
        );
        assert_eq!(
            strip_site("The Gazette - Prices rise", site),
            "Prices rise"
        );
        assert_eq!(
            strip_site("Prices rise again in May - News Nation", None),
            "Prices rise again in May"
        );
        assert_eq!(strip_site("Left - right", None), "Left - right");
    }
}
