//! The country dataset: every fact a document may state, with its source.
//!
//! A dataset is a directory of TOML files, one per topic. Each type here
//! says which file and table it is read from; `docs/dataset.md` describes
//! every field with examples.

mod as_of;
mod candidacy;
mod country;
mod documents;
mod files;
mod questions;
mod reprisals;
mod sources;
mod special_procedures;
mod treaties;
mod upr;

pub use candidacy::*;
pub use country::*;
pub use documents::*;
pub use files::*;
pub use questions::*;
pub use reprisals::*;
pub use sources::*;
pub use special_procedures::*;
pub use treaties::*;
pub use upr::*;

use serde::{Deserialize, Serialize};

/// A whole country dataset, as loaded and validated by the engine.
///
/// This is also the JSON every plugin receives: the field names here are the
/// JSON keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Dataset {
    /// `country.toml`, `[country]`.
    pub country: Country,
    /// `country.toml`, `[[addressees]]`.
    #[serde(default)]
    pub addressees: Vec<Addressee>,
    /// `treaties.toml`, `[[instruments]]`.
    #[serde(default)]
    pub treaties: Vec<TreatyStatus>,
    /// `treaties.toml`, `[[other_instruments]]`: regional and ILO instruments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_instruments: Vec<OtherInstrument>,
    /// `treaties.toml`, `[[reporting]]`.
    #[serde(default)]
    pub reporting: Vec<TreatyBodyReporting>,
    /// `special-procedures.toml`.
    #[serde(default)]
    pub special_procedures: SpecialProcedures,
    /// `candidacy.toml`, if the State is or was a candidate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidacy: Option<Candidacy>,
    /// `upr.toml`.
    #[serde(default)]
    pub upr: Upr,
    /// `reprisals.toml`, `[[cases]]`.
    #[serde(default)]
    pub reprisals: Vec<ReprisalCase>,
    /// `questions.toml`, if there was a pledging event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pledging_event: Option<PledgingEvent>,
    /// `sources.toml`, `[[sources]]`.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// `documents.toml`.
    #[serde(default)]
    pub documents: Documents,
}

/// The parts of a dataset a plugin can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// The country and its addressees.
    Country,
    /// Treaty status and treaty-body reporting.
    Treaties,
    /// Special Procedures.
    SpecialProcedures,
    /// The candidacy and pledges.
    Candidacy,
    /// The UPR, its recommendations and assessments.
    Upr,
    /// Reprisal and intimidation cases.
    Reprisals,
    /// The pledging event and its questions.
    Questions,
    /// Sources.
    Sources,
    /// The drafting organisation and document facts.
    Documents,
}

impl Section {
    /// The file a section is read from.
    pub fn file_name(self) -> &'static str {
        match self {
            Section::Country => "country.toml",
            Section::Treaties => "treaties.toml",
            Section::SpecialProcedures => "special-procedures.toml",
            Section::Candidacy => "candidacy.toml",
            Section::Upr => "upr.toml",
            Section::Reprisals => "reprisals.toml",
            Section::Questions => "questions.toml",
            Section::Sources => "sources.toml",
            Section::Documents => "documents.toml",
        }
    }
}

impl Dataset {
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The stakeholder with this abbreviation.
    pub fn stakeholder(&self, abbreviation: &str) -> Option<&Stakeholder> {
        self.upr
            .stakeholders
            .iter()
            .find(|s| s.abbreviation == abbreviation)
    }

    /// The status entry for a treaty, if the dataset records one.
    pub fn treaty(&self, treaty: TreatyId) -> Option<&TreatyStatus> {
        self.treaties.iter().find(|t| t.treaty == treaty)
    }

    /// The instrument outside the core ones with this id.
    pub fn other_instrument(&self, id: &str) -> Option<&OtherInstrument> {
        self.other_instruments.iter().find(|t| t.id == id)
    }

    /// The addressee with this id.
    pub fn addressee(&self, id: &str) -> Option<&Addressee> {
        self.addressees.iter().find(|a| a.id == id)
    }

    /// The recommendations of one cycle, in their running order.
    pub fn recommendations(&self, cycle: u32) -> impl Iterator<Item = &Recommendation> {
        self.upr
            .recommendations
            .iter()
            .filter(move |r| r.cycle == cycle)
    }

    /// The latest cycle, if any.
    pub fn latest_cycle(&self) -> Option<&Cycle> {
        self.upr.cycles.iter().max_by_key(|c| c.number)
    }

    /// The document facts for a template, if the dataset has them.
    pub fn document(&self, template: &str) -> Option<&DocumentInfo> {
        self.documents
            .documents
            .iter()
            .find(|d| d.template == template)
    }
}
