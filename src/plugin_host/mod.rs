//! Finding and running plugins: built in, dynamic libraries and external commands.
//!
//! Every plugin, whatever its kind, receives the same input (the dataset and
//! its options; as JSON `{"dataset": …, "options": …}` when it is not linked
//! in) and returns a JSON value, which joins the template context under
//! `plugins.<name>`. Discovery order: the built-ins, then the paths given
//! with `--plugin`, then the plugin directories (`./plugins.d`, then the
//! user's configuration directory). Two plugins of one name are an error
//! naming both. A name not found there is looked up on `PATH` as an
//! executable `hrdraft-plugin-<name>` when it is run.

mod builtin;
mod command;
mod dylib;
mod error;
mod install;
mod isolate;
pub mod scaffold;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use hrdraft_sdk::{Dataset, Metadata, Options, Reads, Section};
use serde::Serialize;
use serde_json::Value;

pub use command::{show_stderr, DEFAULT_OUTPUT_LIMIT, DEFAULT_TIMEOUT};
pub use error::PluginError;
pub use install::{install, remove, InstallError, Installed};
pub use isolate::{serve as serve_library, SUBCOMMAND as PLUGIN_HOST_SUBCOMMAND};
pub use scaffold::{scaffold, scaffold_plugin, NewPlugin, ScaffoldError, SdkDependency};

/// Where to look for plugins besides the built-ins.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Plugins given by path (`--plugin PATH`): a library, an executable, or
    /// a directory of them. Each must exist.
    pub extra: Vec<PathBuf>,
    /// Plugin directories, searched in order; missing ones are skipped.
    pub dirs: Vec<PathBuf>,
}

impl DiscoverOptions {
    /// The usual plugin directories: `./plugins.d`, then the user's
    /// (`$XDG_CONFIG_HOME/hrdraft/plugins` or `~/.config/hrdraft/plugins`).
    pub fn default_dirs() -> Vec<PathBuf> {
        let mut dirs = vec![PathBuf::from("plugins.d")];
        dirs.extend(user_plugin_dir());
        dirs
    }
}

/// The user's plugin directory, if a home or configuration directory is known.
pub fn user_plugin_dir() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))?;
    Some(config.join("hrdraft").join("plugins"))
}

/// The kinds of plugin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PluginKind {
    /// Linked into hrdraft.
    BuiltIn,
    /// A dynamic library loaded at run time.
    Library,
    /// An external program speaking JSON.
    Command,
}

impl fmt::Display for PluginKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PluginKind::BuiltIn => "built-in",
            PluginKind::Library => "library",
            PluginKind::Command => "command",
        })
    }
}

/// One plugin as `hrdraft plugins` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PluginInfo {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Built-in, library or command.
    pub kind: PluginKind,
    /// The file it came from; `None` for a built-in.
    pub origin: Option<PathBuf>,
    /// What it finds.
    pub description: String,
    /// The dataset sections it reads.
    pub sections: Vec<Section>,
    /// The names of the partials it ships.
    pub partials: Vec<String>,
    /// The hrdraft-sdk version it was built with, when it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sdk_version: Option<String>,
    /// True for a library plugin built without optimisations (a debug build).
    pub debug: bool,
}

impl PluginInfo {
    /// "built-in" or the path, for messages and listings.
    pub fn origin_label(&self) -> String {
        match &self.origin {
            Some(p) => p.display().to_string(),
            None => "built-in".into(),
        }
    }
}

/// Where a plugin's code is.
enum PluginSource {
    BuiltIn(builtin::Builtin),
    Library(dylib::LibraryPlugin),
    Command(command::CommandPlugin),
}

struct Entry {
    metadata: Metadata,
    source: PluginSource,
}

