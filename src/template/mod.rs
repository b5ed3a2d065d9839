//! Document kinds: template directories with a manifest, built in or the user's own.
//!
//! A template is a directory holding `template.toml` (the manifest, see
//! [`manifest`]), the body template it names, and any number of partials
//! (every other `*.hbs` file, registered under its file name without
//! `.md.hbs`/`.hbs`), the partials filling its blocks
//! (`blocks/<position>/<section>.md.hbs`, see [`extends`]), and its fixed
//! wording per language in `messages/<lang>.toml` (see [`messages`]). A
//! template may `extends` another and give only what it changes. The
//! built-in templates are compiled into the binary; `--templates DIR` adds a
//! user's set, where a template overrides a built-in one of the same name.

mod builtin;
pub mod extends;
pub mod manifest;
pub mod messages;
mod reads;
pub mod requires;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use extends::{block_name, POSITIONS};
pub use manifest::{CitationsConfig, Manifest, ManifestFile, PageConfig, Repeat};
pub use reads::{Analysis, Once};

/// A template ready to register: manifest, body and partial sources, with
/// what it extends already taken in.
#[derive(Debug, Clone)]
pub struct Template {
    /// The manifest.
    pub manifest: Manifest,
    /// Where it came from: `None` for a built-in template.
    pub origin: Option<PathBuf>,
    /// The body template source.
    pub body: String,
    /// Partials: (name, source), sorted by name.
    pub partials: Vec<(String, String)>,
    /// The blocks filled by a file (`blocks/after/reprisals.md.hbs`):
    /// block name (`after/reprisals`) → source. Blocks filled by a named
    /// partial are in the manifest's `blocks`.
    pub blocks: BTreeMap<String, String>,
    /// Fixed wording by language: `messages/<lang>.toml`, keys flattened
    /// ("closing", "letter.subject"); empty when the template has none.
    pub messages: BTreeMap<String, messages::Messages>,
    /// The template's own files, as (path in its folder, text), template.toml first:
    /// what `hrdraft templates show` prints and `templates export` copies.
    pub files: Vec<(String, String)>,
    /// The templates it extends, nearest first (empty for one that extends none).
    pub ancestors: Vec<String>,
}

impl Template {
    /// The name under which a dataset's documents.toml describes this
    /// document: its own, else that of the nearest template it extends
    /// that documents.toml names, so that a letter built on the open
    /// letter has the open letter's addressees, date and choices.
    pub fn document_name<'a>(&'a self, dataset: &hrdraft_sdk::Dataset) -> &'a str {
        std::iter::once(&self.manifest.name)
            .chain(&self.ancestors)
            .find(|n| dataset.document(n).is_some())
            .unwrap_or(&self.manifest.name)
    }
}

