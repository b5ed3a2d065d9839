//! The three document kinds end to end: render the example datasets with the
//! `hrdraft` command, then read every output back with independent readers.

mod follow_up;
pub mod read;
mod seed_letter;
mod seed_mia;

use std::path::{Path, PathBuf};

use crate::support::root;

/// Render one template of one dataset in `formats` into `out`; the paths written.
fn render(dataset: &str, template: &str, formats: &[&str], out: &Path) -> Vec<PathBuf> {
    let mut cmd = crate::support::hrdraft();
    cmd.arg("render")
        .arg(root().join("examples").join(dataset))
        .args(["--template", template])
        .arg("--out")
        .arg(out);
    for f in formats {
        cmd.args(["--format", f]);
    }
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "render {dataset} {template} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(PathBuf::from)
        .collect()
}

fn find<'a>(paths: &'a [PathBuf], ext: &str) -> &'a Path {
    paths
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == ext))
        .unwrap()
}

#[test]
fn open_letter_kazakhstan() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = render("kazakhstan", "open-letter", &["docx", "html"], tmp.path());
    assert_eq!(
        paths[0],
        tmp.path().join("kazakhstan").join("open-letter.docx")
    );
    let parts = read::docx_parts(find(&paths, "docx"));
    let body = read::docx_paragraphs(&parts).join("\n");
    let notes = read::docx_footnotes(&parts);
    let refs = read::docx_footnote_refs(&parts);

    assert!(body.contains(
        "OPEN LETTER: KAZAKHSTAN’S CANDIDACY FOR ELECTION TO THE UN HUMAN RIGHTS COUNCIL"
    ));
    assert!(body.contains("Ref: TG EUR 57/2012.002"));
    assert!(body.contains("Erlan Idrissov"));
    assert!(body.contains("18 October 2012"));
    // The two instruments the 2012 letter urges, by their titles.
    assert!(body.contains(
        "Second Optional Protocol to the International Covenant on Civil and Political Rights, aiming at the abolition of the death penalty"
    ));
    assert!(body.contains(
        "Optional Protocol to the International Covenant on Economic, Social and Cultural Rights"
    ));
    assert!(body.contains(
        "visit requested by the Special Rapporteur on the rights to freedom of peaceful assembly and of association"
    ));
    for heading in [
        "Commitments at the international level",
        "Ratification of international human rights instruments",
        "Cooperation with the Special Procedures",
        "Cooperation with the treaty monitoring bodies",
        "Engagement with the Universal Periodic Review",
        "Participation in the deliberations of the Human Rights Council",
        "Commitments at the national level",
    ] {
        assert!(body.lines().any(|l| l == heading), "no heading {heading}");
    }

    // Every footnote is a real Word footnote, referred to once, in order.
    // The eight notes of the 2012 letter, and the compilation the reminder of
    // the Special Procedures visits and the overdue CERD report are sourced
    // to (seed_letter.rs).
    assert_eq!(notes.len(), 10, "{notes:?}");
    let ids: Vec<i64> = refs.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, notes.keys().copied().collect::<Vec<_>>());
    assert!(refs.iter().all(|(_, style)| style == "FootnoteReference"));
    assert!(
        !body.contains("[^"),
        "a footnote label leaked into the text"
    );
    // The accepted torture-safeguard recommendations in one footnote, as in 2012.
    let torture = "A/HRC/14/10, recommendations 95.42 (Australia), 95.43 (Algeria), 95.44 (Germany), 95.45 (Germany), 95.61 (Czech Republic), 95.64 (Czech Republic), 95.65 (France), 95.66 (Ireland), 95.67 (United Kingdom), 95.68 (Sri Lanka), and 95.102 (Morocco).";
    assert_eq!(
        notes.values().filter(|n| n.contains(torture)).count(),
        1,
        "{notes:#?}"
    );
    // The author's paragraph cites them as the 2012 letter does.
    assert!(notes.values().any(|n| n.contains("A/HRC/14/10, recommendations 95.41 (Philippines); Report of the Working Group on the Universal Periodic Review, Kazakhstan, Addendum, 1 June 2010 (A/HRC/14/10/Add.1), referring to recommendations 97.16 (France), 97.17 (Belgium), and 97.18 (Spain).")));
    assert!(notes.values().any(|n| n == "A/67/122."));
    assert!(notes.values().any(|n| n == "A/RES/60/251, para 9."));
    assert!(notes.values().any(|n| n.contains(
        "Concluding observations of the Human Rights Committee, Kazakhstan, 19 August 2010 (CCPR/C/KAZ/CO/1), recommendation 8."
    )));

    // The HTML has the same notes as endnotes.
    let html = read::html(find(&paths, "html"));
    let endnotes = read::html_texts(
        &html,
        "section.footnotes li, .footnotes li, ol.footnotes li",
    );
    assert_eq!(endnotes.len(), notes.len(), "{endnotes:#?}");
}

