//! `hrdraft check DATASET`: validate a dataset and report every problem.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use hrdraft::dataset::{self, Severity, Summary};

use super::report::{self, Finding};
use super::{EXIT_INVALID, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset directory.
    dataset: PathBuf,
    /// Print the findings and a summary of counts as JSON on stdout.
    #[arg(long)]
    pub(super) json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (findings, summary) = match dataset::load(&args.dataset) {
        Ok(loaded) => (loaded.warnings, Some(Summary::of(&loaded.dataset))),
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
        let shown: Vec<Finding> = findings
            .iter()
            .map(|d| Finding::from_dataset(&args.dataset, d))
            .collect();
        report::print(&shown);
        match &summary {
            Some(_) if report::settings().quiet => {}
            Some(s) => {
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
            None => writeln!(
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
