//! Putting rendered documents on disk without ever leaving a half-written file.
//!
//! Each file is written to a temporary file in the target directory, flushed
//! to disk, and renamed over the final name: a reader sees either the old
//! file or the complete new one, and a failed or interrupted run leaves the
//! previous good document in place.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// A name built from data would not stay inside the output directory.
    #[error("`{0}` cannot be used as a file name: use lower-case letters, digits and hyphens")]
    UnsafeName(String),
    /// The file system refused.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Check that `name` (from a dataset or template) is a safe single path
/// component ([`crate::names::is_safe_component`]).
pub fn safe_component(name: &str) -> Result<&str, OutputError> {
    if crate::names::is_safe_component(name) {
        Ok(name)
    } else {
        Err(OutputError::UnsafeName(name.to_string()))
    }
}

/// The path `dir/<country>/<template>.<ext>`, refusing names that could
/// leave `dir`.
pub fn document_path(
    dir: &Path,
    country: &str,
    template: &str,
    extension: &str,
) -> Result<PathBuf, OutputError> {
    let file = format!(
        "{}.{}",
        safe_component(template)?,
        safe_component(extension)?
    );
    Ok(dir.join(safe_component(country)?).join(file))
}

/// Prefix of the temporary files written next to their final names.
pub const TEMP_PREFIX: &str = ".hrdraft-";
/// Suffix of the temporary files.
pub const TEMP_SUFFIX: &str = ".tmp";

/// A file written in full under a temporary name in its final directory,
/// waiting to be renamed into place. Dropped without [`Staged::commit`], the
/// temporary file is deleted and the final path is untouched.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

/// Write `bytes` to a temporary file beside `path` and flush it to disk,
/// creating parent directories. Nothing at `path` changes yet.
///
/// Temporary files are named `.hrdraft-<pid>-<random>.tmp`, so that a later
/// run can tell those of a process that was killed from those of one still
/// writing (see [`remove_stale_temporaries`]).
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, OutputError> {
    let staged = stage_unsynced(path, bytes)?;
    staged.sync()?;
    Ok(staged)
}

/// An empty temporary file beside `path`, for a writer to write into as it
/// goes (creating parent directories); [`write_all_atomic_with`] puts it in
/// place with the others. Nothing at `path` changes yet.
pub fn stage_empty(path: &Path) -> Result<Staged, OutputError> {
    stage_unsynced(path, &[])
}

/// [`stage`] without flushing the file to disk yet.
fn stage_unsynced(path: &Path, bytes: &[u8]) -> Result<Staged, OutputError> {
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = parent_dir(path);
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = locked_temporary(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    // Temporary files are private; a document is not. Keep the mode of the
    // file being replaced, or give a new one the usual read-for-all mode.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(io)?;
    }
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
    })
}

/// A new temporary file in `dir`, locked (flock(2), exclusive) for as long
/// as it is open, so that [`remove_stale_temporaries`] in any process, in
/// any PID namespace or on any host sharing the folder, can tell it is
/// being written without asking whether its process exists.
///
/// Between the file's creation and its lock another run's cleanup could
/// find it unlocked and remove it; the file is then made again.
fn locked_temporary(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut attempts = 0;
    loop {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)?;
        if !lock(tmp.as_file(), true) {
            // No locks on this file system: the process id and age decide.
            return Ok(tmp);
        }
        if same_file(tmp.as_file(), tmp.path()) || attempts >= 3 {
            return Ok(tmp);
        }
        attempts += 1;
    }
}

/// Take an exclusive flock(2) on `file`, waiting if `wait`; whether it was
/// taken. False also where the file system has no locks.
#[cfg(unix)]
fn lock(file: &std::fs::File, wait: bool) -> bool {
    use std::os::fd::AsRawFd;
    let op = if wait {
        libc::LOCK_EX
    } else {
        libc::LOCK_EX | libc::LOCK_NB
    };
    // SAFETY: flock(2) on a descriptor the caller owns.
    unsafe { libc::flock(file.as_raw_fd(), op) == 0 }
}

#[cfg(not(unix))]
fn lock(_: &std::fs::File, _: bool) -> bool {
    false
}

/// Whether `path` still names the open `file`.
#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::File, _: &Path) -> bool {
    true
}

/// Whether a temporary file is held by a live writer: `Some(true)` if its
/// lock is held, `Some(false)` if not, `None` where locks cannot tell.
#[cfg(unix)]
fn held(path: &Path) -> Option<bool> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
        .ok()?;
    // SAFETY: flock(2) on a descriptor this function owns; the lock, if
    // taken, goes with it when it returns.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Some(false);
    }
    match std::io::Error::last_os_error().raw_os_error() {
        Some(libc::EWOULDBLOCK) => Some(true),
        _ => None,
    }
}

