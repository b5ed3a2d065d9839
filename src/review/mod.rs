//! The review copy: marks made ready for the review writers, placed in the
//! dataset, and taken out again for the documents sent.
//!
//! A review render ([`crate::pipeline::Pipeline::draft_for_review`]) leaves
//! `Inline::Mark` milestones in the document and a [`Mark`] for each.
//! [`prepare`] drops milestones without their pair and stretches the mark
//! of a footnote reference back over the sentence it ends, so that a
//! comment is anchored on the sentence; [`locate`] writes the dataset
//! `file:line` of each entry and source; [`strip`] gives the document the
//! normal writers see, equal to one drafted without review; [`sentences`]
//! splits the body into sentences with the marks on each, for `explain`.

mod sentences;

pub use sentences::{sentences, Sentence};

use std::collections::HashSet;
use std::path::Path;

use hrdraft_sdk::EntryKind;

use crate::dataset::EntryIndex;
use crate::document::{Block, Document, Inline, Mark};

/// Make the marks of `doc` ready for the review writers.
pub fn prepare(doc: &mut Document) {
    let mut starts = HashSet::new();
    let mut ends = HashSet::new();
    for_each_inlines(doc, &mut |xs| {
        for_marks(xs, &mut |id, end| {
            if end {
                ends.insert(id);
            } else {
                starts.insert(id);
            }
        })
    });
    let paired: HashSet<usize> = starts.intersection(&ends).copied().collect();
    for_each_inlines(doc, &mut |xs| {
        retain_marks(xs, &paired);
        stretch_notes(xs);
    });
}

/// Fill in the dataset places of every mark's entries and sources, from the
/// dataset in `dir`.
pub fn locate(doc: &mut Document, dir: &Path) {
    let index = EntryIndex::build(dir);
    locate_with(&mut doc.marks, &index);
}

/// [`locate`] with an index already built.
pub fn locate_with(marks: &mut [Mark], index: &EntryIndex) {
    for mark in marks {
        for e in &mut mark.entries {
            let kind: Option<EntryKind> =
                serde_json::from_value(serde_json::Value::String(e.kind.clone())).ok();
            e.at = kind.and_then(|k| index.entry(k, &e.id)).map(str::to_string);
        }
        for s in &mut mark.sources {
            s.at = index.source(&s.id).map(str::to_string);
        }
    }
}

/// `doc` without its marks, neighbouring texts joined again: what the
/// writers of the documents sent are given.
pub fn strip(doc: &Document) -> Document {
    let mut out = doc.clone();
    out.marks.clear();
    for_each_inlines(&mut out, &mut |xs| strip_inlines(xs));
    out
}

fn strip_inlines(xs: &mut Vec<Inline>) {
    let mut out: Vec<Inline> = Vec::with_capacity(xs.len());
    for mut i in std::mem::take(xs) {
        match &mut i {
            Inline::Mark { .. } => continue,
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => strip_inlines(c),
            Inline::Link { content, .. } => strip_inlines(content),
            _ => {}
        }
        match (out.last_mut(), i) {
            (Some(Inline::Text(prev)), Inline::Text(t)) => prev.push_str(&t),
            (_, i) => out.push(i),
        }
    }
    *xs = out;
}

/// Run `f` on every top-level inline list of the document: paragraphs,
/// headings, lines, cells, captions, in the body and the footnotes.
fn for_each_inlines(doc: &mut Document, f: &mut dyn FnMut(&mut Vec<Inline>)) {
    fn blocks(bs: &mut [Block], f: &mut dyn FnMut(&mut Vec<Inline>)) {
        for b in bs {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content, .. } => f(content),
                Block::Lines { lines, .. } => lines.iter_mut().for_each(&mut *f),
                Block::List { items, .. } => items.iter_mut().for_each(|i| blocks(i, f)),
                Block::Table(t) => t
                    .header
                    .iter_mut()
                    .chain(t.rows.iter_mut().flatten())
                    .for_each(&mut *f),
                Block::Quote(q)
                | Block::Keep { blocks: q, .. }
                | Block::Styled { blocks: q, .. } => blocks(q, f),
                Block::Chart(c) => f(&mut c.caption),
                Block::Rule | Block::PageBreak => {}
            }
        }
    }
    blocks(&mut doc.blocks, f);
    for note in &mut doc.footnotes {
        blocks(&mut note.blocks, f);
    }
}

