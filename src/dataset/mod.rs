//! Loading and validating a country dataset directory.
//!
//! A dataset is a directory of TOML files, one per topic (see [`FILES`]).
//! Loading never stops at the first problem: each array element is read on
//! its own, so `hrdraft check` can report every bad recommendation, source or
//! pledge at once, each with file, line, column and field path. After the
//! files are read, [`validate`] checks what no single value can show:
//! duplicate ids, dangling references and contradictory dates.
//!
//! That precise reading is slow on large files, so [`load`] first tries a
//! fast path (`fast.rs`) that deserializes each file whole and gives up at
//! the first problem of any kind; the precise path then runs from scratch.

mod fast;
mod files;
mod index;
mod letterhead;
mod lock;
mod open;
mod skeleton;
mod source;
mod templates;
mod validate;

use std::fmt;
use std::path::Path;

use hrdraft_sdk::Dataset;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity, Snippet};

pub use files::{file_schema, FILES};
pub use index::EntryIndex;
pub use lock::{lock, Busy, DatasetLock, DEFAULT_LOCK_WAIT};
pub use open::{read_file, Unreadable, MAX_FILE_BYTES};
pub use skeleton::{short_name, write_skeleton, SkeletonError};
pub use templates::unknown_templates;
pub use validate::{as_of_warnings, citation_ids, is_dated_field};

/// A dataset that could not be loaded, with every problem found.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", summary(.diagnostics))]
pub struct LoadError {
    /// The problems, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    match diagnostics.first() {
        Some(first) if errors == 1 => format!("invalid dataset: {first}"),
        Some(first) => format!("invalid dataset: {first} (and {} more)", errors - 1),
        None => "invalid dataset".to_string(),
    }
}

/// A loaded dataset and the warnings found while loading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The dataset.
    pub dataset: Dataset,
    /// Findings that do not prevent its use.
    pub warnings: Vec<Diagnostic>,
}

/// Load and validate the dataset in `dir`. Fails when any error is found;
/// the error lists every problem, warnings included.
pub fn load(dir: &Path) -> Result<Loaded, LoadError> {
    let mut diagnostics = Vec::new();
    let mut dataset = files::read(dir, &mut diagnostics);
    if let Some(dataset) = &mut dataset {
        letterhead::read(dir, dataset, &mut diagnostics);
    }
    finish(dataset, diagnostics)
}

/// Load and validate a dataset from the contents of its files, given as
/// `(file name, bytes)` pairs (`("upr.toml", …)`), exactly as [`load`] would
/// read them from a directory. For importers that build files in memory, and
/// for fuzzing the loader without touching the disk.
pub fn load_from_files(files: &[(String, Vec<u8>)]) -> Result<Loaded, LoadError> {
    let mut diagnostics = Vec::new();
    let dataset = files::from_files(
        Path::new("(dataset)"),
        std::borrow::Cow::Borrowed(files),
        &mut diagnostics,
    );
    finish(dataset, diagnostics)
}

fn finish(dataset: Option<Dataset>, diagnostics: Vec<Diagnostic>) -> Result<Loaded, LoadError> {
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    match dataset {
        Some(dataset) if !has_errors => Ok(Loaded {
            dataset,
            warnings: diagnostics,
        }),
        _ => Err(LoadError { diagnostics }),
    }
}

/// A path to a field: `recommendations[57].assessments[1].level`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldPath(pub(crate) Vec<Seg>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

impl FieldPath {
    pub(crate) fn key(mut self, key: &str) -> FieldPath {
        self.0.push(Seg::Key(key.to_string()));
        self
    }

    pub(crate) fn index(mut self, i: usize) -> FieldPath {
        self.0.push(Seg::Index(i));
        self
    }
}

/// Shorthand: `path("recommendations").index(3).key("cycle")`.
pub(crate) fn path(key: &str) -> FieldPath {
    FieldPath::default().key(key)
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => f.write_str(k)?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Counts of what a dataset holds, for `hrdraft check` and its `--json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// `[[addressees]]`.
    pub addressees: usize,
    /// Instruments with a status entry.
    pub treaties: usize,
    /// Treaty bodies with reporting data.
    pub treaty_bodies: usize,
    /// Special Procedures visits.
    pub visits: usize,
    /// Special Procedures communications.
    pub communications: usize,
    /// Pledges.
    pub pledges: usize,
    /// UPR cycles.
    pub cycles: usize,
    /// UPR recommendations.
    pub recommendations: usize,
    /// Stakeholders.
    pub stakeholders: usize,
    /// Stakeholder assessments.
    pub assessments: usize,
    /// Reprisal and intimidation cases.
    pub reprisal_cases: usize,
    /// Pledging-event questions.
    pub questions: usize,
    /// Sources.
    pub sources: usize,
    /// Documents described in documents.toml.
    pub documents: usize,
}

impl Summary {
    /// Count what `dataset` holds.
    pub fn of(dataset: &Dataset) -> Summary {
        Summary {
            addressees: dataset.addressees.len(),
            treaties: dataset.treaties.len(),
            treaty_bodies: dataset.reporting.len(),
            visits: dataset.special_procedures.visits.len(),
            communications: dataset.special_procedures.communications.len(),
            pledges: dataset.candidacy.as_ref().map_or(0, |c| c.pledges.len()),
            cycles: dataset.upr.cycles.len(),
            recommendations: dataset.upr.recommendations.len(),
            stakeholders: dataset.upr.stakeholders.len(),
            assessments: dataset
                .upr
                .recommendations
                .iter()
                .map(|r| r.assessments.len())
                .sum(),
            reprisal_cases: dataset.reprisals.len(),
            questions: dataset
                .pledging_event
                .as_ref()
                .map_or(0, |e| e.questions.len()),
            sources: dataset.sources.len(),
            documents: dataset.documents.documents.len(),
        }
    }
}
