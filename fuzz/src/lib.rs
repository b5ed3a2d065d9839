//! What the fuzz targets share: the base dataset, and making arbitrary documents well-formed.
//!
//! Each target is a thin `fuzz_target!` in `fuzz_targets/`; `run.sh SECONDS`
//! runs them all (see README.md).

use hrdraft::document::{parse::MAX_NESTING, Block, Document, Inline, PageSettings};
use hrdraft::template::PageConfig;

/// The dataset the loader target starts from: the files of
/// `tests/fixtures/minimal`, one of which the input replaces.
pub const BASE: &[(&str, &[u8])] = &[
    ("country.toml", include_bytes!("../../tests/fixtures/minimal/country.toml")),
    ("treaties.toml", include_bytes!("../../tests/fixtures/minimal/treaties.toml")),
    (
        "special-procedures.toml",
        include_bytes!("../../tests/fixtures/minimal/special-procedures.toml"),
    ),
    ("candidacy.toml", include_bytes!("../../tests/fixtures/minimal/candidacy.toml")),
    ("upr.toml", include_bytes!("../../tests/fixtures/minimal/upr.toml")),
    ("reprisals.toml", include_bytes!("../../tests/fixtures/minimal/reprisals.toml")),
    ("questions.toml", include_bytes!("../../tests/fixtures/minimal/questions.toml")),
    ("sources.toml", include_bytes!("../../tests/fixtures/minimal/sources.toml")),
    ("documents.toml", include_bytes!("../../tests/fixtures/minimal/documents.toml")),
];

/// The dataset files for one input: its first byte picks which file of
/// [`BASE`] the rest of the input replaces (past the last, the rest is an
/// extra file of an unknown name); bit 7 set drops every other file but
/// `country.toml`.
pub fn dataset_files(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Some((&first, rest)) = data.split_first() else {
        return Vec::new();
    };
    let pick = usize::from(first & 0x7f) % (BASE.len() + 1);
    let alone = first & 0x80 != 0;
    let mut files: Vec<(String, Vec<u8>)> = BASE
        .iter()
        .enumerate()
        .filter(|(i, (name, _))| *i != pick && (!alone || *name == "country.toml"))
        .map(|(_, (name, bytes))| (name.to_string(), bytes.to_vec()))
        .collect();
    let name = BASE.get(pick).map_or("notes.toml", |(n, _)| n);
    files.push((name.to_string(), rest.to_vec()));
    files
}

/// Make an arbitrary document one the pipeline could produce: page settings
/// a template manifest accepts, nesting within the parser's limit. `None`
/// when it is nested deeper than the parser ever produces.
pub fn well_formed(mut doc: Document, page: u8) -> Option<Document> {
    if depth_blocks(&doc.blocks) > MAX_NESTING
        || doc.footnotes.iter().any(|f| depth_blocks(&f.blocks) > MAX_NESTING)
    {
        return None;
    }
    let config = PageConfig {
        size: if page & 1 == 0 { "A4" } else { "letter" }.into(),
        margin_cm: 0.5 + f32::from(page >> 1 & 0x0f) * (5.5 / 15.0),
        font_size: 6.0 + f32::from(page >> 5) * (18.0 / 7.0),
    };
    doc.page = config.settings().unwrap_or(PageSettings::A4);
    Some(doc)
}

fn depth_blocks(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                1 + depth_inlines(content)
            }
            Block::Lines { lines, .. } => 1 + lines.iter().map(|l| depth_inlines(l)).max().unwrap_or(0),
            Block::List { items, .. } => 2 + items.iter().map(|i| depth_blocks(i)).max().unwrap_or(0),
            Block::Table(t) => {
                3 + t
                    .header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .map(|c| depth_inlines(c))
                    .max()
                    .unwrap_or(0)
            }
            Block::Quote(q) | Block::Keep { blocks: q, .. } => 1 + depth_blocks(q),
            Block::Chart(c) => 1 + depth_inlines(&c.caption),
            Block::Rule | Block::PageBreak => 1,
        })
        .max()
        .unwrap_or(0)
}

fn depth_inlines(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => 1 + depth_inlines(c),
            Inline::Link { content, .. } => 1 + depth_inlines(content),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// Input for a writer target: a document, its page, and the anchor pages a
/// PDF layout would have given.
#[derive(Debug, arbitrary::Arbitrary)]
pub struct WriterInput {
    /// The document.
    pub document: Document,
    /// Packed page settings (see [`well_formed`]).
    pub page: u8,
    /// `anchor_pages` of the write options.
    pub anchor_pages: std::collections::BTreeMap<String, u32>,
}

/// Run one writer over a fuzzed document; errors are fine, panics are not.
pub fn write_with(name: &str, input: WriterInput) {
    let Some(doc) = well_formed(input.document, input.page) else {
        return;
    };
    let options = hrdraft::write::WriteOptions {
        anchor_pages: input.anchor_pages,
    };
    if let Some(w) = hrdraft::write::writer(name) {
        let _ = w.write(&doc, &options);
    }
}
