//! The pipeline: one dataset and one template through every stage to the
//! bytes of each format. Every command that drafts (`render`, `draft`,
//! `context`, `convert`'s write stage, `watch`) goes through it.
//!
//! The stages, in order, each one module's:
//!
//! 1. load and validate the dataset ([`crate::dataset`]), outside the
//!    pipeline: a batch loads each dataset once for all its templates;
//! 2. [`Pipeline::context`]: check the dataset has what the template needs
//!    ([`crate::template::requires`]), run the template's plugins
//!    ([`crate::plugin_host`]) and assemble the template's context
//!    ([`crate::context`]);
//! 3. [`Pipeline::draft`]: render the template over the context
//!    ([`crate::render`]) and parse the Markdown into the document model
//!    ([`crate::document`]);
//! 4. [`Pipeline::write`]: the write stage ([`crate::write::write_formats`]),
//!    which paginates when a writer needs page numbers, then writes every
//!    format in memory, or the PDF into the file a [`Request::file_for`]
//!    gives;
//! 5. put the files on disk, all of a document's formats or none
//!    ([`crate::output`]).
//!
//! A [`Plan`] is the batch (datasets × templates) that [`Pipeline::run`]
//! takes through stages 2–4 on worker threads.
//!
//! A [`Pipeline`] is built once per process: it sets up a Handlebars engine
//! per template, with every plugin partial, so that drafting a batch
//! re-registers nothing.

mod plan;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use handlebars::Context as Wrapped;
use hrdraft_sdk::{Dataset, DocumentInfo, Section};
use serde_json::{json, Map, Value};

use crate::context::{self, Context, Facts, Parts};
use crate::document::{self, Block, Document, Inline, Metadata};
use crate::lint;
use crate::plugin_host::{PluginError, PluginKind, Registry};
use crate::render::{self, Engine, OnceLists};
use crate::template::{messages, requires, Analysis, Template, TemplateError, TemplateSet};
use crate::write::{self, WriteError, Writer, Written};

/// The number of UPR recommendations from which `render` and `draft` trim
/// a context to what its template reads (see [`Pipeline::set_trim_from`]). Below it, the
/// findings are small and reading the template's sources to find what it
/// reads costs more than it saves (a letter's wording is four times its
/// body).
pub const TRIM_FROM: usize = 2_000;

pub use plan::{set_aside_by_default, Event, Finish, Job, JobFiles, Plan, Skipped};

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
    /// The document's date, in place of its documents.toml date
    /// (`--as-of`): what the document speaks of is what was known then.
    pub as_of: Option<hrdraft_sdk::Date>,
    /// Draft for review as well (`--review`): the dataset's directory, in
    /// which the review copies place each entry (see [`crate::review`]).
    pub review: Option<&'a std::path::Path>,
    /// Where the PDF is written as it is made, rather than in memory (see
    /// [`write::FileFor`]); `None`: every format in memory.
    pub file_for: Option<write::FileFor<'a>>,
}

/// A drafted document: its Markdown and its model.
#[derive(Debug, Clone)]
pub struct Drafted {
    /// The rendered template.
    pub markdown: String,
    /// The parsed document.
    pub document: Document,
    /// Every source the template and the author's paragraphs cited, in order.
    pub citations: Vec<render::Citation>,
}

/// Templates and plugins, set up once.
pub struct Pipeline {
    templates: TemplateSet,
    plugins: Registry,
    engines: BTreeMap<String, Engines>,
    /// The most Markdown a render may write, when set (see [`Pipeline::set_output_limit`]).
    output_limit: Option<usize>,
    /// The templates that read the context's `dataset` (see [`Template::reads_dataset`]).
    read_dataset: Vec<String>,
    /// Whether [`Pipeline::produce`] lints each document (see [`Pipeline::set_lint`]).
    lint: bool,
    /// The number of UPR recommendations from which a context holds only
    /// what its template reads of the plugins' findings (see
    /// [`Pipeline::set_trim_from`]); `usize::MAX`: never.
    trim_from: usize,
    /// The reference DOCX every document takes its letterhead from, if any
    /// (see [`Pipeline::set_reference_docx`]).
    reference: Option<write::docx::ReferenceDocx>,
}