/// How a plugin was found, which decides what a second of its name does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// Linked in.
    BuiltIn,
    /// Given with `--plugin`: it replaces one of its name in a plugin
    /// directory; one of a built-in's name is an error at once.
    Given,
    /// In a plugin directory: a second of its name there, or one named like
    /// a built-in, fails only the templates that use that name.
    Dir,
}

impl Entry {
    fn info(&self) -> PluginInfo {
        let (kind, origin) = match &self.source {
            PluginSource::BuiltIn(_) => (PluginKind::BuiltIn, None),
            PluginSource::Library(l) => (PluginKind::Library, Some(l.path.clone())),
            PluginSource::Command(c) => (PluginKind::Command, Some(c.path.clone())),
        };
        PluginInfo {
            name: self.metadata.name.clone(),
            version: self.metadata.version.clone(),
            kind,
            origin,
            description: self.metadata.description.clone(),
            sections: self.metadata.sections.clone(),
            partials: self.metadata.partials.keys().cloned().collect(),
            sdk_version: self.metadata.sdk_version.clone(),
            debug: kind == PluginKind::Library && self.metadata.debug == Some(true),
        }
    }
}

/// The plugins a run can use, by name.
pub struct Registry {
    entries: Vec<(Entry, Found)>,
    limits: command::Limits,
    /// The program that runs library plugins in a child process
    /// ([`Registry::isolate_libraries`]); `None`: they run in this process.
    host: Option<PathBuf>,
    /// Names two plugins in the plugin directories claim, with the origins
    /// of both, reported when a template runs one of them.
    clashes: Vec<(String, String, String)>,
    /// What discovery chose that `--verbose` reports.
    notes: Vec<String>,
    /// How the plugins being added were found.
    adding: Found,
}

impl Registry {
    /// No plugins at all; add some with [`Registry::add_path`] or [`Registry::add_dir`].
    pub fn empty() -> Registry {
        Registry {
            entries: Vec::new(),
            limits: limits_from_env(),
            host: None,
            clashes: Vec::new(),
            notes: Vec::new(),
            adding: Found::Given,
        }
    }

    /// The built-in plugins alone.
    pub fn builtin() -> Registry {
        let entries = builtin::all()
            .into_iter()
            .map(|p| {
                let mut metadata = p.metadata();
                metadata.sdk_version = Some(hrdraft_sdk::SDK_VERSION.to_owned());
                let entry = Entry {
                    metadata,
                    source: PluginSource::BuiltIn(p),
                };
                (entry, Found::BuiltIn)
            })
            .collect();
        Registry {
            entries,
            ..Registry::empty()
        }
    }

    /// Run library plugins in a child process: `host plugin-host LIBRARY
    /// run`, where `host` is an hrdraft executable (the command line gives
    /// its own). An exit, abort, hang or stray output of the library then
    /// ends only the child, within the limits command plugins have; see
    /// `plugin_host::isolate`.
    pub fn isolate_libraries(&mut self, host: PathBuf) {
        self.host = Some(host);
    }

    /// The built-ins, then the plugins at `options.extra`, then those in `options.dirs`.
    pub fn discover(options: &DiscoverOptions) -> Result<Registry, PluginError> {
        let mut registry = Registry::builtin();
        for path in &options.extra {
            if path.is_dir() {
                registry.add_dir(path)?;
            } else {
                registry.add_path(path)?;
            }
        }
        registry.adding = Found::Dir;
        for dir in &options.dirs {
            if dir.is_dir() {
                registry.add_dir(dir)?;
            }
        }
        registry.adding = Found::Given;
        Ok(registry)
    }

