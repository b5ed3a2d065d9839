//! `hrdraft render DATASET --template NAME`: one document, in the formats asked for, once or on every change.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use hrdraft::context::Context;
use hrdraft::dataset::Loaded;
use hrdraft::pipeline::{DraftError, Event, Pipeline, Request};
use hrdraft::template::{messages, requires};
use hrdraft::write::Writer;
use hrdraft_sdk::{Dataset, Section};
use serde_json::{Map, Value};

use super::common::{self, EngineArgs};
use super::report;
use super::watch::Watch;
use super::{interrupt, Failure, EXIT_INVALID, EXIT_IO, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset directory.
    dataset: PathBuf,
    /// The template (see `hrdraft templates`).
    #[arg(long, short)]
    template: String,
    /// Output format; repeat for several (docx, pdf, html, md).
    #[arg(long = "format", short, value_name = "FORMAT", default_values = ["docx", "pdf"])]
    formats: Vec<String>,
    /// Output directory; files go to DIR/<country>/<template>.<ext>.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Language of the template's fixed wording (e.g. en, ru).
    #[arg(long)]
    lang: Option<String>,
    /// Draft as of this date (YYYY-MM-DD) instead of the document's date in
    /// documents.toml: the document is dated so and speaks only of what was
    /// known then (ratifications, visits, assessment rounds, sources).
    #[arg(long, value_name = "DATE", value_parser = common::as_of)]
    as_of: Option<hrdraft::sdk::Date>,
    /// A value for the template, under `vars` in its context (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
    /// Print the written files, or the error and its findings, as one JSON
    /// object on stdout.
    #[arg(long, conflicts_with = "watch")]
    pub(super) json: bool,
    /// Keep running and render again whenever a dataset or template file
    /// changes; errors are printed and the last good files stay.
    #[arg(long)]
    watch: bool,
    /// Also write the review copies, NAME.review.docx (a Word comment on
    /// each generated sentence and footnoted fact: plugin and rule, dataset
    /// file:line, source, value) and NAME.review.html (the same notes beside
    /// the text).
    #[arg(long)]
    review: bool,
    /// Treat warnings (the dataset's, the lint's and a writer's) as errors: exit with
    /// status 1 and write nothing when there is any.
    #[arg(long)]
    deny_warnings: bool,
    /// Lint the document as drafted and print the warnings (see `hrdraft
    /// lint`); --deny-warnings implies it.
    #[arg(long)]
    lint: bool,
    /// A DOCX whose styles, headers, footers and header logo the documents
    /// take (the organisation's letterhead, as Word keeps it); its header's
    /// logo is the PDF's too.
    #[arg(long, value_name = "FILE")]
    reference_docx: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
}

