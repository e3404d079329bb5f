//! Which blocks are the article: the container with the most prose, less
//! what its own markup calls furniture.
//!
//! 1. Each block is *prose* (a sentence-sized run of text, few of its
//!    characters in links), *junk* (mostly links, or inside furniture), or
//!    neither (short text: headings, labels, list items).
//! 2. Every element sums the prose and junk of its subtree; the container
//!    is the element with the largest `prose − λ·junk`. Growing from the
//!    article's own `<div>` to the whole `<body>` adds sidebars, menus and
//!    footers (junk) faster than prose, so the maximum sits at the element
//!    that holds the article and little else, however the site nests it.
//!    Elements that say they hold the article (`<article>`, `<main>`,
//!    `itemprop="articleBody"`) get a small bonus; the JSON-LD
//!    `articleBody` confirms blocks whose words it contains.
//! 3. Inside the container, blocks under furniture evidence, and blocks
//!    that are mostly links, are removed with that reason; blocks outside
//!    are removed as furniture of the page.
//!
//! Every pass is a loop over the arena in document order: linear in the
//! page, whatever its depth.

use std::collections::HashSet;

use super::blocks::{Block, BlockKind};
use super::dom::{Dom, NodeId};
use super::evidence;
use crate::clean::Reason;

/// Weight of junk against prose when choosing the container.
const JUNK_WEIGHT: f64 = 0.5;
/// Bonus factor on the prose of an element that says it is the article.
const ARTICLE_BONUS: f64 = 1.15;
/// Evidence on an element holding this share of the page's unflagged
/// prose is ignored: it wraps the page, it is not a widget.
const WRAPPER_SHARE: f64 = 0.5;
/// A block with this share of its characters in links is link furniture.
const LINK_DENSE: f64 = 0.65;

/// The verdict on one block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Part of the article.
    Keep,
    /// Furniture, with why.
    Remove(Reason),
}

/// Decides every block of the page.
pub fn choose(dom: &Dom, blocks: &[Block], confirmed: &[bool]) -> Vec<Verdict> {
    let tree = Tree::new(dom);
    let evidence: Vec<Option<Reason>> = (0..dom.nodes.len())
        .map(|id| match dom.nodes[id].kind {
            super::dom::Kind::Element => evidence::furniture(dom, id),
            _ => None,
        })
        .collect();
    let prose: Vec<usize> = blocks
        .iter()
        .zip(confirmed)
        .map(|(b, &c)| prose_chars(b, c))
        .collect();
    let marked = marked_prose(dom, &tree, blocks, &prose);
    let flags = valid_flags(dom, &tree, blocks, &prose, &marked, evidence);
    let nearest = tree.nearest(&flags);
    let container = container(dom, &tree, blocks, &prose, &nearest);
    blocks
        .iter()
        .map(|b| verdict(&tree, b, container, nearest[b.node], &flags))
        .collect()
}

/// Prose characters of a block: sentence-sized text outside links, or
/// any text the JSON-LD `articleBody` confirms.
fn prose_chars(b: &Block, confirmed: bool) -> usize {
    let own = b.chars - b.link_chars;
    if confirmed && b.link_density() < LINK_DENSE {
        return own * 2;
    }
    let sentence = b.words() >= 8
        || (b.chars >= 60 && b.words() >= 4)
        || unspaced_letters(&b.text) >= 20;
    let prose_kind = !matches!(b.kind, BlockKind::Heading(_));
    if sentence && prose_kind && b.link_density() < 0.35 {
        own
    } else {
        0
    }
}

/// Letters of scripts written without spaces between words (Chinese,
/// Japanese, Thai, Lao, Khmer, Burmese), where counting words by spaces
/// would take a paragraph for one word.
fn unspaced_letters(text: &str) -> usize {
    text.chars()
        .filter(|&c| {
            matches!(c,
                '\u{0E00}'..='\u{0EFF}'       // Thai, Lao
                | '\u{1000}'..='\u{109F}'     // Myanmar
                | '\u{1780}'..='\u{17FF}'     // Khmer
                | '\u{3040}'..='\u{30FF}'     // Hiragana, Katakana
                | '\u{3400}'..='\u{4DBF}'     // CJK extension A
                | '\u{4E00}'..='\u{9FFF}'     // CJK unified ideographs
            )
        })
        .count()
}

