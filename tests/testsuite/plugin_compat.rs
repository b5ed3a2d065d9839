//! A library plugin built against an older hrdraft-sdk keeps working on a
//! dataset with fields that SDK lacks (docs/plugins.md, "Compatibility").
//!
//! The older SDK is this tree's SDK copied outside the workspace with one
//! optional field (`Upr::themes`) taken out, as it was before themes
//! existed. Slow: the plugin is built twice (about 10-40 s), sharing this
//! worktree's target directory so that dependencies are not rebuilt.

use std::path::{Path, PathBuf};
use std::process::Command;

use hrdraft::plugin_host::{scaffold_plugin, PluginKind, Registry, SdkDependency};
use hrdraft::sdk::{Dataset, Options, Theme};
use serde_json::json;

use crate::support::profile_dir;

/// The field the older SDK lacks, as `plugins/sdk/src/dataset/upr.rs` declares it.
const THEMES_FIELD: &str =
    "    /// The sections an assessment report (the MIA) sets recommendations
    /// in, in order, each with the issues that fall in it. Empty: UPR
    /// Info's sections and order.
    #[serde(default, skip_serializing_if = \"Vec::is_empty\")]
    pub themes: Vec<Theme>,
";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

/// This tree's SDK as version 0.0.1, outside the workspace, without `Upr::themes`.
fn older_sdk(root: &Path, dir: &Path) {
    copy_dir(&root.join("plugins/sdk/src"), &dir.join("src"));
    let manifest = std::fs::read_to_string(root.join("plugins/sdk/Cargo.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    // `rust-version` first: it ends in `version.workspace`.
    let manifest = manifest
        .replace("rust-version.workspace = true", "")
        .replace("version.workspace = true", "version = \"0.0.1\"")
        .replace("edition.workspace = true", "edition = \"2021\"")
        .replace("license.workspace = true", "license = \"Apache-2.0\"");
    assert!(!manifest.contains(".workspace"), "{manifest}");
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap_or_else(|e| panic!("{e}"));

    let upr = dir.join("src/dataset/upr.rs");
    let text = std::fs::read_to_string(&upr).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        text.contains(THEMES_FIELD),
        "upr.rs no longer declares `themes` as this test expects; update THEMES_FIELD"
    );
    std::fs::write(&upr, text.replace(THEMES_FIELD, "")).unwrap_or_else(|e| panic!("{e}"));
}

fn cargo_build(dir: &Path, target: &Path, extra: &[&str]) {
    let out = Command::new(env!("CARGO"))
        .current_dir(dir)
        .args(["build", "--quiet", "--offline"])
        .args(extra)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap_or_else(|e| panic!("could not run cargo: {e}"));
    assert!(
        out.status.success(),
        "cargo build {extra:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Load a copy of `library` named `as_name`: a library is never unloaded,
/// and the dynamic loader would hand back the first build for the same path.
fn load(library: &Path, as_name: &Path) -> Registry {
    std::fs::copy(library, as_name).unwrap_or_else(|e| panic!("{e}"));
    let mut reg = Registry::empty();
    reg.add_path(as_name).unwrap_or_else(|e| panic!("{e}"));
    reg
}

#[test]
#[ignore = "slow: .ci/run runs it; cargo test --test testsuite slow_ -- --ignored"]
fn slow_a_plugin_built_against_an_older_sdk_reads_a_dataset_with_newer_fields() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let sdk = tmp.path().join("hrdraft-sdk-0.0.1");
    older_sdk(&root, &sdk);
    let dir = tmp.path().join("hrdraft-plugin-compat-check");
    scaffold_plugin(&dir, "compat-check", &SdkDependency::Path(sdk))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .unwrap_or_else(|e| panic!("{e}"));
    let profile = profile_dir();
    let target = profile.parent().unwrap_or(&profile).to_owned();
    let library = target.join("debug").join(format!(
        "{}hrdraft_plugin_compat_check{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));

    // A dataset with a field the older SDK does not have.
    let path = root.join("tests/fixtures/datasets/testland.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    let mut dataset: Dataset = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    dataset.upr.themes.push(Theme {
        name: "CP Rights".into(),
        issues: vec!["Torture and other CID treatment".into()],
    });
    let sent = serde_json::to_value(&dataset).unwrap_or_else(|e| panic!("{e}"));
    assert!(sent["upr"]["themes"].is_array(), "the host sends `themes`");

    // Built as plugins are (the SDK's default features): the field is skipped.
    cargo_build(&dir, &target, &[]);
    let copy = |n: &str| {
        tmp.path().join(format!(
            "{n}{}{}",
            std::env::consts::DLL_PREFIX,
            std::env::consts::DLL_SUFFIX
        ))
    };
    let reg = load(&library, &copy("tolerant"));
    let info = reg
        .get("compat-check")
        .unwrap_or_else(|| panic!("not registered"));
    assert_eq!(info.kind, PluginKind::Library);
    assert_eq!(info.sdk_version.as_deref(), Some("0.0.1"));
    assert!(info.debug, "a debug build says so");
    let out = reg
        .run("compat-check", &dataset, &Options::new())
        .unwrap_or_else(|e| panic!("the older plugin failed on the newer dataset: {e}"));
    assert_eq!(
        out,
        json!({ "recommendations": 6, "accepted": 4, "noted": 2 })
    );

    // The same plugin with the SDK's `strict` feature refuses the field,
    // which shows that the run above met it.
    cargo_build(&dir, &target, &["--features", "hrdraft-sdk/strict"]);
    let err = load(&library, &copy("strict"))
        .run("compat-check", &dataset, &Options::new())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("unknown field `themes`"), "{err}");
}
