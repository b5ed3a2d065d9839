//! The heap each stage of drafting one document to PDF holds:
//! `cargo run --release --example memory -- DATASET [TEMPLATE]`.
//!
//! Counts what the allocator hands out (live bytes, and the most live at
//! once within each stage), so that the figures are the program's own and
//! not the resident set, which also holds memory freed and not yet given
//! back. The stages run one after another, as `render` runs them, each
//! freeing what the next no longer needs.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use hrdraft::pipeline::{Pipeline, Request};
use hrdraft::plugin_host::Registry;
use hrdraft::template::TemplateSet;
use hrdraft::write::{pdf::PdfWriter, Writer};

/// The allocator the `hrdraft` binary uses, counted.
struct Counted;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static INNER: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed on to mimalloc unchanged; only the counters
// are added.
unsafe impl GlobalAlloc for Counted {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: the caller's guarantees are mimalloc's.
        unsafe { INNER.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: as above.
        unsafe { INNER.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: as above.
        unsafe { INNER.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        // SAFETY: as above.
        unsafe { INNER.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counted = Counted;

/// Prints the heap live now and the most live since the last stage.
fn stage(name: &str) {
    let live = LIVE.load(Relaxed);
    let peak = PEAK.swap(live, Relaxed);
    println!(
        "{name:36} {:>8.1} MB live {:>8.1} MB at most",
        mb(live),
        mb(peak)
    );
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "examples/kazakhstan".into());
    let template = args.next().unwrap_or_else(|| "mia-report".into());
    stage("start");
    let mut drafter = Pipeline::new(TemplateSet::builtin()?, Registry::builtin())?;
    // As `render` drafts: the context holds what the template reads.
    drafter.set_trim_from(hrdraft::pipeline::TRIM_FROM);
    stage("templates registered");
    let loaded = hrdraft::dataset::load(std::path::Path::new(&dir))?;
    stage("dataset loaded");
    let request = Request {
        template: &template,
        ..Request::default()
    };
    let context = drafter.context(&loaded.dataset, &request)?;
    stage("plugins run, context built");
    drop(loaded);
    stage("dataset freed");
    let mut drafted = drafter.draft_owned(&template, context)?;
    stage("rendered and parsed (context freed)");
    let markdown = std::mem::take(&mut drafted.markdown);
    println!(
        "{:36} {:>8.1} MB",
        "  of which the Markdown",
        mb(markdown.len())
    );
    drop(markdown);
    stage("Markdown freed: the document");
    // Into a file as it is made, as `render` writes it.
    let file = tempfile::tempfile()?;
    let paged = PdfWriter
        .write_paged_into(&drafted.document, &Default::default(), &file)?
        .ok_or("the PDF writer writes into a file")?;
    stage("PDF written into its file");
    println!(
        "{:36} {:>8.1} MB, {} pages",
        "  the file",
        mb(file.metadata()?.len() as usize),
        paged.pages
    );
    Ok(())
}
