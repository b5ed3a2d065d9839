//! Parser tests: every block and inline kind, layout tags, Markdown edge cases.

use super::*;
use crate::document::Footnote;

fn doc(md: &str) -> Document {
    match parse(md) {
        Ok(d) => d,
        Err(e) => panic!("{e}\n{md}"),
    }
}

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn p(content: Vec<Inline>) -> Block {
    Block::Paragraph {
        content,
        align: Align::Justify,
    }
}

/// A paragraph in a footnote: notes start flush rather than justified.
fn note(content: Vec<Inline>) -> Block {
    Block::Paragraph {
        content,
        align: Align::Start,
    }
}

#[test]
fn empty_document() {
    assert_eq!(doc(""), Document::default());
    assert_eq!(doc("\n\n  \n"), Document::default());
}

#[test]
fn headings_paragraphs_and_inlines() {
    let d =
        doc("# One\n\n## Two\n\n#### Four\n\nA *b* **c** [d](http://x.org) `e`  \nf\ng <u>h</u>\n");
    assert_eq!(
        d.blocks,
        vec![
            Block::Heading {
                level: 1,
                content: vec![t("One")]
            },
            Block::Heading {
                level: 2,
                content: vec![t("Two")]
            },
            Block::Heading {
                level: 3,
                content: vec![t("Four")]
            },
            p(vec![
                t("A "),
                Inline::Emphasis(vec![t("b")]),
                t(" "),
                Inline::Strong(vec![t("c")]),
                t(" "),
                Inline::Link {
                    url: "http://x.org".into(),
                    content: vec![t("d")]
                },
                t(" e"),
                Inline::LineBreak,
                t("f g "),
                Inline::Underline(vec![t("h")]),
            ]),
        ]
    );
}

#[test]
fn lists_quotes_rules_and_code() {
    let d = doc(
        "3. a\n4. b\n\n- x\n\n  more\n- y\n\n> quoted\n\n---\n\n```\nline 1\n\n  line 3\n```\n",
    );
    assert_eq!(
        d.blocks,
        vec![
            Block::List {
                start: Some(3),
                items: vec![vec![p(vec![t("a")])], vec![p(vec![t("b")])]]
            },
            Block::List {
                start: None,
                items: vec![
                    vec![p(vec![t("x")]), p(vec![t("more")])],
                    vec![p(vec![t("y")])]
                ]
            },
            Block::Quote(vec![p(vec![t("quoted")])]),
            Block::Rule,
            Block::Lines {
                lines: vec![vec![t("line 1")], vec![], vec![t("  line 3")]],
                align: Align::Start,
                role: LinesRole::Plain
            },
        ]
    );
}

#[test]
fn tables_with_alignment_and_nesting() {
    let d = doc("| a | b | c |\n|---|:-:|--:|\n| 1 | 2 \\| 3 | *4* |\n\n- item\n\n  | x |\n  |---|\n  | y |\n\n> |   |\n> |---|\n> | q |\n");
    let Block::Table(table) = &d.blocks[0] else {
        panic!("{:?}", d.blocks)
    };
    assert_eq!(
        table.columns.iter().map(|c| c.align).collect::<Vec<_>>(),
        [Align::Start, Align::Center, Align::End]
    );
    assert_eq!(table.header, vec![vec![t("a")], vec![t("b")], vec![t("c")]]);
    assert_eq!(
        table.rows,
        vec![vec![
            vec![t("1")],
            vec![t("2 | 3")],
            vec![Inline::Emphasis(vec![t("4")])]
        ]]
    );
    let Block::List { items, .. } = &d.blocks[1] else {
        panic!()
    };
    assert!(matches!(&items[0][1], Block::Table(t) if t.rows.len() == 1));
    let Block::Quote(q) = &d.blocks[2] else {
        panic!()
    };
    let Block::Table(qt) = &q[0] else { panic!() };
    assert!(qt.header.is_empty(), "an empty header row means no header");
    assert_eq!(qt.rows, vec![vec![vec![t("q")]]]);
}

