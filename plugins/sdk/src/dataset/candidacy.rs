//! Candidacy for the Human Rights Council and the pledges that come with it.

use serde::{Deserialize, Serialize};

use crate::{Date, TreatyId};

/// Everything in `candidacy.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
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
    /// The terms the State has served on the Council before, earliest
    /// first. A term that ends the year before `term_start` makes the
    /// candidacy one for re-election.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous_terms: Vec<Term>,
    /// The document that carries the pledges. Absent when the State has
    /// submitted none: letters then regret it and urge it to submit them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pledge_document: Option<PledgeDocument>,
    /// The pledges, in the order the document gives them.
    #[serde(default)]
    pub pledges: Vec<Pledge>,
}

impl Candidacy {
    /// Whether the State has submitted pledges at all.
    pub fn pledged(&self) -> bool {
        self.pledge_document.is_some() || !self.pledges.is_empty()
    }

    /// Whether the State stands for re-election: it is a member whose term
    /// ends just before the one it stands for begins ([`Term::next_start`]).
    pub fn re_election(&self) -> bool {
        self.current_term().is_some()
    }

    /// The term the State is serving when it stands again, if it is a member.
    pub fn current_term(&self) -> Option<&Term> {
        self.previous_terms
            .iter()
            .find(|t| t.next_start() == self.term_start)
    }
}

/// A term of membership of the Council, written as UN documents write it,
/// from the year it begins to the year it ends ("2008-2011"). Terms begun
/// from 2006 to 2011 began in June and were written as three years (the
/// first members, elected in 2006, drew lots for terms ending in 2007, 2008
/// or 2009); those that ended by 2011 ended in June. General Assembly
/// resolution 65/281 moved the Council to calendar years: the terms then
/// running (begun from 2009 to 2011) ended on 31 December of their last
/// year (2012, 2013, 2014), and terms begun since 2013 run three calendar
/// years ("2013-2015").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Term {
    /// First year of the term.
    pub start: u16,
    /// Last year of the term.
    pub end: u16,
}

impl Term {
    /// The year a term following this one without a break begins: the year
    /// this one ends, for a term that ended in June (by 2011), else the
    /// next ("2008-2011" then "2011-2014"; "2011-2014" then "2015-2017").
    pub fn next_start(&self) -> u16 {
        if self.end <= 2011 {
            self.end
        } else {
            self.end.saturating_add(1)
        }
    }

    /// Whether the term is as long as a term begun in its year ran.
    pub fn has_a_term_length(&self) -> bool {
        let years = self.end.checked_sub(self.start);
        match self.start {
            2006 => matches!(years, Some(1..=3)),
            2007..=2011 => years == Some(3),
            2012 => false,
            _ => years == Some(2),
        }
    }
}

/// The note verbale or letter with which a candidate submits its pledges.
///
/// Letters describe it from its parts: "the Annex to the note verbale dated
/// 10 July 2012 from the Permanent Mission of … to the United Nations
/// addressed to the President of the General Assembly". A document without
/// a UN `symbol` was not circulated by the United Nations (pledges handed to
/// organisations, or published by the State alone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct PledgeDocument {
    /// A note verbale (from the Permanent Mission) or a letter (from the
    /// Permanent Representative); "letter" when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PledgeDocumentKind>,
    /// To whom it is addressed; the President of the General Assembly when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressed_to: Option<PledgeAddressee>,
    /// Whether the pledges are in an annex or an appendix to it (absent:
    /// in the document itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
    /// UN document symbol ("A/67/122"); absent when the pledges are not in a UN document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// Date of the note verbale or letter.
    pub date: Date,
    /// How letters describe it, when the parts above cannot say it
    /// ("the pledges your Ministry shared with us on 3 September 2012").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Source id for citing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl PledgeDocument {
    /// Whether the pledges were circulated as a UN document.
    pub fn un_document(&self) -> bool {
        self.symbol.is_some()
    }
}

/// What kind of document carries the pledges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PledgeDocumentKind {
    /// A note verbale from the Permanent Mission.
    NoteVerbale,
    /// A letter from the Permanent Representative.
    Letter,
}

