//! The Markdown parser fed arbitrary text; a document it accepts is then
//! written in every format.
#![no_main]

use hrdraft::write::{writers, WriteOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((doc, _warnings)) = hrdraft::document::parse::parse_with_warnings(text) else {
        return;
    };
    for w in writers() {
        let _ = w.write(&doc, &WriteOptions::default());
    }
});