#[test]
fn pledging_questions_kazakhstan() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = render(
        "kazakhstan",
        "pledging-questions",
        &["docx", "html"],
        tmp.path(),
    );
    let html = read::html(find(&paths, "html"));
    let lists = {
        let sel = scraper::Selector::parse("ol").unwrap();
        let li = scraper::Selector::parse("li").unwrap();
        let em = scraper::Selector::parse("em").unwrap();
        html.select(&sel)
            .filter(|ol| {
                ol.value()
                    .attr("class")
                    .is_none_or(|c| !c.contains("footnote"))
            })
            .map(|ol| {
                ol.select(&li)
                    .map(|item| {
                        let asker = item
                            .select(&em)
                            .next()
                            .map(|e| e.text().collect::<String>())
                            .unwrap_or_default();
                        (asker, item.text().collect::<String>())
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(lists.len(), 2, "{lists:#?}");
    assert_eq!(lists[0].len(), 2);
    assert_eq!(lists[1].len(), 9);
    assert!(lists[0].iter().all(|(a, _)| a == "Human Rights Watch"));
    assert_eq!(lists[1][0].0, "Outright International");
    assert_eq!(lists[1][8].0, "Genoveva Sotirova (Twitter user)");
    assert!(lists[1][2]
        .1
        .contains("NGOs have been banned from UN headquarters since March 2020."));

    let parts = read::docx_parts(find(&paths, "docx"));
    let body = read::docx_paragraphs(&parts).join("\n");
    assert!(body.contains("29th September, 2021"));
    assert!(body.contains("Your Excellencies,"));
    assert!(body.contains(
        "Despite representatives of Kazakhstan regrettably declining to participate in the event"
    ));
    assert!(body.contains("by 8th October 2021"));
    assert!(body.contains("Questions addressed specifically to Kazakhstan"));
    assert!(body.contains("Questions posed to all candidate States"));
    assert!(body.contains("Madeleine Sinclair"));
    // Numbered with Word numbering, not typed numbers.
    assert!(parts["word/numbering.xml"].contains("decimal"));
    assert!(!body.contains("1. Human Rights Watch"));
}

#[test]
fn mia_report_kazakhstan() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = render(
        "kazakhstan",
        "mia-report",
        &["docx", "pdf", "html"],
        tmp.path(),
    );
    let parts = read::docx_parts(find(&paths, "docx"));
    let paragraphs = read::docx_paragraphs(&parts);
    let body = paragraphs.join("\n");
    assert!(body.contains("66 recommendations are not implemented, 41 recommendations are partially implemented, and 11 recommendations are fully implemented"));
    assert!(body.contains("No answer was received for 9 out of 129 recommendations"));

    // The themes as level-3 headings under "3. Feedback on recommendations", in UPR Info's order.
    let headings = read::docx_styled(&parts, "Heading3");
    let start = headings.iter().position(|h| h == "CP Rights").unwrap();
    assert_eq!(
        headings[start..start + 8],
        [
            "CP Rights",
            "ESC Rights",
            "Indigenous & Minorities",
            "International Instruments",
            "Justice",
            "SOGI",
            "Women & Children",
            "Other"
        ]
    );
    // Recommendations 3, 12, 13 and 99 share one response, printed once.
    let shared = "The National Plan on improvement of quality of life of persons with disabilities";
    assert_eq!(body.matches(shared).count(), 1);

    // 129 recommendations in all: 120 in the feedback, 9 in the uncommented table.
    let feedback: Vec<u32> = paragraphs
        .iter()
        .filter_map(|p| p.strip_prefix("Recommendation nº"))
        .filter_map(|p| p.split(':').next()?.parse().ok())
        .collect();
    assert_eq!(feedback.len(), 120);
    let html = read::html(find(&paths, "html"));
    let tables = {
        let t = scraper::Selector::parse("table").unwrap();
        let tr = scraper::Selector::parse("tbody tr").unwrap();
        let td = scraper::Selector::parse("td").unwrap();
        html.select(&t)
            .map(|table| {
                table
                    .select(&tr)
                    .map(|row| {
                        row.select(&td)
                            .map(|c| c.text().collect::<String>().trim().to_string())
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    // The index, the IRI bands, the uncommented recommendations.
    assert_eq!(tables.len(), 3);
    let index: Vec<u32> = tables[0].iter().map(|r| r[0].parse().unwrap()).collect();
    let uncommented: Vec<u32> = tables[2].iter().map(|r| r[0].parse().unwrap()).collect();
    assert_eq!(index.len(), 120);
    assert_eq!(uncommented, [41, 46, 47, 48, 54, 85, 101, 111, 114]);
    let mut all: Vec<u32> = index.iter().chain(&uncommented).copied().collect();
    all.sort();
    assert_eq!(all, (1..=129).collect::<Vec<_>>());
    let mut fb = feedback.clone();
    fb.sort();
    assert_eq!(fb, index);
    // The levels abbreviated as UPR Info's index abbreviates them.
    assert_eq!(tables[0][0][3], "not impl.");
    let mut levels: Vec<&str> = tables[0].iter().map(|r| r[3].as_str()).collect();
    levels.sort_unstable();
    levels.dedup();
    assert_eq!(levels, ["-", "fully impl.", "not impl.", "partially impl."]);
    assert_eq!(tables[1].len(), 3);

    // The index gives, for each recommendation, the PDF page on which its
    // feedback starts.
    let pages = read::pdf_pages(find(&paths, "pdf"));
    let feedback_page = |n: u32| {
        let token = read::squash(&format!("Recommendation nº{n}:"));
        pages
            .iter()
            .position(|p| p.contains(&token))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("no feedback for {n} in the PDF"))
    };
    let first_feedback = feedback_page(1).min(feedback_page(2));
    let index_text: String = pages[..first_feedback].concat();
    // A row whose cells wrap is extracted line by line across its cells, so
    // each row is found by its number and the start of its issue, and must
    // hold its page number followed by its level.
    let row_start = |row: &[String]| {
        let issue: String = read::squash(&row[1]).chars().take(8).collect();
        format!("{}{issue}", row[0])
    };
    let mut pos = 0;
    let mut docx_pages = Vec::new();
    for (i, row) in tables[0].iter().enumerate() {
        let n: u32 = row[0].parse().unwrap();
        let page = feedback_page(n);
        let start = pos
            + index_text[pos..]
                .find(&row_start(row))
                .unwrap_or_else(|| panic!("no index row for {n}"));
        let end = match tables[0].get(i + 1) {
            Some(next) => index_text[start..]
                .find(&row_start(next))
                .map_or(index_text.len(), |e| start + e),
            None => index_text.len(),
        };
        let segment = &index_text[start..end];
        let level_word = row[3].split_whitespace().next().unwrap_or("-");
        // "page 7", as seed 003 writes it, the word and the number kept
        // together.
        assert!(
            segment.contains(&format!("page{page}{level_word}")),
            "index row for {n} should give page {page} then {level_word}: {segment}"
        );
        // The HTML has no pages: a link to the recommendation, no word.
        assert_eq!(row[2], "§", "{row:?}");
        pos = start + 1;
        docx_pages.push((n, page));
    }
    // The DOCX writes the word before each field.
    assert_eq!(body.matches("page\u{a0}").count(), 120);
    // The DOCX shows the same page numbers in PAGEREF fields until Word updates them.
    let refs = read::docx_pagerefs(&parts);
    assert_eq!(refs.len(), 120);
    for ((_, cached), (n, page)) in refs.iter().zip(&docx_pages) {
        assert_eq!(cached, &page.to_string(), "recommendation {n}");
    }

    // Page breaks: every recommendation's IRI line is on its page, and no
    // page ends with a stakeholder's label or a cluster's "+". The label and
    // the lines before a response keep with it in the DOCX too.
    let pages = read::pdf_pages(find(&paths, "pdf"));
    for (i, page) in pages.iter().enumerate() {
        if let Some(last) = page.rfind("Recommendationnº") {
            assert!(
                page[last..].contains("IRI:"),
                "page {}: recommendation without its IRI line: {}",
                i + 1,
                &page[last..]
            );
        }
        // What follows the last label on the page, bar the page number and notes.
        if let Some(label) = page.rfind("response:") {
            let rest =
                page[label + "response:".len()..].trim_end_matches(|c: char| c.is_ascii_digit());
            assert!(
                rest.chars().count() > 20,
                "page {} ends with a label: {rest:?}",
                i + 1
            );
        }
        let body = page.trim_end_matches(|c: char| c.is_ascii_digit());
        assert!(
            !body.ends_with('+'),
            "page {} ends with a cluster's +",
            i + 1
        );
    }
    let document = &parts["word/document.xml"];
    let label = document.find("response:").expect("a label");
    let p_start = document[..label].rfind("<w:p ").expect("its paragraph");
    assert!(
        document[p_start..label].contains("<w:keepNext/>"),
        "the label keeps with the response"
    );
}

/// The 2009 compilation is cited for both visits at the end of one
/// sentence: one note, not two of the same text side by side.
#[test]
fn the_same_source_twice_at_one_place_is_one_note() {
    // The Kazakhstan letter's reminder of three visits cites the compilation
    // once, and nothing else repeats a note.
    let tmp = tempfile::tempdir().unwrap();
    let paths = render("kazakhstan", "open-letter", &["md", "docx"], tmp.path());
    let md = std::fs::read_to_string(find(&paths, "md")).unwrap();
    let sentence = md
        .lines()
        .find(|l| l.contains("following their visits to Kazakhstan in 2009"))
        .unwrap();
    assert!(
        sentence.ends_with("following the visit in 2010\\.[^4]"),
        "{sentence}"
    );
    let notes = read::docx_footnotes(&read::docx_parts(find(&paths, "docx")));
    let compilation =
        "Compilation prepared by the Office of the High Commissioner for Human Rights";
    assert_eq!(
        notes.values().filter(|n| n.contains(compilation)).count(),
        1,
        "{notes:#?}"
    );
    // The overdue CERD report cites it again, by its symbol.
    assert_eq!(notes.len(), 10, "{notes:#?}");

    // A template that cites one source twice at one place gets one note.
    let t = tmp.path().join("twice");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("template.toml"),
        "name = \"twice\"\ntitle = \"Twice\"\ndescription = \"Twice.\"\nbody = \"body.md.hbs\"\n",
    )
    .unwrap();
    std::fs::write(
        t.join("body.md.hbs"),
        "In 2009.{{cite \"compilation-2009\"}}{{cite \"compilation-2009\"}} Then.{{cite \"a-67-122\"}}\n",
    )
    .unwrap();
    let output = crate::support::hrdraft()
        .args(["context", "-t", "twice", "--markdown", "--templates"])
        .arg(tmp.path())
        .arg(root().join("examples/kazakhstan"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let md = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        md.contains("In 2009\\.[^hrdraft-fn-1] Then\\.[^hrdraft-fn-2]")
            || md.contains("In 2009.[^hrdraft-fn-1] Then.[^hrdraft-fn-2]"),
        "{md}"
    );
    let defs: Vec<&str> = md.lines().filter(|l| l.starts_with("[^")).collect();
    assert_eq!(defs.len(), 2, "{md}");
}

/// A template's `[citations] repeat` chooses how a source is cited again.
#[test]
fn a_template_chooses_how_sources_are_cited_again() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path().join("notes");
    std::fs::create_dir_all(&t).unwrap();
    let body = "A{{cite \"ccpr-c-kaz-co-1\"}} B{{cite \"ccpr-c-kaz-co-1\" paragraph=\"para 8\"}} \
                C{{cite \"a-67-122\"}} D{{cite \"ccpr-c-kaz-co-1\"}}\n";
    std::fs::write(t.join("body.md.hbs"), body).unwrap();
    let notes = |repeat: &str| {
        std::fs::write(
            t.join("template.toml"),
            format!(
                "name = \"notes\"\ntitle = \"Notes\"\ndescription = \"Notes.\"\n\
                 body = \"body.md.hbs\"\n\n[citations]\nrepeat = \"{repeat}\"\n"
            ),
        )
        .unwrap();
        let output = crate::support::hrdraft()
            .args(["context", "-t", "notes", "--markdown", "--templates"])
            .arg(tmp.path())
            .arg(root().join("examples/kazakhstan"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        let md = String::from_utf8_lossy(&output.stdout).into_owned();
        md.lines()
            .filter_map(|l| l.split_once("]: ").map(|(_, note)| note.to_string()))
            .collect::<Vec<_>>()
    };
    let full = "Concluding observations of the Human Rights Committee, Kazakhstan, 19 August 2010 (CCPR/C/KAZ/CO/1)";
    // The source's own paragraph unless another is given.
    assert_eq!(
        notes("full"),
        [
            format!("{full}, recommendation 8."),
            format!("{full}, para 8."),
            "A/67/122.".into(),
            format!("{full}, recommendation 8.")
        ]
    );
    assert_eq!(
        notes("short"),
        [
            format!("{full}, recommendation 8."),
            "CCPR/C/KAZ/CO/1, para 8.".into(),
            "A/67/122.".into(),
            "CCPR/C/KAZ/CO/1, recommendation 8.".into()
        ]
    );
    assert_eq!(
        notes("ibid"),
        [
            format!("{full}, recommendation 8."),
            "Ibid., para 8.".into(),
            "A/67/122.".into(),
            "CCPR/C/KAZ/CO/1, recommendation 8.".into()
        ]
    );
}

/// A made-up State that ratified everything, took part in the pledging
/// event and has no reprisal cases: nothing is hard-wired to Kazakhstan.
#[test]
fn valdoria_renders_every_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let output = crate::support::hrdraft()
        .arg("draft")
        .arg(root().join("examples/valdoria"))
        .args(["-f", "docx", "-f", "pdf", "-f", "html", "-o"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("drafted 3 documents (9 files"), "{stderr}");
    let dir = tmp.path().join("valdoria");

    let parts = read::docx_parts(&dir.join("open-letter.docx"));
    let paragraphs = read::docx_paragraphs(&parts);
    let body = paragraphs.join("\n");
    assert!(body.contains("OPEN LETTER: VALDORIA’S CANDIDACY"));
    assert!(body.contains("is a party to all the core international human rights instruments"));
    assert!(!body.contains("still outstanding"));
    assert!(!body.contains("facilitate without delay"));
    assert!(!body
        .to_lowercase()
        .contains("intimidation against people in"));
    // Every heading has text under it.
    let headings = [
        "Commitments at the international level",
        "Ratification of international human rights instruments",
        "Cooperation with the Special Procedures",
        "Cooperation with the treaty monitoring bodies",
        "Engagement with the Universal Periodic Review",
        "Participation in the deliberations of the Human Rights Council",
        "Commitments at the national level",
    ];
    for (i, p) in paragraphs.iter().enumerate() {
        if headings.contains(&p.as_str()) {
            let next = paragraphs.get(i + 1).map(String::as_str).unwrap_or("");
            assert!(
                !next.is_empty() && !headings.contains(&next) || p == headings[0],
                "heading `{p}` is empty"
            );
        }
    }

    let parts = read::docx_parts(&dir.join("pledging-questions.docx"));
    let body = read::docx_paragraphs(&parts).join("\n");
    assert!(body.contains("We thank the representatives of Valdoria for taking part in the event"));
    assert!(!body.contains("regrettably declining"));

    let html = read::html(&dir.join("mia-report.html"));
    let text = read::html_texts(&html, "body").join(" ");
    // Dated after its second round, the report is the follow-up one.
    assert!(text.contains("Valdoria Follow-up Implementation Assessment"));
    // The recommendation whose text looks like Markdown comes out verbatim.
    let tricky = "Repeal article 212 of the Criminal Code on “insult to public officials” – which provides for up to *two* years’ imprisonment – and publish the list of pending cases (section #3 of the annual report | annex_b) [^1]";
    assert!(text.contains(tricky), "{text}");
    let mia = read::docx_paragraphs(&read::docx_parts(&dir.join("mia-report.docx"))).join("\n");
    assert!(mia.contains(tricky));
    let pdf = read::pdf_pages(&dir.join("mia-report.pdf")).concat();
    assert!(pdf.contains("Recommendationnº1:"));
}

/// Two runs on the same input give the same bytes, in every format.
#[test]
fn renders_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let formats = ["docx", "pdf", "html", "md"];
    let first = render("kazakhstan", "open-letter", &formats, a.path());
    let second = render("kazakhstan", "open-letter", &formats, b.path());
    assert_eq!(first.len(), 4);
    for (x, y) in first.iter().zip(&second) {
        assert_eq!(
            std::fs::read(x).unwrap(),
            std::fs::read(y).unwrap(),
            "{} differs between runs",
            x.display()
        );
    }
}

/// A misspelt section in documents.toml is an error naming the field, not a
/// paragraph silently dropped.
#[test]
fn an_unknown_section_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dataset = tmp.path().join("kz");
    std::fs::create_dir_all(&dataset).unwrap();
    for entry in std::fs::read_dir(root().join("examples/kazakhstan")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dataset.join(entry.file_name())).unwrap();
    }
    let docs = std::fs::read_to_string(dataset.join("documents.toml")).unwrap();
    let docs = docs.replacen("section = \"national\"\n", "section = \"nationl\"\n", 1);
    std::fs::write(dataset.join("documents.toml"), docs).unwrap();
    let output = crate::support::hrdraft()
        .arg("render")
        .arg(&dataset)
        .args(["-t", "open-letter", "-f", "md", "-o"])
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the open-letter document's paragraphs[1].section names section `nationl`"),
        "{stderr}"
    );
    assert!(!tmp.path().join("out/kazakhstan/open-letter.md").exists());
}
