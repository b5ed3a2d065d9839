//! What several subcommands share: loading a dataset, building the drafter, choosing formats.

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use hrdraft::dataset::{self, Loaded};
use hrdraft::draft::Drafter;
use hrdraft::plugin_host::{DiscoverOptions, Registry};
use hrdraft::template::TemplateSet;
use hrdraft::write::{self, Writer};

use super::{Failure, EXIT_INVALID, EXIT_PLUGIN};

/// Where templates and plugins come from.
#[derive(Debug, Clone, clap::Args)]
pub struct EngineArgs {
    /// A directory of templates; one with the name of a built-in template replaces it.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A plugin to load: a dynamic library, an executable, or a directory of them.
    #[arg(long = "plugin", value_name = "PATH")]
    pub plugins: Vec<PathBuf>,
}

impl EngineArgs {
    pub fn template_set(&self) -> anyhow::Result<TemplateSet> {
        let mut set = TemplateSet::builtin().map_err(|e| Failure::new(EXIT_INVALID, e))?;
        if let Some(dir) = &self.templates {
            set.add_dir(dir)
                .map_err(|e| Failure::new(EXIT_INVALID, e))?;
        }
        Ok(set)
    }

    pub fn registry(&self) -> anyhow::Result<Registry> {
        let options = DiscoverOptions {
            extra: self.plugins.clone(),
            dirs: DiscoverOptions::default_dirs(),
        };
        Registry::discover(&options).map_err(|e| Failure::new(EXIT_PLUGIN, e).into())
    }

    pub fn drafter(&self) -> anyhow::Result<Drafter> {
        Drafter::new(self.template_set()?, self.registry()?)
            .map_err(|e| Failure::new(EXIT_INVALID, e).into())
    }

    /// A drafter with only these templates registered (see [`Drafter::new_for`]).
    pub fn drafter_for(&self, only: &[&str]) -> anyhow::Result<Drafter> {
        Drafter::new_for(self.template_set()?, self.registry()?, only)
            .map_err(|e| Failure::new(EXIT_INVALID, e).into())
    }
}

/// Load a dataset, printing its problems the way `check` does.
pub fn load_dataset(path: &Path) -> anyhow::Result<Loaded> {
    match dataset::load(path) {
        Ok(loaded) => Ok(loaded),
        Err(e) => {
            let stderr = std::io::stderr();
            let mut err = stderr.lock();
            for d in &e.diagnostics {
                super::check::write_diagnostic(&mut err, path, d)?;
            }
            Err(Failure::new(
                EXIT_INVALID,
                anyhow!(
                    "{} is not a valid dataset; `hrdraft check {}` lists the problems",
                    path.display(),
                    path.display()
                ),
            )
            .into())
        }
    }
}

/// The writers for `--format` values, in the order given, without repeats.
pub fn writers(formats: &[String]) -> anyhow::Result<Vec<&'static dyn Writer>> {
    let mut out: Vec<&'static dyn Writer> = Vec::new();
    for f in formats {
        let w = write::writer(f).ok_or_else(|| {
            Failure::usage(anyhow!(
                "unknown format `{f}`; the formats are {}",
                write::writers()
                    .iter()
                    .map(|w| w.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        if !out.iter().any(|o| o.name() == w.name()) {
            out.push(w);
        }
    }
    Ok(out)
}

/// Parse `--set key=value` pairs into the `vars` object of the context.
pub fn vars(sets: &[String]) -> anyhow::Result<serde_json::Map<String, serde_json::Value>> {
    let mut map = serde_json::Map::new();
    for s in sets {
        let (k, v) = s
            .split_once('=')
            .ok_or_else(|| Failure::usage(anyhow!("`--set {s}`: write key=value")))?;
        let k = k.trim();
        if k.is_empty() {
            return Err(Failure::usage(anyhow!("`--set {s}`: the key is empty")).into());
        }
        map.insert(k.to_string(), serde_json::Value::String(v.to_string()));
    }
    Ok(map)
}
