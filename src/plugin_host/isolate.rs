//! Library plugins run in a child process: hrdraft started again as a plugin host.
//!
//! A library runs inside whatever process loads it, so a plugin that calls
//! `exit`, aborts, hangs or prints to standard output would end, stall or
//! corrupt hrdraft itself. When the registry is given a host program
//! ([`super::Registry::isolate_libraries`], which the command line does with
//! its own executable), each run of a library plugin is `hrdraft plugin-host
//! LIBRARY run`: the child loads the library, runs it on the input read from
//! standard input, and answers on standard output as the C ABI does
//! (`{"ok"}`, `{"error"}`, `{"panic"}`). The call goes through the same
//! runner as command plugins ([`super::command::call`]), with the same time
//! limit, output limit and standard-error reporting, so an exit, an abort or
//! a hang becomes an error naming the plugin and its library. The library is
//! still loaded once in hrdraft itself, to check its ABI version and read its
//! metadata.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;

use hrdraft_sdk::Outcome;
use serde_json::Value;

use super::command::{self, Limits};
use super::{dylib, PluginError};

/// The hidden subcommand that runs a library plugin in a child process.
pub const SUBCOMMAND: &str = "plugin-host";

/// Run the library plugin at `library` through `host plugin-host LIBRARY run`.
pub(crate) fn run(
    host: &Path,
    library: &Path,
    name: &str,
    input: &str,
    limits: Limits,
) -> Result<Value, PluginError> {
    let origin = library.display().to_string();
    let args: [&OsStr; 3] = [SUBCOMMAND.as_ref(), library.as_os_str(), "run".as_ref()];
    let out = command::call(host, &args, input.as_bytes(), limits, name, &origin)?;
    let text = String::from_utf8(out).map_err(|e| PluginError::BadJson {
        name: name.into(),
        origin: origin.clone(),
        detail: format!("the answer is not UTF-8: {e}"),
    })?;
    dylib::outcome(&text, name, &origin)
}

/// The child's side: load `library`, run it on standard input and write the
/// answer on standard output. What the library itself prints on standard
/// output goes to standard error, so it can never be taken for the answer.
/// Returns the exit status: 0 whenever an answer was written.
pub fn serve(library: &Path, call: &str) -> u8 {
    let mut answer = match answer_stream() {
        Ok(w) => w,
        Err(e) => {
            eprintln!("plugin host: cannot set up standard output: {e}");
            return 2;
        }
    };
    let outcome = match call {
        "run" => run_here(library),
        other => {
            eprintln!("plugin host: unknown call `{other}`; the calls are: run");
            return 2;
        }
    };
    let json = serde_json::to_string(&outcome).unwrap_or_else(|_| {
        r#"{"error":"the plugin's answer could not be written as JSON"}"#.into()
    });
    match answer
        .write_all(json.as_bytes())
        .and_then(|()| answer.flush())
    {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("plugin host: cannot write the answer: {e}");
            2
        }
    }
}

fn run_here(library: &Path) -> Outcome {
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        return Outcome::Error(format!("the plugin host could not read its input: {e}"));
    }
    let result = dylib::load(library).and_then(|lib| lib.run(&input));
    match result {
        Ok(value) => Outcome::Ok(value),
        Err(PluginError::Panicked { message, .. }) => Outcome::Panic(message),
        Err(PluginError::Failed { message, .. }) => Outcome::Error(message),
        Err(other) => Outcome::Error(other.to_string()),
    }
}

/// Standard output kept for the answer, with file descriptor 1 pointed at
/// standard error for everything else the process prints.
#[cfg(unix)]
fn answer_stream() -> std::io::Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: dup and dup2 on the process's own standard descriptors; the
    // duplicate is owned by the File made from it and by nothing else.
    unsafe {
        let kept = libc::dup(1);
        if kept < 0 {
            return Err(std::io::Error::last_os_error());
        }
        if libc::dup2(2, 1) < 0 {
            let e = std::io::Error::last_os_error();
            libc::close(kept);
            return Err(e);
        }
        Ok(std::fs::File::from_raw_fd(kept))
    }
}

/// Elsewhere standard output stays as it is: a plugin that prints on it
/// corrupts its own answer, which is then reported as not JSON.
#[cfg(not(unix))]
fn answer_stream() -> std::io::Result<std::io::Stdout> {
    Ok(std::io::stdout())
}
