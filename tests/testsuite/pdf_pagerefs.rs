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
                Inline::page_ref(format!("a{TARGETS}")),
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

/// A PDF written into a file as it is made (as `render` writes it) is the
/// one written in memory, whether one layout placed its references or
/// several passes did, and whatever the file held before: every pass that
/// writes starts the file again.
#[test]
fn a_pdf_written_into_its_file_is_the_one_written_in_memory() {
    use hrdraft::write::Writer;
    use std::io::{Read, Seek, Write};
    for running_ref in [false, true] {
        let d = doc(running_ref);
        let in_memory = pdf::PdfWriter
            .write_paged(&d, &WriteOptions::default())
            .expect("renders");
        let mut file = tempfile::tempfile().expect("a temporary file");
        file.write_all(&vec![b'x'; in_memory.bytes.len() * 2])
            .expect("written");
        let paged = pdf::PdfWriter
            .write_paged_into(&d, &WriteOptions::default(), &file)
            .expect("renders")
            .expect("the PDF writes into a file");
        assert!(paged.bytes.is_empty(), "the bytes are in the file");
        assert_eq!(paged.pages, in_memory.pages);
        assert_eq!(paged.anchors, in_memory.anchors);
        let mut bytes = Vec::new();
        file.rewind().expect("rewound");
        file.read_to_end(&mut bytes).expect("read back");
        assert!(
            bytes == in_memory.bytes,
            "running reference {running_ref}: {} bytes in the file, {} in memory",
            bytes.len(),
            in_memory.bytes.len()
        );
    }
}