impl Pipeline {
    /// Set up every template of `templates` with the partials of every plugin.
    pub fn new(templates: TemplateSet, plugins: Registry) -> Result<Pipeline, DraftError> {
        Pipeline::build(templates, plugins, None)
    }

    /// Set up only the templates named in `only` (those a command will
    /// draft): compiling a template costs milliseconds, which a one-document
    /// command should not spend on the others. Names not in the set are
    /// left for [`Pipeline::draft`] to report.
    pub fn new_for(
        templates: TemplateSet,
        plugins: Registry,
        only: &[&str],
    ) -> Result<Pipeline, DraftError> {
        Pipeline::build(templates, plugins, Some(only))
    }

    /// [`Pipeline::new_for`] without compiling the templates: a command
    /// compiles them with [`Pipeline::compile`], on one thread, while
    /// another loads the dataset and builds the context, which need the
    /// templates' manifests and the plugins but not the compiled
    /// templates. A template not compiled by the time it is drafted is
    /// compiled then.
    pub fn uncompiled_for(
        templates: TemplateSet,
        plugins: Registry,
        only: &[&str],
    ) -> Result<Pipeline, DraftError> {
        Pipeline::set_up(templates, plugins, Some(only))
    }

    fn build(
        templates: TemplateSet,
        plugins: Registry,
        only: Option<&[&str]>,
    ) -> Result<Pipeline, DraftError> {
        let pipeline = Pipeline::set_up(templates, plugins, only)?;
        pipeline.compile()?;
        Ok(pipeline)
    }

    /// A pipeline of `templates` (those in `only`, when given), none compiled yet.
    fn set_up(
        templates: TemplateSet,
        plugins: Registry,
        only: Option<&[&str]>,
    ) -> Result<Pipeline, DraftError> {
        let (engines, read_dataset) = engines(&templates, &plugins, only)?;
        Ok(Pipeline {
            templates,
            plugins,
            engines,
            output_limit: None,
            read_dataset,
            lint: false,
            trim_from: usize::MAX,
            reference: None,
        })
    }

    /// Compile every template set up and not compiled yet, with its wording
    /// in English; the first that does not compile is the error.
    /// Templates are compiled on as many threads as there are cores, so a
    /// batch's three templates take the time of two.
    pub fn compile(&self) -> Result<(), DraftError> {
        self.compile_until(&|| false)?;
        Ok(())
    }

    /// [`Pipeline::compile`], but once every template's body and partials
    /// are compiled its wording is compiled only until `stop` says to
    /// stop: what is left is compiled where a document uses it, and by
    /// [`Pipeline::compile_wording`]. A command compiles so while another
    /// thread loads the dataset. Whether all the wording was compiled.
    pub fn compile_until(&self, stop: &(dyn Fn() -> bool + Sync)) -> Result<bool, DraftError> {
        let mut slots = Vec::with_capacity(self.engines.len());
        for (name, engines) in &self.engines {
            slots.push((self.templates.get(name)?, engines));
        }
        on_every_core(slots.len(), |i| {
            // The result stays in the engine's slot.
            let _ = self.base(slots[i].0, slots[i].1);
        });
        // The first that does not compile, in the templates' order, whatever
        // order they were compiled in.
        for &(template, engines) in &slots {
            self.base(template, engines)?;
        }
        let stopped = std::cell::Cell::new(false);
        let watch = || {
            stopped.set(stopped.get() || stop());
            stopped.get()
        };
        for (template, engines) in slots {
            self.base(template, engines)?.compile_messages(&watch)?;
        }
        Ok(!stopped.get())
    }

    /// Compile what is left of the wording of `template` in English and,
    /// when it is drafted in another language, in that one: a message that
    /// does not compile is an error even where no document uses it.
    pub fn compile_wording(&self, template: &str, lang: &str) -> Result<(), DraftError> {
        let t = self.templates.get(template)?;
        let engine = self.engine(t, lang)?;
        engine.compile_messages(&|| false)?;
        if lang != messages::FALLBACK {
            if let Some(engines) = self.engines.get(template) {
                self.base(t, engines)?.compile_messages(&|| false)?;
            }
        }
        Ok(())
    }

