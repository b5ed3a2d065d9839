//! Page references in the PDF, whether put in after one layout (each alone in its cell) or by laying out again (in running text), read back with pdf-extract.

use crate::pdf::index;

use hrdraft::document::{Align, Block, Document, Inline};
use hrdraft::write::{pdf, WriteOptions};

use index::{index, page_of, squash, t};

const TARGETS: usize = 130;

/// An index of `TARGETS` references, each alone in its centred cell, then
/// one target a page: pages with one, two and three digits.
fn doc(running_ref: bool) -> Document {
    let mut blocks = vec![index(
        (1..=TARGETS).map(|i| (format!("R{i}:"), format!("a{i}"))),
    )];
    if running_ref {
        blocks.push(Block::Paragraph {
            content: vec![
                t("The last target is on page "),
                Inline::PageRef(format!("a{TARGETS}")),
                t(" of this document."),
            ],
            align: Align::Justify,
        });
    }
    for i in 1..=TARGETS {
        blocks.push(Block::PageBreak);
        blocks.push(Block::Paragraph {
            content: vec![Inline::Anchor(format!("a{i}")), t(&format!("TARGET{i}X"))],
            align: Align::Start,
        });
    }
    Document {
        blocks,
        ..Document::default()
    }
}

/// Every reference shows the page its target is on; returns the pages.
fn check(doc: &Document) {
    let bytes = pdf::pdf(doc, &WriteOptions::default()).expect("renders");
    let pages: Vec<String> = pdf_extract::extract_text_from_mem_by_pages(&bytes)
        .expect("pdf-extract reads it")
        .iter()
        .map(|p| squash(p))
        .collect();
    let all = pages.concat();
    let anchors = pdf::paginate(doc).expect("layout");
    let mut digits = std::collections::BTreeSet::new();
    for i in 1..=TARGETS {
        let target = format!("TARGET{i}X");
        let page = page_of(&pages, &target);
        assert_eq!(anchors.get(&format!("a{i}")), Some(&(page as u32)));
        let row = format!("R{i}:{page}end");
        assert!(all.contains(&row), "row {i} should read {row}");
        digits.insert(page.to_string().len());
    }
    assert_eq!(digits.len(), 3, "pages of one, two and three digits");
}

#[test]
fn references_alone_in_cells_show_their_pages() {
    check(&doc(false));
}

#[test]
fn references_in_running_text_show_their_pages() {
    let d = doc(true);
    check(&d);
    let bytes = pdf::pdf(&d, &WriteOptions::default()).expect("renders");
    let text = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("reads"));
    let last = pdf::paginate(&d).expect("layout")[&format!("a{TARGETS}")];
    assert!(
        text.contains(&format!("Thelasttargetisonpage{last}ofthisdocument.")),
        "the running reference shows page {last}"
    );
}
