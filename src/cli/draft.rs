//! `hrdraft draft DATASET...`: every template for every dataset, in parallel.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use hrdraft::lint::Warning;
use hrdraft::pipeline::{DraftError, Job, Pipeline, Plan};
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
    /// Treat warnings (the dataset's and the lint's) as errors: a document
    /// with any is not written, and the run exits with status 1.
    #[arg(long)]
    deny_warnings: bool,
    /// Lint the document as drafted and print the warnings (see `hrdraft
    /// lint`); --deny-warnings implies it.
    #[arg(long)]
    lint: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    interrupt::install();
    let writers = common::writers(&args.formats)?;
    let mut pipeline = args.engine.pipeline()?;
    // A few milliseconds a document: run when asked (docs/lint.md).
    pipeline.set_lint(args.lint || args.deny_warnings);
    let mut datasets = Vec::new();
    // How many warnings loading each dataset gave (for --deny-warnings).
    let mut checked = Vec::new();
    for path in &args.datasets {
        // Its warnings are printed after drafting, with the lint's.
        let loaded = common::loaded_quietly(path, hrdraft::dataset::load(path))?;
        checked.push(loaded.warnings);
        datasets.push(loaded.dataset);
    }
    // Each dataset's documents' lint warnings, by the dataset's index.
    let linted_all: std::sync::Mutex<Vec<(usize, Vec<Warning>)>> = Default::default();
    one_folder_each(&args.datasets, &datasets, &args.out)?;
    for t in &args.templates_only {
        pipeline
            .templates()
            .get(t)
            .map_err(|e| common::draft_failure(&pipeline, t)(e.into()))?;
    }
    let mut plan = Plan::new(
        &pipeline,
        &datasets,
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
    let jobs = &plan.jobs;
    let skipped = &plan.skipped;

    let workers = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let done = AtomicUsize::new(0);
    let settings = report::settings();
    let interactive =
        std::io::stderr().is_terminal() && !settings.quiet && !settings.json && !settings.verbose;
    // After Ctrl-C (or SIGTERM, SIGHUP), the documents under way are
    // finished and written, and no other is started.
    let stop = || interrupt::interrupted();
    // With --deny-warnings, a document fails on any warning: its own, or
    // its dataset's (counted once per document).
    let deny = |dataset_warnings: usize| args.deny_warnings.then_some(dataset_warnings);
    let finish = |job: &Job<'_>,
                  written: Result<Written, DraftError>,
                  took: Duration,
                  linted: Vec<Warning>|
     -> anyhow::Result<Put> {
        let short_name = &job.dataset.country.short_name;
        let at = datasets
            .iter()
            .position(|d| std::ptr::eq(d, job.dataset))
            .unwrap_or(0);

        if settings.verbose {
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
        let put = written
            .map_err(common::draft_failure(&pipeline, job.template))
            .map_err(anyhow::Error::from)
            .and_then(|written| {
                if let Ok(mut all) = linted_all.lock() {
                    all.push((at, linted.clone()));
                }
                let checked = checked.get(at).map_or(0, Vec::len);
                lint_warnings(&pipeline, job, &args.datasets[at], &linted, deny(checked))?;
                let name = format!("{short_name}/{}", job.template);
                common::put(written, &args.out, short_name, job.template, &name, false)
            });
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if interactive {
            eprint!(
                "\r\x1b[2K[{n}/{}] {short_name}/{}",
                jobs.len(),
                job.template
            );
            let _ = std::io::stderr().flush();
        }
        put
    };
    let results = pipeline.run(&plan, &writers, workers, &stop, &finish);
    if interactive {
        eprint!("\r\x1b[2K");
    }

    let results_len = results.len();
    let mut files = 0;
    let mut pages = 0;
    let mut failures = 0;
    let mut code = EXIT_OK;
    let mut written = Vec::new();
    let mut failed = Vec::new();
    for (i, result) in results {
        match result {
            Ok(done) => {
                for p in done.paths {
                    if !settings.quiet && !settings.json {
                        outln!("{}", p.display());
                    }
                    written.push(p.display().to_string());
                    files += 1;
                }
                pages += done.pages.unwrap_or(0);
            }
            Err(e) => {
                failures += 1;
                if code == EXIT_OK {
                    code = super::exit_code(&e);
                }
                let job = &jobs[i];
                let name = format!("{}/{}", job.dataset.country.short_name, job.template);
                let mut findings = super::findings_of(&e);
                // Say which document each failure belongs to.
                if let Some(first) = findings.first_mut() {
                    first.message = format!("{name}: {}", first.message);
                }
                if settings.json {
                    failed.push(serde_json::json!({
                        "dataset": job.dataset.country.short_name,
                        "template": job.template,
                        "exit_code": super::exit_code(&e),
                        "error": super::chain_text(&e),
                        "findings": findings,
                    }));
                } else {
                    report::print(&findings);
                }
            }
        }
    }
    let drafted = jobs.len() - failures;
    if !settings.json {
        let linted_all = linted_all.into_inner().unwrap_or_default();
        for (at, (path, warnings)) in args.datasets.iter().zip(&checked).enumerate() {
            let linted: Vec<Warning> = linted_all
                .iter()
                .filter(|(i, _)| *i == at)
                .flat_map(|(_, w)| w.iter().cloned())
                .collect();
            report::print(&super::lint::dataset_warnings(path, warnings, &linted));
        }
    }
    if settings.json {
        // Documents finish in any order; their warnings are given in the
        // order of their files, as `written` is.
        let mut warnings = report::take_json_warnings();
        warnings.sort();
        let report = serde_json::json!({
            "ok": failures == 0,
            "exit_code": code,
            "documents": drafted,
            "pdf_pages": pages,
            "written": written,
            "skipped": skipped,
            "failed": failed,
            "warnings": warnings,
        });
        outln!("{report:#}");
        return Ok(ExitCode::from(code));
    }
    for s in skipped {
        report::note(format_args!(
            "{}: {} skipped: {}",
            s.dataset, s.template, s.reason
        ));
    }
    report::note(format_args!(
        "drafted {} document{} ({files} file{}{}) for {} dataset{} in {:.2} s{}",
        drafted,
        if drafted == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" },
        if pages > 0 {
            format!(", {pages} PDF page{}", if pages == 1 { "" } else { "s" })
        } else {
            String::new()
        },
        datasets.len(),
        if datasets.len() == 1 { "" } else { "s" },
        started.elapsed().as_secs_f64(),
        match failures {
            0 => String::new(),
            n => format!("; {n} failed"),
        }
    ));
    if interrupt::interrupted() {
        eprintln!(
            "interrupted after {results_len} of {} documents; each document written is complete, \
             the others were left as they were",
            jobs.len()
        );
        return Ok(ExitCode::from(interrupt::exit_status()));
    }
    Ok(ExitCode::from(code))
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
    if let Some(total) = deny.map(|d| d + shown.len()).filter(|t| *t > 0) {
        let mut failure = Failure::shown(
            EXIT_INVALID,
            anyhow::anyhow!(
                "{total} warning{} and --deny-warnings: {name} was not written",
                if total == 1 { "" } else { "s" }
            ),
            shown,
        );
        failure.summary = true;
        return Err(failure);
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
                "{} and {} would both be drafted into {}: both have                  short_name = \"{short}\" in country.toml, so the second would                  overwrite the first's documents; nothing was written                  (give each dataset its own short_name, or draft them one at a time                  with different -o folders)",
                first.display(),
                path.display(),
                out.join(short).display(),
            )));
        }
    }
    Ok(())
}
