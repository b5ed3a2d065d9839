//! What can go wrong finding, loading and running plugins, in a drafter's words.

use std::path::PathBuf;
use std::time::Duration;

/// A plugin could not be found, loaded or run. Every message names the
/// plugin (or its file) and where it came from.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    /// A path given as a plugin does not exist.
    #[error("plugin file {} does not exist; check the path given with --plugin", path.display())]
    Missing {
        /// The path.
        path: PathBuf,
    },

    /// The dynamic loader refused the file.
    #[error("could not load plugin library {}: {detail}", path.display())]
    Load {
        /// The library.
        path: PathBuf,
        /// The loader's own message.
        detail: String,
    },

    /// A library without the plugin ABI.
    #[error(
        "{} is not an hrdraft plugin library: it does not export `{symbol}` ({detail}); \
         a plugin crate calls `hrdraft_sdk::export_plugin!` and is built with \
         `cargo build -p <its package>`", path.display()
    )]
    NotAPlugin {
        /// The library.
        path: PathBuf,
        /// The symbol looked for.
        symbol: &'static str,
        /// The loader's message.
        detail: String,
    },

    /// A library built for another version of the plugin ABI.
    #[error(
        "plugin library {} was built for plugin ABI version {found}, but this hrdraft \
         speaks version {expected}; rebuild the plugin against hrdraft-sdk {sdk}",
        path.display(), sdk = env!("CARGO_PKG_VERSION")
    )]
    AbiMismatch {
        /// The library.
        path: PathBuf,
        /// The version the library reports.
        found: u32,
        /// The version this host speaks.
        expected: u32,
    },

    /// The plugin's description of itself is unusable.
    #[error(
        "plugin `{name}` ({origin}) describes itself wrongly: {}",
        shown(problem)
    )]
    BadMetadata {
        /// The plugin, or its file name when it gave none.
        name: String,
        /// Where it came from.
        origin: String,
        /// What is wrong.
        problem: String,
    },

    /// The plugin panicked (a bug in the plugin).
    #[error("plugin `{name}` ({origin}) panicked: {}; this is a bug in the plugin, please report it to its authors", shown(message))]
    Panicked {
        /// The plugin.
        name: String,
        /// Where it came from.
        origin: String,
        /// The panic message.
        message: String,
    },

    /// The plugin refused the dataset or options.
    #[error("plugin `{name}` ({origin}) failed: {}", shown(message))]
    Failed {
        /// The plugin.
        name: String,
        /// Where it came from.
        origin: String,
        /// The plugin's message.
        message: String,
    },

    /// The plugin's answer is not the JSON the protocol asks for.
    #[error(
        "plugin `{name}` ({origin}) answered with invalid JSON: {}",
        shown(detail)
    )]
    BadJson {
        /// The plugin.
        name: String,
        /// Where it came from.
        origin: String,
        /// What the parser said, with the start of the answer.
        detail: String,
    },

    /// A command plugin took too long.
    #[error(
        "plugin `{name}` ({origin}) did not answer within {} and was stopped; \
         raise the limit with HRDRAFT_PLUGIN_TIMEOUT=<seconds> if it needs longer",
        seconds(*timeout)
    )]
    Timeout {
        /// The plugin.
        name: String,
        /// Where it came from.
        origin: String,
        /// The limit.
        timeout: Duration,
    },

    /// A command plugin exited with a failure status.
    #[error(
        "plugin `{name}` ({origin}) exited with {status}{}",
        stderr_part(stderr)
    )]
    Exit {
        /// The plugin.
        name: String,
        /// Where it came from.
        origin: String,
        /// The exit status in words.
        status: String,
        /// What it wrote to standard error (trimmed, capped).
        stderr: String,
    },

    /// A command plugin wrote more than the output limit.
    #[error(
        "plugin `{name}` ({origin}) wrote more than {} MiB to standard output and was stopped; \
         a plugin's findings should be far smaller",
        limit / (1024 * 1024)
    )]
    OutputTooLarge {
        /// The plugin.
        name: String,
        /// Where it came from.
        origin: String,
        /// The limit in bytes.
        limit: usize,
    },

    /// A command plugin could not be started.
    #[error(
        "could not run plugin {}: {source}; a plugin is a library (.{}) or an executable program",
        path.display(), std::env::consts::DLL_EXTENSION
    )]
    Spawn {
        /// The program.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },

    /// Two plugins with one name.
    #[error("two plugins are named `{name}`: {first} and {second}; remove or rename one of them")]
    Clash {
        /// The name.
        name: String,
        /// The origin found first.
        first: String,
        /// The origin found second.
        second: String,
    },

    /// Two plugins ship a partial of one name.
    #[error("plugins `{first}` and `{second}` both ship a partial named `{partial}`; remove one of the plugins")]
    PartialClash {
        /// The partial.
        partial: String,
        /// The plugin found first.
        first: String,
        /// The plugin found second.
        second: String,
    },

    /// No plugin of that name.
    #[error(
        "there is no plugin named `{name}` (available: {}); pass it with --plugin PATH, \
         put it in ./plugins.d and give --local-plugins, or install an executable named hrdraft-plugin-{name} on PATH",
        available.join(", ")
    )]
    Unknown {
        /// The name asked for.
        name: String,
        /// The names there are.
        available: Vec<String>,
    },

    /// A plugin directory could not be read.
    #[error("could not read plugin directory {}: {source}", path.display())]
    Dir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 && s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}

fn stderr_part(stderr: &str) -> String {
    if stderr.is_empty() {
        " and wrote nothing to standard error".into()
    } else {
        format!(":\n{}", shown(stderr))
    }
}

/// A plugin's own text as it may reach a terminal: control characters other
/// than line breaks and tabs (ESC, so colour codes, cursor moves and
/// terminal title sequences; BEL; C1 controls) written as `\u{1b}`, so a
/// plugin's message cannot rewrite the user's screen.
pub(crate) fn shown(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}
