//! Review mode: `render --review` writes a review DOCX whose marked text
//! carries Word comments and a review HTML with the same notes beside the
//! text; the documents sent are the same as without review.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use crate::support::root;

/// Render the Kazakhstan open letter as DOCX and HTML into `out`, with
/// `--review` when `review`.
fn render(out: &Path, review: bool) {
    let dataset = root().join("examples/kazakhstan");
    let mut args = vec![
        "render",
        dataset.to_str().unwrap(),
        "-t",
        "open-letter",
        "-f",
        "docx",
        "-f",
        "html",
        "-o",
        out.to_str().unwrap(),
    ];
    if review {
        args.push("--review");
    }
    // Dated alike, so that the files of two runs can be compared.
    let o = crate::support::hrdraft()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(&args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn part(docx: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("the DOCX unzips");
    let mut file = zip.by_name(name).ok()?;
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    Some(s)
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Each comment's text (its paragraphs joined by newlines), by id.
fn comments(xml: &str) -> BTreeMap<String, String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "comment")))
        .map(|c| {
            let id = c.attribute((W, "id")).unwrap().to_string();
            let text: Vec<String> = c
                .descendants()
                .filter(|n| n.has_tag_name((W, "p")))
                .map(|p| {
                    p.descendants()
                        .filter(|n| n.has_tag_name((W, "t")))
                        .filter_map(|t| t.text())
                        .collect()
                })
                .collect();
            (id, text.join("\n"))
        })
        .collect()
}

/// For each footnote reference of document.xml, in order, the comments
/// whose range covers it; and the plain text each comment covers.
fn coverage(xml: &str) -> (Vec<BTreeSet<String>>, BTreeMap<String, String>) {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let mut open: BTreeSet<String> = BTreeSet::new();
    let mut refs = Vec::new();
    let mut covered: BTreeMap<String, String> = BTreeMap::new();
    for n in doc.descendants() {
        let id = || n.attribute((W, "id")).unwrap().to_string();
        if n.has_tag_name((W, "commentRangeStart")) {
            open.insert(id());
        } else if n.has_tag_name((W, "commentRangeEnd")) {
            assert!(open.remove(&id()), "a comment range ends before it starts");
        } else if n.has_tag_name((W, "footnoteReference")) {
            refs.push(open.clone());
        } else if n.has_tag_name((W, "t")) {
            for c in &open {
                covered
                    .entry(c.clone())
                    .or_default()
                    .push_str(n.text().unwrap_or(""));
            }
        }
    }
    assert!(open.is_empty(), "comment ranges left open: {open:?}");
    (refs, covered)
}

