//! `hrdraft plugins install` and `remove`: plugins copied into, and taken
//! out of, the user's plugin directory.
//!
//! What is installed is checked first, as hrdraft would load it: a library
//! must load with this ABI and describe itself, a program must describe
//! itself. A plugin crate is built (`cargo build --release`) and its
//! library installed. Files are copied under a temporary name and renamed,
//! so a plugin directory never holds half a plugin.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{
    builtin, command, dylib, is_executable, is_library, sorted_entries, PluginError, COMMAND_PREFIX,
};

/// Why a plugin could not be installed or removed.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    /// What was given is not a plugin hrdraft can load.
    #[error(transparent)]
    Plugin(#[from] PluginError),
    /// Neither a library, an executable nor a crate.
    #[error(
        "{} is not a plugin: give a plugin library (.{}), an executable plugin, or a plugin \
         crate's directory (with Cargo.toml)",
        .0.display(), std::env::consts::DLL_EXTENSION
    )]
    Unknown(PathBuf),
    /// A plugin of that name is installed already.
    #[error(
        "plugin `{name}` is installed already ({}); give --force to replace it",
        path.display()
    )]
    Exists {
        /// The plugin's name.
        name: String,
        /// The file installed.
        path: PathBuf,
    },
    /// The name of a built-in plugin.
    #[error(
        "`{0}` is the name of a built-in plugin; an installed plugin of that name would clash \
         with it in every template that runs it. Rename the plugin, or use it with --plugin, \
         which replaces the built-in for one run"
    )]
    BuiltIn(String),
    /// No plugin of that name is installed.
    #[error("no plugin `{name}` is installed in {}; installed: {}", dir.display(), list(installed))]
    NotInstalled {
        /// The name asked for.
        name: String,
        /// The plugin directory.
        dir: PathBuf,
        /// The names installed.
        installed: Vec<String>,
    },
    /// The crate did not build.
    #[error("`cargo build --release` failed for the plugin crate in {} ({status})", dir.display())]
    Build {
        /// The crate.
        dir: PathBuf,
        /// How cargo ended.
        status: String,
    },
    /// The crate built no plugin library.
    #[error(
        "the crate in {} built no library (crate-type \"cdylib\"): a plugin crate's \
         Cargo.toml has `[lib] crate-type = [\"rlib\", \"cdylib\"]`",
        .0.display()
    )]
    NoLibrary(PathBuf),
    /// No plugin directory could be found.
    #[error("no plugin directory: set HOME or XDG_CONFIG_HOME")]
    NoDirectory,
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> InstallError {
    let path = path.to_owned();
    move |source| InstallError::Io { path, source }
}

/// A plugin installed.
#[derive(Debug, Clone, PartialEq)]
pub struct Installed {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The file in the plugin directory.
    pub path: PathBuf,
    /// Whether it replaced one of its name.
    pub replaced: bool,
}

/// The plugin found at `path`, by name, with its file name when installed.
struct Candidate {
    name: String,
    version: String,
    source: PathBuf,
    file_name: std::ffi::OsString,
}