/// What one render needs besides the pipeline.
struct Job<'a> {
    dataset: &'a Path,
    template: &'a str,
    lang: Option<&'a str>,
    as_of: Option<hrdraft::sdk::Date>,
    vars: Map<String, Value>,
    writers: Vec<&'static dyn Writer>,
    out: &'a Path,
    review: bool,
    deny_warnings: bool,
    reference: Option<hrdraft::write::docx::ReferenceDocx>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let job = Job {
        dataset: &args.dataset,
        template: &args.template,
        lang: args.lang.as_deref(),
        as_of: args.as_of,
        vars: common::vars(&args.sets)?,
        writers: common::writers(&args.formats)?,
        out: &args.out,
        review: args.review,
        deny_warnings: args.deny_warnings,
        reference: common::reference_docx(args.reference_docx.as_deref())?,
    };
    if args.watch {
        return watch(&args, &job);
    }
    // Outside watch mode, Ctrl-C lets the document being written finish.
    interrupt::install();
    let started = Instant::now();
    let request = request(&job);
    let prepared = prepare(&args, &job, &request, started);
    let pipeline = prepared.pipeline?;
    let loaded = common::loaded_quietly(job.dataset, prepared.loaded)?;
    common::unknown_templates(
        std::slice::from_ref(&args.dataset),
        std::slice::from_ref(&loaded.dataset),
        &pipeline,
    )?;
    report::verbose(format_args!(
        "loaded {} in {} and, at once, compiled the template in {}",
        job.dataset.display(),
        duration_ms(prepared.loaded_in),
        duration_ms(prepared.compiled_in)
    ));
    let early = prepared.early;
    let written = render(&pipeline, &job, loaded, early, started)?;
    if report::settings().json {
        let paths: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        let mut report = serde_json::json!({ "ok": true, "exit_code": EXIT_OK, "written": paths });
        let warnings = report::take_json_warnings();
        if !warnings.is_empty() {
            report["warnings"] = serde_json::json!(warnings);
        }
        outln!("{report:#}");
    } else if !report::settings().quiet {
        for p in &written {
            outln!("{}", p.display());
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// What [`prepare`] has ready for drafting.
struct Prepared {
    /// The pipeline, its template compiled, or why not.
    pipeline: anyhow::Result<Pipeline>,
    /// The dataset, or why it is not valid.
    loaded: Result<Loaded, hrdraft::dataset::LoadError>,
    /// When loading ended, from the start.
    loaded_in: Duration,
    /// When compiling ended, from the start.
    compiled_in: Duration,
    /// The document's context, when it could be built.
    early: Option<Early>,
}

/// The pipeline and the dataset of `job`, and the document's context. The
/// template compiles on this thread while another loads the dataset, builds
/// the context (plugins included) and reads the fonts, which need the
/// template's manifest but not the template compiled: for one short
/// document, compiling is half of the time.
fn prepare(args: &Args, job: &Job<'_>, request: &Request<'_>, started: Instant) -> Prepared {
    std::thread::scope(|scope| {
        let loading = scope.spawn(|| (hrdraft::dataset::load(job.dataset), started.elapsed()));
        let mut pipeline = match args.engine.pipeline_uncompiled_for(&[&args.template]) {
            Ok(pipeline) => pipeline,
            Err(e) => {
                let (loaded, loaded_in) = join(loading);
                return Prepared {
                    pipeline: Err(e),
                    loaded,
                    loaded_in,
                    compiled_in: started.elapsed(),
                    early: None,
                };
            }
        };
        pipeline.set_reference_docx(job.reference.clone());
        // A few milliseconds a document: run when asked (docs/lint.md).
        pipeline.set_lint(args.lint || args.deny_warnings);
        // A large dataset's context holds only what the template reads.
        pipeline.set_trim_from(hrdraft::pipeline::TRIM_FROM);
        // Set when the context is ready: compiling the wording then stops,
        // and what is left of it is compiled as it is used.
        let prepared = AtomicBool::new(false);
        let (compiled, compiled_in, (loaded, loaded_in), early) = std::thread::scope(|inner| {
            let preparing = inner.spawn(|| {
                let (loaded, loaded_in) = join(loading);
                let early = loaded
                    .as_ref()
                    .ok()
                    .and_then(|l| early_context(&pipeline, &l.dataset, request));
                // Context built, this thread would wait for the template:
                // it compiles the template's wording in another language,
                // when the document is in one, and reads the fonts.
                if let Some(Early {
                    context: Ok(context),
                    ..
                }) = &early
                {
                    pipeline.compile_for(request.template, &context.facts.wording);
                }
                for writer in &job.writers {
                    writer.warm();
                }
                prepared.store(true, Ordering::Relaxed);
                ((loaded, loaded_in), early)
            });
            let compiled = pipeline
                .compile_until(&|| prepared.load(Ordering::Relaxed))
                .map(|_| ());
            let compiled_in = started.elapsed();
            let (loaded, early) = join(preparing);
            (compiled, compiled_in, loaded, early)
        });
        Prepared {
            pipeline: common::compiled(pipeline, compiled),
            loaded,
            loaded_in,
            compiled_in,
            early,
        }
    })
}

/// What a thread joined gave, its panic carried on.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// What `job` asks the pipeline to draft.
fn request<'a>(job: &Job<'a>) -> Request<'a> {
    Request {
        template: job.template,
        lang: job.lang,
        vars: job.vars.clone(),
        as_of: job.as_of,
        review: job.review.then_some(job.dataset),
        file_for: None,
    }
}

