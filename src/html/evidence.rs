//! Why an element is page furniture, from what its markup says about it.
//!
//! Three kinds of evidence, each naming a [`Reason`] a user can filter on:
//! the element itself (`<nav>`, `<aside>`, `<footer>`, `<form>`,
//! `<figure>`…), its ARIA `role` (`navigation`, `complementary`,
//! `contentinfo`…), and the words of its `class` and `id`, split at
//! punctuation and case changes ("article-share-bar", "relatedPosts").
//! Those words are what every content-management system uses to style
//! its widgets, so they generalise across sites: a share bar says `share`
//! whatever the site. Evidence is only a claim: scoring ignores it on an
//! element that holds most of the page's prose (a `<form>` wrapping an
//! ASP.NET page, a `<div class="has-sidebar">` wrapping the article).

use html5ever::local_name;

use super::dom::{Dom, NodeId};
use crate::clean::Reason;

/// The furniture evidence on element `id`, if any.
pub fn furniture(dom: &Dom, id: NodeId) -> Option<Reason> {
    let node = &dom.nodes[id];
    let by_tag = match *node.tag() {
        local_name!("nav") | local_name!("menu") => Some(Reason::Navigation),
        local_name!("header") | local_name!("footer") => {
            Some(Reason::Navigation)
        }
        local_name!("button") => Some(Reason::Navigation),
        local_name!("aside") => Some(Reason::RelatedLinks),
        local_name!("form") | local_name!("dialog") => Some(Reason::Cta),
        local_name!("figure") | local_name!("figcaption") => {
            Some(Reason::Caption)
        }
        local_name!("html") | local_name!("body") => return None,
        _ => None,
    };
    by_tag
        .or_else(|| node.attr("role").and_then(by_role))
        .or_else(|| {
            let class = node.attr("class").unwrap_or("");
            let id = node.attr("id").unwrap_or("");
            by_words(class).or_else(|| by_words(id))
        })
}

/// Positive evidence: the element says it holds the article.
pub fn article(dom: &Dom, id: NodeId) -> bool {
    let node = &dom.nodes[id];
    matches!(*node.tag(), local_name!("article") | local_name!("main"))
        || node.attr("role") == Some("main")
        || node
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
}

fn by_role(role: &str) -> Option<Reason> {
    match role.trim().to_ascii_lowercase().as_str() {
        "navigation" | "banner" | "contentinfo" | "menu" | "menubar"
        | "toolbar" | "search" | "tablist" => Some(Reason::Navigation),
        "complementary" => Some(Reason::RelatedLinks),
        "dialog" | "alertdialog" | "form" => Some(Reason::Cta),
        _ => None,
    }
}

/// Words of a `class` or `id` value: split at anything not a letter or
/// digit, and where a lower-case letter meets an upper-case one
/// ("relatedPosts"). Slices of `value`, compared ASCII case-insensitively.
pub fn words(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(|c: char| !c.is_alphanumeric())
        .flat_map(split_case)
        .filter(|w| !w.is_empty())
}

/// Splits "relatedPosts" into "related" and "Posts".
fn split_case(word: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut prev_lower = false;
    let mut cuts = Vec::new();
    for (i, c) in word.char_indices() {
        if c.is_uppercase() && prev_lower {
            cuts.push(&word[start..i]);
            start = i;
        }
        prev_lower = c.is_lowercase();
    }
    cuts.push(&word[start..]);
    cuts.into_iter()
}

fn starts_with_ignore_case(word: &str, stem: &str) -> bool {
    word.len() >= stem.len()
        && word.as_bytes()[..stem.len()].eq_ignore_ascii_case(stem.as_bytes())
}

