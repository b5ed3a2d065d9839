//! The plugin contract: what a plugin declares, what it receives and what it returns.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Dataset, Section};

/// A plugin: a named analysis of a dataset whose JSON output joins the
/// template context under `plugins.<name>`.
///
/// Built-in plugins, dynamic-library plugins and (through the same JSON)
/// external-command plugins all fulfil this contract. A Rust plugin
/// implements this trait and calls [`export_plugin!`](crate::export_plugin)
/// once; the macro does the rest.
pub trait Plugin {
    /// Name, unique among the plugins a run sees: lower-case ASCII letters,
    /// digits and hyphens ("pledge-gap").
    fn name(&self) -> &str;

    /// The plugin's own version ("0.1.0"); usually `env!("CARGO_PKG_VERSION")`.
    fn version(&self) -> &str;

    /// One line saying what it finds.
    fn description(&self) -> &str;

    /// The dataset sections it reads.
    fn sections(&self) -> Vec<Section>;

    /// Handlebars partials it ships, as (name, source) pairs; the render
    /// engine registers each under its name.
    fn partials(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Ids of sources it cites when the dataset defines them, though no
    /// entry of the dataset names them ("ohchr-pledges-guidance"), so that
    /// the lint does not report them as cited by nothing.
    fn cites(&self) -> Vec<String> {
        Vec::new()
    }

    /// Analyse the dataset. The value returned becomes `plugins.<name>`.
    fn run(&self, dataset: &Dataset, options: &Options) -> Result<Value, Error>;

    /// Everything the host needs to list the plugin.
    fn metadata(&self) -> Metadata {
        let mut meta = Metadata::new(self.name(), self.version(), self.description());
        meta.sections = self.sections();
        meta.partials = self.partials().into_iter().collect();
        meta.cites = self.cites();
        meta
    }
}

/// The version of this SDK, which a library plugin reports in its metadata
/// (`sdk_version`) so that `hrdraft plugins` can show what it was built with.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What a plugin says about itself (the JSON of the `describe` call).
///
/// It grows as the host learns more about plugins, so it is
/// `#[non_exhaustive]`: make one with [`Metadata::new`] and set the other
/// fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Metadata {
    /// See [`Plugin::name`].
    pub name: String,
    /// See [`Plugin::version`].
    pub version: String,
    /// See [`Plugin::description`].
    pub description: String,
    /// See [`Plugin::sections`].
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Partials by name, in name order.
    #[serde(default)]
    pub partials: std::collections::BTreeMap<String, String>,
    /// See [`Plugin::cites`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<String>,
    /// The version of hrdraft-sdk the plugin was built with. A library
    /// plugin's is filled in by [`export_plugin!`](crate::export_plugin);
    /// a command plugin may give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdk_version: Option<String>,
    /// True for a library built without optimisations (a debug build),
    /// filled in by [`export_plugin!`](crate::export_plugin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug: Option<bool>,
}

impl Metadata {
    /// Metadata with a name, version and description, and nothing else.
    pub fn new(
        name: impl Into<String>,
        version: impl Into<String>,
        description: impl Into<String>,
    ) -> Metadata {
        Metadata {
            name: name.into(),
            version: version.into(),
            description: description.into(),
            sections: Vec::new(),
            partials: std::collections::BTreeMap::new(),
            cites: Vec::new(),
            sdk_version: None,
            debug: None,
        }
    }

    /// Why this metadata cannot be used, if it cannot.
    pub fn problem(&self) -> Option<String> {
        if !is_plugin_name(&self.name) {
            return Some(format!(
                "the plugin name `{}` is not valid: use lower-case ASCII letters, digits and hyphens",
                self.name
            ));
        }
        if self.version.trim().is_empty() {
            return Some(format!("plugin `{}` gives no version", self.name));
        }
        None
    }
}

/// True for a valid plugin name: lower-case ASCII letters, digits and inner hyphens.
pub fn is_plugin_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The options a template or the command line gives a plugin: a JSON object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Options(pub Map<String, Value>);

impl Options {
    /// No options.
    pub fn new() -> Options {
        Options::default()
    }

    /// These options with one more set.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Options {
        self.0.insert(key.to_owned(), value.into());
        self
    }

    /// The raw value of an option (`null` counts as absent).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key).filter(|v| !v.is_null())
    }

    /// A true/false option, `default` when absent.
    pub fn bool(&self, key: &str, default: bool) -> Result<bool, Error> {
        match self.get(key) {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(Error::new(format!(
                "option `{key}` must be true or false, not {other}"
            ))),
        }
    }

    /// A whole-number option, `None` when absent.
    pub fn u32(&self, key: &str) -> Result<Option<u32>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| {
                    Error::new(format!("option `{key}` must be a whole number, not {v}"))
                }),
        }
    }

    /// The document's date (`as_of`, which the host gives every plugin),
    /// `None` when absent.
    pub fn as_of(&self) -> Result<Option<crate::Date>, Error> {
        self.str("as_of")?
            .map(|d| {
                d.parse::<crate::Date>()
                    .map_err(|e| Error::new(format!("option `as_of`: {e}")))
            })
            .transpose()
    }

    /// The dataset as known on the document's date (`as_of`; see
    /// [`crate::Dataset::known_on`]), or whole when no date is given.
    pub fn known<'d>(
        &self,
        dataset: &'d crate::Dataset,
    ) -> Result<std::borrow::Cow<'d, crate::Dataset>, Error> {
        Ok(match self.as_of()? {
            Some(d) => dataset.known_on(&d),
            None => std::borrow::Cow::Borrowed(dataset),
        })
    }

    /// [`Options::known`] for a plugin that reads only `sections` (its
    /// [`crate::Plugin::sections`]): the dataset is copied only when one of
    /// them holds a fact dated after the document.
    pub fn known_for<'d>(
        &self,
        dataset: &'d crate::Dataset,
        sections: &[crate::Section],
    ) -> Result<std::borrow::Cow<'d, crate::Dataset>, Error> {
        Ok(match self.as_of()? {
            Some(d) => dataset.known_on_for(&d, sections),
            None => std::borrow::Cow::Borrowed(dataset),
        })
    }

    /// What the template drafted reads of this plugin's findings (the
    /// option `reads`, which the host gives when it can tell; see
    /// [`crate::Reads`]): a plugin may leave out the rest. Whole when absent.
    pub fn reads(&self) -> Result<crate::Reads, Error> {
        match self.get("reads") {
            None => Ok(crate::Reads::whole()),
            Some(v) => crate::Reads::from_json(v),
        }
    }

    /// A text option, `None` when absent.
    pub fn str(&self, key: &str) -> Result<Option<&str>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(Error::new(format!(
                "option `{key}` must be text, not {other}"
            ))),
        }
    }
}

/// A plugin's failure, in words for the person drafting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::new(format!("could not build the plugin's JSON output: {e}"))
    }
}

/// What every plugin receives: `{"dataset": …, "options": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Input {
    /// The whole dataset.
    pub dataset: Dataset,
    /// The options for this run.
    #[serde(default)]
    pub options: Options,
}

/// What a dynamic-library plugin answers across the C ABI: exactly one of
/// `{"ok": value}`, `{"error": "message"}` or `{"panic": "message"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The result.
    Ok(Value),
    /// The plugin refused, with a message.
    Error(String),
    /// The plugin panicked; the message is the panic's.
    Panic(String),
}