/// A document's context built while its template compiled (see [`run`]).
struct Early {
    /// The context, or why it could not be built.
    context: Result<Context, DraftError>,
    /// Each plugin that ran, and how long it took.
    plugins: Vec<(String, Duration)>,
    /// How long building the context took.
    took: Duration,
}

/// The context of the document `request` asks for, built while its
/// template compiles; `None` when the template is unknown or the dataset
/// lacks what it needs, which [`render`] reports.
fn early_context(pipeline: &Pipeline, dataset: &Dataset, request: &Request<'_>) -> Option<Early> {
    let template = pipeline.templates().get(request.template).ok()?;
    if pipeline.missing(dataset, template).is_some() {
        return None;
    }
    let began = Instant::now();
    let mut plugins = Vec::new();
    let context = pipeline.context_traced(dataset, request, &mut |name, took| {
        plugins.push((name.to_string(), took));
    });
    Some(Early {
        context,
        plugins,
        took: began.elapsed(),
    })
}

/// Draft and write, from the context built already when there is one
/// (`early`); the paths written.
fn render(
    pipeline: &Pipeline,
    job: &Job<'_>,
    loaded: Loaded,
    early: Option<Early>,
    started: Instant,
) -> anyhow::Result<Vec<PathBuf>> {
    let dataset = &loaded.dataset;
    let template = pipeline
        .templates()
        .get(job.template)
        .map_err(|e| common::draft_failure(pipeline, job.template)(e.into()))?;
    report::verbose(format_args!(
        "template {} from {}",
        job.template,
        template
            .origin
            .as_ref()
            .map_or("the built-in templates".to_string(), |p| p
                .display()
                .to_string())
    ));
    if let Some(section) = pipeline.missing(dataset, template) {
        return Err(missing(job, section, &requires::why_lacking(section, dataset)).into());
    }
    // What the output step needs of the dataset; the pipeline frees the
    // rest as soon as the context is built.
    let short_name = dataset.country.short_name.clone();
    // The PDF is written into its temporary file beside its final path as
    // it is made, not held whole in memory; `put` renames it into place
    // with the other formats, or it is removed with them on a failure.
    let in_file: std::sync::Mutex<Option<hrdraft::output::Staged>> = Default::default();
    let file_for = |w: &'static dyn Writer| {
        let Some((file, staged)) = common::staged_file(job.out, (&short_name, job.template), w)?
        else {
            return Ok(None);
        };
        if let Ok(mut slot) = in_file.lock() {
            *slot = Some(staged);
        }
        Ok(Some(file))
    };
    let request = Request {
        file_for: Some(hrdraft::write::FileFor(&file_for)),
        ..request(job)
    };
    let fail = common::draft_failure(pipeline, job.template);
    // Printed with the lint's, which restate some of them; those about
    // another document's entry are not this one's.
    let checked =
        super::lint::for_document(&loaded.warnings, dataset, pipeline, job.template, job.as_of);
    let mut linted = Vec::new();
    let mut on_event = |event: Event<'_>| {
        if let Event::Linted { warnings, .. } = event {
            linted = warnings.to_vec();
        }
        trace(pipeline, &job.writers, event)
    };
    let dataset = Cow::Owned(loaded.dataset);
    let lang = early
        .as_ref()
        .and_then(|e| e.context.as_ref().ok())
        .map_or_else(
            || job.lang.unwrap_or(messages::FALLBACK).to_string(),
            |c| c.facts.wording.clone(),
        );
    // The wording not compiled yet is compiled on the other core while the
    // document is drafted: a message no document uses must compile too.
    let (wording, written) = hrdraft::pipeline::at_once(
        || pipeline.compile_wording(job.template, &lang),
        || match early {
            None => pipeline.produce(dataset, &request, &job.writers, &mut on_event),
            Some(early) => {
                for (name, took) in &early.plugins {
                    on_event(Event::Plugin { name, took: *took });
                }
                early.context.and_then(|context| {
                    on_event(Event::Context {
                        took: early.took,
                        trimmed: context.facts.trimmed,
                        once: context.facts.once.len(),
                    });
                    pipeline.produce_from(dataset, context, &request, &job.writers, &mut on_event)
                })
            }
        },
    );
    if let Err(e) = wording {
        return Err(super::explain::setup_failure(e, &common::sources(pipeline)).into());
    }
    let written = written.map_err(|e| {
        if !report::settings().json {
            report::print(&super::lint::dataset_warnings(job.dataset, &checked, &[]));
        }
        fail(e)
    })?;
    warn(pipeline, job, &linted, &checked)?;
    if let Some(p) = written.pages {
        report::verbose(format_args!("{p} PDF pages"));
    }
    // Every format was written to memory or, the PDF, under a temporary
    // name beside its final path, so a failure in one leaves no file at
    // all; then all are put in place together.
    let in_file = in_file.into_inner().ok().flatten();
    let put = common::put(
        written,
        in_file,
        job.out,
        (&short_name, job.template),
        job.template,
        true,
        job.deny_warnings,
    )?;
    report::verbose(format_args!("done in {}", ms(started)));
    Ok(put.paths)
}

