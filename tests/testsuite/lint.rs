//! `hrdraft lint`, and the lint's warnings as `render` and `draft` print
//! them: nothing on the examples, and each kind of warning on an example
//! copied to a temporary folder with one thing changed.

use std::path::Path;

use serde_json::Value;

use crate::support::{root, run_in};

/// Every example dataset with the templates it has the data for.
const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "kazakhstan",
        &["open-letter", "pledging-questions", "mia-report"],
    ),
    (
        "valdoria",
        &["open-letter", "pledging-questions", "mia-report"],
    ),
    ("norvania", &["open-letter", "mia-report"]),
    ("federated-isles", &["open-letter", "pledging-questions"]),
    (
        "marelia",
        &["open-letter", "pledging-questions", "mia-report"],
    ),
    (
        "brevonia",
        &["open-letter", "pledging-questions", "mia-report"],
    ),
    (
        "ostravia",
        &["open-letter", "pledging-questions", "mia-report"],
    ),
    ("solvane", &["open-letter", "mia-report"]),
    ("kestria", &["open-letter", "mia-report"]),
    (
        "morvaris",
        &["open-letter", "pledging-questions", "mia-report"],
    ),
    (
        "ardenne",
        &["open-letter", "pledging-questions", "mia-report"],
    ),
    (
        "lumeria",
        &["open-letter", "pledging-questions", "mia-report"],
    ),
    ("tavaru", &["open-letter", "mia-report"]),
];

/// A temporary folder holding `ds`, a copy of `examples/<example>`.
fn copy(example: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let to = tmp.path().join("ds");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(root().join("examples").join(example)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    tmp
}

/// Replace `from` (which must be there) by `to` in the dataset file `file`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join("ds").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Add an author's paragraph to the first document of documents.toml.
fn paragraph(dir: &Path, section: &str, text: &str) {
    let path = dir.join("ds/documents.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    // After the first document's last paragraph, before its signatories.
    let at = toml.find("[[documents.signatories]]").unwrap();
    let added =
        format!("[[documents.paragraphs]]\nsection = \"{section}\"\ntext = \"\"\"{text}\"\"\"\n\n");
    std::fs::write(&path, format!("{}{added}{}", &toml[..at], &toml[at..])).unwrap();
}

/// `hrdraft lint ds -t TEMPLATE --json ARGS` in `dir`: exit status and report.
fn lint_json(dir: &Path, template: &str, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["lint", "ds", "-t", template, "--json"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), report)
}

/// The warnings of a report with `code`.
fn with_code<'a>(report: &'a Value, code: &str) -> Vec<&'a Value> {
    report["warnings"]
        .as_array()
        .map(|w| w.iter().filter(|w| w["code"] == code).collect())
        .unwrap_or_default()
}

