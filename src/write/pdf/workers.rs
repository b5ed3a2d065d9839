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

#[cfg(test)]
mod tests {
    use crate::document::{Align, Block, Document, Footnote, Inline, LinesRole};
    use crate::write::pdf::fonts::FontSet;
    use crate::write::pdf::inline::PageMap;
    use crate::write::pdf::layout::{compose_with, Page};
    use crate::write::pdf::style::Theme;

    fn t(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    /// A long document of every kind of block, footnotes, kept lines and signatures among them.
    fn long() -> Document {
        let mut blocks = Vec::new();
        let mut footnotes = Vec::new();
        for i in 0..2_600 {
            let words = "word ".repeat(5 + (i * 37) % 120);
            blocks.push(match i % 13 {
                0 => Block::Heading {
                    level: 2,
                    content: vec![t(&format!("Heading {i}"))],
                },
                3 => {
                    footnotes.push(Footnote {
                        blocks: vec![Block::Paragraph {
                            content: vec![t(&format!("Note {i}. {words}"))],
                            align: Align::Start,
                        }],
                    });
                    Block::Paragraph {
                        content: vec![t("With a note"), Inline::FootnoteRef(footnotes.len() - 1)],
                        align: Align::Justify,
                    }
                }
                5 => Block::Lines {
                    lines: vec![vec![t("Signed")], vec![t(&format!("Person {i}"))]],
                    align: Align::Start,
                    role: LinesRole::Signature,
                },
                7 => Block::List {
                    start: Some(1),
                    items: vec![vec![Block::Paragraph {
                        content: vec![t(&words)],
                        align: Align::Start,
                    }]],
                },
                11 => Block::PageBreak,
                _ => Block::Paragraph {
                    content: vec![Inline::Anchor(format!("a{i}")), t(&format!("P{i} {words}"))],
                    align: Align::Justify,
                },
            });
        }
        Document {
            blocks,
            footnotes,
            ..Document::default()
        }
    }

    /// Setting blocks on workers gives the very pages setting them here gives.
    #[test]
    fn workers_give_the_same_pages() {
        let doc = long();
        assert!(
            super::count(doc.blocks.len()) > 0,
            "long enough for workers"
        );
        let theme = Theme::new(&doc.page).expect("theme");
        let fonts = FontSet::load().expect("fonts");
        let shown = PageMap::Guess(3);
        let lay_out = |workers: usize| {
            let mut pages: Vec<Page> = Vec::new();
            let composed = compose_with(&doc, &theme, &fonts, &shown, workers, &mut |p| {
                pages.push(p)
            });
            (pages, composed.anchors, composed.pages)
        };
        let here = lay_out(0);
        assert!(here.2 > 100, "{} pages", here.2);
        for workers in [1, 2, 3] {
            let there = lay_out(workers);
            assert_eq!(there.2, here.2, "{workers} workers: page count");
            assert_eq!(there.1, here.1, "{workers} workers: anchors");
            assert!(there.0 == here.0, "{workers} workers: the pages differ");
        }
    }
}
