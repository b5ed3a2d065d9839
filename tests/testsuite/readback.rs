//! Every example dataset drafted with every template it has the data for,
//! and read back from each format: every recommendation text, stakeholder
//! comment and source title the document prints is found whole in the PDF,
//! the DOCX and the HTML, as it is in the dataset.
//!
//! Text is compared without whitespace (so line breaks, justification and
//! words cut at the end of a line do not count) and with quotes straight
//! (the parser curls them). The PDF is read with pdf-extract, an
//! independent reader, in two ways: in the order it is drawn, as two
//! streams (the body, and the smaller text of footnotes); and by columns,
//! each run of text that starts at the same left edge following the last,
//! which is how a table cell reads when its row is drawn a line of every
//! cell at a time. Page numbers at the foot are left out, so that a value
//! running onto the next page still reads whole.

use std::collections::BTreeSet;
use std::path::Path;

use hrdraft::document::{Block, Document, Inline};
use hrdraft::pipeline::{Pipeline, Request};
use hrdraft::plugin_host::Registry;
use hrdraft::template::TemplateSet;
use hrdraft::write::{self, WriteOptions, Writer};

const DATASETS: &[&str] = &[
    "kazakhstan",
    "valdoria",
    "norvania",
    "federated-isles",
    "marelia",
    "brevonia",
];

/// Text as compared: no whitespace, quotes and apostrophes straight, no
/// soft hyphens.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .map(|c| match c {
            '‘' | '’' | '‚' | '‛' => '\'',
            '“' | '”' | '„' | '‟' | '«' | '»' => '"',
            c => c,
        })
        .collect()
}

/// The PDF's text in reading order, body and footnotes apart (glyphs
/// smaller than body text are footnotes and marks; those below the bottom
/// margin, the page numbers, are left out), and the runs of text by the
/// left edge they start at, each column's joined.
fn pdf_text(doc: &Document, bytes: &[u8]) -> (String, String, String) {
    let body_size = f64::from(doc.page.font_size);
    let foot = f64::from(doc.page.margin_bottom);
    let (mut body, mut notes) = (String::new(), String::new());
    let mut columns: std::collections::BTreeMap<i64, String> = Default::default();
    // The column of the run under way, where its next glyph would go, its
    // baseline and page, and the last glyph's text.
    let mut run: Option<(i64, f64, f64, u32)> = None;
    let mut last = String::new();
    for g in crate::support::glyphs(bytes) {
        if g.y < foot {
            continue;
        }
        // A glyph not where the last one left off, after anything but a
        // space (where justification moves the next word), starts a run.
        // Where it left off is up to a fifth of an em either way: kerning
        // moves a glyph by up to 0.19 em in Liberation Serif, while cells
        // are at least 0.7 em apart.
        let column = match run {
            Some((column, next_x, run_y, page))
                if page == g.page
                    && (g.y - run_y).abs() < 0.1
                    && ((g.x - next_x).abs() < 0.5 + 0.2 * g.size || last == " ") =>
            {
                column
            }
            _ => (g.x * 10.0).round() as i64,
        };
        run = Some((column, g.x + g.adv + g.spacing, g.y, g.page));
        last.clone_from(&g.ch);
        columns.entry(column).or_default().push_str(&g.ch);
        if g.size >= body_size * 0.95 {
            body.push_str(&g.ch);
        } else {
            notes.push_str(&g.ch);
        }
    }
    let columns: Vec<String> = columns.values().map(|c| norm(c)).collect();
    (norm(&body), norm(&notes), columns.join("\u{0}"))
}

/// The text of word/document.xml and word/footnotes.xml: every `w:t`.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the DOCX unzips");
    let mut text = String::new();
    for part in ["word/document.xml", "word/footnotes.xml"] {
        let Ok(mut file) = zip.by_name(part) else {
            continue;
        };
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut file, &mut xml).expect("the part is UTF-8");
        for run in xml.split("<w:t").skip(1) {
            let Some(open) = run.find('>') else { continue };
            if run[..open].ends_with('/') {
                continue;
            }
            let body = &run[open + 1..];
            let end = body.find("</w:t>").unwrap_or(body.len());
            text.push_str(&unescape(&body[..end]));
        }
    }
    norm(&text)
}

