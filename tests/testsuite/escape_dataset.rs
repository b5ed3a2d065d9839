//! Dataset text, put into real dataset fields and drafted through the real
//! templates and plugins, reaches the reader verbatim in DOCX, PDF and HTML,
//! and never becomes markup: the drafted document has exactly the shape
//! (blocks, emphasis, links, footnotes, tables) it has with plain text in
//! those fields, and the HTML has no script, event handler or javascript link.
//!
//! Verbatim but for the parser's one documented change to text: straight
//! quotes become curly ones. The value expected is therefore the value as
//! `hrdraft::document::smart_quotes` curls it in the text around it, taken
//! from the same document drafted with plain values.
//!
//! Also: names built from dataset values never leave the output directory.
//! Case counts are fixed and small so that `cargo test` stays fast; set
//! HRDRAFT_PROPTEST_CASES for a longer run.

use std::io::Read;
use std::path::{Component, Path};

use crate::support::squash;
use hrdraft::dataset;
use hrdraft::document::{smart_quotes, Block, Document, Inline};
use hrdraft::output;
use hrdraft::pipeline::{Pipeline, Request};
use hrdraft::plugin_host::Registry;
use hrdraft::template::TemplateSet;
use hrdraft::write;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Pieces that mean something to Markdown, HTML, XML or Handlebars, and
/// letters the embedded font covers (so the PDF can show each character).
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
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    "<http://example.org>",
    "www.example.org",
    "#",
    "# ",
    "|",
    " | ",
    "`",
    "```",
    "\\",
    "~",
    "~~",
    "](http://x.org)",
    "<",
    ">",
    "> ",
    "&",
    "&amp;",
    "&#42;",
    "&lt;",
    "\"",
    "'",
    "1.",
    "- ",
    "+ ",
    "=",
    "---",
    "!",
    "![x](y)",
    "{{x}}",
    "{{{x}}}",
    "{{> reprisals}}",
    "%",
    "$",
    "]]>",
    "<![CDATA[",
    "<?xml",
    "é",
    "–",
    "—",
    "“",
    "”",
    "’",
    "…",
    "Қазақстан",
    "Россия",
    "Ελλάδα",
    "ß",
    "€",
    "word",
    "text",
    "12",
    " ",
];

fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..10)
        .prop_map(|v| v.concat())
        // Fields are written between other words; leading and trailing
        // spaces are not text a reader could see.
        .prop_map(|s| s.trim().to_string())
        .prop_filter("not blank", |s| !s.is_empty())
}

fn cases(default: u32) -> u32 {
    std::env::var("HRDRAFT_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new_with_rng(
        Config {
            cases,
            max_shrink_iters: 64,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    )
}

/// The Valdoria example's files, read once.
fn example_files() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/valdoria");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The fields a value is put into: file, path to the string, and the
/// templates whose body prints it.
const FIELDS: &[(&str, &[&str], &[&str])] = &[
    (
        "candidacy.toml",
        &["pledges", "0", "text"],
        &["open-letter"],
    ),
    (
        "country.toml",
        &["addressees", "0", "name"],
        &["open-letter"],
    ),
    (
        "upr.toml",
        &["recommendations", "0", "text"],
        &["mia-report"],
    ),
    (
        "upr.toml",
        // The first assessment of the follow-up round, the round the
        // report prints (the three before it are the mid-term's).
        &["recommendations", "0", "assessments", "3", "comment"],
        &["mia-report"],
    ),
    (
        "questions.toml",
        &["questions", "0", "text"],
        &["pledging-questions"],
    ),
];

/// Set the string at `path` in a TOML file.
fn set(file: &mut toml_edit::DocumentMut, path: &[&str], value: &str) {
    fn walk<'a>(item: &'a mut toml_edit::Item, path: &[&str]) -> &'a mut toml_edit::Item {
        let Some((first, rest)) = path.split_first() else {
            return item;
        };
        let next = match first.parse::<usize>() {
            Ok(i) => match item {
                toml_edit::Item::ArrayOfTables(a) => a.get_mut(i).map(|t| &mut t[rest[0]]),
                _ => None,
            },
            Err(_) => Some(&mut item[*first]),
        };
        let next = next.unwrap_or_else(|| panic!("no {first} in {path:?}"));
        match first.parse::<usize>() {
            Ok(_) => walk(next, &rest[1..]),
            Err(_) => walk(next, rest),
        }
    }
    let item = walk(file.as_item_mut(), path);
    assert!(item.is_str(), "{path:?} is not a string");
    *item = toml_edit::value(value);
}

