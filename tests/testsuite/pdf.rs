//! The PDF writer, read back with independent PDF readers (pdf-extract for text, lopdf for structure).

pub mod fixture;
pub mod index;

use hrdraft::document::{Align, Block, Column, Document, Footnote, Inline, Table};
use hrdraft::write::{pdf, writer, WriteOptions};

use crate::support::squash;
use fixture::{note_text, row_token, t, LONG_NOTE, NOTES, NOTE_ROW, ROWS};

fn render(doc: &Document) -> Vec<u8> {
    pdf::pdf(doc, &WriteOptions::default()).expect("the document renders")
}

/// Each page's extracted text, squashed.
fn pages(bytes: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(bytes)
        .expect("pdf-extract reads the PDF")
        .iter()
        .map(|p| squash(p))
        .collect()
}

/// The page (from 1) whose text has `token`.
fn page_of(pages: &[String], token: &str) -> Option<usize> {
    let token = squash(token);
    pages.iter().position(|p| p.contains(&token)).map(|i| i + 1)
}

fn text_leaves(blocks: &[Block], out: &mut Vec<String>) {
    fn inl(xs: &[Inline], out: &mut Vec<String>) {
        for x in xs {
            match x {
                Inline::Text(s) => out.push(s.clone()),
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => inl(c, out),
                Inline::Link { content, .. } => inl(content, out),
                _ => {}
            }
        }
    }
    for b in blocks {
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => inl(content, out),
            Block::Lines { lines, .. } => lines.iter().for_each(|l| inl(l, out)),
            Block::List { items, .. } => items.iter().for_each(|i| text_leaves(i, out)),
            Block::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flatten())
                .for_each(|c| inl(c, out)),
            Block::Quote(q) | Block::Keep { blocks: q, .. } | Block::Styled { blocks: q, .. } => {
                text_leaves(q, out)
            }
            Block::Chart(c) => inl(&c.caption, out),
            Block::Rule | Block::PageBreak => {}
        }
    }
}

/// The words of `text` occur in `hay` in order (a page break may put footnotes
/// and a page number between them).
fn has_words_in_order(hay: &str, text: &str) -> bool {
    let mut at = 0;
    for w in text.split_whitespace() {
        match hay[at..].find(w) {
            Some(i) => at += i + w.len(),
            None => return false,
        }
    }
    true
}

#[test]
fn fixture_reads_back_with_text_notes_table_and_anchors() {
    let doc = fixture::fixture();
    let bytes = render(&doc);
    let pages = pages(&bytes);
    let all: String = pages.concat();
    assert!(pages.len() >= 5, "{} pages", pages.len());

    // Every piece of text of the body and of the notes.
    let mut leaves = Vec::new();
    text_leaves(&doc.blocks, &mut leaves);
    for f in &doc.footnotes {
        text_leaves(&f.blocks, &mut leaves);
    }
    let spaced: String = pdf_extract::extract_text_from_mem(&bytes).expect("extracts");
    let spaced = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    for leaf in &leaves {
        let leaf = leaf.replace('\u{a0}', " ");
        assert!(has_words_in_order(&spaced, &leaf), "missing text: {leaf:?}");
    }
    // Non-ASCII text comes out intact, on one page.
    assert!(page_of(
        &pages,
        "Қазақстан Республикасы: Ә Ғ Қ Ң Ө Ұ Ү Һ І — café, nº 5, 1990–2012, “quoted” and ‘single’,"
    )
    .is_some());
    assert!(all.contains(&squash("Русский текст: права человека и основные свободы.")));

    // Each note is on the page of its reference (the long one starts there and goes on).
    for n in 1..=NOTES {
        let at_ref = page_of(&pages, &format!("KAZ {n}/2012"))
            .unwrap_or_else(|| panic!("reference {n} not found"));
        let at_note = page_of(&pages, &format!("HRC/{n:03}/2012"))
            .unwrap_or_else(|| panic!("note {n} not found"));
        assert_eq!(
            at_ref, at_note,
            "footnote {n}: referenced on page {at_ref}, printed on page {at_note}"
        );
        assert!(
            pages[at_note - 1].contains(&squash(&note_text(n))[..40]),
            "note {n} starts with its text"
        );
    }
    let long = page_of(&pages, &format!("HRC/{:03}/2012", LONG_NOTE + 1)).unwrap_or(0);
    assert!(
        pages[long].contains("(continued)"),
        "the long note continues on page {}",
        long + 1
    );
    assert!(
        pages[long].contains("Furthersubmission59"),
        "its end is on page {}",
        long + 1
    );
    let note_in_cell = page_of(&pages, &row_token(NOTE_ROW));
    assert_eq!(
        note_in_cell,
        page_of(&pages, &format!("HRC/{NOTES:03}/2012"))
    );

    // Table rows in order, cells of a row in order, header on every page the table spans.
    let mut at = 0;
    let mut table_pages = std::collections::BTreeSet::new();
    for r in 1..=ROWS {
        let status = if r % 3 == 0 { "Accepted" } else { "Noted" };
        let row = squash(&format!(
            "{} Strengthen safeguards against torture in places of detention {status} (recommendation {r}",
            row_token(r)
        ));
        let i = all[at..]
            .find(&row)
            .unwrap_or_else(|| panic!("row {r} missing or out of order"));
        at += i + row.len();
        table_pages.insert(page_of(&pages, &row).unwrap_or(0));
    }
    assert!(
        table_pages.len() >= 2,
        "the table spans pages: {table_pages:?}"
    );
    for p in &table_pages {
        assert!(
            pages[p - 1].contains("Ref.RecommendationResponse"),
            "header repeated on page {p}"
        );
    }

    // Anchors: the pages layout reports are where their text is, and page references show them.
    let anchors = pdf::paginate(&doc).expect("layout");
    for name in ["table", "annex"] {
        let page = anchors.get(name).copied().unwrap_or(0) as usize;
        assert_eq!(
            Some(page),
            page_of(&pages, &format!("ANCHOR-{name}")),
            "anchor {name}"
        );
    }
    let refs = format!(
        "starts on page {} and the table of recommendations on page {}",
        anchors["annex"], anchors["table"]
    );
    assert_eq!(
        page_of(&pages, &refs),
        Some(1),
        "page references show {refs:?}"
    );
}

