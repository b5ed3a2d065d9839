//! The PDF writer: our own layout (line breaking, pages, footnotes, tables) and our own emitter (pdf-writer, subset fonts).
//!
//! Stages, one module each:
//! [`fonts`] (embedded faces, parsed once) → [`inline`] (inline content to styled
//! text) → [`linebreak`] (lines on glyph widths) → [`flow`] / [`table`] /
//! [`footnotes`] (blocks to boxes) → [`layout`] (boxes to pages) → [`emit`] (PDF).
//!
//! Page references need the pages of anchors, which only layout knows: a
//! document that has any is laid out again with the pages found, until they
//! stop changing, in one loop ([`settle`]) that both writing and
//! [`paginate`] use. Pages are written as layout finishes them and never
//! held all at once.

mod boxes;
mod content;
mod drawing;
mod embed;
mod emit;
mod estimate;
mod fallback;
mod flow;
mod fonts;
mod footnotes;
mod hyphenate;
mod inline;
mod justify;
mod layout;
mod letterhead;
mod linebreak;
mod missing;
mod out;
mod pagerefs;
mod structure;
mod style;
mod table;
mod tags;
mod workers;

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::sync::{mpsc, Arc, Mutex};

use crate::document::Document;
use crate::write::{Paged, Pagination, WriteError, WriteOptions, Writer};

use emit::{Emitter, EncodedPage, Encoder, HeldPage};
use fonts::FontSet;
use inline::PageMap;
use layout::compose;
use out::{Finished, Out};
use style::Theme;

pub use missing::{missing_glyphs, MissingGlyphs};
pub(crate) use table::CellMeasure;

/// Writes PDF.
pub struct PdfWriter;

impl Writer for PdfWriter {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn warm(&self) {
        // An error is reported when the document is written.
        let _ = fonts();
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn write(&self, doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        pdf(doc, opts)
    }

    fn pagination(&self) -> Pagination {
        Pagination::Lays
    }

    fn write_paged(&self, doc: &Document, _opts: &WriteOptions) -> Result<Paged, WriteError> {
        let laid = settle(doc, Output::Write(None))?;
        Ok(Paged {
            bytes: laid.bytes,
            pages: laid.pages,
            anchors: laid.anchors.into_iter().collect(),
        })
    }

    fn write_paged_into(
        &self,
        doc: &Document,
        _opts: &WriteOptions,
        file: &File,
    ) -> Result<Option<Paged>, WriteError> {
        let laid = settle(doc, Output::Write(Some(file)))?;
        Ok(Some(Paged {
            bytes: Vec::new(),
            pages: laid.pages,
            anchors: laid.anchors.into_iter().collect(),
        }))
    }

