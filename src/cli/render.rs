//! `hrdraft render DATASET --template NAME`: one document, in the formats asked for.

use std::path::PathBuf;
use std::process::ExitCode;

use hrdraft::draft::{DraftError, Request};
use hrdraft::output;

use super::common::{self, EngineArgs};
use super::{interrupt, Failure, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_IO, EXIT_OK, EXIT_PLUGIN};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset directory.
    dataset: PathBuf,
    /// The template (see `hrdraft templates`).
    #[arg(long, short)]
    template: String,
    /// Output format; repeat for several (docx, pdf, html, md).
    #[arg(long = "format", short, value_name = "FORMAT", default_values = ["docx", "pdf"])]
    formats: Vec<String>,
    /// Output directory; files go to DIR/<country>/<template>.<ext>.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Language of the template's fixed wording (e.g. en, ru).
    #[arg(long)]
    lang: Option<String>,
    /// A value for the template, under `vars` in its context (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    interrupt::install();
    let writers = common::writers(&args.formats)?;
    let vars = common::vars(&args.sets)?;
    let drafter = args.engine.drafter()?;
    let loaded = common::load_dataset(&args.dataset)?;
    let dataset = &loaded.dataset;
    let request = Request {
        template: &args.template,
        lang: args.lang.as_deref(),
        vars,
    };
    let drafted = drafter.draft(dataset, &request).map_err(draft_failure)?;
    // Write every format to memory, then to disk all together: a failure in
    // one leaves no file changed.
    let written = drafter.write(&drafted, &writers).map_err(draft_failure)?;
    let mut files = Vec::with_capacity(written.files.len());
    for (writer, bytes) in written.files {
        let path = output::document_path(
            &args.out,
            &dataset.country.short_name,
            &args.template,
            writer.extension(),
        )
        .map_err(|e| Failure::new(EXIT_INVALID, e))?;
        files.push((path, bytes));
    }
    if interrupt::interrupted() {
        eprintln!("interrupted: nothing was written");
        return Ok(ExitCode::from(EXIT_INTERRUPTED));
    }
    output::write_all_atomic(&files).map_err(|e| Failure::new(EXIT_IO, e))?;
    for (path, _) in &files {
        println!("{}", path.display());
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// The exit status a drafting error deserves.
pub fn draft_failure(e: DraftError) -> Failure {
    let code = match e {
        DraftError::Plugin { .. } => EXIT_PLUGIN,
        _ => EXIT_INVALID,
    };
    Failure::new(code, e)
}
