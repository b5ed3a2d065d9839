//! `hrdraft context DATASET --template NAME`: the JSON a template sees.

use std::path::PathBuf;
use std::process::ExitCode;

use hrdraft::pipeline::Request;

use super::common::{self, EngineArgs};
use super::EXIT_OK;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset directory.
    dataset: PathBuf,
    /// The template whose context to print.
    #[arg(long, short)]
    template: String,
    /// Language of the template's fixed wording.
    #[arg(long)]
    lang: Option<String>,
    /// Draft as of this date (YYYY-MM-DD) instead of the document's date in
    /// documents.toml: the document is dated so and speaks only of what was
    /// known then (ratifications, visits, assessment rounds, sources).
    #[arg(long, value_name = "DATE", value_parser = common::as_of)]
    as_of: Option<hrdraft::sdk::Date>,
    /// A value for the template, under `vars` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
    /// Print the rendered Markdown instead of the context.
    #[arg(long)]
    markdown: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (pipeline, loaded) = args
        .engine
        .pipeline_and_dataset(&args.template, &args.dataset)?;
    let loaded = common::report_loaded(&args.dataset, loaded)?;
    let request = Request {
        template: &args.template,
        lang: args.lang.as_deref(),
        vars: common::vars(&args.sets)?,
        as_of: args.as_of,
        review: None,
        file_for: None,
    };
    let fail = common::draft_failure(&pipeline, &args.template);
    let context = pipeline.context(&loaded.dataset, &request).map_err(&fail)?;
    if args.markdown {
        let drafted = pipeline
            .draft_with_context(&args.template, &context)
            .map_err(&fail)?;
        out!("{}", drafted.markdown);
    } else {
        outln!("{}", serde_json::to_string_pretty(&context.json)?);
    }
    Ok(ExitCode::from(EXIT_OK))
}
