//! The State a dataset is about, and the officials documents are addressed to.

use serde::{Deserialize, Serialize};

use crate::Date;

/// The State under review or standing for election (`country.toml`, `[country]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// Short English name as UN documents use it ("Kazakhstan").
    pub name: String,
    /// Formal name ("Republic of Kazakhstan").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_name: Option<String>,
    /// ISO 3166-1 alpha-2 code ("KZ").
    pub iso2: String,
    /// ISO 3166-1 alpha-3 code ("KAZ"), as UN document symbols use it.
    pub iso3: String,
    /// Name used for output folders and file names ("kazakhstan"):
    /// lower-case ASCII letters, digits and hyphens.
    pub short_name: String,
    /// The adjective, if templates need it ("Kazakh").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjective: Option<String>,
}

/// An official a document can be addressed to (`country.toml`, `[[addressees]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Addressee {
    /// Identifier documents use to pick this addressee ("minister-2012").
    pub id: String,
    /// The office held.
    pub role: AddresseeRole,
    /// Form of address before the name ("H.E. Mr."), if used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
    /// Full name as it should be printed.
    pub name: String,
    /// Title as printed under the name ("Minister of Foreign Affairs").
    pub title: String,
    /// Ministry or mission, if printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Postal address, one line per entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address: Vec<String>,
    /// Salutation for a letter to this person alone ("Dear Minister,").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salutation: Option<String>,
    /// Date from which the information is known to be current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
}

/// The offices open letters and question sets are sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AddresseeRole {
    /// Minister of Foreign Affairs.
    MinisterOfForeignAffairs,
    /// Permanent Representative to the United Nations in New York.
    PermanentRepresentativeNewYork,
    /// Permanent Representative to the United Nations Office at Geneva.
    PermanentRepresentativeGeneva,
    /// Head of State or Government.
    HeadOfState,
    /// Any other office.
    Other,
}
