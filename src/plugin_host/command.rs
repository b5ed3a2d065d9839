//! Plugins that are external programs speaking JSON on stdin and stdout.
//!
//! `hrdraft-plugin-NAME describe` prints the plugin's metadata;
//! `hrdraft-plugin-NAME run` reads `{"dataset": …, "options": …}` on standard
//! input and prints its result. A non-zero exit is a failure whose standard
//! error is shown. Each call has a time limit and an output limit, so a
//! plugin that hangs or floods cannot take the host down with it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use hrdraft_sdk::Metadata;
use serde_json::Value;

use super::dylib::start_of;
use super::PluginError;

/// The default time a command plugin has for one call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default cap on what a command plugin may print: 64 MiB.
pub const DEFAULT_OUTPUT_LIMIT: usize = 64 * 1024 * 1024;
/// How much of standard error a message shows.
const STDERR_SHOWN: usize = 8 * 1024;

/// Limits on one call of a command plugin.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub timeout: Duration,
    pub output: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            timeout: DEFAULT_TIMEOUT,
            output: DEFAULT_OUTPUT_LIMIT,
        }
    }
}

/// A command plugin that has described itself.
pub(crate) struct CommandPlugin {
    pub path: PathBuf,
    pub metadata: Metadata,
}

/// Ask the program at `path` to describe itself.
pub(crate) fn describe(path: &Path, limits: Limits) -> Result<CommandPlugin, PluginError> {
    if !path.exists() {
        return Err(PluginError::Missing {
            path: path.to_owned(),
        });
    }
    let label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let out = call(path, "describe", b"", limits, &label)?;
    let origin = path.display().to_string();
    let metadata: Metadata = parse(&out, &label, &origin)?;
    if let Some(problem) = metadata.problem() {
        return Err(PluginError::BadMetadata {
            name: label,
            origin,
            problem,
        });
    }
    Ok(CommandPlugin {
        path: path.to_owned(),
        metadata,
    })
}

impl CommandPlugin {
    /// Run on the input JSON.
    pub fn run(&self, input: &[u8], limits: Limits) -> Result<Value, PluginError> {
        let out = call(&self.path, "run", input, limits, &self.metadata.name)?;
        parse(&out, &self.metadata.name, &self.path.display().to_string())
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    out: &[u8],
    name: &str,
    origin: &str,
) -> Result<T, PluginError> {
    serde_json::from_slice(out).map_err(|e| PluginError::BadJson {
        name: name.into(),
        origin: origin.into(),
        detail: format!(
            "{e} in an answer starting `{}`",
            start_of(&String::from_utf8_lossy(out))
        ),
    })
}

/// Start `path arg` with piped standard streams.
///
/// A program that was written a moment ago can still be open for writing in a process
/// that another thread forked meanwhile (Linux then refuses to run it with `ETXTBSY`
/// until that child has called `exec`). The window is short, so the start is retried a
/// few times before the error is reported.
fn spawn(path: &Path, arg: &str) -> std::io::Result<std::process::Child> {
    const TEXT_FILE_BUSY: i32 = 26;
    let mut wait = Duration::from_millis(5);
    let mut attempts = 0;
    loop {
        let started = Command::new(path)
            .arg(arg)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        match started {
            Err(e)
                if cfg!(target_os = "linux")
                    && e.raw_os_error() == Some(TEXT_FILE_BUSY)
                    && attempts < 8 =>
            {
                attempts += 1;
                thread::sleep(wait);
                wait *= 2;
            }
            other => return other,
        }
    }
}

/// Run `path arg`, feed it `input`, and collect its standard output within the limits.
fn call(
    path: &Path,
    arg: &str,
    input: &[u8],
    limits: Limits,
    name: &str,
) -> Result<Vec<u8>, PluginError> {
    let origin = path.display().to_string();
    let mut child = spawn(path, arg).map_err(|source| PluginError::Spawn {
        path: path.to_owned(),
        source,
    })?;

    // Feed and drain on threads, so that neither side blocks on a full pipe.
    let writer = child.stdin.take().map(|mut stdin| {
        let input = input.to_vec();
        // A plugin may exit without reading its input: a broken pipe is its choice.
        thread::spawn(move || drop(stdin.write_all(&input)))
    });
    let overflow = Arc::new(AtomicBool::new(false));
    let stdout = child.stdout.take().map(|out| {
        let overflow = Arc::clone(&overflow);
        let limit = limits.output;
        thread::spawn(move || {
            let mut buf = Vec::new();
            let read = out.take(limit as u64 + 1).read_to_end(&mut buf);
            if buf.len() > limit {
                overflow.store(true, Ordering::SeqCst);
            }
            read.map(|_| buf)
        })
    });
    let stderr = child.stderr.take().map(|err| {
        thread::spawn(move || {
            let mut buf = Vec::new();
            let mut err = err;
            let _ = (&mut err).take(STDERR_SHOWN as u64).read_to_end(&mut buf);
            // Keep draining so the plugin never blocks on a full stderr pipe.
            let _ = std::io::copy(&mut err, &mut std::io::sink());
            buf
        })
    });

    let status = match wait(&mut child, limits.timeout, &overflow) {
        Waited::Exited(status) => status,
        Waited::TimedOut => {
            // Threads still reading pipes a grandchild may hold are left to end on their own.
            return Err(PluginError::Timeout {
                name: name.into(),
                origin,
                timeout: limits.timeout,
            });
        }
        Waited::Overflowed => {
            return Err(PluginError::OutputTooLarge {
                name: name.into(),
                origin,
                limit: limits.output,
            })
        }
        Waited::Failed(source) => {
            return Err(PluginError::Spawn {
                path: path.to_owned(),
                source,
            })
        }
    };
    if let Some(w) = writer {
        let _ = w.join();
    }
    let out = match stdout.map(thread::JoinHandle::join) {
        Some(Ok(Ok(buf))) => buf,
        Some(Ok(Err(source))) => {
            return Err(PluginError::Spawn {
                path: path.to_owned(),
                source,
            })
        }
        _ => Vec::new(),
    };
    if overflow.load(Ordering::SeqCst) {
        return Err(PluginError::OutputTooLarge {
            name: name.into(),
            origin,
            limit: limits.output,
        });
    }
    if !status.success() {
        let err = stderr
            .and_then(|h| h.join().ok())
            .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
            .unwrap_or_default();
        let status = match status.code() {
            Some(code) => format!("exit status {code}"),
            None => format!("{status}"),
        };
        return Err(PluginError::Exit {
            name: name.into(),
            origin,
            status,
            stderr: err,
        });
    }
    Ok(out)
}

enum Waited {
    Exited(std::process::ExitStatus),
    TimedOut,
    Overflowed,
    Failed(std::io::Error),
}

/// Wait for the child to exit, stopping it when it overruns a limit.
fn wait(child: &mut Child, timeout: Duration, overflow: &AtomicBool) -> Waited {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Waited::Exited(status),
            Ok(None) => {}
            Err(e) => return Waited::Failed(e),
        }
        let over = overflow.load(Ordering::SeqCst);
        if over || Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return if over {
                Waited::Overflowed
            } else {
                Waited::TimedOut
            };
        }
        thread::sleep(pause.min(deadline.saturating_duration_since(Instant::now())));
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}
