//! A fixture exercising every block and inline kind, written as HTML and Markdown and read back.

use hrdraft::document::{parse, Block, Document, Inline};
use hrdraft::write::{writer, WriteOptions};
use scraper::{Html, Selector};

const NOTES: usize = 35;
const ROWS: usize = 60;
const NON_ASCII: &str = "Қазақстан: the café’s nº 5 report – “quoted” — é º «ёлка».";

fn note_text(i: usize) -> String {
    format!("Footnote number {i}: A/HRC/14/10, para {i}.")
}

fn cells(i: usize) -> [String; 3] {
    [
        format!("{i}"),
        format!("Country {i}"),
        format!("Recommendation {i} | with a pipe & an ampersand"),
    ]
}

/// The fixture: every block and inline kind, `NOTES` footnotes, a `ROWS`-row table.
fn fixture() -> String {
    let mut md = String::from(
        "<div class=\"title\">\n\nOpen letter on the *candidacy*\n\n</div>\n\n\
<div class=\"right\">\n\n18 October 2012\n\n</div>\n\n\
<div class=\"address\">\n\nErlan Idrissov\nMinister of Foreign Affairs\n010000 Astana\n\n</div>\n\n\
# <a id=\"intro\"></a>Introduction\n\n## Commitments\n\n### Ratification\n\n\
Text with *emphasis*, **strong**, <u>underline</u>, [a link](https://www.ohchr.org/) and <https://example.org/x>,\\\n\
a line break, see page <span class=\"pageref\" data-target=\"intro\"></span>.[^n1] Inline `code` too.[^n2]\n\n",
    );
    md.push_str(NON_ASCII);
    md.push_str("\n\n- first bullet\n- second bullet[^n3]\n\n3. third\n4. fourth\n\n> A quotation.[^n4]\n\n---\n\n");
    md.push_str(
        "<div class=\"center\">\n\nCentred text.\n\n</div>\n\n<div class=\"page-break\"></div>\n\n",
    );
    md.push_str("<div class=\"keep-with-next\">\n\n**A label kept with the next:**\n\n</div>\n\n");
    md.push_str("<div custom-style=\"Label\">\n\nGovernment response:\n\n</div>\n\n");
    md.push_str("Further references:");
    for i in 5..=NOTES {
        md.push_str(&format!(" ref{i}[^n{i}]"));
    }
    md.push_str(".\n\n| No. | Country | Recommendation |\n|--:|:-:|---|\n");
    for i in 1..=ROWS {
        let [a, b, c] = cells(i);
        md.push_str(&format!("| {a} | {b} | {} |\n", c.replace('|', "\\|")));
    }
    md.push_str(
        "\n<div class=\"signature\">\n\nDavid Diaz-Jogeix\nDeputy Programme Director\n\n</div>\n\n",
    );
    // Definitions in reverse order: numbering follows the references.
    for i in (1..=NOTES).rev() {
        md.push_str(&format!("[^n{i}]: {}\n\n", note_text(i)));
    }
    md
}

fn fixture_doc() -> Document {
    let mut doc = parse(&fixture()).unwrap();
    doc.meta.title = "Open letter to Kazakhstan".into();
    doc.meta.language = "en".into();
    doc
}

#[test]
fn fixture_has_every_kind() {
    let doc = fixture_doc();
    let kinds: Vec<&str> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading { .. } => "heading",
            Block::Paragraph { .. } => "paragraph",
            Block::Lines { .. } => "lines",
            Block::List { .. } => "list",
            Block::Table(_) => "table",
            Block::Quote(_) => "quote",
            Block::Keep { .. } => "keep",
            Block::Styled { .. } => "styled",
            Block::Rule => "rule",
            Block::PageBreak => "pagebreak",
            Block::Chart(_) => "chart",
        })
        .collect();
    for k in [
        "heading",
        "paragraph",
        "lines",
        "list",
        "table",
        "quote",
        "rule",
        "pagebreak",
        "keep",
        "styled",
    ] {
        assert!(kinds.contains(&k), "{k} missing: {kinds:?}");
    }
    assert_eq!(doc.footnotes.len(), NOTES);
    let Block::Paragraph { content, .. } = &doc.blocks[6] else {
        panic!("{:?}", doc.blocks[6])
    };
    for pat in [
        "Emphasis",
        "Strong",
        "Underline",
        "Link",
        "LineBreak",
        "PageRef",
        "FootnoteRef",
    ] {
        assert!(format!("{content:?}").contains(pat), "{pat} missing");
    }
    assert!(
        matches!(&doc.blocks[3], Block::Heading { content, .. } if matches!(content[0], Inline::Anchor(_)))
    );
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect()
}