#[cfg(not(unix))]
fn held(_: &Path) -> Option<bool> {
    None
}

impl Staged {
    /// Flush the temporary file's content to disk.
    fn sync(&self) -> Result<(), OutputError> {
        self.tmp
            .as_file()
            .sync_all()
            .map_err(|source| OutputError::Io {
                path: self.path.clone(),
                source,
            })
    }

    /// Rename the temporary file over the final path, without flushing the directory.
    fn rename(self) -> Result<PathBuf, OutputError> {
        let Staged { tmp, path } = self;
        tmp.persist(&path).map_err(|e| OutputError::Io {
            path: path.clone(),
            source: e.error,
        })?;
        Ok(path)
    }

    /// The temporary file, open for writing.
    pub fn file(&self) -> &std::fs::File {
        self.tmp.as_file()
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Rename the temporary file over the final path, and make the rename durable.
    pub fn commit(self) -> Result<(), OutputError> {
        let path = self.rename()?;
        sync_dir(parent_dir(&path));
        Ok(())
    }
}

/// Make renames in `dir` durable (best effort: not every system can open a directory).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Write `bytes` to `path` atomically, creating parent directories.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    stage(path, bytes)?.commit()
}

/// Write every file or, as far as the file system allows, none: each is
/// written in full under a temporary name first, and only when all are on
/// disk are they renamed into place. A failure while writing leaves every
/// final path as it was; only a failed rename (rare: the files are already
/// written, in the same directories) can leave some files new and some old.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<(), OutputError> {
    write_all_atomic_with(files, Vec::new())
}

/// [`write_all_atomic`], with files already written in full under their
/// temporary names ([`stage_empty`]) put in place with the others.
pub fn write_all_atomic_with(
    files: &[(PathBuf, Vec<u8>)],
    written: Vec<Staged>,
) -> Result<(), OutputError> {
    let mut dirs: Vec<&Path> = files.iter().map(|(p, _)| parent_dir(p)).collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        remove_stale_temporaries(dir);
    }
    let mut staged = written;
    for (path, bytes) in files {
        staged.push(stage_unsynced(path, bytes)?);
    }
    // The files are flushed at once, each on its own thread: the waits for
    // the disk overlap (a filesystem commits them together) instead of
    // adding up, which is most of the time a short document takes.
    std::thread::scope(|scope| {
        let rest: Vec<_> = staged
            .iter()
            .skip(1)
            .map(|s| scope.spawn(|| s.sync()))
            .collect();
        let first = staged.first().map_or(Ok(()), Staged::sync);
        rest.into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .fold(first, Result::and)
    })?;
    let mut renamed = Vec::with_capacity(staged.len());
    for s in staged {
        renamed.push(s.rename()?);
    }
    // Each directory once, after all its renames.
    let mut dirs: Vec<&Path> = renamed.iter().map(|p| parent_dir(p)).collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        sync_dir(dir);
    }
    Ok(())
}

