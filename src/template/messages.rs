//! A template's fixed wording per language: `messages/<lang>.toml`, read and checked against the manifest.
//!
//! A message file maps keys to Handlebars strings; tables nest, and a nested
//! key is reached by its dotted path (`[closing] formal = "…"` is
//! `closing.formal`). Templates print a message with `{{t "key"}}`, which
//! renders it in place over the current context; a key the chosen language
//! lacks falls back to English. The merged messages are also in the context
//! as `msg`, for inspection and for `{{#if msg.key}}`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use toml_edit::{DocumentMut, Item};

use super::{Manifest, TemplateError};

/// The folder of a template that holds its message files.
pub const DIR: &str = "messages";

/// The language every other falls back to, key by key.
pub const FALLBACK: &str = "en";

/// One language's messages: dotted key → Handlebars source.
pub type Messages = BTreeMap<String, String>;

/// The message files among a template's `files` (named `messages/<lang>.toml`), read.
pub(super) fn read_own(
    label: &str,
    files: &BTreeMap<&str, &str>,
) -> Result<BTreeMap<String, Messages>, TemplateError> {
    let mut out = BTreeMap::new();
    for (name, text) in files {
        let Some(file) = name.strip_prefix(DIR).and_then(|n| n.strip_prefix('/')) else {
            continue;
        };
        let Some(lang) = file.strip_suffix(".toml") else {
            continue;
        };
        let path = format!("{label}/{name}");
        if !is_language_tag(lang) {
            return Err(TemplateError::Manifest {
                path,
                message: "a message file is named after its language, e.g. `en.toml`, `ru.toml`"
                    .into(),
            });
        }
        out.insert(lang.to_string(), parse(&path, text)?);
    }
    Ok(out)
}

/// Check a template's message files against the languages its manifest
/// lists: each of its own files (`own`) is of a listed language, and
/// each listed language has its messages (in `all`, the template's own
/// over those of the template it extends).
pub(super) fn check_languages(
    label: &str,
    manifest: &Manifest,
    own: &BTreeMap<String, Messages>,
    all: &BTreeMap<String, Messages>,
) -> Result<(), TemplateError> {
    if let Some(lang) = own.keys().find(|l| !manifest.languages.contains(l)) {
        return Err(TemplateError::Manifest {
            path: format!("{label}/{DIR}/{lang}.toml"),
            message: format!(
                "`{lang}` is not among the template's languages ({}); add it to \
                 `languages` in template.toml",
                manifest.languages.join(", ")
            ),
        });
    }
    if !all.is_empty() {
        if let Some(lang) = manifest.languages.iter().find(|l| !all.contains_key(*l)) {
            return Err(TemplateError::Manifest {
                path: format!("{label}/template.toml"),
                message: format!(
                    "`languages` lists `{lang}`, but there is no {DIR}/{lang}.toml: \
                     write it, or take `{lang}` out of `languages`"
                ),
            });
        }
    }
    Ok(())
}

/// "en", "ru", "en-GB", "pt-BR".
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Read one message file: every value a string, every key a plain name.
pub fn parse(path: &str, text: &str) -> Result<Messages, TemplateError> {
    let doc: DocumentMut =
        text.parse()
            .map_err(|e: toml_edit::TomlError| TemplateError::Manifest {
                path: path.to_string(),
                message: e.to_string().trim().replace('\n', " "),
            })?;
    let mut out = Messages::new();
    flatten(path, "", doc.as_table(), &mut out)?;
    Ok(out)
}

fn flatten(
    path: &str,
    prefix: &str,
    table: &toml_edit::Table,
    out: &mut Messages,
) -> Result<(), TemplateError> {
    let bad = |message: String| TemplateError::Manifest {
        path: path.to_string(),
        message,
    };
    for (key, value) in table.iter() {
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return Err(bad(format!(
                "message key `{key}`: use letters, digits, `_` and `-` (nest with tables)"
            )));
        }
        let full = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Item::Value(toml_edit::Value::String(s)) => {
                out.insert(full, s.value().clone());
            }
            Item::Table(t) => flatten(path, &full, t, out)?,
            Item::Value(toml_edit::Value::InlineTable(t)) => {
                flatten(path, &full, &t.clone().into_table(), out)?;
            }
            _ => {
                return Err(bad(format!(
                    "message `{full}` must be text (a string in quotes)"
                )))
            }
        }
    }
    Ok(())
}

/// The messages of `lang`, each key it lacks taken from English.
pub fn merged(all: &BTreeMap<String, Messages>, lang: &str) -> Messages {
    let mut out = all.get(FALLBACK).cloned().unwrap_or_default();
    if let Some(own) = all.get(lang) {
        out.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    out
}

/// Messages as nested JSON, as the TOML was written: `msg.closing.formal`.
pub fn to_json(messages: &Messages) -> Value {
    let mut root = Map::new();
    for (key, text) in messages {
        let mut map = &mut root;
        let mut parts = key.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                map.insert(part.to_string(), Value::String(text.clone()));
            } else {
                let entry = map
                    .entry(part.to_string())
                    .or_insert_with(|| Value::Object(Map::new()));
                if !entry.is_object() {
                    *entry = Value::Object(Map::new());
                }
                match entry {
                    Value::Object(m) => map = m,
                    _ => break,
                }
            }
        }
    }
    Value::Object(root)
}
