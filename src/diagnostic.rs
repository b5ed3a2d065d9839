//! A problem to report: what is wrong, where (file, line, column, field),
//! the offending line, and how to put it right.
//!
//! One type for every problem hrdraft reports: the dataset loader's, the
//! template's, a plugin's, the command line's. The command line draws them
//! (`cli/report.rs`) and `--json` prints them as they serialize.

use std::fmt;
use std::path::Path;

use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// What was asked cannot be done until it is fixed.
    Error,
    /// Worth a look; what was asked can still be done.
    Warning,
}

/// The source line a diagnostic points at, for printing it underlined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The whole line, without its line ending.
    pub line_text: String,
    /// 1-based column (in characters) where the span starts.
    pub column: usize,
    /// Width of the span in characters (at least 1).
    pub width: usize,
}

/// A problem: the shape of every finding a command prints with `--json`
/// (docs/dataset.md, "check --json"): `file`, `line`, `column` and `field`
/// are always there, empty or 0 when unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file it is in: for the dataset loader, its name in the dataset
    /// directory ([`Diagnostic::in_dataset`] makes it a path); empty when it
    /// is in no file.
    pub file: String,
    /// 1-based line; 0 when unknown.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// Field path in a dataset file ("recommendations[57].assessments[1].level"),
    /// or empty.
    pub field: String,
    /// What is wrong.
    pub message: String,
    /// How to put it right, where that is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The offending line and the span in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<Snippet>,
}

impl Diagnostic {
    /// An error with no place in a file.
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: String::new(),
            line: 0,
            column: 0,
            field: String::new(),
            message: message.into(),
            hint: None,
            snippet: None,
        }
    }

    /// A warning with no place in a file.
    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// With a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// A dataset loader's diagnostic with its file named as a path under
    /// the dataset directory `dataset`, as the user would open it. One about
    /// the directory itself names it as given.
    pub fn in_dataset(mut self, dataset: &Path) -> Diagnostic {
        if self.file != dataset.display().to_string() {
            self.file = dataset.join(&self.file).display().to_string();
        }
        self
    }

    /// Point at `line`/`column` of `text` (a whole file), underlining the
    /// word, or the `{{…}}` expression, that starts there.
    pub fn at_source(mut self, file: String, text: &str, line: usize, column: usize) -> Diagnostic {
        self.file = file;
        self.line = line;
        self.column = column;
        let Some(line_text) = text.lines().nth(line.saturating_sub(1)) else {
            return self;
        };
        let column = column.max(1);
        let rest: String = line_text.chars().skip(column - 1).collect();
        let width = if rest.starts_with("{{") {
            rest.find("}}")
                .map_or(rest.chars().count(), |end| rest[..end + 2].chars().count())
        } else {
            rest.chars()
                .take_while(|c| !c.is_whitespace())
                .count()
                .max(1)
        };
        self.snippet = Some(Snippet {
            line_text: line_text.to_string(),
            column,
            width,
        });
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `upr.toml:412:9: recommendations[57].assessments[1].level: expected …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}
