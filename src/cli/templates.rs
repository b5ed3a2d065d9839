//! `hrdraft templates`: the document kinds available.

use std::process::ExitCode;

use super::common::EngineArgs;
use super::EXIT_OK;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let set = args.engine.template_set()?;
    if args.json {
        let list: Vec<_> = set
            .iter()
            .map(|t| {
                serde_json::json!({
                    "name": t.manifest.name,
                    "title": t.manifest.title,
                    "description": t.manifest.description,
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
        outln!(
            "{:width$}  {}  [{}; plugins: {}; {}]",
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