/// For each node, whether it holds, or sits inside, an element that says
/// it is the article and has prose; all `false` when no such element has
/// prose.
fn marked_prose(
    dom: &Dom,
    tree: &Tree,
    blocks: &[Block],
    prose: &[usize],
) -> Vec<bool> {
    let marks: Vec<Option<Reason>> = (0..dom.nodes.len())
        .map(|id| evidence::article(dom, id).then_some(Reason::Navigation))
        .collect();
    let nearest = tree.nearest(&marks);
    let mut has = vec![false; dom.nodes.len()];
    for (b, &p) in blocks.iter().zip(prose) {
        if let (Some(m), true) = (nearest[b.node], p > 0) {
            has[m] = true;
        }
    }
    let mut within = has.clone();
    for &id in tree.order.iter().rev() {
        if let (true, Some(parent)) = (has[id], dom.nodes[id].parent) {
            has[parent] = true;
        }
    }
    for &id in &tree.order {
        if let Some(parent) = dom.nodes[id].parent {
            within[id] |= within[parent];
        }
    }
    has.iter().zip(within).map(|(&h, w)| h || w).collect()
}

/// Furniture evidence that holds. Evidence on an element that wraps most of
/// the page's otherwise unflagged prose is dropped (repeatedly, since
/// dropping one wrapper's evidence hands its prose to the next one up) —
/// unless the page marks its article elsewhere: then only wrappers of that
/// mark lose their evidence, and a footer with more text than a short
/// article stays a footer.
fn valid_flags(
    dom: &Dom,
    tree: &Tree,
    blocks: &[Block],
    prose: &[usize],
    marked: &[bool],
    mut flags: Vec<Option<Reason>>,
) -> Vec<Option<Reason>> {
    let total: usize = prose.iter().sum();
    let page_marked = marked.first().copied().unwrap_or(false);
    for _ in 0..4 {
        let nearest = tree.nearest(&flags);
        let mut own = vec![0usize; dom.nodes.len()];
        for (b, &p) in blocks.iter().zip(prose) {
            if let Some(f) = nearest[b.node] {
                own[f] += p;
            }
        }
        let mut changed = false;
        for (id, flag) in flags.iter_mut().enumerate() {
            let wraps = own[id] as f64 >= WRAPPER_SHARE * total as f64;
            if flag.is_some() && wraps && (!page_marked || marked[id]) {
                *flag = None;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    flags
}

/// The element with the most prose net of junk.
fn container(
    dom: &Dom,
    tree: &Tree,
    blocks: &[Block],
    prose: &[usize],
    nearest: &[Option<NodeId>],
) -> NodeId {
    let n = dom.nodes.len();
    let mut good = vec![0f64; n];
    let mut junk = vec![0f64; n];
    for (b, &p) in blocks.iter().zip(prose) {
        if nearest[b.node].is_some() {
            junk[b.node] += b.chars as f64;
        } else {
            good[b.node] += p as f64;
            junk[b.node] += (b.chars - p.min(b.chars)) as f64
                * (b.link_density() >= 0.35) as u8 as f64
                + b.link_chars as f64;
        }
    }
    for &id in tree.order.iter().rev() {
        if let Some(parent) = dom.nodes[id].parent {
            good[parent] += good[id];
            junk[parent] += junk[id];
        }
    }
    // No prose anywhere (a gallery, a page of short lines): keep what the
    // evidence and link density let through rather than guess a container.
    let mut best = (f64::MIN, super::dom::DOCUMENT);
    if good[super::dom::DOCUMENT] <= 0.0 {
        return super::dom::DOCUMENT;
    }
    for &id in &tree.order {
        if dom.nodes[id].kind != super::dom::Kind::Element {
            continue;
        }
        let bonus = if evidence::article(dom, id) {
            ARTICLE_BONUS
        } else {
            1.0
        };
        let value = good[id] * bonus - JUNK_WEIGHT * junk[id];
        if value > best.0 {
            best = (value, id);
        }
    }
    best.1
}

fn verdict(
    tree: &Tree,
    b: &Block,
    container: NodeId,
    flag: Option<NodeId>,
    flags: &[Option<Reason>],
) -> Verdict {
    let inside = tree.contains(container, b.node);
    if let Some(f) = flag {
        if f != container && (tree.contains(container, f) || !inside) {
            return Verdict::Remove(flags[f].unwrap_or(Reason::Navigation));
        }
    }
    if b.link_density() >= LINK_DENSE {
        return Verdict::Remove(if b.words() >= 5 {
            Reason::RelatedLinks
        } else {
            Reason::Navigation
        });
    }
    if inside {
        Verdict::Keep
    } else if b.words() >= 8 {
        Verdict::Remove(Reason::RelatedLinks)
    } else {
        Verdict::Remove(Reason::Navigation)
    }
}

/// Document order of the arena, for subtree tests and bottom-up sums.
struct Tree {
    /// Nodes in pre-order from the document.
    order: Vec<NodeId>,
    /// Pre-order position of each node (`usize::MAX` when detached).
    pre: Vec<usize>,
    /// Last pre-order position inside each node's subtree.
    end: Vec<usize>,
    parent: Vec<Option<NodeId>>,
}

impl Tree {
    fn new(dom: &Dom) -> Tree {
        let order: Vec<NodeId> =
            dom.descendants(super::dom::DOCUMENT).collect();
        let mut pre = vec![usize::MAX; dom.nodes.len()];
        for (i, &id) in order.iter().enumerate() {
            pre[id] = i;
        }
        let mut end = pre.clone();
        for &id in order.iter().rev() {
            if let Some(last) = dom.nodes[id].last_child {
                end[id] = end[last];
            }
        }
        let parent = dom.nodes.iter().map(|n| n.parent).collect();
        Tree {
            order,
            pre,
            end,
            parent,
        }
    }

    /// True when `id` is `ancestor` or inside it.
    fn contains(&self, ancestor: NodeId, id: NodeId) -> bool {
        self.pre[ancestor] <= self.pre[id] && self.pre[id] <= self.end[ancestor]
    }

    /// For each node, the nearest flagged node among itself and its
    /// ancestors.
    fn nearest(&self, flags: &[Option<Reason>]) -> Vec<Option<NodeId>> {
        let mut nearest = vec![None; flags.len()];
        for &id in &self.order {
            nearest[id] = if flags[id].is_some() {
                Some(id)
            } else {
                self.parent[id].and_then(|p| nearest[p])
            };
        }
        nearest
    }
}

/// Ids of blocks whose text the JSON-LD `articleBody` contains.
pub fn confirmed(blocks: &[Block], article_body: Option<&str>) -> Vec<bool> {
    let Some(body) = article_body else {
        return vec![false; blocks.len()];
    };
    let words: HashSet<&str> = body.split_whitespace().collect();
    if words.len() < 30 {
        return vec![false; blocks.len()];
    }
    blocks
        .iter()
        .map(|b| {
            let total = b.words();
            let known = b
                .text
                .split_whitespace()
                .filter(|w| words.contains(w))
                .count();
            total >= 4 && known * 10 >= total * 9
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        Block {
            text: text.to_string(),
            node: 0,
            kind: BlockKind::Text,
            chars,
            link_chars: 0,
        }
    }

    #[test]
    fn prose_is_counted_in_spaced_and_unspaced_scripts() {
        let zh = "北京市政府周一宣布，将在未来三年内投入五十亿元改善空气质量。";
        assert!(prose_chars(&block(zh), false) > 0);
        let en = "The council voted on Monday to rebuild the harbour wall.";
        assert!(prose_chars(&block(en), false) > 0);
        assert_eq!(prose_chars(&block("Home News Sport"), false), 0);
    }
}
