//! The page as a reader sees it: a list of text blocks in document order.
//!
//! A block is the run of text between two block-level boundaries (a
//! paragraph, a heading, a list item, a table row, the text of a `<div>`
//! before its first child block). Inline elements and links stay inside
//! their sentence; whitespace collapses as a browser collapses it (except
//! in `<pre>`); `<br>` ends a line; the cells of a table row are one line.
//! Each block keeps the element that holds it, so scoring can weigh the
//! page's structure, and counts its characters inside links, the single
//! strongest sign of furniture.
//!
//! Elements a reader never sees as text are skipped: scripts, styles,
//! templates, forms' controls, embedded media, and anything `hidden`,
//! `aria-hidden` or styled `display:none`.

use html5ever::{local_name, LocalName};

use super::dom::{Dom, Kind, NodeId};

/// What kind of element holds a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph, a `<div>`'s own text, a quote.
    Text,
    /// `<h1>`…`<h6>`, with its level.
    Heading(u8),
    /// A list item (`<li>`, `<dt>`, `<dd>`).
    Item,
    /// A table row, its cells separated by spaces.
    Row,
    /// Preformatted text, whitespace kept.
    Pre,
}

/// One block of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The text: whitespace collapsed, one line per `<br>`, trimmed.
    pub text: String,
    /// The innermost block-level element holding the text.
    pub node: NodeId,
    /// What kind of element holds it.
    pub kind: BlockKind,
    /// Characters other than whitespace.
    pub chars: usize,
    /// Of those, characters inside links.
    pub link_chars: usize,
}

impl Block {
    /// Share of the block's characters inside links.
    pub fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }

    /// Words (runs of non-space characters).
    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// Elements whose content is never read as text.
fn skipped(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("head")
            | local_name!("title")
            | local_name!("select")
            | local_name!("datalist")
            | local_name!("textarea")
            | local_name!("input")
    )
}

/// Elements that start and end a block.
pub fn is_block(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("caption")
            | local_name!("center")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("html")
            | local_name!("legend")
            | local_name!("li")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("thead")
            | local_name!("tr")
            | local_name!("ul")
    )
}

fn kind_of(tag: &LocalName) -> BlockKind {
    match *tag {
        local_name!("h1") => BlockKind::Heading(1),
        local_name!("h2") => BlockKind::Heading(2),
        local_name!("h3") => BlockKind::Heading(3),
        local_name!("h4") => BlockKind::Heading(4),
        local_name!("h5") => BlockKind::Heading(5),
        local_name!("h6") => BlockKind::Heading(6),
        local_name!("li") | local_name!("dt") | local_name!("dd") => {
            BlockKind::Item
        }
        local_name!("tr") => BlockKind::Row,
        local_name!("pre") => BlockKind::Pre,
        _ => BlockKind::Text,
    }
}

/// True when the element is hidden from readers.
pub fn hidden(dom: &Dom, id: NodeId) -> bool {
    let node = &dom.nodes[id];
    if node.attr("hidden").is_some() || node.attr("aria-hidden") == Some("true")
    {
        return true;
    }
    node.attr("style").is_some_and(|style| {
        declares(style, "display", "none")
            || declares(style, "visibility", "hidden")
    })
}

/// True when a `style` attribute sets `property: value` (ASCII case and
/// spaces ignored), without allocating.
fn declares(style: &str, property: &str, value: &str) -> bool {
    style.split(';').any(|decl| {
        let Some((p, v)) = decl.split_once(':') else {
            return false;
        };
        p.trim().eq_ignore_ascii_case(property)
            && v.trim().eq_ignore_ascii_case(value)
    })
}

/// The text blocks of the subtree of `root`, in document order.
pub fn blocks(dom: &Dom, root: NodeId) -> Vec<Block> {
    let mut w = Walker {
        dom,
        skipped: vec![false; dom.nodes.len()],
        out: Vec::new(),
        text: String::new(),
        chars: 0,
        link_chars: 0,
        space: false,
        links: 0,
        pre: 0,
        holders: vec![root],
    };
    w.walk(root);
    w.flush();
    w.out
}

struct Walker<'a> {
    dom: &'a Dom,
    /// Elements whose content `enter` skipped, so `leave` ignores them.
    skipped: Vec<bool>,
    out: Vec<Block>,
    text: String,
    chars: usize,
    link_chars: usize,
    /// A collapsed space is pending before the next character.
    space: bool,
    /// Depth of open `<a>` elements.
    links: usize,
    /// Depth of open `<pre>` elements.
    pre: usize,
    /// Open block-level elements, innermost last.
    holders: Vec<NodeId>,
}

impl Walker<'_> {
    /// Visits the subtree in document order with an explicit cursor, so
    /// depth costs no stack.
    fn walk(&mut self, root: NodeId) {
        let mut at = root;
        loop {
            if self.enter(at) {
                if let Some(child) = self.dom.nodes[at].first_child {
                    at = child;
                    continue;
                }
            }
            loop {
                self.leave(at);
                if at == root {
                    return;
                }
                if let Some(next) = self.dom.nodes[at].next {
                    at = next;
                    break;
                }
                match self.dom.nodes[at].parent {
                    Some(parent) => at = parent,
                    None => return,
                }
            }
        }
    }

    /// Handles the start of a node; false when its children are skipped.
    fn enter(&mut self, id: NodeId) -> bool {
        let node = &self.dom.nodes[id];
        match &node.kind {
            Kind::Text(t) => {
                self.push_text(t);
                false
            }
            Kind::Document => true,
            Kind::Other => false,
            Kind::Element => {
                let tag = node.tag();
                if skipped(tag) || hidden(self.dom, id) {
                    self.skipped[id] = true;
                    return false;
                }
                match *tag {
                    local_name!("br") => self.line_break(),
                    local_name!("a") => self.links += 1,
                    local_name!("pre") => self.pre += 1,
                    local_name!("td") | local_name!("th") => self.space = true,
                    _ => {}
                }
                if is_block(tag) {
                    self.flush();
                    self.holders.push(id);
                }
                true
            }
        }
    }

    /// Handles the end of a node entered with `enter`.
    fn leave(&mut self, id: NodeId) {
        let node = &self.dom.nodes[id];
        if node.kind != Kind::Element {
            return;
        }
        let tag = node.tag();
        if self.skipped[id] {
            return;
        }
        if self.holders.last() == Some(&id) {
            self.flush();
            self.holders.pop();
        }
        match *tag {
            local_name!("a") => self.links = self.links.saturating_sub(1),
            local_name!("pre") => self.pre = self.pre.saturating_sub(1),
            local_name!("td") | local_name!("th") => self.space = true,
            _ => {}
        }
    }

    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            let blank = c.is_whitespace() && (self.pre == 0 || c == '\u{a0}');
            if c == '\n' && self.pre > 0 {
                self.line_break();
            } else if blank {
                self.space = true;
            } else if !c.is_control() || c == '\t' {
                if self.space
                    && !self.text.is_empty()
                    && !self.text.ends_with('\n')
                {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push(c);
                self.chars += 1;
                if self.links > 0 {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn line_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.space = false;
    }

    fn flush(&mut self) {
        self.space = false;
        if self.chars == 0 {
            self.text.clear();
            return;
        }
        let text = std::mem::take(&mut self.text);
        let text = text.trim_end().to_string();
        let node = *self.holders.last().unwrap_or(&0);
        let kind = kind_of(self.dom.nodes[node].tag());
        self.out.push(Block {
            text,
            node,
            kind,
            chars: self.chars,
            link_chars: self.link_chars,
        });
        self.chars = 0;
        self.link_chars = 0;
    }
}
