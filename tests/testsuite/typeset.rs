//! Typesetting of the example documents as an independent reader sees it:
//! how wide the justified interword spaces are, whether hyphenated words
//! join to words of the text, and whether paragraphs keep two lines at the
//! foot and head of a page.
//!
//! Glyph positions come from pdf-extract (its own reading of the content
//! streams and font widths), never from the writer's code. A "run" is a
//! stretch of glyphs on one baseline, each starting where the one before
//! it ended or, after a space, further on; a justified line is a run that
//! ends at the right edge most runs of the document end at.

use std::collections::HashMap;
use std::path::Path;

use crate::support::{self, Glyph};

/// A stretch of glyphs on one baseline.
#[derive(Debug, Clone, Default)]
pub(crate) struct Run {
    pub page: u32,
    pub y: f64,
    pub size: f64,
    glyphs: Vec<Glyph>,
}

impl Run {
    pub(crate) fn left(&self) -> f64 {
        self.glyphs.first().map_or(0.0, |g| g.x)
    }
    pub(crate) fn right(&self) -> f64 {
        self.glyphs.last().map_or(0.0, |g| g.x + g.adv)
    }
    pub(crate) fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch.as_str()).collect()
    }
    /// Each interword space as a multiple of the space glyph's own width.
    fn space_ratios(&self) -> Vec<f64> {
        self.glyphs
            .windows(2)
            .filter(|w| w[0].ch == " " && w[1].ch != " " && w[0].adv > 0.0)
            .map(|w| (w[1].x - w[0].x) / w[0].adv)
            .collect()
    }
}

/// The runs of a PDF, in the order they are drawn.
pub(crate) fn runs(pdf: &[u8]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for g in support::glyphs(pdf) {
        let joins = runs.last().is_some_and(|r| {
            let Some(last) = r.glyphs.last() else {
                return false;
            };
            let next = last.x + last.adv;
            r.page == g.page
                && (g.y - r.y).abs() < 0.1
                && (g.x - next).abs() < 0.5 + if last.ch == " " { 4.0 * last.adv } else { 0.0 }
        });
        if !joins {
            runs.push(Run {
                page: g.page,
                y: g.y,
                size: g.size,
                glyphs: Vec::new(),
            });
        }
        if let Some(r) = runs.last_mut() {
            r.glyphs.push(g);
        }
    }
    runs
}

/// The right edge most runs end at (to a tenth of a point): where justified lines end.
fn justified_edge(runs: &[Run]) -> f64 {
    let mut count: HashMap<i64, usize> = HashMap::new();
    for r in runs {
        *count.entry((r.right() * 10.0).round() as i64).or_default() += 1;
    }
    let edge = count
        .into_iter()
        .max_by_key(|&(e, n)| (n, e))
        .map_or(0, |(e, _)| e);
    edge as f64 / 10.0
}

/// The widest interword space of each justified line with spaces, and the
/// line with the widest of all.
fn justified_ratios(runs: &[Run]) -> (Vec<f64>, Option<&Run>) {
    let edge = justified_edge(runs);
    let mut worst: Option<(f64, &Run)> = None;
    let ratios = runs
        .iter()
        .filter(|r| (r.right() - edge).abs() < 0.3)
        .filter_map(|r| {
            let ratio = r.space_ratios().into_iter().reduce(f64::max)?;
            if worst.is_none_or(|(w, _)| ratio > w) {
                worst = Some((ratio, r));
            }
            Some(ratio)
        })
        .collect();
    (ratios, worst.map(|(_, r)| r))
}

/// The word before a line's hyphen, and the word starting the next line.
struct Hyphenated {
    before: String,
    after: String,
}

