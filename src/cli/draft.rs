//! `hrdraft draft DATASET...`: every template for every dataset, in parallel.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hrdraft::lint::Warning;
use hrdraft::pipeline::{at_once, on_every_core, DraftError, Job, Pipeline, Plan, Skipped};
use hrdraft::write::Written;
use hrdraft_sdk::Dataset;

use super::common::{self, EngineArgs, Put};
use super::report;
use super::{interrupt, Failure, EXIT_INVALID, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dataset directories.
    #[arg(required = true)]
    datasets: Vec<PathBuf>,
    /// Output format; repeat for several (docx, pdf, html, md).
    #[arg(long = "format", short, value_name = "FORMAT", default_values = ["docx", "pdf"])]
    formats: Vec<String>,
    /// Output directory; files go to DIR/<country>/<template>.<ext>.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Only these templates (repeatable); all by default.
    #[arg(long = "template", short, value_name = "NAME")]
    templates_only: Vec<String>,
    /// Language of the templates' fixed wording (e.g. en, ru); templates
    /// without it are skipped unless named with --template. Default: each
    /// document's own (documents.toml), else English.
    #[arg(long)]
    lang: Option<String>,
    /// Draft as of this date (YYYY-MM-DD) instead of the document's date in
    /// documents.toml: the document is dated so and speaks only of what was
    /// known then (ratifications, visits, assessment rounds, sources).
    #[arg(long, value_name = "DATE", value_parser = common::as_of)]
    as_of: Option<hrdraft::sdk::Date>,
    /// Parallel workers (default: the number of cores).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Also write each document's review copies, NAME.review.docx and
    /// NAME.review.html (see `hrdraft render --review`).
    #[arg(long)]
    review: bool,
    /// Print what was written, skipped and failed as one JSON object on stdout.
    #[arg(long)]
    pub(super) json: bool,
    /// Treat warnings (the dataset's, the lint's and a writer's) as errors: a document
    /// with any is not written, and the run exits with status 1.
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

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    interrupt::install();
    let writers = common::writers(&args.formats)?;
    let reference = common::reference_docx(args.reference_docx.as_deref())?;
    // The datasets are read while the templates compile: neither needs the
    // other. A template that does not compile is reported first.
    let (loaded, pipeline) = at_once(|| Loaded::read(&args.datasets), || args.engine.pipeline());
    let mut pipeline = pipeline?;
    pipeline.set_reference_docx(reference);
    // A few milliseconds a document: run when asked (docs/lint.md).
    pipeline.set_lint(args.lint || args.deny_warnings);
    // A large dataset's context holds only what the template reads.
    pipeline.set_trim_from(hrdraft::pipeline::TRIM_FROM);
    let loaded = loaded?;
    one_folder_each(&args.datasets, &loaded.datasets, &args.out)?;
    let plan = plan(&args, &pipeline, &loaded.datasets)?;
    let workers = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let progress = Progress::new(plan.jobs.len());
    let batch = Batch {
        args: &args,
        pipeline: &pipeline,
        loaded: &loaded,
        linted: Mutex::default(),
        in_file: Mutex::default(),
    };
    // After Ctrl-C (or SIGTERM, SIGHUP), the documents under way are
    // finished and written, and no other is started.
    let stop = || interrupt::interrupted();
    let finish = |job: &Job<'_>, written, took, linted| {
        let put = batch.output(job, written, took, linted);
        progress.step(job);
        put
    };
    let file_for = |job: &Job<'_>, w: &'static dyn hrdraft::write::Writer| batch.file_for(job, w);
    let files = Some(hrdraft::pipeline::JobFiles(&file_for));
    let results = pipeline.run(&plan, &writers, workers, &stop, files, &finish);
    progress.clear();

    let done = results.len();
    let outcome = Outcome::of(results, &plan.jobs);
    if report::settings().json {
        outcome.print_json(plan.jobs.len(), &plan.skipped);
        return Ok(ExitCode::from(outcome.code));
    }
    let linted_all = batch.linted.into_inner().unwrap_or_default();
    loaded.print_warnings(&args.datasets, &linted_all);
    for s in &plan.skipped {
        report::note(format_args!(
            "{}: {} skipped: {}",
            s.dataset, s.template, s.reason
        ));
    }
    outcome.print_summary(plan.jobs.len(), loaded.datasets.len(), started.elapsed());
    if interrupt::interrupted() {
        eprintln!(
            "interrupted after {done} of {} documents; each document written is complete, \
             the others were left as they were",
            plan.jobs.len()
        );
        return Ok(ExitCode::from(interrupt::exit_status()));
    }
    Ok(ExitCode::from(outcome.code))
}