#[test]
fn every_footnoted_fact_of_the_kazakhstan_letter_has_a_comment_naming_its_dataset_line() {
    let tmp = tempfile::tempdir().unwrap();
    render(tmp.path(), true);
    let dir = tmp.path().join("kazakhstan");
    let review = std::fs::read(dir.join("open-letter.review.docx")).unwrap();

    // The part is declared and related, as Word requires.
    let types = part(&review, "[Content_Types].xml").unwrap();
    assert!(types.contains(
        r#"PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml""#
    ));
    let rels = part(&review, "word/_rels/document.xml.rels").unwrap();
    assert!(rels.contains(r#"relationships/comments" Target="comments.xml""#));

    let notes = comments(&part(&review, "word/comments.xml").unwrap());
    let document = part(&review, "word/document.xml").unwrap();
    let (refs, covered) = coverage(&document);
    assert_eq!(refs.len(), 10, "the letter's footnote references");
    for (i, open) in refs.iter().enumerate() {
        assert!(
            !open.is_empty(),
            "footnote reference {} has no comment",
            i + 1
        );
        let named = open.iter().any(|id| {
            let text = &notes[id];
            // `…/examples/kazakhstan/sources.toml:50`, and that line is the
            // source's entry.
            text.lines().any(|l| {
                l.split(" (")
                    .filter_map(|p| p.strip_suffix(')'))
                    .any(dataset_line_is_an_entry)
            })
        });
        assert!(named, "footnote {} names no dataset line: {open:?}", i + 1);
    }
    // Every comment has a range and a reference, and covers some text.
    let doc = roxmltree::Document::parse(&document).unwrap();
    let referenced: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "commentReference")))
        .map(|n| n.attribute((W, "id")).unwrap().to_string())
        .collect();
    assert_eq!(referenced, notes.keys().cloned().collect());
    // A citation's comment covers the sentence the footnote ends, not the
    // reference alone: the recall of resolution 60/251.
    let recall = notes
        .iter()
        .find(|(_, t)| t.contains("a-res-60-251"))
        .map(|(id, _)| &covered[id])
        .unwrap();
    assert!(
        recall.starts_with("We recall that, according to General Assembly resolution 60/251"),
        "{recall}"
    );
    // The plugin findings carry their rule, entries and value.
    let pledges = notes
        .values()
        .find(|t| t.starts_with("pledge-gap: pledges grouped") && t.contains("natl-death-penalty"))
        .expect("a comment on the national pledges");
    assert!(pledges.contains("value: 2 commitments"), "{pledges}");
    let ratification = notes
        .values()
        .find(|t| t.starts_with("pledge-gap: ratification"))
        .unwrap();
    assert!(
        ratification.contains("treaty ICCPR-OP2 ("),
        "{ratification}"
    );
}

/// Whether `at` (`PATH:LINE`) is the header line of an entry of that
/// dataset file.
fn dataset_line_is_an_entry(at: &str) -> bool {
    let Some((file, line)) = at.rsplit_once(':') else {
        return false;
    };
    let (Ok(line), Ok(text)) = (line.parse::<usize>(), std::fs::read_to_string(file)) else {
        return false;
    };
    file.contains("examples/kazakhstan/")
        && text
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.trim().starts_with("[["))
}

#[test]
fn the_documents_sent_are_the_same_with_review_and_without() {
    let plain = tempfile::tempdir().unwrap();
    let reviewed = tempfile::tempdir().unwrap();
    render(plain.path(), false);
    render(reviewed.path(), true);
    for name in ["open-letter.docx", "open-letter.html"] {
        let a = std::fs::read(plain.path().join("kazakhstan").join(name)).unwrap();
        let b = std::fs::read(reviewed.path().join("kazakhstan").join(name)).unwrap();
        assert!(a == b, "{name} differs with --review");
    }
    let sent = std::fs::read(reviewed.path().join("kazakhstan/open-letter.docx")).unwrap();
    assert!(part(&sent, "word/comments.xml").is_none());
    assert!(!part(&sent, "word/document.xml")
        .unwrap()
        .contains("w:commentRange"));
    assert!(!plain
        .path()
        .join("kazakhstan/open-letter.review.docx")
        .exists());
}

#[test]
fn the_review_html_has_each_note_beside_its_text() {
    let tmp = tempfile::tempdir().unwrap();
    render(tmp.path(), true);
    let dir = tmp.path().join("kazakhstan");
    let html = std::fs::read_to_string(dir.join("open-letter.review.html")).unwrap();
    let review = std::fs::read(dir.join("open-letter.review.docx")).unwrap();
    let notes = comments(&part(&review, "word/comments.xml").unwrap());
    let page = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let asides: Vec<String> = page
        .select(&sel("aside.review p"))
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(asides.len(), notes.len());
    // Each numbered end of marked text links to its note, which sits right
    // before the paragraph holding it.
    for a in page.select(&sel("sup.review a")) {
        let target = a.value().attr("href").unwrap().trim_start_matches('#');
        let note = page
            .select(&sel(&format!("aside.review p#{target}")))
            .next()
            .unwrap_or_else(|| panic!("no note {target}"));
        let paragraph = a
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .find(|e| e.value().name() == "p")
            .unwrap();
        let before = paragraph
            .prev_siblings()
            .filter_map(scraper::ElementRef::wrap)
            .next()
            .unwrap();
        assert_eq!(before.value().name(), "aside");
        assert!(before.select(&sel("p")).any(|p| p.id() == note.id()));
    }
    assert!(asides
        .iter()
        .any(|t| t.contains("pledge-gap: special procedures")
            && t.contains("special-procedures.toml:")));
}

