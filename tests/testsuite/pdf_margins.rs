//! Nothing is drawn past the margins, however long a word, and nothing is
//! lost: a 200 kB word, a very long URL in a table cell and 5 MB of text
//! read back whole from PDFs whose every glyph lies within the text area.
//! Positions come from pdf-extract's reading of the content streams, an
//! independent reader.

use hrdraft::document::{Align, Block, Column, Document, Inline, Table};
use hrdraft::write::{pdf, WriteOptions};

/// Where glyphs were drawn: the widest right edge and the leftmost left
/// edge on any page, and the text.
#[derive(Default)]
struct Extent {
    left: f64,
    right: f64,
    page_width: f64,
    /// Glyphs below this height are the page numbers at the foot, left out
    /// of `text`.
    foot: f64,
    text: String,
}

impl pdf_extract::OutputDev for Extent {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page_width = media_box.urx - media_box.llx;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let x = trm.m31;
        let right = x + width * font_size * trm.m11;
        if self.right == 0.0 {
            self.left = x;
        }
        self.left = self.left.min(x);
        self.right = self.right.max(right);
        if trm.m32 >= self.foot {
            self.text.push_str(char);
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

fn extent(doc: &Document) -> Extent {
    let bytes = pdf::pdf(doc, &WriteOptions::default()).expect("the document renders");
    let lo = pdf_extract::Document::load_mem(&bytes).expect("the PDF reads back");
    let mut e = Extent {
        foot: f64::from(doc.page.margin_bottom),
        ..Extent::default()
    };
    pdf_extract::output_doc(&lo, &mut e).expect("the text reads back");
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

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
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
        blocks: vec![Block::Table(Table {
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
        })],
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
fn five_megabytes_of_text_are_laid_out_whole_between_the_margins() {
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
