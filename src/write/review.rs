//! The review copies: the DOCX with a Word comment on each marked piece of
//! text, and the HTML page with each mark's note beside its paragraph.
//!
//! They are written from a document drafted for review (see
//! [`crate::review`]) and named `NAME.review.docx` and `NAME.review.html`
//! beside the documents sent, which are written from the same document
//! without its marks.

use super::docx::{docx, DocxOptions};
use super::html::html_review;
use super::{Pagination, WriteError, WriteOptions, Writer};
use crate::document::Document;

/// The review DOCX.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewDocx;

impl Writer for ReviewDocx {
    fn name(&self) -> &'static str {
        "review.docx"
    }

    fn extension(&self) -> &'static str {
        "review.docx"
    }

    fn pagination(&self) -> Pagination {
        Pagination::Needs
    }

    fn write(&self, doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        docx(
            doc,
            &DocxOptions {
                anchor_pages: opts.anchor_pages.clone(),
                comments: true,
            },
        )
    }
}

/// The review HTML page.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewHtml;

impl Writer for ReviewHtml {
    fn name(&self) -> &'static str {
        "review.html"
    }

    fn extension(&self) -> &'static str {
        "review.html"
    }

    fn write(&self, doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        Ok(html_review(doc, opts).into_bytes())
    }
}

/// Both review copies, in the order they are written.
pub const REVIEW_WRITERS: [&'static dyn Writer; 2] = [&ReviewDocx, &ReviewHtml];