fn for_marks(xs: &[Inline], f: &mut dyn FnMut(usize, bool)) {
    for i in xs {
        match i {
            Inline::Mark { id, end } => f(*id, *end),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => for_marks(c, f),
            Inline::Link { content, .. } => for_marks(content, f),
            _ => {}
        }
    }
}

fn retain_marks(xs: &mut Vec<Inline>, keep: &HashSet<usize>) {
    xs.retain(|i| !matches!(i, Inline::Mark { id, .. } if !keep.contains(id)));
    for i in xs.iter_mut() {
        match i {
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => retain_marks(c, keep),
            Inline::Link { content, .. } => retain_marks(content, keep),
            _ => {}
        }
    }
}

/// A mark around a footnote reference alone starts instead where the
/// sentence the reference ends starts: after the last sentence end
/// (`.`, `?` or `!`, closing quotes or brackets, a space), line break or
/// footnote reference before it in the same paragraph.
fn stretch_notes(xs: &mut Vec<Inline>) {
    let mut i = 0;
    while i + 2 < xs.len() {
        let is_note = matches!(
            (&xs[i], &xs[i + 1], &xs[i + 2]),
            (Inline::Mark { id: a, end: false }, Inline::FootnoteRef(_), Inline::Mark { id: b, end: true })
                if a == b
        );
        if !is_note {
            i += 1;
            continue;
        }
        let start = xs.remove(i);
        let at = sentence_start(xs, i);
        xs.insert(at, start);
        i += 3;
    }
}

/// Where the sentence that reaches `xs[before]` starts, splitting a text if
/// the start is inside it.
fn sentence_start(xs: &mut Vec<Inline>, before: usize) -> usize {
    let mut j = before;
    while j > 0 {
        j -= 1;
        match &xs[j] {
            Inline::Text(t) => {
                if let Some(cut) = sentence_break(t) {
                    let rest = t[cut..].to_string();
                    let head = t[..cut].to_string();
                    if rest.is_empty() {
                        return j + 1;
                    }
                    xs[j] = Inline::Text(head);
                    xs.insert(j + 1, Inline::Text(rest));
                    return j + 1;
                }
            }
            Inline::FootnoteRef(_) | Inline::LineBreak => return j + 1,
            _ => {}
        }
    }
    0
}

/// The byte just after the last sentence end in `t` that white space
/// follows, past that white space.
fn sentence_break(t: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut k = chars.len();
    while k > 0 {
        k -= 1;
        let (_, c) = chars[k];
        if !c.is_whitespace() {
            continue;
        }
        // White space at k: is it preceded by a sentence end?
        let mut p = k;
        while p > 0 && matches!(chars[p - 1].1, '”' | '’' | '"' | '\'' | ')' | ']') {
            p -= 1;
        }
        if p > 0 && matches!(chars[p - 1].1, '.' | '?' | '!') {
            let mut q = k;
            while q < chars.len() && chars[q].1.is_whitespace() {
                q += 1;
            }
            return Some(chars.get(q).map_or(t.len(), |(b, _)| *b));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn a_note_mark_covers_its_sentence() {
        let mut xs = vec![
            t("First one. Second one"),
            Inline::Mark { id: 0, end: false },
            Inline::FootnoteRef(0),
            Inline::Mark { id: 0, end: true },
            t(" Third."),
        ];
        stretch_notes(&mut xs);
        assert_eq!(
            xs,
            vec![
                t("First one. "),
                Inline::Mark { id: 0, end: false },
                t("Second one"),
                Inline::FootnoteRef(0),
                Inline::Mark { id: 0, end: true },
                t(" Third."),
            ]
        );
        strip_inlines(&mut xs);
        assert_eq!(
            xs,
            vec![
                t("First one. Second one"),
                Inline::FootnoteRef(0),
                t(" Third.")
            ]
        );
    }

    #[test]
    fn unpaired_milestones_are_dropped() {
        let mut doc = Document {
            blocks: vec![Block::Paragraph {
                content: vec![Inline::Mark { id: 1, end: false }, t("x")],
                align: Default::default(),
            }],
            marks: vec![Mark::default(), Mark::default()],
            ..Document::default()
        };
        prepare(&mut doc);
        assert_eq!(
            doc.blocks[0],
            Block::Paragraph {
                content: vec![t("x")],
                align: Default::default()
            }
        );
    }
}