/// What `--verbose` says of each stage.
fn trace(pipeline: &Pipeline, writers: &[&'static dyn Writer], event: Event<'_>) {
    match event {
        Event::Plugin { name, took } => {
            let origin = pipeline
                .plugins()
                .get(name)
                .map_or_else(String::new, |p| format!(" ({})", p.origin_label()));
            report::verbose(format_args!(
                "plugin {name}{origin} ran in {}",
                duration_ms(took)
            ));
        }
        Event::Context {
            took,
            trimmed,
            once,
        } => {
            let kept = match (trimmed, once) {
                (false, _) => String::new(),
                (true, 0) => ", keeping what the template reads of the findings".into(),
                (true, 1) => ", keeping what the template reads of the findings and freeing \
                              one of their lists as it is rendered"
                    .into(),
                (true, n) => format!(
                    ", keeping what the template reads of the findings and freeing \
                     {n} of their lists as they are rendered"
                ),
            };
            report::verbose(format_args!(
                "built the context in {}{kept}",
                duration_ms(took)
            ));
        }
        Event::Drafted(took) => report::verbose(format_args!(
            "rendered the template and parsed its Markdown in {}",
            duration_ms(took)
        )),
        Event::Linted { warnings, took } => report::verbose(format_args!(
            "linted in {:.3} ms ({} warning{})",
            took.as_secs_f64() * 1000.0,
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        )),
        Event::Written { took, pages } => report::verbose(format_args!(
            "wrote {} in {}{}",
            writers
                .iter()
                .map(|w| w.name())
                .collect::<Vec<_>>()
                .join(", "),
            duration_ms(took),
            pages.map_or_else(String::new, |p| format!(" ({p} PDF pages)"))
        )),
    }
}

/// Print the lint's warnings (with `--json`, keep them for the report);
/// with `--deny-warnings`, any warning at all is the render's failure.
fn warn(
    pipeline: &Pipeline,
    job: &Job<'_>,
    linted: &[hrdraft::lint::Warning],
    checked: &[hrdraft::diagnostic::Diagnostic],
) -> Result<(), Failure> {
    let checked = super::lint::dataset_warnings(job.dataset, checked, linted);
    let found = super::lint::findings(
        linted,
        job.dataset,
        &common::sources(pipeline),
        job.template,
    );
    let mut shown = checked;
    shown.extend(super::lint::shown(linted, &found));
    let total = shown.len();
    if job.deny_warnings && total > 0 {
        return Err(super::lint::denied(shown, total, "nothing was written"));
    }
    if report::settings().json {
        // The dataset's warnings are left out of the JSON report, as before.
        for d in &shown[shown.len() - found.len()..] {
            report::warn_written(d.to_string());
        }
    } else {
        report::print(&shown);
    }
    Ok(())
}

/// The failure of a render whose dataset lacks what the template requires:
/// which file to add, where, and what it must hold.
fn missing(job: &Job<'_>, section: Section, why: &str) -> Failure {
    let file = section.file_name();
    let message = if why == format!("no {file}") {
        format!(
            "{} needs {file} in {} ({}); `hrdraft new dataset` writes an example of it",
            job.template,
            job.dataset.display(),
            requires::what_it_holds(section),
        )
    } else {
        // The file is there, and holds nothing (left) to draft from.
        format!("{} has nothing to draft from: {why}", job.template)
    };
    Failure::new(EXIT_INVALID, anyhow::anyhow!(message))
}

fn ms(since: Instant) -> String {
    duration_ms(since.elapsed())
}

fn duration_ms(took: std::time::Duration) -> String {
    format!("{:.1} ms", took.as_secs_f64() * 1000.0)
}

/// Render, then render again on every change until stopped; errors are
/// printed, not fatal, so a drafter can keep the document open while editing.
fn watch(args: &Args, job: &Job<'_>) -> anyhow::Result<ExitCode> {
    let registry = args.engine.registry()?;
    let mut pipeline: Option<Pipeline> = None;
    let mut dirs = vec![(args.dataset.clone(), false)];
    if let Some(t) = &args.engine.templates {
        dirs.push((t.clone(), true));
    }
    let watch = Watch::new(&dirs, Some(job.out)).map_err(|e| {
        Failure::new(
            EXIT_IO,
            anyhow::anyhow!("cannot watch {}: {e}", args.dataset.display()),
        )
    })?;
    report::note(format_args!(
        "watching {}{} for changes; press Ctrl-C to stop",
        args.dataset.display(),
        args.engine
            .templates
            .as_ref()
            .map_or_else(String::new, |t| format!(" and {}", t.display()))
    ));
    // The registry is moved into the first pipeline; later rounds only
    // replace its templates, so plugin libraries are loaded once.
    let mut registry = Some(registry);
    loop {
        let started = Instant::now();
        let round = (|| -> anyhow::Result<Vec<PathBuf>> {
            let templates = args.engine.template_set()?;
            let d = match (pipeline.as_mut(), registry.take()) {
                (Some(d), _) => {
                    d.set_templates(templates.clone()).map_err(|e| {
                        super::explain::setup_failure(
                            e,
                            &super::explain::Sources {
                                templates: &templates,
                                plugin_partials: d.plugins().partials(),
                            },
                        )
                    })?;
                    d
                }
                (None, Some(r)) => pipeline.insert(args.engine.pipeline_with(
                    templates,
                    r,
                    Some(&[&args.template]),
                )?),
                (None, None) => {
                    // The first pipeline failed to be built and took the registry with it.
                    pipeline.insert(args.engine.pipeline_for(&[&args.template])?)
                }
            };
            d.set_reference_docx(job.reference.clone());
            let started = Instant::now();
            let loaded = common::loaded_quietly(job.dataset, hrdraft::dataset::load(job.dataset))?;
            render(d, job, loaded, None, started)
        })();
        match round {
            Ok(paths) => {
                for p in &paths {
                    outln!("{}", p.display());
                }
                report::note(format_args!(
                    "rendered {} in {:.2} s; watching for changes",
                    job.template,
                    started.elapsed().as_secs_f64()
                ));
            }
            Err(e) => {
                super::show_error(&e, super::exit_code(&e));
                report::note(
                    "not rendered; the last good files are unchanged. Watching for changes",
                );
            }
        }
        let changed = watch
            .next_change()
            .map_err(|e| Failure::new(EXIT_IO, anyhow::anyhow!(e)))?;
        let names: Vec<String> = changed
            .iter()
            .map(|p| {
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
            })
            .collect();
        report::note(format_args!("changed: {}", names.join(", ")));
    }
}
