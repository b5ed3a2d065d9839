//! The Universal Periodic Review: cycles, recommendations and stakeholder assessments.

use serde::{Deserialize, Serialize};

use crate::Date;

/// Everything in `upr.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Upr {
    /// The review cycles.
    #[serde(default)]
    pub cycles: Vec<Cycle>,
    /// Everyone whose assessments the dataset records.
    #[serde(default)]
    pub stakeholders: Vec<Stakeholder>,
    /// Recommendations received, of every cycle.
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    /// The sections an assessment report (the MIA) sets recommendations
    /// in, in order, each with the issues that fall in it. Empty: UPR
    /// Info's sections and order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
}

/// A section of an assessment report ("CP Rights") and the issues it takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Theme {
    /// The section's heading, as recommendations' `theme` names it.
    pub name: String,
    /// The issues (as recommendations' `issues` name them) whose
    /// recommendations fall in this section when they name no `theme`.
    #[serde(default)]
    pub issues: Vec<String>,
}

/// One review of the State.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Cycle {
    /// Cycle number (1 for the first review).
    pub number: u32,
    /// Session of the UPR Working Group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<u32>,
    /// Date of the review in the Working Group.
    pub review_date: Date,
    /// Source id of the Working Group report (A/HRC/14/10).
    pub report: String,
    /// Source id of the addendum with the State's responses, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addendum: Option<String>,
    /// Date the Council adopted the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adoption_date: Option<Date>,
    /// The mid-term follow-up of this cycle, if one was done: its first
    /// assessment round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
    /// Later assessment rounds of this cycle (`[[cycles.rounds]]`), after
    /// the mid-term `follow_up`, in date order; each has an `id` that
    /// assessments name in their `round`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<FollowUp>,
}

/// The id of a cycle's mid-term round (its `follow_up`) when it names none;
/// an assessment without a `round` belongs to that round.
pub const MID_TERM: &str = "mid-term";

impl Cycle {
    /// The id of the first (mid-term) round.
    pub fn first_round(&self) -> &str {
        self.follow_up
            .as_ref()
            .and_then(|f| f.id.as_deref())
            .unwrap_or(MID_TERM)
    }

    /// The assessment rounds in date order, each with its id: the mid-term
    /// `follow_up` (when there is one), then the later `rounds` (a later
    /// round without an id, which `check` refuses, has the empty id).
    pub fn assessment_rounds(&self) -> Vec<(&str, &FollowUp)> {
        let mut out = Vec::with_capacity(1 + self.rounds.len());
        if let Some(f) = &self.follow_up {
            out.push((self.first_round(), f));
        }
        for r in &self.rounds {
            out.push((r.id.as_deref().unwrap_or(""), r));
        }
        out
    }

    /// The id of the latest round: the one whose assessments make the
    /// index now.
    pub fn latest_round(&self) -> &str {
        match self.rounds.last() {
            Some(r) => r.id.as_deref().unwrap_or(""),
            None => self.first_round(),
        }
    }

    /// The round an assessment of this cycle belongs to.
    pub fn round_of<'a>(&'a self, a: &'a Assessment) -> &'a str {
        a.round.as_deref().unwrap_or(self.first_round())
    }
}

/// How a mid-term follow-up collected its assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct FollowUp {
    /// The round's id, which assessments name in their `round`: required
    /// for a later round; the mid-term round's is "mid-term" unless given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What a report calls the round ("follow-up assessment"); by default
    /// "mid-term assessment" for the first and "follow-up assessment" for
    /// later ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Date of the assessment.
    pub date: Date,
    /// Place of publication ("Geneva").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Where the data are published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Source id of the published assessment, for citing its findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Stakeholders' reports submitted for the review.
    pub stakeholder_reports: u32,
    /// NGOs contacted.
    pub ngos_contacted: u32,
    /// NGOs that responded.
    pub ngos_responded: u32,
    /// UN agencies contacted.
    pub un_agencies_contacted: u32,
    /// UN agencies that responded.
    pub un_agencies_responded: u32,
    /// Whether the State's permanent mission was contacted.
    pub state_contacted: bool,
    /// Whether the State took part.
    pub state_participated: bool,
    /// A note on the State's participation (the MIA's footnote on the Russian report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_note: Option<String>,
    /// Whether a national human rights institution was contacted.
    pub nhri_contacted: bool,
    /// Whether it responded.
    pub nhri_responded: bool,
}

/// A stakeholder that assesses implementation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Stakeholder {
    /// Abbreviation, unique in the dataset ("KIHRRLC"); assessments refer to it.
    pub abbreviation: String,
    /// Full name.
    pub name: String,
    /// What kind of stakeholder it is.
    pub kind: StakeholderKind,
}

