//! What the fuzz targets share: the base dataset, and making arbitrary documents well-formed.
//!
//! Each target is a thin `fuzz_target!` in `fuzz_targets/`; `run.sh SECONDS`
//! runs them all (see README.md).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hrdraft::document::{parse::MAX_NESTING, Block, Document, Inline, PageSettings};
use hrdraft::sdk::Dataset;
use hrdraft::sheet::import::{self, ImportOptions};
use hrdraft::sheet::table::Grid;
use hrdraft::sheet::upr_info::{self, UprInfoOptions};
use hrdraft::template::PageConfig;

pub mod sheets;

/// The dataset the loader target starts from: the files of
/// `tests/fixtures/minimal`, one of which the input replaces.
pub const BASE: &[(&str, &[u8])] = &[
    (
        "country.toml",
        include_bytes!("../../tests/fixtures/minimal/country.toml"),
    ),
    (
        "treaties.toml",
        include_bytes!("../../tests/fixtures/minimal/treaties.toml"),
    ),
    (
        "special-procedures.toml",
        include_bytes!("../../tests/fixtures/minimal/special-procedures.toml"),
    ),
    (
        "candidacy.toml",
        include_bytes!("../../tests/fixtures/minimal/candidacy.toml"),
    ),
    (
        "upr.toml",
        include_bytes!("../../tests/fixtures/minimal/upr.toml"),
    ),
    (
        "reprisals.toml",
        include_bytes!("../../tests/fixtures/minimal/reprisals.toml"),
    ),
    (
        "questions.toml",
        include_bytes!("../../tests/fixtures/minimal/questions.toml"),
    ),
    (
        "sources.toml",
        include_bytes!("../../tests/fixtures/minimal/sources.toml"),
    ),
    (
        "documents.toml",
        include_bytes!("../../tests/fixtures/minimal/documents.toml"),
    ),
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
        || doc
            .footnotes
            .iter()
            .any(|f| depth_blocks(&f.blocks) > MAX_NESTING)
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
            Block::Lines { lines, .. } => {
                1 + lines.iter().map(|l| depth_inlines(l)).max().unwrap_or(0)
            }
            Block::List { items, .. } => {
                2 + items.iter().map(|i| depth_blocks(i)).max().unwrap_or(0)
            }
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

/// The base dataset as the sheet imports see it.
struct Setup {
    dataset: Dataset,
    upr_text: String,
    sources_text: String,
    scratch: PathBuf,
}

fn setup() -> Option<&'static Setup> {
    static SETUP: OnceLock<Option<Setup>> = OnceLock::new();
    SETUP
        .get_or_init(|| {
            let files: Vec<(String, Vec<u8>)> = BASE
                .iter()
                .map(|(n, b)| (n.to_string(), b.to_vec()))
                .collect();
            let dataset = hrdraft::dataset::load_from_files(&files).ok()?.dataset;
            let text = |name: &str| {
                files
                    .iter()
                    .find(|(n, _)| n == name)
                    .and_then(|(_, b)| String::from_utf8(b.clone()).ok())
            };
            let scratch = std::env::temp_dir().join(format!("hrdraft-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&scratch).ok()?;
            Some(Setup {
                dataset,
                upr_text: text("upr.toml")?,
                sources_text: text("sources.toml")?,
                scratch,
            })
        })
        .as_ref()
}

/// A folder of this process's own for the files the sheet targets read.
pub fn scratch() -> Option<&'static Path> {
    setup().map(|s| s.scratch.as_path())
}

/// Feed sheets to both imports, as the `sheet` target does.
pub fn import_grids(grids: &[Grid]) {
    import(grids, false);
    import(grids, true);
}

/// Plan the response-sheet import (or, with `upr_info`, the UPR Info
/// import) of `grids` into the base dataset; a plan must leave dataset
/// files that still parse.
pub fn import(grids: &[Grid], upr_info_import: bool) {
    let Some(setup) = setup() else { return };
    let after = if !upr_info_import {
        let options = ImportOptions {
            stakeholder: "NGO1".into(),
            add: None,
            cycle: None,
        };
        match import::plan(&setup.dataset, &setup.upr_text, grids, "fuzz", &options) {
            Ok(plan) if plan.refused.is_empty() => vec![plan.after],
            _ => Vec::new(),
        }
    } else {
        let Ok(existing) = upr_info::existing_from_texts(
            Some(setup.upr_text.clone()),
            Some(setup.sources_text.clone()),
        ) else {
            return;
        };
        let options = UprInfoOptions {
            country: "Arcadia".into(),
            cycle: None,
            review_date: None,
            report: None,
            file_name: "fuzz.csv".into(),
        };
        match upr_info::plan(grids, "fuzz", &existing, &options) {
            Ok(plan) if plan.refused.is_empty() => plan
                .upr_after
                .into_iter()
                .chain(plan.sources_after)
                .collect(),
            _ => Vec::new(),
        }
    };
    for text in after {
        assert!(
            text.parse::<toml_edit::DocumentMut>().is_ok(),
            "an import would write a dataset file that does not parse:\n{text}"
        );
    }
}