#[test]
fn footnotes_numbered_by_first_reference() {
    let d = doc(
        "a[^z] b[^a] c[^z]\n\n[^a]: Second.\n[^z]: First[^n].\n[^n]: Nested.\n[^unused]: Never.\n",
    );
    let Block::Paragraph { content, .. } = &d.blocks[0] else {
        panic!()
    };
    assert_eq!(
        content,
        &vec![
            t("a"),
            Inline::FootnoteRef(0),
            t(" b"),
            Inline::FootnoteRef(1),
            t(" c"),
            Inline::FootnoteRef(0)
        ]
    );
    assert_eq!(
        d.footnotes,
        vec![
            Footnote {
                blocks: vec![note(vec![t("First"), Inline::FootnoteRef(2), t(".")])]
            },
            Footnote {
                blocks: vec![note(vec![t("Second.")])]
            },
            Footnote {
                blocks: vec![note(vec![t("Nested.")])]
            },
        ]
    );
    let (_, warnings) = parse_with_warnings("x[^a]\n\n[^a]: A\n\n[^b]: B\n").unwrap();
    assert_eq!(
        warnings,
        vec![ParseWarning::UnusedFootnote {
            label: "b".into(),
            line: 5
        }]
    );
}

#[test]
fn undefined_footnote_is_an_error_naming_it() {
    let e = parse("Text\n\nmore[^missing] here\n").unwrap_err();
    assert_eq!(
        e,
        ParseError::UndefinedFootnote {
            label: "missing".into(),
            line: 3
        }
    );
    assert!(e.to_string().contains("[^missing]"));
    // Escaped, it is only text.
    assert_eq!(doc("\\[^x\\]").blocks, vec![p(vec![t("[^x]")])]);
}

#[test]
fn unclosed_emphasis_is_text() {
    assert_eq!(
        doc("*open **strong _x").blocks,
        vec![p(vec![t("*open **strong _x")])]
    );
}

#[test]
fn layout_blocks() {
    let md = "<div class=\"title\">\n\nOpen *letter*\n\n</div>\n\n<div class=\"right\">\n\n18 October 2012\n\n</div>\n\n\
<div class=\"address\">\n\nErlan Idrissov\nMinister\n010000 Astana\n\n</div>\n\n<div class=\"page-break\"></div>\n\n\
<div class=\"signature center\">\n\nA. Person  \nDirector\n\nOrganisation\n\n</div>\n\n<div class=\"center\">\n\nMiddle\n\n</div>\n";
    assert_eq!(
        doc(md).blocks,
        vec![
            Block::Heading {
                level: 0,
                content: vec![t("Open "), Inline::Emphasis(vec![t("letter")])]
            },
            Block::Paragraph {
                content: vec![t("18 October 2012")],
                align: Align::End
            },
            Block::Lines {
                lines: vec![
                    vec![t("Erlan Idrissov")],
                    vec![t("Minister")],
                    vec![t("010000 Astana")]
                ],
                align: Align::Start,
                role: LinesRole::Address
            },
            Block::PageBreak,
            Block::Lines {
                lines: vec![
                    vec![t("A. Person")],
                    vec![t("Director")],
                    vec![],
                    vec![t("Organisation")]
                ],
                align: Align::Center,
                role: LinesRole::Signature
            },
            Block::Paragraph {
                content: vec![t("Middle")],
                align: Align::Center
            },
        ]
    );
}

#[test]
fn anchors_pagerefs_and_breaks() {
    let d = doc("## <a id=\"rec-12\"></a>Recommendation 12\n\nSee page <span class=\"pageref\" data-target=\"rec-12\"></span>.<br>Next <!-- note -->line\n");
    assert_eq!(
        d.blocks,
        vec![
            Block::Heading {
                level: 2,
                content: vec![Inline::Anchor("rec-12".into()), t("Recommendation 12")]
            },
            p(vec![
                t("See page "),
                Inline::PageRef {
                    target: "rec-12".into(),
                    label: String::new(),
                },
                t("."),
                Inline::LineBreak,
                t("Next line")
            ]),
        ]
    );
}

#[test]
fn other_html_is_refused_by_name() {
    for (md, tag) in [
        ("a <b>bold</b>", "<b>"),
        ("<script>alert(1)</script>\n", "<script>"),
        (
            "<div class=\"right\">\n\nx\n\n</div>\n\n<table>\n",
            "<table>",
        ),
        ("x <span class=\"big\">y</span>", "<span class=\"big\">"),
    ] {
        match parse(md) {
            Err(ParseError::Html { tag: got, .. }) => assert_eq!(got, tag, "{md}"),
            other => panic!("{md}: {other:?}"),
        }
    }
}