/// The example with `values[i]` in `FIELDS[i]` and `name` as the country's name.
fn dataset_with(
    base: &[(String, Vec<u8>)],
    values: &[String],
    name: &str,
) -> hrdraft::sdk::Dataset {
    let mut files = base.to_vec();
    for (i, (file, path, _)) in FIELDS.iter().enumerate() {
        let entry = files.iter_mut().find(|(n, _)| n == file).unwrap();
        let mut doc: toml_edit::DocumentMut =
            String::from_utf8(entry.1.clone()).unwrap().parse().unwrap();
        set(&mut doc, path, &values[i]);
        if *file == "country.toml" {
            set(&mut doc, &["country", "name"], name);
        }
        entry.1 = doc.to_string().into_bytes();
    }
    match dataset::load_from_files(&files) {
        Ok(l) => l.dataset,
        Err(e) => panic!("{e}: {:#?}", e.diagnostics),
    }
}

/// The document with its text left out: what markup it holds, and where.
fn shape(doc: &Document) -> String {
    fn inl(xs: &[Inline], out: &mut String) {
        for i in xs {
            match i {
                Inline::Text(_) => {}
                // A bare address in the text, linked to itself on purpose.
                Inline::Link { url, content }
                    if url.trim_start_matches("mailto:") == Inline::plain_text(content) => {}
                Inline::Emphasis(c) => wrap("em", c, out),
                Inline::Strong(c) => wrap("strong", c, out),
                Inline::Underline(c) => wrap("u", c, out),
                Inline::Link { url, content } => wrap(&format!("a {url}"), content, out),
                Inline::FootnoteRef(n) => out.push_str(&format!("[^{n}]")),
                Inline::LineBreak => out.push_str("<br>"),
                Inline::Anchor(a) => out.push_str(&format!("#{a}")),
                Inline::PageRef { target: a, .. } => out.push_str(&format!("p.{a}")),
                Inline::Mark { id, end } => out.push_str(&format!("m{id}{end}")),
            }
        }
    }
    fn wrap(tag: &str, c: &[Inline], out: &mut String) {
        out.push_str(&format!("<{tag}>"));
        inl(c, out);
        out.push_str("</>");
    }
    fn blk(bs: &[Block], out: &mut String) {
        for b in bs {
            match b {
                Block::Heading { level, content } => {
                    out.push_str(&format!("\nH{level}:"));
                    inl(content, out);
                }
                Block::Paragraph { content, align } => {
                    out.push_str(&format!("\nP{align:?}:"));
                    inl(content, out);
                }
                Block::Chart(c) => {
                    out.push_str("\nChart:");
                    inl(&c.caption, out);
                }
                Block::Lines { lines, role, .. } => {
                    out.push_str(&format!("\nLines {role:?} {}:", lines.len()));
                    for l in lines {
                        inl(l, out);
                    }
                }
                Block::List { start, items } => {
                    out.push_str(&format!("\nList {start:?} {}[", items.len()));
                    for i in items {
                        blk(i, out);
                    }
                    out.push(']');
                }
                Block::Table(t) => {
                    out.push_str(&format!("\nTable {}x{}[", t.columns.len(), t.rows.len()));
                    for c in t.header.iter().chain(t.rows.iter().flatten()) {
                        inl(c, out);
                        out.push('|');
                    }
                    out.push(']');
                }
                Block::Quote(q) => {
                    out.push_str("\nQuote[");
                    blk(q, out);
                    out.push(']');
                }
                Block::Keep { blocks, with_next } => {
                    out.push_str(&format!("\nKeep {with_next}["));
                    blk(blocks, out);
                    out.push(']');
                }
                Block::Styled { style, blocks } => {
                    out.push_str(&format!("\nStyled {style}["));
                    blk(blocks, out);
                    out.push(']');
                }
                Block::Rule => out.push_str("\n---"),
                Block::PageBreak => out.push_str("\n<page>"),
            }
        }
    }
    let mut out = String::new();
    blk(&doc.blocks, &mut out);
    for f in &doc.footnotes {
        out.push_str("\nNote[");
        blk(&f.blocks, &mut out);
        out.push(']');
    }
    out
}

