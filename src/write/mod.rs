//! Writers: one module per output format, each turning a [`Document`] into bytes.
//!
//! Every writer has the shape `fn(&Document, &WriteOptions) -> Result<Vec<u8>>`;
//! the caller decides where the bytes go. [`writer`] finds one by name, and
//! [`write_formats`] is the pipeline's write stage: it writes one document in
//! every format asked for, paginating it first when a writer needs page
//! numbers it cannot find itself ([`Pagination`]).

mod chart;
pub mod html;
pub mod markdown;
mod svg;

use std::collections::BTreeMap;

use crate::document::Document;

pub mod docx;
pub mod pdf;
pub mod review;
pub mod table_width;

/// Options shared by every writer.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// The page each anchor lands on, as the PDF lays the document out.
    /// Formats that cannot paginate themselves (DOCX until Word updates its
    /// fields) show these numbers for page references; empty when unknown.
    pub anchor_pages: BTreeMap<String, u32>,
}

/// Why a writer could not produce its output.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The document cannot be expressed in this format.
    #[error("{format}: {message}")]
    Unsupported {
        /// The format's name.
        format: &'static str,
        /// What went wrong, for a drafter.
        message: String,
    },
    /// The writer's library failed.
    #[error("{format}: {message}")]
    Backend {
        /// The format's name.
        format: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// What a writer has to do with pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pagination {
    /// The format has no pages, or its reader lays them out (HTML, Markdown).
    None,
    /// The format shows page numbers of page references but cannot find
    /// them itself: it is given the pages a layout found
    /// ([`WriteOptions::anchor_pages`]). The DOCX, until Word updates its fields.
    Needs,
    /// The writer lays the document out into pages and tells where each
    /// anchor landed ([`Writer::write_paged`]): the PDF.
    Lays,
}

/// A document written by a writer that lays out pages.
#[derive(Debug, Clone, Default)]
pub struct Paged {
    /// The file.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: u32,
    /// The page (from 1) on which each anchor landed.
    pub anchors: BTreeMap<String, u32>,
}

/// An output format.
pub trait Writer: Sync {
    /// Name used on the command line ("docx").
    fn name(&self) -> &'static str;
    /// File extension, without the dot.
    fn extension(&self) -> &'static str;
    /// Write the document.
    fn write(&self, doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, WriteError>;
    /// What this writer does with pages; [`Pagination::None`] unless it says.
    fn pagination(&self) -> Pagination {
        Pagination::None
    }
    /// Write the document, with its pages and where its anchors landed;
    /// only writers that lay out pages ([`Pagination::Lays`]) know them.
    fn write_paged(&self, doc: &Document, opts: &WriteOptions) -> Result<Paged, WriteError> {
        Ok(Paged {
            bytes: self.write(doc, opts)?,
            ..Paged::default()
        })
    }
    /// [`Writer::write_paged`], the file's bytes written into `file` as
    /// they are made rather than held (its `bytes` then empty), for a
    /// writer whose files can be large; `None`, with nothing written,
    /// from a writer that does not (the default), whose bytes the caller
    /// then asks for.
    fn write_paged_into(
        &self,
        _doc: &Document,
        _opts: &WriteOptions,
        _file: &std::fs::File,
    ) -> Result<Option<Paged>, WriteError> {
        Ok(None)
    }
    /// What the user should know about a document written with a loss
    /// (the PDF: characters its fonts cannot show, text drawn unshaped);
    /// empty when nothing is lost.
    fn loss(&self, _doc: &Document) -> Vec<String> {
        Vec::new()
    }
    /// Do now what writing any document will need (the PDF: reading its
    /// fonts' metrics, once per process), so that a command can do it on
    /// a thread that would otherwise wait. Nothing, unless a writer says.
    fn warm(&self) {}
}

/// One document written in several formats.
pub struct Written {
    /// Each format's writer with the bytes it wrote, in the order asked for.
    pub files: Vec<(&'static dyn Writer, Vec<u8>)>,
    /// The format whose file was written into the file a [`FileFor`] gave,
    /// as it was made: its entry in `files` holds no bytes.
    pub in_file: Option<&'static str>,
    /// Pages of the document, when a writer laid it out.
    pub pages: Option<u32>,
    /// What the user should know about a format written with a loss, by
    /// its writer's name (see [`Writer::loss`]).
    pub warnings: Vec<(&'static str, String)>,
}

/// Where the writer that lays out pages ([`Pagination::Lays`]) may write
/// its file as it makes it, rather than hand its bytes back (see
/// [`Writer::write_paged_into`]): given the writer, an open file to write
/// into from its start, or `None` for the bytes. A 100,000-recommendation
/// report's PDF is a quarter of a gigabyte.
#[derive(Clone, Copy)]
pub struct FileFor<'a>(
    pub &'a (dyn Fn(&'static dyn Writer) -> Result<Option<std::fs::File>, WriteError> + Sync),
);

