//! Spreadsheets in and out: the stakeholder response sheet and UPR Info database exports.
//!
//! Advocacy teams collect assessments by sending each stakeholder an Excel
//! sheet of the recommendations ([`export`]) and merging the filled sheets
//! back into `upr.toml` ([`import`]); recommendations themselves often come
//! from the UPR Info database ([`upr_info`]). Every file is read into the same
//! rows of text ([`table`]), so `.xlsx`, `.ods` and `.csv` behave alike, and
//! the dataset's TOML is edited in place ([`edit`]) so its comments and layout
//! survive. Problems are reported per row, with the row number a spreadsheet
//! shows (the header is row 1).

pub mod commit;
pub mod edit;
pub mod export;
pub mod import;
pub mod limits;
pub mod table;
pub mod upr_info;

use std::fmt;
use std::path::PathBuf;

use hrdraft_sdk::{ImplementationLevel, StakeholderKind};

/// The columns of the response sheet, in order.
pub const COLUMNS: [&str; 7] = [
    "Number",
    "Recommendation",
    "Recommending State",
    "Response",
    "Issues",
    "Implementation level",
    "Comment",
];

/// The name of the response sheet's worksheet of recommendations.
pub const SHEET_NAME: &str = "Recommendations";
/// The name of the worksheet saying what the sheet is for.
pub const ABOUT_NAME: &str = "About";

/// What kind of failure an error is, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command line asks for something impossible.
    Usage,
    /// The input (sheet, export or dataset) has problems.
    Input,
    /// A file could not be read or written.
    Io,
}

/// Why a sheet could not be read, written or merged.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The file system refused.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file type hrdraft does not read.
    #[error("{path}: cannot read this kind of file; give a .xlsx, .ods or .csv file")]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// The file is not what its name says, or is damaged.
    #[error("{path}: {message}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What the reader found.
        message: String,
    },
    /// The first row does not name the columns needed.
    #[error("{path}: {message}")]
    Header {
        /// The file.
        path: PathBuf,
        /// Which columns are missing, and what the header holds.
        message: String,
    },
    /// Something about the request or the dataset prevents the work.
    #[error("{message}")]
    Invalid {
        /// What is wrong, ending with the fix where there is one.
        message: String,
        /// Whether it is the command line's fault.
        usage: bool,
    },
    /// The spreadsheet writer failed.
    #[error("cannot write the sheet: {0}")]
    Write(String),
    /// The dataset's TOML file could not be edited.
    #[error("{file}: {message}")]
    Toml {
        /// The dataset file.
        file: String,
        /// What is wrong.
        message: String,
    },
}

impl SheetError {
    /// The kind of failure, for the exit status.
    pub fn kind(&self) -> ErrorKind {
        match self {
            SheetError::Read { .. } => ErrorKind::Io,
            SheetError::Unsupported { .. } => ErrorKind::Usage,
            SheetError::Invalid { usage: true, .. } => ErrorKind::Usage,
            _ => ErrorKind::Input,
        }
    }

    pub(crate) fn usage(message: impl Into<String>) -> SheetError {
        SheetError::Invalid {
            message: message.into(),
            usage: true,
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> SheetError {
        SheetError::Invalid {
            message: message.into(),
            usage: false,
        }
    }
}

/// A row that was refused, or that deserves a look, with its sheet row number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}: {}", self.row, self.message)
    }
}

/// The value `level` takes in `upr.toml`.
pub fn level_key(level: ImplementationLevel) -> &'static str {
    match level {
        ImplementationLevel::Not => "not",
        ImplementationLevel::Partially => "partially",
        ImplementationLevel::Fully => "fully",
    }
}

/// The value `kind` takes in `upr.toml`.
pub fn kind_key(kind: StakeholderKind) -> &'static str {
    match kind {
        StakeholderKind::State => "state",
        StakeholderKind::Ngo => "ngo",
        StakeholderKind::Nhri => "nhri",
        StakeholderKind::UnAgency => "un-agency",
    }
}

/// Read a level as people type it: "partially implemented" or "partially",
/// in any case, with any spacing.
pub fn parse_level(text: &str) -> Option<ImplementationLevel> {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = words.to_lowercase();
    let bare = lower.strip_suffix(" implemented").unwrap_or(&lower);
    match bare {
        "not" => Some(ImplementationLevel::Not),
        "partially" => Some(ImplementationLevel::Partially),
        "fully" => Some(ImplementationLevel::Fully),
        _ => None,
    }
}

/// A header as compared: lower case, single spaces, no surrounding
/// punctuation or spaces ("Recommending State " and "recommending  state" match).
pub(crate) fn header_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_matches(|c: char| c == ':' || c == '*')
        .trim()
        .to_string()
}

/// Text compared for sameness: single spaces, no surrounding space.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_read_as_people_type_them() {
        for (text, level) in [
            ("not implemented", ImplementationLevel::Not),
            ("Partially Implemented", ImplementationLevel::Partially),
            ("  FULLY   implemented ", ImplementationLevel::Fully),
            ("not", ImplementationLevel::Not),
            ("Partially", ImplementationLevel::Partially),
        ] {
            assert_eq!(parse_level(text), Some(level), "{text:?}");
        }
        for bad in ["partial", "implemented", "", "fully done", "yes"] {
            assert_eq!(parse_level(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn headers_match_loosely() {
        assert_eq!(header_key(" Recommending  State "), "recommending state");
        assert_eq!(header_key("Issues:"), "issues");
    }
}