#[test]
fn html_reads_back_with_every_note_and_cell() {
    let doc = fixture_doc();
    let bytes = writer("html")
        .unwrap()
        .write(&doc, &WriteOptions::default())
        .unwrap();
    let source = String::from_utf8(bytes).unwrap();
    let html = Html::parse_document(&source);

    // Self-contained: no scripts, no fetched resources.
    assert!(select(&html, "script, link, img, iframe, object, [src]").is_empty());
    assert_eq!(select(&html, "html")[0].value().attr("lang"), Some("en"));
    assert_eq!(
        text_of(&select(&html, "title")[0]),
        "Open letter to Kazakhstan"
    );
    assert_eq!(
        text_of(&select(&html, "h1.title")[0]),
        "Open letter on the candidacy"
    );

    // Every footnote text once, in order of first reference, with a back-link.
    let body_text: String = text_of(&select(&html, "body")[0]);
    let notes = select(&html, "section.footnotes li");
    assert_eq!(notes.len(), NOTES);
    for i in 1..=NOTES {
        let t = note_text(i);
        assert_eq!(body_text.matches(&t).count(), 1, "{t}");
        assert!(
            text_of(&notes[i - 1]).contains(&t),
            "note {i}: {}",
            text_of(&notes[i - 1])
        );
        assert_eq!(notes[i - 1].value().id(), Some(format!("fn~{i}").as_str()));
        let back = select(&html, &format!("li[id=\"fn~{i}\"] a.back"));
        assert_eq!(
            back[0].value().attr("href"),
            Some(format!("#fnref~{i}").as_str())
        );
    }
    let marks: Vec<String> = select(&html, "sup.fnref a").iter().map(text_of).collect();
    let expected: Vec<String> = (1..=NOTES).map(|i| i.to_string()).collect();
    assert_eq!(marks, expected);

    // The table: header, then every cell in order.
    let heads: Vec<String> = select(&html, "table thead th")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(heads, ["No.", "Country", "Recommendation"]);
    let rows = select(&html, "table tbody tr");
    assert_eq!(rows.len(), ROWS);
    let td = Selector::parse("td").unwrap();
    for (i, row) in rows.iter().enumerate() {
        let got: Vec<String> = row.select(&td).map(|c| text_of(&c)).collect();
        assert_eq!(got, cells(i + 1).to_vec());
    }
    assert_eq!(select(&html, "table tbody td.end").len(), ROWS);

    // Non-ASCII text, anchors, page references, layout.
    let paras: Vec<String> = select(&html, "main > p").iter().map(text_of).collect();
    assert!(paras.iter().any(|p| p == NON_ASCII), "{paras:?}");
    assert_eq!(select(&html, "a[id=\"intro\"]").len(), 1);
    assert_eq!(
        select(&html, "a.pageref")[0].value().attr("href"),
        Some("#intro")
    );
    assert_eq!(
        text_of(&select(&html, "p.address")[0]),
        "Erlan Idrissov\nMinister of Foreign Affairs\n010000 Astana"
    );
    assert_eq!(select(&html, "p.signature").len(), 1);
    assert_eq!(
        select(&html, "p.end")[0].text().collect::<String>(),
        "18 October 2012"
    );
    assert_eq!(select(&html, "div.page-break").len(), 1);
    assert_eq!(select(&html, "ol[start=\"3\"] li").len(), 2);
    assert_eq!(select(&html, "blockquote").len(), 1);
    assert_eq!(select(&html, "main hr").len(), 1);
    assert_eq!(text_of(&select(&html, "u")[0]), "underline");
}

