//! A long document, set on worker threads and compressed on others: the same bytes every time, every paragraph in order, every page reference right.

use crate::pdf::index;

use hrdraft::document::{Align, Block, Document, Inline};
use hrdraft::write::{pdf, WriteOptions};

use index::{index, page_of, squash, t};

const PARAGRAPHS: usize = 2_400;
/// Every this many paragraphs is an anchor the index refers to.
const EVERY: usize = 40;

fn doc() -> Document {
    let mut blocks = vec![index(
        (0..PARAGRAPHS)
            .step_by(EVERY)
            .map(|i| (format!("I{i}:"), format!("p{i}"))),
    )];
    for i in 0..PARAGRAPHS {
        let mut content = Vec::new();
        if i % EVERY == 0 {
            content.push(Inline::Anchor(format!("p{i}")));
        }
        let words = "lorem ipsum dolor ".repeat(3 + i % 17);
        content.push(t(&format!("P{i}Q {words}")));
        blocks.push(Block::Paragraph {
            content,
            align: Align::Justify,
        });
    }
    Document {
        blocks,
        ..Document::default()
    }
}

#[test]
fn a_long_document_reads_back_whole_and_the_same_every_time() {
    let d = doc();
    let a = pdf::pdf(&d, &WriteOptions::default()).expect("renders");
    let b = pdf::pdf(&d, &WriteOptions::default()).expect("renders");
    assert!(a == b, "two renders differ");

    let pages: Vec<String> = pdf_extract::extract_text_from_mem_by_pages(&a)
        .expect("pdf-extract reads it")
        .iter()
        .map(|p| squash(p))
        .collect();
    assert!(pages.len() > 50, "{} pages", pages.len());
    let all = pages.concat();
    let mut at = 0;
    for i in 0..PARAGRAPHS {
        let marker = format!("P{i}Q");
        let found = all[at..]
            .find(&marker)
            .unwrap_or_else(|| panic!("{marker} missing or out of order"));
        at += found + marker.len();
    }
    for i in (0..PARAGRAPHS).step_by(EVERY) {
        let marker = format!("P{i}Q");
        let page = page_of(&pages, &marker);
        let row = format!("I{i}:{page}end");
        assert!(all.contains(&row), "index row {i} should read {row}");
    }
}
