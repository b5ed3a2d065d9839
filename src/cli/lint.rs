//! `hrdraft lint DATASET -t TEMPLATE`: draft one document without writing
//! it and report what a reviewer checks before it leaves; and the lint's
//! warnings as `render` and `draft` print them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hrdraft::diagnostic::Diagnostic;
use hrdraft::lint::{self, place, Place, Warning};
use hrdraft::pipeline::{self, Request};
use serde_json::Value;

use super::common::{self, EngineArgs};
use super::explain::{self, Sources};
use super::report;
use super::{EXIT_INVALID, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset directory.
    dataset: PathBuf,
    /// The template (see `hrdraft templates`).
    #[arg(long, short)]
    template: String,
    /// Language of the template's fixed wording (e.g. en, ru).
    #[arg(long)]
    lang: Option<String>,
    /// Lint the document as drafted as of this date (YYYY-MM-DD) instead of
    /// its date in documents.toml.
    #[arg(long, value_name = "DATE", value_parser = common::as_of)]
    as_of: Option<hrdraft::sdk::Date>,
    /// A value for the template, under `vars` in its context (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
    /// Print the warnings as one JSON object on stdout.
    #[arg(long)]
    pub(super) json: bool,
    /// Exit with status 1 when there is any warning (the dataset's, as
    /// `check` reports them, or the lint's): for CI.
    #[arg(long)]
    deny_warnings: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (pipeline, loaded) = args
        .engine
        .pipeline_and_dataset(&args.template, &args.dataset)?;
    let loaded = common::loaded_quietly(&args.dataset, loaded)?;
    let dataset = &loaded.dataset;
    let fail = common::draft_failure(&pipeline, &args.template);
    let request = Request {
        template: &args.template,
        lang: args.lang.as_deref(),
        vars: common::vars(&args.sets)?,
        as_of: args.as_of,
        review: None,
        file_for: None,
    };
    let (drafted, mut warnings) = pipeline.lint(dataset, &request).map_err(&fail)?;
    // A source is uncited when nothing at all refers to it: not this
    // document, not the dataset, not any template's wording.
    let cited: BTreeSet<String> = drafted.citations.iter().map(|c| c.source.clone()).collect();
    let wording: String = pipeline
        .templates()
        .iter()
        .map(|t| pipeline::wording(t, pipeline.plugins()))
        .collect::<Vec<_>>()
        .join("\n");
    warnings.extend(lint::uncited(dataset, &cited, &wording));
    let sources = common::sources(&pipeline);
    let found = findings(&warnings, &args.dataset, &sources, &args.template);
    let mine = for_document(
        &loaded.warnings,
        dataset,
        &pipeline,
        &args.template,
        args.as_of,
    );
    let checked = dataset_warnings(&args.dataset, &mine, &warnings);
    let total = found.len() + checked.len();
    let code = if args.deny_warnings && total > 0 {
        EXIT_INVALID
    } else {
        EXIT_OK
    };
    if report::settings().json {
        let out = serde_json::json!({
            "ok": code == EXIT_OK,
            "exit_code": code,
            "warnings": json(&warnings, &found),
            "dataset_warnings": checked,
        });
        outln!("{out:#}");
    } else {
        report::print(&checked);
        report::print(&shown(&warnings, &found));
        report::note(format_args!(
            "{}: {} lint warning{}{}",
            args.template,
            found.len(),
            if found.len() == 1 { "" } else { "s" },
            if checked.is_empty() {
                String::new()
            } else {
                format!(" and {} from checking the dataset", checked.len())
            }
        ));
    }
    Ok(ExitCode::from(code))
}

/// The warnings as findings, placed on the file and line they come from.
pub fn findings(
    warnings: &[Warning],
    dataset: &Path,
    sources: &Sources<'_>,
    template: &str,
) -> Vec<Diagnostic> {
    let files = Files::new(dataset, sources, template);
    warnings
        .iter()
        .map(|w| {
            let mut d = files.locate(&w.at, Diagnostic::warning(w.message.clone()));
            if let Some(also) = &w.also {
                let there = files.locate(also, Diagnostic::warning(String::new()));
                if !there.file.is_empty() {
                    let verb = match also {
                        Place::Citation { .. } | Place::Field { .. } => "cited at",
                        Place::Text { .. } => "written at",
                    };
                    d.message
                        .push_str(&format!(" ({verb} {}:{})", there.file, there.line.max(1)));
                }
            }
            d.hint(w.hint.clone())
        })
        .collect()
}

/// `warnings` without those about another document's entry in
/// documents.toml (`documents[1].date` when drafting from
/// `documents[0]`): drafting the MIA does not warn of the open letter's
/// date. `template` is the template drafted; its entry is the one
/// [`hrdraft::template::Template::document_name`] names.
pub fn for_document(
    warnings: &[Diagnostic],
    dataset: &hrdraft::sdk::Dataset,
    pipeline: &hrdraft::pipeline::Pipeline,
    template: &str,
    as_of: Option<hrdraft::sdk::Date>,
) -> Vec<Diagnostic> {
    let name = pipeline
        .templates()
        .get(template)
        .map(|t| t.document_name(dataset).to_string())
        .unwrap_or_else(|_| template.to_string());
    let mut mine: Vec<Diagnostic> = warnings
        .iter()
        .filter(|d| {
            let at = (d.file.ends_with("documents.toml"))
                .then(|| d.field.strip_prefix("documents["))
                .flatten()
                .and_then(|rest| rest.split(']').next())
                .and_then(|i| i.parse::<usize>().ok());
            let entry = at.and_then(|i| dataset.documents.documents.get(i));
            // Drafted as of another day, the warnings on the entry's own
            // date are not this document's: they are made again below.
            let on_entry_date = as_of.is_some()
                && d.severity == hrdraft::diagnostic::Severity::Warning
                && at.is_some_and(|i| hrdraft::dataset::is_dated_field(&d.field, i));
            entry.is_none_or(|doc| doc.template == name) && !on_entry_date
        })
        .cloned()
        .collect();
    if let Some(date) = as_of {
        mine.extend(hrdraft::dataset::as_of_warnings(dataset, &name, date));
    }
    mine
}

