//! The plugin on an example dataset, run as hrdraft runs it (the SDK's
//! testing kit), against its golden output. The host's test suite checks
//! that `hrdraft plugins run` gives the same (tests/testsuite/plugin_golden.rs).

use hrdraft_sdk::{testing, Options};

#[test]
fn valdoria_mia_report_matches_its_golden_output() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let dataset = testing::load_dataset(format!("{root}/examples/valdoria"))
        .unwrap_or_else(|e| panic!("{e}"));
    // What hrdraft gives the plugin for this document.
    let options = Options::new()
        .with("as_of", "2026-10-15")
        .with("lang", "en")
        .with("template", "mia-report");
    let out = testing::run(|| hrdraft_plugin_iri::Iri, &dataset, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    testing::assert_golden(
        &out,
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/valdoria-mia-report.json"
        ),
    );
}