    /// Add every plugin in a directory: libraries (by extension) and
    /// executables named `hrdraft-plugin-*`; other files are left alone.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), PluginError> {
        let paths = sorted_entries(dir).map_err(|source| PluginError::Dir {
            path: dir.to_owned(),
            source,
        })?;
        for path in paths {
            if !path.is_file() {
                continue;
            }
            let command_name = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(COMMAND_PREFIX));
            if is_library(&path) || (command_name && is_executable(&path)) {
                self.add_path(&path)?;
            }
        }
        Ok(())
    }

    /// Add the plugin at `path`: a library if its name says so, else a program.
    pub fn add_path(&mut self, path: &Path) -> Result<(), PluginError> {
        if !path.exists() {
            return Err(PluginError::Missing {
                path: path.to_owned(),
            });
        }
        let entry = if is_library(path) {
            let lib = dylib::load(path)?;
            Entry {
                metadata: lib.metadata.clone(),
                source: PluginSource::Library(lib),
            }
        } else {
            let cmd = command::describe(path, self.limits)?;
            Entry {
                metadata: cmd.metadata.clone(),
                source: PluginSource::Command(cmd),
            }
        };
        self.insert(entry)
    }

    fn insert(&mut self, entry: Entry) -> Result<(), PluginError> {
        let new = entry.info();
        let found = self.adding;
        if let Some((old, old_found)) = self
            .entries
            .iter()
            .find(|(e, _)| e.metadata.name == new.name)
        {
            let clash = PluginError::Clash {
                second: new.origin_label(),
                name: new.name.clone(),
                first: old.info().origin_label(),
            };
            match (old_found, found) {
                (Found::Given, Found::Dir) => {
                    self.notes.push(format!(
                        "plugin `{}` from {} replaces the one in {} (--plugin)",
                        new.name,
                        old.info().origin_label(),
                        new.origin_label()
                    ));
                    return Ok(());
                }
                (_, Found::Dir) => {
                    self.notes
                        .push(format!("{clash}; only templates that use it fail"));
                    self.clashes.push((
                        new.name.clone(),
                        old.info().origin_label(),
                        new.origin_label(),
                    ));
                    return Ok(());
                }
                _ => return Err(clash),
            }
        }
        for partial in entry.metadata.partials.keys() {
            if let Some((old, _)) = self
                .entries
                .iter()
                .find(|(e, _)| e.metadata.partials.contains_key(partial))
            {
                return Err(PluginError::PartialClash {
                    partial: partial.clone(),
                    first: old.metadata.name.clone(),
                    second: new.name,
                });
            }
        }
        self.entries.push((entry, found));
        Ok(())
    }

    /// What discovery chose that is worth saying with `--verbose`: a
    /// plugin given with `--plugin` in place of one in a plugin directory,
    /// names two plugins claim.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Give command plugins this long per call (default 30 s, or
    /// `HRDRAFT_PLUGIN_TIMEOUT` seconds).
    pub fn set_command_timeout(&mut self, timeout: Duration) {
        self.limits.timeout = timeout;
    }

    /// Cap what a command plugin may print (default 64 MiB).
    pub fn set_output_limit(&mut self, bytes: usize) {
        self.limits.output = bytes;
    }

    /// Every plugin found, in discovery order.
    pub fn list(&self) -> Vec<PluginInfo> {
        self.entries.iter().map(|(e, _)| e.info()).collect()
    }

    /// The plugin of that name, if registered.
    pub fn get(&self, name: &str) -> Option<PluginInfo> {
        self.entries
            .iter()
            .find(|(e, _)| e.metadata.name == name)
            .map(|(e, _)| e.info())
    }

    /// The source ids the plugins cite without the dataset naming them
    /// (see [`hrdraft_sdk::Plugin::cites`]).
    pub fn cited_sources(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .flat_map(|(e, _)| e.metadata.cites.iter().map(String::as_str))
    }

    /// The partials every plugin ships, as (name, source) pairs.
    pub fn partials(&self) -> Vec<(String, String)> {
        self.entries
            .iter()
            .flat_map(|(e, _)| e.metadata.partials.clone())
            .collect()
    }

    /// Run one plugin.
    pub fn run(
        &self,
        name: &str,
        dataset: &Dataset,
        options: &Options,
    ) -> Result<Value, PluginError> {
        self.run_with(name, &SharedInput::new(dataset), options)
    }

    /// Run these plugins at once, each on its own thread, with the same
    /// options, and each told what the template reads of its findings when
    /// `reads` says (the option `reads`): the results (each with the time it took) in the order of
    /// `names`, whatever order they finish in, so that what follows (the
    /// context, the first error reported) is as if they had run one by one.
    /// Plugins only read the dataset; those that take it as JSON (libraries
    /// and commands) share one serialisation of it.
    pub fn run_all(
        &self,
        names: &[String],
        dataset: &Dataset,
        options: &Options,
        reads: Option<&BTreeMap<String, Reads>>,
    ) -> Vec<(Result<Value, PluginError>, Duration)> {
        let input = SharedInput::new(dataset);
        let run_one = |name: &String| {
            let started = std::time::Instant::now();
            // What the template reads of this plugin's findings, when known.
            let told;
            let options = match reads.and_then(|r| r.get(name)) {
                Some(reads) => {
                    told = options.clone().with("reads", reads.to_json());
                    &told
                }
                None => options,
            };
            let value = self.run_with(name, &input, options);
            (value, started.elapsed())
        };
        std::thread::scope(|scope| {
            let rest: Vec<_> = names
                .iter()
                .skip(1)
                .map(|name| scope.spawn(|| run_one(name)))
                .collect();
            let mut results = Vec::with_capacity(names.len());
            results.extend(names.first().map(run_one));
            for h in rest {
                // A plugin that panicked despite the guard in `run_with` panics here, as it would have unthreaded.
                results.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            }
            results
        })
    }

    fn run_with(
        &self,
        name: &str,
        input: &SharedInput<'_>,
        options: &Options,
    ) -> Result<Value, PluginError> {
        if let Some((name, first, second)) = self.clashes.iter().find(|(n, ..)| n == name) {
            return Err(PluginError::Clash {
                name: name.clone(),
                first: first.clone(),
                second: second.clone(),
            });
        }
        let Some((entry, _)) = self.entries.iter().find(|(e, _)| e.metadata.name == name) else {
            return self.run_from_path(name, input, options);
        };
        match &entry.source {
            PluginSource::BuiltIn(plugin) => {
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    plugin.run(input.dataset, options)
                }));
                match run {
                    Ok(Ok(v)) => Ok(v),
                    Ok(Err(e)) => Err(PluginError::Failed {
                        name: name.into(),
                        origin: "built-in".into(),
                        message: e.to_string(),
                    }),
                    Err(payload) => Err(PluginError::Panicked {
                        name: name.into(),
                        origin: "built-in".into(),
                        message: hrdraft_sdk::__abi::panic_message(payload.as_ref()),
                    }),
                }
            }
            PluginSource::Library(lib) => match &self.host {
                Some(host) => isolate::run(
                    host,
                    &lib.path,
                    name,
                    &input.json(options, name)?,
                    self.limits,
                ),
                None => lib.run(&input.json(options, name)?),
            },
            PluginSource::Command(cmd) => {
                cmd.run(input.json(options, name)?.as_bytes(), self.limits)
            }
        }
    }

    /// The executables `hrdraft-plugin-<name>` on PATH whose names are not
    /// registered, as `run` would find them (the first of a name wins), each
    /// asked to describe itself: for listings only, since each is a process.
    pub fn on_path(&self) -> Vec<Result<PluginInfo, PluginError>> {
        let Some(search) = std::env::var_os("PATH") else {
            return Vec::new();
        };
        let mut seen: Vec<String> = Vec::new();
        let mut out = Vec::new();
        for dir in std::env::split_paths(&search) {
            let Ok(paths) = sorted_entries(&dir) else {
                continue;
            };
            for path in paths {
                let Some(name) = path
                    .file_stem()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.strip_prefix(COMMAND_PREFIX))
                else {
                    continue;
                };
                if !hrdraft_sdk::is_plugin_name(name)
                    || !is_executable(&path)
                    || seen.iter().any(|s| s == name)
                    || self.entries.iter().any(|(e, _)| e.metadata.name == name)
                {
                    continue;
                }
                seen.push(name.to_owned());
                out.push(command::describe(&path, self.limits).map(|cmd| {
                    Entry {
                        metadata: cmd.metadata.clone(),
                        source: PluginSource::Command(cmd),
                    }
                    .info()
                }));
            }
        }
        out
    }

    /// A name not registered: an executable `hrdraft-plugin-<name>` on PATH.
    fn run_from_path(
        &self,
        name: &str,
        input: &SharedInput<'_>,
        options: &Options,
    ) -> Result<Value, PluginError> {
        let unknown = || PluginError::Unknown {
            name: name.into(),
            available: self
                .entries
                .iter()
                .map(|(e, _)| e.metadata.name.clone())
                .collect(),
        };
        if !hrdraft_sdk::is_plugin_name(name) {
            return Err(unknown());
        }
        let Some(path) = find_on_path(&format!("{COMMAND_PREFIX}{name}")) else {
            return Err(unknown());
        };
        let cmd = command::describe(&path, self.limits)?;
        if cmd.metadata.name != name {
            return Err(PluginError::BadMetadata {
                name: name.into(),
                origin: path.display().to_string(),
                problem: format!("it calls itself `{}`", cmd.metadata.name),
            });
        }
        cmd.run(input.json(options, name)?.as_bytes(), self.limits)
    }
}

