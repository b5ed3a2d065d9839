//! Plugins that are external programs speaking JSON on stdin and stdout.
//!
//! `hrdraft-plugin-NAME describe` prints the plugin's metadata;
//! `hrdraft-plugin-NAME run` reads `{"dataset": …, "options": …}` on standard
//! input and prints its result. A non-zero exit is a failure whose standard
//! error is shown. Each call has a time limit and an output limit, so a
//! plugin that hangs or floods cannot take the host down with it.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
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

/// Whether what a command plugin writes to standard error is shown when it
/// succeeds too (`--verbose`); on failure it always is, in the error.
static SHOW_STDERR: AtomicBool = AtomicBool::new(false);

/// Show command plugins' standard error when they succeed (see [`SHOW_STDERR`]).
pub fn show_stderr(on: bool) {
    SHOW_STDERR.store(on, Ordering::Relaxed);
}

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
    let origin = path.display().to_string();
    let out = call(path, &["describe".as_ref()], b"", limits, &label, &origin)?;
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
        let origin = self.path.display().to_string();
        let out = call(
            &self.path,
            &["run".as_ref()],
            input,
            limits,
            &self.metadata.name,
            &origin,
        )?;
        parse(&out, &self.metadata.name, &origin)
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

/// Start `path args…` with piped standard streams, in a process group of its
/// own (on Unix) so that it and every process it starts can be stopped
/// together, and so that Ctrl-C at the terminal reaches hrdraft alone, which
/// finishes the document under way, plugin call included.
///
/// A program that was written a moment ago can still be open for writing in a process
/// that another thread forked meanwhile (Linux then refuses to run it with `ETXTBSY`
/// until that child has called `exec`). The window is short, so the start is retried a
/// few times before the error is reported.
fn spawn(path: &Path, args: &[&OsStr]) -> std::io::Result<std::process::Child> {
    const TEXT_FILE_BUSY: i32 = 26;
    let mut wait = Duration::from_millis(5);
    let mut attempts = 0;
    loop {
        let mut command = Command::new(path);
        command
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        match command.spawn() {
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

/// Stop the plugin and every process of its group.
fn stop(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(group) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group the
        // plugin leads (`spawn`); it has no other effect on this process.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
    let _ = child.kill();
}

/// Run `path args…`, feed it `input`, and collect its standard output within
/// the limits; `origin` names the plugin in messages (the program, or the
/// library a plugin host runs).
///
/// The time limit covers the whole call: the program's run and the reading
/// of its output to the end. A process it started that keeps standard output
/// open after it exits (`sleep 60 & echo '{}'`) holds the answer back, so it
/// counts against the limit, and at the limit the whole process group is
/// killed.
pub(crate) fn call(
    path: &Path,
    args: &[&OsStr],
    input: &[u8],
    limits: Limits,
    name: &str,
    origin: &str,
) -> Result<Vec<u8>, PluginError> {
    let origin = origin.to_owned();
    let arg = args.last().map(|a| a.to_string_lossy()).unwrap_or_default();
    let deadline = Instant::now() + limits.timeout;
    let mut child = spawn(path, args).map_err(|source| PluginError::Spawn {
        path: path.to_owned(),
        source,
    })?;

    // Feed and drain on threads, so that neither side blocks on a full pipe.
    // None of them is waited for past the deadline: a thread still blocked
    // on a pipe some escaped process holds is left to end with the run.
    if let Some(mut stdin) = child.stdin.take() {
        let input = input.to_vec();
        // A plugin may exit without reading its input: a broken pipe is its choice.
        thread::spawn(move || drop(stdin.write_all(&input)));
    }
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
    let stderr_shown = Arc::new(Mutex::new(Vec::new()));
    let stderr = child.stderr.take().map(|mut err| {
        let shown = Arc::clone(&stderr_shown);
        thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            // Keep draining past what is shown so the plugin never blocks on
            // a full stderr pipe.
            while let Ok(n @ 1..) = err.read(&mut chunk) {
                if let Ok(mut shown) = shown.lock() {
                    let room = STDERR_SHOWN.saturating_sub(shown.len());
                    shown.extend_from_slice(&chunk[..n.min(room)]);
                }
            }
        })
    });

    let timeout = || PluginError::Timeout {
        name: name.into(),
        origin: origin.clone(),
        timeout: limits.timeout,
    };
    let too_large = || PluginError::OutputTooLarge {
        name: name.into(),
        origin: origin.clone(),
        limit: limits.output,
    };
    let status = match wait(&mut child, deadline, &overflow) {
        Waited::Exited(status) => status,
        Waited::TimedOut => return Err(timeout()),
        Waited::Overflowed => return Err(too_large()),
        Waited::Failed(source) => {
            stop(&mut child);
            return Err(PluginError::Spawn {
                path: path.to_owned(),
                source,
            });
        }
    };
    // The program has exited; its output ends when the last process holding
    // the pipe lets go of it.
    let Some(stdout) = stdout else {
        return Err(PluginError::Spawn {
            path: path.to_owned(),
            source: std::io::Error::other("standard output was not piped"),
        });
    };
    if !finished_by(&stdout, deadline, &overflow) {
        stop(&mut child);
        return Err(if overflow.load(Ordering::SeqCst) {
            too_large()
        } else {
            timeout()
        });
    }
    let out = match stdout.join() {
        Ok(Ok(buf)) => buf,
        Ok(Err(source)) => {
            return Err(PluginError::Spawn {
                path: path.to_owned(),
                source,
            })
        }
        Err(_) => Vec::new(),
    };
    if overflow.load(Ordering::SeqCst) {
        return Err(too_large());
    }
    let show_anyway = SHOW_STDERR.load(Ordering::Relaxed);
    if !status.success() || show_anyway {
        // Standard error is shown as far as it came before the deadline.
        if let Some(h) = stderr {
            if finished_by(&h, deadline, &AtomicBool::new(false)) {
                let _ = h.join();
            }
        }
    }
    let err = || {
        stderr_shown
            .lock()
            .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
            .unwrap_or_default()
    };
    if status.success() && show_anyway {
        let err = err();
        if !err.is_empty() {
            // One write, so that lines of plugins running at once do not interleave.
            eprint!(
                "plugin `{name}` ({origin}) {arg}: standard error:\n{}\n",
                super::error::shown(&err)
            );
        }
    }
    if !status.success() {
        let err = err();
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

/// Wait until `thread` has finished, the deadline has passed or `overflow`
/// is set; whether it finished.
fn finished_by<T>(
    thread: &thread::JoinHandle<T>,
    deadline: Instant,
    overflow: &AtomicBool,
) -> bool {
    let mut pause = Duration::from_millis(1);
    loop {
        if thread.is_finished() {
            return true;
        }
        let now = Instant::now();
        if now >= deadline || overflow.load(Ordering::SeqCst) {
            return false;
        }
        thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

enum Waited {
    Exited(std::process::ExitStatus),
    TimedOut,
    Overflowed,
    Failed(std::io::Error),
}

/// Wait for the child to exit, stopping it and its group when it overruns a limit.
fn wait(child: &mut Child, deadline: Instant, overflow: &AtomicBool) -> Waited {
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Waited::Exited(status),
            Ok(None) => {}
            Err(e) => return Waited::Failed(e),
        }
        let over = overflow.load(Ordering::SeqCst);
        if over || Instant::now() >= deadline {
            // The group is killed before the plugin is reaped, so its id
            // cannot have been taken by another process meanwhile.
            stop(child);
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