    /// Stop any render that writes more than `bytes` of Markdown (default
    /// [`render::MAX_OUTPUT_BYTES`]).
    pub fn set_output_limit(&mut self, bytes: usize) {
        self.output_limit = Some(bytes);
        for engines in self.engines.values_mut() {
            let built = std::iter::once(&mut engines.base)
                .chain(engines.by_lang.values_mut())
                .filter_map(OnceLock::get_mut);
            for engine in built.filter_map(|e| e.as_mut().ok()) {
                engine.set_output_limit(bytes);
            }
        }
    }

    /// Put a new set of templates in place of the old, keeping the plugins
    /// loaded (watch mode re-reads the templates being edited).
    pub fn set_templates(&mut self, templates: TemplateSet) -> Result<(), DraftError> {
        let registered: Vec<String> = self.engines.keys().cloned().collect();
        let only: Vec<&str> = registered.iter().map(String::as_str).collect();
        let (engines, read_dataset) = engines(&templates, &self.plugins, Some(&only))?;
        let old = (
            std::mem::replace(&mut self.engines, engines),
            std::mem::replace(&mut self.read_dataset, read_dataset),
            std::mem::replace(&mut self.templates, templates),
        );
        // The new set is compiled as `new` compiles it (with the output
        // limit set); one that does not compile leaves the old in place.
        if let Err(e) = self.compile() {
            (self.engines, self.read_dataset, self.templates) = old;
            return Err(e);
        }
        Ok(())
    }

    /// Give every document drafted from now on the letterhead of a
    /// reference DOCX (`--reference-docx`): the DOCX takes its styles,
    /// headers and footers, and the logo in its header becomes the
    /// document's logo in every format.
    pub fn set_reference_docx(&mut self, reference: Option<write::docx::ReferenceDocx>) {
        self.reference = reference;
    }

    /// Lint every document [`Pipeline::produce`] drafts, reporting the
    /// warnings as [`Event::Linted`] (off by default).
    pub fn set_lint(&mut self, on: bool) {
        self.lint = on;
    }

    /// Build the contexts of datasets of `recommendations` UPR
    /// recommendations or more with only what their template reads of
    /// each plugin's findings, for documents drafted without review or
    /// lint. The document is the same; the context of the
    /// 100,000-recommendation MIA is less than half the size. Each plugin
    /// is told what is read (the option `reads`, docs/plugins.md) and may
    /// leave the rest out as it works; what it returns is trimmed again.
    /// A template whose sources do not say what they read
    /// ([`Template::reads_plugins`]) gets the findings whole. `hrdraft
    /// render` and `draft` set [`TRIM_FROM`]; by default, and for
    /// `context`, `lint` and `explain`, contexts are whole.
    pub fn set_trim_from(&mut self, recommendations: usize) {
        self.trim_from = recommendations;
    }

    /// What `template` reads of its plugins' findings, when the context for
    /// `dataset` and `request` is to hold no more (see [`Pipeline::set_trim_from`]).
    fn reads_for(
        &self,
        template: &Template,
        dataset: &Dataset,
        request: &Request<'_>,
    ) -> Option<&Analysis> {
        let large = dataset.upr.recommendations.len() >= self.trim_from;
        if !large || self.lint || request.review.is_some() {
            return None;
        }
        let engines = self.engines.get(&template.manifest.name)?;
        engines
            .reads
            .get_or_init(|| template.analyse_plugins(&self.plugins.partials()))
            .as_ref()
            .ok()
    }

    /// Stages 2 and 3, then the lint of the document drafted ([`crate::lint`]).
    pub fn lint(
        &self,
        dataset: &Dataset,
        request: &Request<'_>,
    ) -> Result<(Drafted, Vec<lint::Warning>), DraftError> {
        let context = self.context(dataset, request)?;
        let (drafted, (warnings, _)) =
            self.draft_linted(dataset, request.template, context, false)?;
        Ok((drafted, warnings))
    }

