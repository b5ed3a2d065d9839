//! A template's plugins run at once, yet the context and the error reported follow the manifest's order.
#![cfg(unix)] // The plugins here are shell scripts.

use std::path::{Path, PathBuf};

use hrdraft::pipeline::{Pipeline, Request};
use hrdraft::plugin_host::{DiscoverOptions, Registry};
use hrdraft::template::TemplateSet;
use serde_json::{json, Map};

/// A command plugin named `name` that runs `run` when asked for findings.
fn command_plugin(dir: &Path, name: &str, run: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let describe = format!(
        r#"{{"name":"{name}","version":"1.0.0","description":"A test plugin","sections":["upr"]}}"#
    );
    let path = dir.join(format!("hrdraft-plugin-{name}"));
    let body = format!(
        "#!/bin/sh\nif [ \"$1\" = describe ]; then echo '{describe}'; exit 0; fi\ncat >/dev/null\n{run}\n"
    );
    std::fs::write(&path, body).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

/// A drafter whose one extra template, `two`, runs `first` then `second`.
fn drafter(first: &str, second: &str) -> (tempfile::TempDir, Pipeline) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let plugins = dir.path().join("plugins");
    let template = dir.path().join("templates/two");
    std::fs::create_dir_all(&plugins).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(&template).unwrap_or_else(|e| panic!("{e}"));
    // `first` is the slower one, so that it finishes after `second` has.
    command_plugin(&plugins, "first", &format!("sleep 0.3\n{first}"));
    command_plugin(&plugins, "second", second);
    std::fs::write(
        template.join("template.toml"),
        r#"name = "two"
title = "Two plugins"
description = "Shows what two plugins found."
body = "body.md.hbs"
plugins = ["first", "second"]
languages = ["en"]
"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        template.join("body.md.hbs"),
        "First {{plugins.first.n}}, second {{plugins.second.n}}, for {{dataset.country.name}}.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut templates = TemplateSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    templates
        .add_dir(&dir.path().join("templates"))
        .unwrap_or_else(|e| panic!("{e}"));
    let registry = Registry::discover(&DiscoverOptions {
        extra: vec![],
        dirs: vec![plugins],
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let drafter = Pipeline::new(templates, registry).unwrap_or_else(|e| panic!("{e}"));
    (dir, drafter)
}

fn request() -> Request<'static> {
    Request {
        template: "two",
        lang: None,
        vars: Map::new(),
        as_of: None,
        review: None,
        file_for: None,
    }
}

fn kazakhstan() -> hrdraft::sdk::Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kazakhstan");
    hrdraft::dataset::load(&dir)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .dataset
}

#[test]
fn outputs_land_in_the_manifests_order_whichever_finishes_first() {
    let (_dir, drafter) = drafter(r#"echo '{"n": 1}'"#, r#"echo '{"n": 2}'"#);
    let dataset = kazakhstan();
    let context = drafter
        .context(&dataset, &request())
        .unwrap_or_else(|e| panic!("{e}"))
        .json;
    let plugins = context["plugins"]
        .as_object()
        .unwrap_or_else(|| panic!("no plugins in {context}"));
    let names: Vec<&str> = plugins.keys().map(String::as_str).collect();
    assert_eq!(names, ["first", "second"]);
    assert_eq!(context["plugins"]["first"], json!({ "n": 1 }));
    assert_eq!(context["plugins"]["second"], json!({ "n": 2 }));
    // The dataset built beside the plugins is the dataset.
    assert_eq!(context["dataset"]["country"]["name"], "Kazakhstan");
    let drafted = drafter
        .draft(&dataset, &request())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        drafted
            .markdown
            .contains("First 1, second 2, for Kazakhstan."),
        "{}",
        drafted.markdown
    );
}

#[test]
fn the_first_failure_in_the_manifest_is_the_one_reported() {
    // `second` fails at once; `first` fails later, but comes first in the manifest.
    let (_dir, drafter) = drafter(
        "echo 'first broke' >&2; exit 1",
        "echo 'second broke' >&2; exit 1",
    );
    let e = drafter
        .context(&kazakhstan(), &request())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("plugin `first` failed"), "{e}");
    assert!(e.contains("first broke"), "{e}");
    assert!(!e.contains("second"), "{e}");
}
