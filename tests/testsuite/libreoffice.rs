//! The DOCX as LibreOffice sets it: converted to PDF with `soffice` and
//! read back with pdf-extract, no word of a table cell is broken where it
//! fits its column. `.ci/run` installs LibreOffice Writer and Liberation
//! Serif; without them a plain `cargo test` prints that this was skipped.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::documents::read;
use crate::support::run;
use crate::table_widths::kazakhstan_mia;

/// Whether LibreOffice and the font the DOCX names are installed; says
/// why not when they are not.
fn libreoffice() -> bool {
    let soffice = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !soffice {
        eprintln!("skipped: LibreOffice (soffice) is not installed (apt-get install libreoffice-writer-nogui; .ci/run installs it)");
        return false;
    }
    let font = Command::new("fc-list")
        .arg("Liberation Serif")
        .output()
        .is_ok_and(|o| !o.stdout.is_empty());
    if !font {
        eprintln!("skipped: Liberation Serif is not installed (apt-get install fonts-liberation2; .ci/run installs it)");
    }
    font
}

/// `docx` converted to PDF by LibreOffice, beside it; each conversion has
/// a profile of its own, so that tests running at once do not share one.
fn to_pdf(docx: &Path) -> PathBuf {
    let dir = docx.parent().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let converted = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .unwrap();
    let pdf = docx.with_extension("pdf");
    assert!(
        converted.status.success() && pdf.exists(),
        "soffice did not convert {}: {}",
        docx.display(),
        String::from_utf8_lossy(&converted.stderr)
    );
    pdf
}

/// The lines of every page of a PDF, as pdf-extract reads them, with runs
/// of whitespace made one space.
fn lines(pdf: &Path) -> Vec<String> {
    let bytes = std::fs::read(pdf).unwrap();
    pdf_extract::extract_text_from_mem(&bytes)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The words of every table cell of a DOCX, and of every paragraph.
fn words(docx: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let parts = read::docx_parts(docx);
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let is = |n: roxmltree::Node, name: &str| n.is_element() && n.tag_name().name() == name;
    let text = |n: roxmltree::Node| -> String {
        n.descendants()
            .filter(|t| is(*t, "t"))
            .filter_map(|t| t.text())
            .collect()
    };
    let cells = doc
        .descendants()
        .filter(|n| is(*n, "tc"))
        .flat_map(|tc| {
            tc.descendants()
                .filter(|p| is(*p, "p"))
                .flat_map(|p| {
                    text(p)
                        .split_whitespace()
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let all = read::docx_paragraphs(&parts)
        .iter()
        .flat_map(|p| p.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    (cells, all)
}

/// The pieces of table words LibreOffice set apart: a token of its PDF
/// that is no word of the document but the start or end of a table cell's
/// word. A word hyphenated at a line's end is not counted (LibreOffice
/// hyphenates by the document's language), nor a footnote's number
/// following a word.
fn broken(pdf_lines: &[String], cells: &BTreeSet<String>, all: &BTreeSet<String>) -> Vec<String> {
    let tokens: Vec<&str> = pdf_lines.iter().flat_map(|l| l.split(' ')).collect();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let known = |s: &str| {
            all.contains(s) || all.contains(s.trim_end_matches(|c: char| c.is_ascii_digit()))
        };
        if known(t) || !t.chars().any(char::is_alphabetic) || t.ends_with('-') {
            continue;
        }
        if i > 0 && tokens[i - 1].ends_with('-') {
            continue;
        }
        if let Some(word) = cells
            .iter()
            .find(|w| w.len() > t.len() && (w.starts_with(t) || w.ends_with(t)))
        {
            out.push(format!("\"{t}\" (of \"{word}\")"));
        }
    }
    out
}

#[test]
fn libreoffice_breaks_no_word_in_the_kazakhstan_mia_tables() {
    if !libreoffice() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let docx = kazakhstan_mia(tmp.path(), &["docx"]).with_extension("docx");
    let pdf = to_pdf(&docx);
    let lines = lines(&pdf);
    let (cells, all) = words(&docx);
    let broken = broken(&lines, &cells, &all);
    assert!(
        broken.is_empty(),
        "LibreOffice broke {} table words: {}",
        broken.len(),
        broken.join(", ")
    );
    // The short columns of the uncommented recommendations are each on one
    // line: their header reads across, and each response is whole.
    assert!(
        lines
            .iter()
            .any(|l| l.contains("rec. nº Recommendation SMR Response A Issue")),
        "{}",
        lines.join("\n")
    );
    assert!(lines.iter().filter(|l| l.contains(" Accepted ")).count() >= 9);
    // Every "partially impl." of the index is on one line.
    let parts = read::docx_parts(&docx);
    let cells_with = |s: &str| {
        read::docx_paragraphs(&parts)
            .iter()
            .filter(|p| p.as_str() == s)
            .count()
    };
    let want = cells_with("partially impl.");
    assert!(want > 10, "{want}");
    let set = lines
        .iter()
        .filter(|l| l.ends_with(" partially impl."))
        .count();
    assert_eq!(set, want, "{}", lines.join("\n"));
}

/// Words of the examples' narrow columns, each alone in its cell.
const WORDS: &str = "Accepted Response Tajikistan Malaysia Kazakhstan Noted Supported \
    Pakistan Morocco Belarus Jordan Azerbaijan Uzbekistan Kyrgyzstan Turkmenistan \
    Afghanistan Switzerland Netherlands Luxembourg Liechtenstein Montenegro Argentina \
    Venezuela Philippines Indonesia Bangladesh Mozambique Madagascar Zimbabwe Cameroon \
    implemented partially Recommendation Environment Development Minorities Poverty \
    General Trafficking Disabilities Justice Women’s Counterterrorism Detention \
    conditions Torture Freedom association assembly Elections Migrants International \
    instruments NHRI Technical assistance Asylum refugees Labour education training \
    ombudsman wellbeing";

#[test]
fn libreoffice_keeps_whole_every_word_that_fits_its_column_exactly() {
    if !libreoffice() {
        return;
    }
    // Four one-word columns beside a long text: each short column gets what
    // its word needs to fit, and not a point more than the DOCX allows for.
    let long = "Continue to implement measures aimed at enhancing the overall \
        wellbeing of its citizens by guaranteeing their social and economic rights. "
        .repeat(3);
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut md = String::new();
    for four in words.chunks(4) {
        let bar = "|---".repeat(four.len() + 1) + "|\n";
        // Set in the regular face under a one-letter header, then in bold
        // as the header.
        md += &format!("| {} | Text |\n{bar}", vec!["h"; four.len()].join(" | "));
        md += &format!("| {} | {long} |\n\n", four.join(" | "));
        md += &format!("| {} | Text |\n{bar}", four.join(" | "));
        md += &format!("| {} | {long} |\n\n", vec!["x"; four.len()].join(" | "));
    }
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("words.md");
    std::fs::write(&input, md).unwrap();
    let docx = tmp.path().join("words.docx");
    let converted = run(&[
        "convert",
        input.to_str().unwrap(),
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert!(
        converted.status.success(),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    let lines = lines(&to_pdf(&docx));
    let tokens: BTreeSet<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
    let broken: Vec<&&str> = words.iter().filter(|w| !tokens.contains(**w)).collect();
    assert!(
        broken.is_empty(),
        "LibreOffice broke {} of {} words: {broken:?}\n{}",
        broken.len(),
        words.len(),
        lines.join("\n")
    );
}