/// The datasets of a batch, each with the warnings loading it gave (printed
/// after drafting, with the lint's, and counted by --deny-warnings).
struct Loaded {
    datasets: Vec<Dataset>,
    warnings: Vec<Vec<hrdraft::diagnostic::Diagnostic>>,
}

impl Loaded {
    /// Every dataset of `paths`, read on as many threads as there are
    /// cores; the first in `paths`' order that is not valid is the error.
    fn read(paths: &[PathBuf]) -> anyhow::Result<Loaded> {
        let slots: Vec<Mutex<Option<_>>> = paths.iter().map(|_| Mutex::new(None)).collect();
        on_every_core(paths.len(), |i| {
            let loaded = hrdraft::dataset::load(&paths[i]);
            if let Ok(mut slot) = slots[i].lock() {
                *slot = Some(loaded);
            }
        });
        let mut datasets = Vec::with_capacity(paths.len());
        let mut warnings = Vec::with_capacity(paths.len());
        for (path, slot) in paths.iter().zip(slots) {
            let loaded = slot
                .into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| hrdraft::dataset::load(path));
            let loaded = common::loaded_quietly(path, loaded)?;
            warnings.push(loaded.warnings);
            datasets.push(loaded.dataset);
        }
        Ok(Loaded { datasets, warnings })
    }

    /// The index of `dataset` in the batch.
    fn index(&self, dataset: &Dataset) -> usize {
        self.datasets
            .iter()
            .position(|d| std::ptr::eq(d, dataset))
            .unwrap_or(0)
    }

    /// Each dataset's warnings with its documents' lint warnings.
    fn print_warnings(&self, paths: &[PathBuf], linted_all: &[(usize, Vec<Warning>)]) {
        for (at, (path, warnings)) in paths.iter().zip(&self.warnings).enumerate() {
            let linted: Vec<Warning> = linted_all
                .iter()
                .filter(|(i, _)| *i == at)
                .flat_map(|(_, w)| w.iter().cloned())
                .collect();
            report::print(&super::lint::dataset_warnings(path, warnings, &linted));
        }
    }
}

/// The batch: every template asked for over every dataset, each document
/// dated `--as-of` if given and drafted for review too with `--review`.
fn plan<'a>(
    args: &'a Args,
    pipeline: &'a Pipeline,
    datasets: &'a [Dataset],
) -> anyhow::Result<Plan<'a>> {
    for t in &args.templates_only {
        pipeline
            .templates()
            .get(t)
            .map_err(|e| common::draft_failure(pipeline, t)(e.into()))?;
    }
    common::unknown_templates(&args.datasets, datasets, pipeline)?;
    let mut plan = Plan::new(
        pipeline,
        datasets,
        &args.templates_only,
        args.lang.as_deref(),
    )
    .map_err(|e| Failure::new(EXIT_INVALID, e))?;
    plan.as_of = args.as_of;
    if args.review {
        for job in &mut plan.jobs {
            let at = datasets.iter().position(|d| std::ptr::eq(d, job.dataset));
            job.review = at.and_then(|i| args.datasets.get(i)).map(PathBuf::as_path);
        }
    }
    Ok(plan)
}

/// What every document of a batch is written with.
struct Batch<'a> {
    args: &'a Args,
    pipeline: &'a Pipeline,
    loaded: &'a Loaded,
    /// Each document's lint warnings, by its dataset's index.
    linted: Mutex<Vec<(usize, Vec<Warning>)>>,
    /// The PDFs written as they were made, under temporary names beside
    /// their final paths, by dataset index and template, until their
    /// documents' output step puts them in place.
    in_file: Mutex<Vec<((usize, String), hrdraft::output::Staged)>>,
}

