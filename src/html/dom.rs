//! The parsed page: html5ever's tree builder writing into a flat arena.
//!
//! html5ever implements the WHATWG tree-construction algorithm (implied end
//! tags, misnested formatting elements, tables, `<template>`), which is what
//! a browser shows, so blocks end where a reader sees them end. Its own
//! reference DOM (`markup5ever_rcdom`) is a tree of `Rc<RefCell<…>>` nodes;
//! an arena of plain structs indexed by [`NodeId`] is cheaper to build,
//! drops in one free, and lets every later pass walk the tree with loops
//! instead of recursion, so a page nested 100,000 elements deep cannot
//! overflow the stack.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, ns, Attribute, LocalName, ParseOpts, QualName};

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

/// The document node is always the first.
pub const DOCUMENT: NodeId = 0;

/// What a node is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The document root.
    Document,
    /// An element; its name is [`Node::name`].
    Element,
    /// Character data, references already decoded.
    Text(StrTendril),
    /// Comments, doctypes, processing instructions, template contents.
    Other,
}

/// One node with its links to parent, children and siblings.
#[derive(Clone, Debug)]
pub struct Node {
    /// What the node is.
    pub kind: Kind,
    /// The element name (empty for other nodes).
    pub name: QualName,
    /// The element's attributes.
    pub attrs: Vec<Attribute>,
    /// Parent node.
    pub parent: Option<NodeId>,
    /// First child.
    pub first_child: Option<NodeId>,
    /// Last child.
    pub last_child: Option<NodeId>,
    /// Previous sibling.
    pub prev: Option<NodeId>,
    /// Next sibling.
    pub next: Option<NodeId>,
}

impl Node {
    fn new(kind: Kind, name: QualName, attrs: Vec<Attribute>) -> Node {
        Node {
            kind,
            name,
            attrs,
            parent: None,
            first_child: None,
            last_child: None,
            prev: None,
            next: None,
        }
    }

    /// The element's local name ("div"); empty for other nodes.
    pub fn tag(&self) -> &LocalName {
        &self.name.local
    }

    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// True for an HTML element with local name `tag`.
    pub fn is(&self, tag: &LocalName) -> bool {
        self.kind == Kind::Element && &self.name.local == tag
    }
}

/// A parsed page.
#[derive(Debug)]
pub struct Dom {
    /// Every node; [`DOCUMENT`] first.
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Parses a whole page; never fails (HTML has no syntax errors, only
    /// recoveries). Nesting past [`super::prune::MAX_DEPTH`] is flattened
    /// first, which keeps the parse linear, and script and style bodies are
    /// dropped ([`super::prune`]).
    pub fn parse(html: &str) -> Dom {
        let sink = Sink {
            nodes: RefCell::new(vec![Node::new(
                Kind::Document,
                empty_name(),
                Vec::new(),
            )]),
        };
        html5ever::parse_document(sink, ParseOpts::default())
            .one(super::prune::prune(html))
    }

    /// The children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[id].first_child,
        }
    }

    /// The first element child of `id` named `tag`.
    pub fn child(&self, id: NodeId, tag: &LocalName) -> Option<NodeId> {
        self.children(id).find(|&c| self.nodes[c].is(tag))
    }

    /// Nodes of the subtree of `root` (itself included) in document order,
    /// without recursion.
    pub fn descendants(&self, root: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root,
            next: Some(root),
        }
    }

    /// The `<html>` element, `<head>` and `<body>` when present.
    pub fn root(&self) -> Option<NodeId> {
        self.child(DOCUMENT, &local_name!("html"))
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.nodes[id].next;
        Some(id)
    }
}

/// Pre-order iterator over a subtree.
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = following(self.dom, self.root, id, true);
        Some(id)
    }
}

/// The node after `id` in pre-order within `root`'s subtree, entering
/// `id`'s children when `enter`.
pub fn following(
    dom: &Dom,
    root: NodeId,
    id: NodeId,
    enter: bool,
) -> Option<NodeId> {
    if enter {
        if let Some(c) = dom.nodes[id].first_child {
            return Some(c);
        }
    }
    let mut at = id;
    loop {
        if at == root {
            return None;
        }
        if let Some(n) = dom.nodes[at].next {
            return Some(n);
        }
        at = dom.nodes[at].parent?;
    }
}

fn empty_name() -> QualName {
    QualName::new(None, ns!(), LocalName::from(""))
}

/// The tree builder's view of the arena.
struct Sink {
    nodes: RefCell<Vec<Node>>,
}

