//! What the test modules share: where the repository is, running the
//! `hrdraft` command, and where cargo puts what it builds.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root (examples/, templates/, tests/fixtures/).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `hrdraft` with `args` in the current folder.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hrdraft"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("hrdraft does not run: {e}"))
}

/// Run `hrdraft` with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hrdraft"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("hrdraft does not run: {e}"))
}

/// The profile folder cargo builds into (`target/debug`): the test binary
/// is in its `deps/`.
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    exe.parent()
        .and_then(Path::parent)
        .map(Path::to_owned)
        .unwrap_or_else(|| panic!("unexpected test path {}", exe.display()))
}