impl std::fmt::Debug for FileFor<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FileFor(..)")
    }
}

/// The page (from 1) on which each anchor of `doc` lands: the pagination
/// stage, for writers that need page numbers they cannot find themselves.
/// The layout is the PDF's, the one layout hrdraft has.
pub fn paginate(doc: &Document) -> Result<BTreeMap<String, u32>, WriteError> {
    pdf::paginate(doc)
}

/// The write stage: `doc` in every format of `formats`, each on its own
/// thread. A writer that needs page numbers ([`Pagination::Needs`]) waits,
/// when the document has page references, for the pages a writer that lays
/// out pages found, or for [`paginate`] when none is asked for; every other
/// writer starts at once. Nothing is written to disk here.
pub fn write_formats(
    doc: &Document,
    formats: &[&'static dyn Writer],
) -> Result<Written, WriteError> {
    write_formats_into(doc, formats, None)
}

/// [`write_formats`], the writer that lays out pages writing into the file
/// `file_for` gives it, where it gives one.
pub fn write_formats_into(
    doc: &Document,
    formats: &[&'static dyn Writer],
    file_for: Option<FileFor<'_>>,
) -> Result<Written, WriteError> {
    let waits =
        |w: &&'static dyn Writer| w.pagination() == Pagination::Needs && doc.has_page_refs();
    let lays = formats
        .iter()
        .position(|w| w.pagination() == Pagination::Lays);
    let plain = WriteOptions::default();
    let mut results: Vec<Option<Result<Vec<u8>, WriteError>>> =
        formats.iter().map(|_| None).collect();
    let mut pages = None;
    let mut in_file = None;
    let mut warnings = Vec::new();
    std::thread::scope(|scope| -> Result<(), WriteError> {
        // A loss a reader would see is said, never silent: looked for while
        // the formats are written.
        let losses = scope.spawn(|| {
            formats
                .iter()
                .flat_map(|w| w.loss(doc).into_iter().map(|m| (w.name(), m)))
                .collect::<Vec<_>>()
        });
        // Results come back in the order of `formats`, whatever order they finish in.
        let spawned: Vec<_> = formats
            .iter()
            .enumerate()
            .filter(|(i, w)| Some(*i) != lays && !waits(w))
            .map(|(i, w)| (i, scope.spawn(|| w.write(doc, &plain))))
            .collect();
        let anchors = match lays {
            Some(i) => {
                let w = formats[i];
                let into = match file_for {
                    Some(FileFor(file_for)) => match file_for(w)? {
                        Some(file) => w.write_paged_into(doc, &plain, &file)?,
                        None => None,
                    },
                    None => None,
                };
                let paged = match into {
                    Some(paged) => {
                        in_file = Some(w.name());
                        paged
                    }
                    None => w.write_paged(doc, &plain)?,
                };
                pages = Some(paged.pages);
                results[i] = Some(Ok(paged.bytes));
                Some(paged.anchors)
            }
            None if formats.iter().any(waits) => Some(paginate(doc)?),
            None => None,
        };
        if let Some(anchor_pages) = anchors {
            let options = WriteOptions { anchor_pages };
            for (i, w) in formats.iter().enumerate().filter(|(_, w)| waits(w)) {
                results[i] = Some(w.write(doc, &options));
            }
        }
        for (i, h) in spawned {
            // A writer that panicked panics here, as it would have unthreaded.
            results[i] = Some(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        warnings = losses
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        Ok(())
    })?;
    let mut files = Vec::with_capacity(formats.len());
    for (w, bytes) in formats.iter().zip(results) {
        if let Some(bytes) = bytes {
            files.push((*w, bytes?));
        }
    }
    Ok(Written {
        files,
        in_file,
        pages,
        warnings,
    })
}

/// The UTC date and time `seconds` after 1970-01-01 00:00, as year, month,
/// day, hour, minute and second; `None` outside the years a dataset date may
/// have (1900–2200). The files' timestamps come from it.
pub(crate) fn civil(seconds: i64) -> Option<(u16, u8, u8, u8, u8, u8)> {
    let date = hrdraft_sdk::Date::from_days_since_epoch(seconds.div_euclid(86_400))?;
    let secs = seconds.rem_euclid(86_400);
    // Each is below 60 (or 24) by construction.
    let small = |v: i64| u8::try_from(v).unwrap_or(0);
    Some((
        date.year,
        date.month?,
        date.day?,
        small(secs / 3600),
        small(secs / 60 % 60),
        small(secs % 60),
    ))
}

/// FNV-1a, 64-bit: a small hash that stays the same from release to release
/// (std's hashers may change), for ids derived from content.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(pub(crate) u64);

impl Fnv {
    /// The standard offset basis.
    pub(crate) const BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;

    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Fnv::PRIME);
        }
    }

    /// Eight bytes at a time, for the bulk of a large file: a tenth of the
    /// work, as well spread for an id (not FNV-1a's standard value).
    pub(crate) fn feed_words(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0; 8];
            word.copy_from_slice(w);
            self.0 ^= u64::from_le_bytes(word);
            self.0 = self.0.wrapping_mul(Fnv::PRIME).rotate_left(29);
        }
        self.feed(words.remainder());
    }
}

