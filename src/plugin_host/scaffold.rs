//! Writing a new plugin crate that builds and loads on the first try (`hrdraft new plugin`).

use std::path::{Path, PathBuf};

use hrdraft_sdk::is_plugin_name;

/// How the new crate depends on `hrdraft-sdk`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SdkDependency {
    /// A local checkout of the SDK (`plugins/sdk` of an hrdraft source tree).
    Path(PathBuf),
    /// A published version ("0.1").
    Version(String),
}

/// Why a plugin crate could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The name is not a plugin name.
    #[error("`{0}` is not a valid plugin name: use lower-case ASCII letters, digits and hyphens, e.g. `word-count`")]
    BadName(String),
    /// The directory already has files.
    #[error("{} already exists and is not empty; choose a new directory", .0.display())]
    Exists(PathBuf),
    /// Writing failed.
    #[error("could not write {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Write a ready-to-build plugin crate `hrdraft-plugin-<name>` into `dir`:
/// a `Cargo.toml` (rlib + cdylib, `panic = "unwind"`), a `Plugin` impl
/// exported with `export_plugin!`, and a test.
pub fn scaffold_plugin(dir: &Path, name: &str, sdk: &SdkDependency) -> Result<(), ScaffoldError> {
    if !is_plugin_name(name) {
        return Err(ScaffoldError::BadName(name.into()));
    }
    if dir.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        return Err(ScaffoldError::Exists(dir.to_owned()));
    }
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| ScaffoldError::Io { path, source }
    };
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(io(&src))?;
    let files = [
        (dir.join("Cargo.toml"), cargo_toml(name, sdk)),
        (src.join("lib.rs"), lib_rs(name)),
        (dir.join(".gitignore"), "/target\n".to_owned()),
    ];
    for (path, text) in files {
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    Ok(())
}

/// The Rust type name for a plugin name ("word-count" → "WordCount").
fn type_name(name: &str) -> String {
    let mut out = String::new();
    for part in name.split('-').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "Plugin");
    }
    out
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn cargo_toml(name: &str, sdk: &SdkDependency) -> String {
    let sdk = match sdk {
        SdkDependency::Path(p) => format!("{{ path = {} }}", toml_string(&p.to_string_lossy())),
        SdkDependency::Version(v) => toml_string(v),
    };
    format!(
        r#"[package]
name = "hrdraft-plugin-{name}"
version = "0.1.0"
edition = "2021"
description = "The {name} plugin for hrdraft."
publish = false

[lib]
# cdylib: the plugin library hrdraft loads (`hrdraft --plugin target/debug/lib…`);
# rlib: for the tests below.
crate-type = ["rlib", "cdylib"]

[dependencies]
hrdraft-sdk = {sdk}
serde_json = "1"

# A panic must unwind, so that the export macro can catch it and report it as
# an error; with panic = "abort" a bug in the plugin would end hrdraft itself.
[profile.dev]
panic = "unwind"

[profile.release]
panic = "unwind"

# A crate of its own, even when created inside another project's directory.
[workspace]
"#
    )
}

fn lib_rs(name: &str) -> String {
    let ty = type_name(name);
    format!(
        r#"//! The `{name}` plugin for hrdraft: counts the UPR recommendations by response.
//!
//! Its output joins the template context as `plugins.{name}`. Build the
//! library with `cargo build`; hrdraft loads `target/debug/libhrdraft_plugin_*`
//! given with `--plugin`, or from a `plugins.d` directory.

use hrdraft_sdk::{{Dataset, Error, Options, Plugin, Response, Section}};
use serde_json::{{json, Value}};

/// The plugin.
pub struct {ty};

impl Plugin for {ty} {{
    fn name(&self) -> &str {{
        "{name}"
    }}

    fn version(&self) -> &str {{
        env!("CARGO_PKG_VERSION")
    }}

    fn description(&self) -> &str {{
        "Counts the UPR recommendations by response"
    }}

    fn sections(&self) -> Vec<Section> {{
        vec![Section::Upr]
    }}

    fn run(&self, dataset: &Dataset, options: &Options) -> Result<Value, Error> {{
        let cycle = options.u32("cycle")?;
        let recommendations: Vec<_> = dataset
            .upr
            .recommendations
            .iter()
            .filter(|r| cycle.is_none_or(|c| r.cycle == c))
            .collect();
        let accepted = recommendations
            .iter()
            .filter(|r| r.response == Response::Accepted)
            .count();
        Ok(json!({{
            "recommendations": recommendations.len(),
            "accepted": accepted,
            "noted": recommendations.len() - accepted,
        }}))
    }}
}}

hrdraft_sdk::export_plugin!({ty});

#[cfg(test)]
mod tests {{
    use super::*;

    #[test]
    fn counts_recommendations_by_response() {{
        let rec = |number: u32, response: &str| {{
            json!({{
                "number": number, "cycle": 1, "text": "Ratify the OP-CAT",
                "recommending_state": "Chile", "response": response
            }})
        }};
        let dataset: Dataset = serde_json::from_value(json!({{
            "country": {{ "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" }},
            "upr": {{ "recommendations": [rec(1, "accepted"), rec(2, "noted"), rec(3, "accepted")] }}
        }}))
        .expect("the test dataset is valid");
        let out = {ty}.run(&dataset, &Options::new()).expect("the plugin runs");
        assert_eq!(out, json!({{ "recommendations": 3, "accepted": 2, "noted": 1 }}));
    }}
}}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_camel_case() {
        assert_eq!(type_name("word-count"), "WordCount");
        assert_eq!(type_name("iri"), "Iri");
        assert_eq!(type_name("2nd-cycle"), "Plugin2ndCycle");
    }

    #[test]
    fn paths_are_quoted_for_toml() {
        assert_eq!(toml_string(r#"C:\a "b""#), r#""C:\\a \"b\"""#);
    }

    #[test]
    fn bad_names_and_full_directories_are_refused() {
        let dir = std::env::temp_dir();
        let e = scaffold_plugin(&dir, "Word Count", &SdkDependency::Version("0.1".into()));
        assert!(matches!(e, Err(ScaffoldError::BadName(_))));
    }
}
