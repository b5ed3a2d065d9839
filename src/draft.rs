//! Drafting: one dataset and one template through every stage to the bytes of each format.
//!
//! A [`Drafter`] is built once per process: it registers every template and
//! every plugin partial with a Handlebars engine per template, so that
//! drafting a batch re-registers nothing.

use std::collections::BTreeMap;

use handlebars::Context;
use hrdraft_sdk::{Dataset, Date, DocumentInfo, Section};
use serde_json::{json, Map, Value};

use crate::document::{self, Block, Document, Inline, Metadata};
use crate::plugin_host::{PluginError, Registry};
use crate::render::{self, Engine};
use crate::template::{messages, requires, Template, TemplateError, TemplateSet};
use crate::write::{WriteError, WriteOptions, Writer};

/// Why a document could not be drafted.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// The template set or a template is wrong.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A plugin failed.
    #[error("plugin `{name}` failed: {source}")]
    Plugin {
        /// The plugin.
        name: String,
        /// What went wrong.
        source: PluginError,
    },
    /// The template could not be rendered.
    #[error(transparent)]
    Render(#[from] render::RenderError),
    /// The rendered Markdown could not be read as a document.
    #[error("template `{template}` produced Markdown that cannot be laid out: {source}")]
    Parse {
        /// The template.
        template: String,
        /// What is wrong.
        source: document::ParseError,
        /// The Markdown, so the error can show its line.
        markdown: String,
    },
    /// A writer failed.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The dataset could not be turned into the JSON templates read.
    #[error("the dataset cannot be given to templates as JSON: {0}")]
    Context(String),
    /// The template rendered nothing to lay out.
    #[error("template `{template}` produced an empty document; check its {{{{#if}}}} blocks and the dataset it was given")]
    Empty {
        /// The template.
        template: String,
    },
    /// The dataset lacks what the template needs.
    #[error("template `{template}` needs {file} ({holds}), which {country} does not have")]
    Missing {
        /// The template.
        template: String,
        /// The country.
        country: String,
        /// The file that is missing.
        file: &'static str,
        /// What the file must hold.
        holds: &'static str,
    },
    /// documents.toml names a section the template does not have.
    #[error("documents.toml: the {template} document's {field} names section `{section}`, which the template does not have; its sections are {known}")]
    UnknownSection {
        /// The template.
        template: String,
        /// The field: `documents[N].paragraphs[M].section` or `documents[N].omit[M]`.
        field: String,
        /// The section named.
        section: String,
        /// The template's sections.
        known: String,
    },
    /// The template has no wording in the language asked for.
    #[error("template `{template}` is not available in `{lang}`; it is available in {available}")]
    Language {
        /// The template.
        template: String,
        /// The language asked for.
        lang: String,
        /// The languages it has.
        available: String,
    },
}

/// What to draft.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    /// The template's name.
    pub template: &'a str,
    /// Language; the document's own (documents.toml) or "en" when `None`.
    pub lang: Option<&'a str>,
    /// Values from `--set key=value`, under `vars` in the context.
    pub vars: Map<String, Value>,
}

/// A drafted document: its Markdown, its model, and how many pages the PDF has.
#[derive(Debug, Clone)]
pub struct Drafted {
    /// The rendered template.
    pub markdown: String,
    /// The parsed document.
    pub document: Document,
}

