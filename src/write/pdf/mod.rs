//! The PDF writer: our own layout (line breaking, pages, footnotes, tables) and our own emitter (pdf-writer, subset fonts).
//!
//! Stages, one module each:
//! [`fonts`] (embedded faces, parsed once) → [`inline`] (inline content to styled
//! text) → [`linebreak`] (lines on glyph widths) → [`flow`] / [`table`] /
//! [`footnotes`] (blocks to boxes) → [`layout`] (boxes to pages) → [`emit`] (PDF).
//!
//! Page references need the pages of anchors, which only layout knows: a
//! document that has any is laid out again with the pages found, until they
//! stop changing.

mod boxes;
mod content;
mod embed;
mod emit;
mod estimate;
mod flow;
mod fonts;
mod footnotes;
mod inline;
mod layout;
mod linebreak;
mod style;
mod table;

use std::collections::HashMap;

use crate::document::Document;
use crate::write::{WriteError, WriteOptions, Writer};

use fonts::FontSet;
use inline::PageMap;
use layout::{compose, Composed};
use style::Theme;

/// Writes PDF.
pub struct PdfWriter;

impl Writer for PdfWriter {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn write(&self, doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        pdf(doc, opts)
    }
}

/// Render a document as PDF bytes.
pub fn pdf(doc: &Document, _opts: &WriteOptions) -> Result<Vec<u8>, WriteError> {
    Ok(render(doc)?.bytes)
}

/// A rendered PDF with what its layout found out.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The file.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: u32,
    /// The page (from 1) on which each anchor landed.
    pub anchors: HashMap<String, u32>,
}

/// Render a document as PDF, keeping its page count and anchor pages.
pub fn render(doc: &Document) -> Result<Rendered, WriteError> {
    let laid = layout(doc)?;
    let bytes = laid.emit(doc)?;
    Ok(Rendered {
        bytes,
        pages: laid.pages(),
        anchors: laid.composed.anchors,
    })
}

/// A document laid out in pages, not yet written: what other formats need
/// to know of the pagination is known before the (slower) PDF file is
/// written, so both can be written at once.
pub struct Laid {
    theme: Theme,
    composed: Composed,
}

impl Laid {
    /// How many pages it has.
    pub fn pages(&self) -> u32 {
        u32::try_from(self.composed.pages.len()).unwrap_or(u32::MAX)
    }

    /// The page (from 1) on which each anchor landed.
    pub fn anchors(&self) -> &HashMap<String, u32> {
        &self.composed.anchors
    }

    /// Write the PDF file of `doc`, which must be the document laid out.
    pub fn emit(&self, doc: &Document) -> Result<Vec<u8>, WriteError> {
        emit::emit(doc, &self.theme, &self.composed.pages)
    }
}

/// Lay a document out in pages.
pub fn layout(doc: &Document) -> Result<Laid, WriteError> {
    let (theme, composed) = lay_out(doc)?;
    Ok(Laid { theme, composed })
}

/// The page (from 1) on which each `Inline::Anchor` of the document lands.
pub fn anchor_pages(doc: &Document) -> Result<HashMap<String, u32>, WriteError> {
    Ok(lay_out(doc)?.1.anchors)
}

/// How many times layout may be repeated to settle page references.
const MAX_PASSES: usize = 4;

fn lay_out(doc: &Document) -> Result<(Theme, Composed), WriteError> {
    let theme = Theme::new(&doc.page)?;
    let fonts = FontSet::load().map_err(|message| WriteError::Backend {
        format: "pdf",
        message,
    })?;
    if !doc.has_page_refs() {
        let composed = compose(doc, &theme, &fonts, &PageMap::Guess(2));
        return Ok((theme, composed));
    }
    let guess = PageMap::Guess(estimate::page_digits(doc, &theme));
    let mut composed = compose(doc, &theme, &fonts, &guess);
    for _ in 1..MAX_PASSES {
        // Only the anchors of a pass feed the next: its pages are dropped
        // first, so that two layouts of a long document are never held at once.
        let shown = std::mem::take(&mut composed.anchors);
        drop(composed);
        let shown = PageMap::Known(shown);
        composed = compose(doc, &theme, &fonts, &shown);
        if matches!(&shown, PageMap::Known(map) if *map == composed.anchors) {
            break;
        }
    }
    Ok((theme, composed))
}