#[test]
fn layout_misuse_is_explained() {
    let e = parse("<div class=\"right\">\ntext\n</div>\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("blank line"), "{e}");
    let e = parse("<div class=\"right\">\n\ntext\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("not closed") && e.starts_with("line 1"), "{e}");
    let e = parse("</div>\n").unwrap_err().to_string();
    assert!(e.contains("closes no"), "{e}");
    let e = parse("<div class=\"fancy\">\n\nx\n\n</div>\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("`fancy`"), "{e}");
    let e = parse("<div class=\"address\">\n\n- a list\n\n</div>\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("only lines"), "{e}");
    let e = parse("a <u>b\n\nc</u>").unwrap_err().to_string();
    assert!(e.contains("not closed"), "{e}");
    let e = parse("![img](x.png)").unwrap_err().to_string();
    assert!(e.contains("image"), "{e}");
    let e = parse("x <a id=\"bad id\"></a>").unwrap_err().to_string();
    assert!(e.contains("needs a name"), "{e}");
}

#[test]
fn entity_line_feeds_become_breaks() {
    assert_eq!(
        doc("a&#10;b&#13;&#10;| c").blocks,
        vec![p(vec![
            t("a"),
            Inline::LineBreak,
            t("b\r"),
            Inline::LineBreak,
            t("| c")
        ])]
    );
}

#[test]
fn nested_divs_keep_their_own_alignment() {
    let md = "<div class=\"right\">\n\nouter\n\n<div class=\"center\">\n\ninner\n\n</div>\n\n<div class=\"signature\">\n\nName\n\n</div>\n\n</div>\n";
    assert_eq!(
        doc(md).blocks,
        vec![
            Block::Paragraph {
                content: vec![t("outer")],
                align: Align::End
            },
            Block::Paragraph {
                content: vec![t("inner")],
                align: Align::Center
            },
            Block::Lines {
                lines: vec![vec![t("Name")]],
                align: Align::End,
                role: LinesRole::Signature
            },
        ]
    );
}

#[test]
fn nesting_past_the_limit_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}text\n", "> ".repeat(100_000));
    let err = parse(&deep).unwrap_err();
    assert!(err.to_string().contains("nest more than 64 deep"), "{err}");
    let lists = (0..200)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect::<String>();
    assert!(matches!(parse(&lists), Err(ParseError::TooLarge { .. })));
    // Within the limit, nesting is fine.
    assert!(parse(&format!("{}text\n", "> ".repeat(20))).is_ok());
}

/// The plain text of each block and footnote of `md` parsed in `lang`.
fn texts_in(md: &str, lang: &str) -> Vec<String> {
    fn block(b: &Block, out: &mut Vec<String>) {
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                out.push(Inline::plain_text(content))
            }
            Block::Lines { lines, .. } => {
                out.extend(lines.iter().map(|l| Inline::plain_text(l)));
            }
            Block::List { items, .. } => items.iter().flatten().for_each(|b| block(b, out)),
            Block::Table(t) => out.extend(
                t.header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .map(|c| Inline::plain_text(c)),
            ),
            Block::Quote(q) | Block::Keep { blocks: q, .. } | Block::Styled { blocks: q, .. } => {
                q.iter().for_each(|b| block(b, out))
            }
            Block::Chart(c) => out.push(Inline::plain_text(&c.caption)),
            Block::Rule | Block::PageBreak => {}
        }
    }
    let d = match parse_in(md, lang) {
        Ok(d) => d,
        Err(e) => panic!("{e}\n{md}"),
    };
    let mut out = Vec::new();
    d.blocks.iter().for_each(|b| block(b, &mut out));
    d.footnotes
        .iter()
        .flat_map(|f| &f.blocks)
        .for_each(|b| block(b, &mut out));
    out
}