/// What [`Drafter::write`] wrote.
pub struct Written {
    /// Each format's writer with the bytes it wrote.
    pub files: Vec<(&'static dyn Writer, Vec<u8>)>,
    /// Pages of the PDF, when one was written.
    pub pages: Option<u32>,
    /// What the user should know about a format written with a loss, by
    /// its writer's name: the characters the PDF's font cannot show.
    pub warnings: Vec<(&'static str, String)>,
}

/// Templates and plugins, registered once.
pub struct Drafter {
    templates: TemplateSet,
    plugins: Registry,
    engines: BTreeMap<String, Engine>,
    /// The templates whose sources never name the dataset (see [`reads_dataset`]).
    skips_dataset: Vec<String>,
}

impl Drafter {
    /// Register every template of `templates` with the partials of every plugin.
    pub fn new(templates: TemplateSet, plugins: Registry) -> Result<Drafter, DraftError> {
        Drafter::build(templates, plugins, None)
    }

    /// Register only the templates named in `only` (those a command will
    /// draft): compiling a template costs milliseconds, which a one-document
    /// command should not spend on the others. Names not in the set are
    /// left for [`Drafter::draft`] to report.
    pub fn new_for(
        templates: TemplateSet,
        plugins: Registry,
        only: &[&str],
    ) -> Result<Drafter, DraftError> {
        Drafter::build(templates, plugins, Some(only))
    }

    fn build(
        templates: TemplateSet,
        plugins: Registry,
        only: Option<&[&str]>,
    ) -> Result<Drafter, DraftError> {
        let engines = engines(&templates, &plugins, only)?;
        let skips_dataset = skips_dataset(&templates, &plugins);
        Ok(Drafter {
            templates,
            plugins,
            engines,
            skips_dataset,
        })
    }

    /// Stop any render that writes more than `bytes` of Markdown (default
    /// [`render::MAX_OUTPUT_BYTES`]).
    pub fn set_output_limit(&mut self, bytes: usize) {
        for engine in self.engines.values_mut() {
            engine.set_output_limit(bytes);
        }
    }

    /// Put a new set of templates in place of the old, keeping the plugins
    /// loaded (watch mode re-reads the templates being edited).
    pub fn set_templates(&mut self, templates: TemplateSet) -> Result<(), DraftError> {
        let registered: Vec<String> = self.engines.keys().cloned().collect();
        let only: Vec<&str> = registered.iter().map(String::as_str).collect();
        self.engines = engines(&templates, &self.plugins, Some(&only))?;
        self.skips_dataset = skips_dataset(&templates, &self.plugins);
        self.templates = templates;
        Ok(())
    }

    /// The templates.
    pub fn templates(&self) -> &TemplateSet {
        &self.templates
    }

    /// The plugins.
    pub fn plugins(&self) -> &Registry {
        &self.plugins
    }

    /// Whether `dataset` has what `template` needs; the first section it
    /// lacks if not (see [`Template::lacking`]).
    pub fn missing(&self, dataset: &Dataset, template: &Template) -> Option<Section> {
        template.lacking(dataset).first().copied()
    }

    /// The whole context a template sees: the dataset, the document's own
    /// facts, and every plugin's findings.
    pub fn context(&self, dataset: &Dataset, request: &Request<'_>) -> Result<Value, DraftError> {
        self.context_traced(dataset, request, &mut |_, _| {})
    }

    /// [`Drafter::context`], telling `ran` each plugin's name and time taken
    /// (for `--verbose`).
    pub fn context_traced(
        &self,
        dataset: &Dataset,
        request: &Request<'_>,
        ran: &mut dyn FnMut(&str, std::time::Duration),
    ) -> Result<Value, DraftError> {
        let template = self.templates.get(request.template)?;
        if let Some(section) = self.missing(dataset, template) {
            return Err(DraftError::Missing {
                template: request.template.to_string(),
                country: dataset.country.name.clone(),
                file: section.file_name(),
                holds: requires::what_it_holds(section),
            });
        }
        let info = dataset.document(request.template);
        if let Some(info) = info {
            unknown_sections(template, info)?;
        }
        // The document's language, as asked for or given in documents.toml
        // ("en-GB"); the template's wording is that of its language ("en").
        let language = request
            .lang
            .map(str::to_string)
            .or_else(|| info.and_then(|d| d.language.clone()))
            .unwrap_or_else(|| "en".to_string());
        let Some(lang) = template
            .manifest
            .language_for(&language)
            .map(str::to_string)
        else {
            return Err(DraftError::Language {
                template: request.template.to_string(),
                lang: language,
                available: template.manifest.languages.join(", "),
            });
        };
        let mut document = document_facts(dataset, info);
        document["language"] = Value::String(language.clone());
        // Every plugin learns the document's date, since a letter speaks of
        // what had happened by the day it is dated, and its language.
        let options = crate::sdk::Options::new()
            .with("as_of", document["date"].clone())
            .with("lang", language)
            .with("template", request.template);
        // The plugins run at once, each on its own thread: they only read the
        // dataset, and their results are taken in the manifest's order, so the
        // context (and the first error reported) is the same as one by one.
        let run_one = |name: &String| {
            let started = std::time::Instant::now();
            let value = self.plugins.run(name, dataset, &options);
            (value, started.elapsed())
        };
        let names = &template.manifest.plugins;
        let whole = !self.skips_dataset.contains(&template.manifest.name);
        let (results, dataset_json) = std::thread::scope(|scope| {
            // The dataset as templates see it is built meanwhile too; a
            // template that never names it gets only the sources its
            // citations are drawn from.
            let dataset_json = scope.spawn(move || {
                if whole {
                    serde_json::to_value(dataset)
                } else {
                    Ok(json!({ "sources": dataset.sources }))
                }
            });
            let rest: Vec<_> = names
                .iter()
                .skip(1)
                .map(|name| scope.spawn(move || run_one(name)))
                .collect();
            let mut results = Vec::with_capacity(names.len());
            results.extend(names.first().map(run_one));
            for h in rest {
                // A plugin that panicked despite the host's guard panics here, as it would have unthreaded.
                results.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            }
            let dataset_json = dataset_json
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (results, dataset_json)
        });
        let mut plugins = Map::new();
        for (name, (value, took)) in names.iter().zip(results) {
            let value = value.map_err(|source| DraftError::Plugin {
                name: name.to_string(),
                source,
            })?;
            ran(name, took);
            plugins.insert(name.to_string(), value);
        }
        let msg = messages::to_json(&messages::merged(&template.messages, &lang));
        let dataset_json = dataset_json.map_err(|e| DraftError::Context(e.to_string()))?;
        let mut context = json!({
            "lang": lang,
            "msg": msg,
            "template": {
                "name": template.manifest.name,
                "title": template.manifest.title,
            },
            "country": dataset.country,
            "state": dataset.country.names(),
            "document": document,
        });
        // Moved in, not given to `json!`, which would copy them through
        // serde: they are nearly all of the context.
        if let Value::Object(map) = &mut context {
            map.insert("dataset".into(), dataset_json);
            map.insert("plugins".into(), Value::Object(plugins));
            map.insert("vars".into(), Value::Object(request.vars.clone()));
        }
        Ok(context)
    }

    /// Render the template over the context and parse the result.
    pub fn draft(&self, dataset: &Dataset, request: &Request<'_>) -> Result<Drafted, DraftError> {
        let context = self.context(dataset, request)?;
        // Moved, not copied: on a large dataset the context is the largest
        // thing in memory.
        self.draft_owned(request.template, context)
    }

    /// Render and parse with a context already built (see [`Drafter::context`]),
    /// taking it: the context is freed as soon as the template is rendered,
    /// before the Markdown is parsed, so that on a large dataset the largest
    /// thing in memory is not held beside the document.
    pub fn draft_owned(&self, template: &str, context: Value) -> Result<Drafted, DraftError> {
        let wrapped = Context::from(context);
        let rendered = self.render_all(template, &wrapped);
        // Freed here, not on another thread: the allocator returns memory
        // freed by another thread only when this one next collects, and at
        // 100,000 recommendations that left the context alive beside the
        // document (2.5 GB at the peak against 2.0).
        drop(wrapped);
        self.parse_rendered(template, rendered?)
    }

    /// Render and parse with a context already built (see [`Drafter::context`]).
    pub fn draft_with_context(
        &self,
        template: &str,
        context: &Value,
    ) -> Result<Drafted, DraftError> {
        let rendered = self.render_all(template, &Context::from(context.clone()))?;
        self.parse_rendered(template, rendered)
    }

    /// The body, the plain title and the document's facts, which is all
    /// that is needed of the context.
    fn render_all(&self, template: &str, wrapped: &Context) -> Result<Rendered, DraftError> {
        let context = wrapped.data();
        let t = self.templates.get(template)?;
        let engine = self.engines.get(template).ok_or_else(|| {
            TemplateError::Invalid(format!("template `{template}` is not registered"))
        })?;
        let markdown = engine.render_context(template, wrapped)?;
        // The document's own tag ("en-GB"), else its wording's ("en").
        let language = context["document"]["language"]
            .as_str()
            .or_else(|| context["lang"].as_str())
            .unwrap_or("en")
            .to_string();
        // The title and subject are rendered as Markdown like the body, with
        // dataset values escaped; the file's properties want their plain text.
        let plain = |name: String| {
            let markdown = engine.render_context(&name, wrapped)?;
            plain_text(&markdown, &language).map_err(|source| DraftError::Parse {
                template: name,
                source,
                markdown,
            })
        };
        let title = if t.manifest.document_title.is_some() {
            plain(title_name(template))?
        } else {
            t.manifest.title.clone()
        };
        let subject = if engine.has_template(&subject_name(template)) {
            plain(subject_name(template))?
        } else {
            t.manifest.title.clone()
        };
        let meta = Metadata {
            title: title.trim().to_string(),
            author: context["document"]["author"]["organisation"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            subject: Some(subject),
            language,
            created: created(context),
        };
        Ok(Rendered { markdown, meta })
    }

    fn parse_rendered(&self, template: &str, rendered: Rendered) -> Result<Drafted, DraftError> {
        let Rendered { markdown, meta } = rendered;
        let mut document = match document::parse_in(&markdown, &meta.language) {
            Ok(d) => d,
            Err(source) => {
                return Err(DraftError::Parse {
                    template: template.to_string(),
                    source,
                    markdown,
                })
            }
        };
        if document.blocks.is_empty() {
            return Err(DraftError::Empty {
                template: template.to_string(),
            });
        }
        document.meta = meta;
        document.page = self.templates.get(template)?.manifest.page.settings()?;
        Ok(Drafted { markdown, document })
    }

    /// Write a drafted document in each format.
    ///
    /// The DOCX shows the PDF's page numbers in its page references until
    /// Word updates the fields, so a DOCX with page references waits for the
    /// PDF's layout (or a layout of its own when no PDF is written); every
    /// other format is written at once, each on its own thread.
    pub fn write(
        &self,
        drafted: &Drafted,
        formats: &[&'static dyn Writer],
    ) -> Result<Written, DraftError> {
        let doc = &drafted.document;
        let wants_pdf = formats.iter().any(|w| w.name() == "pdf");
        let waits = |w: &&'static dyn Writer| w.name() == "docx" && doc.has_page_refs();
        let plain = WriteOptions::default();
        let mut results: Vec<Option<Result<Vec<u8>, WriteError>>> =
            formats.iter().map(|_| None).collect();
        let mut pages = None;
        std::thread::scope(|scope| -> Result<(), DraftError> {
            // Results come back in the order of `formats`, whatever order they finish in.
            let spawned: Vec<_> = formats
                .iter()
                .enumerate()
                .filter(|(_, w)| w.name() != "pdf" && !waits(w))
                .map(|(i, w)| (i, scope.spawn(|| w.write(doc, &plain))))
                .collect();
            let anchors = if wants_pdf {
                let rendered = crate::write::pdf::render(doc)?;
                pages = Some(rendered.pages);
                if let Some(i) = formats.iter().position(|w| w.name() == "pdf") {
                    results[i] = Some(Ok(rendered.bytes));
                }
                Some(rendered.anchors)
            } else if formats.iter().any(waits) {
                Some(crate::write::pdf::anchor_pages(doc)?)
            } else {
                None
            };
            if let Some(anchors) = anchors {
                let options = WriteOptions {
                    anchor_pages: anchors.into_iter().collect(),
                };
                for (i, w) in formats.iter().enumerate().filter(|(_, w)| waits(w)) {
                    results[i] = Some(w.write(doc, &options));
                }
            }
            for (i, h) in spawned {
                // A writer that panicked panics here, as it would have unthreaded.
                results[i] = Some(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            }
            Ok(())
        })?;
        let mut files = Vec::with_capacity(formats.len());
        for (w, bytes) in formats.iter().zip(results) {
            if let Some(bytes) = bytes {
                files.push((*w, bytes?));
            }
        }
        // A character the PDF can only show as a replacement mark, or text
        // it draws unshaped, is said, never lost silently.
        let warnings = if wants_pdf {
            crate::write::pdf::missing_glyphs(doc)
                .messages()
                .into_iter()
                .map(|m| ("pdf", m))
                .collect()
        } else {
            Vec::new()
        };
        Ok(Written {
            files,
            pages,
            warnings,
        })
    }
}

/// The sections a document's paragraphs and `omit` name must be the
/// template's own, when its manifest lists them: a misspelt name would
/// otherwise drop the author's paragraph without a word.
fn unknown_sections(template: &Template, info: &DocumentInfo) -> Result<(), DraftError> {
    let known = &template.manifest.sections;
    if known.is_empty() {
        return Ok(());
    }
    let named = info
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("paragraphs[{i}].section"), &p.section))
        .chain(
            info.omit
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("omit[{i}]"), s)),
        );
    for (field, section) in named {
        if !known.iter().any(|k| k == section) {
            return Err(DraftError::UnknownSection {
                template: template.manifest.name.clone(),
                field,
                section: section.clone(),
                known: known.join(", "),
            });
        }
    }
    Ok(())
}

/// A template rendered: its Markdown and the document's facts.
struct Rendered {
    markdown: String,
    meta: Metadata,
}

/// Free `value` on a thread of its own. A large dataset is millions of
/// small allocations, which take a 100,000-recommendation document a good
/// part of a second to free; nothing needs to wait for that.
pub fn free_later<T: Send + 'static>(value: T) {
    // Where no thread can be started, the closure, value and all, is dropped here.
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}

