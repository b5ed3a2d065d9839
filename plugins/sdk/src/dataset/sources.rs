//! The documents facts are cited from.

use serde::{Deserialize, Serialize};

use crate::Date;

/// A citable document (`sources.toml`, `[[sources]]`).
///
/// Citations are formatted from these fields the way the seed letters do:
/// "Report of the Working Group on the Universal Periodic Review, Kazakhstan,
/// 23 March 2010 (A/HRC/14/10)." or, with a symbol alone, "A/67/122.".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Source {
    /// Identifier the dataset refers to it by ("a-hrc-14-10").
    pub id: String,
    /// Author or body, when cited ("Office of the High Commissioner for Human Rights").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Title, when cited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whether the title is a publication's title (printed in italics).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic_title: bool,
    /// UN document symbol ("A/HRC/14/10").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// Date of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Paragraph or recommendation cited ("para 9", "recommendation 8").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    /// Where it is available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
