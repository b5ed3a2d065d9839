//! `hrdraft new plugin`: a scaffolded plugin crate builds, passes its own test and loads.
//!
//! Slow (a cargo build and test of a new crate, about 10-60 s): it shares
//! this worktree's target directory and lock file so dependencies are not
//! rebuilt or re-resolved.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use hrdraft::plugin_host::{scaffold_plugin, PluginKind, Registry, SdkDependency};
use hrdraft::sdk::{Dataset, Options};
use serde_json::json;

use crate::support::profile_dir;

fn cargo(dir: &Path, args: &[&str], target: &Path) {
    let out = Command::new(env!("CARGO"))
        .current_dir(dir)
        .args(args)
        .arg("--offline")
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap_or_else(|e| panic!("could not run cargo: {e}"));
    assert!(
        out.status.success(),
        "cargo {args:?} failed in the scaffolded crate:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "slow: .ci/run runs it; cargo test --test testsuite slow_ -- --ignored"]
fn slow_a_scaffolded_plugin_builds_tests_and_loads_on_the_first_try() {
    let started = Instant::now();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("hrdraft-plugin-scaffold-check");
    scaffold_plugin(
        &dir,
        "scaffold-check",
        &SdkDependency::Path(root.join("plugins/sdk")),
    )
    .unwrap_or_else(|e| panic!("{e}"));

    // A second scaffold into the same place is refused.
    let again = scaffold_plugin(
        &dir,
        "scaffold-check",
        &SdkDependency::Version("0.1".into()),
    );
    assert_eq!(
        again.err().map(|e| e.to_string()),
        Some(format!(
            "{} already exists and is not empty; choose a new directory",
            dir.display()
        ))
    );

    // The workspace's lock file pins the same dependency versions, so the
    // shared target directory already holds them.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .unwrap_or_else(|e| panic!("{e}"));
    let profile = profile_dir();
    let target = profile.parent().unwrap_or(&profile).to_owned();
    cargo(&dir, &["test", "--quiet"], &target);
    cargo(&dir, &["build", "--quiet"], &target);

    let library = target.join("debug").join(format!(
        "{}hrdraft_plugin_scaffold_check{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    let mut reg = Registry::empty();
    reg.add_path(&library).unwrap_or_else(|e| panic!("{e}"));
    let info = reg
        .get("scaffold-check")
        .unwrap_or_else(|| panic!("not registered"));
    assert_eq!(info.kind, PluginKind::Library);
    assert_eq!(info.version, "0.1.0");

    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/datasets/testland.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    let dataset: Dataset = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let out = reg
        .run("scaffold-check", &dataset, &Options::new())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        out,
        json!({ "recommendations": 6, "accepted": 4, "noted": 2 })
    );
    // `plugins install` builds the crate (release) and installs its library.
    let config = tmp.path().join("config");
    let out = crate::support::hrdraft()
        .args(["plugins", "install"])
        .arg(&dir)
        .env("XDG_CONFIG_HOME", &config)
        .env("CARGO_TARGET_DIR", &target)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "plugins install: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("installed `scaffold-check` 0.1.0"),
        "{stdout}"
    );
    let installed = config.join("hrdraft/plugins").join(format!(
        "{}hrdraft_plugin_scaffold_check{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    assert!(installed.is_file(), "{}", installed.display());
    let listed = crate::support::hrdraft()
        .arg("plugins")
        .env("XDG_CONFIG_HOME", &config)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let listed = String::from_utf8_lossy(&listed.stdout);
    let line = listed
        .lines()
        .find(|l| l.starts_with("scaffold-check "))
        .unwrap_or_else(|| panic!("not listed:\n{listed}"));
    assert!(!line.contains("debug build"), "a release build: {line}");

    eprintln!(
        "scaffold, build, test, load and install took {:?}",
        started.elapsed()
    );
}