/// The plain text of a line of Markdown in `language`: escapes resolved,
/// emphasis dropped, quotes curled as in the document.
fn plain_text(markdown: &str, language: &str) -> Result<String, document::ParseError> {
    let doc = document::parse_in(markdown, language)?;
    let mut parts = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                parts.push(Inline::plain_text(content));
            }
            Block::Lines { lines, .. } => {
                parts.extend(lines.iter().map(|l| Inline::plain_text(l)));
            }
            _ => {}
        }
    }
    Ok(parts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" "))
}

/// One Handlebars engine per template, each with the plugins' partials and its own.
fn engines(
    templates: &TemplateSet,
    plugins: &Registry,
    only: Option<&[&str]>,
) -> Result<BTreeMap<String, Engine>, DraftError> {
    let plugin_partials = plugins.partials();
    let mut engines = BTreeMap::new();
    for t in templates.iter() {
        if only.is_some_and(|o| !o.contains(&t.manifest.name.as_str())) {
            continue;
        }
        let mut engine = Engine::new();
        engine.set_citation_repeat(t.manifest.citations.repeat);
        for (name, source) in &plugin_partials {
            engine.register_partial(name, source)?;
        }
        for (name, source) in &t.partials {
            engine.register_partial(name, source)?;
        }
        for (lang, messages) in &t.messages {
            engine
                .register_messages(lang, messages.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        }
        if t.messages.values().any(|m| m.contains_key(SUBJECT)) {
            engine.register_template(
                &subject_name(&t.manifest.name),
                &format!("{{{{t \"{SUBJECT}\"}}}}"),
            )?;
        }
        engine.register_template(&t.manifest.name, &t.body)?;
        if let Some(title) = &t.manifest.document_title {
            engine.register_template(&title_name(&t.manifest.name), title)?;
        }
        engines.insert(t.manifest.name.clone(), engine);
    }
    Ok(engines)
}

/// The templates that can be drafted without the dataset under `dataset`
/// in their context: none of their sources (body, partials, messages,
/// title, and every plugin's partials) contains the word `dataset` or uses
/// `@root` as a whole. On a large dataset that copy of it is most of the
/// context, in time and memory, and most templates reach the dataset
/// through their plugins and the root's `country` and `document`.
fn skips_dataset(templates: &TemplateSet, plugins: &Registry) -> Vec<String> {
    let plugin_partials = plugins.partials();
    templates
        .iter()
        .filter(|t| {
            let mut sources = vec![t.body.as_str()];
            sources.extend(t.partials.iter().map(|(_, s)| s.as_str()));
            sources.extend(plugin_partials.iter().map(|(_, s)| s.as_str()));
            sources.extend(
                t.messages
                    .values()
                    .flat_map(|m| m.values().map(String::as_str)),
            );
            sources.extend(t.manifest.document_title.as_deref());
            !sources.iter().any(|s| reads_dataset(s))
        })
        .map(|t| t.manifest.name.clone())
        .collect()
}

/// Whether a template source may read the context's `dataset`: it names it,
/// or it takes `@root` whole (`{{#each @root}}`), which could reach it.
fn reads_dataset(source: &str) -> bool {
    source.contains("dataset")
        || source
            .match_indices("@root")
            .any(|(i, m)| !matches!(source.as_bytes().get(i + m.len()), Some(b'.' | b'/')))
}

fn title_name(template: &str) -> String {
    format!("{template}#title")
}

/// The message that, when a template has it, is the document's subject.
const SUBJECT: &str = "document.subject";

fn subject_name(template: &str) -> String {
    format!("{template}#subject")
}

/// The document's date, references, addressees and signatories, resolved.
fn document_facts(dataset: &Dataset, info: Option<&DocumentInfo>) -> Value {
    let author = info
        .and_then(|d| d.author.clone())
        .or_else(|| dataset.documents.author.clone());
    let addressees: Vec<Value> = info
        .map(|d| {
            d.addressees
                .iter()
                .filter_map(|id| dataset.addressee(id))
                .map(|a| json!(a))
                .collect()
        })
        .unwrap_or_default();
    let date = info.map(|d| d.date).unwrap_or_else(default_date);
    json!({
        "date": date,
        "reference": info.and_then(|d| d.reference.clone()),
        "reference_label": info.and_then(|d| d.reference_label.clone()),
        "index": info.and_then(|d| d.index.clone()),
        "index_label": info.and_then(|d| d.index_label.clone()),
        "dateline": info.and_then(|d| d.dateline),
        "salutation": info.and_then(|d| d.salutation.clone()),
        "previous_letter": info.and_then(|d| d.previous_letter),
        "paragraphs": info.map(|d| d.paragraphs.clone()).unwrap_or_default(),
        // The sections the author wrote for, so that a template can tell
        // that a section has content of the author's (`lookup`).
        "authored": info
            .map(|d| {
                d.paragraphs
                    .iter()
                    .map(|p| (p.section.clone(), Value::Bool(true)))
                    .collect::<Map<String, Value>>()
            })
            .unwrap_or_default(),
        "omit": info.map(|d| d.omit.clone()).unwrap_or_default(),
        "language": info.and_then(|d| d.language.clone()),
        // The language the author's paragraphs are written in unless they
        // say otherwise: the document's own, as documents.toml gives it.
        "paragraphs_language": info
            .and_then(|d| d.language.clone())
            .unwrap_or_else(|| "en".to_string()),
        "addressees": addressees,
        "signatories": info.map(|d| d.signatories.clone()).unwrap_or_default(),
        "on_behalf_of": info.map(|d| d.on_behalf_of.clone()).unwrap_or_default(),
        "copy_to": info.and_then(|d| d.copy_to.clone()),
        "author": author,
    })
}

/// The date of a document the dataset gives no date for: the day of
/// `SOURCE_DATE_EPOCH` when set (for reproducible builds), otherwise today.
fn default_date() -> Date {
    let seconds = source_date_epoch().unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
    });
    Date::from_days_since_epoch(seconds.div_euclid(86_400)).unwrap_or(Date {
        year: 1970,
        month: Some(1),
        day: Some(1),
    })
}

fn source_date_epoch() -> Option<i64> {
    crate::env::source_date_epoch().ok().flatten()
}

/// The moment written into files' timestamps: `SOURCE_DATE_EPOCH` if set,
/// else noon (UTC) of the document's date, so the same input gives the same bytes.
fn created(context: &Value) -> i64 {
    if let Some(s) = source_date_epoch() {
        return s;
    }
    context["document"]["date"]
        .as_str()
        .and_then(|d| d.parse::<Date>().ok())
        .map_or(0, |d| d.days_since_epoch() * 86_400 + 12 * 3600)
}
