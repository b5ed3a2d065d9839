//! `hrdraft check DATASET`: validate a dataset and report every problem.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use hrdraft::dataset::{self, Diagnostic, Severity, Summary};

use super::{EXIT_INVALID, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset directory.
    dataset: PathBuf,
    /// Print the findings and a summary of counts as JSON.
    #[arg(long)]
    json: bool,
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
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        for d in &findings {
            write_diagnostic(&mut err, &args.dataset, d)?;
        }
        match &summary {
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
                err,
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

/// Print a finding the way compilers do: the message, where, the line, a caret.
pub fn write_diagnostic(
    w: &mut impl Write,
    dataset: &std::path::Path,
    d: &Diagnostic,
) -> std::io::Result<()> {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let location = if d.line == 0 {
        if d.file == dataset.display().to_string() {
            d.file.clone()
        } else {
            dataset.join(&d.file).display().to_string()
        }
    } else {
        format!(
            "{}:{}:{}",
            dataset.join(&d.file).display(),
            d.line,
            d.column
        )
    };
    // One line that editors and terminals recognise as a location, then the source.
    if d.field.is_empty() {
        writeln!(w, "{label}: {location}: {}", d.message)?;
    } else {
        writeln!(w, "{label}: {location}: {}: {}", d.field, d.message)?;
    }
    if let Some(s) = &d.snippet {
        let number = d.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(w, "{pad} |")?;
        writeln!(w, "{number} | {}", s.line_text)?;
        writeln!(
            w,
            "{pad} | {}{}",
            " ".repeat(s.column.saturating_sub(1)),
            "^".repeat(s.width.min(80))
        )?;
    }
    if let Some(h) = &d.hint {
        writeln!(w, "  = hint: {h}")?;
    }
    writeln!(w)
}
