//! The Kazakhstan open letter beside the letter it is transcribed from (seed
//! 000, `tests/fixtures/seeds/000-open-letter.txt`), paragraph by paragraph
//! and note by note.
//!
//! Every seed paragraph and footnote is looked for in the drafted DOCX after
//! normalising white space, quotes and emphasis. What still differs is
//! printed, each with the drafted paragraph closest to it, and must be
//! exactly the list below, each with its reason: a paragraph that comes to
//! match, or one that stops matching, fails the test until the list is
//! brought up to date.

use super::{find, read, render, root};

/// Seed paragraphs the draft words otherwise, by their first words, and why.
const DIFFERS: &[(&str, &str)] = &[
    (
        "Ref: TG EUR 57/2012.002 AI Index",
        "the two letterhead lines are two paragraphs in the draft",
    ),
    (
        "Erlan Idrissov Minister",
        "the address lines are separate paragraphs in the draft",
    ),
    (
        "We note your intention to promote the effective",
        "the draft adds the standing invitation (special-procedures.toml) and says \"following the visit in 2010\" where the seed says \"his visit\"",
    ),
    (
        "We urge you to implement the 2011 recommendations",
        "the seed's text says 2011; the concluding observations its footnote cites (and the dataset) are dated 19 August 2010",
    ),
    (
        "David Diaz-Jogeix Deputy",
        "the signature lines are separate paragraphs in the draft",
    ),
];

/// Paragraphs of the draft that the seed does not have, by their first words.
const EXTRA: &[(&str, &str)] = &[(
    "We further urge you to submit the fourth and fifth periodic reports",
    "treaties.toml records the CERD report overdue since 2007, which the seed does not take up",
)];

/// Seed footnotes the draft does not have, and why.
const NOTES_MISSING: &[(&str, &str)] = &[];

/// The draft's footnotes the seed does not have.
const NOTES_EXTRA: &[(&str, &str)] = &[
    (
        "Compilation prepared by the Office of the High Commissioner",
        "the reminder of the Special Procedures visits is footnoted to the compilation; the seed gives no note",
    ),
    (
        "A/HRC/WG.6/7/KAZ/2.",
        "the overdue CERD report (an extra sentence) is footnoted to the compilation that records it, by its symbol since it was cited in full before",
    ),
];

fn normal(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['*', '<', '>'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(s: &str) -> std::collections::BTreeSet<String> {
    normal(s).split(' ').map(|w| w.to_lowercase()).collect()
}

/// The drafted paragraph sharing most words with `seed`.
fn closest<'a>(seed: &str, drafted: &'a [String]) -> &'a str {
    let want = words(seed);
    drafted
        .iter()
        .max_by_key(|d| words(d).intersection(&want).count())
        .map_or("", String::as_str)
}

#[test]
fn kazakhstan_letter_beside_seed_000() {
    let fixture = std::fs::read_to_string(root().join("tests/fixtures/seeds/000-open-letter.txt"))
        .expect("seed fixture");
    let seed_paragraphs: Vec<&str> = fixture
        .lines()
        .filter_map(|l| l.strip_prefix("P: "))
        .collect();
    let seed_notes: Vec<&str> = fixture
        .lines()
        .filter_map(|l| l.strip_prefix("N: "))
        .collect();
    assert!(seed_paragraphs.len() > 20 && seed_notes.len() == 8);

    let tmp = tempfile::tempdir().unwrap();
    let paths = render("kazakhstan", "open-letter", &["docx"], tmp.path());
    let parts = read::docx_parts(find(&paths, "docx"));
    let drafted: Vec<String> = read::docx_paragraphs(&parts)
        .into_iter()
        .map(|p| normal(&p))
        .filter(|p| !p.is_empty())
        .collect();
    let notes: Vec<String> = read::docx_footnotes(&parts)
        .into_values()
        .map(|n| normal(&n))
        .collect();

    let mut report = String::new();
    let mut differs = Vec::new();
    for p in &seed_paragraphs {
        let p = normal(p);
        if !drafted.contains(&p) {
            report.push_str(&format!("seed:  {p}\ndraft: {}\n\n", closest(&p, &drafted)));
            differs.push(p);
        }
    }
    let seed_normal: Vec<String> = seed_paragraphs.iter().map(|p| normal(p)).collect();
    // The draft's paragraphs of more than a line that are neither a seed
    // paragraph nor the closest match of one that differs.
    let matched: Vec<&str> = differs.iter().map(|p| closest(p, &drafted)).collect();
    let extra: Vec<&String> = drafted
        .iter()
        .filter(|d| !seed_normal.contains(d) && !matched.contains(&d.as_str()))
        .filter(|d| d.split(' ').count() > 8)
        .collect();
    for d in &extra {
        report.push_str(&format!("draft only: {d}\n\n"));
    }
    let seed_notes: Vec<String> = seed_notes.iter().map(|n| normal(n)).collect();
    let notes_missing: Vec<&String> = seed_notes.iter().filter(|n| !notes.contains(n)).collect();
    let notes_extra: Vec<&String> = notes.iter().filter(|n| !seed_notes.contains(n)).collect();
    for n in &notes_missing {
        report.push_str(&format!("seed note missing: {n}\n"));
    }
    for n in &notes_extra {
        report.push_str(&format!("draft note only: {n}\n"));
    }
    println!(
        "{} of {} seed paragraphs and {} of {} notes as in the seed; what differs:\n\n{report}",
        seed_paragraphs.len() - differs.len(),
        seed_paragraphs.len(),
        seed_notes.len() - notes_missing.len(),
        seed_notes.len()
    );

    let starts = |list: &[(&str, &str)], found: &[&String]| -> Vec<String> {
        let mut out: Vec<String> = found
            .iter()
            .map(|f| {
                list.iter()
                    .find(|(start, _)| f.starts_with(start))
                    .map_or_else(|| format!("UNLISTED: {f}"), |(s, _)| s.to_string())
            })
            .collect();
        out.sort();
        out
    };
    let listed = |list: &[(&str, &str)]| -> Vec<String> {
        let mut out: Vec<String> = list.iter().map(|(s, _)| s.to_string()).collect();
        out.sort();
        out
    };
    let differs: Vec<&String> = differs.iter().collect();
    assert_eq!(starts(DIFFERS, &differs), listed(DIFFERS), "{report}");
    assert_eq!(starts(EXTRA, &extra), listed(EXTRA), "{report}");
    assert_eq!(
        starts(NOTES_MISSING, &notes_missing),
        listed(NOTES_MISSING),
        "{report}"
    );
    assert_eq!(
        starts(NOTES_EXTRA, &notes_extra),
        listed(NOTES_EXTRA),
        "{report}"
    );
}
