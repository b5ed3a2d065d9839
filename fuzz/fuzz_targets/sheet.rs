//! The spreadsheet importers fed arbitrary files: the response-sheet import
//! and the UPR Info import, from CSV or from a workbook (.xlsx/.ods). An
//! import that is planned must leave `upr.toml` as TOML that still parses.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hrdraft::sdk::Dataset;
use hrdraft::sheet::import::{self, ImportOptions};
use hrdraft::sheet::table;
use hrdraft::sheet::upr_info::{self, UprInfoOptions};
use libfuzzer_sys::fuzz_target;

struct Setup {
    dataset: Dataset,
    upr_text: String,
    sources_text: String,
    scratch: PathBuf,
}

fn setup() -> Option<&'static Setup> {
    static SETUP: OnceLock<Option<Setup>> = OnceLock::new();
    SETUP
        .get_or_init(|| {
            let files: Vec<(String, Vec<u8>)> = hrdraft_fuzz::BASE
                .iter()
                .map(|(n, b)| (n.to_string(), b.to_vec()))
                .collect();
            let dataset = hrdraft::dataset::load_from_files(&files).ok()?.dataset;
            let text = |name: &str| {
                files
                    .iter()
                    .find(|(n, _)| n == name)
                    .and_then(|(_, b)| String::from_utf8(b.clone()).ok())
            };
            let scratch = std::env::temp_dir().join(format!("hrdraft-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&scratch).ok()?;
            Some(Setup {
                dataset,
                upr_text: text("upr.toml")?,
                sources_text: text("sources.toml")?,
                scratch,
            })
        })
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let Some(setup) = setup() else { return };
    // Bit 0: a workbook rather than CSV; bit 1: the UPR Info import.
    let grids = if mode & 1 == 0 {
        match table::read_csv(Path::new("fuzz.csv"), bytes) {
            Ok(g) => vec![g],
            Err(_) => return,
        }
    } else {
        let ext = if mode & 4 == 0 { "xlsx" } else { "ods" };
        let path = setup.scratch.join(format!("input.{ext}"));
        if std::fs::write(&path, bytes).is_err() {
            return;
        }
        match table::read(&path) {
            Ok(g) => g,
            Err(_) => return,
        }
    };
    let after = if mode & 2 == 0 {
        let options = ImportOptions {
            stakeholder: "NGO1".into(),
            add: None,
            cycle: None,
        };
        match import::plan(&setup.dataset, &setup.upr_text, &grids, "fuzz", &options) {
            Ok(plan) if plan.refused.is_empty() => vec![plan.after],
            _ => Vec::new(),
        }
    } else {
        let Ok(existing) = upr_info::existing_from_texts(
            Some(setup.upr_text.clone()),
            Some(setup.sources_text.clone()),
        ) else {
            return;
        };
        let options = UprInfoOptions {
            country: "Arcadia".into(),
            cycle: None,
            review_date: None,
            report: None,
            file_name: "fuzz.csv".into(),
        };
        match upr_info::plan(&grids, "fuzz", &existing, &options) {
            Ok(plan) if plan.refused.is_empty() => {
                plan.upr_after.into_iter().chain(plan.sources_after).collect()
            }
            _ => Vec::new(),
        }
    };
    for text in after {
        assert!(
            text.parse::<toml_edit::DocumentMut>().is_ok(),
            "an import would write a dataset file that does not parse:\n{text}"
        );
    }
});
