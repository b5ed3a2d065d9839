//! What a plugin is promised: `plugins run` gives it the input a drafted
//! document gives, its fields win over helpers of the same name, and what it
//! returned is named when a template cannot find a value in it.
#![cfg(unix)] // The plugins here are shell scripts.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

fn hrdraft(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    crate::support::hrdraft()
        .current_dir(dir)
        .args(args)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .display()
        .to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A command plugin `hrdraft-plugin-<name>` in `dir` whose `run` is `run`.
fn command_plugin(dir: &Path, name: &str, run: &str) -> PathBuf {
    let path = dir.join(format!("hrdraft-plugin-{name}"));
    let describe = format!(
        "echo '{{\"name\":\"{name}\",\"version\":\"1.0.0\",\"description\":\"A test plugin\",\"sections\":[]}}'"
    );
    std::fs::write(
        &path,
        format!("#!/bin/sh\ncase \"$1\" in\n  describe) {describe} ;;\n  run) {run} ;;\nesac\n"),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A template `memo` in `dir/tpl` running `plugin`, with this body.
fn memo(dir: &Path, plugin: &str, body: &str) {
    let t = dir.join("tpl/memo");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("template.toml"),
        format!(
            "name = \"memo\"\ntitle = \"Memo\"\ndescription = \"A memo\"\nbody = \"body.md.hbs\"\n\
             plugins = [\"{plugin}\"]\nlanguages = [\"en\", \"ru\"]\n"
        ),
    )
    .unwrap();
    std::fs::write(t.join("body.md.hbs"), body).unwrap();
}

/// A plugin that answers with the options it was given.
const ECHO_OPTIONS: &str = "sed -n 's/.*\"options\":\\({[^}]*}\\)}$/\\1/p'";

#[test]
fn plugins_run_gives_the_options_a_drafted_document_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let plugin = command_plugin(dir, "echo", ECHO_OPTIONS);
    let plugin = plugin.to_str().unwrap();
    memo(
        dir,
        "echo",
        "{{plugins.echo.as_of}} {{plugins.echo.lang}} {{plugins.echo.template}}\n",
    );
    let ds = example("norvania");
    for lang in ["en", "ru"] {
        let out = hrdraft(
            dir,
            &[
                "render",
                &ds,
                "-t",
                "memo",
                "--lang",
                lang,
                "-f",
                "md",
                "-o",
                "out",
                "--templates",
                "tpl",
                "--plugin",
                plugin,
            ],
            &[],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let render = std::fs::read_to_string(dir.join("out/norvania/memo.md")).unwrap();
        // The flags after the positional arguments, as the docs write them.
        let run = hrdraft(
            dir,
            &[
                "plugins",
                "run",
                "echo",
                &ds,
                "-t",
                "memo",
                "--lang",
                lang,
                "--templates",
                "tpl",
                "--plugin",
                plugin,
            ],
            &[],
        );
        assert!(run.status.success(), "{}", text(&run.stderr));
        let options: Value = serde_json::from_slice(&run.stdout).unwrap();
        let as_of = options["as_of"].as_str().unwrap();
        assert_eq!(options["lang"], lang);
        assert_eq!(options["template"], "memo");
        assert_eq!(render.trim(), format!("{as_of} {lang} memo"));
    }
}

#[test]
fn plugins_run_takes_the_date_of_the_first_template_naming_the_plugin() {
    let tmp = tempfile::tempdir().unwrap();
    let ds = example("kazakhstan");
    let run = hrdraft(tmp.path(), &["plugins", "run", "iri", &ds, "-v"], &[]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    // The MIA is the first built-in template that runs `iri`.
    let context = hrdraft(tmp.path(), &["context", &ds, "-t", "mia-report"], &[]);
    assert!(context.status.success(), "{}", text(&context.stderr));
    let context: Value = serde_json::from_slice(&context.stdout).unwrap();
    let run_out: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(run_out, context["plugins"]["iri"]);
    let date = context["document"]["date"].as_str().unwrap();
    assert!(
        text(&run.stderr).contains(&format!(
            "plugin `iri` runs with options {{\"as_of\":\"{date}\",\"lang\":\"en\",\"template\":\"mia-report\"}}"
        )),
        "{}",
        text(&run.stderr)
    );
}

#[test]
fn a_plugin_field_wins_over_a_helper_of_the_same_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let plugin = command_plugin(
        dir,
        "tally",
        "cat >/dev/null; echo '{\"count\": 1, \"items\": [\"a\", \"b\"]}'",
    );
    memo(
        dir,
        "tally",
        "{{#with plugins.[tally]}}Count: {{count}}; items: {{count items}}{{/with}}\n",
    );
    let out = hrdraft(
        dir,
        &[
            "render",
            &example("kazakhstan"),
            "-t",
            "memo",
            "-f",
            "md",
            "-o",
            "out",
            "--templates",
            "tpl",
            "--plugin",
            plugin.to_str().unwrap(),
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = std::fs::read_to_string(dir.join("out/kazakhstan/memo.md")).unwrap();
    assert_eq!(md.trim(), "Count: 1; items: 2");
}

#[test]
fn a_plugin_returning_null_or_nothing_is_named_as_such() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    memo(dir, "empty", "Total: {{plugins.empty.total}}\n");
    for (answer, said) in [
        (
            "null",
            "`plugins.empty.total`: plugin `empty` returned null, not an object with `total`",
        ),
        (
            "{}",
            "`plugins.empty.total`: plugin `empty` returned an empty object `{}`, with no `total`",
        ),
        (
            "{\"sum\": 3}",
            "`plugins.empty.total`: plugin `empty` has no `total`; it has `sum`",
        ),
    ] {
        let plugin = command_plugin(dir, "empty", &format!("cat >/dev/null; echo '{answer}'"));
        let out = hrdraft(
            dir,
            &[
                "render",
                &example("kazakhstan"),
                "-t",
                "memo",
                "-f",
                "md",
                "-o",
                "out",
                "--templates",
                "tpl",
                "--plugin",
                plugin.to_str().unwrap(),
            ],
            &[],
        );
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(err.contains(said), "{answer}: {err}");
        assert!(!err.contains("missing from the context"), "{err}");
        assert!(
            err.contains(
                "`hrdraft plugins run empty DATASET -t memo` prints what the plugin returns"
            ),
            "{err}"
        );
    }
}

#[test]
fn the_documented_plugins_run_example_works() {
    // docs/plugins.md: hrdraft plugins run stakeholder-activity examples/kazakhstan --plugin …
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = hrdraft(
        root,
        &[
            "plugins",
            "run",
            "stakeholder-activity",
            "examples/kazakhstan",
            "--plugin",
            "examples/plugins/hrdraft-plugin-stakeholder-activity",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["cycle"], 1, "{value}");
    assert_eq!(
        value["stakeholders"][0]["abbreviation"], "KIHRRLC",
        "{value}"
    );
}
