//! An exclusive lock on a dataset while a command rewrites its files.
//!
//! `sheet import` and `import upr-info` read `upr.toml`, merge into it and
//! write it back. Two at once would each write their own merge over the
//! other's, and the first import's stakeholder would be lost while both
//! reported success. Each takes an advisory lock (flock(2)) on the dataset
//! directory itself, so nothing is added to the dataset, before it reads
//! anything, and holds it until the files are written and checked; the
//! second waits its turn, for a bounded time, then stops with a message.
//! The lock goes with the process, so a killed run never leaves one behind.

use std::path::Path;
use std::time::{Duration, Instant};

/// The time a writer waits for another by default.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(30);

/// Held while a dataset's files are rewritten; dropping it unlocks.
#[derive(Debug)]
pub struct DatasetLock {
    _dir: Option<std::fs::File>,
}

/// Another hrdraft held the dataset for the whole wait.
#[derive(Debug, thiserror::Error)]
#[error(
    "another hrdraft is writing the dataset {dir} and did not finish within {seconds} s; \
     nothing was read or written: run this again when it has finished (or wait longer with \
     HRDRAFT_LOCK_TIMEOUT=<seconds>)"
)]
pub struct Busy {
    /// The dataset.
    pub dir: String,
    /// How long it waited.
    pub seconds: u64,
}

/// Lock the dataset in `dir` for writing, waiting up to `wait` for another
/// writer to finish; `waiting` is called once if it has to wait. A dataset
/// that does not exist yet, or a file system without locks, is not locked.
pub fn lock(dir: &Path, wait: Duration, waiting: impl FnOnce()) -> Result<DatasetLock, Busy> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let Ok(file) = std::fs::File::open(dir) else {
            return Ok(DatasetLock { _dir: None });
        };
        let started = Instant::now();
        let mut waiting = Some(waiting);
        loop {
            // SAFETY: flock(2) on a descriptor this function owns.
            let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
            if locked == 0 {
                return Ok(DatasetLock { _dir: Some(file) });
            }
            let error = std::io::Error::last_os_error();
            if error.raw_os_error() != Some(libc::EWOULDBLOCK) {
                // No locks here (some network file systems): go on as before.
                return Ok(DatasetLock { _dir: None });
            }
            if started.elapsed() >= wait {
                return Err(Busy {
                    dir: dir.display().to_string(),
                    seconds: wait.as_secs(),
                });
            }
            if let Some(w) = waiting.take() {
                w();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, wait, waiting, Instant::now());
        Ok(DatasetLock { _dir: None })
    }
}
