//! Ratification status of the core human rights instruments and treaty-body reporting.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Date;

/// The 18 core international human rights instruments and optional protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[allow(missing_docs)] // The identifiers are the instruments' usual abbreviations.
pub enum TreatyId {
    #[serde(rename = "ICERD")]
    Icerd,
    #[serde(rename = "ICESCR")]
    Icescr,
    #[serde(rename = "OP-ICESCR")]
    OpIcescr,
    #[serde(rename = "ICCPR")]
    Iccpr,
    #[serde(rename = "ICCPR-OP1")]
    IccprOp1,
    #[serde(rename = "ICCPR-OP2")]
    IccprOp2,
    #[serde(rename = "CEDAW")]
    Cedaw,
    #[serde(rename = "OP-CEDAW")]
    OpCedaw,
    #[serde(rename = "CAT")]
    Cat,
    #[serde(rename = "OP-CAT")]
    OpCat,
    #[serde(rename = "CRC")]
    Crc,
    #[serde(rename = "OP-CRC-AC")]
    OpCrcAc,
    #[serde(rename = "OP-CRC-SC")]
    OpCrcSc,
    #[serde(rename = "OP-CRC-IC")]
    OpCrcIc,
    #[serde(rename = "ICRMW")]
    Icrmw,
    #[serde(rename = "CRPD")]
    Crpd,
    #[serde(rename = "OP-CRPD")]
    OpCrpd,
    #[serde(rename = "CED")]
    Ced,
}

impl TreatyId {
    /// Every instrument, in the order OHCHR lists them.
    pub const ALL: [TreatyId; 18] = [
        TreatyId::Icerd,
        TreatyId::Icescr,
        TreatyId::OpIcescr,
        TreatyId::Iccpr,
        TreatyId::IccprOp1,
        TreatyId::IccprOp2,
        TreatyId::Cedaw,
        TreatyId::OpCedaw,
        TreatyId::Cat,
        TreatyId::OpCat,
        TreatyId::Crc,
        TreatyId::OpCrcAc,
        TreatyId::OpCrcSc,
        TreatyId::OpCrcIc,
        TreatyId::Icrmw,
        TreatyId::Crpd,
        TreatyId::OpCrpd,
        TreatyId::Ced,
    ];

