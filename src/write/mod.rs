//! Writers: one module per output format, each turning a [`Document`] into bytes.
//!
//! Every writer has the shape `fn(&Document, &WriteOptions) -> Result<Vec<u8>>`;
//! the caller decides where the bytes go. [`writer`] finds one by name.

mod chart;
pub mod html;
pub mod markdown;
mod svg;

use crate::document::Document;

pub mod docx;
pub mod pdf;

/// Options shared by every writer.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// The page each anchor lands on, as the PDF lays the document out.
    /// Formats that cannot paginate themselves (DOCX until Word updates its
    /// fields) show these numbers for page references; empty when unknown.
    pub anchor_pages: std::collections::BTreeMap<String, u32>,
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

/// An output format.
pub trait Writer: Sync {
    /// Name used on the command line ("docx").
    fn name(&self) -> &'static str;
    /// File extension, without the dot.
    fn extension(&self) -> &'static str;
    /// Render the document.
    fn write(&self, doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, WriteError>;
}

/// `n` in decimal, written into `buf`: the writers put many numbers into
/// large parts, and this is quicker than going through `fmt`.
pub(crate) fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
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
