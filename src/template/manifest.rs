//! `template.toml`: the manifest as written ([`ManifestFile`], every key
//! but `name` optional, since a template that `extends` another takes the
//! rest from it) and as resolved ([`Manifest`]), with its JSON Schema.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::TemplateError;
use crate::document::PageSettings;

/// `template.toml` resolved: a template's own keys over those of the
/// template it extends.
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
    /// The template this one extends, when it does.
    #[serde(default)]
    pub extends: Option<String>,
    /// Blocks filled by a partial named here (block → partial), as
    /// `[blocks]` says, the parent's first.
    #[serde(default)]
    pub blocks: BTreeMap<String, String>,
}

/// `[citations]` in `template.toml`.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, serde::Serialize, schemars::JsonSchema)]
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
    /// Whether the first page shows its number (a letter's does not).
    #[serde(default = "default_first_page_number")]
    pub first_page_number: bool,
}

fn default_first_page_number() -> bool {
    true
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
            first_page_number: true,
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
            first_page_number: self.first_page_number,
        })
    }
}

/// `template.toml` as written. A template that `extends` another gives
/// only what it changes; one that does not must give `title`,
/// `description` and `body`. `hrdraft schema template` prints this as a
/// JSON Schema.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "template.toml")]
pub struct ManifestFile {
    /// The name on the command line and in output file names
    /// ("open-letter"): lower-case letters, digits and hyphens.
    pub name: String,
    /// The template this one builds on ("open-letter"): every key, file,
    /// partial, block and message this one does not give is taken from it.
    pub extends: Option<String>,
    /// What `hrdraft templates` shows; also the document's subject when it
    /// has no `document.subject` message.
    pub title: Option<String>,
    /// One line on what the document is.
    pub description: Option<String>,
    /// The body template's file ("body.md.hbs"); every other `*.hbs` file
    /// of the folder is a partial.
    pub body: Option<String>,
    /// The plugins whose findings the template reads, run before rendering.
    pub plugins: Option<Vec<String>>,
    /// Dataset sections the document cannot be drafted without.
    #[schemars(schema_with = "requires_schema")]
    pub requires: Option<Vec<hrdraft_sdk::Section>>,
    /// The languages of the template's message files (default `["en"]`).
    pub languages: Option<Vec<String>>,
    /// The title written to the file's properties, rendered like the body.
    pub document_title: Option<String>,
    /// Paper and type.
    pub page: Option<PageConfig>,
    /// How sources are cited.
    pub citations: Option<CitationsConfig>,
    /// The names of the body's `{{#section}}`s. Each declares three blocks
    /// (`before/NAME`, `after/NAME`, `replace/NAME`), and a dataset's
    /// `[[documents.paragraphs]]` and `omit` may name it.
    pub sections: Option<Vec<String>>,
    /// Blocks filled by a partial of the template or of a plugin: block
    /// name (`after/reprisals`) → partial name.
    pub blocks: Option<BTreeMap<String, String>>,
}

fn requires_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "array",
        "items": {
            "enum": ["country", "treaties", "special-procedures", "candidacy", "upr",
                     "reprisals", "questions", "sources", "documents"]
        }
    })
}

/// The JSON Schema of `template.toml`.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ManifestFile)).unwrap_or_default()
}

/// The line (from 1) of `key` in a TOML text: a top-level key, or a key of
/// the table `table` when given. `None` when the text does not parse or
/// lacks the key.
pub fn line_of(text: &str, table: Option<&str>, key: &str) -> Option<usize> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let root = doc.as_table();
    let t = match table {
        Some(name) => root.get(name)?.as_table_like()?,
        None => root,
    };
    let (k, item) = t.get_key_value(key)?;
    let span = k.span().or_else(|| item.span())?;
    Some(text[..span.start].matches('\n').count() + 1)
}

impl ManifestFile {
    /// Read `template.toml`; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<ManifestFile, TemplateError> {
        toml_edit::de::from_str(text).map_err(|e| TemplateError::Manifest {
            path: path.to_string(),
            message: e.to_string().trim().replace('\n', " "),
        })
    }

    /// The manifest of a template that extends none: `title`,
    /// `description` and `body` are required.
    pub fn standalone(self, path: &str) -> Result<Manifest, TemplateError> {
        let missing = |key: &str| TemplateError::Manifest {
            path: path.to_string(),
            message: format!(
                "missing field `{key}`; a template gives `title`, `description` and `body`, \
                 unless it `extends` another"
            ),
        };
        let base = Manifest {
            name: self.name.clone(),
            title: self.title.clone().ok_or_else(|| missing("title"))?,
            description: self
                .description
                .clone()
                .ok_or_else(|| missing("description"))?,
            body: self.body.clone().ok_or_else(|| missing("body"))?,
            plugins: Vec::new(),
            requires: Vec::new(),
            languages: default_languages(),
            document_title: None,
            page: PageConfig::default(),
            citations: CitationsConfig::default(),
            sections: Vec::new(),
            extends: None,
            blocks: BTreeMap::new(),
        };
        Ok(self.over(base))
    }

    /// This manifest's keys over `parent`'s.
    pub fn over(self, parent: Manifest) -> Manifest {
        let mut blocks = parent.blocks;
        blocks.extend(self.blocks.unwrap_or_default());
        Manifest {
            name: self.name,
            title: self.title.unwrap_or(parent.title),
            description: self.description.unwrap_or(parent.description),
            body: self.body.unwrap_or(parent.body),
            plugins: self.plugins.unwrap_or(parent.plugins),
            requires: self.requires.unwrap_or(parent.requires),
            languages: self.languages.unwrap_or(parent.languages),
            document_title: self.document_title.or(parent.document_title),
            page: self.page.unwrap_or(parent.page),
            citations: self.citations.unwrap_or(parent.citations),
            sections: self.sections.unwrap_or(parent.sections),
            extends: self.extends,
            blocks,
        }
    }
}

/// How a template cites a source it has cited before: `[citations] repeat`
/// in template.toml.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Repeat {
    /// In full every time (unless the template writes `short=true`).
    #[default]
    Full,
    /// By its symbol alone once it has been cited in full.
    Short,
    /// "Ibid." when the footnote before cited the same source, else as `Short`.
    Ibid,
}
