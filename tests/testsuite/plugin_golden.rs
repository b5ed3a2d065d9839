//! The SDK's testing kit runs a plugin as hrdraft does: each built-in
//! plugin's golden output (written by its own test, `plugins/*/tests/golden.rs`,
//! through `hrdraft_sdk::testing`) is what `hrdraft plugins run` prints for
//! the same dataset and document.

use crate::support::{root, run};

#[test]
fn plugins_run_gives_what_the_testing_kit_gives() {
    let cases = [
        ("iri", "valdoria", "mia-report"),
        ("pledge-gap", "norvania", "open-letter"),
        ("reprisals", "kazakhstan", "open-letter"),
        ("questions", "kazakhstan", "pledging-questions"),
    ];
    for (plugin, dataset, template) in cases {
        let golden = root().join(format!(
            "plugins/{plugin}/tests/golden/{dataset}-{template}.json"
        ));
        let golden: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(&golden)
                .unwrap_or_else(|e| panic!("{}: {e}", golden.display())),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let dir = root().join("examples").join(dataset);
        let out = run(&[
            "plugins",
            "run",
            plugin,
            dir.to_str().unwrap(),
            "-t",
            template,
        ]);
        assert!(
            out.status.success(),
            "{plugin}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let printed: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{plugin}: {e}"));
        assert_eq!(printed, golden, "{plugin} on {dataset} for {template}");
    }
}
