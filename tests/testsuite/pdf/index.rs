//! Shared by the PDF tests of page references: an index table whose page column holds references alone in their cells.

pub use crate::support::squash;
use hrdraft::document::{Align, Block, Column, Inline, Table};

pub fn t(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

/// A table with a row for each `(label, anchor)`: the label, the anchor's
/// page (a reference alone in a centred cell), and "end", so that a row
/// reads back as `{label}{page}end`.
pub fn index(rows: impl IntoIterator<Item = (String, String)>) -> Block {
    let column = |align| Column { align, width: 0.0 };
    Block::Table(Box::new(Table {
        columns: vec![
            column(Align::End),
            column(Align::Center),
            column(Align::Start),
        ],
        header: vec![vec![t("Row")], vec![t("Page")], vec![t("Mark")]],
        rows: rows
            .into_iter()
            .map(|(label, anchor)| {
                vec![
                    vec![t(&label)],
                    vec![Inline::page_ref(anchor)],
                    vec![t("end")],
                ]
            })
            .collect(),
    }))
}

/// The page (from 1) whose squashed text holds `marker`.
pub fn page_of(pages: &[String], marker: &str) -> usize {
    pages
        .iter()
        .position(|p| p.contains(marker))
        .map(|p| p + 1)
        .unwrap_or_else(|| panic!("{marker} is on no page"))
}