/// Why templates could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A manifest is not valid.
    #[error("{path}: {message}")]
    Manifest {
        /// The manifest file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A key of a template's file is wrong, at a known line.
    #[error("{path}:{line}: `{field}`: {message}")]
    Field {
        /// The file.
        path: String,
        /// Its line, from 1.
        line: usize,
        /// The key.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// Some other problem with a template.
    #[error("{0}")]
    Invalid(String),
    /// No template has this name.
    #[error("no template named `{name}`; the templates are {known}")]
    Unknown {
        /// The name asked for.
        name: String,
        /// The names there are.
        known: String,
    },
}

/// Every template available: built in, then overridden from user directories.
#[derive(Debug, Clone, Default)]
pub struct TemplateSet {
    /// The templates as read, by name: the built-in one first, then each
    /// that replaced it. A template that `extends` its own name builds on
    /// the one it replaced.
    layers: BTreeMap<String, Vec<extends::Own>>,
    templates: BTreeMap<String, Template>,
}

impl TemplateSet {
    /// The built-in templates.
    pub fn builtin() -> Result<TemplateSet, TemplateError> {
        let mut set = TemplateSet::default();
        for (dir, files) in builtin::TEMPLATES {
            let files = files.iter().map(|(n, t)| (n.to_string(), t.to_string()));
            let own = extends::Own::read(&format!("(built-in) {dir}"), None, files.collect())?;
            set.layers
                .entry(own.name().to_string())
                .or_default()
                .push(own);
        }
        set.resolve()?;
        Ok(set)
    }

    /// Add (or override with) every template in `dir`: each subdirectory
    /// holding a `template.toml`, or `dir` itself if it holds one.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), TemplateError> {
        let mut dirs = Vec::new();
        if dir.join("template.toml").is_file() {
            dirs.push(dir.to_path_buf());
        } else {
            for entry in std::fs::read_dir(dir).map_err(io(dir))? {
                let path = entry.map_err(io(dir))?.path();
                if path.join("template.toml").is_file() {
                    dirs.push(path);
                }
            }
            if dirs.is_empty() {
                return Err(TemplateError::Invalid(format!(
                    "{} holds no template: a template is a directory with a template.toml",
                    dir.display()
                )));
            }
        }
        dirs.sort();
        for d in dirs {
            let files = read_folder(&d)?;
            let own = extends::Own::read(&d.display().to_string(), Some(d.clone()), files)?;
            self.layers
                .entry(own.name().to_string())
                .or_default()
                .push(own);
        }
        self.resolve()
    }

    /// Resolve every template over the one it extends.
    fn resolve(&mut self) -> Result<(), TemplateError> {
        let mut out = BTreeMap::new();
        for (name, layers) in &self.layers {
            let t = extends::resolve(&self.layers, name, layers.len() - 1, &mut Vec::new())?;
            out.insert(name.clone(), t);
        }
        self.templates = out;
        Ok(())
    }

    /// The template with this name.
    pub fn get(&self, name: &str) -> Result<&Template, TemplateError> {
        self.templates
            .get(name)
            .ok_or_else(|| TemplateError::Unknown {
                name: name.to_string(),
                known: self.names().join(", "),
            })
    }

    /// Every template name, sorted.
    pub fn names(&self) -> Vec<&str> {
        self.templates.keys().map(String::as_str).collect()
    }

    /// Every template, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = &Template> {
        self.templates.values()
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> TemplateError {
    let path = path.to_path_buf();
    move |source| TemplateError::Io { path, source }
}

/// A template folder's files: `template.toml` and `*.hbs` at its top,
/// `messages/*.toml`, and `blocks/<position>/*.hbs`; paths relative to it,
/// with `/` between folders.
fn read_folder(d: &Path) -> Result<Vec<(String, String)>, TemplateError> {
    let mut files = Vec::new();
    let mut read = |dir: &Path, prefix: &str, keep: &dyn Fn(&str) -> bool| {
        for entry in std::fs::read_dir(dir).map_err(io(dir))? {
            let path = entry.map_err(io(dir))?.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if path.is_file() && keep(&name) {
                let text = std::fs::read_to_string(&path).map_err(io(&path))?;
                files.push((format!("{prefix}{name}"), text));
            }
        }
        Ok::<(), TemplateError>(())
    };
    read(d, "", &|n| n == "template.toml" || n.ends_with(".hbs"))?;
    let messages_dir = d.join(messages::DIR);
    if messages_dir.is_dir() {
        read(&messages_dir, &format!("{}/", messages::DIR), &|n| {
            n.ends_with(".toml")
        })?;
    }
    let blocks_dir = d.join(extends::DIR);
    if blocks_dir.is_dir() {
        for entry in std::fs::read_dir(&blocks_dir).map_err(io(&blocks_dir))? {
            let path = entry.map_err(io(&blocks_dir))?.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !path.is_dir() || !POSITIONS.contains(&name.as_str()) {
                return Err(TemplateError::Manifest {
                    path: path.display().to_string(),
                    message: format!(
                        "{}/ holds a folder per position: {}",
                        extends::DIR,
                        POSITIONS.join(", ")
                    ),
                });
            }
            read(&path, &format!("{}/{name}/", extends::DIR), &|n| {
                n.ends_with(".hbs")
            })?;
        }
    }
    files.sort();
    Ok(files)
}
