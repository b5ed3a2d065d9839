//! `hrdraft sheet export|import`: the response sheet stakeholders fill in, out and back.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::anyhow;
use clap::Subcommand;
use hrdraft::output;
use hrdraft::sdk::StakeholderKind;
use hrdraft::sheet::commit::{self, backup_path, CommitError, Edit};
use hrdraft::sheet::export::{self, ExportOptions};
use hrdraft::sheet::import::{self, ChangeKind, ImportOptions};
use hrdraft::sheet::{table, ErrorKind, RowProblem, SheetError};

use super::common;
use super::{Failure, EXIT_INVALID, EXIT_IO, EXIT_OK, EXIT_USAGE};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: SheetCommand,
}

#[derive(Debug, Subcommand)]
enum SheetCommand {
    /// Write the sheet a stakeholder fills in: one row per recommendation of a cycle.
    Export(ExportArgs),
    /// Merge a filled sheet (.xlsx, .ods or .csv) into the dataset's upr.toml.
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// The dataset directory.
    dataset: PathBuf,
    /// The UPR cycle (needed when the dataset has several).
    #[arg(long)]
    cycle: Option<u32>,
    /// The file to write: .xlsx, or .csv for the same columns as plain text.
    #[arg(long, short, value_name = "FILE")]
    out: PathBuf,
    /// Fill in this stakeholder's assessments already in the dataset, for it to revise.
    #[arg(long, value_name = "ABBR")]
    stakeholder: Option<String>,
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The dataset directory.
    dataset: PathBuf,
    /// The filled sheet: .xlsx, .ods or .csv (with the header `sheet export` writes).
    sheet: PathBuf,
    /// The abbreviation of the stakeholder whose sheet it is.
    #[arg(long, value_name = "ABBR")]
    stakeholder: String,
    /// Add the stakeholder to upr.toml with this full name (with --kind).
    #[arg(long, requires = "kind")]
    name: Option<String>,
    /// The kind of stakeholder to add (with --name).
    #[arg(long, value_enum, requires = "name")]
    kind: Option<Kind>,
    /// The UPR cycle, when the sheet does not say (CSV) and the dataset has several.
    #[arg(long)]
    cycle: Option<u32>,
    /// Print what would change without writing anything.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Kind {
    Ngo,
    Nhri,
    UnAgency,
    State,
}

impl From<Kind> for StakeholderKind {
    fn from(k: Kind) -> StakeholderKind {
        match k {
            Kind::Ngo => StakeholderKind::Ngo,
            Kind::Nhri => StakeholderKind::Nhri,
            Kind::UnAgency => StakeholderKind::UnAgency,
            Kind::State => StakeholderKind::State,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        SheetCommand::Export(a) => run_export(a),
        SheetCommand::Import(a) => run_import(a),
    }
}

/// The exit status a sheet error deserves.
pub fn failure(e: SheetError) -> Failure {
    let code = match e.kind() {
        ErrorKind::Usage => EXIT_USAGE,
        ErrorKind::Input => EXIT_INVALID,
        ErrorKind::Io => EXIT_IO,
    };
    Failure::new(code, e)
}

fn run_export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let csv = match ext.as_deref() {
        Some("xlsx") => false,
        Some("csv") => true,
        _ => {
            return Err(Failure::usage(anyhow!(
                "{}: the sheet is written as .xlsx (or .csv); name the file so",
                args.out.display()
            ))
            .into())
        }
    };
    let loaded = common::load_dataset(&args.dataset)?;
    let options = ExportOptions {
        cycle: args.cycle,
        stakeholder: args.stakeholder,
        created: source_date_epoch(),
    };
    let dataset = &loaded.dataset;
    let bytes = if csv {
        export::csv(dataset, &options)
    } else {
        export::xlsx(dataset, &options)
    }
    .map_err(failure)?;
    let count = export::sheet(dataset, &options)
        .map(|s| s.recommendations.len())
        .unwrap_or(0);
    output::write_atomic(&args.out, &bytes).map_err(|e| Failure::new(EXIT_IO, e))?;
    outln!(
        "{}: {count} recommendations of {}",
        args.out.display(),
        dataset.country.name
    );
    Ok(ExitCode::from(EXIT_OK))
}

fn source_date_epoch() -> Option<i64> {
    hrdraft::env::source_date_epoch().ok().flatten()
}