/// The dataset's warnings (`check`'s), placed in the dataset directory,
/// without those a lint warning restates ([`lint::restates`]).
pub fn dataset_warnings(
    dataset: &Path,
    warnings: &[Diagnostic],
    linted: &[Warning],
) -> Vec<Diagnostic> {
    warnings
        .iter()
        .filter(|d| !lint::restates(d, linted))
        .map(|d| d.clone().in_dataset(dataset))
        .collect()
}

/// The findings as printed: each message led by its code.
/// The failure of a document not written because of `total` warnings under
/// --deny-warnings ("3 warnings and --deny-warnings: nothing was written");
/// `shown`, those not printed elsewhere, are printed with it.
pub fn denied(shown: Vec<Diagnostic>, total: usize, not_written: &str) -> super::Failure {
    let mut failure = super::Failure::shown(
        EXIT_INVALID,
        anyhow::anyhow!(
            "{total} warning{} and --deny-warnings: {not_written}",
            if total == 1 { "" } else { "s" }
        ),
        shown,
    );
    failure.summary = true;
    failure
}

pub fn shown(warnings: &[Warning], found: &[Diagnostic]) -> Vec<Diagnostic> {
    warnings
        .iter()
        .zip(found)
        .map(|(w, d)| {
            // The code leads, then the field it points at.
            let mut d = d.clone();
            d.message = match std::mem::take(&mut d.field) {
                field if field.is_empty() => format!("[{}] {}", w.code, d.message),
                field => format!("[{}] {field}: {}", w.code, d.message),
            };
            d
        })
        .collect()
}

/// The findings as `--json` prints them: each with its `code`.
pub fn json(warnings: &[Warning], found: &[Diagnostic]) -> Vec<Value> {
    warnings
        .iter()
        .zip(found)
        .map(|(w, d)| {
            let mut v = serde_json::to_value(d).unwrap_or(Value::Null);
            if let Value::Object(o) = &mut v {
                o.insert("code".into(), Value::String(w.code.name().into()));
            }
            v
        })
        .collect()
}

/// The files a warning can point into: the dataset's and the template's.
struct Files<'a> {
    dataset: &'a Path,
    sources: &'a Sources<'a>,
    template: &'a str,
}

impl<'a> Files<'a> {
    fn new(dataset: &'a Path, sources: &'a Sources<'a>, template: &'a str) -> Files<'a> {
        Files {
            dataset,
            sources,
            template,
        }
    }

    /// `d` placed at `place`.
    fn locate(&self, place: &Place, d: Diagnostic) -> Diagnostic {
        match place {
            Place::Field { file, field } => {
                let path = self.dataset.join(file);
                let shown = path.display().to_string();
                let mut d = match std::fs::read_to_string(&path) {
                    Ok(text) => match place::field(&text, field) {
                        Some(r) => at(d, shown, &text, r.start),
                        None => named(d, shown),
                    },
                    Err(_) => named(d, shown),
                };
                d.field = field.clone();
                d
            }
            Place::Citation { template, source } => {
                match explain::source_of(self.sources, self.template, template) {
                    Some((file, text)) => match text.find(&format!("\"{source}\"")) {
                        Some(i) => at(d, file, &text, i),
                        None => named(d, file),
                    },
                    None => d,
                }
            }
            Place::Text { text } => {
                // The file holding the longest run of the text's words; the
                // first in the order of `texts` of those holding as many.
                let mut best: Option<(String, String, usize, usize)> = None;
                for (file, hay) in self.texts() {
                    if let Some((r, words)) = place::text(&hay, text) {
                        if best.as_ref().is_none_or(|b| words > b.3) {
                            best = Some((file, hay, r.start, words));
                        }
                    }
                }
                match best {
                    Some((file, hay, start, _)) => at(d, file, &hay, start),
                    None => d,
                }
            }
        }
    }

    /// Where printed text may have been written, in the order looked in:
    /// documents.toml (the author's paragraphs), the template's own files
    /// and those of the templates it extends, then the other dataset files.
    fn texts(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let dataset_file = |name: &str| {
            let path = self.dataset.join(name);
            std::fs::read_to_string(&path)
                .ok()
                .map(|t| (path.display().to_string(), t))
        };
        out.extend(dataset_file("documents.toml"));
        let chain = std::iter::once(self.template.to_string()).chain(
            self.sources
                .templates
                .get(self.template)
                .map(|t| t.ancestors.clone())
                .unwrap_or_default(),
        );
        for name in chain {
            let Ok(t) = self.sources.templates.get(&name) else {
                continue;
            };
            for (path, text) in &t.files {
                let shown = match &t.origin {
                    Some(dir) => dir.join(path).display().to_string(),
                    None => format!("<built-in>/{name}/{path}"),
                };
                out.push((shown, text.clone()));
            }
        }
        for (name, _) in hrdraft::dataset::FILES {
            if *name != "documents.toml" {
                out.extend(dataset_file(name));
            }
        }
        out
    }
}

/// `d` at byte `offset` of `text`, the file shown as `file`.
fn at(d: Diagnostic, file: String, text: &str, offset: usize) -> Diagnostic {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    d.at_source(file, text, line, column)
}

/// `d` in `file`, line unknown.
fn named(mut d: Diagnostic, file: String) -> Diagnostic {
    d.file = file;
    d
}