/// Lines ending in a soft hyphen (U+00AD, which line breaking draws; the
/// text's own hyphens are U+002D) whose paragraph goes on in the next line drawn
/// (same page, same left edge, the next baseline).
fn hyphenated(runs: &[Run]) -> Vec<Hyphenated> {
    runs.windows(2)
        .filter(|w| {
            let (a, b) = (&w[0], &w[1]);
            a.text().ends_with('\u{ad}')
                && a.page == b.page
                && (a.left() - b.left()).abs() < 0.5
                && b.y < a.y
                && a.y - b.y < 2.0 * a.size
        })
        .map(|w| {
            let before = w[0].text();
            let before = before.trim_end_matches('\u{ad}');
            let last = before.rsplit(' ').next().unwrap_or("");
            let after = w[1].text();
            let first = after.split(' ').next().unwrap_or("");
            Hyphenated {
                before: letters(last),
                after: letters(first),
            }
        })
        .collect()
}

/// The letters of a word, without its punctuation and apostrophes.
fn letters(w: &str) -> String {
    w.chars().filter(|c| c.is_alphabetic()).collect()
}

/// The `q`-quantile of `v` (sorted here).
fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * q).round() as usize;
    v.get(i).copied().unwrap_or(0.0)
}

/// Draft every example with `hrdraft draft` into `out` as PDF and Markdown.
fn draft_examples(out: &Path) {
    let examples = support::root().join("examples");
    let mut args: Vec<String> = vec!["draft".into()];
    for d in [
        "kazakhstan",
        "valdoria",
        "norvania",
        "federated-isles",
        "marelia",
        "brevonia",
    ] {
        args.push(examples.join(d).display().to_string());
    }
    for a in ["-f", "pdf", "-f", "md", "-q", "-o"] {
        args.push(a.into());
    }
    args.push(out.display().to_string());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = support::run(&argv);
    assert!(
        o.status.success(),
        "draft failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every PDF under `dir` with the Markdown drafted beside it.
fn documents(dir: &Path) -> Vec<(String, Vec<u8>, String)> {
    let mut docs = Vec::new();
    let mut countries: Vec<_> = std::fs::read_dir(dir)
        .expect("the output folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    countries.sort();
    for c in countries {
        let mut files: Vec<_> = std::fs::read_dir(&c)
            .expect("a country folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        for pdf in files {
            let md = std::fs::read_to_string(pdf.with_extension("md")).unwrap_or_default();
            let name = pdf.strip_prefix(dir).unwrap_or(&pdf).display().to_string();
            docs.push((name, std::fs::read(&pdf).expect("the PDF"), md));
        }
    }
    docs
}

/// What [`measure`] found in one document.
struct Figures {
    name: String,
    lines: usize,
    worst: f64,
    /// Words hyphenated by line breaking.
    hyphens: usize,
}

/// Measure every PDF under `dir` (as `draft` wrote it, with its Markdown):
/// print each one's justified lines, worst and 99th-percentile interword
/// space, and all of them together; check that every hyphenated word is a
/// word of the text.
fn measure(dir: &Path) -> Vec<Figures> {
    let mut all = Vec::new();
    let mut out = Vec::new();
    for (name, pdf, md) in documents(dir) {
        let runs = runs(&pdf);
        let (mut ratios, widest) = justified_ratios(&runs);
        let n = ratios.len();
        let worst = ratios.iter().copied().fold(0.0, f64::max);
        let p99 = quantile(&mut ratios, 0.99);
        all.extend(ratios);
        let source: String = md.chars().filter(|c| c.is_alphabetic()).collect();
        let mut hyphens = 0;
        // Only hyphens line breaking added: the text's own ("2009-2011")
        // are the text's.
        for h in hyphenated(&runs) {
            let word = format!("{}{}", h.before, h.after);
            assert!(
                !h.before.is_empty() && !h.after.is_empty() && source.contains(&word),
                "{name}: \"{}-\" + \"{}\" is not a word of the text",
                h.before,
                h.after
            );
            hyphens += 1;
            assert!(
                h.before.chars().count() >= 2 && h.after.chars().count() >= 3,
                "{name}: \"{}-{}\" leaves too few letters on a side",
                h.before,
                h.after
            );
        }
        eprintln!(
            "{name}: {n} justified lines, worst {worst:.2}, 99th percentile {p99:.2}, {hyphens} hyphenated"
        );
        if let Some(r) = widest.filter(|_| worst > 2.0) {
            eprintln!("  the widest, on page {}: {:?}", r.page, r.text());
        }
        out.push(Figures {
            name,
            lines: n,
            worst,
            hyphens,
        });
    }
    let worst = all.iter().copied().fold(0.0, f64::max);
    let n = all.len();
    let p99 = quantile(&mut all, 0.99);
    let p50 = quantile(&mut all, 0.5);
    eprintln!(
        "all: {n} justified lines, worst {worst:.2}, 99th percentile {p99:.2}, median {p50:.2}"
    );
    out
}

/// Interword spaces and hyphenation over every example document; the
/// Kazakhstan documents must keep every justified space within twice the
/// natural one, and every hyphenated word must be a word of the text.
#[test]
fn justified_spaces_stay_within_twice_natural_and_hyphens_join_real_words() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    draft_examples(tmp.path());
    let figures = measure(tmp.path());
    for f in figures.iter().filter(|f| f.name.starts_with("kazakhstan")) {
        assert!(
            f.lines > 20,
            "{}: only {} justified lines found",
            f.name,
            f.lines
        );
        assert!(
            f.worst <= 2.0,
            "{}: an interword space {:.2} times the natural one",
            f.name,
            f.worst
        );
    }
    let hyphens: usize = figures.iter().map(|f| f.hyphens).sum();
    assert!(hyphens > 0, "no word was hyphenated in any example");

    // No glyph of any example passes the right margin (its template's
    // margin_cm): a line whose spaces the breaker shrank is drawn shrunk,
    // as it was measured, and a note mark at a line's end stays inside.
    for (name, pdf, _) in documents(tmp.path()) {
        let template = name.split('/').nth(1).and_then(|f| f.strip_suffix(".pdf"));
        let manifest = support::root().join(format!(
            "templates/{}/template.toml",
            template.unwrap_or("")
        ));
        let manifest = std::fs::read_to_string(&manifest).expect("the template's manifest");
        let margin_cm: f64 = manifest
            .lines()
            .find_map(|l| l.strip_prefix("margin_cm = "))
            .and_then(|v| v.trim().parse().ok())
            .expect("margin_cm in [page]");
        let margin = margin_cm / 2.54 * 72.0;
        // Widths in the PDF are whole thousandths of an em, and kerning
        // and spacing moves too: a line may end a few hundredths of a
        // point off; shrunk spaces drawn at natural width passed by 2-5 pt.
        for g in support::glyphs(&pdf) {
            let limit = g.page_width - margin + 0.3;
            assert!(
                g.x + g.adv <= limit,
                "{name}, page {}: {:?} ends at {:.2}, past the margin at {limit:.2}",
                g.page,
                g.ch,
                g.x + g.adv
            );
        }
    }
}

/// The figures of docs/typesetting.md for a folder `draft -f pdf -f md`
/// wrote: `HRDRAFT_MEASURE=DIR cargo test --test testsuite typeset::figures -- --ignored --nocapture`.
#[test]
#[ignore = "a measuring tool: run with HRDRAFT_MEASURE=DIR"]
fn figures() {
    let dir = std::env::var_os("HRDRAFT_MEASURE").expect("HRDRAFT_MEASURE=DIR");
    measure(Path::new(&dir));
}

/// Paragraphs of one to nine lines, a few hundred of them: wherever one
/// runs over a page turn, at least two of its lines end the page and at
/// least two start the next.
#[test]
fn paragraphs_keep_two_lines_at_the_foot_and_head_of_a_page() {
    use hrdraft::document::{Align, Block, Document, Inline};
    use hrdraft::write::{pdf, WriteOptions};

    let mut blocks = Vec::new();
    for k in 0..240usize {
        // Words with digits in them are never hyphenated: each line's first
        // word names its paragraph.
        let lines = 1 + (k * 7 + k / 5) % 9;
        let words: Vec<String> = (0..lines * 11).map(|w| format!("q{k}x{w:02}")).collect();
        blocks.push(Block::Paragraph {
            content: vec![Inline::Text(words.join(" "))],
            align: if k % 3 == 0 {
                Align::Start
            } else {
                Align::Justify
            },
        });
    }
    let doc = Document {
        blocks,
        ..Document::default()
    };
    let bytes = pdf::pdf(&doc, &WriteOptions::default()).expect("the document renders");
    // Each body line: (page, paragraph).
    let lines: Vec<(u32, usize)> = runs(&bytes)
        .iter()
        .filter_map(|r| {
            let t = r.text();
            let id = t.strip_prefix('q')?.split('x').next()?.parse().ok()?;
            Some((r.page, id))
        })
        .collect();
    let mut split = 0;
    for w in lines.windows(2) {
        let ((p1, a), (p2, b)) = (w[0], w[1]);
        if p1 == p2 || a != b {
            continue;
        }
        split += 1;
        let on = |p: u32| lines.iter().filter(|&&(q, id)| q == p && id == a).count();
        assert!(
            on(p1) >= 2,
            "paragraph {a} leaves one line at the foot of page {p1}"
        );
        assert!(
            on(p2) >= 2,
            "paragraph {a} carries one line to the head of page {p2}"
        );
    }
    assert!(split >= 5, "only {split} paragraphs run over a page turn");
}

/// No page of any example's PDFs ends in a hyphenated word: the line that
/// breaks a word keeps with the line that ends it. The body's last line on
/// each page is its lowest run in the body's size (notes are smaller). And
/// no page opens on a single line of a note carried over ("(continued)
/// (Czechia).").
#[test]
fn pages_of_the_examples_turn_cleanly() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let examples = support::root().join("examples");
    let mut args: Vec<String> = vec!["draft".into()];
    let mut names: Vec<_> = std::fs::read_dir(&examples)
        .expect("the examples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("country.toml").is_file())
        .collect();
    names.sort();
    args.extend(names.iter().map(|p| p.display().to_string()));
    for a in ["-f", "pdf", "-q", "-o"] {
        args.push(a.into());
    }
    args.push(tmp.path().display().to_string());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = support::run(&argv);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Whether the examples carry a note over a page turn depends on their
    // wording; a document whose note is longer than the room under its
    // reference always does, so that the rule is always put to the test.
    let sentence = "The delegation stated that the reform of the judiciary would continue and that the authorities had adopted a plan to guarantee the independence of judges. ";
    let markdown = format!(
        "# Notes carried over\n\n{body}\n\nA paragraph that refers to a long note.[^1]\n\n{body}\n\n[^1]: {note}\n",
        body = sentence.repeat(30),
        note = sentence.repeat(36),
    );
    let source = tmp.path().join("carried.md");
    std::fs::write(&source, markdown).expect("the Markdown");
    let carried = tmp.path().join("constructed").join("carried.pdf");
    let o = support::run(&[
        "convert",
        &source.display().to_string(),
        "-f",
        "pdf",
        "-o",
        &carried.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::remove_file(&source).expect("the Markdown removed");
    let ends_hyphenated = |t: &str| t.ends_with('\u{ad}') || t.ends_with('-');
    let (mut turns, mut hyphenated, mut continued) = (0, 0, 0);
    for country in std::fs::read_dir(tmp.path()).expect("the output").flatten() {
        for pdf in std::fs::read_dir(country.path())
            .expect("a country")
            .flatten()
        {
            let bytes = std::fs::read(pdf.path()).expect("the PDF");
            let runs = runs(&bytes);
            // The body's size is the one most text is set in (headings are
            // larger, notes and running footers smaller).
            let mut sizes: HashMap<i64, usize> = HashMap::new();
            for r in &runs {
                *sizes.entry((r.size * 100.0).round() as i64).or_default() += r.glyphs.len();
            }
            let body = sizes
                .into_iter()
                .max_by_key(|&(_, n)| n)
                .map_or(0, |(s, _)| s);
            let is_body = |r: &&Run| (r.size * 100.0).round() as i64 == body;
            for page in 2..=pages_of(&runs) {
                if let Some(lines) = carried_note_lines(&runs, page, body as f64 / 100.0) {
                    continued += 1;
                    assert!(
                        lines >= 2,
                        "{}: page {page} opens on {lines} line of a note carried over",
                        pdf.path().display()
                    );
                }
            }
            let pages = pages_of(&runs);
            hyphenated += runs
                .iter()
                .filter(is_body)
                .filter(|r| ends_hyphenated(&r.text()))
                .count();
            for page in 1..pages {
                let last = runs
                    .iter()
                    .filter(is_body)
                    .filter(|r| r.page == page)
                    .min_by(|a, b| a.y.total_cmp(&b.y));
                if let Some(last) = last {
                    turns += 1;
                    assert!(
                        !ends_hyphenated(last.text().trim_end()),
                        "{}: page {page} ends in {:?}",
                        pdf.path().display(),
                        last.text()
                    );
                }
            }
        }
    }
    assert!(turns > 60, "only {turns} page turns");
    assert!(hyphenated > 20, "only {hyphenated} hyphenated lines");
    assert!(continued > 0, "no note runs over a page turn");
}

fn pages_of(runs: &[Run]) -> u32 {
    runs.iter().map(|r| r.page).max().unwrap_or(0)
}

/// On `page`, how many lines of a note follow its "(continued)" label
/// before the next note's number; `None` when no note continues there.
/// Notes are set smaller than `body`, their numbers smaller still.
fn carried_note_lines(runs: &[Run], page: u32, body: f64) -> Option<usize> {
    let mut notes: Vec<&Run> = runs
        .iter()
        .filter(|r| r.page == page && r.size < body - 0.5 && !r.text().trim().is_empty())
        .collect();
    notes.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.left().total_cmp(&b.left())));
    let at = notes
        .iter()
        .position(|r| r.text().contains("(continued)"))?;
    let text_size = notes.get(at + 1)?.size;
    Some(
        notes[at + 1..]
            .iter()
            .take_while(|r| (r.size - text_size).abs() < 0.01)
            .map(|r| (r.y * 10.0).round() as i64)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
    )
}

/// The DOCX asks Word and LibreOffice to hyphenate; the HTML asks the browser.
#[test]
fn docx_and_html_ask_for_hyphenation() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let data = support::root().join("examples/kazakhstan");
    let out = tmp.path().display().to_string();
    let o = support::run(&[
        "render",
        &data.display().to_string(),
        "-t",
        "open-letter",
        "-f",
        "docx",
        "-f",
        "html",
        "-o",
        &out,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let find = |ext: &str| {
        crate::support::files_under(tmp.path())
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("no .{ext} written"))
    };
    let docx = std::fs::read(find("docx")).expect("the DOCX");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("the DOCX unzips");
    let mut settings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/settings.xml").expect("settings.xml"),
        &mut settings,
    )
    .expect("settings.xml reads");
    let xml = roxmltree::Document::parse(&settings).expect("settings.xml parses");
    let val = |name: &str| {
        xml.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| {
                n.attributes()
                    .find(|a| a.name() == "val")
                    .map(|a| a.value().to_string())
            })
    };
    assert_eq!(val("autoHyphenation").as_deref(), Some("true"));
    assert_eq!(val("doNotHyphenateCaps").as_deref(), Some("true"));
    let html = std::fs::read_to_string(find("html")).expect("the HTML");
    let page = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("html").expect("a selector");
    let lang = page
        .select(&sel)
        .next()
        .and_then(|h| h.value().attr("lang"));
    assert_eq!(lang, Some("en"));
    let style = scraper::Selector::parse("style").expect("a selector");
    let css: String = page.select(&style).flat_map(|s| s.text()).collect();
    assert!(css.contains("hyphens:auto"), "{css}");
}