impl Batch<'_> {
    /// The file `job`'s PDF is written into as it is made: a temporary
    /// file beside its final path (see [`common::put`]).
    fn file_for(
        &self,
        job: &Job<'_>,
        w: &'static dyn hrdraft::write::Writer,
    ) -> Result<Option<std::fs::File>, hrdraft::write::WriteError> {
        let named = (job.dataset.country.short_name.as_str(), job.template);
        let Some((file, staged)) = common::staged_file(&self.args.out, named, w)? else {
            return Ok(None);
        };
        let key = (self.loaded.index(job.dataset), job.template.to_string());
        if let Ok(mut all) = self.in_file.lock() {
            all.push((key, staged));
        }
        Ok(Some(file))
    }

    /// One drafted document to its files: timings with -v, its lint
    /// warnings (with --deny-warnings, any warning, its own or its
    /// dataset's, fails it), then the output step.
    fn output(
        &self,
        job: &Job<'_>,
        written: Result<Written, DraftError>,
        took: Duration,
        linted: Vec<Warning>,
    ) -> anyhow::Result<Put> {
        let (args, pipeline) = (self.args, self.pipeline);
        let short_name = &job.dataset.country.short_name;
        let at = self.loaded.index(job.dataset);
        // Taken now, so that a document that fails removes its file at once.
        let in_file = self.in_file.lock().ok().and_then(|mut all| {
            let i = all
                .iter()
                .position(|((d, t), _)| *d == at && t == job.template)?;
            Some(all.swap_remove(i).1)
        });
        if report::settings().verbose {
            let t = pipeline.templates().get(job.template).ok();
            report::verbose(format_args!(
                "{short_name}/{}: {:.1} ms (template from {}; plugins: {})",
                job.template,
                took.as_secs_f64() * 1000.0,
                t.and_then(|t| t.origin.as_ref())
                    .map_or("the built-in templates".into(), |p| p.display().to_string()),
                t.map_or(String::new(), |t| t.manifest.plugins.join(", "))
            ));
        }
        let written = written.map_err(common::draft_failure(pipeline, job.template))?;
        if let Ok(mut all) = self.linted.lock() {
            all.push((at, linted.clone()));
        }
        let checked = self.loaded.warnings.get(at).map_or(0, Vec::len);
        let deny = args.deny_warnings.then_some(checked);
        lint_warnings(pipeline, job, &args.datasets[at], &linted, deny)?;
        let name = format!("{short_name}/{}", job.template);
        common::put(
            written,
            in_file,
            &args.out,
            (short_name, job.template),
            &name,
            false,
            args.deny_warnings,
        )
    }
}

/// "[3/18] kazakhstan/mia-report" on an interactive terminal's last line.
struct Progress {
    total: usize,
    done: AtomicUsize,
    shown: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let settings = report::settings();
        Progress {
            total,
            done: AtomicUsize::new(0),
            shown: std::io::stderr().is_terminal()
                && !settings.quiet
                && !settings.json
                && !settings.verbose,
        }
    }

    fn step(&self, job: &Job<'_>) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.shown {
            eprint!(
                "\r\x1b[2K[{n}/{}] {}/{}",
                self.total, job.dataset.country.short_name, job.template
            );
            let _ = std::io::stderr().flush();
        }
    }

    fn clear(&self) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
    }
}

/// What a batch wrote and what failed.
#[derive(Default)]
struct Outcome {
    files: usize,
    pages: u32,
    failures: usize,
    code: u8,
    written: Vec<String>,
    failed: Vec<serde_json::Value>,
}

