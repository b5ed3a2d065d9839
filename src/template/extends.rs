//! Templates built on others: `extends`, blocks and overrides.
//!
//! A template that says `extends = "open-letter"` in its template.toml
//! takes everything it does not give from that template: manifest keys,
//! body, partials (one of its own with the same name replaces the
//! parent's), blocks and messages (key by key, per language). It may be a
//! folder holding only `template.toml` and a message file or a block.
//!
//! Each name in a template's `sections` (its `{{#section}}`s) declares
//! three blocks, which the section helper renders around or in place of
//! what the section generates: `before/NAME`, `after/NAME` and
//! `replace/NAME`. A template fills a block with a file,
//! `blocks/after/reprisals.md.hbs`, or with a partial of its own or of a
//! plugin named in `[blocks]` of its template.toml
//! (`"after/reprisals" = "treaty-deadlines"`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::manifest::{line_of, ManifestFile};
use super::messages;
use super::{Template, TemplateError};

/// The folder of a template that holds the files filling its blocks.
pub const DIR: &str = "blocks";

/// Where a block stands in its section: before what the section
/// generates, after it, or in its place (the same words as `position` of
/// an author's paragraph in documents.toml).
pub const POSITIONS: [&str; 3] = ["before", "after", "replace"];

/// The name the engine registers a block's filling under. `#` cannot be
/// in a partial's name, so no partial (a plugin's included) can fill a
/// block by its name alone.
pub fn block_name(block: &str) -> String {
    format!("block#{block}")
}

/// A template as read from its folder, before what it extends is taken in.
#[derive(Debug, Clone)]
pub struct Own {
    /// The folder, for messages ("examples/x", "(built-in) open-letter").
    label: String,
    origin: Option<PathBuf>,
    manifest: ManifestFile,
    /// Every file: (path in the folder, text), template.toml first, then by path.
    files: Vec<(String, String)>,
}

impl Own {
    /// Read a template's files (see [`super::TemplateSet::add_dir`]).
    pub fn read(
        label: &str,
        origin: Option<PathBuf>,
        files: Vec<(String, String)>,
    ) -> Result<Own, TemplateError> {
        let path = format!("{label}/template.toml");
        let text = files
            .iter()
            .find(|(n, _)| n == "template.toml")
            .map(|(_, t)| t.as_str())
            .ok_or_else(|| TemplateError::Manifest {
                path: path.clone(),
                message: "missing".into(),
            })?;
        let manifest = ManifestFile::parse(&path, text)?;
        if !crate::names::is_safe_component(&manifest.name) {
            return Err(TemplateError::Manifest {
                path: path.clone(),
                message: format!(
                    "name \"{}\" cannot name output files: use lower-case letters, digits and hyphens",
                    manifest.name
                ),
            });
        }
        let mut files = files;
        // template.toml first, then the rest by path.
        files.sort_by(|(a, _), (b, _)| (a != "template.toml", a).cmp(&(b != "template.toml", b)));
        Ok(Own {
            label: label.to_string(),
            origin,
            manifest,
            files,
        })
    }

    /// The template's name.
    pub fn name(&self) -> &str {
        &self.manifest.name
    }

    fn manifest_path(&self) -> String {
        format!("{}/template.toml", self.label)
    }

    fn manifest_text(&self) -> &str {
        self.files
            .iter()
            .find(|(n, _)| n == "template.toml")
            .map_or("", |(_, t)| t.as_str())
    }

    /// An error at `key` of template.toml (of `[table]` when given).
    fn field_error(&self, table: Option<&str>, key: &str, message: String) -> TemplateError {
        let path = self.manifest_path();
        let field = match table {
            Some(t) => format!("{t}.{key}"),
            None => key.to_string(),
        };
        match line_of(self.manifest_text(), table, key) {
            Some(line) => TemplateError::Field {
                path,
                line,
                field,
                message,
            },
            None => TemplateError::Manifest {
                path,
                message: format!("`{field}`: {message}"),
            },
        }
    }
}

/// Template `name` as layer `layer` of `layers` resolved over what it
/// extends; `chain` holds the templates being resolved, to catch a cycle.
pub(super) fn resolve(
    layers: &BTreeMap<String, Vec<Own>>,
    name: &str,
    layer: usize,
    chain: &mut Vec<(String, usize)>,
) -> Result<Template, TemplateError> {
    let own = &layers[name][layer];
    let parent = match &own.manifest.extends {
        None => None,
        Some(p) => {
            let at = if p == name {
                // A template extending its own name builds on the one it replaces.
                if layer == 0 {
                    return Err(own.field_error(
                        None,
                        "extends",
                        format!("template `{name}` cannot extend itself; it replaces no other template of that name"),
                    ));
                }
                (p.clone(), layer - 1)
            } else {
                match layers.get(p.as_str()) {
                    Some(l) => (p.clone(), l.len() - 1),
                    None => {
                        let known: Vec<&str> = layers.keys().map(String::as_str).collect();
                        return Err(own.field_error(
                            None,
                            "extends",
                            format!(
                                "no template named `{p}`; the templates are {}",
                                known.join(", ")
                            ),
                        ));
                    }
                }
            };
            chain.push((name.to_string(), layer));
            if chain.contains(&at) {
                let names: Vec<&str> = chain.iter().map(|(n, _)| n.as_str()).collect();
                return Err(own.field_error(
                    None,
                    "extends",
                    format!(
                        "templates extend each other in a cycle: {} → {}",
                        names.join(" → "),
                        at.0
                    ),
                ));
            }
            let parent = resolve(layers, &at.0, at.1, chain)?;
            chain.pop();
            Some(parent)
        }
    };
    build(own, parent)
}