/// Replace `path` atomically with `bytes`, first keeping its previous
/// content in `<path>.bak` (itself written atomically). For files a user
/// edits by hand, such as the dataset files an import rewrites.
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> Result<PathBuf, OutputError> {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    let backup = PathBuf::from(name);
    match std::fs::read(path) {
        Ok(old) => write_atomic(&backup, &old)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(OutputError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    }
    write_atomic(path, bytes)?;
    Ok(backup)
}

/// Temporary files older than this are left over from an interrupted run
/// even where the process that wrote them cannot be asked about.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Delete the temporary files a killed run left in `dir`: those no writer
/// holds locked (see [`stage`]); where the file system cannot lock, those
/// of a process that no longer exists (where `/proc` tells), else those
/// over an hour old.
/// Best effort: what cannot be removed is left alone. Returns how many were removed.
///
/// A run that ends normally, fails, or is stopped with Ctrl-C deletes its
/// own temporary files; only a run killed outright (SIGKILL, power loss)
/// leaves any, and they never sit at a final document path.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let own = std::process::id();
    let proc_fs = Path::new("/proc/self").exists();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(middle) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let pid = middle
            .split_once('-')
            .and_then(|(p, _)| p.parse::<u32>().ok());
        // A writer holds its temporary file locked until it is renamed, so
        // an unlocked one is left over whatever the process id says: the
        // writer may be in another PID namespace or on another host.
        let lock = if pid == Some(own) {
            None
        } else {
            held(&entry.path())
        };
        let stale = match (pid, lock) {
            (Some(p), _) if p == own => false,
            (_, Some(held)) => !held,
            (Some(p), None) if proc_fs => !Path::new(&format!("/proc/{p}")).exists(),
            (_, None) => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_AFTER),
        };
        if stale
            && entry.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_escape_are_refused() {
        for bad in [
            "../evil",
            "/etc",
            "a/b",
            "a\\b",
            "con",
            "nul",
            "COM1",
            "",
            ".hidden",
            "a\0b",
            "..",
            "x..y",
            "Kazakhstan",
        ] {
            assert!(safe_component(bad).is_err(), "{bad:?} was accepted");
        }
        for good in [
            "kazakhstan",
            "open-letter",
            "pdf",
            "mia-report",
            "cote-d-ivoire",
        ] {
            assert!(safe_component(good).is_ok(), "{good:?} was refused");
        }
        let p = document_path(Path::new("out"), "kazakhstan", "open-letter", "pdf").unwrap();
        assert_eq!(p, Path::new("out/kazakhstan/open-letter.pdf"));
    }

    #[test]
    fn atomic_write_replaces_whole_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/doc.pdf");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second version").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second version");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("doc.pdf")]);
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    #[test]
    fn a_failed_batch_changes_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.docx");
        std::fs::write(&a, b"old a").unwrap();
        // The second file's parent is a file, so it cannot be written.
        std::fs::write(dir.path().join("blocker"), b"").unwrap();
        let files = vec![
            (a.clone(), b"new a".to_vec()),
            (dir.path().join("blocker/b.pdf"), b"new b".to_vec()),
        ];
        assert!(write_all_atomic(&files).is_err());
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert_eq!(names(dir.path()), ["a.docx", "blocker"]);
        let files = vec![
            (a.clone(), b"new a".to_vec()),
            (dir.path().join("b.pdf"), b"new b".to_vec()),
        ];
        write_all_atomic(&files).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        assert_eq!(names(dir.path()), ["a.docx", "b.pdf", "blocker"]);
    }

    #[test]
    fn a_backup_keeps_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upr.toml");
        let bak = write_with_backup(&path, b"first").unwrap();
        assert_eq!(bak, dir.path().join("upr.toml.bak"));
        assert!(!bak.exists(), "nothing to back up the first time");
        write_with_backup(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(std::fs::read(&bak).unwrap(), b"first");
        write_with_backup(&path, b"third").unwrap();
        assert_eq!(std::fs::read(&bak).unwrap(), b"second");
        assert_eq!(names(dir.path()), ["upr.toml", "upr.toml.bak"]);
    }

    #[test]
    fn temporaries_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let own = format!(".hrdraft-{}-abc.tmp", std::process::id());
        // No process has this id (above the kernel's pid limit).
        let dead = ".hrdraft-4194305-abc.tmp";
        for n in [own.as_str(), dead, "doc.pdf", ".hrdraft-notes.txt"] {
            std::fs::write(dir.path().join(n), b"x").unwrap();
        }
        let removed = remove_stale_temporaries(dir.path());
        if Path::new("/proc/self").exists() {
            assert_eq!(removed, 1);
            assert!(!dir.path().join(dead).exists());
        }
        assert!(dir.path().join(&own).exists());
        assert!(dir.path().join("doc.pdf").exists());
        assert!(dir.path().join(".hrdraft-notes.txt").exists());
    }

    /// A writer in another PID namespace or on another host sharing the
    /// folder: its process id means nothing here (4194305 is above Linux's
    /// limit, so /proc says it is dead), but it holds its file locked.
    #[cfg(unix)]
    #[test]
    fn temporaries_a_live_writer_holds_are_kept_whatever_its_process_id() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join(".hrdraft-4194305-live.tmp");
        std::fs::write(&live, b"half a document").unwrap();
        let writer = std::fs::File::open(&live).unwrap();
        assert!(lock(&writer, false));
        assert_eq!(remove_stale_temporaries(dir.path()), 0);
        assert_eq!(std::fs::read(&live).unwrap(), b"half a document");
        // The writer is gone: its lock with it.
        drop(writer);
        assert_eq!(remove_stale_temporaries(dir.path()), 1);
        assert!(!live.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_staged_file_is_locked_until_it_is_committed() {
        let dir = tempfile::tempdir().unwrap();
        let staged = stage(&dir.path().join("doc.pdf"), b"new").unwrap();
        // Another run cleaning the folder keeps it.
        assert_eq!(held(staged.tmp.path()), Some(true));
        assert_eq!(remove_stale_temporaries(dir.path()), 0);
        staged.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("doc.pdf")).unwrap(), b"new");
    }
}