#[test]
fn two_renders_are_byte_identical_and_carry_metadata() {
    let doc = fixture::fixture();
    let a = render(&doc);
    let b = render(&doc);
    assert!(a == b, "two renders of the same document differ");

    let lo = lopdf::Document::load_mem(&a).expect("lopdf reads the PDF");
    let info = lo
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|id| lo.get_dictionary(id))
        .expect("document info");
    let text = |k: &[u8]| {
        let bytes = info
            .get(k)
            .and_then(|o| o.as_str())
            .expect("info entry")
            .to_vec();
        lopdf::decode_text_string(&lopdf::Object::String(bytes, lopdf::StringFormat::Literal))
            .expect("text string")
    };
    assert_eq!(text(b"Title"), doc.meta.title);
    assert_eq!(text(b"Author"), doc.meta.author);
    let created = String::from_utf8_lossy(
        info.get(b"CreationDate")
            .and_then(|o| o.as_str())
            .expect("date"),
    )
    .to_string();
    assert!(created.starts_with("D:20121018"), "{created}");
    let lang = lo
        .catalog()
        .and_then(|c| c.get(b"Lang"))
        .and_then(|o| o.as_str())
        .expect("Lang");
    assert_eq!(lang, b"en");
    // A different document gets a different id.
    let mut other = doc.clone();
    other.meta.title.push('!');
    let id = |bytes: &[u8]| {
        lopdf::Document::load_mem(bytes)
            .expect("reads")
            .trailer
            .get(b"ID")
            .expect("ID")
            .clone()
    };
    assert_ne!(id(&a), id(&render(&other)));
}

#[test]
fn empty_document_is_one_valid_page() {
    let bytes = render(&Document::default());
    let lo = lopdf::Document::load_mem(&bytes).expect("lopdf reads the PDF");
    assert_eq!(lo.get_pages().len(), 1);
    assert_eq!(pages(&bytes), vec!["1".to_string()]);
    assert_eq!(writer("pdf").map(|w| w.extension()), Some("pdf"));
}