/// The UN office a pledge document is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PledgeAddressee {
    /// The President of the General Assembly.
    PresidentOfTheGeneralAssembly,
    /// The Secretary-General.
    SecretaryGeneral,
}

/// Where in the document the pledges are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Attachment {
    /// "the Annex to the letter …".
    Annex,
    /// "the Appendix to the note verbale …".
    Appendix,
}

/// One voluntary pledge or commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Pledge {
    /// Identifier, unique in the dataset ("intl-special-procedures").
    pub id: String,
    /// International or national.
    pub level: PledgeLevel,
    /// The pledge, as the pledge document words it (or a faithful summary).
    /// Letters quote it when no `clause` is given.
    pub text: String,
    /// What letters call it: a pledge (the default), a commitment, an
    /// intention or a statement ("We note your intention to …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub called: Option<PledgeNoun>,
    /// The pledge as running text continues "We note your pledge …": "to
    /// promote the effective implementation of the mandates of the Special
    /// Procedures", "that, if elected, you will enhance …". Written as the
    /// letter should print it; nothing in it is changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
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
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub enum PledgeTarget {
    /// A core instrument.
    Treaty(TreatyId),
    /// Another instrument, by its id in `treaties.toml` `[[other_instruments]]`
    /// (a regional treaty, an ILO convention).
    Instrument(String),
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

/// What letters call a pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PledgeNoun {
    /// "your pledge".
    Pledge,
    /// "your commitment".
    Commitment,
    /// "your intention".
    Intention,
    /// "your statement".
    Statement,
}

impl PledgeNoun {
    /// The English noun ("commitment").
    pub fn word(self) -> &'static str {
        match self {
            PledgeNoun::Pledge => "pledge",
            PledgeNoun::Commitment => "commitment",
            PledgeNoun::Intention => "intention",
            PledgeNoun::Statement => "statement",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidacy(previous: &[(u16, u16)]) -> Candidacy {
        serde_json::from_value(serde_json::json!({
            "election": "2023-10-10", "term_start": 2024, "term_end": 2026,
            "previous_terms": previous.iter().map(|(s, e)| serde_json::json!({ "start": s, "end": e })).collect::<Vec<_>>(),
        }))
        .unwrap()
    }

    #[test]
    fn a_member_whose_term_ends_the_year_before_stands_for_re_election() {
        let member = candidacy(&[(2021, 2023)]);
        assert!(member.re_election());
        assert_eq!(
            member.current_term(),
            Some(&Term {
                start: 2021,
                end: 2023
            })
        );
        // A State that served earlier, with a gap, stands for election.
        assert!(!candidacy(&[(2017, 2019)]).re_election());
        assert!(!candidacy(&[]).re_election());
    }

    #[test]
    fn terms_begun_before_2012_ran_from_june_to_june() {
        // Elected in 2008 for 2008-2011, standing in May 2011 for
        // 2011-2014: a member standing again.
        let mut c = candidacy(&[(2008, 2011)]);
        c.term_start = 2011;
        c.term_end = 2014;
        assert!(c.re_election());
        let term = |start, end| Term { start, end };
        assert_eq!(term(2008, 2011).next_start(), 2011);
        // Terms then running ended on 31 December (resolution 65/281).
        assert_eq!(term(2010, 2013).next_start(), 2014);
        assert_eq!(term(2011, 2014).next_start(), 2015);
        assert_eq!(term(2016, 2018).next_start(), 2019);
        for (start, end) in [
            (2006, 2007),
            (2006, 2009),
            (2008, 2011),
            (2011, 2014),
            (2013, 2015),
        ] {
            assert!(term(start, end).has_a_term_length(), "{start}-{end}");
        }
        for (start, end) in [
            (2006, 2010),
            (2008, 2010),
            (2012, 2014),
            (2013, 2016),
            (2016, 2019),
        ] {
            assert!(!term(start, end).has_a_term_length(), "{start}-{end}");
        }
    }
}
