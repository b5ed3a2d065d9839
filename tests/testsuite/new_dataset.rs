//! `hrdraft new dataset`: the skeleton passes `check` and drafts every built-in document.

use std::process::Output;

use crate::support::run_in as hrdraft;

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn a_new_dataset_is_valid_and_drafts_all_three_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let made = hrdraft(dir, &["new", "dataset", "ds", "--country", "Côte d'Ivoire"]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made));
    let country = std::fs::read_to_string(dir.join("ds/country.toml")).unwrap();
    assert!(country.contains("name = \"Côte d'Ivoire\""), "{country}");
    assert!(
        country.contains("short_name = \"cote-d-ivoire\""),
        "{country}"
    );
    assert!(country.contains("iso2 = \"XX\"") && country.contains("iso3 = \"XXX\""));
    assert!(
        country.contains("PLACEHOLDERS"),
        "the ISO codes are not explained"
    );

    let check = hrdraft(dir, &["check", "--json", "ds"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["warnings"], 0, "{report}");
    assert_eq!(report["summary"]["treaties"], 18);

    let draft = hrdraft(dir, &["draft", "ds", "-f", "html", "-o", "out", "--json"]);
    assert_eq!(draft.status.code(), Some(0), "{}", text(&draft));
    let report: serde_json::Value = serde_json::from_slice(&draft.stdout).unwrap();
    assert_eq!(report["documents"], 3, "{report}");
    assert_eq!(report["skipped"], serde_json::json!([]), "{report}");
    for (template, expect) in [
        (
            "open-letter",
            "Optional Protocol to the Convention against Torture",
        ),
        ("pledging-questions", "What steps will you take to ratify"),
        (
            "mia-report",
            "Côte d’Ivoire Mid-term Implementation Assessment",
        ),
    ] {
        let html = std::fs::read_to_string(dir.join(format!("out/cote-d-ivoire/{template}.html")))
            .unwrap();
        let doc = scraper::Html::parse_document(&html);
        let body: String = doc.root_element().text().collect();
        assert!(
            body.contains(expect),
            "{template}: no `{expect}` in\n{body}"
        );
    }
}

#[test]
fn a_directory_with_files_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("ds")).unwrap();
    std::fs::write(dir.join("ds/notes.txt"), "mine").unwrap();
    let made = hrdraft(dir, &["new", "dataset", "ds", "--country", "Arcadia"]);
    assert_eq!(made.status.code(), Some(1), "{}", text(&made));
    assert!(text(&made).contains("ds already exists and is not empty"));
    assert_eq!(std::fs::read_dir(dir.join("ds")).unwrap().count(), 1);
}

#[test]
fn a_name_without_latin_letters_asks_for_a_short_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let made = hrdraft(dir, &["new", "dataset", "ds", "--country", "Қазақстан"]);
    assert_eq!(made.status.code(), Some(2), "{}", text(&made));
    assert!(text(&made).contains("--short-name"));
    let made = hrdraft(
        dir,
        &[
            "new",
            "dataset",
            "ds",
            "--country",
            "Қазақстан",
            "--short-name",
            "kazakhstan",
        ],
    );
    assert_eq!(made.status.code(), Some(0), "{}", text(&made));
    let check = hrdraft(dir, &["check", "ds"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
}
