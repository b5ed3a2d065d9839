//! `hrdraft schema [FILE]`: the JSON Schema of a dataset file, of the whole dataset, or of template.toml.

use std::process::ExitCode;

use anyhow::anyhow;
use hrdraft::dataset::{file_schema, FILES};

use super::EXIT_OK;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A dataset file name (e.g. upr.toml), or `template` for a template's
    /// template.toml; without it, the schema of the whole dataset as
    /// plugins receive it in JSON.
    file: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let name = args.file.as_deref().unwrap_or("dataset");
    let schema = if matches!(name, "template" | "template.toml") {
        Some(hrdraft::template::manifest::schema())
    } else {
        file_schema(name)
    };
    let schema = schema.ok_or_else(|| {
        anyhow!(
            "no schema for `{name}`; the dataset files are {}, and `template` is a \
             template's template.toml",
            FILES.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(", ")
        )
    })?;
    outln!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(ExitCode::from(EXIT_OK))
}
