//! Ctrl-C during `render` and `draft`: finish the document being written, start no other.
//!
//! The first Ctrl-C sets a flag that the commands check between documents,
//! so every document is written whole (all its formats) or not at all, and
//! no temporary file is left behind. A second Ctrl-C stops at once; the
//! temporary files it may leave (`.hrdraft-<pid>-*.tmp`, never at a final
//! path) are removed by the next run that writes to the same directory.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Catch Ctrl-C (SIGINT, and SIGTERM where the platform has it) for the rest of the run.
pub fn install() {
    // Failing to install (a handler is already set) leaves the default:
    // stopping at once, which the atomic writes make safe too.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(super::EXIT_INTERRUPTED));
        }
        eprintln!(
            "\ninterrupted: finishing the documents being written, starting no others \
             (press Ctrl-C again to stop at once)"
        );
    });
}

/// Whether Ctrl-C was pressed.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