#[test]
fn hostile_content_renders_without_panic() {
    let huge = "Қ".repeat(300) + &"x".repeat(2000);
    let para = |c: Vec<Inline>| Block::Paragraph {
        content: c,
        align: Align::Justify,
    };
    let doc = Document {
        blocks: vec![
            para(vec![
                t("emoji 😀 and 漢字 and \u{200b}zero\u{7} width "),
                t(&huge),
            ]),
            para(vec![
                Inline::FootnoteRef(99),
                Inline::page_ref("nowhere"),
                Inline::LineBreak,
            ]),
            Block::Table(Box::new(Table {
                columns: vec![],
                header: vec![],
                rows: vec![],
            })),
            Block::Table(Box::new(Table {
                columns: vec![Column {
                    align: Align::End,
                    width: 0.0,
                }],
                header: vec![vec![t("only")]],
                rows: vec![vec![], vec![vec![t("a")], vec![t(&"y".repeat(500))]]],
            })),
            Block::List {
                start: Some(u64::MAX),
                items: vec![vec![], vec![]],
            },
            Block::Lines {
                lines: vec![vec![], vec![t("  ")]],
                align: Align::Center,
                role: Default::default(),
            },
            Block::Quote(vec![Block::Quote(vec![
                Block::Rule,
                Block::PageBreak,
                Block::PageBreak,
            ])]),
            Block::Heading {
                level: 9,
                content: vec![],
            },
        ],
        footnotes: vec![Footnote::default()],
        ..Document::default()
    };
    let bytes = render(&doc);
    let text: String = pages(&bytes).concat();
    // Each character is set, from a font found on the machine, or is a
    // '?' that the warning about missing glyphs names.
    let missing = pdf::missing_glyphs(&doc);
    let shown = |c: char| if missing.chars.contains(&c) { '?' } else { c };
    let expected = format!("emoji{}and{}{}and", shown('😀'), shown('漢'), shown('字'));
    assert!(
        text.contains(&expected),
        "{expected} expected: {}",
        text.chars().take(60).collect::<String>()
    );
    assert!(
        text.contains(&"x".repeat(100)),
        "a huge word is cut, not lost"
    );
    assert!(text.contains(&"Қ".repeat(50)));

    let mut bad = Document::default();
    bad.page.margin_start = 500.0;
    assert!(
        pdf::pdf(&bad, &WriteOptions::default()).is_err(),
        "margins wider than the page are refused"
    );
}

#[test]
fn headings_stay_with_their_text_and_signatures_stay_together() {
    use hrdraft::document::LinesRole;
    let para = |s: &str| Block::Paragraph {
        content: vec![t(s)],
        align: Align::Justify,
    };
    // Shift a heading and a signature through every position near a page foot.
    for filler in 25..42 {
        let mut blocks: Vec<Block> = (0..filler)
            .map(|i| para(&format!("Filler line {i}.")))
            .collect();
        blocks.push(Block::Heading {
            level: 1,
            content: vec![t("HEADING-KEPT")],
        });
        blocks.push(para("FIRST-AFTER-HEADING opens the section and goes on long enough to take two lines of the page at the usual size of body text here."));
        blocks.extend((0..30).map(|i| para(&format!("More filler {i}."))));
        blocks.push(para("Yours sincerely,"));
        blocks.push(Block::Lines {
            lines: vec![
                vec![t("SIGNER-NAME")],
                vec![t("SIGNER-TITLE")],
                vec![t("SIGNER-ORG")],
            ],
            align: Align::Start,
            role: LinesRole::Signature,
        });
        // A second signature block binds itself to the first: the chain
        // from the closing line is whole before it is placed.
        blocks.push(Block::Lines {
            lines: vec![vec![t("ON-BEHALF-OF")]],
            align: Align::Start,
            role: LinesRole::Signature,
        });
        let doc = Document {
            blocks,
            ..Document::default()
        };
        let pages = pages(&render(&doc));
        let heading = page_of(&pages, "HEADING-KEPT");
        assert_eq!(
            heading,
            page_of(&pages, "FIRST-AFTER-HEADING"),
            "filler {filler}: heading alone"
        );
        let close = page_of(&pages, "Yours sincerely,");
        for part in ["SIGNER-NAME", "SIGNER-TITLE", "SIGNER-ORG", "ON-BEHALF-OF"] {
            assert_eq!(
                close,
                page_of(&pages, part),
                "filler {filler}: signature split at {part}"
            );
        }
    }
}

#[test]
fn fonts_are_embedded_subsets_and_links_open_their_address() {
    let doc = fixture::fixture();
    let bytes = render(&doc);
    let lo = lopdf::Document::load_mem(&bytes).expect("lopdf reads the PDF");
    let mut fonts = Vec::new();
    let mut uris = Vec::new();
    for (_, page) in lo.get_pages() {
        let dict = lo.get_dictionary(page).expect("page");
        for (_, font) in lo.get_page_fonts(page).expect("fonts") {
            let base = String::from_utf8_lossy(
                font.get(b"BaseFont")
                    .and_then(|o| o.as_name())
                    .expect("name"),
            )
            .to_string();
            let cid = font
                .get(b"DescendantFonts")
                .and_then(|o| o.as_array())
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| o.as_reference().ok())
                .and_then(|r| lo.get_dictionary(r).ok())
                .expect("a descendant CID font");
            let descriptor = cid
                .get(b"FontDescriptor")
                .and_then(|o| o.as_reference())
                .and_then(|r| lo.get_dictionary(r))
                .expect("descriptor");
            let file = descriptor
                .get(b"FontFile2")
                .and_then(|o| o.as_reference())
                .and_then(|r| lo.get_object(r))
                .and_then(|o| o.as_stream())
                .expect("an embedded TrueType file");
            let size = file
                .decompressed_content()
                .map(|c| c.len())
                .unwrap_or(file.content.len());
            assert!(
                font.get(b"ToUnicode").is_ok(),
                "{base} has no ToUnicode map"
            );
            fonts.push((base, size));
        }
        if let Ok(annots) = dict.get(b"Annots").and_then(|o| o.as_array()) {
            for a in annots {
                let a = lo
                    .get_dictionary(a.as_reference().expect("ref"))
                    .expect("annotation");
                let action = a.get(b"A").and_then(|o| o.as_dict()).expect("an action");
                uris.push(
                    String::from_utf8_lossy(
                        action.get(b"URI").and_then(|o| o.as_str()).expect("URI"),
                    )
                    .to_string(),
                );
            }
        }
    }
    fonts.sort();
    fonts.dedup();
    assert!(!fonts.is_empty());
    for (base, size) in &fonts {
        assert!(
            base.starts_with("HRDFT") && base.contains("+LiberationSerif"),
            "{base}"
        );
        // The whole face is over 300 KB; a subset of what a document uses is far smaller.
        assert!(*size < 100_000, "{base} is embedded whole ({size} bytes)");
    }
    assert!(
        uris.iter()
            .any(|u| u == "https://www.ohchr.org/en/hr-bodies/hrc"),
        "{uris:?}"
    );
}