fn explain(fragment: &str, json: bool) -> std::process::Output {
    let dataset = root().join("examples/kazakhstan");
    let mut args = vec![
        "explain",
        dataset.to_str().unwrap(),
        "-t",
        "open-letter",
        fragment,
    ];
    if json {
        args.push("--json");
    }
    crate::support::run(&args)
}

#[test]
fn explain_prints_the_chain_of_one_sentence() {
    let o = explain("urge you to implement the 2010 recommendations", true);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["sentence"].as_str().unwrap().starts_with(
        "We urge you to implement the 2010 recommendations by the Human Rights Committee"
    ));
    assert_eq!(v["footnotes"][0]["number"], 5);
    let marks = v["marks"].as_array().unwrap();
    let finding = marks
        .iter()
        .find(|m| {
            m["origin"]
                .as_str()
                .unwrap()
                .starts_with("pledge-gap: treaty-body")
        })
        .expect("the plugin finding");
    let entry = &finding["entries"][0];
    assert_eq!(
        (entry["kind"].as_str(), entry["id"].as_str()),
        (Some("reporting"), Some("CCPR"))
    );
    assert!(dataset_line_is_an_entry(entry["at"].as_str().unwrap()));
    let citation = marks
        .iter()
        .find(|m| m["origin"].as_str().unwrap().starts_with("citation"))
        .unwrap();
    let source = &citation["sources"][0];
    assert_eq!(source["symbol"], "CCPR/C/KAZ/CO/1");
    assert_eq!(source["date"], "2010-08-19");
    assert_eq!(source["locator"], "recommendation 8");
    assert!(dataset_line_is_an_entry(source["at"].as_str().unwrap()));

    // The same as text, with curly quotes and case ignored in the fragment.
    let o = explain("KAZAKHSTAN'S CANDIDACY, WE TAKE", false);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.starts_with("sentence: On the occasion of Kazakhstan’s candidacy"),
        "{text}"
    );
    assert!(text.contains("template's own wording"), "{text}");
}

#[test]
fn explain_refuses_a_fragment_in_no_sentence_or_in_several() {
    let o = explain("no letter says this", false);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no sentence of the open-letter document contains"),
        "{err}"
    );
    let o = explain("we urge", false);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("5 sentences contain"), "{err}");
    assert!(err.contains("We urge you to implement the 2010"), "{err}");
}

#[test]
fn draft_review_writes_the_review_copies_of_every_document() {
    let tmp = tempfile::tempdir().unwrap();
    let dataset = root().join("examples/brevonia");
    let out = tmp.path().join("out");
    let o = crate::support::run(&[
        "draft",
        dataset.to_str().unwrap(),
        "-f",
        "docx",
        "-o",
        out.to_str().unwrap(),
        "--review",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Brevonia records no assessment round, so its MIA is not drafted.
    assert!(!out.join("brevonia/mia-report.review.docx").exists());
    for template in ["open-letter", "pledging-questions"] {
        let dir = out.join("brevonia");
        let docx = std::fs::read(dir.join(format!("{template}.review.docx"))).unwrap();
        let notes = comments(&part(&docx, "word/comments.xml").unwrap());
        assert!(!notes.is_empty(), "{template}: no comments");
        assert!(dir.join(format!("{template}.review.html")).exists());
        // Only the review copies and the formats asked for.
        assert!(!dir.join(format!("{template}.html")).exists());
    }
}