    /// The abbreviation used in datasets ("ICCPR-OP2").
    pub fn code(self) -> &'static str {
        match self {
            TreatyId::Icerd => "ICERD",
            TreatyId::Icescr => "ICESCR",
            TreatyId::OpIcescr => "OP-ICESCR",
            TreatyId::Iccpr => "ICCPR",
            TreatyId::IccprOp1 => "ICCPR-OP1",
            TreatyId::IccprOp2 => "ICCPR-OP2",
            TreatyId::Cedaw => "CEDAW",
            TreatyId::OpCedaw => "OP-CEDAW",
            TreatyId::Cat => "CAT",
            TreatyId::OpCat => "OP-CAT",
            TreatyId::Crc => "CRC",
            TreatyId::OpCrcAc => "OP-CRC-AC",
            TreatyId::OpCrcSc => "OP-CRC-SC",
            TreatyId::OpCrcIc => "OP-CRC-IC",
            TreatyId::Icrmw => "ICRMW",
            TreatyId::Crpd => "CRPD",
            TreatyId::OpCrpd => "OP-CRPD",
            TreatyId::Ced => "CED",
        }
    }

    /// The day the instrument was opened for signature (United Nations
    /// Treaty Collection, chapter IV): before it, no State could sign,
    /// ratify or accede to it, and a letter of that time cannot urge it.
    pub fn opened(self) -> Date {
        let (year, month, day) = match self {
            TreatyId::Icerd => (1966, 3, 7),
            TreatyId::Icescr | TreatyId::Iccpr | TreatyId::IccprOp1 => (1966, 12, 19),
            TreatyId::OpIcescr => (2009, 9, 24),
            TreatyId::IccprOp2 => (1989, 12, 15),
            TreatyId::Cedaw => (1980, 3, 1),
            TreatyId::OpCedaw => (1999, 12, 10),
            TreatyId::Cat => (1985, 2, 4),
            TreatyId::OpCat => (2003, 2, 4),
            TreatyId::Crc => (1990, 1, 26),
            TreatyId::OpCrcAc | TreatyId::OpCrcSc => (2000, 6, 5),
            TreatyId::OpCrcIc => (2012, 2, 28),
            TreatyId::Icrmw => (1990, 12, 18),
            TreatyId::Crpd | TreatyId::OpCrpd => (2007, 3, 30),
            TreatyId::Ced => (2007, 2, 6),
        };
        Date {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Whether the instrument was open for signature on `date` (any
    /// instrument when there is no date). A date given to the month or
    /// year only counts if the instrument was open by its last day.
    pub fn open_on(self, date: Option<&Date>) -> bool {
        date.is_none_or(|d| {
            let last = Date {
                year: d.year,
                month: Some(d.month.unwrap_or(12)),
                day: Some(d.day.unwrap_or(31)),
            };
            self.opened() <= last
        })
    }

    /// The instrument's full English title, as letters name it.
    pub fn title(self) -> &'static str {
        match self {
            TreatyId::Icerd => {
                "International Convention on the Elimination of All Forms of Racial Discrimination"
            }
            TreatyId::Icescr => "International Covenant on Economic, Social and Cultural Rights",
            TreatyId::OpIcescr => {
                "Optional Protocol to the International Covenant on Economic, Social and Cultural Rights"
            }
            TreatyId::Iccpr => "International Covenant on Civil and Political Rights",
            TreatyId::IccprOp1 => {
                "Optional Protocol to the International Covenant on Civil and Political Rights"
            }
            TreatyId::IccprOp2 => {
                "Second Optional Protocol to the International Covenant on Civil and Political Rights, aiming at the abolition of the death penalty"
            }
            TreatyId::Cedaw => {
                "Convention on the Elimination of All Forms of Discrimination against Women"
            }
            TreatyId::OpCedaw => {
                "Optional Protocol to the Convention on the Elimination of All Forms of Discrimination against Women"
            }
            TreatyId::Cat => {
                "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment"
            }
            TreatyId::OpCat => "Optional Protocol to the Convention against Torture",
            TreatyId::Crc => "Convention on the Rights of the Child",
            TreatyId::OpCrcAc => {
                "Optional Protocol to the Convention on the Rights of the Child on the involvement of children in armed conflict"
            }
            TreatyId::OpCrcSc => {
                "Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography"
            }
            TreatyId::OpCrcIc => {
                "Optional Protocol to the Convention on the Rights of the Child on a communications procedure"
            }
            TreatyId::Icrmw => {
                "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families"
            }
            TreatyId::Crpd => "Convention on the Rights of Persons with Disabilities",
            TreatyId::OpCrpd => {
                "Optional Protocol to the Convention on the Rights of Persons with Disabilities"
            }
            TreatyId::Ced => {
                "International Convention for the Protection of All Persons from Enforced Disappearance"
            }
        }
    }

    /// The treaty a State must have ratified or acceded to before it can
    /// ratify or accede to this protocol, as the protocol's final clauses
    /// say; `None` for a treaty, and for the Convention on the Rights of the
    /// Child's protocols, which its signatories (and, for the third, the
    /// parties to the first two) may join too.
    pub fn requires(self) -> Option<TreatyId> {
        match self {
            TreatyId::OpIcescr => Some(TreatyId::Icescr),
            TreatyId::IccprOp1 | TreatyId::IccprOp2 => Some(TreatyId::Iccpr),
            TreatyId::OpCedaw => Some(TreatyId::Cedaw),
            TreatyId::OpCat => Some(TreatyId::Cat),
            TreatyId::OpCrpd => Some(TreatyId::Crpd),
            _ => None,
        }
    }

    /// The committee that monitors the instrument.
    pub fn body(self) -> TreatyBody {
        match self {
            TreatyId::Icerd => TreatyBody::Cerd,
            TreatyId::Icescr | TreatyId::OpIcescr => TreatyBody::Cescr,
            TreatyId::Iccpr | TreatyId::IccprOp1 | TreatyId::IccprOp2 => TreatyBody::Ccpr,
            TreatyId::Cedaw | TreatyId::OpCedaw => TreatyBody::Cedaw,
            TreatyId::Cat => TreatyBody::Cat,
            TreatyId::OpCat => TreatyBody::Spt,
            TreatyId::Crc | TreatyId::OpCrcAc | TreatyId::OpCrcSc | TreatyId::OpCrcIc => {
                TreatyBody::Crc
            }
            TreatyId::Icrmw => TreatyBody::Cmw,
            TreatyId::Crpd | TreatyId::OpCrpd => TreatyBody::Crpd,
            TreatyId::Ced => TreatyBody::Ced,
        }
    }
}

impl fmt::Display for TreatyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The treaty bodies (committees) that monitor the instruments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)] // The identifiers are the committees' usual abbreviations.
pub enum TreatyBody {
    Cerd,
    Cescr,
    /// The Human Rights Committee.
    Ccpr,
    Cedaw,
    Cat,
    /// The Subcommittee on Prevention of Torture.
    Spt,
    Crc,
    Cmw,
    Crpd,
    Ced,
}

