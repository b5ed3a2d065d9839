//! `hrdraft import upr-info`: recommendations from a UPR Info database export into a dataset.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;
use clap::Subcommand;
use hrdraft::dataset;
use hrdraft::sdk::Date;
use hrdraft::sheet::commit::{self, Edit};
use hrdraft::sheet::table;
use hrdraft::sheet::upr_info::{self, Existing, UprInfoOptions};

use super::sheet::{commit_failure, failure, lock_dataset, read_optional, refuse_rows, rows};
use super::{common, Failure, EXIT_INVALID, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: ImportCommand,
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Add the recommendations of a UPR Info database export (.csv, .xlsx, .ods) to a dataset.
    #[command(name = "upr-info")]
    UprInfo(UprInfoArgs),
}

#[derive(Debug, clap::Args)]
struct UprInfoArgs {
    /// The export: one row per recommendation, with the database's columns.
    file: PathBuf,
    /// The State under Review to import, as the export names it.
    #[arg(long)]
    country: String,
    /// The dataset directory (created if needed); recommendations go to its upr.toml.
    #[arg(long, short, value_name = "DATASET_DIR")]
    out: PathBuf,
    /// The cycle to import (needed when the export holds several).
    #[arg(long)]
    cycle: Option<u32>,
    /// The date of the review, when the cycle is new to the dataset (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    review_date: Option<Date>,
    /// The source id of the Working Group report, when the cycle is new
    /// (default upr-report-cycle-N, added to sources.toml if missing).
    #[arg(long, value_name = "ID")]
    report: Option<String>,
    /// Print what would change without writing anything.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        ImportCommand::UprInfo(a) => run_upr_info(a),
    }
}

fn run_upr_info(args: UprInfoArgs) -> anyhow::Result<ExitCode> {
    let dir = &args.out;
    // Held until the files are written and checked: no other import between.
    let _lock = lock_dataset(dir)?;
    let upr_path = dir.join("upr.toml");
    let sources_path = dir.join("sources.toml");
    let upr_before = read_optional(&upr_path)?;
    let sources_before = read_optional(&sources_path)?;
    let utf8 = |bytes: &Option<Vec<u8>>, name: &str| -> anyhow::Result<Option<String>> {
        bytes
            .as_ref()
            .map(|b| {
                String::from_utf8(b.clone()).map_err(|_| {
                    Failure::new(
                        EXIT_INVALID,
                        anyhow!("{} is not UTF-8 text", dir.join(name).display()),
                    )
                    .into()
                })
            })
            .transpose()
    };
    let upr_text = utf8(&upr_before, "upr.toml")?;
    let sources_text = utf8(&sources_before, "sources.toml")?;
    // A whole dataset must be valid before and after; a directory that is
    // not one yet (no country.toml) is read file by file.
    let whole = dir.join("country.toml").is_file();
    let existing = if whole {
        let loaded = common::load_dataset(dir)?;
        Existing {
            source_ids: loaded
                .dataset
                .sources
                .iter()
                .map(|s| s.id.clone())
                .collect(),
            upr: loaded.dataset.upr,
            upr_text,
            sources_text,
        }
    } else {
        upr_info::existing_from_texts(upr_text, sources_text).map_err(failure)?
    };

    let grids = table::read(&args.file).map_err(failure)?;
    let source = args.file.display().to_string();
    let options = UprInfoOptions {
        country: args.country.clone(),
        cycle: args.cycle,
        review_date: args.review_date,
        report: args.report.clone(),
        file_name: args
            .file
            .file_name()
            .map_or_else(|| source.clone(), |n| n.to_string_lossy().into_owned()),
    };
    let plan = upr_info::plan(&grids, &source, &existing, &options).map_err(failure)?;
    refuse_rows(&source, &plan.refused)?;

    let mut summary = format!(
        "{} added, {} already in the dataset",
        plan.added.len(),
        plan.already.len()
    );
    if plan.other_states > 0 {
        summary.push_str(&format!(
            ", {} for other States skipped",
            rows(plan.other_states)
        ));
    }
    if plan.other_cycles > 0 {
        summary.push_str(&format!(
            ", {} of other cycles skipped",
            rows(plan.other_cycles)
        ));
    }
    let head = format!(
        "{source}: recommendations to {} of cycle {}",
        args.country, plan.cycle
    );
    if args.dry_run {
        outln!("{head} (dry run, nothing written): {summary}");
        if plan.new_cycle && !plan.added.is_empty() {
            outln!("  add cycle {}", plan.cycle);
        }
        if let Some(id) = &plan.new_source {
            outln!("  add source \"{id}\" to sources.toml");
        }
        for r in &plan.added {
            let text: String = r.text.chars().take(70).collect();
            let more = if text.len() < r.text.len() { "…" } else { "" };
            outln!(
                "  row {}: add recommendation {} ({}): \"{text}{more}\"",
                r.row,
                r.number,
                r.recommending_state
            );
        }
        for (row, n) in &plan.already {
            outln!("  row {row}: already in the dataset as recommendation {n}");
        }
        return Ok(ExitCode::from(EXIT_OK));
    }
    let mut edits = Vec::new();
    if let Some(after) = &plan.upr_after {
        edits.push(Edit {
            file: "upr.toml",
            before: upr_before,
            after: after.clone(),
        });
    }
    if let Some(after) = &plan.sources_after {
        edits.push(Edit {
            file: "sources.toml",
            before: sources_before,
            after: after.clone(),
        });
    }
    if edits.is_empty() {
        outln!("{head}: nothing to add ({summary})");
        return Ok(ExitCode::from(EXIT_OK));
    }
    commit::commit(dir, &edits, whole).map_err(|e| commit_failure(dir, e))?;
    let numbers = match (plan.added.first(), plan.added.last()) {
        (Some(a), Some(b)) if a.number != b.number => {
            format!(" (numbers {}-{})", a.number, b.number)
        }
        (Some(a), _) => format!(" (number {})", a.number),
        _ => String::new(),
    };
    outln!(
        "{head}: {summary}{numbers}; written to {}",
        upr_path.display()
    );
    if let Some(id) = &plan.new_source {
        outln!(
            "note: added source \"{id}\" to {}: give it the report's symbol and date",
            sources_path.display()
        );
    }
    if !whole {
        outln!(
            "note: {} has no country.toml yet; create it (see docs/dataset.md), then run `hrdraft check {}`",
            dir.display(),
            dir.display()
        );
    } else if dataset::load(dir).is_ok() {
        outln!("{}: valid", dir.display());
    }
    Ok(ExitCode::from(EXIT_OK))
}