#[test]
fn quotes_are_curled_in_text_by_language() {
    for (md, lang, want) in [
        // At the start of a paragraph, after a bracket or a dash, nested.
        ("\"Quoted\" first.", "en", "“Quoted” first."),
        ("(\"a\") — \"b\" –'c'", "en", "(“a”) — “b” –‘c’"),
        ("\"She said 'no'.\"", "en", "“She said ‘no’.”"),
        // Apostrophes, after letters and digits.
        (
            "KAZAKHSTAN'S and the States' 1990's",
            "en",
            "KAZAKHSTAN’S and the States’ 1990’s",
        ),
        // Across emphasis and links: the reader's neighbours decide.
        (
            "*Valdoria*'s \"*Title*\" [\"x\"](http://x.org)",
            "en",
            "Valdoria’s “Title” “x”",
        ),
        // After a footnote reference: it follows a word, so the quote closes.
        (
            "\"Pledge.[^1]\" Then 'x'.[^1]'\n\n[^1]: A \"note\".",
            "en",
            "“Pledge.” Then ‘x’.’",
        ),
        (
            "# \"Heading\"\n\n| \"cell\" |\n|---|\n| it's |",
            "en",
            "“Heading”",
        ),
        (
            "\"Мемориал\" и \"Движение \"За права\"\"",
            "ru",
            "«Мемориал» и «Движение „За права“»",
        ),
        ("Кот-д'Ивуар", "ru-RU", "Кот-д’Ивуар"),
        // Curly quotes stay; `--` and `...` too.
        (
            "“Curly” -- and ... 'straight'",
            "en",
            "“Curly” -- and ... ‘straight’",
        ),
    ] {
        assert_eq!(texts_in(md, lang)[0], want, "{md:?} in {lang}");
    }
    assert_eq!(
        texts_in("# \"Heading\"\n\n| \"cell\" |\n|---|\n| it's |", "en"),
        ["“Heading”", "“cell”", "it’s"]
    );
    assert_eq!(
        texts_in("Text.[^1]\n\n[^1]: A \"note\" in 'quotes'.", "en"),
        ["Text.", "A “note” in ‘quotes’."]
    );
    assert_eq!(
        texts_in(
            "<div class=\"address\">\n\n\"Name\"\nO'Brien\n\n</div>\n",
            "en"
        ),
        ["“Name”", "O’Brien"]
    );
}

#[test]
fn quotes_in_code_urls_and_tags_stay_straight() {
    let d = parse_in(
        "`it's \"code\"` <http://x.org/it's> [\"a\"](http://x.org/\"b\"?q='c') \
         <a id=\"x\"></a>'d'\n\n```\n\"fenced\" it's\n```\n",
        "en",
    )
    .unwrap();
    assert_eq!(
        d.blocks[0],
        p(vec![
            t("it's \"code\" "),
            Inline::Link {
                url: "http://x.org/it's".into(),
                content: vec![t("http://x.org/it's")]
            },
            t(" "),
            Inline::Link {
                url: "http://x.org/\"b\"?q='c'".into(),
                content: vec![t("“a”")]
            },
            t(" "),
            Inline::Anchor("x".into()),
            t("‘d’"),
        ])
    );
    assert_eq!(
        d.blocks[1],
        Block::Lines {
            lines: vec![vec![t("\"fenced\" it's")]],
            align: Align::Start,
            role: LinesRole::Plain,
        }
    );
}

#[test]
fn keep_divs_group_their_blocks() {
    let d = parse(
        "<div class=\"keep-with-next\">\n\n**Label:**\n\n</div>\n\nText.\n\n\
         <div class=\"keep right\">\n\nOne.\n\nTwo.\n\n</div>\n\n<div class=\"keep\"></div>\n",
    )
    .unwrap();
    assert_eq!(d.blocks.len(), 3, "{:?}", d.blocks);
    let Block::Keep { blocks, with_next } = &d.blocks[0] else {
        panic!("{:?}", d.blocks[0]);
    };
    assert!(*with_next);
    assert_eq!(blocks.len(), 1);
    let Block::Keep { blocks, with_next } = &d.blocks[2] else {
        panic!("{:?}", d.blocks[2]);
    };
    assert!(!*with_next);
    assert!(blocks.iter().all(|b| matches!(
        b,
        Block::Paragraph {
            align: Align::End,
            ..
        }
    )));
    let e = parse("<div class=\"keep title\">\n\nX\n\n</div>\n").unwrap_err();
    assert!(e.to_string().contains("give one of"), "{e}");
}