    /// Stage 3 with a context already built, and the lint of its document
    /// with the time it took; the context is kept until the lint has read it.
    fn draft_linted(
        &self,
        dataset: &Dataset,
        template: &str,
        context: Context,
        review: bool,
    ) -> Result<(Drafted, (Vec<lint::Warning>, std::time::Duration)), DraftError> {
        let Context { json, facts } = context;
        let wrapped = Wrapped::from(json);
        // Linted documents are never trimmed: nothing is taken out.
        let rendered = self.render(template, &wrapped, facts, review, OnceLists::default())?;
        let drafted = self.parse(template, rendered)?;
        let started = std::time::Instant::now();
        let t = self.templates.get(template)?;
        let wording = wording(t, &self.plugins);
        let warnings = lint::lint(&lint::Input {
            dataset,
            entry: dataset.document(t.document_name(dataset)),
            document: &drafted.document,
            citations: &drafted.citations,
            context: wrapped.data(),
            wording: &wording,
        });
        Ok((drafted, (warnings, started.elapsed())))
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

    /// Stage 2: the whole context a template sees: the dataset, the
    /// document's own facts, and every plugin's findings.
    pub fn context(&self, dataset: &Dataset, request: &Request<'_>) -> Result<Context, DraftError> {
        self.context_traced(dataset, request, &mut |_, _| {})
    }

    /// [`Pipeline::context`], telling `ran` each plugin's name and time taken
    /// (for `--verbose`).
    pub fn context_traced(
        &self,
        dataset: &Dataset,
        request: &Request<'_>,
        ran: &mut dyn FnMut(&str, std::time::Duration),
    ) -> Result<Context, DraftError> {
        let Prepared {
            template,
            lang,
            document,
            options,
        } = prepare(&self.templates, dataset, request)?;
        let whole = self.read_dataset.contains(&template.manifest.name);
        let analysis = self.reads_for(template, dataset, request);
        let reads = analysis.map(|a| &a.reads);
        let (results, dataset_json) = std::thread::scope(|scope| {
            // The dataset as templates see it is built while the plugins
            // run: as known on the document's date, as the plugins see it
            // (pledges submitted after a letter are not yet made). A
            // template that never names it gets only the sources its
            // citations are drawn from.
            let options = &options;
            let dataset_json = scope.spawn(move || {
                if whole {
                    match options.known(dataset) {
                        Ok(known) => serde_json::to_value(&*known),
                        Err(_) => serde_json::to_value(dataset),
                    }
                } else {
                    Ok(json!({ "sources": dataset.sources }))
                }
            });
            let results = self
                .plugins
                .run_all(&template.manifest.plugins, dataset, options, reads);
            let dataset_json = dataset_json
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (results, dataset_json)
        });
        let mut plugins = Map::new();
        for (name, (value, took)) in template.manifest.plugins.iter().zip(results) {
            let mut value = value.map_err(|source| DraftError::Plugin {
                name: name.to_string(),
                source,
            })?;
            // A built-in plugin leaves out what is not read as it works
            // (where its findings are large); what another returns is
            // trimmed here.
            if let Some(reads) = reads.and_then(|r| r.get(name)) {
                let builtin = self
                    .plugins
                    .get(name)
                    .is_some_and(|p| p.kind == PluginKind::BuiltIn);
                if !builtin {
                    reads.trim(&mut value);
                }
            }
            ran(name, took);
            plugins.insert(name.to_string(), value);
        }
        let dataset_json = dataset_json.map_err(|e| DraftError::Context(e.to_string()))?;
        let mut context = Context::assemble(Parts {
            dataset,
            template: (&template.manifest.name, &template.manifest.title),
            lang,
            msg: messages::to_json(&messages::merged(&template.messages, lang)),
            document,
            dataset_json,
            plugins,
            vars: request.vars.clone(),
        });
        context.facts.trimmed = reads.is_some();
        context.facts.once = analysis.map(|a| a.once.clone()).unwrap_or_default();
        Ok(context)
    }

    /// Stages 2 and 3: the context, then the template rendered over it and parsed.
    pub fn draft(&self, dataset: &Dataset, request: &Request<'_>) -> Result<Drafted, DraftError> {
        let context = self.context(dataset, request)?;
        // Moved, not copied: on a large dataset the context is the largest
        // thing in memory.
        self.draft_owned(request.template, context)
    }

    /// Stage 3 with a context already built (see [`Pipeline::context`]),
    /// taking it: the context is freed as soon as the template is rendered,
    /// before the Markdown is parsed, so that on a large dataset the largest
    /// thing in memory is not held beside the document.
    pub fn draft_owned(&self, template: &str, context: Context) -> Result<Drafted, DraftError> {
        self.draft_owned_as(template, context, false)
    }

    /// [`Pipeline::draft_owned`], with review marks when `review`.
    pub(crate) fn draft_owned_as(
        &self,
        template: &str,
        context: Context,
        review: bool,
    ) -> Result<Drafted, DraftError> {
        let Context { mut json, facts } = context;
        // The long lists read once are freed as they are rendered.
        let once = render::take_once(&mut json, &facts.once);
        let taken = !once.is_empty();
        let wrapped = Wrapped::from(json);
        let rendered = self.render(template, &wrapped, facts, review, once);
        // Freed here, not on another thread: the allocator returns memory
        // freed by another thread only when this one next collects, and at
        // 100,000 recommendations that left the context alive beside the
        // document (2.5 GB at the peak against 2.0). Freed before the
        // footnotes are appended, which copies the Markdown.
        drop(wrapped);
        if taken {
            crate::memory::give_back();
        }
        self.parse(template, rendered?)
    }

    /// Stage 3 with a context already built, leaving it to the caller.
    pub fn draft_with_context(
        &self,
        template: &str,
        context: &Context,
    ) -> Result<Drafted, DraftError> {
        let wrapped = Wrapped::from(context.json.clone());
        let rendered = self.render(
            template,
            &wrapped,
            context.facts.clone(),
            false,
            OnceLists::default(),
        )?;
        self.parse(template, rendered)
    }

    /// [`Pipeline::draft`] for review: the document keeps a review mark
    /// (`Inline::Mark`, [`Document::marks`]) on the text of each
    /// `{{#evidence}}` block and on each footnote reference, for the
    /// review copies and `explain` (see [`crate::review`]).
    pub fn draft_for_review(
        &self,
        dataset: &Dataset,
        request: &Request<'_>,
    ) -> Result<Drafted, DraftError> {
        let context = self.context(dataset, request)?;
        self.draft_owned_as(request.template, context, true)
    }

    /// The body, the plain title and subject, and the document's facts.
    fn render(
        &self,
        template: &str,
        wrapped: &Wrapped,
        facts: Facts,
        review: bool,
        once: OnceLists,
    ) -> Result<Rendered, DraftError> {
        let t = self.templates.get(template)?;
        let engine = self.engine(t, &facts.wording)?;
        // A long body is parsed in pieces on the other cores as it is
        // written (document::Stream); a short one once it is whole.
        let mut stream = document::Stream::new(
            &facts.language,
            render::separate_tables,
            render::is_note_label,
        );
        let body = engine
            .render_body_watched(template, wrapped, review, once, &mut |b| stream.grown(b))
            .map_err(|mut e| {
                // What a plugin's findings are said to hold is what was kept.
                if facts.trimmed && e.message.starts_with("`plugins.") {
                    e.message.push_str(
                        " (of what the template reads: `hrdraft context` prints all of the findings)",
                    );
                }
                e
            })?;
        stream.end_body(&body.text);
        // The title and subject are rendered as Markdown like the body, with
        // dataset values escaped; the file's properties want their plain text.
        let plain = |name: String| {
            let markdown = engine.render_context(&name, wrapped)?;
            plain_text(&markdown, &facts.language).map_err(|source| DraftError::Parse {
                template: name,
                source,
                markdown,
            })
        };
        let title = if t.manifest.document_title.is_some() {
            plain(Engine::title_name(template))?
        } else {
            t.manifest.title.clone()
        };
        let subject = if engine.has_template(&Engine::subject_name(template)) {
            plain(Engine::subject_name(template))?
        } else {
            t.manifest.title.clone()
        };
        let meta = Metadata {
            title: title.trim().to_string(),
            author: facts.author,
            subject: Some(subject),
            language: facts.language,
            names: facts.names,
            created: facts.created,
        };
        Ok(Rendered {
            body,
            stream,
            letterhead: facts.letterhead,
            meta,
        })
    }

    fn parse(&self, template: &str, rendered: Rendered) -> Result<Drafted, DraftError> {
        let Rendered {
            mut body,
            stream,
            meta,
            letterhead,
        } = rendered;
        // What the template wrote becomes the Markdown, in its own buffer.
        let markdown = body.take_markdown()?;
        let render::Body {
            marks,
            citations,
            renumbered,
            ..
        } = body;
        let parsed = match stream.finish(&markdown, renumbered) {
            Some((document, _)) => Ok(document),
            None => document::parse_in(&markdown, &meta.language),
        };
        let mut document = match parsed {
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
        document.marks = marks;
        document.page = self.templates.get(template)?.manifest.page.settings()?;
        // The organisation's paper, margins and type as the template sets
        // them.
        if let Some((width, height)) = letterhead.paper.map(hrdraft_sdk::Paper::size_pt) {
            document.page.width = width;
            document.page.height = height;
        }
        document.letterhead = letterhead;
        if let Some(reference) = &self.reference {
            reference.apply(&mut document.letterhead);
        }
        Ok(Drafted {
            markdown,
            document,
            citations,
        })
    }

    /// Stage 4: a drafted document in each format, in memory (see
    /// [`write::write_formats`]).
    pub fn write(
        &self,
        drafted: &Drafted,
        formats: &[&'static dyn Writer],
    ) -> Result<Written, DraftError> {
        Ok(write::write_formats(&drafted.document, formats)?)
    }

    /// Stage 4 for a document drafted for review: its marks made ready and
    /// placed in the dataset in `dir`, the formats asked for written from
    /// the document without marks, then the review copies
    /// ([`write::review::REVIEW_WRITERS`]) from the document with them.
    pub fn write_for_review(
        &self,
        mut document: Document,
        dir: &std::path::Path,
        formats: &[&'static dyn Writer],
    ) -> Result<Written, DraftError> {
        crate::review::prepare(&mut document);
        crate::review::locate(&mut document, dir);
        let plain = crate::review::strip(&document);
        let mut written = write::write_formats(&plain, formats)?;
        drop(plain);
        let review = write::write_formats(&document, &write::review::REVIEW_WRITERS)?;
        written.files.extend(review.files);
        written.warnings.extend(review.warnings);
        Ok(written)
    }
}

/// The sections a document's paragraphs and `omit` name must be the
/// template's own, when its manifest lists them: a misspelt name would
/// otherwise drop the author's paragraph without a word.
/// What [`Pipeline::context`] works out before the plugins run.
struct Prepared<'t> {
    template: &'t Template,
    /// The language of the template's wording ("en").
    lang: &'t str,
    document: context::Document,
    /// What every plugin of the template is given.
    options: crate::sdk::Options,
}

/// The template, the document's facts and the plugins' options for `request`.
fn prepare<'t>(
    templates: &'t TemplateSet,
    dataset: &Dataset,
    request: &Request<'_>,
) -> Result<Prepared<'t>, DraftError> {
    let template = templates.get(request.template)?;
    if let Some(section) = template.lacking(dataset).first().copied() {
        return Err(DraftError::Missing {
            template: request.template.to_string(),
            country: dataset.country.name.clone(),
            file: section.file_name(),
            // A question set whose every question was answered at the
            // event has the file, and nothing left to send.
            holds: if requires::why_lacking(section, dataset).starts_with("every question") {
                "a question not answered at the event"
            } else {
                requires::what_it_holds(section)
            },
        });
    }
    // A template that extends another and has no entry of its own in
    // documents.toml is described by its nearest ancestor's.
    let document_name = template.document_name(dataset);
    let info = dataset.document(document_name);
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
    let Some(lang) = template.manifest.language_for(&language) else {
        return Err(DraftError::Language {
            template: request.template.to_string(),
            lang: language,
            available: template.manifest.languages.join(", "),
        });
    };
    let document = context::document(dataset, info, &language, request.as_of);
    // Every plugin learns the document's date, since a letter speaks of
    // what had happened by the day it is dated, and its language.
    let mut options = crate::sdk::Options::new()
        .with("as_of", document.json["date"].clone())
        .with("lang", language)
        .with("template", document_name);
    // The document's own choice of whose assessments count.
    if let Some(include) = info.and_then(|d| d.include_state) {
        options = options.with("include_state", include);
    }
    Ok(Prepared {
        template,
        lang,
        document,
        options,
    })
}

/// The options the plugins of `request`'s template are given when it is
/// drafted from `dataset` (`as_of`, `lang`, `template`, and
/// `include_state` when documents.toml gives it), for running one
/// plugin as a document would (`hrdraft plugins run`).
pub fn plugin_options(
    templates: &TemplateSet,
    dataset: &Dataset,
    request: &Request<'_>,
) -> Result<crate::sdk::Options, DraftError> {
    prepare(templates, dataset, request).map(|p| p.options)
}

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

/// What a template says in its own words: its body, partials, blocks and
/// messages, the partials of the plugins, as written, and the source ids
/// the plugins cite, quoted (for the lint).
pub fn wording(template: &Template, plugins: &Registry) -> String {
    let mut out = template.body.clone();
    let parts = template
        .partials
        .iter()
        .map(|(_, s)| s)
        .chain(template.blocks.values())
        .chain(template.messages.values().flat_map(|m| m.values()));
    for part in parts {
        out.push('\n');
        out.push_str(part);
    }
    for (_, partial) in plugins.partials() {
        out.push('\n');
        out.push_str(&partial);
    }
    // The plugins' own citations, as a template's wording would name them.
    for id in plugins.cited_sources() {
        out.push_str(&format!("\n\"{id}\""));
    }
    out
}

/// A template rendered: its Markdown and the document's properties.
struct Rendered {
    /// What the template wrote, its notes not yet appended.
    body: render::Body,
    /// The body's pieces parsed so far.
    stream: document::Stream,
    letterhead: crate::document::Letterhead,
    meta: Metadata,
}

/// Run `f(0)`, …, `f(n - 1)`, each once, on as many threads as there are
/// cores (on this thread alone when one would do).
pub fn on_every_core(n: usize, f: impl Fn(usize) + Sync) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |c| c.get())
        .min(n);
    if workers <= 1 {
        (0..n).for_each(f);
        return;
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                f(i);
            });
        }
    });
}

