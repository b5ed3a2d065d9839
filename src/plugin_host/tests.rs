//! Tests of discovery, the registry and command plugins (libraries: tests/testsuite/plugin_dylib.rs).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hrdraft_sdk::{Dataset, Options};
use serde_json::json;

use super::*;

fn dataset() -> Dataset {
    let v = json!({
        "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
        "upr": { "recommendations": [
            { "number": 1, "cycle": 1, "text": "Ratify the OP-CAT", "recommending_state": "Chile", "response": "accepted" }
        ]}
    });
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{e}"))
}

/// Write an executable shell script.
#[cfg(unix)]
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

/// A command plugin that describes itself as `name` and runs `run`.
#[cfg(unix)]
fn command_plugin(dir: &Path, name: &str, run: &str) -> PathBuf {
    let describe = format!(
        r#"{{"name":"{name}","version":"1.0.0","description":"A test plugin","sections":["upr"]}}"#
    );
    script(
        dir,
        &format!("hrdraft-plugin-{name}"),
        &format!("if [ \"$1\" = describe ]; then echo '{describe}'; exit 0; fi\n{run}"),
    )
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn err_text<T>(r: Result<T, PluginError>) -> String {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_builtins_are_listed_with_name_version_kind_and_description() {
    let reg = Registry::builtin();
    let names: Vec<String> = reg.list().into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["iri", "pledge-gap", "reprisals", "questions"]);
    let iri = reg.get("iri").unwrap_or_else(|| panic!("iri missing"));
    assert_eq!(iri.kind, PluginKind::BuiltIn);
    assert_eq!(iri.origin_label(), "built-in");
    assert_eq!(iri.version, env!("CARGO_PKG_VERSION"));
    assert!(iri
        .description
        .starts_with("Implementation Recommendation Index"));
    let partials = reg.partials();
    assert_eq!(partials.len(), 1);
    assert_eq!(partials[0].0, "reprisals-section");
    assert!(partials[0].1.contains("{{call}}"));
}

#[test]
fn run_all_gives_each_plugin_its_findings_in_the_order_asked() {
    let reg = Registry::builtin();
    let options = Options::new().with("include_state", false);
    let names = [
        "reprisals".to_owned(),
        "iri".to_owned(),
        "no-such-plugin".to_owned(),
    ];
    let out = reg.run_all(&names, &dataset(), &options, None);
    assert_eq!(out.len(), 3);
    let reprisals = out[0].0.as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reprisals["has_cases"], false);
    let iri = out[1].0.as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(iri["include_state"], false);
    assert_eq!(iri["totals"]["no_answer"], 1);
    let e = out[2].0.as_ref().map(|_| ()).unwrap_err().to_string();
    assert!(
        e.starts_with("there is no plugin named `no-such-plugin`"),
        "{e}"
    );
}

#[test]
fn a_plugin_error_names_the_plugin() {
    let reg = Registry::builtin();
    let e = err_text(reg.run("iri", &dataset(), &Options::new().with("cycle", 7)));
    assert_eq!(
        e,
        "plugin `iri` (built-in) failed: option `cycle` asks for UPR cycle 7, but the dataset records only cycle(s) 1"
    );
}

#[test]
fn an_unknown_name_lists_the_plugins_there_are() {
    let e = err_text(Registry::builtin().run("no-such-plugin", &dataset(), &Options::new()));
    assert!(
        e.starts_with("there is no plugin named `no-such-plugin` (available: iri, pledge-gap, reprisals, questions)"),
        "{e}"
    );
}

#[test]
fn a_missing_plugin_file_is_named() {
    let e = err_text(Registry::discover(&DiscoverOptions {
        extra: vec![PathBuf::from("/no/such/dir/libhrdraft_plugin_x.so")],
        dirs: vec![],
    }));
    assert_eq!(
        e,
        "plugin file /no/such/dir/libhrdraft_plugin_x.so does not exist; check the path given with --plugin"
    );
}

