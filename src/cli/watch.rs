//! Watch mode's loop: wait for a dataset or template file to change, let the edit settle, report it.
//!
//! Editors save in bursts (write, rename, change attributes), so a change is
//! reported only once no further event has come for [`SETTLE`]. Only
//! `.toml` and `.hbs` files count: what hrdraft itself reads, never its own
//! output nor an editor's swap and backup files.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the files must be quiet before a change is acted on.
pub const SETTLE: Duration = Duration::from_millis(200);

/// Directories being watched.
pub struct Watch {
    events: Receiver<notify::Result<Event>>,
    // Dropping the watcher stops the events.
    _watcher: RecommendedWatcher,
    ignore: Option<PathBuf>,
}

impl Watch {
    /// Watch `dirs` (recursively when asked), leaving out everything under `ignore`.
    pub fn new(dirs: &[(PathBuf, bool)], ignore: Option<&Path>) -> notify::Result<Watch> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |e| {
            // The receiver is gone only when the watch ends.
            let _ = tx.send(e);
        })?;
        for (dir, recursive) in dirs {
            let mode = if *recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            watcher.watch(dir, mode)?;
        }
        Ok(Watch {
            events,
            _watcher: watcher,
            ignore: ignore.map(absolute),
        })
    }

    /// Wait for the next change and return the files changed, once no
    /// event has come for [`SETTLE`]. `Err` carries the watcher's own failure.
    pub fn next_change(&self) -> Result<Vec<PathBuf>, String> {
        let mut changed: Vec<PathBuf> = Vec::new();
        loop {
            let event = if changed.is_empty() {
                self.events.recv().map_err(|_| "the file watcher stopped")?
            } else {
                match self.events.recv_timeout(SETTLE) {
                    Ok(e) => e,
                    Err(RecvTimeoutError::Timeout) => return Ok(changed),
                    Err(RecvTimeoutError::Disconnected) => {
                        return Err("the file watcher stopped".into())
                    }
                }
            };
            let event = event.map_err(|e| format!("watching files failed: {e}"))?;
            for path in self.relevant(&event) {
                if !changed.contains(&path) {
                    changed.push(path);
                }
            }
        }
    }

    /// The paths of an event that should cause a new render.
    fn relevant(&self, event: &Event) -> Vec<PathBuf> {
        let counts = match event.kind {
            EventKind::Create(_) | EventKind::Remove(_) => true,
            // Renames and writes, not attribute changes that reading causes.
            EventKind::Modify(m) => !matches!(m, notify::event::ModifyKind::Metadata(_)),
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            _ => false,
        };
        if !counts {
            return Vec::new();
        }
        event
            .paths
            .iter()
            .filter(|p| is_source(p))
            .filter(|p| match &self.ignore {
                Some(dir) => !absolute(p).starts_with(dir),
                None => true,
            })
            .cloned()
            .collect()
    }
}

/// A file hrdraft reads: dataset TOML, a template manifest or template.
fn is_source(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.')
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "toml" || e == "hbs")
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_hrdraft_reads_count() {
        assert!(is_source(Path::new("ds/upr.toml")));
        assert!(is_source(Path::new("t/open-letter/body.md.hbs")));
        assert!(!is_source(Path::new("ds/.upr.toml.swp")));
        assert!(!is_source(Path::new("ds/upr.toml~")));
        assert!(!is_source(Path::new("out/x/open-letter.md")));
        assert!(!is_source(Path::new("out/x/open-letter.pdf")));
    }

    #[test]
    fn a_burst_of_writes_is_one_change_and_output_is_ignored() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap_or_else(|e| panic!("{e}"));
        let watch = Watch::new(&[(dir.path().to_path_buf(), true)], Some(&out))
            .unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("upr.toml");
        for i in 0..5 {
            std::fs::write(&file, format!("x = {i}\n")).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(out.join("ignored.toml"), "y = 1\n").unwrap_or_else(|e| panic!("{e}"));
            std::thread::sleep(Duration::from_millis(20));
        }
        let changed = watch.next_change().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].file_name(), file.file_name());
    }
}
