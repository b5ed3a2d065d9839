//! Cooperation with the Special Procedures: invitations, visits, communications, questionnaires.

use serde::{Deserialize, Serialize};

use crate::Date;

/// Everything in `special-procedures.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct SpecialProcedures {
    /// The standing invitation to all thematic mandates, if one was extended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing_invitation: Option<StandingInvitation>,
    /// Country visits: done, agreed, or requested and not agreed.
    #[serde(default)]
    pub visits: Vec<Visit>,
    /// Communications sent to the State.
    #[serde(default)]
    pub communications: Vec<Communication>,
    /// Questionnaires from mandate holders.
    #[serde(default)]
    pub questionnaires: Vec<Questionnaire>,
}

/// A standing invitation to the thematic Special Procedures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct StandingInvitation {
    /// Whether one is in force.
    pub extended: bool,
    /// Since when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A country visit by a mandate holder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Visit {
    /// The mandate, named as documents name it
    /// ("Special Rapporteur on the rights to freedom of peaceful assembly and of association").
    pub mandate: String,
    /// Done, agreed, or requested and not agreed.
    pub status: VisitStatus,
    /// When the visit was requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested: Option<Date>,
    /// When the State agreed to it: a document dated between this and the
    /// visit sees an agreed visit, not a pending request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed: Option<Date>,
    /// When it took place (or is to take place).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Last day of the visit, if it spanned several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// Source id of the mission report, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// Recommendations of the mission report that documents single out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<crate::BodyRecommendation>,
    /// Whether the mission report's recommendations remain to be
    /// implemented. Letters remind the State of a visit's recommendations
    /// when this is true, or when it is absent and `recommendations` are
    /// given; `false` says they have been acted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outstanding: Option<bool>,
    /// Sources for these facts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// Where a visit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum VisitStatus {
    /// The visit took place.
    Done,
    /// The State agreed to it; it has not yet taken place.
    Agreed,
    /// Requested, and the State has not agreed.
    Requested,
}

/// A communication from Special Procedures to the State.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Communication {
    /// Reference as it appears on the letter ("AL KAZ 2/2024").
    pub reference: String,
    /// Allegation letter, urgent appeal, other letter, or joint forms.
    pub kind: CommunicationKind,
    /// Date sent.
    pub date: Date,
    /// The mandates that signed it.
    pub mandates: Vec<String>,
    /// What it is about.
    pub summary: String,
    /// When the State replied; absent when no reply is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<Date>,
    /// Source id of the communication itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The kinds of Special Procedures communications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum CommunicationKind {
    /// Allegation letter.
    Al,
    /// Urgent appeal.
    Ua,
    /// Other letter (on legislation or policy).
    Ol,
    /// Joint allegation letter.
    Jal,
    /// Joint urgent appeal.
    Jua,
}

impl CommunicationKind {
    /// The kind's name in words ("allegation letter").
    pub fn name(self) -> &'static str {
        match self {
            CommunicationKind::Al => "allegation letter",
            CommunicationKind::Ua => "urgent appeal",
            CommunicationKind::Ol => "other letter",
            CommunicationKind::Jal => "joint allegation letter",
            CommunicationKind::Jua => "joint urgent appeal",
        }
    }

    /// The kind's name as a sentence names one ("a joint allegation
    /// letter", "an urgent appeal", "a letter").
    pub fn name_with_article(self) -> &'static str {
        match self {
            CommunicationKind::Al => "an allegation letter",
            CommunicationKind::Ua => "an urgent appeal",
            CommunicationKind::Ol => "a letter",
            CommunicationKind::Jal => "a joint allegation letter",
            CommunicationKind::Jua => "a joint urgent appeal",
        }
    }
}

/// A questionnaire sent by a mandate holder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Questionnaire {
    /// Mandate that sent it.
    pub mandate: String,
    /// What it was about.
    pub subject: String,
    /// Whether the State replied within the deadline.
    pub replied: bool,
    /// When it was sent or due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}