/// The text of an HTML page: tags out, entities decoded.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    norm(&unescape(&text))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of the document model, as the writers receive it.
fn model_text(doc: &Document) -> String {
    fn inlines(xs: &[Inline], out: &mut String) {
        for x in xs {
            match x {
                Inline::Text(s) => out.push_str(s),
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => inlines(c, out),
                Inline::Link { content, .. } => inlines(content, out),
                _ => {}
            }
        }
    }
    fn blocks(bs: &[Block], out: &mut String) {
        for b in bs {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                    inlines(content, out)
                }
                Block::Lines { lines, .. } => lines.iter().for_each(|l| inlines(l, out)),
                Block::List { items, .. } => items.iter().for_each(|i| blocks(i, out)),
                Block::Table(t) => t
                    .header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .for_each(|c| inlines(c, out)),
                Block::Quote(b)
                | Block::Keep { blocks: b, .. }
                | Block::Styled { blocks: b, .. } => blocks(b, out),
                Block::Chart(c) => inlines(&c.caption, out),
                Block::Rule | Block::PageBreak => {}
            }
        }
    }
    let mut out = String::new();
    blocks(&doc.blocks, &mut out);
    for f in &doc.footnotes {
        blocks(&f.blocks, &mut out);
    }
    norm(&out)
}

/// What a dataset holds that a document may print: (what, text).
fn values(dataset: &hrdraft_sdk::Dataset) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for r in &dataset.upr.recommendations {
        out.push((format!("recommendation {}", r.number), r.text.clone()));
        for a in &r.assessments {
            if !a.comment.trim().is_empty() {
                // The MIA prints the latest round's responses; an earlier
                // round's show only as levels in its change section.
                let earlier = if dataset.upr.is_current(r, a) {
                    ""
                } else {
                    " (an earlier round)"
                };
                out.push((
                    format!(
                        "{}'s comment on recommendation {}{earlier}",
                        a.stakeholder, r.number
                    ),
                    a.comment.clone(),
                ));
            }
        }
    }
    for s in &dataset.sources {
        if let Some(title) = &s.title {
            out.push((format!("the title of source {}", s.id), title.clone()));
        }
    }
    out
}

#[test]
fn every_printed_value_reads_back_whole_from_every_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let drafter = Pipeline::new(
        TemplateSet::builtin().expect("built-in templates"),
        Registry::builtin(),
    )
    .expect("a drafter");
    let mut checked = 0usize;
    let mut failures: Vec<String> = Vec::new();
    let mut mia_values = 0usize;
    for name in DATASETS {
        let loaded = hrdraft::dataset::load(&root.join("examples").join(name))
            .unwrap_or_else(|e| panic!("{name} loads: {e}"));
        let dataset = &loaded.dataset;
        let values = values(dataset);
        let templates: BTreeSet<String> = drafter
            .templates()
            .names()
            .into_iter()
            .map(str::to_string)
            .collect();
        for template in &templates {
            let t = drafter.templates().get(template).expect("the template");
            if drafter.missing(dataset, t).is_some() {
                continue;
            }
            let request = Request {
                template,
                ..Request::default()
            };
            let drafted = drafter
                .draft(dataset, &request)
                .unwrap_or_else(|e| panic!("{name}/{template} drafts: {e}"));
            let doc = &drafted.document;
            let model = model_text(doc);
            let printed: Vec<&(String, String)> = values
                .iter()
                .filter(|(_, v)| model.contains(&norm(v)))
                .collect();
            if template == "mia-report" {
                // The assessment prints every recommendation and every comment.
                for (what, v) in &values {
                    if !what.starts_with("the title") && !what.ends_with("(an earlier round)") {
                        assert!(
                            model.contains(&norm(v)),
                            "{name}/mia-report leaves out {what}"
                        );
                        mia_values += 1;
                    }
                }
            }
            let rendered = write::pdf::PdfWriter
                .write_paged(doc, &WriteOptions::default())
                .expect("the PDF");
            let (body, notes, columns) = pdf_text(doc, &rendered.bytes);
            let options = WriteOptions {
                anchor_pages: rendered.anchors.clone(),
            };
            let docx = docx_text(
                &write::docx::DocxWriter
                    .write(doc, &options)
                    .expect("the DOCX"),
            );
            let html = write::html::Html.write(doc, &options).expect("the HTML");
            let html = html_text(&String::from_utf8(html).expect("HTML is UTF-8"));
            for (what, v) in printed {
                let v = norm(v);
                for (format, found) in [
                    (
                        "PDF",
                        body.contains(&v) || notes.contains(&v) || columns.contains(&v),
                    ),
                    ("DOCX", docx.contains(&v)),
                    ("HTML", html.contains(&v)),
                ] {
                    if !found {
                        failures.push(format!(
                            "{name}/{template}.{}: {what} is not whole: {}",
                            format.to_lowercase(),
                            v.chars().take(80).collect::<String>()
                        ));
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} values not read back whole:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Not vacuous: the Kazakhstan assessment alone has 129 recommendations.
    assert!(mia_values > 129, "{mia_values} values in assessments");
    assert!(checked > 300, "only {checked} values checked");
    println!("{checked} printed values read back whole from PDF, DOCX and HTML");
}
