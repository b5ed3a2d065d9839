//! Document kinds: template directories with a manifest, built in or the user's own.
//!
//! A template is a directory holding `template.toml` (the manifest), the body
//! template it names, and any number of partials (every other `*.hbs` file,
//! registered under its file name without `.md.hbs`/`.hbs`), and its fixed
//! wording per language in `messages/<lang>.toml` (see [`messages`]). The
//! built-in templates are compiled into the binary; `--templates DIR` adds a
//! user's set, where a template overrides a built-in one of the same name.

mod builtin;
pub mod messages;
mod reads;
pub mod requires;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::PageSettings;
use crate::render::Repeat;

/// `template.toml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Name used on the command line and in output file names ("open-letter").
    pub name: String,
    /// Human title ("Open letter to a Human Rights Council candidate").
    pub title: String,
    /// One line on what the document is.
    pub description: String,
    /// The body template file.
    pub body: String,
    /// Plugins whose output the template uses, run before rendering.
    #[serde(default)]
    pub plugins: Vec<String>,
    /// Dataset sections the document cannot be drafted without
    /// ("candidacy", "questions", "upr"); `draft` skips a dataset lacking
    /// one, `render` refuses it and `check --for` reports it (see [`requires`]).
    #[serde(default)]
    pub requires: Vec<hrdraft_sdk::Section>,
    /// Languages the template's fixed wording exists in.
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// The document title written to the file's properties (a Handlebars
    /// string rendered over the same context as the body).
    #[serde(default)]
    pub document_title: Option<String>,
    /// Paper and type.
    #[serde(default)]
    pub page: PageConfig,
    /// How sources are cited.
    #[serde(default)]
    pub citations: CitationsConfig,
    /// The names of the `{{#section}}`s the body has, which a dataset's
    /// `[[documents.paragraphs]]` and `omit` may name; when listed, any
    /// other name is an error.
    #[serde(default)]
    pub sections: Vec<String>,
}

/// `[citations]` in `template.toml`.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CitationsConfig {
    /// How a source cited before is cited again: "full" (the default),
    /// "short" or "ibid".
    #[serde(default)]
    pub repeat: Repeat,
}

fn default_languages() -> Vec<String> {
    vec!["en".to_string()]
}

impl Manifest {
    /// The language of the template's wording for a BCP 47 tag: the tag
    /// itself when listed, else its language without region or script
    /// (`en-US` and `en-GB` → `en`, `ru-RU` → `ru`); case is ignored.
    pub fn language_for(&self, tag: &str) -> Option<&str> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        self.languages
            .iter()
            .find(|l| l.eq_ignore_ascii_case(tag))
            .or_else(|| {
                self.languages
                    .iter()
                    .find(|l| l.eq_ignore_ascii_case(primary))
            })
            .map(String::as_str)
    }
}

/// `[page]` in `template.toml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageConfig {
    /// "A4" or "letter".
    #[serde(default = "default_size")]
    pub size: String,
    /// Margins on every side, in centimetres.
    #[serde(default = "default_margin")]
    pub margin_cm: f32,
    /// Body text size in points.
    #[serde(default = "default_font_size")]
    pub font_size: f32,
}

fn default_size() -> String {
    "A4".to_string()
}
fn default_margin() -> f32 {
    2.5
}
fn default_font_size() -> f32 {
    11.0
}

impl Default for PageConfig {
    fn default() -> Self {
        PageConfig {
            size: default_size(),
            margin_cm: default_margin(),
            font_size: default_font_size(),
        }
    }
}

impl PageConfig {
    /// The page settings the writers use.
    pub fn settings(&self) -> Result<PageSettings, TemplateError> {
        let (width, height) = match self.size.to_ascii_lowercase().as_str() {
            "a4" => (595.28, 841.89),
            "letter" => (612.0, 792.0),
            other => {
                return Err(TemplateError::Invalid(format!(
                    "page size \"{other}\" is not known: use \"A4\" or \"letter\""
                )))
            }
        };
        if !(0.5..=6.0).contains(&self.margin_cm) || !(6.0..=24.0).contains(&self.font_size) {
            return Err(TemplateError::Invalid(
                "margins must be 0.5-6 cm and the font size 6-24 pt".into(),
            ));
        }
        let margin = self.margin_cm / 2.54 * 72.0;
        Ok(PageSettings {
            width,
            height,
            margin_top: margin,
            margin_bottom: margin,
            margin_start: margin,
            margin_end: margin,
            font_size: self.font_size,
        })
    }
}

