//! The PDF writer: our own layout (line breaking, pages, footnotes, tables) and our own emitter (pdf-writer, subset fonts).
//!
//! Stages, one module each:
//! [`fonts`] (embedded faces, parsed once) → [`inline`] (inline content to styled
//! text) → [`linebreak`] (lines on glyph widths) → [`flow`] / [`table`] /
//! [`footnotes`] (blocks to boxes) → [`layout`] (boxes to pages) → [`emit`] (PDF).
//!
//! Page references need the pages of anchors, which only layout knows: a
//! document that has any is laid out again with the pages found, until they
//! stop changing (see [`render`]). Pages are written as layout finishes them
//! and never held all at once.

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

use emit::{Emitter, EncodedPage, Encoder};
use fonts::FontSet;
use inline::PageMap;
use layout::compose;
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

/// How many times layout may be repeated to settle page references.
const MAX_PASSES: usize = 4;

/// Lay a document out and write it as PDF, keeping its page count and
/// anchor pages.
///
/// A document with page references is first laid out once without being
/// written, showing placeholders as wide as the page count a quick estimate
/// gives ([`estimate`]), to find where its anchors land; the next pass shows
/// those pages and is written as it goes. Should that pass move an anchor
/// (a page number wider than its placeholder pushed text along), what it
/// wrote is dropped and the document laid out again with the new pages.
pub fn render(doc: &Document) -> Result<Rendered, WriteError> {
    let theme = Theme::new(&doc.page)?;
    let fonts = fonts()?;
    if !doc.has_page_refs() {
        return write_pass(doc, &theme, &fonts, &PageMap::Guess(2));
    }
    let mut shown = PageMap::Known(find_anchors(doc, &theme, &fonts)?);
    let mut passes = 1;
    loop {
        let rendered = write_pass(doc, &theme, &fonts, &shown)?;
        passes += 1;
        let settled = matches!(&shown, PageMap::Known(map) if *map == rendered.anchors);
        if settled || passes >= MAX_PASSES {
            return Ok(rendered);
        }
        shown = PageMap::Known(rendered.anchors);
    }
}

/// The page (from 1) on which each `Inline::Anchor` of the document lands,
/// as [`render`] would find them, without writing the PDF.
pub fn anchor_pages(doc: &Document) -> Result<HashMap<String, u32>, WriteError> {
    let theme = Theme::new(&doc.page)?;
    let fonts = fonts()?;
    if !doc.has_page_refs() {
        return Ok(compose(doc, &theme, &fonts, &PageMap::Guess(2), &mut drop).anchors);
    }
    let mut shown = find_anchors(doc, &theme, &fonts)?;
    for _ in 1..MAX_PASSES {
        let found = compose(
            doc,
            &theme,
            &fonts,
            &PageMap::Known(shown.clone()),
            &mut drop,
        )
        .anchors;
        if found == shown {
            break;
        }
        shown = found;
    }
    Ok(shown)
}

/// How many pages a document has, as [`render`] would lay it out.
pub fn page_count(doc: &Document) -> Result<u32, WriteError> {
    let theme = Theme::new(&doc.page)?;
    let fonts = fonts()?;
    let shown = if doc.has_page_refs() {
        PageMap::Known(anchor_pages(doc)?)
    } else {
        PageMap::Guess(2)
    };
    Ok(compose(doc, &theme, &fonts, &shown, &mut drop).pages)
}

fn fonts() -> Result<FontSet, WriteError> {
    FontSet::load().map_err(|message| WriteError::Backend {
        format: "pdf",
        message,
    })
}

/// The first pass: anchors found with placeholder page numbers; nothing kept.
fn find_anchors(
    doc: &Document,
    theme: &Theme,
    fonts: &FontSet,
) -> Result<HashMap<String, u32>, WriteError> {
    let guess = PageMap::Guess(estimate::page_digits(doc, theme));
    Ok(compose(doc, theme, fonts, &guess, &mut drop).anchors)
}

/// One pass that writes: layout and the encoding of each finished page
/// into a content stream on this thread, compressing and writing it on
/// another, so that the two overlap. The channel is bounded: layout waits
/// rather than pile pages up.
fn write_pass(
    doc: &Document,
    theme: &Theme,
    fonts: &FontSet,
    shown: &PageMap,
) -> Result<Rendered, WriteError> {
    let mut emitter = Emitter::new(doc, theme);
    let mut encoder = Encoder::new(&emitter)?;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<EncodedPage>(32);
        let writer = scope.spawn(move || {
            for page in rx {
                emitter.page(&page);
            }
            emitter
        });
        let composed = compose(doc, theme, fonts, shown, &mut |page| {
            // The writer only stops receiving when it panicked, which `join` reports.
            let _ = tx.send(encoder.page(&page));
        });
        drop(tx);
        let emitter = writer
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        let bytes = emitter.finish(&encoder.finish())?;
        Ok(Rendered {
            bytes,
            pages: composed.pages.max(1),
            anchors: composed.anchors,
        })
    })
}