impl TreatyBody {
    /// The committee's English name ("Human Rights Committee").
    pub fn name(self) -> &'static str {
        match self {
            TreatyBody::Cerd => "Committee on the Elimination of Racial Discrimination",
            TreatyBody::Cescr => "Committee on Economic, Social and Cultural Rights",
            TreatyBody::Ccpr => "Human Rights Committee",
            TreatyBody::Cedaw => "Committee on the Elimination of Discrimination against Women",
            TreatyBody::Cat => "Committee against Torture",
            TreatyBody::Spt => "Subcommittee on Prevention of Torture",
            TreatyBody::Crc => "Committee on the Rights of the Child",
            TreatyBody::Cmw => "Committee on Migrant Workers",
            TreatyBody::Crpd => "Committee on the Rights of Persons with Disabilities",
            TreatyBody::Ced => "Committee on Enforced Disappearances",
        }
    }
}

/// Where a State stands with one instrument (`treaties.toml`, `[[instruments]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct TreatyStatus {
    /// Which instrument.
    pub treaty: TreatyId,
    /// Party, signatory only, or no action.
    pub status: RatificationStatus,
    /// Date of signature, if signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Date>,
    /// Date of ratification or accession, if a party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratified: Option<Date>,
    /// True when the State became a party by accession rather than ratification.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accession: bool,
    /// Declarations and reservations, as the compilation summarises them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reservations: Vec<String>,
    /// Whether the State accepts individual complaints (unknown or not applicable when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub individual_complaints: Option<bool>,
    /// Whether the State accepts the inquiry procedure (unknown or not applicable when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inquiry_procedure: Option<bool>,
    /// Sources for these facts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// How far a State has gone with an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RatificationStatus {
    /// Ratified or acceded: bound by the instrument.
    Party,
    /// Signed but not ratified.
    Signatory,
    /// Neither signed nor ratified.
    NoAction,
}

/// A State's reporting to one treaty body (`treaties.toml`, `[[reporting]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct TreatyBodyReporting {
    /// Which committee.
    pub body: TreatyBody,
    /// The latest report the State submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_report: Option<StateReport>,
    /// The committee's latest concluding observations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concluding_observations: Option<ConcludingObservations>,
    /// Its earlier concluding observations, for documents dated before the
    /// latest: a document sees the latest adopted by its date
    /// ([`crate::Dataset::known_on`]), so that recording the committee's
    /// newest does not take the older from an older letter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_observations: Vec<ConcludingObservations>,
    /// Reports that are due and not submitted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overdue: Vec<OverdueReport>,
    /// Follow-up information the committee asked for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_up: Vec<FollowUpRequest>,
}

