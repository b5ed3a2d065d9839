//! Reprisals and intimidation against people who engage with the UN.

use serde::{Deserialize, Serialize};

use crate::Date;

/// One case of reprisal or intimidation (`reprisals.toml`, `[[cases]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct ReprisalCase {
    /// Identifier, unique in the dataset.
    pub id: String,
    /// Reprisal or intimidation.
    pub kind: ReprisalKind,
    /// Who was targeted (a person, a group, an organisation).
    pub who: String,
    /// When it happened (or began).
    pub date: Date,
    /// Until when, if it went on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// Whether it is still going on, as far as the sources tell (a
    /// detention without an end): letters then say "since" its `date`.
    /// Not given with `until`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ongoing: bool,
    /// The engagement with the UN (or with accountability) that drew it.
    pub engagement: String,
    /// What happened.
    pub what: String,
    /// Reference of the Special Procedures communication that raised it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication: Option<String>,
    /// Source ids.
    pub sources: Vec<String>,
}

/// The two categories the Secretary-General's reports on reprisals use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ReprisalKind {
    /// Retaliation for engagement already undertaken.
    Reprisal,
    /// Pressure meant to deter or stop engagement.
    Intimidation,
}