impl Outcome {
    /// Gather the results, printing each file written (or, with --json,
    /// keeping it for the report) and each failure's findings.
    fn of(results: Vec<(usize, anyhow::Result<Put>)>, jobs: &[Job<'_>]) -> Outcome {
        let settings = report::settings();
        let mut o = Outcome {
            code: EXIT_OK,
            ..Outcome::default()
        };
        for (i, result) in results {
            match result {
                Ok(done) => {
                    for p in done.paths {
                        if !settings.quiet && !settings.json {
                            outln!("{}", p.display());
                        }
                        o.written.push(p.display().to_string());
                        o.files += 1;
                    }
                    o.pages += done.pages.unwrap_or(0);
                }
                Err(e) => o.failed(&jobs[i], &e, settings.json),
            }
        }
        o
    }

    fn failed(&mut self, job: &Job<'_>, e: &anyhow::Error, json: bool) {
        self.failures += 1;
        if self.code == EXIT_OK {
            self.code = super::exit_code(e);
        }
        let name = format!("{}/{}", job.dataset.country.short_name, job.template);
        let mut findings = super::findings_of(e);
        // Say which document each failure belongs to.
        if let Some(first) = findings.first_mut() {
            first.message = format!("{name}: {}", first.message);
        }
        if json {
            self.failed.push(serde_json::json!({
                "dataset": job.dataset.country.short_name,
                "template": job.template,
                "exit_code": super::exit_code(e),
                "error": super::chain_text(e),
                "findings": findings,
            }));
        } else {
            report::print(&findings);
        }
    }

    /// The --json report on stdout. Documents finish in any order; their
    /// warnings are given in the order of their files, as `written` is.
    fn print_json(&self, jobs: usize, skipped: &[Skipped]) {
        let mut warnings = report::take_json_warnings();
        warnings.sort();
        let report = serde_json::json!({
            "ok": self.failures == 0,
            "exit_code": self.code,
            "documents": jobs - self.failures,
            "pdf_pages": self.pages,
            "written": self.written,
            "skipped": skipped,
            "failed": self.failed,
            "warnings": warnings,
        });
        outln!("{report:#}");
    }

    /// "drafted 3 documents (6 files, 50 PDF pages) for 1 dataset in 0.03 s".
    fn print_summary(&self, jobs: usize, datasets: usize, took: Duration) {
        let drafted = jobs - self.failures;
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        report::note(format_args!(
            "drafted {drafted} document{} ({} file{}{}) for {datasets} dataset{} in {:.2} s{}",
            plural(drafted),
            self.files,
            plural(self.files),
            if self.pages > 0 {
                format!(", {} PDF page{}", self.pages, plural(self.pages as usize))
            } else {
                String::new()
            },
            plural(datasets),
            took.as_secs_f64(),
            match self.failures {
                0 => String::new(),
                n => format!("; {n} failed"),
            }
        ));
    }
}

/// Print a document's lint warnings (with `--json`, keep them for the
/// report); with `deny` (`--deny-warnings`, and the warnings its dataset
/// gave), any warning is the document's failure.
fn lint_warnings(
    pipeline: &Pipeline,
    job: &Job<'_>,
    dataset: &Path,
    linted: &[Warning],
    deny: Option<usize>,
) -> Result<(), Failure> {
    let found = super::lint::findings(linted, dataset, &common::sources(pipeline), job.template);
    let name = format!("{}/{}", job.dataset.country.short_name, job.template);
    let mut shown = super::lint::shown(linted, &found);
    for d in &mut shown {
        d.message = format!("{name}: {}", d.message);
    }
    // The dataset's own warnings count too; they are printed with the
    // dataset's after the batch.
    if let Some(total) = deny.map(|d| d + shown.len()).filter(|t| *t > 0) {
        let not_written = format!("{name} was not written");
        return Err(super::lint::denied(shown, total, &not_written));
    }
    if report::settings().json {
        for d in &shown {
            report::warn_written(d.to_string());
        }
    } else {
        report::print(&shown);
    }
    Ok(())
}

/// Two datasets drafted into one folder would overwrite each other's
/// documents while the run reports success: refuse the batch before anything
/// is written, naming both datasets.
fn one_folder_each(
    paths: &[PathBuf],
    datasets: &[Dataset],
    out: &std::path::Path,
) -> Result<(), Failure> {
    let mut seen: std::collections::HashMap<&str, &PathBuf> = std::collections::HashMap::new();
    for (path, dataset) in paths.iter().zip(datasets) {
        let short = dataset.country.short_name.as_str();
        if let Some(first) = seen.insert(short, path) {
            return Err(Failure::usage(anyhow::anyhow!(
                "{} and {} would both be drafted into {}: both have \
                 short_name = \"{short}\" in country.toml, so the second would \
                 overwrite the first's documents; nothing was written \
                 (give each dataset its own short_name, or draft them one at a time \
                 with different -o folders)",
                first.display(),
                path.display(),
                out.join(short).display(),
            )));
        }
    }
    Ok(())
}