impl Sink {
    fn push(&self, node: Node) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(node);
        nodes.len() - 1
    }

    fn new_text(&self, text: StrTendril) -> NodeId {
        self.push(Node::new(Kind::Text(text), empty_name(), Vec::new()))
    }

    /// Appends `text` to text node `id` when it is one.
    fn merge_text(&self, id: Option<NodeId>, text: &StrTendril) -> bool {
        let Some(id) = id else { return false };
        let mut nodes = self.nodes.borrow_mut();
        if let Kind::Text(t) = &mut nodes[id].kind {
            t.push_tendril(text);
            return true;
        }
        false
    }

    fn detach(&self, id: NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let (parent, prev, next) = {
            let n = &nodes[id];
            (n.parent, n.prev, n.next)
        };
        let Some(parent) = parent else { return };
        match prev {
            Some(p) => nodes[p].next = next,
            None => nodes[parent].first_child = next,
        }
        match next {
            Some(n) => nodes[n].prev = prev,
            None => nodes[parent].last_child = prev,
        }
        let n = &mut nodes[id];
        n.parent = None;
        n.prev = None;
        n.next = None;
    }

    fn append_node(&self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let mut nodes = self.nodes.borrow_mut();
        let last = nodes[parent].last_child;
        nodes[child].parent = Some(parent);
        nodes[child].prev = last;
        match last {
            Some(l) => nodes[l].next = Some(child),
            None => nodes[parent].first_child = Some(child),
        }
        nodes[parent].last_child = Some(child);
    }

    fn insert_before(&self, sibling: NodeId, child: NodeId) {
        self.detach(child);
        let mut nodes = self.nodes.borrow_mut();
        let Some(parent) = nodes[sibling].parent else {
            return;
        };
        let prev = nodes[sibling].prev;
        nodes[child].parent = Some(parent);
        nodes[child].prev = prev;
        nodes[child].next = Some(sibling);
        nodes[sibling].prev = Some(child);
        match prev {
            Some(p) => nodes[p].next = Some(child),
            None => nodes[parent].first_child = Some(child),
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |n| &n[*target].name)
    }

    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        flags: ElementFlags,
    ) -> NodeId {
        let id = self.push(Node::new(Kind::Element, name, attrs));
        if flags.template {
            // Template contents live in their own fragment, the next node.
            self.push(Node::new(Kind::Other, empty_name(), Vec::new()));
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(Node::new(Kind::Other, empty_name(), Vec::new()))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(Node::new(Kind::Other, empty_name(), Vec::new()))
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(id) => self.append_node(*parent, id),
            NodeOrText::AppendText(text) => {
                let last = self.nodes.borrow()[*parent].last_child;
                if !self.merge_text(last, &text) {
                    let id = self.new_text(text);
                    self.append_node(*parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        if self.nodes.borrow()[*element].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public_id: StrTendril,
        _system_id: StrTendril,
    ) {
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        target + 1
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(
        &self,
        sibling: &NodeId,
        new_node: NodeOrText<NodeId>,
    ) {
        match new_node {
            NodeOrText::AppendNode(id) => self.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                let prev = self.nodes.borrow()[*sibling].prev;
                if !self.merge_text(prev, &text) {
                    let id = self.new_text(text);
                    self.insert_before(*sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        let node = &mut nodes[*target];
        for attr in attrs {
            if !node.attrs.iter().any(|a| a.name == attr.name) {
                node.attrs.push(attr);
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        loop {
            let first = self.nodes.borrow()[*node].first_child;
            let Some(child) = first else { break };
            self.append_node(*new_parent, child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(dom: &Dom) -> String {
        dom.descendants(DOCUMENT)
            .filter_map(|id| match &dom.nodes[id].kind {
                Kind::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn implied_end_tags_and_references() {
        let dom = Dom::parse("<p>one &pound;5bn<p>two&nbsp;&#8217;s</p>");
        assert_eq!(text_of(&dom), "one £5bntwo\u{a0}’s");
        let body = dom
            .descendants(DOCUMENT)
            .find(|&id| dom.nodes[id].is(&local_name!("body")))
            .unwrap();
        let ps = dom.children(body).count();
        assert_eq!(ps, 2, "the second <p> closes the first");
    }

    #[test]
    fn misnested_formatting_is_repaired() {
        let dom = Dom::parse("<b>1<p>2</b>3</p>");
        assert_eq!(text_of(&dom), "123");
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let html = "<div>".repeat(100_000) + "deep";
        let dom = Dom::parse(&html);
        assert_eq!(text_of(&dom), "deep");
    }
}