#[test]
fn a_chart_block_is_a_caption_and_a_table_of_numbers() {
    let md = "<div class=\"chart\">\n\nLevels by theme\n\n| Theme | Round | Not | Fully |\n|---|---|--:|--:|\n| CP | 2025 | 1 | 0 |\n| | 2026 | 0 | 2 |\n\n</div>\n";
    let d = parse(md).unwrap();
    let [Block::Chart(c)] = d.blocks.as_slice() else {
        panic!("not one chart: {:?}", d.blocks)
    };
    assert_eq!(Inline::plain_text(&c.caption), "Levels by theme");
    assert_eq!(c.series, ["Not", "Fully"]);
    assert_eq!(c.label_headers, ["Theme", "Round"]);
    assert_eq!(c.bars.len(), 2);
    assert_eq!(
        (c.bars[0].group.as_str(), c.bars[0].label.as_str()),
        ("CP", "2025")
    );
    assert_eq!(c.bars[1].values, [0.0, 2.0]);
    assert_eq!(c.full_labels(), ["CP, 2025", "CP, 2026"]);
    assert_eq!(
        c.alt_text(),
        "Levels by theme. CP, 2025: Not 1, Fully 0. CP, 2026: Not 0, Fully 2."
    );
}

#[test]
fn a_chart_with_text_among_its_numbers_is_refused_by_line() {
    let md =
        "Intro\n\n<div class=\"chart\">\n\n| Theme | Not |\n|---|--:|\n| CP | one |\n\n</div>\n";
    let e = parse(md).unwrap_err().to_string();
    assert!(e.contains("line 3"), "{e}");
    assert!(e.contains("`one` (row 1, column 2)"), "{e}");
    let md = "<div class=\"chart\">\n\n| Theme | Not |\n|---|---|\n| CP | 1 |\n\n</div>\n";
    let e = parse(md).unwrap_err().to_string();
    assert!(e.contains("aligned right"), "{e}");
}

#[test]
fn custom_style_divs_name_their_blocks_style() {
    let d = doc(concat!(
        "<div class=\"keep-with-next\" custom-style=\"Label\">\n\nGovernment response:\n\n</div>\n\n",
        "<div custom-style=\"Team Note\">\n\nA note.\n\n</div>\n\n",
        "<div class=\"center\" custom-style=\"Label\">\n\nCentred.\n\n</div>\n",
    ));
    let para = |text: &str, align| Block::Paragraph {
        content: vec![Inline::Text(text.into())],
        align,
    };
    assert_eq!(
        d.blocks,
        vec![
            // The sheet aligns a label at the start; the group keeps with the next.
            Block::Keep {
                blocks: vec![Block::Styled {
                    style: "Label".into(),
                    blocks: vec![para("Government response:", Align::Start)],
                }],
                with_next: true,
            },
            // A name the sheet does not know keeps body text's alignment.
            Block::Styled {
                style: "Team Note".into(),
                blocks: vec![para("A note.", Align::Justify)],
            },
            // The div's class wins over the sheet.
            Block::Styled {
                style: "Label".into(),
                blocks: vec![para("Centred.", Align::Center)],
            },
        ]
    );
    for bad in [
        "<div custom-style=\"\">\n\nx\n\n</div>\n",
        "<div class=\"title\" custom-style=\"Label\">\n\nx\n\n</div>\n",
    ] {
        let e = parse(bad).unwrap_err().to_string();
        assert!(e.contains("custom-style") && e.contains("line 1"), "{e}");
    }
}

/// The Markdown of every example document and of a generated country's MIA.
fn drafted_examples() -> Vec<(String, String, String)> {
    use crate::pipeline::{Pipeline, Request};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("country.toml").exists())
        .collect();
    dirs.sort();
    let tmp = tempfile::tempdir().unwrap();
    let spec = crate::bench_gen::Spec {
        recommendations: 400,
        seed: 3,
        ..Default::default()
    };
    dirs.extend(crate::bench_gen::generate(&spec, tmp.path()).unwrap());
    let templates = crate::template::TemplateSet::builtin().unwrap();
    let names: Vec<String> = templates.names().iter().map(|n| n.to_string()).collect();
    let pipeline = Pipeline::new(templates, crate::plugin_host::Registry::builtin()).unwrap();
    let mut out = Vec::new();
    for dir in &dirs {
        let loaded = crate::dataset::load(dir).unwrap();
        for name in &names {
            let request = Request {
                template: name,
                ..Request::default()
            };
            if let Ok(drafted) = pipeline.draft(&loaded.dataset, &request) {
                let lang = drafted.document.meta.language.clone();
                out.push((format!("{} {name}", dir.display()), drafted.markdown, lang));
            }
        }
    }
    out
}