/// The dataset, written as JSON once however many plugins (on however
/// many threads) need it, and not at all when none does.
struct SharedInput<'a> {
    dataset: &'a Dataset,
    json: std::sync::OnceLock<Result<String, String>>,
}

impl<'a> SharedInput<'a> {
    fn new(dataset: &'a Dataset) -> SharedInput<'a> {
        SharedInput {
            dataset,
            json: std::sync::OnceLock::new(),
        }
    }

    /// `{"dataset": …, "options": …}`.
    fn json(&self, options: &Options, name: &str) -> Result<String, PluginError> {
        let failed = |message: String| PluginError::Failed {
            name: name.into(),
            origin: "host".into(),
            message: format!("could not write the input as JSON: {message}"),
        };
        let dataset = self
            .json
            .get_or_init(|| serde_json::to_string(self.dataset).map_err(|e| e.to_string()))
            .as_deref()
            .map_err(|e| failed(e.clone()))?;
        let options = serde_json::to_string(options).map_err(|e| failed(e.to_string()))?;
        Ok(format!("{{\"dataset\":{dataset},\"options\":{options}}}"))
    }
}

fn limits_from_env() -> command::Limits {
    let mut limits = command::Limits::default();
    // The command line has refused a value this would not use (`env::check`).
    if let Ok(Some(timeout)) = crate::env::plugin_timeout() {
        limits.timeout = timeout;
    }
    limits
}

/// What the file name of a command plugin starts with: `hrdraft-plugin-<name>`.
pub(crate) const COMMAND_PREFIX: &str = "hrdraft-plugin-";

/// The paths in `dir`, in name order, so that what is found first does not
/// depend on the file system.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    Ok(paths)
}

/// True for a file whose name marks a dynamic library (`.so`, `.so.1`, `.dylib`, `.dll`).
fn is_library(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str());
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    ext == Some(std::env::consts::DLL_EXTENSION) || (cfg!(unix) && name.contains(".so."))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    find_in(&std::env::var_os("PATH")?, program)
}

fn find_in(search: &std::ffi::OsStr, program: &str) -> Option<PathBuf> {
    std::env::split_paths(search)
        .map(|dir| dir.join(format!("{program}{}", std::env::consts::EXE_SUFFIX)))
        .find(|p| is_executable(p))
}

#[cfg(test)]
mod tests;
