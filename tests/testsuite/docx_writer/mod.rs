//! The DOCX writer, checked by reading its output back with independent readers
//! (zip + roxmltree): footnotes, tables, styles, text, page setup, properties,
//! reproducibility.
//!
//! `cargo test --test docx_writer` also leaves the fixture at
//! `target/tmp/docx_fixture.docx` (and at `$HRDRAFT_DOCX_FIXTURE` if set) for a
//! look in Word or LibreOffice.

use std::collections::BTreeMap;
use std::io::Read;

mod fixture;

use fixture::*;
use hrdraft::document::{Block, Column, Document, Footnote, Inline, Table};
use hrdraft::write::docx::{docx, DocxOptions};
use hrdraft::write::{writer, WriteOptions};

fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut s = String::new();
        f.read_to_string(&mut s).expect("utf-8 entry");
        out.insert(f.name().to_owned(), s);
    }
    out
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn w<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(W) && n.tag_name().name() == name
}

fn attr<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// The text of the w:t elements under `n`.
fn text_of(n: roxmltree::Node) -> String {
    n.descendants()
        .filter(|d| w(*d, "t"))
        .filter_map(|d| d.text())
        .collect()
}

fn write_fixture() -> Vec<u8> {
    let bytes = docx(&fixture(), &DocxOptions::default()).expect("the fixture writes");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(dir.join("docx_fixture.docx"), &bytes).expect("fixture saved");
    if let Some(path) = std::env::var_os("HRDRAFT_DOCX_FIXTURE") {
        std::fs::write(path, &bytes).expect("fixture saved where asked");
    }
    bytes
}

