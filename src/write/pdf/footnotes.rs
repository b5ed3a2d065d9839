//! Footnotes: their bodies set as small lines, and the area at the foot of each page that holds them.
//!
//! A note goes on the page whose text references it. The composer asks the
//! area what a box's notes need; a note that cannot fit whole is either moved
//! with its referencing line to the next page or, when long, split, its rest
//! carried to the next page under a "(continued)" line in the document's
//! language ([`continued_label`]).

use std::collections::VecDeque;

use crate::document::{Align, Footnote};

use super::boxes::{Draw, Flow, Ink, TextRun, VBox};
use super::flow::{plain, FlowBuilder};
use super::fonts::Face;
use super::style::Theme;
use super::tags::{Extra, Node, Tag};
use pdf_writer::types::StructRole;

/// Set every footnote body as a list of line boxes, numbered from 1.
pub(crate) fn set_notes(fb: &FlowBuilder<'_>, notes: &[Footnote]) -> Vec<Vec<VBox>> {
    let t = fb.theme;
    let size = t.note_size;
    let x = t.margin_start + t.note_indent;
    let width = t.text_width - t.note_indent;
    notes
        .iter()
        .enumerate()
        .map(|(i, note)| {
            let mut sub = FlowBuilder::new(t, fb.fonts, fb.pages);
            let node = Node::with(StructRole::Note, None, Extra::Note(i + 1));
            sub.parent = Some(std::sync::Arc::clone(&node));
            sub.blocks(&note.blocks, x, width, size);
            let mut lines: Vec<VBox> = Vec::new();
            // Space between a note's paragraphs goes below the line before it;
            // space after its last paragraph is not wanted at the page foot.
            let mut gap = 0.0f32;
            for f in sub.out {
                let b = match f {
                    Flow::Box(b) => b,
                    Flow::TableStart(h) => match h.header {
                        Some(b) => b,
                        None => continue,
                    },
                    Flow::Space(s) => {
                        gap = gap.max(s * 0.5);
                        continue;
                    }
                    Flow::PageBreak | Flow::TableEnd => continue,
                };
                if let Some(last) = lines.last_mut() {
                    last.height += gap;
                }
                gap = 0.0;
                lines.push(b);
            }
            if lines.is_empty() {
                let fr = sub_frame(fb, x, width, size);
                lines.push(VBox {
                    height: fr.0,
                    baseline: fr.1,
                    ..VBox::default()
                });
            }
            let mut first = true;
            for b in &mut lines {
                // Notes inside notes have nowhere to go.
                b.notes.clear();
                b.keep_with_next = false;
                if first {
                    first = false;
                    let gap = t.note_gap;
                    for d in &mut b.draws {
                        d.shift(gap);
                    }
                    b.height += gap;
                    b.baseline += gap;
                    let sup = size * 0.7;
                    b.draws.insert(
                        0,
                        Draw::Text(TextRun {
                            x: t.margin_start,
                            y: b.baseline - size * 0.3,
                            face: Face::Regular,
                            size: sup,
                            text: (i + 1).to_string(),
                            space_extra: 0.0,
                            ink: Ink::Black,
                            page_ref: None,
                            tag: Tag::Element(Node::new(StructRole::Lbl, Some(&node))),
                        }),
                    );
                }
            }
            lines
        })
        .collect()
}

fn sub_frame(fb: &FlowBuilder<'_>, x: f32, width: f32, size: f32) -> (f32, f32) {
    let f = fb.frame(x, width, Align::Start, size);
    (f.height, f.baseline)
}

/// One line of a note waiting for or placed on a page.
#[derive(Debug, Clone)]
pub(crate) struct NoteLine {
    pub b: VBox,
    /// The first line of its note.
    pub first: bool,
    /// Continues a note begun on an earlier page: show "(continued)" above it.
    pub cont: bool,
}

/// The footnote area of the current page plus the lines carried to later pages.
pub(crate) struct NoteArea {
    pub lines: Vec<NoteLine>,
    pub height: f32,
    pub carry: VecDeque<NoteLine>,
    /// Height of the separator (space, rule, space) when any note is on the page.
    pub sep: f32,
    marker: VBox,
}

