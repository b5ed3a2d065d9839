//! External-command plugins: the Python example in examples/plugins, run through the host.
#![cfg(unix)] // The example is a script with a shebang line.

use std::path::PathBuf;

use hrdraft::plugin_host::{DiscoverOptions, PluginKind, Registry};
use hrdraft::sdk::{Dataset, Options};
use serde_json::json;

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/plugins")
}

fn dataset() -> Dataset {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/datasets/testland.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn registry() -> Registry {
    Registry::discover(&DiscoverOptions {
        extra: vec![],
        dirs: vec![examples_dir()],
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_python_example_is_found_in_a_plugin_directory_and_described() {
    let reg = registry();
    let info = reg
        .get("stakeholder-activity")
        .unwrap_or_else(|| panic!("the example plugin was not found"));
    assert_eq!(info.kind, PluginKind::Command);
    assert_eq!(info.version, "0.1.0");
    assert_eq!(
        info.origin,
        Some(examples_dir().join("hrdraft-plugin-stakeholder-activity"))
    );
    assert!(info
        .description
        .starts_with("What each stakeholder contributed"));
}

#[test]
fn the_python_example_counts_what_each_stakeholder_assessed() {
    let out = registry()
        .run("stakeholder-activity", &dataset(), &Options::new())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out["cycle"], 1);
    assert_eq!(
        out["stakeholders"][0],
        json!({
            "abbreviation": "KIHRRLC", "name": "Testland International Bureau", "kind": "ngo",
            "recommendations": 4,
            "levels": { "not": 4, "partially": 0, "fully": 0, "none": 0 },
            "comment_words": 12
        })
    );
    assert_eq!(out["stakeholders"][1]["levels"]["none"], 1);
    assert_eq!(out["silent"], json!([]));
}

#[test]
fn the_python_example_reports_a_bad_option_on_stderr() {
    let path = examples_dir().join("hrdraft-plugin-stakeholder-activity");
    let e = registry()
        .run(
            "stakeholder-activity",
            &dataset(),
            &Options::new().with("cycle", 3),
        )
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e,
        Some(format!(
            "plugin `stakeholder-activity` ({}) exited with exit status 1:\noption `cycle` asks for UPR cycle 3, but the dataset records only cycle(s) 1",
            path.display()
        ))
    );
}
