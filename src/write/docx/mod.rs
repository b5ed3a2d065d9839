//! DOCX writer: the document model as a WordprocessingML package Word and LibreOffice open.
//!
//! Every part is written here, straight into a `String` per part through the
//! small writer in `xml` (escaping as text is appended, no tree of elements,
//! no second pass), with children in schema order as they are written:
//!
//! - document.xml: `body` walks the blocks (paragraphs, lists, quotes, lines,
//!   page breaks), `tables` writes tables (grid, widths, repeated header
//!   row), `inlines` the runs, hyperlinks, bookmarks and note references,
//!   `fields` the PAGE, PAGEREF and NOTEREF fields; the section properties
//!   close the body (here);
//! - footnotes.xml (`footnotes`): the separators Word expects, then the notes
//!   in the order the text refers to them, each starting with its number;
//! - footer1.xml (here) and numbering.xml (`numbering`);
//! - comments.xml (`comments`), in a review copy only: a comment for each
//!   review mark, anchored on the text the mark covers;
//! - styles.xml (`styles`);
//! - the package parts (relationships, core properties, settings, font
//!   table) and the zip itself (`package`).
//!
//! `w14:paraId`s count up across document.xml, footnotes.xml and the footer,
//! and the zip entries carry the document's date, so the same [`Document`]
//! always gives the same bytes.

/// The single-line borders of every table, on every edge and between all
/// cells: in the table style (styles.xml) and on each table (tables.rs).
macro_rules! table_borders {
    () => {
        concat!(
            "<w:tblBorders>",
            r#"<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#,
            r#"<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#,
            r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#,
            r#"<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#,
            r#"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#,
            r#"<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#,
            "</w:tblBorders>"
        )
    };
}

mod body;
mod chart;
mod comments;
mod fields;
mod footnotes;
mod inlines;
mod numbering;
mod package;
mod reference;
mod styles;
mod tables;
#[cfg(test)]
mod tests;
mod xml;

use std::collections::BTreeMap;

use self::body::{Converter, Scope};
use self::xml::Xml;
use crate::document::{Document, PageSettings};
use crate::write::{Pagination, WriteError, WriteOptions, Writer};

pub use self::reference::{ReferenceDocx, ReferenceError};

pub(crate) const FORMAT: &str = "docx";

/// Options only the DOCX writer understands.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    /// Page numbers to show for page references until Word or LibreOffice
    /// updates the fields, by anchor name (as in [`crate::document::Inline::Anchor`]).
    /// A reference to an anchor not listed shows "?" until then.
    pub anchor_pages: BTreeMap<String, u32>,
    /// Write each review mark of the document ([`Document::marks`]) as a
    /// Word comment on the text it covers (the review copy). Otherwise
    /// marks are ignored.
    pub comments: bool,
}

/// The DOCX writer for the registry.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocxWriter;

impl Writer for DocxWriter {
    fn name(&self) -> &'static str {
        FORMAT
    }

    fn extension(&self) -> &'static str {
        "docx"
    }

    /// Word lays out the pages, but shows the page numbers stored in the
    /// file until its fields are updated: those are the PDF layout's.
    fn pagination(&self) -> Pagination {
        Pagination::Needs
    }

    fn write(&self, doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        docx(
            doc,
            &DocxOptions {
                anchor_pages: opts.anchor_pages.clone(),
                comments: false,
            },
        )
    }
}

