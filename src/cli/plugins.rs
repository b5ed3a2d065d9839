//! `hrdraft plugins` lists the plugins found; `hrdraft plugins run NAME DATASET` runs one.

use std::path::PathBuf;
use std::process::ExitCode;

use hrdraft::pipeline::{plugin_options, DraftError, Request};
use hrdraft::sdk::Options;
use hrdraft::template::{TemplateError, TemplateSet};

use super::common::{self, EngineArgs};
use super::report;
use hrdraft::plugin_host::InstallError;

use super::{Failure, EXIT_INVALID, EXIT_IO, EXIT_OK, EXIT_PLUGIN, EXIT_USAGE};

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
    /// Install a plugin into your plugin directory (~/.config/hrdraft/plugins):
    /// a built library, an executable, or a plugin crate's directory, which
    /// is built with `cargo build --release`.
    Install {
        /// The library, executable or crate directory.
        path: PathBuf,
        /// Replace an installed plugin of the same name.
        #[arg(long)]
        force: bool,
    },
    /// Remove an installed plugin from your plugin directory.
    Remove {
        /// The plugin's name.
        name: String,
    },
    /// Run one plugin on a dataset and print its JSON output.
    Run {
        /// The plugin's name.
        name: String,
        /// The dataset directory.
        dataset: PathBuf,
        /// The document the plugin runs for: it gets that document's date
        /// (`as_of`), language and name, as when the document is drafted.
        /// Default: the first template (as `hrdraft templates` lists them)
        /// that names the plugin.
        #[arg(long, short = 't')]
        template: Option<String>,
        /// The document's language, as `render --lang` takes it.
        #[arg(long)]
        lang: Option<String>,
        /// A plugin option, as key=value; the value is read as JSON when it
        /// parses as JSON (true, 2, "x"), as text otherwise (repeatable).
        #[arg(long = "option", short = 'o', value_name = "KEY=VALUE")]
        options: Vec<String>,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(Command::Install { path, force }) => return install(&path, force),
        Some(Command::Remove { name }) => return remove(&name),
        _ => {}
    }
    let registry = args.engine.registry()?;
    match args.command {
        Some(Command::Install { .. } | Command::Remove { .. }) => {}
        None => {
            let mut list = registry.list();
            for found in registry.on_path() {
                match found {
                    Ok(info) => list.push(info),
                    Err(e) => {
                        report::print(&[hrdraft::diagnostic::Diagnostic::warning(e.to_string())])
                    }
                }
            }
            if args.json {
                outln!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                let w = list.iter().map(|p| p.name.len()).max().unwrap_or(0);
                for p in &list {
                    // "sdk 0.1.0", or "sdk ?" for a command plugin that does not say.
                    let sdk = format!("sdk {}", p.sdk_version.as_deref().unwrap_or("?"));
                    let debug = if p.debug { ", debug build" } else { "" };
                    outln!(
                        "{:w$}  {:8}  {:9}  {:10}  {}  ({}{debug})",
                        p.name,
                        p.version,
                        p.kind.to_string(),
                        sdk,
                        p.description,
                        p.origin_label()
                    );
                }
                if list.iter().any(|p| p.debug) {
                    report::print(&[hrdraft::diagnostic::Diagnostic::warning(
                        "a plugin marked \"debug build\" runs many times slower than a release build: build it with `cargo build --release`".to_string(),
                    )]);
                }
            }
        }
        Some(Command::Run {
            name,
            dataset,
            template,
            lang,
            options,
        }) => {
            let loaded = common::load_dataset(&dataset)?;
            let templates = args.engine.template_set()?;
            let mut opts = document_options(&templates, &loaded.dataset, &name, template, lang)?;
            for o in &options {
                let (k, v) = o.split_once('=').ok_or_else(|| {
                    Failure::usage(anyhow::anyhow!("`--option {o}`: write key=value"))
                })?;
                let value = serde_json::from_str(v)
                    .unwrap_or_else(|_| serde_json::Value::String(v.to_string()));
                opts = opts.with(k.trim(), value);
            }
            report::verbose(format_args!(
                "plugin `{name}` runs with options {}",
                serde_json::to_string(&opts)?
            ));
            let value = registry
                .run(&name, &loaded.dataset, &opts)
                .map_err(|e| Failure::new(EXIT_PLUGIN, e))?;
            outln!("{}", serde_json::to_string_pretty(&value)?);
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// The options a document gives its plugins (`as_of`, `lang`, `template`),
/// for the template asked for or the first that names the plugin; without
/// either, the date a document without documents.toml entry has and `lang`.
fn document_options(
    templates: &TemplateSet,
    dataset: &hrdraft::sdk::Dataset,
    plugin: &str,
    template: Option<String>,
    lang: Option<String>,
) -> anyhow::Result<Options> {
    let template = template.or_else(|| {
        templates
            .iter()
            .find(|t| t.manifest.plugins.iter().any(|p| p == plugin))
            .map(|t| t.manifest.name.clone())
    });
    let Some(template) = template else {
        let language = lang.unwrap_or_else(|| "en".into());
        let document = hrdraft::context::document(dataset, None, &language, None);
        return Ok(Options::new()
            .with("as_of", document.json["date"].clone())
            .with("lang", language));
    };
    let request = Request {
        template: &template,
        lang: lang.as_deref(),
        ..Request::default()
    };
    plugin_options(templates, dataset, &request).map_err(|e| {
        let code = match &e {
            DraftError::Template(TemplateError::Unknown { .. }) => EXIT_USAGE,
            _ => EXIT_INVALID,
        };
        Failure::new(code, e).into()
    })
}

fn plugin_dir() -> anyhow::Result<PathBuf> {
    hrdraft::plugin_host::user_plugin_dir()
        .ok_or_else(|| Failure::usage(InstallError::NoDirectory).into())
}

fn install_failure(e: InstallError) -> anyhow::Error {
    let code = match &e {
        InstallError::Plugin(_) | InstallError::Build { .. } | InstallError::NoLibrary(_) => {
            EXIT_PLUGIN
        }
        InstallError::Io { .. } => EXIT_IO,
        _ => EXIT_USAGE,
    };
    Failure::new(code, e).into()
}

fn install(path: &std::path::Path, force: bool) -> anyhow::Result<ExitCode> {
    let dir = plugin_dir()?;
    let done = hrdraft::plugin_host::install(path, &dir, force).map_err(install_failure)?;
    outln!(
        "{} `{}` {} as {}",
        if done.replaced {
            "replaced"
        } else {
            "installed"
        },
        done.name,
        done.version,
        done.path.display()
    );
    Ok(ExitCode::from(EXIT_OK))
}

fn remove(name: &str) -> anyhow::Result<ExitCode> {
    let dir = plugin_dir()?;
    let path = hrdraft::plugin_host::remove(name, &dir).map_err(install_failure)?;
    outln!("removed `{name}` ({})", path.display());
    Ok(ExitCode::from(EXIT_OK))
}
