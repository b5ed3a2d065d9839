//! The structure tree, written as the pages are: each element's object as
//! soon as its content is complete, the parent tree a page at a time.
//!
//! Pages arrive in order, and the body's content comes in reading order, so
//! an element is complete once a later sibling begins (footnotes, which sit
//! at the foot of a page between the parts of a paragraph, are children of
//! the document counted apart from the body). Only the elements still open
//! (a handful: the path to the current text, the current note), the
//! document element's children and one parent-tree entry per page and link
//! are held.

use std::sync::Arc;

use pdf_writer::types::{StructRole, TableHeaderScope};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Finish, Ref, Str};

use super::out::Out;

use super::emit::Refs;
use super::tags::{Extra, Node};

/// The marked content and links of one page, as [`super::tags::plan`] found them.
#[derive(Debug, Default)]
pub(crate) struct PageTags {
    /// The element of each marked-content id.
    pub elements: Vec<Arc<Node>>,
    /// The element of each link area.
    pub links: Vec<Option<Arc<Node>>>,
    /// The marked-content ids in reading order.
    pub order: Vec<u32>,
}

impl From<super::tags::Plan> for PageTags {
    fn from(plan: super::tags::Plan) -> PageTags {
        PageTags {
            elements: plan.elements,
            links: plan.links,
            order: plan.order,
        }
    }
}

/// A child in an element's `/K`.
enum Kid {
    Content { page: Ref, mcid: i32 },
    Element(Ref),
    Annotation { page: Ref, annot: Ref },
}

struct Open {
    node: Arc<Node>,
    id: Ref,
    /// `None`: the document element.
    parent: Option<Ref>,
    kids: Vec<Kid>,
    /// Under a footnote rather than the body.
    note: bool,
}

pub(crate) struct StructWriter {
    pub root: Ref,
    document: Ref,
    document_kids: Vec<Ref>,
    open: Vec<Open>,
    /// Parent-tree entries: a page's array of elements, or a link's element.
    nums: Vec<(i32, Ref)>,
    next_key: i32,
}

impl StructWriter {
    pub(crate) fn new(refs: &mut Refs) -> StructWriter {
        StructWriter {
            root: refs.next(),
            document: refs.next(),
            document_kids: Vec::new(),
            open: Vec::new(),
            nums: Vec::new(),
            next_key: 0,
        }
    }

    /// Record page `page`'s content and its link annotations `annots`
    /// (one per [`PageTags::links`]); returns the page's `/StructParents`
    /// key and each annotation's `/StructParent` key.
    pub(crate) fn page(
        &mut self,
        pdf: &mut Out,
        refs: &mut Refs,
        page: Ref,
        tags: &PageTags,
        annots: &[Ref],
    ) -> (i32, Vec<Option<i32>>) {
        let key = self.key();
        let mut annot_keys = vec![None; annots.len()];
        let mut parents = vec![self.document; tags.elements.len()];
        for &id in &tags.order {
            let Some(node) = tags.elements.get(id as usize) else {
                continue;
            };
            let at = self.touch(pdf, node, refs);
            let mcid = i32::try_from(id).unwrap_or(i32::MAX);
            self.open[at].kids.push(Kid::Content { page, mcid });
            parents[id as usize] = self.open[at].id;
            // A link's annotations follow its first text on the page.
            if node.role == StructRole::Link {
                for (k, (link, annot)) in tags.links.iter().zip(annots).enumerate() {
                    let same = link.as_ref().is_some_and(|l| Arc::ptr_eq(l, node));
                    if same && annot_keys[k].is_none() {
                        let key = self.key();
                        annot_keys[k] = Some(key);
                        self.nums.push((key, self.open[at].id));
                        self.open[at].kids.push(Kid::Annotation {
                            page,
                            annot: *annot,
                        });
                    }
                }
            }
        }
        let array = refs.next();
        pdf.indirect(array).array().items(parents);
        self.nums.push((key, array));
        (key, annot_keys)
    }

    fn key(&mut self) -> i32 {
        let key = self.next_key;
        self.next_key = self.next_key.saturating_add(1);
        key
    }

