//! Command-line arguments and dispatch to the subcommands.

mod check;
mod schema;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: the input has problems (findings, an invalid dataset).
pub const EXIT_INVALID: u8 = 1;
/// Exit status: a file could not be read or written.
pub const EXIT_IO: u8 = 4;

/// Draft human-rights advocacy documents from a country dataset.
#[derive(Debug, Parser)]
#[command(name = "hrdraft", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a dataset and report every problem found.
    Check(check::Args),
    /// Print the JSON Schema of the dataset files, for editors that validate TOML.
    Schema(schema::Args),
}

/// Run the command line; the error, if any, is printed by `main`.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Schema(args) => schema::run(args),
    }
}
