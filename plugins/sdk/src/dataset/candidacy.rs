//! Candidacy for the Human Rights Council and the pledges that come with it.

use serde::{Deserialize, Serialize};

use crate::{Date, TreatyId};

/// Everything in `candidacy.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Candidacy {
    /// Date of the General Assembly election.
    pub election: Date,
    /// First year of the membership term.
    pub term_start: u16,
    /// Last year of the membership term.
    pub term_end: u16,
    /// Regional group ("Asia-Pacific States").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regional_group: Option<String>,
    /// The document that carries the pledges.
    pub pledge_document: PledgeDocument,
    /// The pledges, in the order the document gives them.
    #[serde(default)]
    pub pledges: Vec<Pledge>,
}

/// The note verbale or letter with which a candidate submits its pledges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PledgeDocument {
    /// Document symbol ("A/67/122").
    pub symbol: String,
    /// Date of the letter carrying the pledges.
    pub date: Date,
    /// How letters describe it ("the Annex to the letter dated 6 June 2012 from ...").
    pub description: String,
    /// Source id for citing it.
    pub source: String,
}

/// One voluntary pledge or commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pledge {
    /// Identifier, unique in the dataset ("intl-special-procedures").
    pub id: String,
    /// International or national.
    pub level: PledgeLevel,
    /// The pledge, as the pledge document words it (or a faithful summary).
    pub text: String,
    /// What the pledge is about: a treaty, a mechanism, a law, an institution, a policy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<PledgeTarget>,
    /// A deadline the pledge sets, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// A measurable indicator the pledge gives, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Source id (usually the pledge document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Whether a pledge concerns the State's international or national conduct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PledgeLevel {
    /// Commitments at the international level.
    International,
    /// Commitments at the national level.
    National,
}

/// What a pledge targets. Written in TOML as a one-key table: `{ treaty = "OP-CAT" }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum PledgeTarget {
    /// A core instrument.
    Treaty(TreatyId),
    /// A UN mechanism.
    Mechanism(Mechanism),
    /// A law or bill, by name.
    Law(String),
    /// A national institution, by name.
    Institution(String),
    /// A policy or plan, by name.
    Policy(String),
}

/// The UN human rights mechanisms a pledge can concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Mechanism {
    /// The Special Procedures of the Council.
    SpecialProcedures,
    /// The treaty monitoring bodies.
    TreatyBodies,
    /// The Universal Periodic Review.
    Upr,
    /// The Human Rights Council itself.
    HumanRightsCouncil,
    /// The Office of the High Commissioner.
    Ohchr,
}