#[test]
fn every_example_parses_in_pieces_as_it_does_whole() {
    let examples = drafted_examples();
    assert!(examples.len() >= 15, "{} documents drafted", examples.len());
    let mut cut = 0;
    for (what, markdown, lang) in &examples {
        let whole = parse_with_warnings_in(markdown, lang).unwrap();
        // Pieces as small as they can be: a cut at every place one may be made.
        let Some(plan) = pieces::plan(markdown, 1) else {
            continue;
        };
        if plan.body.len() > 1 {
            cut += 1;
        }
        let quotes = quotes::Quotes::for_language(lang);
        let Some(pieces) = parse_planned(markdown, &plan, quotes) else {
            panic!("{what}: a piece could not be read");
        };
        assert!(whole == pieces, "{what}: the pieces differ from the whole");
        // Parsed while written, in writes that may end inside a character.
        let body = &markdown[..plan.notes.map_or(markdown.len(), |n| n.start)];
        let streamed =
            parse_while_written(body, markdown, lang, 1, 7, crate::render::is_note_label);
        let Some(streamed) = streamed else {
            panic!("{what}: the document was not parsed while written");
        };
        assert!(
            whole == streamed,
            "{what}: parsed while written, it differs from the whole"
        );
    }
    // The test means something only if documents were cut.
    assert!(
        cut * 10 >= examples.len() * 9,
        "{cut} of {} cut",
        examples.len()
    );
}

/// `markdown`, whose body is `body`, parsed by a [`stream::Stream`] as it
/// is written `write` bytes at a time, in pieces of about `piece` bytes.
fn parse_while_written(
    body: &str,
    markdown: &str,
    lang: &str,
    piece: usize,
    write: usize,
    is_label: fn(&str) -> bool,
) -> Option<(Document, Vec<ParseWarning>)> {
    let mut stream =
        stream::Stream::with_pieces(lang, crate::render::separate_tables, is_label, piece);
    let bytes = body.as_bytes();
    let mut written = 0;
    while written < bytes.len() {
        written = (written + write).min(bytes.len());
        stream.grown(&bytes[..written]);
    }
    stream.end_body(body);
    stream.finish(markdown, false)
}

#[test]
fn a_document_parsed_while_written_is_left_whole_when_it_must_be() {
    let notes = "\n\n[^hrdraft-fn-1]: The note.\n";
    let good = "# A\n\nOne[^hrdraft-fn-1].\n\n| a |\n|---|\n| b |\n\nTwo.\n";
    let whole = |body: &str| {
        let md = format!("{body}{notes}");
        parse_while_written(body, &md, "en", 1, 3, crate::render::is_note_label)
    };
    let md = format!("{good}{notes}");
    assert_eq!(
        whole(good),
        Some(parse_with_warnings_in(&md, "en").unwrap()),
        "a body that may be cut is parsed while written"
    );
    for body in [
        // Read across blocks: a fence, a link definition, a note in the body.
        "# A\n\n```\ncode\n\nmore\n```\n\nOne[^hrdraft-fn-1].\n",
        "# A\n\n[x]: https://example.org\n\nOne[^hrdraft-fn-1].\n",
        "# A\n\n[^mine]: a note of the template's own\n\nOne[^hrdraft-fn-1].\n",
        // A div left open.
        "# A\n\n<div class=\"keep\">\n\nOne[^hrdraft-fn-1].\n",
        // Too short to cut.
        "One[^hrdraft-fn-1].\n",
    ] {
        assert_eq!(whole(body), None, "{body:?}");
    }
    // The body is not what was written (notes dropped and numbered again),
    // or the notes are not the engine's.
    let mut stream = stream::Stream::with_pieces(
        "en",
        crate::render::separate_tables,
        crate::render::is_note_label,
        1,
    );
    stream.grown(good.as_bytes());
    stream.end_body(good);
    assert_eq!(stream.finish(&md, true), None);
    let theirs = format!(
        "{}\n\n[^other]: Theirs.\n",
        good.replace("hrdraft-fn-1", "other")
    );
    let body = good.replace("hrdraft-fn-1", "other");
    assert_eq!(
        parse_while_written(&body, &theirs, "en", 1, 3, crate::render::is_note_label),
        None
    );
}