/// Kinds of stakeholder, as the MIA methodology distinguishes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum StakeholderKind {
    /// The State under review.
    State,
    /// A non-governmental organisation.
    Ngo,
    /// A national human rights institution.
    Nhri,
    /// A UN agency.
    UnAgency,
}

/// A recommendation received at a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Recommendation {
    /// Running number, unique within the cycle (the MIA's "Recommendation nº").
    pub number: u32,
    /// The cycle it was made in.
    pub cycle: u32,
    /// Paragraph in the Working Group report or its addendum ("95.42"), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    /// The recommendation's text.
    pub text: String,
    /// The State that made it.
    pub recommending_state: String,
    /// How the State under review responded.
    pub response: Response,
    /// Source id of the document in which the State gave that response, when
    /// it is not the Working Group report (e.g. the addendum, for
    /// recommendations it took time to consider).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_source: Option<String>,
    /// Issues it concerns, as the UPR Info database names them.
    #[serde(default)]
    pub issues: Vec<String>,
    /// UPR Info action category, 1 (minimal action) to 5 (specific action).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_category: Option<u8>,
    /// The thematic section an assessment report puts it in ("CP Rights").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Stakeholders' assessments of its implementation.
    #[serde(default)]
    pub assessments: Vec<Assessment>,
}

/// The State's response to a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    /// Accepted (supported): `"supported"`, as the UN's documents say from
    /// the second cycle on, is read as the same.
    #[serde(alias = "supported")]
    Accepted,
    /// Noted (not supported; "rejected" in older documents).
    Noted,
    /// Not yet answered: the State said it would respond later (in the
    /// review's addendum), and a document dated before then sees the
    /// recommendation made but not answered ([`crate::Dataset::known_on`]
    /// makes a response given in a later document so).
    Pending,
}

/// One stakeholder's assessment of one recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Assessment {
    /// The stakeholder's abbreviation.
    pub stakeholder: String,
    /// The id of the assessment round it was given in (a round of the
    /// recommendation's cycle); absent: the cycle's mid-term round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// How far the stakeholder finds it implemented. Absent when the
    /// assessment states no level and none was assigned; it then does not
    /// count towards the recommendation's index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<ImplementationLevel>,
    /// The stakeholder's comment; paragraphs separated by blank lines.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// Implementation levels of the Implementation Recommendation Index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ImplementationLevel {
    /// Not implemented (score 0).
    Not,
    /// Partially implemented (score 0.5).
    Partially,
    /// Fully implemented (score 1).
    Fully,
}

impl ImplementationLevel {
    /// The score an assessment at this level contributes: 0, 0.5 or 1.
    pub fn score(self) -> f64 {
        match self {
            ImplementationLevel::Not => 0.0,
            ImplementationLevel::Partially => 0.5,
            ImplementationLevel::Fully => 1.0,
        }
    }

    /// The level a mean score falls in, by the MIA's bands (0-0.32, 0.33-0.65, 0.66-1).
    ///
    /// The published bands leave gaps (0.32-0.33, 0.65-0.66); they are closed
    /// at the lower edge of the next band: a score below 0.33 is "not", below
    /// 0.66 "partially", and anything else "fully". Means of halves and ones
    /// over a few assessments never fall in the gaps' interior except for
    /// thirds (1/3 = 0.333… is "partially", 2/3 = 0.666… is "fully").
    pub fn from_score(score: f64) -> ImplementationLevel {
        if score < 0.33 {
            ImplementationLevel::Not
        } else if score < 0.66 {
            ImplementationLevel::Partially
        } else {
            ImplementationLevel::Fully
        }
    }

    /// The words the MIA uses ("partially implemented").
    pub fn words(self) -> &'static str {
        match self {
            ImplementationLevel::Not => "not implemented",
            ImplementationLevel::Partially => "partially implemented",
            ImplementationLevel::Fully => "fully implemented",
        }
    }
}

impl Upr {
    /// Whether an assessment belongs to the latest round of its
    /// recommendation's cycle, the round whose levels make the index now.
    /// Always true in a cycle with one round.
    pub fn is_current(&self, rec: &Recommendation, a: &Assessment) -> bool {
        match self.cycles.iter().find(|c| c.number == rec.cycle) {
            Some(c) if !c.rounds.is_empty() => c.round_of(a) == c.latest_round(),
            _ => true,
        }
    }
}

impl Recommendation {
    /// The Implementation Recommendation Index: the mean score of the
    /// assessments that state a level, or `None` when none does.
    pub fn iri_score(&self, include_state: impl Fn(&Assessment) -> bool) -> Option<f64> {
        let scores: Vec<f64> = self
            .assessments
            .iter()
            .filter(|a| include_state(a))
            .filter_map(|a| a.level.map(ImplementationLevel::score))
            .collect();
        if scores.is_empty() {
            None
        } else {
            Some(scores.iter().sum::<f64>() / scores.len() as f64)
        }
    }
}