/// Install the plugin at `source` (a library, an executable or a crate
/// directory) into `dir`, replacing one of its name only when `force`.
pub fn install(source: &Path, dir: &Path, force: bool) -> Result<Installed, InstallError> {
    let limits = command::Limits::default();
    let candidate = if source.is_dir() && source.join("Cargo.toml").is_file() {
        let library = build_crate(source)?;
        library_candidate(&library)?
    } else if source.is_file() && is_library(source) {
        library_candidate(source)?
    } else if source.is_file() && is_executable(source) {
        let cmd = command::describe(source, limits)?;
        Candidate {
            file_name: format!(
                "{COMMAND_PREFIX}{}{}",
                cmd.metadata.name,
                std::env::consts::EXE_SUFFIX
            )
            .into(),
            name: cmd.metadata.name,
            version: cmd.metadata.version,
            source: source.to_owned(),
        }
    } else {
        return Err(InstallError::Unknown(source.to_owned()));
    };
    if builtin::all().iter().any(|p| p.name() == candidate.name) {
        return Err(InstallError::BuiltIn(candidate.name));
    }
    let existing = installed(dir)?
        .into_iter()
        .find(|(name, _)| *name == candidate.name);
    if let (Some((name, path)), false) = (&existing, force) {
        return Err(InstallError::Exists {
            name: name.clone(),
            path: path.clone(),
        });
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let target = dir.join(&candidate.file_name);
    let temporary = dir.join(format!(
        ".{}.installing",
        candidate.file_name.to_string_lossy()
    ));
    std::fs::copy(&candidate.source, &temporary).map_err(io(&temporary))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&temporary, std::fs::Permissions::from_mode(0o755))
            .map_err(io(&temporary))?;
    }
    if let Some((_, old)) = &existing {
        if *old != target {
            std::fs::remove_file(old).map_err(io(old))?;
        }
    }
    std::fs::rename(&temporary, &target).map_err(io(&target))?;
    Ok(Installed {
        name: candidate.name,
        version: candidate.version,
        path: target,
        replaced: existing.is_some(),
    })
}

fn library_candidate(path: &Path) -> Result<Candidate, InstallError> {
    let lib = dylib::load(path)?;
    let file_name = path
        .file_name()
        .map(OsStr::to_owned)
        .ok_or_else(|| InstallError::Unknown(path.to_owned()))?;
    Ok(Candidate {
        name: lib.metadata.name.clone(),
        version: lib.metadata.version.clone(),
        source: path.to_owned(),
        file_name,
    })
}

/// Remove the installed plugin `name` from `dir`; the file removed.
pub fn remove(name: &str, dir: &Path) -> Result<PathBuf, InstallError> {
    let installed = installed(dir)?;
    match installed.iter().find(|(n, _)| n == name) {
        Some((_, path)) => {
            std::fs::remove_file(path).map_err(io(path))?;
            Ok(path.clone())
        }
        None => Err(InstallError::NotInstalled {
            name: name.into(),
            dir: dir.to_owned(),
            installed: installed.into_iter().map(|(n, _)| n).collect(),
        }),
    }
}

/// The plugins in `dir` by name, with their files; a file that does not
/// load is left out.
fn installed(dir: &Path) -> Result<Vec<(String, PathBuf)>, InstallError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut registry = super::Registry::empty();
    // A directory with a broken or clashing plugin still lists the others.
    let paths = sorted_entries(dir).map_err(io(dir))?;
    let mut out = Vec::new();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden || !path.is_file() {
            continue;
        }
        let before = registry.list().len();
        if registry.add_path(&path).is_ok() && registry.list().len() > before {
            if let Some(info) = registry.list().last() {
                out.push((info.name.clone(), path));
            }
        }
    }
    Ok(out)
}

/// Build the plugin crate in `dir` with `cargo build --release`, showing
/// cargo's progress; the library it built.
fn build_crate(dir: &Path) -> Result<PathBuf, InstallError> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = dir.join("Cargo.toml");
    let out = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--message-format=json-render-diagnostics",
        ])
        .arg("--manifest-path")
        .arg(&manifest)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()
        .map_err(io(&manifest))?;
    if !out.status.success() {
        return Err(InstallError::Build {
            dir: dir.to_owned(),
            status: out.status.to_string(),
        });
    }
    // The last artifact of the crate's own cdylib target.
    let library = String::from_utf8_lossy(&out.stdout)
        .lines()
        .rev()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter(|m| {
            m["target"]["crate_types"]
                .as_array()
                .is_some_and(|t| t.iter().any(|k| k == "cdylib"))
        })
        .filter_map(|m| {
            m["filenames"].as_array().and_then(|files| {
                files
                    .iter()
                    .filter_map(|f| f.as_str())
                    .find(|f| is_library(Path::new(f)))
                    .map(PathBuf::from)
            })
        })
        .next();
    library.ok_or_else(|| InstallError::NoLibrary(dir.to_owned()))
}
