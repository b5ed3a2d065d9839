//! Plugin libraries: the built-ins built as cdylibs answer exactly as when linked in,
//! and broken libraries are clear errors the host survives.
//!
//! The libraries are built with cargo into this worktree's target directory
//! (once per test run), so deps are not rebuilt.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use hrdraft::plugin_host::{DiscoverOptions, PluginError, PluginKind, Registry};
use hrdraft::sdk::{Dataset, Options};
use serde_json::json;

use crate::support::profile_dir;

const LIBRARIES: &[&str] = &[
    "hrdraft-plugin-iri",
    "hrdraft-plugin-pledge-gap",
    "hrdraft-plugin-reprisals",
    "hrdraft-plugin-questions",
    "hrdraft-test-plugin-faulty",
    "hrdraft-test-plugin-old-abi",
    "hrdraft-test-plugin-not-a-plugin",
    "hrdraft-test-plugin-bad-json",
];

/// Build the plugin libraries, once for all tests here.
fn built() {
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    let result = BUILT.get_or_init(|| {
        let profile = profile_dir();
        let target = profile.parent().unwrap_or(&profile).to_owned();
        let mut cmd = Command::new(env!("CARGO"));
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("build")
            .arg("--offline")
            .arg("--target-dir")
            .arg(&target);
        if profile.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        // Selected alone, the plugin crates build without the `builtin`
        // feature, so their libraries carry the C ABI exports.
        for p in LIBRARIES {
            cmd.args(["-p", p]);
        }
        let out = cmd
            .output()
            .map_err(|e| format!("could not run cargo: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    });
    if let Err(e) = result {
        panic!("building the plugin libraries failed:\n{e}");
    }
}

fn library(package: &str) -> PathBuf {
    built();
    profile_dir().join(format!(
        "{}{}{}",
        std::env::consts::DLL_PREFIX,
        package.replace('-', "_"),
        std::env::consts::DLL_SUFFIX
    ))
}

fn dataset() -> Dataset {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/datasets/testland.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load(path: &Path) -> Result<Registry, PluginError> {
    let mut reg = Registry::empty();
    reg.add_path(path)?;
    Ok(reg)
}

fn err_text<T>(r: Result<T, PluginError>) -> String {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn each_builtin_built_as_a_library_answers_as_the_linked_in_one() {
    let ds = dataset();
    let builtin = Registry::builtin();
    for (package, name, options) in [
        ("hrdraft-plugin-iri", "iri", Options::new()),
        (
            "hrdraft-plugin-iri",
            "iri",
            Options::new().with("include_state", false),
        ),
        ("hrdraft-plugin-pledge-gap", "pledge-gap", Options::new()),
        ("hrdraft-plugin-reprisals", "reprisals", Options::new()),
        (
            "hrdraft-plugin-questions",
            "questions",
            Options::new().with("suggest", true),
        ),
    ] {
        let path = library(package);
        let reg = load(&path).unwrap_or_else(|e| panic!("{e}"));
        let info = reg
            .get(name)
            .unwrap_or_else(|| panic!("{name} not in {}", path.display()));
        assert_eq!(info.kind, PluginKind::Library);
        assert_eq!(info.origin.as_deref(), Some(path.as_path()));
        assert_eq!(
            Some(info.clone()).map(|i| i.version),
            builtin.get(name).map(|i| i.version)
        );
        let from_library = reg
            .run(name, &ds, &options)
            .unwrap_or_else(|e| panic!("{e}"));
        let linked = builtin
            .run(name, &ds, &options)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            from_library, linked,
            "{name} differs between library and built-in"
        );
    }
    // The output is real: the clustered recommendations 5 and 57 of the fixture.
    let iri = builtin
        .run("iri", &ds, &Options::new())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(iri["themes"][0]["clusters"][2]["numbers"], json!([5, 57]));
    assert_eq!(
        iri["totals"],
        json!({ "not": 2, "partially": 2, "fully": 0, "no_answer": 1, "no_level": 1, "total": 6 })
    );
}

#[test]
fn the_reprisals_library_ships_its_partial() {
    let reg = load(&library("hrdraft-plugin-reprisals")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reg.partials(), Registry::builtin().partials());
}

#[test]
fn a_library_with_a_builtin_name_clashes_naming_both() {
    let path = library("hrdraft-plugin-iri");
    let e = err_text(Registry::discover(&DiscoverOptions {
        extra: vec![path.clone()],
        dirs: vec![],
    }));
    assert_eq!(
        e,
        format!(
            "two plugins are named `iri`: built-in and {}; remove or rename one of them",
            path.display()
        )
    );
}

#[test]
fn a_plugin_directory_is_searched() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let copy = dir
        .path()
        .join(format!("faulty.{}", std::env::consts::DLL_EXTENSION));
    std::fs::copy(library("hrdraft-test-plugin-faulty"), &copy).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("README.md"), "notes").unwrap_or_else(|e| panic!("{e}"));
    let reg = Registry::discover(&DiscoverOptions {
        extra: vec![],
        dirs: vec![dir.path().to_owned()],
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = reg.list().into_iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        ["iri", "pledge-gap", "reprisals", "questions", "faulty"]
    );
    let out = reg
        .run("faulty", &dataset(), &Options::new())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out, json!({ "country": "Testland" }));
}

#[test]
fn a_panic_in_run_is_an_error_and_the_host_survives() {
    let path = library("hrdraft-test-plugin-faulty");
    let reg = load(&path).unwrap_or_else(|e| panic!("{e}"));
    let ds = dataset();
    let e = err_text(reg.run("faulty", &ds, &Options::new().with("mode", "panic")));
    assert_eq!(
        e,
        format!(
            "plugin `faulty` ({}) panicked: the faulty plugin was told to panic; this is a bug in the plugin, please report it to its authors",
            path.display()
        )
    );
    let e = err_text(reg.run("faulty", &ds, &Options::new().with("mode", "error")));
    assert_eq!(
        e,
        format!(
            "plugin `faulty` ({}) failed: the faulty plugin was told to fail",
            path.display()
        )
    );
    // Still alive, and the library still answers.
    let out = reg
        .run("faulty", &ds, &Options::new())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out, json!({ "country": "Testland" }));
}

#[test]
fn a_library_built_for_another_abi_version_is_refused() {
    let path = library("hrdraft-test-plugin-old-abi");
    assert_eq!(
        err_text(load(&path)),
        format!(
            "plugin library {} was built for plugin ABI version 999, but this hrdraft speaks version 1; rebuild the plugin against hrdraft-sdk {}",
            path.display(),
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn a_library_that_is_not_a_plugin_is_refused() {
    let path = library("hrdraft-test-plugin-not-a-plugin");
    let e = err_text(load(&path));
    let start = format!(
        "{} is not an hrdraft plugin library: it does not export `hrdraft_plugin_abi_version` (",
        path.display()
    );
    assert!(e.starts_with(&start), "{e}");
    // The loader's own words, not libloading's bare "dlsym failed".
    assert!(
        e.contains("undefined symbol: hrdraft_plugin_abi_version"),
        "{e}"
    );
    assert!(e.ends_with("a plugin crate calls `hrdraft_sdk::export_plugin!` and is built with `cargo build -p <its package>`"), "{e}");
}

#[test]
fn a_file_that_is_not_a_library_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir
        .path()
        .join(format!("libfake.{}", std::env::consts::DLL_EXTENSION));
    std::fs::write(&path, "this is a text file, not a library").unwrap_or_else(|e| panic!("{e}"));
    let e = err_text(load(&path));
    assert!(
        e.starts_with(&format!(
            "could not load plugin library {}: ",
            path.display()
        )),
        "{e}"
    );
    assert!(!e.contains("dlopen failed"), "{e}");
    assert!(e.contains("libfake"), "{e}");
}

#[test]
fn a_missing_library_is_named() {
    let path = profile_dir().join("libno_such_plugin.so");
    assert_eq!(
        err_text(load(&path)),
        format!(
            "plugin file {} does not exist; check the path given with --plugin",
            path.display()
        )
    );
}

#[test]
fn invalid_json_from_a_library_is_an_error() {
    let path = library("hrdraft-test-plugin-bad-json");
    let reg = load(&path).unwrap_or_else(|e| panic!("{e}"));
    let e = err_text(reg.run("bad-json", &dataset(), &Options::new()));
    assert_eq!(
        e,
        format!(
            "plugin `bad-json` ({}) answered with invalid JSON: expected ident at line 1 column 9 in an answer starting `{{\"ok\": this is not JSON`",
            path.display()
        )
    );
}
