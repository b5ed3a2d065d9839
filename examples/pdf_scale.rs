//! Times the PDF writer on a long generated report: `cargo run --release --example pdf_scale -- 100000`.
//!
//! Each recommendation is a heading-like strong line, a justified paragraph with a
//! footnote, and a row in a closing table, so every part of layout is exercised.

use hrdraft::document::{Align, Block, Column, Document, Footnote, Inline, Table};
use hrdraft::write::{pdf, WriteOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(129);
    let t = |s: String| Inline::Text(s);
    let mut blocks = Vec::new();
    let mut footnotes = Vec::new();
    for i in 0..n {
        blocks.push(Block::Paragraph {
            content: vec![Inline::Strong(vec![t(format!(
                "Recommendation nº{}",
                i + 1
            ))])],
            align: Align::Start,
        });
        blocks.push(Block::Paragraph {
            content: vec![
                t(format!(
                    "Ratify the Second Optional Protocol to the International Covenant on Civil and \
                     Political Rights, aiming at the abolition of the death penalty, and report on \
                     Қазақстан's progress (recommendation {}).",
                    i + 1
                )),
                Inline::FootnoteRef(i),
            ],
            align: Align::Justify,
        });
        footnotes.push(Footnote {
            blocks: vec![Block::Paragraph {
                content: vec![t(format!("A/HRC/14/10, para. 95.{}.", i + 1))],
                align: Align::Justify,
            }],
        });
    }
    blocks.push(Block::Table(Box::new(Table {
        columns: vec![
            Column {
                align: Align::Start,
                width: 1.0,
            },
            Column {
                align: Align::Start,
                width: 4.0,
            },
        ],
        header: vec![vec![t("No.".into())], vec![t("Assessment".into())]],
        rows: (0..n)
            .map(|i| {
                vec![
                    vec![t(format!("{}", i + 1))],
                    vec![t("Partially implemented".into())],
                ]
            })
            .collect(),
    })));
    let doc = Document {
        blocks,
        footnotes,
        ..Document::default()
    };
    let start = std::time::Instant::now();
    let anchors = pdf::paginate(&doc)?;
    let layout = start.elapsed();
    let start = std::time::Instant::now();
    let bytes = pdf::pdf(&doc, &WriteOptions::default())?;
    println!(
        "{n} recommendations: {} bytes; layout {layout:?}; layout + PDF {:?} ({} anchors)",
        bytes.len(),
        start.elapsed(),
        anchors.len()
    );
    std::fs::write("/tmp/scale.pdf", &bytes)?;
    Ok(())
}
