//! The State a dataset is about, and the officials documents are addressed to.

use serde::{Deserialize, Serialize};

use crate::Date;

/// The State under review or standing for election (`country.toml`, `[country]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
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
    /// Whether the short name takes "the" in running text and titles
    /// ("the United States of America", "the Philippines").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub definite_article: bool,
    /// Whether the formal name takes "the" ("the Republic of Kazakhstan");
    /// by default it does, unless it is the short name itself ("Japan").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_definite_article: Option<bool>,
    /// The possessive of the short name, when the rule gets it wrong. By
    /// the rule ([`possessive_of`]) a plural name ending in "s" takes an
    /// apostrophe alone ("the United Arab Emirates’"), any other "’s"
    /// ("Kazakhstan’s", "Belarus’s").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub possessive: Option<String>,
    /// The short name in Russian, for documents in Russian, which otherwise
    /// say "Ваша страна" ("your country") rather than print the English
    /// name in a Russian sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru: Option<RussianName>,
}

/// A State's short name in Russian, in the cases the Russian templates use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct RussianName {
    /// The nominative ("Казахстан").
    pub name: String,
    /// The genitive ("Казахстана"): "кандидатура Казахстана".
    pub genitive: String,
}

/// The forms of a State's name that English running text needs, with the
/// article where the name takes one (see [`Country::names`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StateNames {
    /// In running text: "Kazakhstan", "the United States of America".
    pub text: String,
    /// At the start of a sentence: "The United States of America".
    pub start: String,
    /// Possessive in running text: "Kazakhstan’s", "the United Arab Emirates’".
    pub possessive: String,
    /// Possessive at the start of a sentence.
    pub start_possessive: String,
    /// The formal name in running text: "the Republic of Kazakhstan".
    pub formal: String,
    /// The short name alone, without article: "United States of America".
    pub bare: String,
}

impl Country {
    /// The short name as running text prints it, with "the" when it takes one.
    pub fn in_text(&self) -> String {
        if self.definite_article {
            format!("the {}", self.name)
        } else {
            self.name.clone()
        }
    }

    /// The possessive of [`Country::in_text`].
    pub fn possessive_in_text(&self) -> String {
        let bare = match &self.possessive {
            Some(p) => p.clone(),
            None => possessive_of(&self.name, self.definite_article),
        };
        if self.definite_article && !starts_with_the(&bare) {
            format!("the {bare}")
        } else {
            bare
        }
    }

    /// The formal name in running text, with its article ("the Republic of
    /// Kazakhstan"); the short name when no formal name is given.
    pub fn formal_in_text(&self) -> String {
        let Some(official) = self.official_name.as_deref() else {
            return self.in_text();
        };
        let article = self
            .official_definite_article
            .unwrap_or(official != self.name || self.definite_article);
        if article && !starts_with_the(official) {
            format!("the {official}")
        } else {
            official.to_string()
        }
    }

    /// Every form a template needs.
    pub fn names(&self) -> StateNames {
        let text = self.in_text();
        let possessive = self.possessive_in_text();
        StateNames {
            start: sentence_start(&text),
            start_possessive: sentence_start(&possessive),
            text,
            possessive,
            formal: self.formal_in_text(),
            bare: self.name.clone(),
        }
    }
}

/// "Kazakhstan" → "Kazakhstan’s"; "United States" → "United States’".
///
/// A name ending in "s" is taken to be a plural and takes an apostrophe
/// alone; see [`possessive_of`] for a name whose article says more.
pub fn possessive(name: &str) -> String {
    let name = name.trim_end();
    if name.ends_with('s') || name.ends_with('S') {
        format!("{name}\u{2019}")
    } else {
        format!("{name}\u{2019}s")
    }
}

/// The possessive of a State's short name, `the` when it takes "the".
///
/// A name ending in "s" that takes "the" is a plural ("the Philippines’",
/// "the United Arab Emirates’"), and so is one without it whose last word
/// ends as English plurals do ("Seychelles’", "Solomon Islands’"). One
/// ending in "-us", "-as", "-os" or "-is" without "the" is a singular
/// ("Belarus’s", "Cyprus’s", "Honduras’s", "Saint Kitts and Nevis’s"), and
/// takes "’s" as any other name does.
pub fn possessive_of(name: &str, the: bool) -> String {
    let name = name.trim_end();
    let lower = name.to_lowercase();
    let singular = ["us", "as", "os", "is"].iter().any(|e| lower.ends_with(e));
    if !the && singular {
        format!("{name}\u{2019}s")
    } else {
        possessive(name)
    }
}

fn starts_with_the(s: &str) -> bool {
    s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("the "))
}

fn sentence_start(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An official a document can be addressed to (`country.toml`, `[[addressees]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plural_name_takes_an_apostrophe_and_a_singular_one_apostrophe_s() {
        for (name, the, want) in [
            ("Kazakhstan", false, "Kazakhstan’s"),
            ("Philippines", true, "Philippines’"),
            ("United Arab Emirates", true, "United Arab Emirates’"),
            ("Solvane Islands", true, "Solvane Islands’"),
            ("Seychelles", false, "Seychelles’"),
            ("Solomon Islands", false, "Solomon Islands’"),
            ("Belarus", false, "Belarus’s"),
            ("Cyprus", false, "Cyprus’s"),
            ("Honduras", false, "Honduras’s"),
            ("Barbados", false, "Barbados’s"),
            ("Saint Kitts and Nevis", false, "Saint Kitts and Nevis’s"),
            ("Bahamas", true, "Bahamas’"),
        ] {
            assert_eq!(possessive_of(name, the), want, "{name}");
        }
    }
}