/// FNV-1a, 32-bit, for short ids (Word's bookmark names hold 40 characters).
pub(crate) fn fnv1a_32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// Every writer, in the order `--format` help lists them.
pub fn writers() -> &'static [&'static dyn Writer] {
    &[
        &docx::DocxWriter,
        &pdf::PdfWriter,
        &html::Html,
        &markdown::Markdown,
    ]
}

/// The writer with this name.
pub fn writer(name: &str) -> Option<&'static dyn Writer> {
    writers().iter().copied().find(|w| w.name() == name)
}

#[cfg(test)]
mod tests {
    use super::{civil, fnv1a_32, Fnv};

    #[test]
    fn dates_from_seconds() {
        assert_eq!(civil(0), Some((1970, 1, 1, 0, 0, 0)));
        // 18 October 2012, 10:30:05 UTC.
        assert_eq!(civil(1_350_556_205), Some((2012, 10, 18, 10, 30, 5)));
        assert_eq!(civil(951_782_400), Some((2000, 2, 29, 0, 0, 0)));
        assert_eq!(civil(-86_400), Some((1969, 12, 31, 0, 0, 0)));
        assert_eq!(civil(i64::MAX), None);
        assert_eq!(civil(-62_167_219_201), None);
    }

    #[test]
    fn fnv_gives_the_published_values() {
        // The FNV-1a test vectors for "" and "a".
        assert_eq!(fnv1a_32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a_32(b"a"), 0xe40c_292c);
        let mut h = Fnv(Fnv::BASIS);
        h.feed(b"a");
        assert_eq!(h.0, 0xaf63_dc4c_8601_ec8c);
    }
}
