//! `hrdraft check DATASET [--for TEMPLATE]`: validate a dataset and report
//! every problem, and with `--for` what the template requires and the
//! dataset lacks.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use hrdraft::dataset::{self, Summary};
use hrdraft::diagnostic::{Diagnostic, Severity};
use hrdraft::template::{requires, Template, TemplateSet};
use hrdraft_sdk::Dataset;

use super::report;
use super::{Failure, EXIT_INVALID, EXIT_OK, EXIT_USAGE};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset directory.
    dataset: PathBuf,
    /// Also report, as errors, each dataset file this template requires
    /// (`requires` in its template.toml) that the dataset lacks, as `draft`
    /// and `render` would find it.
    #[arg(long = "for", value_name = "TEMPLATE")]
    template: Option<String>,
    /// A directory of templates (as `render --templates`): for `--for`, and
    /// among the templates documents.toml's entries may name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Print the findings and a summary of counts as JSON on stdout.
    #[arg(long)]
    pub(super) json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // An unknown template is a usage error, found before the dataset is read.
    let set = templates(args.templates.as_deref())?;
    let template = match &args.template {
        Some(name) => Some(template(&set, name)?),
        None => None,
    };
    let (findings, summary) = match dataset::load(&args.dataset) {
        Ok(loaded) => {
            let mut findings = loaded.warnings;
            if let Some(t) = &template {
                findings.extend(lacking(t, &loaded.dataset));
                findings.extend(set_aside(t, &loaded.dataset));
            }
            // A warning here, since the template may be in a directory
            // `render --templates` is given; `draft` and `render` refuse it.
            findings.extend(dataset::unknown_templates(
                &args.dataset,
                &loaded.dataset,
                &set.names(),
                Severity::Warning,
            ));
            (findings, Some(Summary::of(&loaded.dataset)))
        }
        Err(e) => (e.diagnostics, None),
    };
    let errors = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let report = serde_json::json!({
            "dataset": args.dataset.display().to_string(),
            "valid": errors == 0,
            "errors": errors,
            "warnings": warnings,
            "findings": findings,
            "summary": summary,
        });
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        let shown: Vec<Diagnostic> = findings
            .iter()
            .map(|d| d.clone().in_dataset(&args.dataset))
            .collect();
        report::print(&shown);
        match &summary {
            Some(_) if report::settings().quiet && errors == 0 => {}
            Some(s) if errors == 0 => {
                writeln!(
                    out,
                    "{}: valid ({} recommendations, {} assessments, {} treaties, {} pledges, {} questions, {} sources){}",
                    args.dataset.display(),
                    s.recommendations,
                    s.assessments,
                    s.treaties,
                    s.pledges,
                    s.questions,
                    s.sources,
                    match warnings {
                        0 => String::new(),
                        1 => ", 1 warning".to_string(),
                        n => format!(", {n} warnings"),
                    }
                )?;
            }
            _ => writeln!(
                std::io::stderr(),
                "{}: {errors} error{}{}",
                args.dataset.display(),
                if errors == 1 { "" } else { "s" },
                match warnings {
                    0 => String::new(),
                    1 => ", 1 warning".into(),
                    n => format!(", {n} warnings"),
                }
            )?,
        }
    }
    Ok(ExitCode::from(if errors == 0 {
        EXIT_OK
    } else {
        EXIT_INVALID
    }))
}

/// The templates: built in, and those of `--templates`.
fn templates(dir: Option<&std::path::Path>) -> anyhow::Result<TemplateSet> {
    let mut set = TemplateSet::builtin().map_err(|e| Failure::new(EXIT_INVALID, e))?;
    if let Some(dir) = dir {
        set.add_dir(dir)
            .map_err(|e| Failure::new(EXIT_INVALID, e))?;
    }
    Ok(set)
}

/// The template `--for` names, built in or from `--templates`.
fn template(set: &TemplateSet, name: &str) -> anyhow::Result<Template> {
    let template = set.get(name).map_err(|e| {
        let finding = Diagnostic::error(e.to_string())
            .hint("`hrdraft templates` lists them; `--templates DIR` adds your own");
        Failure::shown(EXIT_USAGE, e, vec![finding])
    })?;
    Ok(template.clone())
}

/// A warning when `draft` would leave `template` out unless named, as it
/// does an MIA with no assessment round to report; `render` drafts it.
fn set_aside(template: &Template, dataset: &Dataset) -> Option<Diagnostic> {
    let why = hrdraft::pipeline::set_aside_by_default(dataset, template)?;
    let name = &template.manifest.name;
    Some(Diagnostic {
        severity: Severity::Warning,
        file: "upr.toml".into(),
        line: 0,
        column: 0,
        field: String::new(),
        message: format!(
            "`draft` leaves {name} out: {why}; `draft -t {name}` and `render` draft it all the same"
        ),
        hint: Some(
            "add the cycle's [cycles.follow_up] table and the stakeholders' assessments, or an entry for it in documents.toml".into(),
        ),
        snippet: None,
    })
}

/// An error for each file `template` requires that `dataset` lacks.
fn lacking(template: &Template, dataset: &Dataset) -> Vec<Diagnostic> {
    let name = &template.manifest.name;
    template
        .lacking(dataset)
        .into_iter()
        .map(|section| {
            let why = requires::why_lacking(section, dataset);
            // A file with nothing (left) to draft from is there already.
            let absent = why.starts_with("no ");
            Diagnostic {
                severity: Severity::Error,
                file: section.file_name().to_string(),
                line: 0,
                column: 0,
                field: String::new(),
                message: if absent {
                    format!(
                        "{name} needs {} ({}); the dataset has {why}",
                        section.file_name(),
                        requires::what_it_holds(section),
                    )
                } else {
                    format!("{name} has nothing to draft from: {why}")
                },
                hint: absent
                    .then(|| "`hrdraft new dataset` writes an example of every file".into()),
                snippet: None,
            }
        })
        .collect()
}