/// `own` over `parent` (when it extends one).
fn build(own: &Own, parent: Option<Template>) -> Result<Template, TemplateError> {
    let path = own.manifest_path();
    let files: BTreeMap<&str, &str> = own
        .files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let ancestors = match &parent {
        Some(p) => std::iter::once(p.manifest.name.clone())
            .chain(p.ancestors.iter().cloned())
            .collect(),
        None => Vec::new(),
    };
    let (manifest, mut body, mut partials, mut blocks, mut all_messages) = match parent {
        Some(p) => (
            own.manifest.clone().over(p.manifest),
            Some(p.body),
            p.partials.into_iter().collect::<BTreeMap<_, _>>(),
            p.blocks,
            p.messages,
        ),
        None => (
            own.manifest.clone().standalone(&path)?,
            None,
            BTreeMap::new(),
            BTreeMap::new(),
            BTreeMap::new(),
        ),
    };
    manifest
        .page
        .settings()
        .map_err(|e| TemplateError::Manifest {
            path: path.clone(),
            message: e.to_string(),
        })?;
    for section in &manifest.sections {
        let ok = !section.is_empty()
            && section
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !ok {
            return Err(own.field_error(
                None,
                "sections",
                format!(
                    "section `{section}`: a section's name holds letters, digits, `-`, `_` and `.`"
                ),
            ));
        }
    }
    if let Some(text) = files.get(manifest.body.as_str()) {
        body = Some(text.to_string());
    }
    let body = body.ok_or_else(|| TemplateError::Manifest {
        path: path.clone(),
        message: format!(
            "the body file `{}` is not in the template directory",
            manifest.body
        ),
    })?;
    // The template's own partials replace its parent's of the same name.
    for (name, text) in &files {
        if *name == manifest.body || name.contains('/') || !name.ends_with(".hbs") {
            continue;
        }
        let stem = name.trim_end_matches(".hbs").trim_end_matches(".md");
        partials.insert(stem.to_string(), text.to_string());
    }
    // Blocks: a file of the template's own, or a partial its `[blocks]`
    // names; either replaces what the parent put in that block.
    let mut named = manifest.blocks.clone();
    let own_named = own.manifest.blocks.clone().unwrap_or_default();
    for (name, text) in &files {
        let Some(rest) = name.strip_prefix(DIR).and_then(|r| r.strip_prefix('/')) else {
            continue;
        };
        let block = rest.trim_end_matches(".hbs").trim_end_matches(".md");
        check_block(
            &manifest.sections,
            block,
            &manifest.name,
            own.manifest.extends.as_deref(),
        )
        .map_err(|message| TemplateError::Manifest {
            path: format!("{}/{name}", own.label),
            message,
        })?;
        if let Some(partial) = own_named.get(block) {
            return Err(own.field_error(
                Some("blocks"),
                block,
                format!(
                    "block `{block}` is filled twice: by {name} and by the partial `{partial}`; \
                     keep one"
                ),
            ));
        }
        named.remove(block);
        blocks.insert(block.to_string(), text.to_string());
    }
    for block in own_named.keys() {
        check_block(
            &manifest.sections,
            block,
            &manifest.name,
            own.manifest.extends.as_deref(),
        )
        .map_err(|message| own.field_error(Some("blocks"), block, message))?;
        blocks.remove(block);
    }
    let manifest = super::Manifest {
        blocks: named,
        ..manifest
    };
    let own_messages = messages::read_own(&own.label, &files)?;
    for (lang, messages) in &own_messages {
        all_messages
            .entry(lang.clone())
            .or_default()
            .extend(messages.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    messages::check_languages(&own.label, &manifest, &own_messages, &all_messages)?;
    Ok(Template {
        manifest,
        origin: own.origin.clone(),
        body,
        partials: partials.into_iter().collect(),
        blocks,
        messages: all_messages,
        files: own.files.clone(),
        ancestors,
    })
}

/// Whether `block` is one the template declares: a position and one of
/// its sections.
fn check_block(
    sections: &[String],
    block: &str,
    template: &str,
    extends: Option<&str>,
) -> Result<(), String> {
    let declared = |s: &str| sections.iter().any(|k| k == s);
    if let Some((position, section)) = block.split_once('/') {
        if POSITIONS.contains(&position) && declared(section) {
            return Ok(());
        }
    }
    let owner = extends.unwrap_or(template);
    if sections.is_empty() {
        return Err(format!(
            "`{block}` is not a block: template `{owner}` declares no sections, so it has no blocks"
        ));
    }
    Err(format!(
        "`{block}` is not a block of template `{owner}`; a block is a position ({}) and one \
         of its sections: {}",
        POSITIONS.join(", "),
        sections.join(", ")
    ))
}
