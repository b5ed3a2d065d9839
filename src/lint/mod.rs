//! The checks a reviewer runs on a drafted document before it leaves:
//! sources dated after the document, recommendations printed with the
//! wrong response, pledges quoted that the State never made, facts without
//! a source, numbers no data produced, sources nothing cites.
//!
//! The lint reads the document as drafted (the model the writers see), the
//! citations the render made (`render::Citation`), the context the template
//! was rendered over and the dataset. It returns [`Warning`]s that say
//! where each problem comes from as a [`Place`]: a field of a dataset file
//! or a piece of text, which the command line turns into a file, line and
//! column (see [`place`]). See docs/lint.md.

mod claims;
mod facts;
pub mod place;
mod sources;
mod text;

use std::fmt;

use hrdraft_sdk::{Dataset, Date, DocumentInfo};
use serde::Serialize;
use serde_json::Value;

use crate::document::Document;
use crate::render::Citation;

pub use sources::{restates, uncited};

/// What kind of problem a warning is; its stable name is what `--json`
/// prints and what the documentation lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A source cited in the document is dated after the document.
    PostDatedSource,
    /// A recommendation is printed as accepted that was noted, or the reverse.
    NotedAsAccepted,
    /// A pledge quoted in the document is not among the dataset's pledges.
    UnknownPledge,
    /// A fact written by the drafter has no footnote in its paragraph.
    UnsourcedFact,
    /// A number in the text that no dataset value or plugin finding produced.
    UnproducedNumber,
    /// A source in sources.toml that nothing refers to.
    UncitedSource,
}

impl Code {
    /// Every code, in the order the checks run.
    pub const ALL: [Code; 6] = [
        Code::PostDatedSource,
        Code::NotedAsAccepted,
        Code::UnknownPledge,
        Code::UnsourcedFact,
        Code::UnproducedNumber,
        Code::UncitedSource,
    ];

    /// The code as written: `post-dated-source`.
    pub fn name(self) -> &'static str {
        match self {
            Code::PostDatedSource => "post-dated-source",
            Code::NotedAsAccepted => "noted-as-accepted",
            Code::UnknownPledge => "unknown-pledge",
            Code::UnsourcedFact => "unsourced-fact",
            Code::UnproducedNumber => "unproduced-number",
            Code::UncitedSource => "uncited-source",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a warning comes from, before it is found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Place {
    /// A field of a dataset file: `sources.toml`, `sources[3].date`.
    Field {
        /// The file's name in the dataset directory.
        file: String,
        /// The field's path.
        field: String,
    },
    /// A citation of `source` made by a `cite` or `citation` in the
    /// template or partial `template`.
    Citation {
        /// The template or partial.
        template: String,
        /// The source's id.
        source: String,
    },
    /// Text printed in the document, to be found where it was written: an
    /// author's paragraph, the template's wording or a dataset file.
    Text {
        /// The text as printed.
        text: String,
    },
}

/// A problem found in a drafted document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// What kind of problem.
    pub code: Code,
    /// What is wrong, naming the source, recommendation or text.
    pub message: String,
    /// How to put it right.
    pub hint: String,
    /// Where it comes from.
    pub at: Place,
    /// A second place worth naming: where a post-dated source was cited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also: Option<Place>,
}

/// What the lint reads.
pub struct Input<'a> {
    /// The dataset the document was drafted from.
    pub dataset: &'a Dataset,
    /// The document's entry in documents.toml, if it has one.
    pub entry: Option<&'a DocumentInfo>,
    /// The document as drafted.
    pub document: &'a Document,
    /// The citations the render made.
    pub citations: &'a [Citation],
    /// The context the template was rendered over.
    pub context: &'a Value,
    /// The template's own wording: its body, partials and messages, as
    /// written (to tell what the template says from what data it prints).
    pub wording: &'a str,
}

impl Input<'_> {
    /// The document's date: the context's, which `--as-of` sets.
    fn date(&self) -> Option<Date> {
        self.context
            .pointer("/document/date")
            .and_then(Value::as_str)
            .and_then(|d| d.parse().ok())
    }

    /// The index of the document's entry in documents.toml.
    fn entry_index(&self) -> Option<usize> {
        let entry = self.entry?;
        self.dataset
            .documents
            .documents
            .iter()
            .position(|d| std::ptr::eq(d, entry))
    }
}

/// Run the checks of a drafted document, in the order of [`Code::ALL`]
/// (`uncited-source` is for the whole dataset: see [`uncited`]).
pub fn lint(input: &Input<'_>) -> Vec<Warning> {
    let units = text::units(input.document);
    let mut out = Vec::new();
    sources::post_dated(input, &mut out);
    claims::responses(input, &units, &mut out);
    claims::pledges(input, &units, &mut out);
    let written = facts::Written::new(input);
    facts::unsourced(&units, &written, &mut out);
    facts::unproduced(input, &units, &written, &mut out);
    out
}
