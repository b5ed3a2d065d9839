//! `hrdraft plugins` lists the plugins found; `hrdraft plugins run NAME DATASET` runs one.

use std::path::PathBuf;
use std::process::ExitCode;

use hrdraft::sdk::Options;

use super::common::{self, EngineArgs};
use super::{Failure, EXIT_OK, EXIT_PLUGIN};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Run one plugin on a dataset and print its JSON output.
    Run {
        /// The plugin's name.
        name: String,
        /// The dataset directory.
        dataset: PathBuf,
        /// A plugin option, as key=value; the value is read as JSON when it
        /// parses as JSON (true, 2, "x"), as text otherwise (repeatable).
        #[arg(long = "option", short = 'o', value_name = "KEY=VALUE")]
        options: Vec<String>,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let registry = args.engine.registry()?;
    match args.command {
        None => {
            let list = registry.list();
            if args.json {
                outln!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                let w = list.iter().map(|p| p.name.len()).max().unwrap_or(0);
                for p in &list {
                    outln!(
                        "{:w$}  {:8}  {:9}  {}  ({})",
                        p.name,
                        p.version,
                        p.kind.to_string(),
                        p.description,
                        p.origin_label()
                    );
                }
            }
        }
        Some(Command::Run {
            name,
            dataset,
            options,
        }) => {
            let mut opts = Options::new();
            for o in &options {
                let (k, v) = o.split_once('=').ok_or_else(|| {
                    Failure::usage(anyhow::anyhow!("`--option {o}`: write key=value"))
                })?;
                let value = serde_json::from_str(v)
                    .unwrap_or_else(|_| serde_json::Value::String(v.to_string()));
                opts = opts.with(k.trim(), value);
            }
            let loaded = common::load_dataset(&dataset)?;
            let value = registry
                .run(&name, &loaded.dataset, &opts)
                .map_err(|e| Failure::new(EXIT_PLUGIN, e))?;
            outln!("{}", serde_json::to_string_pretty(&value)?);
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}
