//! Command-line arguments and dispatch to the subcommands, one module each.

mod check;
mod common;
mod context;
mod draft;
mod interrupt;
mod new;
mod plugins;
mod render;
mod schema;
mod templates;

use std::fmt;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: the input has problems (an invalid dataset or template).
pub const EXIT_INVALID: u8 = 1;
/// Exit status: the command line is wrong.
pub const EXIT_USAGE: u8 = 2;
/// Exit status: a plugin failed.
pub const EXIT_PLUGIN: u8 = 3;
/// Exit status: a file could not be read or written.
pub const EXIT_IO: u8 = 4;
/// Exit status: stopped with Ctrl-C (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;

/// An error with the exit status it should end the process with.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
}

impl Failure {
    pub fn new(code: u8, error: impl Into<anyhow::Error>) -> Failure {
        Failure {
            code,
            error: error.into(),
        }
    }

    pub fn usage(error: impl Into<anyhow::Error>) -> Failure {
        Failure::new(EXIT_USAGE, error)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#}", self.error)
    }
}

impl std::error::Error for Failure {}

/// Draft human-rights advocacy documents from a country dataset.
#[derive(Debug, Parser)]
#[command(name = "hrdraft", version = VERSION.as_str(), about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// `hrdraft --version` shows the plugin ABI version too, for plugin authors.
static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{} (plugin ABI {})",
        env!("CARGO_PKG_VERSION"),
        hrdraft::sdk::ABI_VERSION
    )
});

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a dataset and report every problem found.
    Check(check::Args),
    /// Render one document from a dataset.
    Render(render::Args),
    /// Render every document for every dataset given (an election batch).
    Draft(draft::Args),
    /// List the document templates.
    Templates(templates::Args),
    /// List the plugins found, or run one.
    Plugins(plugins::Args),
    /// Print the whole context a template sees, as JSON.
    Context(context::Args),
    /// Create a new plugin crate.
    New(new::Args),
    /// Print the JSON Schema of the dataset files, for editors that validate TOML.
    Schema(schema::Args),
}

/// Run the command line; the error, if any, is printed by `main`.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Render(args) => render::run(args),
        Command::Draft(args) => draft::run(args),
        Command::Templates(args) => templates::run(args),
        Command::Plugins(args) => plugins::run(args),
        Command::Context(args) => context::run(args),
        Command::New(args) => new::run(args),
        Command::Schema(args) => schema::run(args),
    }
}

/// The exit status for an error that reached `main`.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    match error.downcast_ref::<Failure>() {
        Some(f) => f.code,
        None if error.downcast_ref::<std::io::Error>().is_some() => EXIT_IO,
        None => EXIT_INVALID,
    }
}
