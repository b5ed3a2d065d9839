//! Dataset text printed as `{{value}}` reaches the reader verbatim in every
//! format: DOCX text runs, HTML text and PDF text, with no markup made of it.
//!
//! 1,200 random strings, rich in what Markdown, HTML and XML treat specially,
//! are rendered as the paragraphs of one document, so each writer runs once;
//! each output is then read back with an independent reader.
//!
//! Verbatim but for the parser's one documented change to text: straight
//! quotes become curly ones, so each paragraph is expected as
//! `hrdraft::document::smart_quotes` makes it.

use std::io::Read;

use crate::support::squash;
use hrdraft::document::{parse, smart_quotes, Block, Inline};
use hrdraft::render::Engine;
use hrdraft::write::{self, WriteOptions};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRng, TestRunner};
use serde_json::json;

/// Pieces that mean something to Markdown, HTML or XML, and text in the
/// scripts the shipped font covers (so the PDF can show every character).
const PIECES: &[&str] = &[
    "*",
    "**",
    "_",
    "__",
    "[",
    "]",
    "[^1]",
    "[^x]: note",
    "<u>",
    "</u>",
    "<br>",
    "<div class=\"right\">",
    "</div>",
    "<a id=\"x\"></a>",
    "<script>alert(1)</script>",
    "#",
    "# ",
    "|",
    " | ",
    "`",
    "```",
    "\\",
    "~",
    "](http://x.org)",
    "<",
    ">",
    "> ",
    "&",
    "&amp;",
    "&#42;",
    "\"",
    "'",
    "1.",
    "1)",
    "- ",
    "+ ",
    "=",
    "---",
    "***",
    "!",
    "![x](y)",
    "{{x}}",
    "%",
    "$",
    "]]>",
    "<![CDATA[",
    "<?xml",
    "é",
    "º",
    "–",
    "—",
    "“",
    "”",
    "‘",
    "’",
    "…",
    "Қазақстан",
    "Ә Ғ Ң Ө Ұ Ү Һ",
    "Россия",
    "Ελλάδα",
    "ß",
    "€",
    "word",
    "text",
    "12",
    "0",
    " ",
    "  ",
];

fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..16)
        .prop_map(|v| v.concat())
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// Generate the strings deterministically, so a failure can be repeated.
fn values(n: usize) -> Vec<String> {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let strategy = value();
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

fn docx_paragraph_texts(bytes: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "p")
        .map(|p| {
            p.descendants()
                .filter(|t| t.is_element() && t.tag_name().name() == "t")
                .filter_map(|t| t.text())
                .collect()
        })
        .collect()
}

#[test]
fn values_read_back_verbatim_from_docx_html_and_pdf() {
    let values = values(1200);
    let mut engine = Engine::new();
    engine
        .register_template("t", "{{#each values}}\nP: {{this}}\n\n{{/each}}")
        .unwrap();
    let md = engine.render("t", &json!({ "values": values })).unwrap();
    let doc = parse(&md).unwrap();
    // Each paragraph as the reader should see it.
    let expected: Vec<String> = values
        .iter()
        .map(|v| smart_quotes(&format!("P: {v}"), "en"))
        .collect();

    // The model: one plain paragraph per value, nothing else.
    assert_eq!(doc.blocks.len(), values.len());
    assert!(doc.footnotes.is_empty());
    for (b, want) in doc.blocks.iter().zip(&expected) {
        let Block::Paragraph { content, .. } = b else {
            panic!("{b:?} for {want:?}");
        };
        // Text, and the bare addresses in it made links showing themselves.
        assert!(content.iter().all(|i| match i {
            Inline::Text(_) | Inline::LineBreak => true,
            Inline::Link { url, content } => {
                url.trim_start_matches("mailto:") == Inline::plain_text(content)
            }
            _ => false,
        }));
        assert_eq!(&Inline::plain_text(content), want);
    }

    // DOCX: each paragraph's text runs, exactly.
    let docx = write::writer("docx")
        .unwrap()
        .write(&doc, &WriteOptions::default())
        .unwrap();
    let paragraphs = docx_paragraph_texts(&docx);
    let found: Vec<&String> = paragraphs.iter().filter(|p| p.starts_with("P: ")).collect();
    assert_eq!(found.len(), values.len());
    for (p, want) in found.iter().zip(&expected) {
        assert_eq!(*p, want);
    }
    assert!(!String::from_utf8_lossy(&docx).contains("<script>alert"));

    // HTML: each paragraph's text, exactly; no element from data.
    let html = write::writer("html")
        .unwrap()
        .write(&doc, &WriteOptions::default())
        .unwrap();
    let dom = scraper::Html::parse_document(&String::from_utf8(html).unwrap());
    let p = scraper::Selector::parse("p").unwrap();
    let texts: Vec<String> = dom
        .select(&p)
        .map(|e| e.text().collect::<String>())
        .filter(|t| t.starts_with("P: "))
        .collect();
    assert_eq!(texts.len(), values.len());
    for (t, want) in texts.iter().zip(&expected) {
        assert_eq!(t, want);
    }
    for tag in [
        "script", "u", "a", "div", "br", "h1", "table", "em", "strong",
    ] {
        let sel = scraper::Selector::parse(&format!("body {tag}")).unwrap();
        let from_data = dom
            .select(&sel)
            .filter(|e| {
                e.ancestors()
                    .any(|a| a.value().as_element().is_some_and(|el| el.name() == "p"))
            })
            // A bare address in the data is linked to itself, on purpose.
            .filter(|e| {
                let href = e.value().attr("href").unwrap_or("");
                tag != "a" || href.trim_start_matches("mailto:") != e.text().collect::<String>()
            })
            .count();
        assert_eq!(from_data, 0, "a <{tag}> was made from data");
    }

    // PDF: every value's characters, in order (extraction normalises spaces).
    let pdf = write::writer("pdf")
        .unwrap()
        .write(&doc, &WriteOptions::default())
        .unwrap();
    let text = squash(&pdf_extract::extract_text_from_mem(&pdf).unwrap());
    let mut pos = 0;
    for v in &expected {
        let want = squash(v);
        match text[pos..].find(&want) {
            Some(at) => pos += at + want.len(),
            None => panic!(
                "{v:?} is not in the PDF text after position {pos}: {}",
                text[pos..].chars().take(200).collect::<String>()
            ),
        }
    }
}
