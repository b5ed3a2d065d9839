//! The plugin on an example dataset, run as hrdraft runs it (the SDK's
//! testing kit), against its golden output. The host's test suite checks
//! that `hrdraft plugins run` gives the same (tests/testsuite/plugin_golden.rs).

use hrdraft_sdk::{testing, Options};

#[test]
fn norvania_open_letter_matches_its_golden_output() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let dataset = testing::load_dataset(format!("{root}/examples/norvania"))
        .unwrap_or_else(|e| panic!("{e}"));
    // What hrdraft gives the plugin for this document.
    let options = Options::new()
        .with("as_of", "2019-09-24")
        .with("lang", "en")
        .with("template", "open-letter");
    let out = testing::run(|| hrdraft_plugin_pledge_gap::PledgeGap, &dataset, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    testing::assert_golden(
        &out,
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/norvania-open-letter.json"
        ),
    );
}