#[test]
fn markdown_round_trips_the_fixture() {
    let mut doc = parse(&fixture()).unwrap();
    let md = writer("md")
        .unwrap()
        .write(&doc, &WriteOptions::default())
        .unwrap();
    let md = String::from_utf8(md).unwrap();
    let again = parse(&md).unwrap();
    doc.meta = Default::default();
    assert_eq!(again, doc, "{md}");
}

#[test]
fn writers_are_registered_by_name() {
    assert_eq!(writer("html").map(|w| w.extension()), Some("html"));
    assert_eq!(writer("md").map(|w| w.extension()), Some("md"));
}

/// The DOCX's text of `document.xml`.
fn docx_body(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    xml
}

/// The number a DOCX shows for its page reference to `target`, and
/// whether the field is marked for Word to update.
fn docx_pageref(xml: &str, target: &str) -> (String, bool) {
    let at = xml
        .find(&format!("PAGEREF {target} "))
        .unwrap_or_else(|| panic!("no PAGEREF {target}"));
    let begin = xml[..at]
        .rfind("fldCharType=\"begin\"")
        .expect("field begins");
    let dirty = xml[begin..at].contains("w:dirty=\"true\"");
    let shown = &xml[at..];
    let start = shown
        .find("<w:t xml:space=\"preserve\">")
        .expect("shown text")
        + "<w:t xml:space=\"preserve\">".len();
    let end = start + shown[start..].find('<').expect("text ends");
    (shown[start..end].to_string(), dirty)
}

/// The write stage paginates for the DOCX whether or not a PDF is written
/// beside it, and the DOCX shows the pages the PDF has.
#[test]
fn the_docx_shows_the_pages_the_pdf_layout_finds() {
    use hrdraft::write::{write_formats, Pagination};
    let md = "See page <span class=\"pageref\" data-target=\"far\"></span>.\n\n\
              <div class=\"page-break\"></div>\n\nPage two.\n\n\
              <div class=\"page-break\"></div>\n\n<a id=\"far\"></a>On page three.\n";
    let mut doc = parse(md).unwrap();
    doc.meta.language = "en".into();
    let docx = writer("docx").unwrap();
    let pdf = writer("pdf").unwrap();
    assert_eq!(docx.pagination(), Pagination::Needs);
    assert_eq!(pdf.pagination(), Pagination::Lays);
    assert_eq!(writer("html").unwrap().pagination(), Pagination::None);

    let alone = write_formats(&doc, &[docx]).unwrap();
    assert_eq!(alone.pages, None, "no writer laid the pages out");
    let (shown, dirty) = docx_pageref(&docx_body(&alone.files[0].1), "far");
    assert_eq!((shown.as_str(), dirty), ("3", false));

    let both = write_formats(&doc, &[docx, pdf]).unwrap();
    assert_eq!(both.pages, Some(3));
    assert_eq!(both.files[0].0.name(), "docx");
    assert_eq!(both.files[1].0.name(), "pdf");
    let (shown, dirty) = docx_pageref(&docx_body(&both.files[0].1), "far");
    assert_eq!((shown.as_str(), dirty), ("3", false));
    assert!(both.warnings.is_empty(), "{:?}", both.warnings);
}

/// HTML headings start at h1 (h2 below a title) and nest without skips,
/// whatever levels the Markdown used.
#[test]
fn html_headings_start_at_one_and_skip_no_level() {
    let html = |md: &str| {
        let mut doc = parse(md).unwrap();
        doc.meta.language = "en".into();
        String::from_utf8(
            writer("html")
                .unwrap()
                .write(&doc, &WriteOptions::default())
                .unwrap(),
        )
        .unwrap()
    };
    let tags = |h: &str| -> Vec<String> {
        let doc = Html::parse_document(h);
        let sel = Selector::parse("h1, h2, h3, h4, h5, h6").unwrap();
        doc.select(&sel)
            .map(|e| e.value().name().to_string())
            .collect()
    };
    // A question set: level-2 headings only, no title.
    assert_eq!(
        tags(&html("## Questions\n\nQ.\n\n## More\n\nQ.\n")),
        ["h1", "h1"]
    );
    // A title, then levels 1 and 3.
    let titled = html("<div class=\"title\">\n\nT\n\n</div>\n\n# A\n\n### B\n\nText.\n");
    assert_eq!(tags(&titled), ["h1", "h2", "h3"]);
}
