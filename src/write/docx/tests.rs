//! Tests of the WordprocessingML the writer produces, read back from the zip.

use std::io::Read;

use super::{docx, DocxOptions};
use crate::document::{Align, Block, Column, Document, Footnote, Inline, LinesRole, Table};

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(s.to_owned())]
}

fn para(s: &str) -> Block {
    Block::Paragraph {
        content: text(s),
        align: Align::Justify,
    }
}

fn table(header: &str) -> Block {
    Block::Table(Box::new(Table {
        columns: vec![Column::default()],
        header: if header.is_empty() {
            vec![]
        } else {
            vec![text(header)]
        },
        rows: vec![vec![text("cell")]],
    }))
}

/// The parts of the DOCX written for `doc`, checked to be well-formed XML.
fn parts(doc: &Document) -> std::collections::BTreeMap<String, String> {
    let bytes = docx(doc, &DocxOptions::default()).expect("the document converts");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("an entry");
        let mut s = String::new();
        f.read_to_string(&mut s).expect("UTF-8");
        if let Err(e) = roxmltree::Document::parse(&s) {
            panic!("{} is not well-formed: {e}", f.name());
        }
        out.insert(f.name().to_owned(), s);
    }
    out
}

fn document_xml(doc: &Document) -> String {
    parts(doc)
        .remove("word/document.xml")
        .expect("document.xml")
}

#[test]
fn paragraph_properties_in_schema_order() {
    let doc = Document {
        blocks: vec![
            table(""),
            Block::List {
                start: Some(3),
                items: vec![vec![para("item"), para("more")]],
            },
            Block::Lines {
                lines: vec![text("Signed")],
                align: Align::End,
                role: LinesRole::Signature,
            },
        ],
        ..Document::default()
    };
    let xml = document_xml(&doc);
    // The item follows a table (space above) and is numbered; the paragraph
    // after the signature's predecessor keeps with the signature. Justified
    // as their styles are, neither carries an alignment of its own.
    assert!(
        xml.contains(concat!(
            r#"<w:pPr><w:pStyle w:val="ListNumber"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>"#,
            r#"<w:spacing w:before="165"/></w:pPr>"#
        )),
        "{xml}"
    );
    assert!(
        xml.contains(
            r#"<w:pPr><w:pStyle w:val="Normal"/><w:keepNext/><w:ind w:left="567" w:right="0"/></w:pPr><w:r><w:t xml:space="preserve">more</w:t>"#
        ),
        "{xml}"
    );
    let ids: Vec<&str> = xml
        .match_indices(r#"w14:paraId=""#)
        .map(|(i, m)| &xml[i + m.len()..i + m.len() + 8])
        .collect();
    assert_eq!(ids, ["00000001", "00000002", "00000003", "00000004"]);
}

#[test]
fn header_rows_repeat_and_rows_do_not_split() {
    let doc = Document {
        blocks: vec![table("Head"), table("")],
        ..Document::default()
    };
    let xml = document_xml(&doc);
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
    assert_eq!(xml.matches("<w:cantSplit/>").count(), 3);
    assert!(xml.contains(
        r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:tcW w:w="9072" w:type="dxa"/></w:tcPr>"#
    ));
}

#[test]
fn notes_start_with_their_number_even_in_a_table() {
    let doc = Document {
        blocks: vec![Block::Paragraph {
            content: vec![
                Inline::Text("a".into()),
                Inline::FootnoteRef(0),
                Inline::FootnoteRef(1),
                Inline::FootnoteRef(0),
            ],
            align: Align::Start,
        }],
        footnotes: vec![
            Footnote {
                blocks: vec![table("In a cell"), para("after")],
            },
            Footnote { blocks: vec![] },
        ],
        ..Document::default()
    };
    let all = parts(&doc);
    let notes = &all["word/footnotes.xml"];
    let mark = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#;
    assert_eq!(notes.matches(mark).count(), 2, "{notes}");
    assert!(notes.contains(&format!(
        r#"<w:pStyle w:val="TableHeading"/><w:jc w:val="both"/></w:pPr>{mark}<w:r><w:t xml:space="preserve">In a cell"#
    )));
    // An empty note still has a paragraph for its number.
    assert!(notes.contains(&format!(
        r#"<w:footnote w:id="2"><w:p w14:paraId="00000005"><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>{mark}</w:p></w:footnote>"#
    )));
    // The second reference to note 1 is a NOTEREF to a bookmark around the first.
    let body = &all["word/document.xml"];
    assert!(body.contains(r#"<w:bookmarkStart w:id="1" w:name="_RefNote1"/><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:bookmarkEnd w:id="1"/>"#));
    assert!(body.contains("<w:instrText>NOTEREF _RefNote1 \\f \\h</w:instrText>"));
    // The footer's paragraph id follows the notes'.
    assert!(all["word/footer1.xml"].contains(r#"<w:p w14:paraId="00000006">"#));
}

#[test]
fn text_that_xml_cannot_hold_is_dropped_and_the_rest_escaped() {
    let doc = Document {
        blocks: vec![
            Block::Paragraph {
                content: vec![
                    Inline::Text("a\u{0}b\u{1}<c> & \"d\" ]]>\u{FFFE}\u{FFFF}".into()),
                    Inline::Link {
                        url: "https://example.org/?a=1&b=\"2\"".into(),
                        content: vec![],
                    },
                ],
                align: Align::Start,
            },
            Block::Paragraph {
                content: text("\u{b}\u{FFFF}"),
                align: Align::Start,
            },
        ],
        ..Document::default()
    };
    let all = parts(&doc);
    let xml = &all["word/document.xml"];
    assert!(xml.contains(
        r#"<w:t xml:space="preserve">ab&lt;c&gt; &amp; &quot;d&quot; ]]&gt;</w:t></w:r><w:hyperlink r:id="rIdLink1" w:history="1"/>"#
    ));
    assert!(xml.contains(r#"<w:jc w:val="left"/></w:pPr><w:r/></w:p>"#));
    assert!(all["word/_rels/document.xml.rels"]
        .contains(r#"Target="https://example.org/?a=1&amp;b=&quot;2&quot;""#));
}
