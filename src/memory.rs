//! Giving memory back to the system while a large document is drafted.
//!
//! The allocator keeps what is freed for a while, to hand it out again; on
//! a large document, lists of millions of small values are freed as the
//! template renders them (`render::take_once`), and the dataset on a thread
//! of its own, and what the threads that made them left behind is not given
//! back until something asks. The library says where much has just been
//! freed ([`give_back`]); the program, which chose the allocator, says how
//! ([`set_give_back`]). Without it, nothing is done.

use std::sync::OnceLock;

static GIVE_BACK: OnceLock<fn()> = OnceLock::new();

/// How many bytes freed at once are worth a [`give_back`]: asking costs
/// a walk over the allocator's pages.
pub const LARGE: usize = 16 << 20;

/// Have [`give_back`] call `f`: the allocator's own way of returning what
/// is free to the system (the command line sets mimalloc's `mi_collect`).
/// Only the first call counts.
pub fn set_give_back(f: fn()) {
    let _ = GIVE_BACK.set(f);
}

/// Return what is free to the system, if the program said how.
pub fn give_back() {
    if let Some(f) = GIVE_BACK.get() {
        f();
    }
}