    /// The place in `open` of `node`'s element, opened now (with its
    /// ancestors) if it is new; a new element completes its earlier siblings.
    fn touch(&mut self, pdf: &mut Out, node: &Arc<Node>, refs: &mut Refs) -> usize {
        if let Some(at) = self.open.iter().position(|o| Arc::ptr_eq(&o.node, node)) {
            return at;
        }
        let note = is_note(node);
        let parent = node.parent.as_ref().map(|p| self.touch(pdf, p, refs));
        let parent_id = parent.map(|p| self.open[p].id);
        // Everything open below the parent, in the same stream, is complete.
        let done: Vec<usize> = (0..self.open.len())
            .filter(|&i| self.open[i].note == note && self.below(i, parent_id))
            .collect();
        for &i in done.iter().rev() {
            let o = self.open.remove(i);
            write_element(pdf, &o, self.document);
        }
        let id = refs.next();
        match parent_id.and_then(|p| self.open.iter_mut().find(|o| o.id == p)) {
            Some(p) => p.kids.push(Kid::Element(id)),
            None => self.document_kids.push(id),
        }
        self.open.push(Open {
            node: Arc::clone(node),
            id,
            parent: parent_id,
            kids: Vec::new(),
            note,
        });
        self.open.len() - 1
    }

    /// Whether open element `i` lies below the element `parent` (`None`: the document).
    fn below(&self, i: usize, parent: Option<Ref>) -> bool {
        let mut at = self.open[i].parent;
        loop {
            if at == parent {
                return true;
            }
            match at.and_then(|p| self.open.iter().find(|o| o.id == p)) {
                Some(o) => at = o.parent,
                None => return false,
            }
        }
    }

    /// Write the elements still open, the document element and the root.
    pub(crate) fn finish(mut self, pdf: &mut Out) {
        for o in &self.open {
            write_element(pdf, o, self.document);
        }
        let mut doc = pdf.struct_element(self.document);
        doc.kind(StructRole::Document).parent(self.root);
        doc.children().items(self.document_kids.iter().copied());
        doc.finish();
        let mut root = pdf.indirect(self.root).start::<StructTreeRoot>();
        root.child(self.document);
        self.nums.sort_unstable_by_key(|&(key, _)| key);
        let mut tree = root.parent_tree();
        let mut nums = tree.nums();
        for (key, value) in self.nums {
            nums.insert(key, value);
        }
        nums.finish();
        tree.finish();
        root.parent_tree_next_key(self.next_key);
    }
}

fn is_note(node: &Node) -> bool {
    let mut n = node;
    loop {
        if n.role == StructRole::Note {
            return true;
        }
        match &n.parent {
            Some(p) => n = p,
            None => return false,
        }
    }
}

fn write_element(pdf: &mut Out, o: &Open, document: Ref) {
    let mut e = pdf.struct_element(o.id);
    e.kind(o.node.role).parent(o.parent.unwrap_or(document));
    match &o.node.extra {
        Extra::None => {}
        Extra::Alt(alt) => {
            e.alt(pdf_writer::TextStr(alt));
        }
        Extra::Note(n) => {
            e.id(Str(format!("note-{n}").as_bytes()));
        }
        Extra::ColumnHeader => {
            e.attributes()
                .push()
                .table()
                .scope(TableHeaderScope::Column);
        }
    }
    // Content all on one page is listed by bare ids with the page given
    // once (a third of the bytes of a reference dictionary each).
    let mut pages = o.kids.iter().filter_map(|k| match k {
        Kid::Content { page, .. } => Some(*page),
        _ => None,
    });
    let one_page = pages.next().filter(|first| pages.all(|p| p == *first));
    if let Some(page) = one_page {
        e.page(page);
    }
    let mut kids = e.children();
    for kid in &o.kids {
        match *kid {
            Kid::Content { mcid, .. } if one_page.is_some() => {
                kids.marked_content_id(mcid);
            }
            Kid::Content { page, mcid } => {
                kids.marked_content_ref().page(page).marked_content_id(mcid);
            }
            Kid::Element(id) => {
                kids.struct_element(id);
            }
            Kid::Annotation { page, annot } => {
                kids.object_ref().page(page).object(annot);
            }
        }
    }
}
