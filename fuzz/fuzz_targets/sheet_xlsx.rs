//! The sheet reader and both imports fed well-formed .xlsx workbooks built
//! from the input (`hrdraft_fuzz::sheets`): cells anywhere up to XFD1048576 and
//! past it, sparse, repeated, out of order, shared strings out of range. A refusal names the file.
#![no_main]

use hrdraft_fuzz::sheets::{read_and_import, XlsxBook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|book: XlsxBook| {
    let Some(scratch) = hrdraft_fuzz::scratch() else {
        return;
    };
    read_and_import(&scratch.join("generated.xlsx"), &book.bytes());
});
