//! The pledging event for Council candidates and the questions raised at it.

use serde::{Deserialize, Serialize};

use crate::Date;

/// Everything in `questions.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct PledgingEvent {
    /// Date the event was held.
    pub date: Date,
    /// Organisations that held it.
    pub organisers: Vec<String>,
    /// How it was held ("online", "in Geneva").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// First year of the membership term the candidates stand for.
    pub term_start: u16,
    /// Last year of that term.
    pub term_end: u16,
    /// Attendance in words ("over 200 online attendees").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<String>,
    /// Whether the State took part.
    pub participated: bool,
    /// Whether the State, invited, declined to take part; without it a
    /// State that did not take part is said only not to have.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub declined: bool,
    /// Where the questions and answers will be published ("ISHR's website").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_on: Option<String>,
    /// Date by which replies are asked for.
    pub reply_by: Date,
    /// Who replies go to.
    pub contact: Contact,
    /// The questions.
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// A person to write to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Contact {
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
}

/// A question put at the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Question {
    /// Who asked ("Human Rights Watch", "Permanent Mission of France to the United Nations").
    pub asker: String,
    /// Whether it was put to this State or to all candidates.
    pub to: QuestionAddressee,
    /// The question as asked.
    pub text: String,
    /// Whether the State's representatives answered it at the event: the
    /// letter then sends only the questions that remained unanswered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answered: bool,
}

/// Whom a question is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum QuestionAddressee {
    /// This State specifically.
    State,
    /// All candidate States.
    All,
}