/// The headings become the outline (bookmarks), nested by level, each
/// opening the page it is on; the title stays out of it.
#[test]
fn headings_make_the_outline() {
    let heading = |level: u8, text: &str| Block::Heading {
        level,
        content: vec![t(text)],
    };
    let para = || Block::Paragraph {
        content: vec![t(&"Text of the section. ".repeat(200))],
        align: Align::Justify,
    };
    let doc = Document {
        blocks: vec![
            heading(0, "The title"),
            heading(1, "Feedback on recommendations"),
            heading(2, "CP Rights"),
            para(),
            heading(2, "ESC Rights"),
            para(),
            heading(1, "Methodology"),
        ],
        ..Document::default()
    };
    let bytes = render(&doc);
    let lo = lopdf::Document::load_mem(&bytes).expect("lopdf reads the PDF");
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    let dict = |id: lopdf::ObjectId| lo.get_dictionary(id).expect("dictionary");
    let reference =
        |d: &lopdf::Dictionary, key: &[u8]| d.get(key).ok().and_then(|o| o.as_reference().ok());
    let title = |d: &lopdf::Dictionary| {
        let bytes = d
            .get(b"Title")
            .and_then(|o| o.as_str())
            .expect("title")
            .to_vec();
        lopdf::decode_text_string(&lopdf::Object::String(bytes, lopdf::StringFormat::Literal))
            .expect("text string")
    };
    // (level, title, page from 1), walking First/Next.
    fn walk(
        id: Option<lopdf::ObjectId>,
        level: usize,
        out: &mut Vec<(usize, String, usize)>,
        visit: &dyn Fn(
            lopdf::ObjectId,
        ) -> (
            String,
            usize,
            Option<lopdf::ObjectId>,
            Option<lopdf::ObjectId>,
        ),
    ) {
        let mut at = id;
        while let Some(id) = at {
            let (title, page, first, next) = visit(id);
            out.push((level, title, page));
            walk(first, level + 1, out, visit);
            at = next;
        }
    }
    let visit = |id: lopdf::ObjectId| {
        let d = dict(id);
        let dest = d.get(b"Dest").and_then(|o| o.as_array()).expect("Dest");
        let page = dest[0].as_reference().expect("page ref");
        let n = page_ids.iter().position(|p| *p == page).expect("a page") + 1;
        (title(d), n, reference(d, b"First"), reference(d, b"Next"))
    };
    let root = lo
        .catalog()
        .ok()
        .and_then(|c| reference(c, b"Outlines"))
        .expect("Outlines");
    let mut found = Vec::new();
    walk(reference(dict(root), b"First"), 1, &mut found, &visit);
    let names: Vec<(usize, &str)> = found.iter().map(|(l, t, _)| (*l, t.as_str())).collect();
    assert_eq!(
        names,
        [
            (1, "Feedback on recommendations"),
            (2, "CP Rights"),
            (2, "ESC Rights"),
            (1, "Methodology")
        ]
    );
    let text = pages(&bytes);
    for (_, title, page) in &found {
        assert_eq!(page_of(&text, title), Some(*page), "{title}");
    }
    // A document without headings has no outline.
    let plain = render(&Document {
        blocks: vec![para()],
        ..Document::default()
    });
    let lo = lopdf::Document::load_mem(&plain).expect("reads");
    assert!(lo.catalog().expect("catalog").get(b"Outlines").is_err());
}
