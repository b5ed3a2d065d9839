//! Who writes: the organisation, its signatories and each document's letterhead facts.

use serde::{Deserialize, Serialize};

use crate::Date;

/// Everything in `documents.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Documents {
    /// The organisation drafting the documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// The organisation's letterhead: logo, sender block, running footer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letterhead: Option<Letterhead>,
    /// One entry per document to draft.
    #[serde(default)]
    pub documents: Vec<DocumentInfo>,
}

/// The drafting organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
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
    /// Whether prose names the organisation with "the" ("the Marelian
    /// Centre for Human Rights"), as a report's running text does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub definite_article: bool,
}

/// The organisation's letterhead (`[letterhead]`), printed on every document
/// drafted from the dataset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct Letterhead {
    /// The logo at the top of the first page: a PNG or JPEG file, its path
    /// relative to the dataset directory ("logo.png").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// What the logo shows, for readers who cannot see it (the
    /// organisation's name when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_alt: Option<String>,
    /// The logo's printed width in centimetres (4 when left out; its height
    /// follows its proportions, at most 2.5 cm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_width_cm: Option<f32>,
    /// The sender block beside the logo, one line per entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sender: Vec<String>,
    /// The running footer on every page after the first; Handlebars over
    /// the document's facts (`"{{index}}"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    /// The paper the organisation prints on, in place of the template's
    /// page size: `"A4"` or `"letter"` (US Letter, as an office in the
    /// United States uses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<Paper>,
    /// The logo file's bytes, read by the loader with the dataset; not a
    /// key of the file and not given to plugins.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub logo_data: Option<std::sync::Arc<[u8]>>,
}

/// The facts of one document that are not in the record: date, references, signatories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct DocumentInfo {
    /// The template it is drafted with ("open-letter").
    pub template: String,
    /// Date the document bears.
    pub date: Date,
    /// Reference line ("TG EUR 57/2012.002").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The label before the reference ("Ref" by default, in the template's wording).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_label: Option<String>,
    /// Index number ("EUR 57/005/2012").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
    /// The label before the index number ("AI Index"; "Index" by default,
    /// in the template's wording).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_label: Option<String>,
    /// How the dateline writes the date: "day-month-year" ("19 October
    /// 2012", the default) or "month-day-year" ("October 19, 2012", as a
    /// United States office dates its letters). The body keeps its own style.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<DatelineStyle>,
    /// The salutation ("Dear Madam Secretary,"); by default the first
    /// addressee's, else the template's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salutation: Option<String>,
    /// The date of an earlier letter of the organisation to the State on
    /// the same matter, which this one refers to ("As we noted in our
    /// letter of …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_letter: Option<Date>,
    /// The instruments the letter urges the State to ratify, in this
    /// order, in place of the ones the pledge-gap plugin proposes: core
    /// instrument codes ("ICCPR-OP2") or ids of `[[other_instruments]]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<String>,
    /// Instruments the letter leaves out of those the plugin proposes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_instruments: Vec<String>,
    /// Whether the State's own assessments of its UPR recommendations
    /// count: towards the MIA's index, and towards what a letter says
    /// stakeholders found not implemented (true when left out). Given to
    /// the document's plugins as their `include_state` option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_state: Option<bool>,
    /// The author's own paragraphs, placed by the template in its sections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<AuthorParagraph>,
    /// Sections of the template to leave out ("treaty-bodies").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omit: Vec<String>,
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
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
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

/// A paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Paper {
    /// 210 × 297 mm.
    #[serde(rename = "A4", alias = "a4")]
    A4,
    /// US Letter, 8.5 × 11 inches.
    #[serde(rename = "letter", alias = "Letter")]
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// How a dateline writes its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DatelineStyle {
    /// "19 October 2012".
    DayMonthYear,
    /// "October 19, 2012".
    MonthDayYear,
}

/// A paragraph the author writes for one section of a document
/// (`[[documents.paragraphs]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "strict", serde(deny_unknown_fields))]
pub struct AuthorParagraph {
    /// The template section it belongs to ("upr", "national"); the
    /// template's documentation lists them.
    pub section: String,
    /// Where it goes: "after" the section's generated text (the default),
    /// "before" it, or in its place ("replace").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Placement>,
    /// The paragraph, in Markdown (`*italic*`, `**bold**`); `[@source-id]`
    /// or `[@source-id, para 9]` cites a source in a footnote.
    pub text: String,
    /// The language it is written in (BCP 47); the document's own when
    /// absent. A document drafted in another language leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// Where an author's paragraph goes in its section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    /// Before the generated text.
    Before,
    /// After the generated text.
    After,
    /// In place of the generated text.
    Replace,
}