/// A template ready to register: manifest, body and partial sources.
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
    /// Fixed wording by language: `messages/<lang>.toml`, keys flattened
    /// ("closing", "letter.subject"); empty when the template has none.
    pub messages: BTreeMap<String, messages::Messages>,
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
    templates: BTreeMap<String, Template>,
}

impl TemplateSet {
    /// The built-in templates.
    pub fn builtin() -> Result<TemplateSet, TemplateError> {
        let mut set = TemplateSet::default();
        for (dir, files) in builtin::TEMPLATES {
            let template = from_files(&format!("(built-in) {dir}"), None, files.iter().copied())?;
            set.templates
                .insert(template.manifest.name.clone(), template);
        }
        Ok(set)
    }

    /// Add (or override with) every template in `dir`: each subdirectory
    /// holding a `template.toml`, or `dir` itself if it holds one.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), TemplateError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| TemplateError::Io { path, source }
        };
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
            let mut files = Vec::new();
            for entry in std::fs::read_dir(&d).map_err(io(&d))? {
                let path = entry.map_err(io(&d))?.path();
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if path.is_file() && (name == "template.toml" || name.ends_with(".hbs")) {
                    let text = std::fs::read_to_string(&path).map_err(io(&path))?;
                    files.push((name, text));
                }
            }
            let messages_dir = d.join(messages::DIR);
            if messages_dir.is_dir() {
                for entry in std::fs::read_dir(&messages_dir).map_err(io(&messages_dir))? {
                    let path = entry.map_err(io(&messages_dir))?.path();
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    if path.is_file() && name.ends_with(".toml") {
                        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
                        files.push((format!("{}/{name}", messages::DIR), text));
                    }
                }
            }
            let template = from_files(
                &d.display().to_string(),
                Some(d.clone()),
                files.iter().map(|(n, t)| (n.as_str(), t.as_str())),
            )?;
            self.templates
                .insert(template.manifest.name.clone(), template);
        }
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

/// Build a template from its files' names and contents.
fn from_files<'a>(
    label: &str,
    origin: Option<PathBuf>,
    files: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<Template, TemplateError> {
    let files: BTreeMap<&str, &str> = files.collect();
    let manifest_path = format!("{label}/template.toml");
    let manifest_text = files
        .get("template.toml")
        .ok_or_else(|| TemplateError::Manifest {
            path: manifest_path.clone(),
            message: "missing".into(),
        })?;
    let manifest: Manifest =
        toml_edit::de::from_str(manifest_text).map_err(|e| TemplateError::Manifest {
            path: manifest_path.clone(),
            message: e.to_string().trim().replace('\n', " "),
        })?;
    crate::output::safe_component(&manifest.name).map_err(|_| TemplateError::Manifest {
        path: manifest_path.clone(),
        message: format!(
            "name \"{}\" cannot name output files: use lower-case letters, digits and hyphens",
            manifest.name
        ),
    })?;
    manifest
        .page
        .settings()
        .map_err(|e| TemplateError::Manifest {
            path: manifest_path.clone(),
            message: e.to_string(),
        })?;
    let body = files
        .get(manifest.body.as_str())
        .ok_or_else(|| TemplateError::Manifest {
            path: manifest_path.clone(),
            message: format!(
                "the body file `{}` is not in the template directory",
                manifest.body
            ),
        })?
        .to_string();
    let messages = messages::from_files(label, &manifest, &files)?;
    let partials = files
        .iter()
        .filter(|(name, _)| **name != manifest.body && name.ends_with(".hbs"))
        .map(|(name, text)| {
            let stem = name
                .trim_end_matches(".hbs")
                .trim_end_matches(".md")
                .to_string();
            (stem, text.to_string())
        })
        .collect();
    Ok(Template {
        manifest,
        origin,
        body,
        partials,
        messages,
    })
}