/// The line above the rest of a note carried over from an earlier page, in
/// the document's language (a BCP 47 tag); English for a language not listed.
pub(crate) fn continued_label(language: &str) -> &'static str {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    match primary.to_ascii_lowercase().as_str() {
        "ru" => "(продолжение)",
        "fr" => "(suite)",
        "es" => "(continuación)",
        _ => "(continued)",
    }
}

impl NoteArea {
    /// An empty area; `continued` is the label above a carried-over note.
    pub(crate) fn new(fb: &FlowBuilder<'_>, continued: &str) -> Self {
        let t = fb.theme;
        let size = t.note_size;
        let x = t.margin_start + t.note_indent;
        let frame = fb.frame(x, t.text_width, Align::Start, size);
        let marker = fb
            .lines(
                &[crate::document::Inline::Text(continued.into())],
                plain(Face::Italic, size),
                &frame,
            )
            .into_iter()
            .next()
            .unwrap_or_default();
        NoteArea {
            lines: Vec::new(),
            height: 0.0,
            carry: VecDeque::new(),
            sep: t.note_sep_above + t.note_sep_below,
            marker,
        }
    }

    /// Height the area takes from the page now.
    pub(crate) fn used(&self) -> f32 {
        if self.lines.is_empty() {
            0.0
        } else {
            self.sep + self.height
        }
    }

    /// Extra height the area would take to add a line of `h` (with "(continued)" if `cont`).
    pub(crate) fn cost(&self, h: f32, cont: bool) -> f32 {
        let sep = if self.lines.is_empty() { self.sep } else { 0.0 };
        sep + h + if cont { self.marker.height } else { 0.0 }
    }

    /// Put a line on the current page.
    pub(crate) fn push(&mut self, line: NoteLine) {
        if self.lines.is_empty() {
            self.height = 0.0;
        }
        if line.cont {
            self.height += self.marker.height;
            self.lines.push(NoteLine {
                b: self.marker.clone(),
                first: false,
                cont: true,
            });
        }
        self.height += line.b.height;
        self.lines.push(NoteLine {
            cont: false,
            ..line
        });
    }

    /// Take the last line put on the page back off it.
    pub(crate) fn take_back(&mut self) -> Option<NoteLine> {
        let line = self.lines.pop()?;
        self.height -= line.b.height;
        // A continuation's label goes with the line it labels.
        if self.lines.last().is_some_and(|l| l.cont) {
            if let Some(label) = self.lines.pop() {
                self.height -= label.b.height;
            }
            return Some(NoteLine { cont: true, ..line });
        }
        Some(line)
    }

    /// Queue a note's lines behind earlier carried ones.
    pub(crate) fn carry_lines(&mut self, lines: impl IntoIterator<Item = NoteLine>) {
        self.carry.extend(lines);
    }

    /// Mark the carried rest as a continuation if it starts inside a note.
    pub(crate) fn mark_continuation(&mut self) {
        if let Some(front) = self.carry.front_mut() {
            if !front.first {
                front.cont = true;
            }
        }
    }

    /// Draw the area at the foot of the page and empty it; returns the anchors it held.
    pub(crate) fn close(&mut self, t: &Theme, draws: &mut Vec<Draw>) -> Vec<String> {
        let mut anchors = Vec::new();
        if self.lines.is_empty() {
            return anchors;
        }
        let top = t.body_bottom() - self.used();
        let rule_y = top + t.note_sep_above;
        let continued = self.lines.first().is_some_and(|l| l.cont);
        let rule_len = if continued {
            t.text_width
        } else {
            t.text_width / 3.0
        };
        draws.push(Draw::Line {
            x1: t.margin_start,
            y1: rule_y,
            x2: t.margin_start + rule_len,
            y2: rule_y,
            width: t.rule_width,
        });
        let mut y = top + self.sep;
        for line in self.lines.drain(..) {
            draws.extend(line.b.draws.iter().map(|d| d.shifted(y)));
            anchors.extend(line.b.anchors);
            y += line.b.height;
        }
        self.height = 0.0;
        anchors
    }
}