/// `a` on a thread of its own while `b` runs on this one, and both results;
/// a panic in `a` carries on here.
pub fn at_once<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let other = scope.spawn(a);
        let here = b();
        let there = other
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (there, here)
    })
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

/// A template's partial and a plugin's of the same name are an error
/// naming both: either would silently hide the other, since both are
/// included as `{{> name}}`. A plugin's partial fills a template's block
/// through `[blocks]` in template.toml instead.
fn partial_clash(template: &Template, plugins: &Registry) -> Result<(), TemplateError> {
    for plugin in plugins.list() {
        let clash = template
            .partials
            .iter()
            .find(|(name, _)| plugin.partials.contains(name));
        if let Some((name, _)) = clash {
            let file = match &template.origin {
                Some(dir) => dir.display().to_string(),
                None => format!("<built-in>/{}", template.manifest.name),
            };
            return Err(TemplateError::Invalid(format!(
                "template `{}` has a partial `{name}` ({file}), and so does plugin `{}` ({}): \
                 rename one of them; a plugin's partial fills one of the template's blocks when \
                 `[blocks]` in template.toml names it",
                template.manifest.name,
                plugin.name,
                plugin.origin_label()
            )));
        }
    }
    Ok(())
}

/// A template's engines: one with its wording in English, the language
/// every other falls back to, set up with the pipeline (so that a template
/// that cannot be read fails before anything is drafted); one more for each
/// other language of its manifest, set up the first time a document is
/// drafted in it.
struct Engines {
    base: OnceLock<Result<Engine, render::RenderError>>,
    by_lang: BTreeMap<String, OnceLock<Result<Engine, render::RenderError>>>,
    /// What the template reads of each plugin's findings, found the first
    /// time a context is trimmed for it (see [`Pipeline::set_trim_from`]).
    reads: OnceLock<Result<Analysis, String>>,
}

