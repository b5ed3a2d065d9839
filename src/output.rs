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

/// Names Windows reserves, which cannot be used as file names there.
pub(crate) const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Check that `name` (from a dataset or template) is a safe single path
/// component: lower-case ASCII letters, digits, hyphens and dots inside,
/// not reserved on any common system.
pub fn safe_component(name: &str) -> Result<&str, OutputError> {
    let stem = name.split('.').next().unwrap_or(name);
    let ok = !name.is_empty()
        && name.len() <= 100
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.' || b == b'_'
        })
        && !name.starts_with(['.', '-'])
        && !name.ends_with('.')
        && !name.contains("..")
        && !RESERVED.contains(&stem);
    if ok {
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

/// Write `bytes` to `path` atomically, creating parent directories.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".hrdraft-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
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
    tmp.as_file().sync_all().map_err(io)?;
    // If anything above failed, dropping `tmp` deletes the temporary file.
    tmp.persist(path).map_err(|e| io(e.error))?;
    // Make the rename itself durable.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
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
}