/// Word stems and the reason they give; a class word matches a stem when
/// it starts with it ("sharing", "comments", "sidebar-left").
const STEMS: &[(&str, Reason)] = &[
    ("share", Reason::Navigation),
    ("sharing", Reason::Navigation),
    ("social", Reason::Navigation),
    ("breadcrumb", Reason::Navigation),
    ("navbar", Reason::Navigation),
    ("navigation", Reason::Navigation),
    ("menu", Reason::Navigation),
    ("pagination", Reason::Navigation),
    ("pager", Reason::Navigation),
    ("toolbar", Reason::Navigation),
    ("masthead", Reason::Navigation),
    ("footer", Reason::Navigation),
    ("skiplink", Reason::Navigation),
    ("related", Reason::RelatedLinks),
    ("recommend", Reason::RelatedLinks),
    ("trending", Reason::RelatedLinks),
    ("popular", Reason::RelatedLinks),
    ("sidebar", Reason::RelatedLinks),
    ("outbrain", Reason::RelatedLinks),
    ("taboola", Reason::RelatedLinks),
    ("recirc", Reason::RelatedLinks),
    ("readmore", Reason::RelatedLinks),
    ("comment", Reason::Cta),
    ("disqus", Reason::Cta),
    ("newsletter", Reason::Cta),
    ("subscri", Reason::Cta),
    ("signup", Reason::Cta),
    ("cookie", Reason::Cta),
    ("consent", Reason::Cta),
    ("gdpr", Reason::Cta),
    ("paywall", Reason::Cta),
    ("login", Reason::Cta),
    ("donate", Reason::Cta),
    ("popup", Reason::Cta),
    ("modal", Reason::Cta),
    ("caption", Reason::Caption),
    ("credit", Reason::Caption),
    ("gallery", Reason::Caption),
    ("advert", Reason::Advert),
    ("sponsor", Reason::Advert),
    ("promo", Reason::Advert),
    ("adsbygoogle", Reason::Advert),
    ("byline", Reason::Byline),
    ("author", Reason::Byline),
    ("copyright", Reason::Legal),
    ("disclaimer", Reason::Legal),
    ("timestamp", Reason::Timestamp),
    ("dateline", Reason::Timestamp),
];

/// Whole words that give a reason only as themselves ("ad" but not
/// "add", "nav" but not "navy").
const WORDS: &[(&str, Reason)] = &[
    ("nav", Reason::Navigation),
    ("tags", Reason::Navigation),
    ("tag", Reason::Navigation),
    ("topics", Reason::Navigation),
    ("header", Reason::Navigation),
    ("rail", Reason::RelatedLinks),
    ("next", Reason::RelatedLinks),
    ("prev", Reason::RelatedLinks),
    ("previous", Reason::RelatedLinks),
    ("ad", Reason::Advert),
    ("ads", Reason::Advert),
    ("dfp", Reason::Advert),
    ("date", Reason::Timestamp),
    ("time", Reason::Timestamp),
    ("published", Reason::Timestamp),
];

fn by_words(value: &str) -> Option<Reason> {
    if value.is_empty() {
        return None;
    }
    words(value).find_map(|w| {
        STEMS
            .iter()
            .find(|(stem, _)| starts_with_ignore_case(w, stem))
            .or_else(|| {
                WORDS.iter().find(|(word, _)| w.eq_ignore_ascii_case(word))
            })
            .map(|&(_, r)| r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_split_at_punctuation_and_case() {
        let w = |v| words(v).collect::<Vec<_>>();
        assert_eq!(w("article-share_bar"), ["article", "share", "bar"]);
        assert_eq!(w("relatedPosts  top"), ["related", "Posts", "top"]);
        assert_eq!(w("AD"), ["AD"]);
        assert_eq!(by_words("AD"), Some(Reason::Advert));
    }

    #[test]
    fn words_give_reasons() {
        assert_eq!(by_words("post-comments"), Some(Reason::Cta));
        assert_eq!(by_words("ad-slot"), Some(Reason::Advert));
        assert_eq!(by_words("add-to"), None);
        assert_eq!(by_words("entry-content"), None);
        assert_eq!(by_words("widget relatedLinks"), Some(Reason::RelatedLinks));
    }
}