/// The plain text of each paragraph, heading, line block and table cell of
/// `doc` and of its notes: the stretches of text the parser curls quotes in.
fn texts(doc: &Document) -> Vec<String> {
    fn blk(bs: &[Block], out: &mut Vec<String>) {
        for b in bs {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                    out.push(Inline::plain_text(content));
                }
                Block::Chart(c) => out.push(Inline::plain_text(&c.caption)),
                Block::Lines { lines, .. } => out.push(
                    lines
                        .iter()
                        .map(|l| Inline::plain_text(l))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                Block::List { items, .. } => items.iter().for_each(|i| blk(i, out)),
                Block::Table(t) => out.extend(
                    t.header
                        .iter()
                        .chain(t.rows.iter().flatten())
                        .map(|c| Inline::plain_text(c)),
                ),
                Block::Quote(q)
                | Block::Keep { blocks: q, .. }
                | Block::Styled { blocks: q, .. } => blk(q, out),
                Block::Rule | Block::PageBreak => {}
            }
        }
    }
    let mut out = Vec::new();
    blk(&doc.blocks, &mut out);
    for f in &doc.footnotes {
        blk(&f.blocks, &mut out);
    }
    out
}

/// `value` as a reader sees it where `placeholder` stands in `text`: its
/// quotes curled as they are among the characters around it.
fn curled_in(text: &str, placeholder: &str, value: &str, lang: &str) -> String {
    let Some((before, after)) = text.split_once(placeholder) else {
        return smart_quotes(value, lang);
    };
    let curled: Vec<char> = smart_quotes(&format!("{before}{value}{after}"), lang)
        .chars()
        .collect();
    let start = before.chars().count();
    curled[start..start + value.chars().count()]
        .iter()
        .collect()
}

fn docx_texts(bytes: &[u8]) -> (String, String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    for part in ["word/document.xml", "word/footnotes.xml"] {
        let mut xml = String::new();
        if let Ok(mut f) = zip.by_name(part) {
            f.read_to_string(&mut xml).unwrap();
        } else {
            continue;
        }
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for p in doc.descendants().filter(|n| {
            n.has_tag_name((
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "p",
            ))
        }) {
            for t in p.descendants().filter(|t| t.tag_name().name() == "t") {
                text.push_str(t.text().unwrap_or(""));
            }
            text.push('\n');
        }
    }
    let mut core = String::new();
    zip.by_name("docProps/core.xml")
        .unwrap()
        .read_to_string(&mut core)
        .unwrap();
    let core = roxmltree::Document::parse(&core).unwrap();
    let title = core
        .descendants()
        .find(|n| n.tag_name().name() == "title")
        .and_then(|n| n.text())
        .unwrap_or("")
        .to_string();
    (text, title)
}

/// Draft every template, write each format, and check the properties.
fn check(
    drafter: &Pipeline,
    base: &[(String, Vec<u8>)],
    baseline: &[String],
    values: &[String],
    name: &str,
) -> Result<(), TestCaseError> {
    let plain = dataset_with(base, baseline, "Valdoria");
    let data = dataset_with(base, values, name);
    let formats = [
        write::writer("docx").unwrap(),
        write::writer("pdf").unwrap(),
        write::writer("html").unwrap(),
    ];
    for template in ["open-letter", "mia-report", "pledging-questions"] {
        let request = Request {
            template,
            ..Request::default()
        };
        let expected = drafter.draft(&plain, &request).unwrap();
        let drafted = drafter
            .draft(&data, &request)
            .map_err(|e| TestCaseError::fail(format!("{template}: {e}")))?;
        prop_assert_eq!(
            shape(&drafted.document),
            shape(&expected.document),
            "{}: dataset text changed the document's markup",
            template
        );
        let written = drafter.write(&drafted, &formats).unwrap();
        let [(_, docx), (_, pdf), (_, html)] = &written.files[..] else {
            panic!("three formats");
        };
        let (docx_text, docx_title) = docx_texts(docx);
        let pdf_text = squash(&pdf_extract::extract_text_from_mem(pdf).unwrap());
        let html = String::from_utf8(html.clone()).unwrap();
        let dom = scraper::Html::parse_document(&html);
        let html_text: String = dom.root_element().text().collect();
        let lang = drafted.document.meta.language.as_str();
        let placed = texts(&expected.document);
        for (i, (_, _, templates)) in FIELDS.iter().enumerate() {
            if !templates.contains(&template) {
                continue;
            }
            let placeholder = &baseline[i];
            let text = placed
                .iter()
                .find(|t| t.contains(placeholder.as_str()))
                .map_or("", String::as_str);
            let v = &curled_in(text, placeholder, &values[i], lang);
            prop_assert!(
                docx_text.contains(v.as_str()),
                "{}: {:?} not in the DOCX text",
                template,
                v
            );
            prop_assert!(
                html_text.contains(v.as_str()),
                "{}: {:?} not in the HTML text",
                template,
                v
            );
            prop_assert!(
                pdf_text.contains(&squash(v)),
                "{}: {:?} not in the PDF text",
                template,
                v
            );
        }
        // The country's name, in the title of the documents that name it.
        if template != "pledging-questions" {
            let name = &curled_in(&expected.document.meta.title, "Valdoria", name, lang);
            prop_assert!(
                docx_title.contains(name),
                "{}: DOCX title {:?} lacks {:?}",
                template,
                docx_title,
                name
            );
            prop_assert!(
                drafted.document.meta.title.contains(name),
                "{}: title {:?}",
                template,
                drafted.document.meta.title
            );
            let title = scraper::Selector::parse("title").unwrap();
            let html_title: String = dom.select(&title).flat_map(|t| t.text()).collect();
            prop_assert!(
                html_title.contains(name),
                "{}: HTML title {:?} lacks {:?}",
                template,
                html_title,
                name
            );
        }
        // No script from data: no script, embedded object or image, no event
        // handler attribute, no javascript: link.
        for tag in [
            "script",
            "iframe",
            "object",
            "embed",
            "img",
            "body style",
            "form",
            "meta[http-equiv]",
        ] {
            let sel = scraper::Selector::parse(tag).unwrap();
            prop_assert_eq!(
                dom.select(&sel).count(),
                0,
                "{}: a <{}> in the HTML",
                template,
                tag
            );
        }
        let all = scraper::Selector::parse("*").unwrap();
        for el in dom.select(&all) {
            for (attr, val) in el.value().attrs() {
                prop_assert!(
                    !attr.to_ascii_lowercase().starts_with("on"),
                    "{}: attribute {}",
                    template,
                    attr
                );
                prop_assert!(
                    !val.trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:"),
                    "{}: {}={}",
                    template,
                    attr,
                    val
                );
            }
        }
    }
    Ok(())
}

