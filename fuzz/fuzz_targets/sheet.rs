//! The spreadsheet importers fed arbitrary files: the response-sheet import
//! and the UPR Info import, from CSV or from a workbook (.xlsx/.ods). An
//! import that is planned must leave `upr.toml` as TOML that still parses.
#![no_main]

use std::path::Path;

use hrdraft::sheet::table;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let Some(scratch) = hrdraft_fuzz::scratch() else {
        return;
    };
    // Bit 0: a workbook rather than CSV; bit 1: the UPR Info import.
    let grids = if mode & 1 == 0 {
        match table::read_csv(Path::new("fuzz.csv"), bytes) {
            Ok(g) => vec![g],
            Err(_) => return,
        }
    } else {
        let ext = if mode & 4 == 0 { "xlsx" } else { "ods" };
        let path = scratch.join(format!("input.{ext}"));
        if std::fs::write(&path, bytes).is_err() {
            return;
        }
        match table::read(&path) {
            Ok(g) => g,
            Err(_) => return,
        }
    };
    hrdraft_fuzz::import(&grids, mode & 2 != 0);
});
