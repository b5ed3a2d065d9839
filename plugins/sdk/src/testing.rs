//! Testing a plugin as hrdraft runs it (feature `testing`).
//!
//! ```ignore
//! use hrdraft_sdk::testing;
//!
//! #[test]
//! fn finds_what_the_example_holds() {
//!     let dataset = testing::load_dataset("tests/dataset").unwrap();
//!     let out = testing::run(|| WordCount, &dataset, &Options::new()).unwrap();
//!     testing::assert_golden(&out, "tests/golden/word-count.json");
//! }
//! ```
//!
//! [`load_dataset`] reads a dataset directory's TOML files into a
//! [`Dataset`] as hrdraft does, refusing keys the types do not know (this
//! feature turns on `strict`); it does not run the cross-checks of `hrdraft
//! check`, so run that on a test dataset once. [`run`] passes the dataset
//! and options through the same JSON and the same functions that
//! [`export_plugin!`](crate::export_plugin) exports, so a test sees what the
//! host would: a panic comes back as an error. [`assert_golden`] compares
//! the output with a JSON file, and writes the file when it is missing or
//! when `HRDRAFT_UPDATE_GOLDEN=1`.

use std::ffi::{CStr, CString};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Dataset, DatasetFiles, Error, Options, Outcome, Plugin};

/// Read the dataset directory `dir` (country.toml and any of the other files).
pub fn load_dataset(dir: impl AsRef<Path>) -> Result<Dataset, Error> {
    let dir = dir.as_ref();
    Ok(Dataset::from(DatasetFiles {
        country: file(dir, "country.toml")?.ok_or_else(|| {
            Error::new(format!("{}: a dataset needs country.toml", dir.display()))
        })?,
        treaties: file(dir, "treaties.toml")?,
        special_procedures: file(dir, "special-procedures.toml")?,
        candidacy: file(dir, "candidacy.toml")?,
        upr: file(dir, "upr.toml")?,
        reprisals: file(dir, "reprisals.toml")?,
        questions: file(dir, "questions.toml")?,
        sources: file(dir, "sources.toml")?,
        documents: file(dir, "documents.toml")?,
    }))
}

fn file<T: DeserializeOwned>(dir: &Path, name: &str) -> Result<Option<T>, Error> {
    let path = dir.join(name);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::new(format!("{}: {e}", path.display()))),
    };
    toml::from_str(&text)
        .map(Some)
        .map_err(|e| Error::new(format!("{}: {e}", path.display())))
}

/// Run the plugin `make` gives on `dataset` with `options`, through the
/// JSON and the code of the exported C functions, as hrdraft runs a library.
pub fn run<P: Plugin>(
    make: impl FnOnce() -> P,
    dataset: &Dataset,
    options: &Options,
) -> Result<Value, Error> {
    let input = serde_json::json!({ "dataset": dataset, "options": options });
    let input = CString::new(input.to_string())
        .map_err(|_| Error::new("the input holds a NUL character"))?;
    // SAFETY: `input` is a NUL-terminated string that outlives the call.
    let raw = unsafe { crate::__abi::run(make, input.as_ptr()) };
    // SAFETY: `raw` is the non-null string `__abi::run` made, read once.
    let text = unsafe { CStr::from_ptr(raw) }
        .to_string_lossy()
        .into_owned();
    // SAFETY: made by `__abi::run` in this crate, freed once.
    unsafe { crate::__abi::free(raw) };
    match serde_json::from_str::<Outcome>(&text) {
        Ok(Outcome::Ok(v)) => Ok(v),
        Ok(Outcome::Error(m)) => Err(Error::new(m)),
        Ok(Outcome::Panic(m)) => Err(Error::new(format!("the plugin panicked: {m}"))),
        Err(e) => Err(Error::new(format!("the answer is not JSON: {e}"))),
    }
}

/// Assert that `value` equals the JSON in the file at `path`. A missing
/// file, or any file when the environment has `HRDRAFT_UPDATE_GOLDEN=1`, is
/// written from `value` instead; a missing file then fails the test once,
/// so that a new golden file is always looked at.
#[track_caller]
pub fn assert_golden(value: &Value, path: impl AsRef<Path>) {
    let path = path.as_ref();
    let pretty = match serde_json::to_string_pretty(value) {
        Ok(p) => p + "\n",
        Err(e) => panic!("the value cannot be written as JSON: {e}"),
    };
    let update = std::env::var_os("HRDRAFT_UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let existing = match std::fs::read_to_string(path) {
        Ok(text) if !update => text,
        missing_or_update => {
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            if let Err(e) = std::fs::write(path, &pretty) {
                panic!("cannot write {}: {e}", path.display());
            }
            if missing_or_update.is_err() && !update {
                panic!(
                    "{} did not exist and has been written: look at it, then run the test again",
                    path.display()
                );
            }
            return;
        }
    };
    let expected: Value = match serde_json::from_str(&existing) {
        Ok(v) => v,
        Err(e) => panic!("{} is not JSON: {e}", path.display()),
    };
    if &expected != value {
        panic!(
            "the output differs from {} (HRDRAFT_UPDATE_GOLDEN=1 rewrites it):\n--- expected\n{}\n--- found\n{pretty}",
            path.display(),
            serde_json::to_string_pretty(&expected).unwrap_or_default()
        );
    }
}
