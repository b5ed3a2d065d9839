//! `hrdraft bench gen`: synthetic datasets for measuring speed (see docs/performance.md).

use std::path::PathBuf;
use std::process::ExitCode;

use hrdraft::bench_gen::{self, Spec};

use super::{Failure, EXIT_IO, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Generate datasets shaped like the Kazakhstan example, one directory per country.
    Gen(GenArgs),
}

#[derive(Debug, clap::Args)]
struct GenArgs {
    /// How many countries.
    #[arg(long, default_value_t = 1)]
    countries: usize,
    /// Recommendations per country.
    #[arg(long, default_value_t = 129)]
    recommendations: usize,
    /// Stakeholder assessments per country, in all (default: 1.5 a recommendation, as in the example).
    #[arg(long)]
    assessments: Option<usize>,
    /// The seed; the same seed and sizes give the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory; each country goes to DIR/<short_name>/.
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Gen(g) => {
            let spec = Spec {
                countries: g.countries,
                recommendations: g.recommendations,
                assessments: g.assessments,
                seed: g.seed,
            };
            let dirs = bench_gen::generate(&spec, &g.out).map_err(|e| Failure::new(EXIT_IO, e))?;
            for d in &dirs {
                outln!("{}", d.display());
            }
            eprintln!(
                "generated {} dataset{} of {} recommendations and {} assessments each",
                dirs.len(),
                if dirs.len() == 1 { "" } else { "s" },
                spec.recommendations,
                spec.assessments()
            );
            Ok(ExitCode::from(EXIT_OK))
        }
    }
}