#[test]
fn missing_plugin_directories_are_skipped() {
    let reg = Registry::discover(&DiscoverOptions {
        extra: vec![],
        dirs: vec![PathBuf::from("/no/such/plugins.d")],
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reg.list().len(), 4);
}

#[test]
fn the_user_plugin_directory_follows_xdg() {
    // Read only: tests run in parallel, so the environment is not changed here.
    if let Some(dir) = user_plugin_dir() {
        assert!(dir.ends_with("hrdraft/plugins"), "{}", dir.display());
    }
    assert_eq!(
        DiscoverOptions::default_dirs()[0],
        PathBuf::from("plugins.d")
    );
}

#[cfg(unix)]
mod commands {
    use super::*;

    #[test]
    fn a_command_plugin_gets_the_json_on_stdin_and_answers_on_stdout() {
        let dir = tmp();
        // Echo back the options and the country, proving the input arrived whole.
        command_plugin(
            dir.path(),
            "echo",
            r#"python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"country": d["dataset"]["country"]["name"], "options": d["options"]}))'"#,
        );
        script(dir.path(), "README", "not a plugin, and not named like one");
        let reg = Registry::discover(&DiscoverOptions {
            extra: vec![],
            dirs: vec![dir.path().to_owned()],
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let info = reg.get("echo").unwrap_or_else(|| panic!("not found"));
        assert_eq!(info.kind, PluginKind::Command);
        assert_eq!(info.origin, Some(dir.path().join("hrdraft-plugin-echo")));
        assert_eq!(reg.list().len(), 5);
        let out = reg
            .run("echo", &dataset(), &Options::new().with("x", 1))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out, json!({ "country": "Testland", "options": { "x": 1 } }));
    }

    #[test]
    fn a_name_clash_names_both_origins() {
        let dir = tmp();
        let path = command_plugin(dir.path(), "iri", "echo '{}'");
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
    fn a_non_zero_exit_shows_stderr() {
        let dir = tmp();
        let path = command_plugin(
            dir.path(),
            "fails",
            "echo 'the dataset has no UPR section' >&2; exit 3",
        );
        let reg = discover_one(&path);
        let e = err_text(reg.run("fails", &dataset(), &Options::new()));
        assert_eq!(
            e,
            format!(
                "plugin `fails` ({}) exited with exit status 3:\nthe dataset has no UPR section",
                path.display()
            )
        );
    }

    #[test]
    fn invalid_json_output_is_an_error() {
        let dir = tmp();
        let path = command_plugin(
            dir.path(),
            "garbage",
            "cat > /dev/null; echo 'this is not JSON'",
        );
        let reg = discover_one(&path);
        let e = err_text(reg.run("garbage", &dataset(), &Options::new()));
        assert!(
            e.starts_with(&format!(
                "plugin `garbage` ({}) answered with invalid JSON: ",
                path.display()
            )) && e.ends_with("at line 1 column 2 in an answer starting `this is not JSON`"),
            "{e}"
        );
    }

    #[test]
    fn a_slow_command_is_stopped_at_the_timeout() {
        let dir = tmp();
        let path = command_plugin(dir.path(), "slow", "exec sleep 20");
        let mut reg = discover_one(&path);
        reg.set_command_timeout(Duration::from_millis(300));
        let started = Instant::now();
        let e = err_text(reg.run("slow", &dataset(), &Options::new()));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "took {:?}",
            started.elapsed()
        );
        assert_eq!(
            e,
            format!(
                "plugin `slow` ({}) did not answer within 0.3 s and was stopped; raise the limit with HRDRAFT_PLUGIN_TIMEOUT=<seconds> if it needs longer",
                path.display()
            )
        );
    }

    #[test]
    fn output_beyond_the_cap_is_refused() {
        let dir = tmp();
        let path = command_plugin(dir.path(), "flood", "exec yes");
        let mut reg = discover_one(&path);
        reg.set_output_limit(2 * 1024 * 1024);
        let e = err_text(reg.run("flood", &dataset(), &Options::new()));
        assert_eq!(
            e,
            format!(
                "plugin `flood` ({}) wrote more than 2 MiB to standard output and was stopped; a plugin's findings should be far smaller",
                path.display()
            )
        );
    }

    #[test]
    fn a_file_that_is_no_program_cannot_be_run() {
        let dir = tmp();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "just text").unwrap_or_else(|e| panic!("{e}"));
        let e = err_text(discover_err(&path));
        assert!(
            e.starts_with(&format!(
                "could not run plugin {}: Permission denied",
                path.display()
            )),
            "{e}"
        );
    }

    #[test]
    fn a_bad_description_is_refused() {
        let dir = tmp();
        let path = script(
            dir.path(),
            "hrdraft-plugin-bad",
            r#"echo '{"name":"Bad Name","version":"1","description":""}'"#,
        );
        let e = err_text(discover_err(&path));
        assert_eq!(
            e,
            format!(
                "plugin `hrdraft-plugin-bad` ({}) describes itself wrongly: the plugin name `Bad Name` is not valid: use lower-case ASCII letters, digits and hyphens",
                path.display()
            )
        );
    }

    #[test]
    fn commands_are_found_on_a_search_path() {
        let empty = tmp();
        let dir = tmp();
        let path = command_plugin(dir.path(), "found", "echo '{}'");
        let search =
            std::env::join_paths([empty.path(), dir.path()]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(find_in(&search, "hrdraft-plugin-found"), Some(path));
        assert_eq!(find_in(&search, "hrdraft-plugin-lost"), None);
    }

    fn discover_one(path: &Path) -> Registry {
        discover_err(path).unwrap_or_else(|e| panic!("{e}"))
    }

    fn discover_err(path: &Path) -> Result<Registry, PluginError> {
        Registry::discover(&DiscoverOptions {
            extra: vec![path.to_owned()],
            dirs: vec![],
        })
    }
}
