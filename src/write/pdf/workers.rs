//! Building the flow of a long document's blocks on worker threads, handed to the composer in order.
//!
//! Setting a block's lines does not depend on where it falls on a page, so
//! the blocks of a long document are set on every core while the composer
//! fills pages with those already set. Workers take block numbers in turn
//! and stay at most [`WINDOW`] blocks ahead of the composer, so that what is
//! set ahead stays small; the composer takes the blocks in order, so the
//! pages are the same as when every block is set on one thread.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::Scope;

use crate::document::Block;

use super::boxes::Flow;
use super::flow::FlowBuilder;
use super::fonts::FontSet;
use super::inline::PageMap;
use super::style::Theme;

/// Documents with fewer top-level blocks are set on the composer's thread:
/// starting threads would cost more than it saves.
const PARALLEL_FROM: usize = 2_000;

/// How far ahead of the composer workers may set blocks.
const WINDOW: usize = 2_048;

/// How often the composer tells the workers how far it has come.
const STEP: usize = 64;

/// How many workers for a document of `blocks` top-level blocks; 0 to set
/// them on the composer's thread.
pub(super) fn count(blocks: usize) -> usize {
    if blocks < PARALLEL_FROM {
        return 0;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// What the workers and the composer share.
struct Shared {
    /// The next block number a worker will take.
    claim: AtomicUsize,
    /// How many blocks the composer has taken.
    taken: Mutex<usize>,
    moved: Condvar,
    /// Set when the composer is gone: workers stop.
    stop: AtomicBool,
}

/// A block's flow, or why a worker could not set it.
type Set = std::thread::Result<Vec<Flow>>;

/// The composer's end: each block's flow, in order.
pub(super) struct Receiver {
    rx: mpsc::Receiver<(usize, Set)>,
    early: BTreeMap<usize, Set>,
    shared: Arc<Shared>,
}

impl Receiver {
    /// The flow of block `i`, which must be the block after the last one taken.
    pub(super) fn flow_of(&mut self, i: usize) -> Vec<Flow> {
        let set = loop {
            if let Some(set) = self.early.remove(&i) {
                break set;
            }
            match self.rx.recv() {
                Ok((j, set)) if j == i => break set,
                Ok((j, set)) => {
                    self.early.insert(j, set);
                }
                // Every worker is gone, none with this block: cannot happen,
                // as a worker that fails says so below.
                Err(_) => break Ok(Vec::new()),
            }
        };
        // A worker that panicked setting the block: the panic goes on here,
        // as it would have on one thread, rather than leave the composer
        // waiting for a block that never comes.
        let flow = set.unwrap_or_else(|p| std::panic::resume_unwind(p));
        // Told in steps: a lock and a wake-up for every block would cost more
        // than setting many of them. A step is well inside the window, so the
        // worker on the block the composer waits for never waits itself.
        if (i + 1) % STEP == 0 {
            if let Ok(mut taken) = self.shared.taken.lock() {
                *taken = i + 1;
            }
            self.shared.moved.notify_all();
        }
        flow
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Taken under the lock, so that no worker misses the wake-up between
        // reading `stop` and waiting.
        let _guard = self.shared.taken.lock();
        self.shared.moved.notify_all();
    }
}

/// Start `n` workers setting `blocks` in the scope; the composer reads
/// their work through the receiver, and they stop when it is dropped.
pub(super) fn start<'scope, 'env: 'scope>(
    scope: &'scope Scope<'scope, 'env>,
    n: usize,
    blocks: &'env [Block],
    theme: &'env Theme,
    fonts: &'env FontSet,
    pages: &'env PageMap,
) -> Receiver {
    let shared = Arc::new(Shared {
        claim: AtomicUsize::new(0),
        taken: Mutex::new(0),
        moved: Condvar::new(),
        stop: AtomicBool::new(false),
    });
    let (tx, rx) = mpsc::channel();
    for _ in 0..n {
        let tx = tx.clone();
        let shared = Arc::clone(&shared);
        scope.spawn(move || {
            let mut fb = FlowBuilder::new(theme, fonts, pages);
            loop {
                let i = shared.claim.fetch_add(1, Ordering::SeqCst);
                let Some(block) = blocks.get(i) else { break };
                if !wait_for_room(&shared, i) {
                    break;
                }
                let set = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    fb.block(block, theme.margin_start, theme.text_width, theme.body_size);
                    std::mem::take(&mut fb.out)
                }));
                let failed = set.is_err();
                if tx.send((i, set)).is_err() || failed {
                    break;
                }
            }
        });
    }
    Receiver {
        rx,
        early: BTreeMap::new(),
        shared,
    }
}

/// Wait until block `i` is within the window; false if the composer is gone.
fn wait_for_room(shared: &Shared, i: usize) -> bool {
    let Ok(mut taken) = shared.taken.lock() else {
        return false;
    };
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return false;
        }
        if i < *taken + WINDOW {
            return true;
        }
        taken = match shared.moved.wait(taken) {
            Ok(t) => t,
            Err(_) => return false,
        };
    }
}
