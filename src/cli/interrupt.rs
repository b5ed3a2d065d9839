//! Ctrl-C, SIGTERM and SIGHUP during `render` and `draft`: finish the
//! document being written, start no other.
//!
//! The first signal sets a flag that the commands check between documents,
//! so every document is written whole (all its formats) or not at all, and
//! no temporary file is left behind; the run then ends with 128 + the
//! signal's number, as shells report it (130 for SIGINT, 143 for SIGTERM,
//! 129 for SIGHUP). SIGTERM is what `timeout`, `docker stop` and systemd
//! send, SIGHUP what a closed terminal sends: both are treated as Ctrl-C. A
//! second signal stops at once; the temporary files it may leave
//! (`.hrdraft-<pid>-*.tmp`, never at a final path) are removed by the next
//! run that writes to the same directory.

use std::sync::atomic::{AtomicI32, Ordering};

/// The first signal received, or 0.
static SIGNAL: AtomicI32 = AtomicI32::new(0);

#[cfg(unix)]
mod unix {
    use std::sync::atomic::Ordering;

    use super::SIGNAL;

    const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    /// Runs in the signal handler: only atomics, write(2) and _exit(2),
    /// which are async-signal-safe.
    extern "C" fn on_signal(signal: libc::c_int) {
        if SIGNAL
            .compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            // SAFETY: _exit is async-signal-safe and ends the process.
            unsafe { libc::_exit(128 + signal) };
        }
        let message: &[u8] = match signal {
            libc::SIGTERM => {
                b"\nterminated (SIGTERM): finishing the documents being written, starting no \
                  others (a second signal stops at once)\n"
            }
            libc::SIGHUP => {
                b"\nhung up (SIGHUP): finishing the documents being written, starting no \
                  others (a second signal stops at once)\n"
            }
            _ => {
                b"\ninterrupted: finishing the documents being written, starting no others \
                  (press Ctrl-C again to stop at once)\n"
            }
        };
        // SAFETY: write(2) on stderr with a valid buffer; its result is
        // ignored (a closed terminal cannot be told).
        unsafe {
            libc::write(2, message.as_ptr().cast(), message.len());
        }
    }

    pub(super) fn install() {
        for signal in SIGNALS {
            // SAFETY: a zeroed sigaction is valid; the handler only does
            // async-signal-safe work. A signal the parent set to be ignored
            // (`nohup` ignores SIGHUP) stays ignored.
            unsafe {
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, std::ptr::null(), &mut old) == 0
                    && old.sa_sigaction == libc::SIG_IGN
                {
                    continue;
                }
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
                action.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&mut action.sa_mask);
                // Failing to install leaves the default, stopping at once,
                // which the atomic writes make safe too.
                libc::sigaction(signal, &action, std::ptr::null_mut());
            }
        }
    }
}

/// Catch SIGINT, SIGTERM and SIGHUP (Ctrl-C alone where the platform has
/// no others) for the rest of the run.
pub fn install() {
    #[cfg(unix)]
    unix::install();
    #[cfg(not(unix))]
    {
        let _ = ctrlc::set_handler(|| {
            if SIGNAL.swap(2, Ordering::SeqCst) != 0 {
                std::process::exit(i32::from(super::EXIT_INTERRUPTED));
            }
            eprintln!(
                "\ninterrupted: finishing the documents being written, starting no others \
                 (press Ctrl-C again to stop at once)"
            );
        });
    }
}

/// Whether a stopping signal was received.
pub fn interrupted() -> bool {
    SIGNAL.load(Ordering::SeqCst) != 0
}

/// The exit status after a signal: 128 + its number (130 for Ctrl-C).
pub fn exit_status() -> u8 {
    match SIGNAL.load(Ordering::SeqCst) {
        n @ 1..=127 => u8::try_from(128 + n).unwrap_or(super::EXIT_INTERRUPTED),
        _ => super::EXIT_INTERRUPTED,
    }
}
