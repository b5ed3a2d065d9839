//! The dataset as its files hold it: one type for each TOML file whose
//! tables are not a dataset type already, and the dataset made of them.

use serde::{Deserialize, Serialize};

use super::{
    Addressee, Candidacy, Country, Dataset, Documents, OtherInstrument, PledgingEvent,
    ReprisalCase, Source, SpecialProcedures, TreatyBodyReporting, TreatyStatus, Upr,
};

/// `country.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct CountryFile {
    /// `[country]`.
    pub country: Country,
    /// `[[addressees]]`.
    #[serde(default)]
    pub addressees: Vec<Addressee>,
}

/// `treaties.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct TreatiesFile {
    /// `[[instruments]]`.
    #[serde(default)]
    pub instruments: Vec<TreatyStatus>,
    /// `[[other_instruments]]`.
    #[serde(default)]
    pub other_instruments: Vec<OtherInstrument>,
    /// `[[reporting]]`.
    #[serde(default)]
    pub reporting: Vec<TreatyBodyReporting>,
}

/// `reprisals.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct ReprisalsFile {
    /// `[[cases]]`.
    #[serde(default)]
    pub cases: Vec<ReprisalCase>,
}

/// `sources.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct SourcesFile {
    /// `[[sources]]`.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// Every file of a dataset directory as read, `None` for a file that is
/// not there; only `country.toml` is required.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetFiles {
    /// `country.toml`.
    pub country: CountryFile,
    /// `treaties.toml`.
    pub treaties: Option<TreatiesFile>,
    /// `special-procedures.toml`.
    pub special_procedures: Option<SpecialProcedures>,
    /// `candidacy.toml`.
    pub candidacy: Option<Candidacy>,
    /// `upr.toml`.
    pub upr: Option<Upr>,
    /// `reprisals.toml`.
    pub reprisals: Option<ReprisalsFile>,
    /// `questions.toml`.
    pub questions: Option<PledgingEvent>,
    /// `sources.toml`.
    pub sources: Option<SourcesFile>,
    /// `documents.toml`.
    pub documents: Option<Documents>,
}

impl From<DatasetFiles> for Dataset {
    fn from(f: DatasetFiles) -> Dataset {
        let treaties = f.treaties.unwrap_or_default();
        Dataset {
            country: f.country.country,
            addressees: f.country.addressees,
            treaties: treaties.instruments,
            other_instruments: treaties.other_instruments,
            reporting: treaties.reporting,
            special_procedures: f.special_procedures.unwrap_or_default(),
            candidacy: f.candidacy,
            upr: f.upr.unwrap_or_default(),
            reprisals: f.reprisals.unwrap_or_default().cases,
            pledging_event: f.questions,
            sources: f.sources.unwrap_or_default().sources,
            documents: f.documents.unwrap_or_default(),
        }
    }
}
