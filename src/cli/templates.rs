//! `hrdraft templates`: the document kinds available; `templates show` and
//! `templates export` print or copy one template's files.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;

use super::common::EngineArgs;
use super::{Failure, EXIT_IO, EXIT_OK, EXIT_USAGE};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Print as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    engine: EngineArgs,
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Print a template's files (template.toml, body, partials, blocks,
    /// messages), each under a `==> path <==` line.
    Show {
        /// The template.
        name: String,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Copy a template's files into DIR, ready to edit and to use with
    /// `--templates DIR`.
    Export {
        /// The template.
        name: String,
        /// The folder to write into (created if need be).
        dir: PathBuf,
        /// Replace files DIR already holds.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        engine: EngineArgs,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.action {
        Some(Action::Show { name, engine }) => show(&engine, &name),
        Some(Action::Export {
            name,
            dir,
            force,
            engine,
        }) => export(&engine, &name, &dir, force),
        None => list(&args.engine, args.json),
    }
}

fn files(engine: &EngineArgs, name: &str) -> anyhow::Result<Vec<(String, String)>> {
    let set = engine.template_set()?;
    let t = set.get(name).map_err(|e| Failure::new(EXIT_USAGE, e))?;
    Ok(t.files.clone())
}

fn show(engine: &EngineArgs, name: &str) -> anyhow::Result<ExitCode> {
    for (i, (path, text)) in files(engine, name)?.iter().enumerate() {
        if i > 0 {
            outln!("");
        }
        outln!("==> {path} <==");
        out!("{text}");
        if !text.ends_with('\n') {
            outln!("");
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn export(
    engine: &EngineArgs,
    name: &str,
    dir: &std::path::Path,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let files = files(engine, name)?;
    let targets: Vec<(PathBuf, &str)> = files
        .iter()
        .map(|(path, text)| (dir.join(path), text.as_str()))
        .collect();
    if !force {
        if let Some((existing, _)) = targets.iter().find(|(p, _)| p.exists()) {
            return Err(Failure::new(
                EXIT_USAGE,
                anyhow!(
                    "{} exists; export into an empty folder, or give --force to replace it",
                    existing.display()
                ),
            )
            .into());
        }
    }
    for (path, text) in &targets {
        let io = |e: std::io::Error| Failure::new(EXIT_IO, anyhow!("{}: {e}", path.display()));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        hrdraft::output::write_atomic(path, text.as_bytes())
            .map_err(|e| Failure::new(EXIT_IO, e))?;
    }
    crate::cli::report::note(format_args!(
        "wrote {} files of template `{name}` to {}",
        targets.len(),
        dir.display()
    ));
    Ok(ExitCode::from(EXIT_OK))
}

fn list(engine: &EngineArgs, json: bool) -> anyhow::Result<ExitCode> {
    let set = engine.template_set()?;
    if json {
        let list: Vec<_> = set
            .iter()
            .map(|t| {
                serde_json::json!({
                    "name": t.manifest.name,
                    "title": t.manifest.title,
                    "description": t.manifest.description,
                    "extends": t.manifest.extends,
                    "plugins": t.manifest.plugins,
                    "languages": t.manifest.languages,
                    "origin": t.origin.as_ref().map(|p| p.display().to_string()),
                })
            })
            .collect();
        outln!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(ExitCode::from(EXIT_OK));
    }
    let width = set.names().iter().map(|n| n.len()).max().unwrap_or(0);
    for t in set.iter() {
        let origin = t
            .origin
            .as_ref()
            .map_or_else(|| "built-in".to_string(), |p| p.display().to_string());
        let extends = t
            .manifest
            .extends
            .as_ref()
            .map(|p| format!("extends {p}; "))
            .unwrap_or_default();
        outln!(
            "{:width$}  {}  [{extends}{}; plugins: {}; {}]",
            t.manifest.name,
            t.manifest.description,
            t.manifest.languages.join(", "),
            if t.manifest.plugins.is_empty() {
                "none".to_string()
            } else {
                t.manifest.plugins.join(", ")
            },
            origin
        );
    }
    Ok(ExitCode::from(EXIT_OK))
}