fn run_import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    // Held until upr.toml is written and checked: no other import between.
    let _lock = lock_dataset(&args.dataset)?;
    let loaded = common::load_dataset(&args.dataset)?;
    let upr_path = args.dataset.join(import::FILE);
    let before = read_optional(&upr_path)?;
    let Some(before) = before else {
        return Err(Failure::new(
            EXIT_INVALID,
            anyhow!(
                "{} has no upr.toml, so no recommendations to assess",
                args.dataset.display()
            ),
        )
        .into());
    };
    let text = String::from_utf8(before.clone()).map_err(|_| {
        Failure::new(
            EXIT_INVALID,
            anyhow!("{} is not UTF-8 text", upr_path.display()),
        )
    })?;
    let grids = table::read(&args.sheet).map_err(failure)?;
    let options = ImportOptions {
        stakeholder: args.stakeholder.clone(),
        add: args.name.clone().zip(args.kind.map(Into::into)),
        cycle: args.cycle,
    };
    let source = args.sheet.display().to_string();
    let plan = import::plan(&loaded.dataset, &text, &grids, &source, &options).map_err(failure)?;
    print_problems("warning", &source, &plan.warnings);
    refuse_rows(&source, &plan.refused)?;
    let (added, changed, unchanged) = (
        plan.count(ChangeKind::Added),
        plan.count(ChangeKind::Changed),
        plan.count(ChangeKind::Unchanged),
    );
    let summary = format!(
        "{added} added, {changed} changed, {unchanged} unchanged, {} skipped (no level or comment)",
        plan.skipped
    );
    let who = &args.stakeholder;
    if args.dry_run {
        outln!(
            "{source}: {who}'s assessments of cycle {} (dry run, nothing written): {summary}",
            plan.cycle
        );
        if plan.new_stakeholder {
            outln!("  add stakeholder {who}");
        }
        out!("{}", plan.describe());
        return Ok(ExitCode::from(EXIT_OK));
    }
    if plan.after.as_bytes() == before.as_slice() {
        outln!(
            "{}: unchanged ({who}'s assessments of cycle {}: {summary})",
            upr_path.display(),
            plan.cycle
        );
        return Ok(ExitCode::from(EXIT_OK));
    }
    let edit = Edit {
        file: import::FILE,
        before: Some(before),
        after: plan.after.clone(),
    };
    commit::commit(&args.dataset, &[edit], true).map_err(|e| commit_failure(&args.dataset, e))?;
    outln!(
        "{}: {who}'s assessments of cycle {}: {summary}{}; the previous version is in {}",
        upr_path.display(),
        plan.cycle,
        if plan.new_stakeholder {
            format!("; stakeholder {who} added")
        } else {
            String::new()
        },
        backup_path(&args.dataset, import::FILE).display()
    );
    Ok(ExitCode::from(EXIT_OK))
}

/// Lock the dataset for writing (`dataset::lock`), saying so if another
/// hrdraft holds it.
pub fn lock_dataset(dir: &Path) -> anyhow::Result<hrdraft::dataset::DatasetLock> {
    let wait = hrdraft::env::lock_timeout()
        .ok()
        .flatten()
        .unwrap_or(hrdraft::dataset::DEFAULT_LOCK_WAIT);
    hrdraft::dataset::lock(dir, wait, || {
        super::report::note(format_args!(
            "waiting for another hrdraft writing {} to finish…",
            dir.display()
        ));
    })
    .map_err(|e| Failure::new(EXIT_IO, e).into())
}

/// A dataset file's bytes, or `None` if it does not exist. Only a regular
/// file inside the dataset is read, never blocking (`dataset::read_file`).
pub fn read_optional(path: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    hrdraft::dataset::read_file(dir, &name)
        .map_err(|e| Failure::new(EXIT_IO, anyhow!("{}: {e}", path.display())).into())
}

/// Print each problem on its own line, as `error: sheet.xlsx: row 7: …`.
/// Rows an import refused end it before anything is written: each row is
/// printed, then the failure says how many.
pub fn refuse_rows(source: &str, refused: &[RowProblem]) -> Result<(), Failure> {
    if refused.is_empty() {
        return Ok(());
    }
    print_problems("error", source, refused);
    Err(Failure::new(
        EXIT_INVALID,
        anyhow!(
            "{} refused; nothing was written: correct {} and import again",
            rows(refused.len()),
            if refused.len() == 1 { "it" } else { "them" }
        ),
    ))
}

pub fn print_problems(label: &str, source: &str, problems: &[RowProblem]) {
    for p in problems {
        eprintln!("{label}: {source}: {p}");
    }
}

/// "1 row", "3 rows".
pub fn rows(n: usize) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{n} rows")
    }
}

/// The exit status and message for a failed write.
pub fn commit_failure(dataset: &Path, e: CommitError) -> Failure {
    match e {
        CommitError::Write(e) => Failure::new(EXIT_IO, e),
        CommitError::Invalid(load) => {
            let findings: Vec<hrdraft::diagnostic::Diagnostic> = load
                .diagnostics
                .iter()
                .map(|d| d.clone().in_dataset(dataset))
                .collect();
            super::report::print(&findings);
            Failure::new(
                EXIT_INVALID,
                anyhow!("the dataset would no longer be valid with these changes, so nothing was changed"),
            )
        }
    }
}
