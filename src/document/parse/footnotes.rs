//! Footnote numbering: notes are numbered in order of first reference.
//!
//! While parsing, every label gets a provisional id in the order it is met
//! (reference or definition). At the end the body is walked in reading
//! order, then the bodies of the notes found, so that a note referred to only
//! from another note comes after the body's notes; references are rewritten
//! to the final numbers and unreferenced definitions dropped.

use std::collections::{HashMap, VecDeque};

use super::{ParseError, ParseWarning};
use crate::document::{Align, Block, Footnote, Inline};

/// Labels, provisional ids and definitions met so far.
#[derive(Debug, Default)]
pub struct Notes {
    ids: HashMap<String, usize>,
    labels: Vec<String>,
    lines: Vec<usize>,
    defs: Vec<Option<Vec<Block>>>,
    warnings: Vec<ParseWarning>,
}

impl Notes {
    /// The provisional id of a label (labels match regardless of case).
    pub fn id(&mut self, label: &str, line: usize) -> usize {
        let key = label.to_lowercase();
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.labels.len();
        self.ids.insert(key, id);
        self.labels.push(label.to_string());
        self.lines.push(line);
        self.defs.push(None);
        id
    }

    /// Record the definition of a label.
    pub fn define(&mut self, label: &str, line: usize, blocks: Vec<Block>) {
        let id = self.id(label, line);
        if self.defs[id].is_some() {
            self.warnings.push(ParseWarning::DuplicateFootnote {
                label: label.to_string(),
                line,
            });
        } else {
            self.defs[id] = Some(blocks);
        }
    }

    /// Take in the notes of a piece of the document read on its own, whose
    /// body is `blocks`: its labels get this reading's ids (its references
    /// in `blocks` and in its definitions are rewritten to them) and its
    /// definitions are recorded. Pieces are taken in the document's order.
    pub fn absorb(&mut self, piece: Notes, blocks: &mut [Block]) {
        let map: Vec<usize> = piece
            .labels
            .iter()
            .zip(&piece.lines)
            .map(|(label, &line)| self.id(label, line))
            .collect();
        let same = map.iter().enumerate().all(|(i, &id)| i == id);
        if !same {
            walk(blocks, &mut |id| *id = map[*id]);
        }
        self.warnings.extend(piece.warnings);
        for (local, def) in piece.defs.into_iter().enumerate() {
            let Some(mut def) = def else { continue };
            if !same {
                walk(&mut def, &mut |id| *id = map[*id]);
            }
            let id = map[local];
            if self.defs[id].is_some() {
                self.warnings.push(ParseWarning::DuplicateFootnote {
                    label: piece.labels[local].clone(),
                    line: piece.lines[local],
                });
            } else {
                self.defs[id] = Some(def);
            }
        }
    }

    /// Move every line this reading recorded `by` lines down: for a piece
    /// read before the number of lines above it was known.
    /// Whether the piece refers to no note and has nothing to warn of.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.warnings.is_empty()
    }

    pub fn shift_lines(&mut self, by: usize) {
        for line in &mut self.lines {
            *line += by;
        }
        for w in &mut self.warnings {
            match w {
                ParseWarning::UnusedFootnote { line, .. }
                | ParseWarning::DuplicateFootnote { line, .. } => *line += by,
            }
        }
    }

    /// Number the notes, rewrite the references in `body`, and return the
    /// notes in order with any warnings.
    pub fn finish(
        mut self,
        body: &mut [Block],
    ) -> Result<(Vec<Footnote>, Vec<ParseWarning>), ParseError> {
        let mut number: HashMap<usize, usize> = HashMap::new();
        let mut order: Vec<usize> = Vec::new();
        let mut queue = VecDeque::new();
        let mut meet = |id: &mut usize, order: &mut Vec<usize>, queue: &mut VecDeque<usize>| {
            if !number.contains_key(id) {
                number.insert(*id, order.len());
                order.push(*id);
                queue.push_back(*id);
            }
        };
        walk(body, &mut |id| meet(id, &mut order, &mut queue));
        while let Some(id) = queue.pop_front() {
            let Some(def) = self.defs.get_mut(id).and_then(Option::as_mut) else {
                return Err(ParseError::UndefinedFootnote {
                    label: self.labels.get(id).cloned().unwrap_or_default(),
                    line: self.lines.get(id).copied().unwrap_or(0),
                });
            };
            let mut found = Vec::new();
            walk(def, &mut |id| found.push(*id));
            for mut id in found {
                meet(&mut id, &mut order, &mut queue);
            }
        }
        let map = |id: &mut usize| {
            if let Some(&n) = number.get(id) {
                *id = n;
            }
        };
        let mut map = map;
        walk(body, &mut map);
        let mut notes = Vec::with_capacity(order.len());
        for &id in &order {
            let mut blocks = self.defs[id].take().unwrap_or_default();
            walk(&mut blocks, &mut map);
            // Notes are short and often end in a long symbol or address:
            // justified, their last lines would stretch. They start flush.
            for b in &mut blocks {
                if let Block::Paragraph { align, .. } = b {
                    if *align == Align::Justify {
                        *align = Align::Start;
                    }
                }
            }
            notes.push(Footnote { blocks });
        }
        for (id, def) in self.defs.iter().enumerate() {
            if def.is_some() && !number.contains_key(&id) {
                self.warnings.push(ParseWarning::UnusedFootnote {
                    label: self.labels[id].clone(),
                    line: self.lines[id],
                });
            }
        }
        Ok((notes, self.warnings))
    }
}

/// Call `f` on every footnote reference in `blocks`, in reading order.
fn walk(blocks: &mut [Block], f: &mut dyn FnMut(&mut usize)) {
    for b in blocks {
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                walk_inlines(content, f)
            }
            Block::Lines { lines, .. } => lines.iter_mut().for_each(|l| walk_inlines(l, f)),
            Block::List { items, .. } => items.iter_mut().for_each(|i| walk(i, f)),
            Block::Table(t) => {
                t.header.iter_mut().for_each(|c| walk_inlines(c, f));
                for row in &mut t.rows {
                    row.iter_mut().for_each(|c| walk_inlines(c, f));
                }
            }
            Block::Quote(inner)
            | Block::Keep { blocks: inner, .. }
            | Block::Styled { blocks: inner, .. } => walk(inner, f),
            Block::Chart(c) => walk_inlines(&mut c.caption, f),
            Block::Rule | Block::PageBreak => {}
        }
    }
}

fn walk_inlines(inlines: &mut [Inline], f: &mut dyn FnMut(&mut usize)) {
    for i in inlines {
        match i {
            Inline::FootnoteRef(id) => f(id),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => walk_inlines(c, f),
            Inline::Link { content, .. } => walk_inlines(content, f),
            Inline::Text(_)
            | Inline::LineBreak
            | Inline::Anchor(_)
            | Inline::PageRef { .. }
            | Inline::Mark { .. } => {}
        }
    }
}
