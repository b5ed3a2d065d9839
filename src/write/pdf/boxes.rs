//! What layout produces: drawing commands grouped into vertical boxes, and the flow of boxes.
//!
//! Coordinates inside a box run from its top-left corner, y downwards; the page
//! composer shifts them to their place on a page and the emitter flips them into
//! PDF's bottom-up space.

use super::fonts::Face;
use super::tags::Tag;

/// Colour of text or lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Ink {
    Black,
    Link,
}

/// A run of text in one face and size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextRun {
    /// Left edge.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub face: Face,
    pub size: f32,
    pub text: String,
    /// Extra space after each U+0020 in `text`, for justification.
    pub space_extra: f32,
    pub ink: Ink,
    /// Set when the run is a page reference alone on its line, shown as a
    /// placeholder, whose number can be put in once the page is known.
    pub page_ref: Option<Box<PageRefSlot>>,
    /// What the run is in the structure tree.
    pub tag: Tag,
}

/// Where a page reference's number goes (see `pagerefs`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageRefSlot {
    /// The anchor referred to.
    pub name: String,
    /// What goes before the number ("page\u{a0}", or nothing).
    pub label: String,
    /// The placeholder's width.
    pub shown: f32,
    /// How much of the width the number is narrower by goes before it:
    /// 0 for a line set from the start, ½ centred, 1 set from the end.
    pub shift: f32,
}

/// One drawing command.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Draw {
    Text(TextRun),
    /// A straight line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A rectangle filled with a grey (0 black, 1 white) and outlined in
    /// black; `y` is its top.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: f32,
        tag: Tag,
    },
    /// A clickable area opening `url`; `y` is its top.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        url: String,
        tag: Tag,
    },
}

impl Draw {
    /// The same command moved down by `dy`.
    pub(crate) fn shifted(&self, dy: f32) -> Draw {
        let mut d = self.clone();
        d.shift(dy);
        d
    }

    /// Move the command down by `dy`.
    pub(crate) fn shift(&mut self, dy: f32) {
        match self {
            Draw::Text(t) => t.y += dy,
            Draw::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
            Draw::Link { y, .. } | Draw::Rect { y, .. } => *y += dy,
        }
    }
}

/// A box stacked vertically on a page: usually one line of text, or a slice of a table row.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct VBox {
    pub height: f32,
    /// Baseline of the first text line, for list labels.
    pub baseline: f32,
    pub draws: Vec<Draw>,
    /// Footnotes referenced in this box (indexes into `Document::footnotes`).
    pub notes: Vec<usize>,
    /// Anchors that land in this box.
    pub anchors: Vec<String>,
    /// The heading this box starts, by level and text, for the outline.
    pub outline: Option<(u8, String)>,
    /// Keep this box on the same page as the next one where possible.
    pub keep_with_next: bool,
}

/// The header of a table, repeated at the top of each page the table continues on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TableHead {
    pub header: Option<VBox>,
    /// Horizontal extent, for closing the border at a page break.
    pub x1: f32,
    pub x2: f32,
}

/// The body as a sequence of boxes and vertical spaces.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Flow {
    Box(VBox),
    /// Vertical space; dropped at the top of a page, the larger wins when two meet.
    Space(f32),
    PageBreak,
    TableStart(TableHead),
    TableEnd,
}
