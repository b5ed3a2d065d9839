//! The structured sheet generators of the `sheet_xlsx` and `sheet_ods` targets on stable Rust, for a time, under a 1 GiB allocation limit.
//!
//! `cargo run --release --example fuzz_sheets -- SECONDS [xlsx|ods] [SEED]`
//! (from `fuzz/`). Random bytes, from a fixed seed, are made into workbooks
//! by the same `Arbitrary` generators the libFuzzer targets use, then read
//! and imported. A counting allocator refuses any allocation that would
//! take the memory in use past 1 GiB, which ends the run with "memory
//! allocation of N bytes failed"; the peak is printed at the end.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use arbitrary::{Arbitrary, Unstructured};
use hrdraft_fuzz::sheets::{read_and_import, OdsBook, Outcome, XlsxBook};

const LIMIT: usize = 1 << 30;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

struct Counting;

// SAFETY: every call is passed on to the system allocator unchanged; only
// the count of bytes in use is kept beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let size = layout.size();
        let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
        if live > LIMIT {
            LIVE.fetch_sub(size, Ordering::Relaxed);
            return std::ptr::null_mut();
        }
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the caller's layout, as GlobalAlloc::alloc requires.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            LIVE.fetch_sub(size, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// xorshift64*: the same bytes for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(60);
    let kind = args.next().unwrap_or_else(|| "xlsx".into());
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let Some(scratch) = hrdraft_fuzz::scratch() else {
        eprintln!("no scratch folder");
        std::process::exit(2);
    };
    let path = scratch.join(format!("generated.{kind}"));
    let mut rng = Rng(seed.max(1));
    let (mut runs, mut read, mut refused, mut cells) = (0u64, 0u64, 0u64, 0usize);
    let mut bytes = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(seconds) {
        // Mostly short inputs, now and then long ones, as libFuzzer grows them.
        let len = match rng.next() % 8 {
            0 => (rng.next() % 65_536) as usize,
            _ => (rng.next() % 2_048) as usize,
        };
        bytes.clear();
        while bytes.len() < len {
            bytes.extend_from_slice(&rng.next().to_le_bytes());
        }
        let mut u = Unstructured::new(&bytes);
        let file = if kind == "ods" {
            match OdsBook::arbitrary_take_rest(u) {
                Ok(book) => book.bytes(),
                Err(_) => continue,
            }
        } else {
            match XlsxBook::arbitrary(&mut u) {
                Ok(book) => book.bytes(),
                Err(_) => continue,
            }
        };
        match read_and_import(&path, &file) {
            Outcome::Read { cells: n, .. } => {
                read += 1;
                cells += n;
            }
            Outcome::Refused(_) => refused += 1,
        }
        runs += 1;
    }
    let _ = std::fs::remove_dir_all(scratch);
    println!(
        "{kind}: {runs} runs in {} s ({read} read, {cells} cells in all; {refused} refused), \
         no crash; peak memory in use {:.1} MiB (limit {} MiB)",
        start.elapsed().as_secs(),
        PEAK.load(Ordering::Relaxed) as f64 / (1 << 20) as f64,
        LIMIT >> 20
    );
}
