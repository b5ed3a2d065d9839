//! The sheet reader and both imports fed well-formed .ods workbooks built
//! from the input (`hrdraft_fuzz::sheets`): rows and columns repeated up to
//! u32::MAX, covered and spanned cells, hidden tables. A refusal names the file.
#![no_main]

use hrdraft_fuzz::sheets::{read_and_import, OdsBook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|book: OdsBook| {
    let Some(scratch) = hrdraft_fuzz::scratch() else {
        return;
    };
    read_and_import(&scratch.join("generated.ods"), &book.bytes());
});
