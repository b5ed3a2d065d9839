//! DOCX writer: the document model as a WordprocessingML package Word and LibreOffice open.
//!
//! docx-rs serialises the body (paragraphs, runs, tables, fields), the footer and
//! the numbering definitions. Everything docx-rs gets wrong or lacks is written
//! here at the XML level instead:
//!
//! - styles.xml (`styles`): docx-rs ships no styles, and its style elements are
//!   not in schema order;
//! - footnotes.xml (`footnotes`): with `<w:footnoteRef/>` before each note's text,
//!   the separators Word expects, ids numbered per document and its own
//!   relationships for links in notes;
//! - the table header row's `<w:tblHeader/>` and per-document `w14:paraId`s
//!   (`fixup`);
//! - the package parts whose docx-rs versions are not reproducible or lack our
//!   metadata (relationships, core properties, settings) and the zip itself
//!   (`package`).
//!
//! docx-rs keeps process-wide counters for several ids; nothing it numbers that
//! way reaches the output, so the same [`Document`] always gives the same bytes.

mod body;
mod fields;
mod fixup;
mod footnotes;
mod numbering;
mod package;
mod styles;
mod tables;

use std::collections::BTreeMap;

use docx_rs::{Footer, PageMargin, PageSize, Paragraph};

use self::body::{Converter, Out, Part, Scope};
use crate::document::Document;
use crate::write::{WriteError, WriteOptions, Writer};

pub(crate) const FORMAT: &str = "docx";

/// Options only the DOCX writer understands.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    /// Page numbers to show for page references until Word or LibreOffice
    /// updates the fields, by anchor name (as in [`crate::document::Inline::Anchor`]).
    /// A reference to an anchor not listed shows "?" until then.
    pub anchor_pages: BTreeMap<String, u32>,
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

    fn write(&self, doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        docx(
            doc,
            &DocxOptions {
                anchor_pages: opts.anchor_pages.clone(),
            },
        )
    }
}

/// Render `doc` as a DOCX file.
pub fn docx(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, WriteError> {
    let mut conv = Converter::new(doc, opts);
    let mut blocks = Vec::new();
    conv.blocks(&doc.blocks, Scope::new(styles::NORMAL), &mut blocks)?;

    // Notes in the order the text refers to them; converting them cannot add
    // more (a note referring to an unreferenced note is an error).
    conv.set_part(Part::Notes);
    let mut notes = Vec::with_capacity(conv.notes.len());
    for index in conv.notes.clone() {
        let mut out = Vec::new();
        if let Some(note) = doc.footnotes.get(index) {
            conv.blocks(&note.blocks, Scope::new(styles::FOOTNOTE_TEXT), &mut out)?;
        }
        if out.is_empty() {
            out.push(Out::P(Box::new(
                Paragraph::new().style(styles::FOOTNOTE_TEXT),
            )));
        }
        notes.push(out);
    }

    let page = &doc.page;
    let tw = tables::twips;
    let mut body = docx_rs::Document::new()
        .page_size(PageSize::new().size(tw(page.width) as u32, tw(page.height) as u32))
        .page_margin(
            PageMargin::new()
                .top(tw(page.margin_top))
                .bottom(tw(page.margin_bottom))
                // Left-to-right page: lines start at the left margin.
                .left(tw(page.margin_start))
                .right(tw(page.margin_end))
                // Footer half way into the bottom margin.
                .header(tw(page.margin_top / 2.0))
                .footer(tw(page.margin_bottom / 2.0))
                .gutter(0),
        )
        .footer(footer(), package::FOOTER_RID);
    for b in blocks {
        body = match b {
            Out::P(p) => body.add_paragraph(*p),
            Out::T(t) => body.add_table(*t),
        };
    }

    let mut para_ids = 0;
    let document = fix(
        &xml_of(&body)?,
        &mut para_ids,
        &conv.table_headers[0],
        false,
    )?;
    let footnotes = if notes.is_empty() {
        None
    } else {
        let xml = footnotes::footnotes_xml(&notes)?;
        Some(fix(&xml, &mut para_ids, &conv.table_headers[1], true)?)
    };
    let footer = fix(&xml_of(&footer())?, &mut para_ids, &[], false)?;
    let numbering = fix(
        &xml_of(&conv.lists.numberings())?,
        &mut para_ids,
        &[],
        false,
    )?;

    package::Package {
        document,
        styles: styles::styles_xml(&doc.page, &doc.meta.language),
        numbering,
        footer,
        footnotes,
        links: std::mem::take(&mut conv.links),
    }
    .zip(&doc.meta)
}

/// The footer: the page number, centred.
fn footer() -> Footer {
    let mut p = Paragraph::new().style(styles::FOOTER);
    for r in fields::page_number() {
        p = p.add_run(r);
    }
    Footer::new().add_paragraph(p)
}

/// Apply the XML corrections of [`fixup`] to one part.
fn fix(
    xml: &[u8],
    para_ids: &mut u32,
    headers: &[bool],
    notes: bool,
) -> Result<Vec<u8>, WriteError> {
    let mut part = fixup::Part::parse(xml)?;
    part.normalise();
    part.renumber_paragraphs(para_ids);
    part.mark_header_rows(headers)?;
    if notes {
        part.add_footnote_marks();
    }
    part.to_bytes()
}

/// A failure inside docx-rs or our XML handling: not the drafter's doing.
pub(crate) fn backend(message: impl std::fmt::Display) -> WriteError {
    WriteError::Backend {
        format: FORMAT,
        message: message.to_string(),
    }
}

/// Serialise a docx-rs element without the panicking `BuildXML::build`.
pub(crate) fn xml_of<T: docx_rs::BuildXML>(part: &T) -> Result<Vec<u8>, WriteError> {
    let config = docx_rs::xml::writer::EmitterConfig {
        write_document_declaration: false,
        // docx-rs escapes text and attribute values itself.
        perform_escaping: false,
        perform_indent: false,
        line_separator: "".into(),
    };
    part.build_to(config.create_writer(Vec::new()))
        .and_then(|w| w.into_inner())
        .map_err(|e| backend(format!("could not serialise the document: {e}")))
}