#[test]
fn dataset_text_is_verbatim_and_inert_in_every_format() {
    let base = example_files();
    let drafter = Pipeline::new(TemplateSet::builtin().unwrap(), Registry::builtin()).unwrap();
    let baseline: Vec<String> = (0..FIELDS.len())
        .map(|i| format!("Plain value {i}"))
        .collect();
    let strategy = (prop::collection::vec(value(), FIELDS.len()), value());
    runner(cases(12))
        .run(&strategy, |(values, name)| {
            check(&drafter, &base, &baseline, &values, &name)
        })
        .unwrap();
}

/// Strings rich in what file systems treat specially.
fn name_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "..",
        "../",
        "/",
        "\\",
        "\0",
        ":",
        "con",
        "CON",
        "nul",
        "com1",
        "lpt9",
        "aux.txt",
        ".",
        "-",
        "_",
        "a",
        "z",
        "0",
        "9",
        "kazakhstan",
        " ",
        "é",
        "C:",
        "\\\\?\\",
        "~",
        "*",
        "?",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 1..8).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

fn stays_inside(dir: &Path, path: &Path) -> bool {
    let Ok(rest) = path.strip_prefix(dir) else {
        return false;
    };
    let parts: Vec<_> = rest.components().collect();
    parts.len() == 2 && parts.iter().all(|c| matches!(c, Component::Normal(_)))
}

#[test]
fn names_from_data_never_leave_the_output_directory() {
    let dir = Path::new("out");
    let strategy = (name_like(), name_like());
    runner(cases(2000))
        .run(&strategy, |(country, template)| {
            if let Ok(path) = output::document_path(dir, &country, &template, "pdf") {
                prop_assert!(stays_inside(dir, &path), "{:?} from {:?}/{:?}", path, country, template);
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                prop_assert!(!name.contains('\0') && !name.starts_with('.'));
                let stem = country.split('.').next().unwrap_or("").to_ascii_lowercase();
                prop_assert!(!["con", "nul", "aux", "prn", "com1", "lpt9"].contains(&stem.as_str()));
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_short_name_the_loader_accepts_is_a_safe_directory_name() {
    let base = example_files();
    runner(cases(300))
        .run(&name_like(), |short| {
            let mut files = base.clone();
            let entry = files.iter_mut().find(|(n, _)| n == "country.toml").unwrap();
            let mut doc: toml_edit::DocumentMut =
                String::from_utf8(entry.1.clone()).unwrap().parse().unwrap();
            set(&mut doc, &["country", "short_name"], &short);
            entry.1 = doc.to_string().into_bytes();
            if let Ok(loaded) = dataset::load_from_files(&files) {
                let path = output::document_path(
                    Path::new("out"),
                    &loaded.dataset.country.short_name,
                    "open-letter",
                    "pdf",
                );
                prop_assert!(path.is_ok(), "{:?} loaded but is not a safe name", short);
                prop_assert!(stays_inside(Path::new("out"), &path.unwrap()));
            }
            Ok(())
        })
        .unwrap();
}
