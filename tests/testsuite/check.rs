//! `hrdraft check` on the example datasets and on a corpus of broken ones.
//!
//! Each folder under `tests/check/` is one broken dataset, described as
//! changes to `tests/fixtures/minimal`: files it holds replace or add to the
//! base, `remove` lists base files to delete, `dataset-path` replaces the
//! path given to `check`, and `expect` holds blocks of lines (separated by a
//! blank line) that must appear in what `check` prints on stderr: each line
//! of a block is found in one line of stderr, and a block's lines in
//! consecutive lines, so a message is checked together with the file, line,
//! column, source line, underline and hint printed with it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::root;

fn hrdraft() -> Command {
    crate::support::hrdraft()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Build the case's dataset in a temporary directory.
fn build_case(case: &Path, tmp: &Path) -> PathBuf {
    let dataset = tmp.join("dataset");
    copy_dir(&root().join("tests/fixtures/minimal"), &dataset);
    for entry in std::fs::read_dir(case).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        match name.as_str() {
            "expect" | "dataset-path" => {}
            "remove" => {
                for file in std::fs::read_to_string(entry.path()).unwrap().lines() {
                    std::fs::remove_file(dataset.join(file.trim())).unwrap();
                }
            }
            _ => {
                std::fs::copy(entry.path(), dataset.join(&name)).unwrap();
            }
        }
    }
    match std::fs::read_to_string(case.join("dataset-path")) {
        Ok(p) => tmp.join(p.trim()),
        Err(_) => dataset,
    }
}

/// `check` on the case's dataset, built in `tmp` and run from there, as a
/// drafter would, so that paths print relative: the dataset's path and
/// what `check` did.
fn check_case(case: &Path, tmp: &Path) -> (PathBuf, std::process::Output) {
    let dataset = build_case(case, tmp);
    let dataset = dataset.strip_prefix(tmp).unwrap().to_path_buf();
    let output = hrdraft()
        .current_dir(tmp)
        .arg("check")
        .arg(&dataset)
        .output()
        .unwrap();
    (dataset, output)
}

/// Whether each line of `block` is found in one line of `shown`, the
/// block's lines in consecutive lines.
fn has_block(shown: &[&str], block: &str) -> bool {
    let want: Vec<&str> = block.lines().collect();
    (0..shown.len()).any(|start| {
        want.iter().enumerate().all(|(i, w)| {
            shown
                .get(start + i)
                .is_some_and(|line| line.contains(w.trim_end()))
        })
    })
}

#[test]
fn broken_datasets_are_refused_with_file_line_and_field() {
    let cases_dir = root().join("tests/check");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&cases_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let tmp = tempfile::tempdir().unwrap();
        let (dataset, output) = check_case(case, tmp.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.code() != Some(1) {
            failures.push(format!(
                "{name}: exit status {:?}, expected 1\n{stderr}",
                output.status.code()
            ));
            continue;
        }
        let expect = std::fs::read_to_string(case.join("expect")).unwrap();
        let shown: Vec<&str> = stderr.lines().collect();
        for block in expect
            .split("\n\n")
            .map(str::trim)
            .filter(|b| !b.is_empty())
        {
            if !has_block(&shown, block) {
                failures.push(format!("{name}: missing\n{block}\nin:\n{stderr}"));
            }
        }
        // JSON output carries the same findings.
        let json = hrdraft()
            .current_dir(tmp.path())
            .args(["check", "--json"])
            .arg(&dataset)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        if report["valid"] != false || report["findings"].as_array().is_none_or(|f| f.is_empty()) {
            failures.push(format!(
                "{name}: --json did not report the problem: {report}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_minimal_fixture_is_valid() {
    let output = hrdraft()
        .args(["check", "--json"])
        .arg(root().join("tests/fixtures/minimal"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["summary"]["recommendations"], 2);
    assert_eq!(report["summary"]["assessments"], 1);
    assert_eq!(report["summary"]["questions"], 1);
}

#[test]
fn schema_describes_every_file() {
    for file in ["country.toml", "upr.toml", "treaties.toml", "dataset"] {
        let output = hrdraft().args(["schema", file]).output().unwrap();
        assert!(output.status.success(), "{file}");
        let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(schema["properties"].is_object(), "{file}: {schema}");
    }
    let upr: serde_json::Value = serde_json::from_slice(
        &hrdraft()
            .args(["schema", "upr.toml"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let text = upr.to_string();
    assert!(text.contains("\"partially\""), "levels are enumerated");
    let bad = hrdraft().args(["schema", "nope.toml"]).output().unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("the dataset files are"));
}

#[test]
fn the_kazakhstan_example_is_valid_and_complete() {
    let output = hrdraft()
        .args(["check", "--json"])
        .arg(root().join("examples/kazakhstan"))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    assert_eq!(report["valid"], true);
    let s = &report["summary"];
    assert_eq!(s["recommendations"], 129);
    assert_eq!(s["treaties"], 18);
    assert_eq!(s["questions"], 11);
    assert_eq!(s["cycles"], 1);
    assert!(s["assessments"].as_u64().unwrap() >= 120);
    assert!(s["pledges"].as_u64().unwrap() >= 6);
    assert!(s["reprisal_cases"].as_u64().unwrap() >= 2);
    assert_eq!(report["errors"], 0);
}

/// A dataset whose assessment round contradicts its own counts is valid,
/// with a warning for each count (`tests/check-warnings/`, built as the
/// broken cases are): the MIA would otherwise say "The State under Review
/// did not participate" above the State's responses; counts of those that
/// responded above those contacted; an MIA dated before the round it
/// reports, which would show no responses; an open letter dated before the
/// pledges, which would say there are none; and an issue or theme a letter
/// from UPR Info's, which would be filed apart.
#[test]
fn counts_that_contradict_the_rounds_assessments_are_warned_of() {
    // Every case in the directory, so that none is left untested.
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/check-warnings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    for name in &names {
        let case = root().join("tests/check-warnings").join(name);
        let tmp = tempfile::tempdir().unwrap();
        let (_, output) = check_case(&case, tmp.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
        let shown: Vec<&str> = stderr.lines().collect();
        let expect = std::fs::read_to_string(case.join("expect")).unwrap();
        for block in expect
            .split("\n\n")
            .map(str::trim)
            .filter(|b| !b.is_empty())
        {
            assert!(
                has_block(&shown, block),
                "{name}: missing\n{block}\nin:\n{stderr}"
            );
        }
    }
}

/// docs/dataset.md lists every issue of UPR Info's sections exactly as the
/// MIA files it, so that a user can write them without reading the code.
#[test]
fn the_dataset_guide_lists_every_issue_of_the_default_sections() {
    let guide = std::fs::read_to_string(root().join("docs/dataset.md")).unwrap();
    for (section, issues) in hrdraft_plugin_iri::DEFAULT_THEMES {
        for issue in *issues {
            assert!(
                guide.contains(&format!("`{issue}`")),
                "docs/dataset.md does not list {issue:?} ({section})"
            );
        }
    }
}