/// A periodic report submitted by the State.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct StateReport {
    /// Which report ("initial", "second", "third to fifth").
    pub report: String,
    /// Document symbol, if known ("CAT/C/KAZ/2").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// Date submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<Date>,
    /// Date the committee considered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub considered: Option<Date>,
}

/// A committee's concluding observations on a State.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct ConcludingObservations {
    /// Document symbol ("CCPR/C/KAZ/CO/1").
    pub symbol: String,
    /// Date adopted.
    pub date: Date,
    /// Source id for citing them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Recommendations in them that documents single out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<BodyRecommendation>,
}

/// One recommendation of a treaty body or Special Procedure that a document may urge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct BodyRecommendation {
    /// Paragraph or recommendation number ("8", "para 9").
    pub paragraph: String,
    /// What it asks, in words a letter can use ("promptly implement effective legal safeguards for detention").
    pub summary: String,
    /// Source id for citing it (defaults to the observations' source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A report the State owes and has not submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct OverdueReport {
    /// Which report ("second periodic").
    pub report: String,
    /// The optional protocol the report is due under, when it is not the
    /// convention's own ("OP-CRC-SC" for an initial report under the
    /// Protocol on the sale of children); its committee is the entry's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under: Option<TreatyId>,
    /// When it was due.
    pub due: Date,
    /// When it was finally submitted, if it has been: a document dated
    /// before then still sees it overdue, one dated after it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<Date>,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl OverdueReport {
    /// Whether it is still overdue: not yet submitted (as far as the
    /// dataset, as known on a document's date, tells).
    pub fn outstanding(&self) -> bool {
        self.submitted.is_none()
    }
}

/// A committee's request for follow-up information.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct FollowUpRequest {
    /// What the follow-up concerns ("paras 8, 11 and 17").
    pub subject: String,
    /// When the information was due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// When the State replied; absent when it has not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replied: Option<Date>,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// An instrument outside the 18 core ones that letters take up: a regional
/// treaty, an ILO convention (`treaties.toml`, `[[other_instruments]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct OtherInstrument {
    /// Identifier pledges and documents refer to it by ("istanbul-convention").
    pub id: String,
    /// Its title as letters name it ("Council of Europe Convention on
    /// preventing and combating violence against women and domestic violence").
    pub title: String,
    /// Regional, ILO or other.
    pub kind: OtherInstrumentKind,
    /// Party, signatory only, or no action.
    pub status: RatificationStatus,
    /// Date of signature, if signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Date>,
    /// Date of ratification or accession, if a party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratified: Option<Date>,
    /// Date the State's denunciation (withdrawal) took effect, if it has
    /// withdrawn: it is bound no longer. `status` and the dates above say
    /// where it stood before ("party", ratified in 1977).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denounced: Option<Date>,
    /// Sources for these facts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl OtherInstrument {
    /// Whether the State is bound by it: a party that has not withdrawn.
    pub fn bound(&self) -> bool {
        self.status == RatificationStatus::Party && self.denounced.is_none()
    }
}

/// What system an instrument outside the core ones belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum OtherInstrumentKind {
    /// A regional human rights treaty.
    Regional,
    /// An International Labour Organization convention.
    Ilo,
    /// Any other instrument.
    Other,
}

impl RatificationStatus {
    /// Where a State stood on `date` with an instrument now in this status,
    /// given when it signed and ratified: a later ratification leaves it a
    /// signatory (or nothing) on that date.
    pub fn as_of(
        self,
        signed: Option<&Date>,
        ratified: Option<&Date>,
        date: Option<&Date>,
    ) -> RatificationStatus {
        let Some(date) = date else { return self };
        let after = |d: Option<&Date>| d.is_some_and(|d| d > date);
        match self {
            RatificationStatus::Party if after(ratified) => {
                if signed.is_some() && !after(signed) {
                    RatificationStatus::Signatory
                } else {
                    RatificationStatus::NoAction
                }
            }
            RatificationStatus::Signatory if after(signed) => RatificationStatus::NoAction,
            s => s,
        }
    }
}
