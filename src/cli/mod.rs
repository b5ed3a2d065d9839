//! Command-line arguments and dispatch to the subcommands, one module each.

/// `println!` on stdout that ends the run quietly when the reader has gone
/// (`hrdraft plugins run … | head`) instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::report::stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` on stdout, as [`outln`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::report::stdout(format_args!($($arg)*))
    };
}

mod bench;
mod check;
mod common;
mod completions;
mod context;
mod convert;
mod draft;
mod explain;
mod explain_sentence;
mod import;
mod interrupt;
mod lint;
mod new;
mod plugins;
mod render;
mod report;
mod schema;
mod sheet;
mod templates;
mod watch;

use std::fmt;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use hrdraft::diagnostic::Diagnostic;

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
    /// The problems behind the error, drawn with their source lines.
    pub findings: Vec<Diagnostic>,
    /// Whether the error is printed after the findings as a summary; when
    /// false the findings say all there is.
    pub summary: bool,
}

impl Failure {
    pub fn new(code: u8, error: impl Into<anyhow::Error>) -> Failure {
        Failure {
            code,
            error: error.into(),
            findings: Vec::new(),
            summary: true,
        }
    }

    /// An error the findings describe in full.
    pub fn shown(code: u8, error: impl Into<anyhow::Error>, findings: Vec<Diagnostic>) -> Failure {
        Failure {
            code,
            error: error.into(),
            findings,
            summary: false,
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
#[command(
    name = "hrdraft",
    version = VERSION.as_str(),
    about,
    max_term_width = 100,
    after_help = EXIT_STATUS_HELP
)]
pub struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print each stage's time and which templates and plugins ran, on stderr.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

/// The exit statuses, for `hrdraft --help` and the man page.
const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  success
  1  the input has problems (an invalid dataset or template; `check` found errors;
     a warning, with --deny-warnings)
  2  usage error (bad arguments, an unknown format)
  3  a plugin failed
  4  a file could not be read or written";

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
    /// Validate a dataset and report every problem found; with --for TEMPLATE, also what that
    /// template requires and the dataset lacks.
    Check(check::Args),
    /// Render one document from a dataset.
    Render(render::Args),
    /// Render every document for every dataset given (an election batch).
    Draft(draft::Args),
    /// List the document templates, or print or export one.
    Templates(templates::Args),
    /// List the plugins found, or run one.
    Plugins(plugins::Args),
    /// Draft one document without writing it and report what a reviewer would catch:
    /// post-dated sources, wrong responses, unknown pledges, unsourced facts, stray numbers.
    Lint(lint::Args),
    /// Print the whole context a template sees, as JSON.
    Context(context::Args),
    /// Show where one sentence of a document comes from: finding, plugin and rule, dataset
    /// file:line, sources.
    Explain(explain_sentence::Args),
    /// Create a new dataset or plugin.
    New(new::Args),
    /// Print the JSON Schema of the dataset files or of template.toml, for editors that validate TOML.
    Schema(schema::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the manual page (roff), e.g. `hrdraft man > hrdraft.1`.
    Man,
    /// Write the response sheet stakeholders fill in, and merge filled sheets back.
    Sheet(sheet::Args),
    /// Add data from elsewhere to a dataset (the UPR Info database).
    Import(import::Args),
    /// Convert a Markdown file to DOCX, PDF or HTML, without a dataset.
    Convert(convert::Args),
    /// Tools for measuring speed: synthetic datasets.
    #[command(hide = true)]
    Bench(bench::Args),
    /// Run a library plugin for hrdraft in a child process (not for use by hand):
    /// reads the input on stdin, writes the answer on stdout.
    #[command(hide = true, name = "plugin-host")]
    PluginHost {
        /// The plugin library.
        library: std::path::PathBuf,
        /// The call: `run`.
        call: String,
    },
}

/// Parse the command line, run it, and show any error; the process's exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = match &cli.command {
        Command::Check(a) => a.json,
        Command::Render(a) => a.json,
        Command::Draft(a) => a.json,
        Command::Lint(a) => a.json,
        _ => false,
    };
    report::init(report::Settings {
        quiet: cli.quiet,
        verbose: cli.verbose,
        json,
    });
    match run(cli) {
        Ok(code) => code,
        // The reader of stdout has gone (`| head`): stop quietly.
        Err(e) if broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            let code = exit_code(&e);
            show_error(&e, code);
            ExitCode::from(code)
        }
    }
}

/// Run the command line; the error, if any, is shown by [`main`].
fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // A setting in the environment that cannot be used is refused before
    // anything runs, rather than ignored (printing help needs none).
    if !matches!(cli.command, Command::Completions(_) | Command::Man) {
        hrdraft::env::check().map_err(Failure::usage)?;
    }
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Render(args) => render::run(args),
        Command::Draft(args) => draft::run(args),
        Command::Templates(args) => templates::run(args),
        Command::Plugins(args) => plugins::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Context(args) => context::run(args),
        Command::Explain(args) => explain_sentence::run(args),
        Command::New(args) => new::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Completions(args) => completions::run(args, Cli::command()),
        Command::Man => completions::man(Cli::command()),
        Command::Sheet(args) => sheet::run(args),
        Command::Import(args) => import::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Bench(args) => bench::run(args),
        Command::PluginHost { library, call } => Ok(ExitCode::from(
            hrdraft::plugin_host::serve_library(&library, &call),
        )),
    }
}

fn broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The exit status for an error that reached `main`.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    match error.downcast_ref::<Failure>() {
        Some(f) => f.code,
        None if error.downcast_ref::<std::io::Error>().is_some() => EXIT_IO,
        None => EXIT_INVALID,
    }
}

/// The findings behind an error, the error itself last when it adds to them.
pub(super) fn findings_of(error: &anyhow::Error) -> Vec<Diagnostic> {
    match error.downcast_ref::<Failure>() {
        Some(f) => {
            let mut out = f.findings.clone();
            if f.summary || out.is_empty() {
                out.push(Diagnostic::error(chain_text(&f.error)));
            }
            out
        }
        None => vec![Diagnostic::error(chain_text(error))],
    }
}

/// An error and its causes in one line, leaving out a cause its error
/// already quotes (many errors here include their source's text).
pub(super) fn chain_text(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return chain_text(&f.error);
        }
        let part = cause.to_string();
        if text.is_empty() {
            text = part;
        } else if !text.contains(&part) {
            text = format!("{text}: {part}");
        }
    }
    text
}

/// Print an error: drawn on stderr, or as one JSON object on stdout with `--json`.
pub(super) fn show_error(error: &anyhow::Error, code: u8) {
    if report::settings().json {
        let findings = match error.downcast_ref::<Failure>() {
            Some(f) if !f.findings.is_empty() => f.findings.clone(),
            _ => findings_of(error),
        };
        let message = chain_text(error);
        let report = serde_json::json!({
            "ok": false,
            "exit_code": code,
            "error": message,
            "findings": findings,
        });
        outln!("{report:#}");
    } else {
        report::print(&findings_of(error));
    }
}
