//! Writing edited dataset files: a `.bak` copy first, an atomic replace, then a check of the whole dataset.
//!
//! An import must never leave a dataset that `hrdraft check` refuses: after
//! writing, the dataset is loaded again, and if it no longer validates the
//! previous files are put back.

use std::path::{Path, PathBuf};

use crate::dataset::{self, LoadError};
use crate::output::{write_atomic, OutputError};

/// One dataset file to replace.
#[derive(Debug, Clone)]
pub struct Edit {
    /// Its name in the dataset directory ("upr.toml").
    pub file: &'static str,
    /// Its bytes now, or `None` if it does not exist yet.
    pub before: Option<Vec<u8>>,
    /// What it should hold.
    pub after: String,
}

/// Why the files could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// The file system refused; any file already replaced was put back.
    #[error(transparent)]
    Write(#[from] OutputError),
    /// The dataset did not validate with the new files; the old ones were put back.
    #[error("the dataset would no longer be valid, so nothing was changed: {0}")]
    Invalid(LoadError),
}

/// The `.bak` file kept beside a dataset file.
pub fn backup_path(dir: &Path, file: &str) -> PathBuf {
    dir.join(format!("{file}.bak"))
}

/// Replace the files, keeping `.bak` copies of those that existed, and, when
/// `verify` is set, load the dataset again and undo everything if it fails.
pub fn commit(dir: &Path, edits: &[Edit], verify: bool) -> Result<(), CommitError> {
    let mut done: Vec<&Edit> = Vec::new();
    for edit in edits {
        let path = target(dir, edit.file);
        let step = (|| {
            if let Some(before) = &edit.before {
                write_atomic(&backup_path(dir, edit.file), before)?;
            }
            let after = in_the_form_of(edit.before.as_deref(), &edit.after);
            write_atomic(&path, &after)
        })();
        if let Err(e) = step {
            undo(dir, &done);
            return Err(e.into());
        }
        done.push(edit);
    }
    if verify {
        if let Err(e) = dataset::load(dir) {
            undo(dir, &done);
            return Err(CommitError::Invalid(e));
        }
    }
    Ok(())
}

/// Where a dataset file's bytes live: the file itself, or, for a symbolic
/// link (one inside the dataset: the loader refuses others), the file it
/// points to, so that the link is kept rather than replaced by a copy.
fn target(dir: &Path, file: &str) -> PathBuf {
    let path = dir.join(file);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(&path).unwrap_or(path),
        _ => path,
    }
}

/// `after` written the way the file was: with its byte-order mark if it had
/// one, and with CRLF line endings if most of its lines ended so (a file
/// kept on Windows), so that an import changes the lines it changes and no
/// others.
fn in_the_form_of(before: Option<&[u8]>, after: &str) -> Vec<u8> {
    const BOM: &str = "\u{feff}";
    let Some(before) = before else {
        return after.as_bytes().to_vec();
    };
    let crlf = before.windows(2).filter(|w| w == b"\r\n").count();
    let lf = before.iter().filter(|b| **b == b'\n').count();
    let mut text = after.to_string();
    if crlf > 0 && crlf * 2 >= lf {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    if before.starts_with(BOM.as_bytes()) && !text.starts_with(BOM) {
        text.insert_str(0, BOM);
    }
    text.into_bytes()
}

/// Put back what `commit` replaced. Best effort: this runs after a failure,
/// and the `.bak` copies stay in place whatever happens here.
fn undo(dir: &Path, done: &[&Edit]) {
    for edit in done {
        let path = target(dir, edit.file);
        let _ = match &edit.before {
            Some(before) => write_atomic(&path, before).map_err(|_| ()),
            None => std::fs::remove_file(&path).map_err(|_| ()),
        };
    }
}