/// Render `doc` as a DOCX file.
pub fn docx(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, WriteError> {
    // About 2 KB of WordprocessingML per block of the model (tables and
    // lists hold more); the buffer grows if that is not enough.
    let mut x = Xml::with_capacity(8192 + 2048 * doc.blocks.len());
    x.raw(DOCUMENT_ROOT);
    let reference = match &doc.letterhead.reference_docx {
        Some(bytes) => Some(
            reference::Parts::read(bytes)
                .map_err(|e| backend(format!("the reference DOCX cannot be used: {e}")))?,
        ),
        None => None,
    };
    let named = body::named_styles(&doc.blocks, &doc.footnotes);
    let mut conv = Converter::new(doc, opts, &named, x);
    conv.blocks(&doc.blocks, Scope::new(styles::NORMAL))?;
    // The notes, headers and footers are written before the section
    // closes the body, each in a part of its own, so that their paragraph
    // ids follow the body's and the section can refer to them.
    let footnotes = footnotes::footnotes_xml(&mut conv)?;
    let stories = letterhead::stories(&mut conv, doc, reference.as_ref())?;
    section(&mut conv.x, &doc.page, &stories);
    conv.x.raw("</w:body></w:document>");
    let document = std::mem::take(&mut conv.x).into_string();
    let ours = styles::styles_xml(&doc.page, &doc.meta.language, &named);

    package::Package {
        document: document.into_bytes(),
        styles: match &reference {
            Some(r) => r.merged_styles(&ours),
            None => ours,
        },
        numbering: conv.lists.numbering_xml().into_bytes(),
        stories,
        footnotes: footnotes.map(String::into_bytes),
        links: std::mem::take(&mut conv.links),
        update_fields: doc.has_page_refs(),
        charts: std::mem::take(&mut conv.charts),
        comments: opts
            .comments
            .then(|| comments::comments_xml(doc, conv.anchors.len(), &conv.commented))
            .flatten()
            .map(String::into_bytes),
    }
    .zip(&doc.meta)
}

/// The namespaces the document and the footer declare, as attributes.
macro_rules! namespaces {
    () => {
        concat!(
            r#"xmlns:o="urn:schemas-microsoft-com:office:office" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
            r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
            r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
            r#"xmlns:w10="urn:schemas-microsoft-com:office:word" "#,
            r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
            r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
            r#"xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" "#,
            r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
            r#"xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" "#,
            r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
        )
    };
}

const DOCUMENT_ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:document "#,
    namespaces!(),
    r#"xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" "#,
    r#"mc:Ignorable="w14 wp14"><w:body>"#
);

const FOOTER_ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:ftr "#,
    namespaces!(),
    r#"mc:Ignorable="w14 wp14">"#
);

mod letterhead;

/// The section properties closing the body: headers and footers, page size
/// and margins, and whether the first page has its own header and footer.
fn section(x: &mut Xml, page: &PageSettings, stories: &letterhead::Stories) {
    let tw = |pt: f32| i64::from(tables::twips(pt));
    x.raw("<w:sectPr>");
    // Headers before footers, as CT_HdrFtrRef choices are usually written.
    for want_header in [true, false] {
        for (header, kind, rid) in stories.refs.iter().filter(|r| r.0 == want_header) {
            x.raw(if *header {
                r#"<w:headerReference w:type=""#
            } else {
                r#"<w:footerReference w:type=""#
            });
            x.raw(kind);
            x.raw(r#"" r:id=""#);
            x.raw(rid);
            x.raw(r#""/>"#);
        }
    }
    x.raw(r#"<w:pgSz w:w=""#);
    x.int(tw(page.width));
    x.raw(r#"" w:h=""#);
    x.int(tw(page.height));
    // Left-to-right page: lines start at the left margin. The footer sits
    // half way into the bottom margin.
    let margins = [
        ("top", tw(page.margin_top)),
        ("right", tw(page.margin_end)),
        ("bottom", tw(page.margin_bottom)),
        ("left", tw(page.margin_start)),
        ("header", tw(page.margin_top / 2.0)),
        ("footer", tw(page.margin_bottom / 2.0)),
        ("gutter", 0),
    ];
    x.raw(r#""/><w:pgMar"#);
    for (name, value) in margins {
        x.raw(" w:");
        x.raw(name);
        x.raw(r#"=""#);
        x.int(value);
        x.raw(r#"""#);
    }
    x.raw(r#"/><w:cols w:space="425" w:num="1"/>"#);
    if stories.title_page {
        x.raw("<w:titlePg/>");
    }
    x.raw("</w:sectPr>");
}

/// A failure of our own XML or zip handling: not the drafter's doing.
pub(crate) fn backend(message: impl std::fmt::Display) -> WriteError {
    WriteError::Backend {
        format: FORMAT,
        message: message.to_string(),
    }
}
