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
    /// The name is a built-in plugin's.
    #[error(
        "`{0}` is the name of a built-in plugin, which a plugin of that name would replace \
             (with `--plugin`) or clash with; choose another name, or give --force to write \
             a replacement on purpose"
    )]
    BuiltInName(String),
    /// The description cannot be one line of text.
    #[error("the description must be one line of text, without control characters")]
    BadDescription,
    /// The directory already has files.
    #[error("{} already exists and is not empty; choose a new directory", .0.display())]
    Exists(PathBuf),
    /// The example dataset written for the tests could not be read back.
    #[error("the example dataset written for the tests is not valid: {0}")]
    Example(String),
    /// Writing failed.
    #[error("could not write {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// What `hrdraft new plugin` writes.
#[derive(Debug, Clone)]
pub struct NewPlugin<'a> {
    /// The plugin's name.
    pub name: &'a str,
    /// What it finds, as `hrdraft plugins` shows it; `None` for one made
    /// from the name ([`default_description`]).
    pub description: Option<&'a str>,
    /// How the crate depends on `hrdraft-sdk`.
    pub sdk: &'a SdkDependency,
    /// Write it even under a built-in plugin's name.
    pub force: bool,
}

/// A description made from a plugin's name: "treaty-deadlines" →
/// "Treaty deadlines".
pub fn default_description(name: &str) -> String {
    let words = name.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Write a ready-to-build plugin crate `hrdraft-plugin-<name>` into `dir`:
/// a `Cargo.toml` (rlib + cdylib, `panic = "unwind"`), a `Plugin` impl
/// exported with `export_plugin!`, and a test.
pub fn scaffold_plugin(dir: &Path, name: &str, sdk: &SdkDependency) -> Result<(), ScaffoldError> {
    scaffold(
        dir,
        &NewPlugin {
            name,
            description: None,
            sdk,
            force: false,
        },
    )
}

/// [`scaffold_plugin`] with every choice given.
pub fn scaffold(dir: &Path, plugin: &NewPlugin<'_>) -> Result<(), ScaffoldError> {
    let (name, sdk) = (plugin.name, plugin.sdk);
    if !is_plugin_name(name) {
        return Err(ScaffoldError::BadName(name.into()));
    }
    if !plugin.force && super::builtin::all().iter().any(|p| p.name() == name) {
        return Err(ScaffoldError::BuiltInName(name.into()));
    }
    let description = match plugin.description {
        Some(d) if d.trim().is_empty() || d.chars().any(char::is_control) => {
            return Err(ScaffoldError::BadDescription)
        }
        Some(d) => d.trim().to_string(),
        None => default_description(name),
    };
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
        (src.join("lib.rs"), lib_rs(name, &description)),
        (dir.join(".gitignore"), "/target\n".to_owned()),
    ];
    for (path, text) in files {
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    example(dir, name)
}

/// The test dataset (`tests/dataset`, the skeleton `hrdraft new dataset`
/// writes) and the starting plugin's output on it (`tests/golden/example.json`),
/// which the generated golden test compares with.
fn example(dir: &Path, name: &str) -> Result<(), ScaffoldError> {
    let data = dir.join("tests/dataset");
    crate::dataset::write_skeleton(&data, "Testland", "testland")
        .map_err(|e| ScaffoldError::Example(e.to_string()))?;
    let dataset = crate::dataset::load(&data)
        .map_err(|e| ScaffoldError::Example(e.to_string()))?
        .dataset;
    // What the starting `run` finds: recommendations by response.
    let recommendations = dataset.upr.recommendations.len();
    let accepted = dataset
        .upr
        .recommendations
        .iter()
        .filter(|r| r.response == hrdraft_sdk::Response::Accepted)
        .count();
    let golden = serde_json::json!({
        "recommendations": recommendations,
        "accepted": accepted,
        "noted": recommendations - accepted,
    });
    let golden_dir = dir.join("tests/golden");
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| ScaffoldError::Io { path, source }
    };
    std::fs::create_dir_all(&golden_dir).map_err(io(&golden_dir))?;
    let path = golden_dir.join("example.json");
    let text = serde_json::to_string_pretty(&golden).unwrap_or_default() + "\n";
    std::fs::write(&path, text).map_err(io(&path))?;
    let test = dir.join("tests/golden.rs");
    std::fs::write(&test, golden_rs(name)).map_err(io(&test))
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
    let (sdk, sdk_testing) = match sdk {
        SdkDependency::Path(p) => {
            let path = toml_string(&p.to_string_lossy());
            (
                format!("{{ path = {path} }}"),
                format!("{{ path = {path}, features = [\"testing\"] }}"),
            )
        }
        SdkDependency::Version(v) => (
            toml_string(v),
            format!(
                "{{ version = {}, features = [\"testing\"] }}",
                toml_string(v)
            ),
        ),
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

[dev-dependencies]
# The SDK's testing kit (tests/golden.rs): load tests/dataset, run the plugin
# as hrdraft does, compare with tests/golden/.
hrdraft-sdk = {sdk_testing}

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

fn golden_rs(name: &str) -> String {
    let ty = type_name(name);
    let krate = format!("hrdraft_plugin_{}", name.replace('-', "_"));
    format!(
        r#"//! The plugin on the example dataset in tests/dataset, run as hrdraft runs
//! it, against tests/golden/example.json. When the plugin's findings change
//! on purpose, `HRDRAFT_UPDATE_GOLDEN=1 cargo test` rewrites the file; look
//! at the difference before committing it. Copy a real dataset next to it
//! for a test on real data.

use hrdraft_sdk::{{testing, Options}};

#[test]
fn finds_on_the_example_dataset_what_the_golden_file_holds() {{
    let dataset = testing::load_dataset("tests/dataset").expect("tests/dataset loads");
    // hrdraft also passes the document's date, language and template, e.g.
    // Options::new().with("as_of", "2026-03-20").with("lang", "en").
    let out = testing::run(|| {krate}::{ty}, &dataset, &Options::new())
        .expect("the plugin runs");
    testing::assert_golden(&out, "tests/golden/example.json");
}}
"#
    )
}

fn lib_rs(name: &str, description: &str) -> String {
    let ty = type_name(name);
    // A Rust string literal: Debug formatting escapes quotes and backslashes.
    let literal = format!("{description:?}");
    format!(
        r#"//! The `{name}` plugin for hrdraft: {description}.
//!
//! `run` starts as an example that counts the UPR recommendations by
//! response: replace it with the plugin's own findings. Its output joins the template context as `plugins.{name}`. Build the
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
        {literal}
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

    #[test]
    fn built_in_names_are_refused_unless_forced() {
        let tmp = tempfile::tempdir().unwrap();
        let sdk = SdkDependency::Version("0.1".into());
        let new = |name, force| NewPlugin {
            name,
            description: None,
            sdk: &sdk,
            force,
        };
        let e = scaffold(&tmp.path().join("a"), &new("iri", false)).unwrap_err();
        assert!(
            matches!(e, ScaffoldError::BuiltInName(ref n) if n == "iri"),
            "{e}"
        );
        assert!(e.to_string().contains("--force"), "{e}");
        scaffold(&tmp.path().join("b"), &new("iri", true)).unwrap();
    }

    #[test]
    fn the_description_is_the_plugins_own() {
        let tmp = tempfile::tempdir().unwrap();
        let sdk = SdkDependency::Version("0.1".into());
        let write = |dir: &str, description| {
            let dir = tmp.path().join(dir);
            let plugin = NewPlugin {
                name: "treaty-deadlines",
                description,
                sdk: &sdk,
                force: false,
            };
            scaffold(&dir, &plugin)
                .map(|()| std::fs::read_to_string(dir.join("src/lib.rs")).unwrap())
        };
        let lib = write("a", None).unwrap();
        assert!(lib.contains("        \"Treaty deadlines\"\n"), "{lib}");
        assert!(
            !lib.contains("\"Counts the UPR recommendations by response\""),
            "{lib}"
        );
        let lib = write("b", Some(r#"Overdue "treaty" reports\"#)).unwrap();
        assert!(
            lib.contains(
                r#"        "Overdue \"treaty\" reports\\"
"#
            ),
            "{lib}"
        );
        assert!(matches!(
            write("c", Some("two\nlines")),
            Err(ScaffoldError::BadDescription)
        ));
    }
}