    fn loss(&self, doc: &Document) -> Vec<String> {
        let mut messages = missing_glyphs(doc).messages();
        messages.extend(letterhead::overflow(doc));
        messages
    }
}

/// A document as PDF bytes.
pub fn pdf(doc: &Document, _opts: &WriteOptions) -> Result<Vec<u8>, WriteError> {
    Ok(settle(doc, Output::Write(None))?.bytes)
}

/// The page (from 1) on which each `Inline::Anchor` of the document lands,
/// as the PDF lays it out, without writing the PDF.
pub fn paginate(doc: &Document) -> Result<BTreeMap<String, u32>, WriteError> {
    Ok(settle(doc, Output::Measure)?.anchors.into_iter().collect())
}

/// How many pages a document has as PDF.
pub fn page_count(doc: &Document) -> Result<u32, WriteError> {
    Ok(settle(doc, Output::Write(None))?.pages)
}

/// What a layout pass does with the pages it finishes.
#[derive(Debug, Clone, Copy)]
enum Output<'f> {
    /// Encode and write them: the pass gives the file, in memory or, when
    /// a file is given, in it (from its start, whatever it held).
    Write(Option<&'f File>),
    /// Drop them (keeping only those that wait for page numbers): the pass
    /// gives where the anchors land.
    Measure,
}

/// A document laid out: the file (empty when only measured or written to
/// a file), its page count and the page of each anchor.
#[derive(Debug, Clone)]
struct Laid {
    bytes: Vec<u8>,
    pages: u32,
    anchors: HashMap<String, u32>,
}

/// How many times layout may be repeated to settle page references.
const MAX_PASSES: usize = 4;

/// Lay a document out until its page references settle, writing the last
/// pass when `output` says so: the one place layout is repeated.
///
/// A document with page references needs the pages its anchors land on.
/// Where every reference stands alone in its paragraph or cell, one pass
/// does: see [`pagerefs`]. Otherwise the document is first laid out without
/// being written, showing placeholders as wide as the page count a quick
/// estimate gives ([`estimate`]), to find where its anchors land; the next
/// pass shows those pages (and is written as it goes). Should that pass move
/// an anchor (a page number wider than its placeholder pushed text along),
/// what it found is dropped and the document laid out again with the new
/// pages, at most [`MAX_PASSES`] times in all.
fn settle(doc: &Document, output: Output) -> Result<Laid, WriteError> {
    let theme = Theme {
        hyphenation: hyphenate::language(&doc.meta.language),
        keep_whole: doc.meta.names.clone(),
        ..Theme::new(&doc.page)?
    };
    let fonts = fonts()?;
    if !doc.has_page_refs() {
        return pass(doc, &theme, &fonts, &PageMap::Guess(2), None, output).map(Pass::laid);
    }
    let guess = PageMap::Guess(estimate::page_digits(doc, &theme));
    let mut shown = match pagerefs::alone(doc) {
        Some(refs) => match pass(doc, &theme, &fonts, &guess, Some(refs), output)? {
            Pass::Done(laid) => return Ok(laid),
            Pass::Again(anchors) => PageMap::Known(anchors),
        },
        None => PageMap::Known(compose(doc, &theme, &fonts, &guess, &mut drop).anchors),
    };
    let mut passes = 1;
    loop {
        let laid = pass(doc, &theme, &fonts, &shown, None, output)?.laid();
        passes += 1;
        let settled = matches!(&shown, PageMap::Known(map) if *map == laid.anchors);
        if settled || passes >= MAX_PASSES {
            return Ok(laid);
        }
        shown = PageMap::Known(laid.anchors);
    }
}

/// One layout pass that writes, or only measures (see [`Output`]).
fn pass(
    doc: &Document,
    theme: &Theme,
    fonts: &FontSet,
    shown: &PageMap,
    refs: Option<usize>,
    output: Output,
) -> Result<Pass, WriteError> {
    match output {
        Output::Write(file) => write_pass(doc, theme, fonts, shown, refs, file),
        Output::Measure => Ok(measure_pass(doc, theme, fonts, shown, refs)),
    }
}

/// A pass that writes nothing: pages are dropped as layout finishes them,
/// except, with `refs`, those holding page references, which are kept to
/// learn whether the pages found fit their placeholders.
fn measure_pass(
    doc: &Document,
    theme: &Theme,
    fonts: &FontSet,
    shown: &PageMap,
    refs: Option<usize>,
) -> Pass {
    let mut held = Vec::new();
    let composed = compose(doc, theme, fonts, shown, &mut |page| {
        if refs.is_some() {
            held.extend(pagerefs::take_waiting(page));
        }
    });
    let complete = refs.is_none_or(|n| n == held.len())
        && held
            .iter_mut()
            .all(|run| pagerefs::fill_run(run, &composed.anchors, fonts));
    if complete {
        Pass::Done(Laid {
            bytes: Vec::new(),
            pages: composed.pages.max(1),
            anchors: composed.anchors,
        })
    } else {
        Pass::Again(composed.anchors)
    }
}

fn fonts() -> Result<FontSet, WriteError> {
    FontSet::load().map_err(|message| WriteError::Backend {
        format: "pdf",
        message,
    })
}

/// What a pass gives: the document laid out, or, when the references it
/// held back could not take their numbers, the anchors it found.
enum Pass {
    Done(Laid),
    Again(HashMap<String, u32>),
}

impl Pass {
    /// What a pass that held nothing back gives, which is always a layout.
    fn laid(self) -> Laid {
        match self {
            Pass::Done(laid) => laid,
            Pass::Again(anchors) => Laid {
                bytes: Vec::new(),
                pages: 0,
                anchors,
            },
        }
    }
}

/// What layout sends the writer thread, each with its page's index.
enum ToWriter {
    /// A page.
    Page(usize, EncodedPage),
    /// Keep a page's place: it waits for page numbers.
    /// A page held for its page numbers, with the structure its content will have.
    Hold(usize, structure::PageTags),
    /// A page whose place was kept.
    Held(usize, EncodedPage),
}

/// One pass that writes: layout and the encoding of each finished page
/// into a content stream on this thread; compressing on other threads (for
/// a long document, as many as layout's workers; else on the writer's); the
/// writer appending pages in page order, so that the file is the same
/// whichever thread finishes first. Channels are bounded: layout waits
/// rather than pile pages up.
///
/// With `refs` (the number of page references, each alone on its line),
/// pages with references are held back until layout has found every
/// anchor, then given their numbers and written.
fn write_pass(
    doc: &Document,
    theme: &Theme,
    fonts: &FontSet,
    shown: &PageMap,
    refs: Option<usize>,
    file: Option<&File>,
) -> Result<Pass, WriteError> {
    let out = match file {
        None => Out::memory(),
        Some(file) => {
            // A pass before this one may have written part of a file.
            let io = |e: std::io::Error| emit::backend(format!("cannot write the file: {e}"));
            let mut file = file.try_clone().map_err(io)?;
            file.set_len(0).map_err(io)?;
            file.seek(SeekFrom::Start(0)).map_err(io)?;
            Out::file(file)
        }
    };
    let mut emitter = Emitter::new(doc, theme, out);
    let mut encoder = Encoder::new(&emitter)?;
    let compressors = workers::count(doc.blocks.len());
    std::thread::scope(|scope| {
        let (to_writer, from_layout) = mpsc::sync_channel::<ToWriter>(32);
        let writer = scope.spawn(move || {
            // Pages are appended in page order, whatever order they come in.
            let mut next = 0;
            let mut early = std::collections::BTreeMap::new();
            let mut held = std::collections::BTreeMap::new();
            for message in from_layout {
                match message {
                    ToWriter::Held(i, page) => {
                        held.insert(i, page);
                    }
                    ToWriter::Page(i, _) | ToWriter::Hold(i, _) => {
                        early.insert(i, message);
                    }
                }
                while let Some(message) = early.remove(&next) {
                    match message {
                        ToWriter::Page(_, page) => emitter.page(&page),
                        ToWriter::Hold(_, tags) => {
                            emitter.reserve(&tags);
                        }
                        ToWriter::Held(..) => {}
                    }
                    next += 1;
                }
            }
            for (i, page) in held {
                emitter.page_at(i, &page);
            }
            emitter
        });
        let to_compress = if compressors == 0 {
            to_writer
        } else {
            let (to_compress, queue) = mpsc::sync_channel::<ToWriter>(32);
            let queue = Arc::new(Mutex::new(queue));
            for _ in 0..compressors {
                let queue = Arc::clone(&queue);
                let to_writer = to_writer.clone();
                scope.spawn(move || loop {
                    let message = match queue.lock().map(|q| q.recv()) {
                        Ok(Ok(m)) => m,
                        _ => break,
                    };
                    let message = match message {
                        ToWriter::Page(i, mut page) => {
                            page.compress();
                            ToWriter::Page(i, page)
                        }
                        ToWriter::Held(i, mut page) => {
                            page.compress();
                            ToWriter::Held(i, page)
                        }
                        hold => hold,
                    };
                    if to_writer.send(message).is_err() {
                        break;
                    }
                });
            }
            // The compressors hold the writer's channel now: it closes when they end.
            drop(to_writer);
            to_compress
        };
        // Pages held back for their page numbers, encoded without them.
        let mut held: Vec<(usize, HeldPage)> = Vec::new();
        let mut waiting = 0;
        let mut index = 0;
        let composed = compose(doc, theme, fonts, shown, &mut |page| {
            let refs_here = if refs.is_some() {
                pagerefs::waiting(&page)
            } else {
                0
            };
            // A thread downstream only stops receiving when it panicked,
            // which the scope reports when it ends.
            let _ = if refs_here > 0 {
                waiting += refs_here;
                let mut page = encoder.page_held(&page);
                let tags = std::mem::take(&mut page.encoded.tags);
                held.push((index, page));
                to_compress.send(ToWriter::Hold(index, tags))
            } else {
                to_compress.send(ToWriter::Page(index, encoder.page(&page)))
            };
            index += 1;
        });
        let mut complete = refs.is_none_or(|n| n == waiting);
        for (i, page) in held {
            if !complete {
                break;
            }
            match encoder.fill(page, |run| {
                pagerefs::fill_run(run, &composed.anchors, fonts)
            }) {
                Some(filled) => {
                    let _ = to_compress.send(ToWriter::Held(i, filled));
                }
                None => complete = false,
            }
        }
        drop(to_compress);
        let emitter = writer
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        if !complete {
            return Ok(Pass::Again(composed.anchors));
        }
        let bytes = match emitter.finish(&encoder.finish(), &composed.outline)? {
            Finished::Memory(bytes) => bytes,
            Finished::File => Vec::new(),
        };
        Ok(Pass::Done(Laid {
            bytes,
            pages: composed.pages.max(1),
            anchors: composed.anchors,
        }))
    })
}