impl Pipeline {
    /// Compile now, if it is not yet, the engine `template` drafts with in
    /// `lang` when that is not English (its wording in that language,
    /// compiled apart from [`Pipeline::compile`]'s): a command does it on a
    /// thread that would otherwise wait. What compiling finds is reported
    /// when the document is drafted.
    pub fn compile_for(&self, template: &str, lang: &str) {
        let (Ok(t), Some(engines)) = (self.templates.get(template), self.engines.get(template))
        else {
            return;
        };
        if let Some(slot) = engines.by_lang.get(lang) {
            if let Ok(engine) = self.compiled(slot, t, Some(lang)) {
                let _ = engine.compile_messages(&|| false);
            }
        }
    }

    /// The engine of `template` for wording in `lang`.
    fn engine(&self, template: &Template, lang: &str) -> Result<&Engine, DraftError> {
        let name = &template.manifest.name;
        let engines = self.engines.get(name).ok_or_else(|| {
            TemplateError::Invalid(format!("template `{name}` is not registered"))
        })?;
        match engines.by_lang.get(lang) {
            Some(slot) => self.compiled(slot, template, Some(lang)),
            None => self.base(template, engines),
        }
    }

    /// The engine of `template` with its wording in English, compiled on
    /// first use.
    fn base<'s>(
        &self,
        template: &Template,
        engines: &'s Engines,
    ) -> Result<&'s Engine, DraftError> {
        self.compiled(&engines.base, template, None)
    }

    /// The engine in `slot`, compiled on first use for `template` with its
    /// wording in `lang` (in English only, when `None`).
    fn compiled<'s>(
        &self,
        slot: &'s OnceLock<Result<Engine, render::RenderError>>,
        template: &Template,
        lang: Option<&str>,
    ) -> Result<&'s Engine, DraftError> {
        let built = slot.get_or_init(|| {
            let mut engine = Engine::for_template(template, &self.plugins.partials(), lang)?;
            if let Some(bytes) = self.output_limit {
                engine.set_output_limit(bytes);
            }
            Ok(engine)
        });
        built.as_ref().map_err(|e| DraftError::Render(e.clone()))
    }
}

/// The engines of each template (only those in `only`, when given), and
/// the names of the templates that read the context's `dataset`.
fn engines(
    templates: &TemplateSet,
    plugins: &Registry,
    only: Option<&[&str]>,
) -> Result<(BTreeMap<String, Engines>, Vec<String>), DraftError> {
    let plugin_partials = plugins.partials();
    let mut engines = BTreeMap::new();
    for t in templates.iter() {
        if only.is_some_and(|o| !o.contains(&t.manifest.name.as_str())) {
            continue;
        }
        partial_clash(t, plugins)?;
        let by_lang = t
            .messages
            .keys()
            .filter(|l| l.as_str() != messages::FALLBACK)
            .map(|l| (l.clone(), OnceLock::new()))
            .collect();
        engines.insert(
            t.manifest.name.clone(),
            Engines {
                base: OnceLock::new(),
                by_lang,
                reads: OnceLock::new(),
            },
        );
    }
    let read_dataset = templates
        .iter()
        .filter(|t| t.reads_dataset(&plugin_partials))
        .map(|t| t.manifest.name.clone())
        .collect();
    Ok((engines, read_dataset))
}