/// Exit status and stderr of `hrdraft ARGS` in `dir`, plain text.
fn plain(dir: &Path, args: &[&str]) -> String {
    let out = crate::support::hrdraft()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .args(args)
        .output()
        .unwrap();
    format!(
        "exit status: {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_examples_have_nothing_to_report() {
    for (example, templates) in EXAMPLES {
        let dir = root().join("examples");
        for template in *templates {
            let out = run_in(
                &dir,
                &["lint", example, "-t", template, "--json", "--deny-warnings"],
            );
            let report: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{example}/{template}: {report:#}"
            );
            assert_eq!(
                report["warnings"],
                serde_json::json!([]),
                "{example}/{template}"
            );
            assert_eq!(report["dataset_warnings"], serde_json::json!([]));
        }
    }
    // In Russian too.
    for example in ["kazakhstan", "valdoria", "brevonia"] {
        for template in ["open-letter", "pledging-questions"] {
            let out = run_in(
                &root().join("examples"),
                &["lint", example, "-t", template, "--lang", "ru", "--json"],
            );
            let report: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(
                report["warnings"],
                serde_json::json!([]),
                "{example}/{template} ru"
            );
        }
    }
}

#[test]
fn a_letter_dated_before_a_source_it_cites() {
    let tmp = copy("kazakhstan");
    edit(
        tmp.path(),
        "documents.toml",
        "date = 2012-10-18",
        "date = 2010-01-01",
    );
    let (code, report) = lint_json(tmp.path(), "open-letter", &["--deny-warnings"]);
    assert_eq!(code, Some(1), "{report:#}");
    let found = with_code(&report, "post-dated-source");
    let first = found
        .iter()
        .find(|w| {
            w["message"]
                .as_str()
                .unwrap_or("")
                .contains("\"a-hrc-14-10\"")
        })
        .unwrap_or_else(|| panic!("{report:#}"));
    // The source's date in sources.toml, and where the letter cites it.
    assert_eq!(first["file"], "ds/sources.toml");
    assert_eq!(first["field"], "sources[5].date");
    assert_eq!(first["line"], 54);
    assert!(first["message"]
        .as_str()
        .unwrap_or("")
        .contains("(cited at ds/documents.toml:33)"));
    // `check` says the same of the author's paragraph; it is not said
    // twice. What `check` does say is that the letter is addressed to a
    // minister recorded only from 2012, and dated before the pledges, which
    // it therefore does not know.
    let dataset_warnings: Vec<&str> = report["dataset_warnings"]
        .as_array()
        .unwrap_or_else(|| panic!("{report:#}"))
        .iter()
        .filter_map(|w| w["message"].as_str())
        .collect();
    assert_eq!(
        dataset_warnings,
        [
            "addressee \"minister-2012\" is recorded as current from 2012-10-18, after this document's date (2010-01-01): the document may be addressed to someone not yet in office",
            "the open letter (2010-01-01) is dated before the pledges (2012-06-06): it says the State appears not to have submitted any"
        ],
        "{report:#}"
    );
    insta::assert_snapshot!(plain(tmp.path(), &["lint", "ds", "-t", "open-letter"]));
    // The warning is about the open letter's entry: linting the MIA, whose
    // entry is another, does not repeat it.
    let (_, mia) = lint_json(tmp.path(), "mia-report", &[]);
    assert_eq!(mia["dataset_warnings"], serde_json::json!([]), "{mia:#}");
}

#[test]
fn as_of_a_date_before_a_source() {
    // The same letter drafted as of 2010: documents.toml is unchanged, so
    // `check` has nothing to say, and the lint says it.
    let dir = root().join("examples");
    let out = run_in(
        &dir,
        &[
            "lint",
            "kazakhstan",
            "-t",
            "open-letter",
            "--as-of",
            "2010-01-01",
            "--json",
        ],
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = with_code(&report, "post-dated-source");
    assert!(
        found.iter().any(|w| w["message"]
            .as_str()
            .unwrap_or("")
            .contains("\"a-hrc-14-10-add1\"")),
        "{report:#}"
    );
}

#[test]
fn a_noted_recommendation_printed_as_accepted() {
    let tmp = copy("kazakhstan");
    // 95.42 (Australia): the letter says the government accepted it.
    let upr = std::fs::read_to_string(tmp.path().join("ds/upr.toml")).unwrap();
    let at = upr.find("paragraph = \"95.42\"").unwrap();
    let response = at + upr[at..].find("response = \"accepted\"").unwrap();
    let edited = format!(
        "{}response = \"noted\"{}",
        &upr[..response],
        &upr[response + "response = \"accepted\"".len()..]
    );
    std::fs::write(tmp.path().join("ds/upr.toml"), edited).unwrap();
    let (_, report) = lint_json(tmp.path(), "open-letter", &[]);
    let found = with_code(&report, "noted-as-accepted");
    assert_eq!(found.len(), 1, "{report:#}");
    let w = found[0];
    assert_eq!(w["file"], "ds/upr.toml");
    assert!(w["field"].as_str().unwrap_or("").ends_with(".response"));
    let message = w["message"].as_str().unwrap_or("");
    assert!(
        message.contains("recommendation 95.42 (Australia) is printed as accepted, but upr.toml records it as noted"),
        "{message}"
    );
    // The sentence is the author's, in documents.toml.
    assert!(
        message.contains("(written at ds/documents.toml:33)"),
        "{message}"
    );
    insta::assert_snapshot!(plain(tmp.path(), &["lint", "ds", "-t", "open-letter"]));
}

#[test]
fn a_pledge_quoted_that_is_not_in_the_dataset() {
    let tmp = copy("kazakhstan");
    paragraph(
        tmp.path(),
        "national",
        "We note your pledge: “Kazakhstan will abolish the death penalty in law.”[@a-67-122]",
    );
    let (_, report) = lint_json(tmp.path(), "open-letter", &[]);
    let found = with_code(&report, "unknown-pledge");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["file"], "ds/documents.toml");
    assert!(found[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("\"Kazakhstan will abolish the death penalty in law.\""));
    insta::assert_snapshot!(plain(tmp.path(), &["lint", "ds", "-t", "open-letter"]));
    // Pledges quoted as candidacy.toml words them are known (Valdoria's
    // letter quotes four).
    let tmp = copy("valdoria");
    let (_, report) = lint_json(tmp.path(), "open-letter", &[]);
    assert_eq!(with_code(&report, "unknown-pledge").len(), 0, "{report:#}");
}

#[test]
fn a_fact_without_a_footnote() {
    let tmp = copy("kazakhstan");
    paragraph(
        tmp.path(),
        "national",
        "In 2011 the authorities closed the last independent newspaper of Aktau.",
    );
    let (_, report) = lint_json(tmp.path(), "open-letter", &[]);
    let found = with_code(&report, "unsourced-fact");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["file"], "ds/documents.toml");
    assert!(found[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("(2011)"));
    insta::assert_snapshot!(plain(tmp.path(), &["lint", "ds", "-t", "open-letter"]));
    // With a footnote, it is sourced.
    let tmp = copy("kazakhstan");
    paragraph(
        tmp.path(),
        "national",
        "In 2011 the authorities closed the last independent newspaper of Aktau.[@ccpr-c-kaz-co-1]",
    );
    let (_, report) = lint_json(tmp.path(), "open-letter", &[]);
    assert_eq!(with_code(&report, "unsourced-fact").len(), 0, "{report:#}");
}

#[test]
fn a_number_no_data_produced() {
    let tmp = copy("kazakhstan");
    paragraph(
        tmp.path(),
        "national",
        "Some 4,321 people were detained after the protests.[@ccpr-c-kaz-co-1]",
    );
    let (_, report) = lint_json(tmp.path(), "open-letter", &[]);
    let found = with_code(&report, "unproduced-number");
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(found[0]["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("the number 4,321 in \"Some 4,321 people"));
    assert_eq!(found[0]["file"], "ds/documents.toml");
    // A number the dataset holds (the candidacy's term) is produced.
    let tmp = copy("kazakhstan");
    paragraph(
        tmp.path(),
        "national",
        "Your term would end in 2015, after 3 sessions a year.[@ccpr-c-kaz-co-1]",
    );
    let (_, report) = lint_json(tmp.path(), "open-letter", &[]);
    assert_eq!(
        with_code(&report, "unproduced-number").len(),
        0,
        "{report:#}"
    );
}

#[test]
fn a_source_nothing_refers_to() {
    let tmp = copy("kazakhstan");
    let path = tmp.path().join("ds/sources.toml");
    let mut sources = std::fs::read_to_string(&path).unwrap();
    sources.push_str(
        "\n[[sources]]\nid = \"forgotten\"\nsymbol = \"A/HRC/99/1\"\ndate = 2011-01-01\n",
    );
    std::fs::write(&path, sources).unwrap();
    let (_, report) = lint_json(tmp.path(), "open-letter", &[]);
    let found = with_code(&report, "uncited-source");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["file"], "ds/sources.toml");
    assert_eq!(found[0]["field"], format!("sources[{}].id", 12));
    assert!(found[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("\"forgotten\""));
    // `render` and `draft` leave it to `lint`: it is about the dataset.
    let out = plain(
        tmp.path(),
        &[
            "render",
            "ds",
            "-t",
            "open-letter",
            "-f",
            "md",
            "-o",
            "out",
            "--lint",
        ],
    );
    assert!(!out.contains("uncited-source"), "{out}");
}

/// The OHCHR guidance the open letter cites through pledge-gap is cited,
/// whatever its title, when the document linted is another one: the
/// plugin says it cites that id.
#[test]
fn a_source_a_plugin_cites_is_not_reported_as_cited_by_nothing() {
    let tmp = copy("kazakhstan");
    edit(
        tmp.path(),
        "sources.toml",
        "title = \"Suggested Elements for Voluntary Pledges and Commitments by Candidates for Election to the Human Rights Council\"",
        "title = \"Voluntary pledges and commitments of candidates\"",
    );
    for template in ["mia-report", "pledging-questions"] {
        let (_, report) = lint_json(tmp.path(), template, &[]);
        let found = with_code(&report, "uncited-source");
        assert!(found.is_empty(), "{template}: {report:#}");
    }
}

#[test]
fn render_and_draft_print_the_warnings_and_deny_them_when_asked() {
    let tmp = copy("kazakhstan");
    edit(
        tmp.path(),
        "documents.toml",
        "date = 2012-10-18",
        "date = 2010-01-01",
    );
    let args = ["render", "ds", "-t", "open-letter", "-f", "md", "--lint"];
    let mut written = args.to_vec();
    written.extend(["-o", "out"]);
    let out = plain(tmp.path(), &written);
    assert!(out.starts_with("exit status: Some(0)"), "{out}");
    assert!(out.contains("[post-dated-source]"), "{out}");
    assert!(tmp.path().join("out/kazakhstan/open-letter.md").is_file());
    let mut denied = args.to_vec();
    denied.extend(["-o", "denied", "--deny-warnings"]);
    let out = plain(tmp.path(), &denied);
    assert!(out.starts_with("exit status: Some(1)"), "{out}");
    assert!(
        out.contains("--deny-warnings: nothing was written"),
        "{out}"
    );
    assert!(!tmp.path().join("denied").exists());
    let out = plain(
        tmp.path(),
        &[
            "draft",
            "ds",
            "-f",
            "md",
            "-o",
            "drafted",
            "--deny-warnings",
        ],
    );
    assert!(out.starts_with("exit status: Some(1)"), "{out}");
    assert!(
        out.contains("kazakhstan/open-letter: [post-dated-source]"),
        "{out}"
    );
    // The dataset's own warnings (`check`'s, of the letter's paragraph)
    // stop its other documents too.
    assert!(!tmp.path().join("drafted/kazakhstan").exists());
    let out = plain(tmp.path(), &["draft", "ds", "-f", "md", "-o", "drafted"]);
    assert!(out.starts_with("exit status: Some(0)"), "{out}");
    assert!(tmp
        .path()
        .join("drafted/kazakhstan/open-letter.md")
        .is_file());
    // Without --lint (or --deny-warnings) the lint does not run; `check`'s
    // warnings are printed as always.
    let out = plain(
        tmp.path(),
        &[
            "render",
            "ds",
            "-t",
            "open-letter",
            "-f",
            "md",
            "-o",
            "plain",
        ],
    );
    assert!(out.starts_with("exit status: Some(0)"), "{out}");
    assert!(!out.contains("[post-dated-source]"), "{out}");
    assert!(out.contains("the paragraph cites \"a-hrc-14-10\""), "{out}");
    // The examples render without a warning.
    let out = plain(
        &root().join("examples"),
        &[
            "render",
            "kazakhstan",
            "-t",
            "open-letter",
            "-f",
            "md",
            "-o",
            tmp.path().join("ex").to_str().unwrap_or("ex"),
            "--deny-warnings",
        ],
    );
    assert_eq!(out.trim(), "exit status: Some(0)");
}
