//! The markdown writer fed arbitrary documents: it may refuse one, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: hrdraft_fuzz::WriterInput| {
    hrdraft_fuzz::write_with("markdown", input);
});
