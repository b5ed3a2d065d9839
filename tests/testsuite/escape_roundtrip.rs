//! Dataset text printed as `{{value}}` reads back from the parsed document exactly, with no markup.
//!
//! Exactly, that is, but for the parser's one documented change to text:
//! straight quotes become curly ones (`hrdraft::document::smart_quotes`,
//! applied to the expected text as the parser applies it to the paragraph).

use hrdraft::document::{parse, smart_quotes, Block, Document, Inline};
use hrdraft::render::Engine;
use proptest::prelude::*;
use serde_json::json;

/// Pieces that mean something to Markdown, HTML or XML, and some that do not.
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
    "#",
    "# ",
    "## ",
    "|",
    " | ",
    "`",
    "```",
    "~~~",
    "\\",
    "~",
    "~~",
    "[",
    "](http://x.org)",
    "<",
    ">",
    "> ",
    "&",
    "&amp;",
    "&#10;",
    "&#x41;",
    "&nbsp;",
    "1.",
    "1. ",
    "2)",
    "- ",
    "+ ",
    "* ",
    "---",
    "===",
    "***",
    "    ",
    "  ",
    " ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "<http://example.org>",
    "www.example.org",
    "a@b.org",
    "<!--",
    "-->",
    "<![CDATA[x]]>",
    "<?xml?>",
    "!",
    "![a](b.png)",
    "{",
    "}",
    "$",
    "$$",
    "^",
    ":",
    ";",
    "\"",
    "'",
    "(",
    ")",
    "=",
    "+",
    "-",
    ".",
    "é",
    "º",
    "–",
    "—",
    "“",
    "”",
    "«",
    "»",
    "Қазақстан",
    "Казахстан",
    "\u{a0}",
    "\u{2003}",
    "\u{200b}",
    "\u{feff}",
    "\u{2028}",
    "\u{85}",
    "\u{1f600}",
    "ع",
    "עִ",
    "a",
    "word",
    "12",
    "0",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_filter("NUL cannot be carried", |c| *c != '\0').prop_map(String::from),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

/// The only inline kinds plain text may come back as: text, line breaks,
/// and the bare URLs and e-mail addresses in it linked to themselves.
fn all_plain(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text(_) | Inline::LineBreak => true,
        Inline::Link { url, content } => {
            url.trim_start_matches("mailto:") == Inline::plain_text(content)
        }
        _ => false,
    })
}

/// The text of a document that must be one block of plain inline content.
fn only_text(doc: &Document, md: &str) -> Result<String, TestCaseError> {
    prop_assert!(doc.footnotes.is_empty(), "footnotes in {md:?}");
    let content: &[Inline] = match doc.blocks.as_slice() {
        [] => &[],
        [Block::Paragraph { content, .. }] | [Block::Heading { content, .. }] => content,
        [Block::List { items, .. }] => match items.as_slice() {
            [item] => match item.as_slice() {
                [Block::Paragraph { content, .. }] => content,
                other => return Err(TestCaseError::fail(format!("{other:?} from {md:?}"))),
            },
            other => return Err(TestCaseError::fail(format!("{other:?} from {md:?}"))),
        },
        [Block::Table(t)] => {
            prop_assert_eq!(t.rows.len(), 1, "{:?}", md);
            prop_assert_eq!(t.rows[0].len(), 1, "{:?}", md);
            &t.rows[0][0]
        }
        other => return Err(TestCaseError::fail(format!("{other:?} from {md:?}"))),
    };
    prop_assert!(all_plain(content), "markup {content:?} from {md:?}");
    Ok(Inline::plain_text(content))
}

fn engine() -> Engine {
    let mut e = Engine::new();
    for (name, source) in [
        ("alone", "{{value}}"),
        ("inline", "Before {{value}} after."),
        ("heading", "## {{value}}"),
        ("item", "- {{value}}"),
        ("cell", "| h |\n|---|\n| {{value}} |\n"),
        ("lines", "<div class=\"address\">\n\nx{{value}}\n\n</div>\n"),
    ] {
        e.register_template(name, source).expect("template");
    }
    e
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn value_reads_back_verbatim(v in value()) {
        let e = engine();
        let ctx = json!({ "value": v });
        for (name, before, after) in [
            ("alone", "", ""),
            ("inline", "Before ", " after."),
            ("heading", "", ""),
            ("item", "", ""),
            ("cell", "", ""),
        ] {
            let md = e.render(name, &ctx).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let doc = parse(&md).map_err(|e| TestCaseError::fail(format!("{e} in {md:?}")))?;
            if v.is_empty() && name != "inline" {
                // Nothing to read back: an empty paragraph, heading, item or cell.
                continue;
            }
            let text = only_text(&doc, &md)?;
            prop_assert_eq!(text, smart_quotes(&format!("{before}{v}{after}"), "en"), "template {} gave {:?}", name, md);
        }
        // In an address block, each line feed of the value starts a new line.
        let md = e.render("lines", &ctx).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let doc = parse(&md).map_err(|e| TestCaseError::fail(format!("{e} in {md:?}")))?;
        let [Block::Lines { lines, .. }] = doc.blocks.as_slice() else {
            return Err(TestCaseError::fail(format!("{:?} from {md:?}", doc.blocks)));
        };
        prop_assert!(lines.iter().all(|l| all_plain(l)));
        let joined: Vec<String> = lines.iter().map(|l| Inline::plain_text(l)).collect();
        prop_assert_eq!(joined.join("\n"), smart_quotes(&format!("x{v}"), "en"));
    }

    #[test]
    fn footnote_text_reads_back_verbatim(v in value().prop_filter("a footnote needs text", |v| !v.is_empty())) {
        let mut e = Engine::new();
        e.register_template("t", "Text.{{footnote value}}").expect("template");
        let md = e.render("t", &json!({ "value": v })).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let doc = parse(&md).map_err(|e| TestCaseError::fail(format!("{e} in {md:?}")))?;
        prop_assert_eq!(doc.footnotes.len(), 1);
        let [Block::Paragraph { content, .. }] = doc.footnotes[0].blocks.as_slice() else {
            return Err(TestCaseError::fail(format!("{:?} from {md:?}", doc.footnotes)));
        };
        prop_assert!(all_plain(content), "{content:?}");
        prop_assert_eq!(Inline::plain_text(content), smart_quotes(&v, "en"));
    }
}