/// Blocks of Markdown of every kind that cutting must respect, some of
/// them wrong (a stray `</div>`, an undefined note) so that errors are
/// compared too.
fn markdown_block() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let good = prop::sample::select(vec![
        "Plain text with 'quotes' and \"more\".",
        "text with a note[^a] and[^B] another",
        "a line\nlazily continued",
        "*emphasis* and **strong** text",
        "# A heading",
        "## Second level",
        "- bullet\n- second",
        "- loose\n\n- list\n\n  continued in the item",
        "* star bullet",
        "+ plus bullet",
        "    indented four",
        "1. first\n2. second",
        "7) seventh",
        "2024. a year",
        "> quoted\n>\n> more",
        "> quoted\nlazy",
        "| a | b |\n|---|:-:|\n| 1 | 2[^a] |",
        "---",
        "***",
        "para\n===",
        "\\<div> escaped",
        "https://example.org/x and someone@example.org",
    ]);
    // What keeps a document whole, or makes it wrong.
    let rare = prop::sample::select(vec![
        "[^z]: a note in the middle",
        "[ref]: https://example.org",
        "- [ref]: https://example.org",
        "> [other]: https://example.org",
        "see [ref] and [text][ref] and [other]",
        "```\ncode\n\nmore code\n```",
        "<!-- a comment\n\nstill -->",
        "`<div>` in code",
        "</div>",
        "undefined[^nowhere]",
    ]);
    let leaf = prop_oneof![40 => good, 1 => rare].prop_map(str::to_string);
    leaf.prop_recursive(3, 24, 6, |inner| {
        let blocks = proptest::collection::vec(inner, 1..6);
        (
            prop::sample::select(vec![
                "<div class=\"keep\">",
                "<div custom-style=\"Label\">",
                "<div class=\"right\">",
                "- ",
                "> ",
            ]),
            blocks,
        )
            .prop_map(|(open, blocks)| match open {
                "- " => format!("- {}", blocks.join("\n\n").replace('\n', "\n  ")),
                "> " => format!("> {}", blocks.join("\n\n").replace('\n', "\n> ")),
                _ => format!("{open}\n\n{}\n\n</div>", blocks.join("\n\n")),
            })
    })
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(500))]
    /// Cut wherever it may be, any Markdown reads as it does whole: the same
    /// document and warnings, or the same error.
    #[test]
    fn any_markdown_parses_in_pieces_as_it_does_whole(
        blocks in proptest::collection::vec(
            (markdown_block(), proptest::sample::select(vec!["\n\n", "\n\n", "\n\n\n", "\n"])),
            0..30,
        ),
        notes in proptest::collection::vec(
            proptest::sample::select(vec![
                "[^a]: the note",
                "[^b]: second[^a]\n    continued",
                "[^c]: unused",
                "[^A]: again",
            ]),
            0..4,
        ),
    ) {
        let mut md: String = blocks.iter().map(|(b, sep)| format!("{b}{sep}")).collect();
        for note in ["[^a]: the first note", "[^b]: the second"].into_iter().chain(notes) {
            md.push_str("\n\n");
            md.push_str(note);
        }
        md.push('\n');
        let whole = parse_in_pieces(&md, "en", usize::MAX / 2);
        let pieces = parse_in_pieces(&md, "en", 1);
        proptest::prop_assert_eq!(&whole, &pieces, "{}", md);
        // Parsed while written: the same document, or left to be parsed whole.
        let body: String = blocks.iter().map(|(b, sep)| format!("{b}{sep}")).collect();
        let streamed = parse_while_written(&body, &md, "en", 1, 5, |_| true);
        if let Some(streamed) = streamed {
            proptest::prop_assert_eq!(whole, Ok(streamed), "{}", md);
        }
    }
}
