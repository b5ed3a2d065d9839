//! What each drawing is in the tagged PDF's structure tree: a paragraph's
//! text, a table cell, a link, or page furniture (an artifact).
//!
//! Layout gives every text run and chart shape a [`Tag`]: the element it
//! belongs to, as a [`Node`] that points to its parent up to a child of the
//! document. Nodes are shared (`Arc`), so the emitter knows two runs belong
//! to one paragraph by identity, whichever thread set them. The line setter
//! only knows a run's inline role ([`Tag::Text`], [`Tag::LinkText`],
//! [`Tag::NoteMark`]); the block that owns the lines gives them their element
//! with [`resolve`]. Anything left without an element (page numbers, the
//! "(continued)" line, rules and borders, repeated table headers) is an
//! artifact. [`plan`] numbers the marked-content sequences of a page, the
//! same way whether the page is encoded now or held for its page numbers.

use std::sync::Arc;

use pdf_writer::types::StructRole;

use super::boxes::{Draw, VBox};

/// An element of the structure tree.
#[derive(Debug, PartialEq)]
pub(crate) struct Node {
    pub role: StructRole,
    /// `None`: a child of the document element.
    pub parent: Option<Arc<Node>>,
    pub extra: Extra,
}

/// What an element says beyond its role.
#[derive(Debug, PartialEq)]
pub(crate) enum Extra {
    None,
    /// A figure's text alternative.
    Alt(String),
    /// A footnote, by its number from 1 (its `/ID`).
    Note(usize),
    /// A header cell of a column.
    ColumnHeader,
}

impl Node {
    pub(crate) fn new(role: StructRole, parent: Option<&Arc<Node>>) -> Arc<Node> {
        Node::with(role, parent, Extra::None)
    }

    pub(crate) fn with(role: StructRole, parent: Option<&Arc<Node>>, extra: Extra) -> Arc<Node> {
        Arc::new(Node {
            role,
            parent: parent.cloned(),
            extra,
        })
    }

    /// The marked-content tag for its content (its role's name).
    pub(crate) fn tag_name(&self) -> &'static [u8] {
        match self.role {
            StructRole::H1 => b"H1",
            StructRole::H2 => b"H2",
            StructRole::H3 => b"H3",
            StructRole::H4 => b"H4",
            StructRole::H5 => b"H5",
            StructRole::H6 => b"H6",
            StructRole::Lbl => b"Lbl",
            StructRole::Link => b"Link",
            StructRole::Reference => b"Reference",
            StructRole::Figure => b"Figure",
            StructRole::TH => b"TH",
            StructRole::TD => b"TD",
            _ => b"P",
        }
    }
}

/// What a drawing belongs to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tag {
    /// Running text of the block that owns the line (not yet resolved).
    Text,
    /// The text of the paragraph's link number `n` (not yet resolved).
    LinkText(u32),
    /// A footnote mark (not yet resolved).
    NoteMark,
    /// Page furniture, not part of the content.
    Artifact,
    Element(Arc<Node>),
}

impl Tag {
    /// The inline role of text set in a style with this link and rise.
    pub(crate) fn inline(link: Option<u32>, rise: f32) -> Tag {
        match link {
            Some(n) => Tag::LinkText(n),
            None if rise > 0.0 => Tag::NoteMark,
            None => Tag::Text,
        }
    }

    fn element(&self) -> Option<&Arc<Node>> {
        match self {
            Tag::Element(n) => Some(n),
            _ => None,
        }
    }
}

/// Give the runs and links of `boxes` (the lines of one block) their
/// elements under `node`: its text, a `Link` child per link, a `Reference`
/// child per footnote mark.
pub(crate) fn resolve(boxes: &mut [VBox], node: &Arc<Node>) {
    let mut links: Vec<(u32, Arc<Node>)> = Vec::new();
    let mut link = |n: u32| -> Tag {
        if let Some((_, l)) = links.iter().find(|(k, _)| *k == n) {
            return Tag::Element(Arc::clone(l));
        }
        let l = Node::new(StructRole::Link, Some(node));
        links.push((n, Arc::clone(&l)));
        Tag::Element(l)
    };
    for b in boxes {
        for d in &mut b.draws {
            let tag = match d {
                Draw::Text(t) => &mut t.tag,
                Draw::Link { tag, .. } => tag,
                Draw::Rect { .. } | Draw::Line { .. } => continue,
            };
            *tag = match tag {
                Tag::Text => Tag::Element(Arc::clone(node)),
                Tag::LinkText(n) => link(*n),
                Tag::NoteMark => Tag::Element(Node::new(StructRole::Reference, Some(node))),
                _ => continue,
            };
        }
    }
}

/// Make everything in `b` page furniture (a table header repeated on a new page).
pub(crate) fn artifact(b: &mut VBox) {
    for d in &mut b.draws {
        match d {
            Draw::Text(t) => t.tag = Tag::Artifact,
            Draw::Rect { tag, .. } | Draw::Link { tag, .. } => *tag = Tag::Artifact,
            Draw::Line { .. } => {}
        }
    }
}

/// The marked content of one page: each drawing's sequence and each
/// sequence's element.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Per drawing: its marked-content id, `None` for an artifact.
    pub mcid: Vec<Option<u32>>,
    /// Per marked-content id, the element it belongs to.
    pub elements: Vec<Arc<Node>>,
    /// The element of each link area, in drawing order.
    pub links: Vec<Option<Arc<Node>>>,
    /// The marked-content ids in reading order (of their first drawing):
    /// a chart's shapes and its labels, numbered in two passes, are read
    /// together.
    pub order: Vec<u32>,
}

/// Number the page's marked-content sequences: shapes first, then text
/// (the order the content stream draws them), a run of drawings of one
/// element in a row sharing one sequence.
pub(crate) fn plan(draws: &[Draw]) -> Plan {
    let mut p = Plan {
        mcid: vec![None; draws.len()],
        ..Plan::default()
    };
    for text_pass in [false, true] {
        let mut last: Option<(u32, *const Node)> = None;
        for (i, d) in draws.iter().enumerate() {
            let tag = match d {
                Draw::Text(t) if text_pass => &t.tag,
                Draw::Rect { tag, .. } if !text_pass => tag,
                Draw::Line { .. } if !text_pass => {
                    last = None;
                    continue;
                }
                _ => continue,
            };
            let Some(node) = tag.element() else {
                last = None;
                continue;
            };
            let ptr = Arc::as_ptr(node);
            let id = match last {
                Some((id, at)) if at == ptr => id,
                _ => {
                    let id = u32::try_from(p.elements.len()).unwrap_or(u32::MAX);
                    p.elements.push(Arc::clone(node));
                    id
                }
            };
            last = Some((id, ptr));
            p.mcid[i] = Some(id);
        }
    }
    let mut first: Vec<(usize, u32)> = Vec::with_capacity(p.elements.len());
    for (i, id) in p.mcid.iter().enumerate() {
        if let Some(id) = *id {
            if first.iter().all(|&(_, seen)| seen != id) {
                first.push((i, id));
            }
        }
    }
    first.sort_unstable();
    p.order = first.into_iter().map(|(_, id)| id).collect();
    p.links = draws
        .iter()
        .filter_map(|d| match d {
            Draw::Link { tag, .. } => Some(tag.element().cloned()),
            _ => None,
        })
        .collect();
    p
}
