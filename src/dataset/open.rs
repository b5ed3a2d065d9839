//! Reading one file of a dataset: only a regular file inside the dataset
//! directory, read without ever blocking.
//!
//! A file that cannot be read is never taken for an absent one: a dangling
//! symbolic link, a link that loops, a named pipe or a device in place of
//! `upr.toml` would otherwise make `check` report a valid dataset with no
//! recommendations and `draft` write an empty assessment. A symbolic link
//! whose target lies outside the directory is refused unread, so no file
//! beyond the dataset (`ln -s /etc/shadow sources.toml`) is read, parsed or
//! quoted in a message.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a dataset file could not be read: a message and, where there is one,
/// how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// What is wrong ("the file is a named pipe (FIFO), not a regular file").
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

fn unreadable(message: String, hint: Option<&str>) -> Unreadable {
    Unreadable {
        message,
        hint: hint.map(str::to_string),
    }
}

/// The message for a file over [`MAX_FILE_BYTES`].
pub(super) fn too_large(len: u64) -> String {
    format!(
        "the file is {} MiB; dataset files may be at most {} MiB",
        len / (1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// The bytes of the file `name` in the dataset directory `dir`, or `None`
/// when there is nothing of that name. Anything there that is not a regular
/// file inside `dir` (reached directly or through symbolic links that stay
/// inside it) is an error naming what it is.
pub fn read_file(dir: &Path, name: &str) -> Result<Option<Vec<u8>>, Unreadable> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let path = dir.join(name);
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(format!("cannot read the file: {e}"), None)),
    };
    let target = if meta.file_type().is_symlink() {
        resolve_link(dir, &path)?
    } else {
        path
    };
    let meta = std::fs::metadata(&target)
        .map_err(|e| unreadable(format!("cannot read the file: {e}"), None))?;
    regular(&meta)?;
    read_regular(&target)
}

/// Where a symbolic link in the dataset leads, if it leads to something
/// inside the dataset directory.
fn resolve_link(dir: &Path, path: &Path) -> Result<PathBuf, Unreadable> {
    let shown = std::fs::read_link(path).map_or_else(
        |_| "?".to_string(),
        |l| super::source::clip(l.display().to_string(), 120),
    );
    let resolved = match std::fs::canonicalize(path) {
        Ok(p) => p,
        Err(e) if is_loop(&e) => {
            return Err(unreadable(
                format!("the file is a symbolic link to `{shown}` that loops back on itself"),
                Some("replace the link with the file itself"),
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(unreadable(
                format!(
                    "the file is a symbolic link to `{shown}`, which does not exist; \
                     a broken link is not taken for a missing file"
                ),
                Some("restore the file it points to, or remove the link"),
            ))
        }
        Err(e) => {
            return Err(unreadable(
                format!("the file is a symbolic link to `{shown}` that cannot be followed: {e}"),
                None,
            ))
        }
    };
    let inside = std::fs::canonicalize(dir).is_ok_and(|d| resolved.starts_with(d));
    if !inside {
        return Err(unreadable(
            format!(
                "the file is a symbolic link to `{shown}`, outside the dataset directory; \
                 hrdraft reads only the files inside a dataset, so it was not read"
            ),
            Some("copy the file into the dataset instead of linking to it"),
        ));
    }
    Ok(resolved)
}

#[cfg(unix)]
fn is_loop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_loop(_: &std::io::Error) -> bool {
    false
}

/// Refuse anything but a regular file, saying what it is.
fn regular(meta: &std::fs::Metadata) -> Result<(), Unreadable> {
    if meta.is_file() {
        return Ok(());
    }
    let what = kind(meta);
    Err(unreadable(
        format!(
            "the file is {what}, not a regular file; dataset files must be regular files \
             (hrdraft does not read {what} as a dataset file, so reading can never block)"
        ),
        Some("put a regular TOML file of that name in the dataset, or remove what is there"),
    ))
}

#[cfg(unix)]
fn kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn kind(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Read a file found to be regular. It is opened without blocking and
/// checked again once open, so one swapped for a pipe in between is still
/// refused rather than waited on; it is read to at most [`MAX_FILE_BYTES`].
fn read_regular(path: &Path) -> Result<Option<Vec<u8>>, Unreadable> {
    let cannot = |e: std::io::Error| unreadable(format!("cannot read the file: {e}"), None);
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    regular(&meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(unreadable(too_large(meta.len()), None));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable(too_large(bytes.len() as u64), None));
    }
    Ok(Some(bytes))
}
