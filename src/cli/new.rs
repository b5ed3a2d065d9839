//! `hrdraft new dataset DIR` and `hrdraft new plugin NAME`: starting points that work as they are.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;
use hrdraft::dataset::{self, SkeletonError};
use hrdraft::plugin_host::{scaffold, NewPlugin, SdkDependency};

use super::report;
use super::{Failure, EXIT_INVALID, EXIT_IO, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// A dataset directory with every file and example entries, valid as it is.
    Dataset {
        /// The directory to create (it must not exist or be empty).
        dir: PathBuf,
        /// The country's name as UN documents write it ("Kazakhstan").
        #[arg(long, value_name = "NAME")]
        country: String,
        /// The name of its output folder (default: derived from the country's name).
        #[arg(long, value_name = "NAME")]
        short_name: Option<String>,
    },
    /// A plugin crate (Rust; builds as a loadable library).
    Plugin {
        /// The plugin's name: lower-case letters, digits and hyphens.
        name: String,
        /// Where to create it (default: ./hrdraft-plugin-NAME).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Depend on this hrdraft-sdk checkout (an hrdraft source tree's
        /// plugins/sdk directory). By default the source tree hrdraft was
        /// built from is used when it still exists, else the published version.
        #[arg(long, value_name = "DIR")]
        sdk_path: Option<PathBuf>,
        /// What the plugin finds, one line, as `hrdraft plugins` shows it
        /// (default: made from the name, "treaty-deadlines" → "Treaty deadlines").
        #[arg(long)]
        description: Option<String>,
        /// Write the plugin even under the name of a built-in plugin.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Dataset {
            dir,
            country,
            short_name,
        } => {
            let short = match short_name {
                Some(s) => s,
                None => dataset::short_name(&country).ok_or_else(|| {
                    Failure::usage(anyhow!(
                        "no output folder name can be made from \"{country}\"; \
                         give one with --short-name (lower-case ASCII letters, digits, hyphens)"
                    ))
                })?,
            };
            let files = dataset::write_skeleton(&dir, &country, &short).map_err(|e| match e {
                SkeletonError::Io { .. } => Failure::new(EXIT_IO, e),
                SkeletonError::BadShortName(_) | SkeletonError::BadName(_) => Failure::usage(e),
                SkeletonError::Exists(_) => Failure::new(EXIT_INVALID, e),
            })?;
            if !report::settings().quiet {
                for f in &files {
                    outln!("{}", f.display());
                }
            }
            report::note(format_args!(
                "created the dataset for {country} in {}: replace the EXAMPLE entries and \
                 the placeholder ISO codes in country.toml, then run `hrdraft check {}`",
                dir.display(),
                dir.display()
            ));
            Ok(ExitCode::from(EXIT_OK))
        }
        What::Plugin {
            name,
            dir,
            sdk_path,
            description,
            force,
        } => {
            let dir = dir.unwrap_or_else(|| PathBuf::from(format!("hrdraft-plugin-{name}")));
            // Without --sdk-path, use the SDK of the source tree this hrdraft
            // was built from when it is still there, so the crate builds at
            // once; otherwise the published version.
            let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plugins/sdk");
            let sdk = match sdk_path {
                Some(p) => SdkDependency::Path(std::path::absolute(&p).unwrap_or(p)),
                None if here.join("Cargo.toml").is_file() => SdkDependency::Path(here),
                None => SdkDependency::Version(env!("CARGO_PKG_VERSION").to_string()),
            };
            let plugin = NewPlugin {
                name: &name,
                description: description.as_deref(),
                sdk: &sdk,
                force,
            };
            scaffold(&dir, &plugin).map_err(|e| Failure::new(EXIT_INVALID, e))?;
            outln!("created {}", dir.display());
            outln!(
                "build it with: cargo build --release --manifest-path {}/Cargo.toml",
                dir.display()
            );
            Ok(ExitCode::from(EXIT_OK))
        }
    }
}
