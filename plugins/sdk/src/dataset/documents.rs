//! Who writes: the organisation, its signatories and each document's letterhead facts.

use serde::{Deserialize, Serialize};

use crate::Date;

/// Everything in `documents.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Documents {
    /// The organisation drafting the documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// One entry per document to draft.
    #[serde(default)]
    pub documents: Vec<DocumentInfo>,
}

/// The drafting organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// Name ("Amnesty International").
    pub organisation: String,
    /// Postal address lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address: Vec<String>,
    /// Website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The facts of one document that are not in the record: date, references, signatories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    /// The template it is drafted with ("open-letter").
    pub template: String,
    /// Date the document bears.
    pub date: Date,
    /// Reference line ("TG EUR 57/2012.002").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Index number ("EUR 57/005/2012").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
    /// Addressee ids from `country.toml`, in the order printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<String>,
    /// The organisation issuing this document, when not the dataset's `author`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// Who signs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<Signatory>,
    /// Organisations the document is sent on behalf of, if more than the author.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_behalf_of: Vec<String>,
    /// Who receives a copy ("your country's permanent missions in Geneva and New York").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_to: Option<String>,
    /// Language of the document (BCP 47, "en" by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// A person who signs a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Name.
    pub name: String,
    /// Position, one line per entry ("Deputy Programme Director", "Europe and Central Asia Regional Programme").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title: Vec<String>,
    /// Organisation, if printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// E-mail address, if printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}
