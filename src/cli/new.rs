//! `hrdraft new plugin NAME`: scaffold a plugin crate that builds and loads on the first try.

use std::path::PathBuf;
use std::process::ExitCode;

use hrdraft::plugin_host::{scaffold_plugin, SdkDependency};

use super::{Failure, EXIT_INVALID, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
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
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Plugin {
            name,
            dir,
            sdk_path,
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
            scaffold_plugin(&dir, &name, &sdk).map_err(|e| Failure::new(EXIT_INVALID, e))?;
            println!("created {}", dir.display());
            println!(
                "build it with: cargo build --release --manifest-path {}/Cargo.toml",
                dir.display()
            );
            Ok(ExitCode::from(EXIT_OK))
        }
    }
}
