//! Nothing is drawn past the margins, however long a word, and nothing is
//! lost: a 200 kB word, a very long URL in a table cell and 5 MB of text
//! read back whole from PDFs whose every glyph lies within the text area.
//! Positions come from pdf-extract's reading of the content streams, an
//! independent reader.

use crate::support::squash;
use hrdraft::document::{Align, Block, Column, Document, Inline, Table};
use hrdraft::write::{pdf, WriteOptions};

/// Where glyphs were drawn: the widest right edge and the leftmost left
/// edge on any page, and the text.
#[derive(Default)]
struct Extent {
    left: f64,
    right: f64,
    page_width: f64,
    /// The text, without the page numbers at the foot.
    text: String,
}

fn extent(doc: &Document) -> Extent {
    let bytes = pdf::pdf(doc, &WriteOptions::default()).expect("the document renders");
    let foot = f64::from(doc.page.margin_bottom);
    let mut e = Extent {
        left: f64::MAX,
        ..Extent::default()
    };
    for g in crate::support::glyphs(&bytes) {
        e.page_width = g.page_width;
        e.left = e.left.min(g.x);
        e.right = e.right.max(g.x + g.adv);
        if g.y >= foot {
            e.text.push_str(&g.ch);
        }
    }
    e
}

fn para(text: &str) -> Block {
    Block::Paragraph {
        content: vec![Inline::Text(text.to_string())],
        align: Align::Justify,
    }
}

/// Every glyph between the margins (to a tenth of a point), and the text whole.
fn assert_within_margins(doc: &Document, e: &Extent) {
    let page = &doc.page;
    assert!(
        e.left >= f64::from(page.margin_start) - 0.1,
        "a glyph at x = {} is left of the margin",
        e.left
    );
    let limit = e.page_width - f64::from(page.margin_end) + 0.1;
    assert!(
        e.right <= limit,
        "a glyph ends at x = {}, past the right margin at {limit}",
        e.right
    );
}

/// `read` is `written`, whitespace aside; else where they first differ,
/// without printing megabytes.
fn assert_whole(read: &str, written: &str) {
    let (read, written) = (squash(read), squash(written));
    if read == written {
        return;
    }
    let at = read
        .bytes()
        .zip(written.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(read.len().min(written.len()));
    let around = |s: &str| {
        let (from, to) = (at.saturating_sub(40), at + 40);
        s.char_indices()
            .filter(|(i, _)| (from..to).contains(i))
            .map(|(_, c)| c)
            .collect::<String>()
    };
    panic!(
        "read back {} bytes, written {}; first difference at byte {at}: read {:?}, written {:?}",
        read.len(),
        written.len(),
        around(&read),
        around(&written)
    );
}

#[test]
fn a_200_kb_word_is_broken_between_the_margins_and_kept_whole() {
    let word: String = "abcdefghij".repeat(20_000);
    let doc = Document {
        blocks: vec![para("Before."), para(&word), para("After.")],
        ..Document::default()
    };
    let e = extent(&doc);
    assert_within_margins(&doc, &e);
    assert_whole(&e.text, &format!("Before.{word}After."));
}

#[test]
fn a_long_url_in_a_table_cell_stays_in_its_column_and_whole() {
    let url = format!(
        "https://example.org/{}?q={}",
        "path-segment/".repeat(400),
        "x".repeat(3000)
    );
    let cell = |s: &str| vec![Inline::Text(s.to_string())];
    let doc = Document {
        blocks: vec![Block::Table(Box::new(Table {
            columns: vec![
                Column {
                    align: Align::Start,
                    width: 0.3,
                },
                Column {
                    align: Align::Start,
                    width: 0.7,
                },
            ],
            header: vec![cell("Source"), cell("Link")],
            rows: vec![vec![
                cell("Report"),
                vec![Inline::Link {
                    url: url.clone(),
                    content: cell(&url),
                }],
            ]],
        }))],
        ..Document::default()
    };
    let e = extent(&doc);
    assert_within_margins(&doc, &e);
    // The header row repeats at the top of each page the row runs onto.
    let pages = e.text.matches("SourceLink").count();
    assert!(pages > 1, "the cell fills more than a page");
    assert_whole(
        &squash(&e.text).replace("SourceLink", ""),
        &format!("Report{url}"),
    );
}

#[test]
#[ignore = "slow: .ci/run runs it; cargo test --test testsuite slow_ -- --ignored"]
fn slow_five_megabytes_of_text_are_laid_out_whole_between_the_margins() {
    // Words of every length, some longer than a line, as a plugin's
    // finding pasted from elsewhere might be.
    let mut text = String::with_capacity(5 << 20);
    let mut n = 0u64;
    while text.len() < 5 << 20 {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = match n >> 60 {
            0 => 700,
            1..=3 => 14,
            _ => 5,
        };
        text.push_str(&"w".repeat(len));
        text.push_str(&(n >> 48).to_string());
        text.push(' ');
    }
    let text = text.trim_end().to_string();
    let doc = Document {
        blocks: vec![para(&text)],
        ..Document::default()
    };
    let e = extent(&doc);
    assert_within_margins(&doc, &e);
    assert_whole(&e.text, &text);
}