#[test]
fn every_part_is_well_formed_xml() {
    let p = parts(&write_fixture());
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/footnotes.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/_rels/document.xml.rels",
        "word/_rels/footnotes.xml.rels",
        "word/footer1.xml",
        "docProps/core.xml",
    ] {
        let xml = p.get(name).unwrap_or_else(|| panic!("{name} missing"));
        roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn footnotes_are_real_word_footnotes() {
    let p = parts(&write_fixture());
    let notes_xml = &p["word/footnotes.xml"];
    let notes = roxmltree::Document::parse(notes_xml).expect("footnotes.xml");
    let doc_xml = &p["word/document.xml"];
    let doc = roxmltree::Document::parse(doc_xml).expect("document.xml");

    // id -> text of each note body.
    let mut bodies = BTreeMap::new();
    for n in notes.descendants().filter(|n| w(*n, "footnote")) {
        let id: i64 = attr(n, "id").expect("id").parse().expect("numeric id");
        if id < 1 {
            assert!(attr(n, "type").is_some(), "notes -1 and 0 are separators");
            continue;
        }
        // The number mark comes first: the first run of the first paragraph.
        let p = n.descendants().find(|d| w(*d, "p")).expect("a paragraph");
        let first_run = p.children().find(|c| w(*c, "r")).expect("a run");
        assert!(
            first_run.children().any(|c| w(c, "footnoteRef")),
            "note {id} does not start with <w:footnoteRef/>"
        );
        let style = first_run
            .descendants()
            .find(|d| w(*d, "rStyle"))
            .and_then(|s| attr(s, "val"));
        assert_eq!(style, Some("FootnoteReference"));
        assert!(bodies.insert(id, text_of(n)).is_none(), "duplicate id {id}");
    }
    assert_eq!(bodies.len(), NOTES);

    // Every note text exactly once in footnotes.xml.
    for i in 0..NOTES {
        let t = note_text(i);
        assert_eq!(bodies.values().filter(|b| b.contains(&t)).count(), 1, "{t}");
    }

    // Each id referred to exactly once, by a run styled FootnoteReference.
    let mut refs = Vec::new();
    for r in doc.descendants().filter(|n| w(*n, "footnoteReference")) {
        let run = r.parent().expect("in a run");
        assert!(w(run, "r"));
        let style = run
            .children()
            .find(|c| w(*c, "rPr"))
            .and_then(|rpr| rpr.children().find(|c| w(*c, "rStyle")))
            .and_then(|s| attr(s, "val"));
        assert_eq!(style, Some("FootnoteReference"));
        refs.push(attr(r, "id").expect("id").parse::<i64>().expect("numeric"));
    }
    assert_eq!(
        refs,
        (1..=NOTES as i64).collect::<Vec<_>>(),
        "ids in order of reference"
    );
    // In reference order: note 7 is referred to last, from the table.
    let order: Vec<usize> = (0..NOTES).filter(|i| *i != 7).chain([7]).collect();
    for (k, i) in order.iter().enumerate() {
        assert!(
            bodies[&(k as i64 + 1)].contains(&note_text(*i)),
            "note id {}",
            k + 1
        );
    }
    // The second reference to note 3 is a NOTEREF field to a bookmark around the first.
    assert!(doc_xml.contains("NOTEREF _RefNote4 \\f \\h"));
    assert!(doc_xml.contains(r#"w:name="_RefNote4""#));
    // The link in note 0 has its relationship in footnotes.xml.rels.
    let rels = &p["word/_rels/footnotes.xml.rels"];
    assert!(rels.contains(r#"Target="https://undocs.org/A/67/122" TargetMode="External""#));
    assert!(p["[Content_Types].xml"].contains("/word/footnotes.xml"));
    assert!(p["word/settings.xml"].contains(r#"<w:footnote w:id="-1"/>"#));
}

#[test]
fn table_rows_in_order_with_repeated_header() {
    let p = parts(&write_fixture());
    let doc = roxmltree::Document::parse(&p["word/document.xml"]).expect("document.xml");
    let tables: Vec<_> = doc.descendants().filter(|n| w(*n, "tbl")).collect();
    assert_eq!(tables.len(), 1);
    let rows: Vec<_> = tables[0].children().filter(|n| w(*n, "tr")).collect();
    assert_eq!(rows.len(), ROWS + 1);
    let header = rows[0];
    assert!(
        header
            .children()
            .filter(|c| w(*c, "trPr"))
            .flat_map(|t| t.children())
            .any(|c| w(c, "tblHeader")),
        "the header row repeats on each page"
    );
    assert!(!rows[1].descendants().any(|c| w(c, "tblHeader")));
    let header_text: Vec<String> = header
        .children()
        .filter(|c| w(*c, "tc"))
        .map(text_of)
        .collect();
    assert_eq!(header_text, ["No.", "Recommendation", "IRI"]);
    for (r, row) in rows[1..].iter().enumerate() {
        let cells: Vec<String> = row
            .children()
            .filter(|c| w(*c, "tc"))
            .map(text_of)
            .collect();
        let want: Vec<String> = (0..3).map(|c| cell(r, c)).collect();
        assert_eq!(cells, want);
    }
    // Widths 1:3:2 of the text width (A4 less 2 × 2.5 cm = 9 071 twips).
    let grid: Vec<u32> = tables[0]
        .descendants()
        .filter(|n| w(*n, "gridCol"))
        .map(|g| attr(g, "w").expect("w").parse().expect("number"))
        .collect();
    assert_eq!(grid.len(), 3);
    assert!(
        grid[1] == 3 * grid[0] || grid[1].abs_diff(3 * grid[0]) <= 2,
        "{grid:?}"
    );
    assert!(grid.iter().sum::<u32>().abs_diff(9071) <= 2, "{grid:?}");
    // Header cells are bold through their style.
    let styles = &p["word/styles.xml"];
    assert!(styles.contains(r#"w:styleId="TableHeading""#));
}

#[test]
fn styles_text_page_and_properties() {
    let p = parts(&write_fixture());
    let styles = roxmltree::Document::parse(&p["word/styles.xml"]).expect("styles.xml");
    let ids: Vec<&str> = styles
        .descendants()
        .filter(|n| w(*n, "style"))
        .filter_map(|n| attr(n, "styleId"))
        .collect();
    for want in [
        "Normal",
        "Title",
        "Heading1",
        "Heading2",
        "Heading3",
        "FootnoteText",
        "FootnoteReference",
        "Hyperlink",
        "ListNumber",
        "ListBullet",
        "TableGrid",
        "Quote",
        "Address",
        "Signature",
    ] {
        assert!(ids.contains(&want), "style {want} missing");
    }
    let normal = styles
        .descendants()
        .find(|n| w(*n, "style") && attr(*n, "styleId") == Some("Normal"))
        .expect("Normal");
    assert_eq!(attr(normal, "default"), Some("1"));
    assert!(p["word/styles.xml"].contains(r#"w:ascii="Liberation Serif""#));
    assert!(p["word/styles.xml"].contains(r#"<w:sz w:val="22"/>"#));

    let doc_xml = &p["word/document.xml"];
    let doc = roxmltree::Document::parse(doc_xml).expect("document.xml");
    let paragraphs: Vec<String> = doc
        .descendants()
        .filter(|n| w(*n, "p"))
        .map(text_of)
        .collect();
    assert!(
        paragraphs.iter().any(|t| t == NON_ASCII),
        "non-ASCII text intact"
    );

    // Paragraph styles and alignment from the model.
    let style_of = |t: &str| {
        doc.descendants()
            .filter(|n| w(*n, "p"))
            .find(|n| text_of(*n).starts_with(t))
            .and_then(|n| n.descendants().find(|d| w(*d, "pStyle")))
            .and_then(|s| attr(s, "val"))
    };
    assert_eq!(style_of("Open letter"), Some("Title"));
    assert_eq!(style_of("Pledges"), Some("Heading1"));
    assert_eq!(style_of("Recommendations"), Some("Heading2"));
    assert_eq!(style_of("Reprisals"), Some("Heading3"));
    assert_eq!(style_of("Ratify"), Some("ListNumber"));
    assert_eq!(style_of("on torture"), Some("ListBullet"));
    assert_eq!(style_of("States shall"), Some("Quote"));
    // An address or signature is one paragraph, its lines parted by breaks.
    let holding = |t: &str| {
        doc.descendants()
            .find(|n| w(*n, "p") && text_of(*n).contains(t))
            .expect("a paragraph holds it")
    };
    for (line, style) in [("Astana", "Address"), ("Secretary General", "Signature")] {
        let p = holding(line);
        let s = p.descendants().find(|d| w(*d, "pStyle"));
        assert_eq!(s.and_then(|s| attr(s, "val")), Some(style));
        assert!(
            p.descendants().filter(|d| w(*d, "br")).count() >= 1,
            "{line}"
        );
    }
    assert!(!doc_xml.contains(r#"<w:pStyle w:val="Address"/></w:pPr></w:p>"#));
    // A paragraph aligned as its style is carries no alignment of its own
    // (body text is justified by Normal); one aligned otherwise does.
    assert!(doc_xml.contains(r#"<w:jc w:val="right"/>"#));
    assert!(!doc_xml.contains(r#"<w:pStyle w:val="Normal"/><w:jc w:val="both"/>"#));
    assert!(p["word/styles.xml"].contains(r#"<w:jc w:val="both"/>"#));
    // Word 2007's values, which python-docx reads; never the Strict `start`/`end`.
    for part in [doc_xml, &p["word/styles.xml"], &p["word/numbering.xml"]] {
        assert!(!part.contains(r#"w:val="start""#) && !part.contains(r#"w:val="end""#));
        assert!(!part.contains("w:start=") && !part.contains("w:end="));
    }
    // Page references are fields Word is asked to update on opening.
    assert!(p["word/settings.xml"].contains(r#"<w:updateFields w:val="true"/>"#));

    // Anchor as bookmark, page reference as a PAGEREF field, link as a relationship.
    assert!(doc_xml.contains(r#"w:name="sec_pledges_"#));
    assert!(doc_xml.contains("PAGEREF annex_table_"));
    assert!(doc_xml.contains("<w:br w:type=\"page\""));
    assert!(p["word/_rels/document.xml.rels"].contains(
        r#"Target="https://www.ohchr.org/en/hr-bodies/upr?a=1&amp;b=2" TargetMode="External""#
    ));
    assert!(p["word/footer1.xml"].contains("PAGE"));

    // A4 page.
    let pg = doc.descendants().find(|n| w(*n, "pgSz")).expect("pgSz");
    assert_eq!(attr(pg, "w"), Some("11906"));
    assert_eq!(attr(pg, "h"), Some("16838"));

    let core = &p["docProps/core.xml"];
    assert!(core.contains("<dc:title>Open letter &lt;Kazakhstan&gt; &amp; the HRC</dc:title>"));
    assert!(core.contains("<dc:creator>Amnesty International</dc:creator>"));
    assert!(core.contains(">2012-10-18T09:30:00Z</dcterms:created>"));
    assert!(core.contains(">2012-10-18T09:30:00Z</dcterms:modified>"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    assert!(p["word/styles.xml"].contains(r#"<w:lang w:val="en-GB""#));
}

#[test]
fn output_is_reproducible() {
    let first = docx(&fixture(), &DocxOptions::default()).expect("writes");
    let second = docx(&fixture(), &DocxOptions::default()).expect("writes");
    assert!(first == second, "two writes differ");
    // Other documents in between: nothing may carry over from one to the next.
    for _ in 0..3 {
        docx(&small_document(), &DocxOptions::default()).expect("writes");
    }
    let third = docx(&fixture(), &DocxOptions::default()).expect("writes");
    assert!(first == third, "a write after other documents differs");
    // And from another thread.
    let fourth = std::thread::spawn(|| docx(&fixture(), &DocxOptions::default()).expect("writes"))
        .join()
        .expect("thread");
    assert!(first == fourth, "a write from another thread differs");
}

#[test]
fn registry_and_page_numbers_supplied() {
    let docx_writer = writer("docx").expect("registered");
    assert_eq!(docx_writer.extension(), "docx");
    let bytes = docx_writer
        .write(&small_document(), &WriteOptions::default())
        .expect("writes");
    assert!(parts(&bytes)["word/footnotes.xml"].contains("n2"));

    let mut opts = DocxOptions::default();
    opts.anchor_pages.insert("annex table".into(), 7);
    let p = parts(&docx(&fixture(), &opts).expect("writes"));
    let doc = roxmltree::Document::parse(&p["word/document.xml"]).expect("document.xml");
    // The cached result after the PAGEREF instruction is the page supplied.
    let runs: Vec<_> = doc.descendants().filter(|n| w(*n, "r")).collect();
    let at = runs
        .iter()
        .position(|r| {
            r.descendants()
                .any(|d| w(d, "instrText") && d.text().is_some_and(|t| t.contains("PAGEREF")))
        })
        .expect("a PAGEREF field");
    assert_eq!(text_of(runs[at + 2]), "7");
}

#[test]
fn drafting_mistakes_are_reported() {
    let mut doc = small_document();
    doc.blocks.push(para(vec![Inline::page_ref("nowhere")]));
    let e = docx(&doc, &DocxOptions::default()).expect_err("unknown anchor");
    assert!(e.to_string().contains("`nowhere`"), "{e}");

    let mut doc = small_document();
    doc.blocks.push(para(vec![Inline::FootnoteRef(9)]));
    let e = docx(&doc, &DocxOptions::default()).expect_err("no such note");
    assert!(e.to_string().contains("footnote 10"), "{e}");
}

#[test]
fn unusual_documents() {
    // Nothing at all.
    let p = parts(&docx(&Document::default(), &DocxOptions::default()).expect("writes"));
    roxmltree::Document::parse(&p["word/document.xml"]).expect("document.xml");
    assert!(!p.contains_key("word/footnotes.xml"));
    assert!(!p["word/settings.xml"].contains("footnotePr"));

    // A note holding a list and a table, an internal link, a link inside a
    // link, text with tabs, newlines and characters XML cannot hold.
    let table = Table {
        columns: vec![Column::default(); 2],
        header: vec![vec![text("h1")], vec![text("h2")]],
        rows: vec![
            vec![vec![text("a")], vec![text("b")]],
            vec![vec![text("c")]],
        ],
    };
    let doc = Document {
        blocks: vec![
            para(vec![
                Inline::Anchor("top".into()),
                text("x"),
                Inline::FootnoteRef(0),
            ]),
            para(vec![
                Inline::Link {
                    url: "#top".into(),
                    content: vec![text("back to top")],
                },
                Inline::Link {
                    url: "https://a.example".into(),
                    content: vec![Inline::Link {
                        url: "https://b.example".into(),
                        content: vec![text("inner")],
                    }],
                },
                text("tab\there\nnew line\u{0}\u{1b}end"),
            ]),
        ],
        footnotes: vec![Footnote {
            blocks: vec![
                Block::List {
                    start: None,
                    items: vec![vec![para(vec![text("listed in a note")])]],
                },
                Block::Table(Box::new(table)),
            ],
        }],
        ..Document::default()
    };
    let p = parts(&docx(&doc, &DocxOptions::default()).expect("writes"));
    let body = &p["word/document.xml"];
    roxmltree::Document::parse(body).expect("document.xml");
    assert!(body.contains(r#"w:anchor="top""#));
    assert!(
        !body.contains("b.example") && !p["word/_rels/document.xml.rels"].contains("b.example")
    );
    assert!(body.contains("<w:tab/>") && body.contains("tab") && body.contains("end"));
    let notes = roxmltree::Document::parse(&p["word/footnotes.xml"]).expect("footnotes.xml");
    let note = notes
        .descendants()
        .find(|n| w(*n, "footnote") && attr(*n, "id") == Some("1"))
        .expect("note 1");
    let first_p = note.descendants().find(|d| w(*d, "p")).expect("paragraph");
    assert!(first_p.descendants().any(|d| w(d, "footnoteRef")));
    assert!(text_of(first_p).contains("listed in a note"));
    assert!(note.descendants().any(|d| w(d, "tblHeader")));
    // The short row is padded to the table's width.
    let rows: Vec<_> = note.descendants().filter(|d| w(*d, "tr")).collect();
    assert_eq!(rows[2].children().filter(|c| w(*c, "tc")).count(), 2);
}
