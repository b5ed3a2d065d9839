//! The style sheet: what each named paragraph style and each heading level
//! looks like, in every format.
//!
//! A template names a paragraph's kind with `<div custom-style="Label">` (the
//! attribute pandoc users know); the parser wraps what the div holds in a
//! [`Block::Styled`](super::Block::Styled). Each writer reads the look of the
//! style from here: the DOCX writer makes it a paragraph style of that name
//! (so a reader restyles every label at once), the PDF writer sets its lines
//! in the style's face, the HTML writer gives it a class with the same look.
//! A name not in the sheet is still a style of its own, with the look of body
//! text.

use super::Align;

/// The look of a named paragraph style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParagraphStyle {
    /// The style's name, as templates write it and Word shows it.
    pub name: &'static str,
    /// What the style is for, for docs/templates.md and `hrdraft explain`.
    pub purpose: &'static str,
    /// Alignment of its paragraphs where the template gives none.
    pub align: Align,
    /// Bold text.
    pub bold: bool,
    /// Italic text.
    pub italic: bool,
    /// Underlined text.
    pub underline: bool,
    /// Kept on the page of the paragraph after it (a label, a heading-like line).
    pub keep_with_next: bool,
}

const BODY: ParagraphStyle = ParagraphStyle {
    name: "",
    purpose: "",
    align: Align::Justify,
    bold: false,
    italic: false,
    underline: false,
    keep_with_next: false,
};

/// The named paragraph styles every writer knows.
pub const PARAGRAPH_STYLES: &[ParagraphStyle] = &[
    ParagraphStyle {
        name: "Dateline",
        purpose: "the date of a letter",
        align: Align::Start,
        ..BODY
    },
    ParagraphStyle {
        name: "Place and Date",
        purpose: "a report's \"Geneva, 3 December 2012\", set at the end margin",
        align: Align::End,
        ..BODY
    },
    ParagraphStyle {
        name: "Salutation",
        purpose: "a letter's \"Dear Minister,\"",
        align: Align::Start,
        keep_with_next: true,
        ..BODY
    },
    ParagraphStyle {
        name: "Subject",
        purpose: "a letter's subject line, printed bold before its text",
        align: Align::Start,
        bold: true,
        keep_with_next: true,
        ..BODY
    },
    ParagraphStyle {
        name: "Label",
        purpose:
            "a short underlined line that introduces the text after it (\"Government response:\")",
        align: Align::Start,
        underline: true,
        keep_with_next: true,
        ..BODY
    },
    ParagraphStyle {
        name: "Recommendation",
        purpose: "a recommendation quoted before what is said of it",
        keep_with_next: true,
        ..BODY
    },
    ParagraphStyle {
        name: "Assessment",
        purpose: "a line that scores what is above it (\"IRI: partially implemented\")",
        ..BODY
    },
    ParagraphStyle {
        name: "Separator",
        purpose: "a centred mark between items of one group (\"+\")",
        align: Align::Center,
        keep_with_next: true,
        ..BODY
    },
];

/// The look of `name`, if the sheet has it.
pub fn paragraph_style(name: &str) -> Option<&'static ParagraphStyle> {
    PARAGRAPH_STYLES.iter().find(|s| s.name == name)
}

/// A style name as an identifier (letters and digits only: "IRI Line" →
/// "IRILine"), what DOCX style ids and HTML classes are made of; a name
/// with none gives "Styled".
pub fn style_id(name: &str) -> String {
    let id: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
    if id.is_empty() {
        "Styled".to_owned()
    } else {
        id
    }
}

/// The look of a heading level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadingStyle {
    /// Points above the body font size.
    pub size_above_body: f32,
    /// Italic as well as bold.
    pub italic: bool,
    /// Space above, in multiples of the body font size.
    pub space_before: f32,
    /// Space below, in multiples of the body font size.
    pub space_after: f32,
}

/// The title (index 0) and heading levels 1–3: bold, the title 5 points
/// above the body, levels 1 and 2 two and one point above it, level 3 at body
/// size and italic.
pub const HEADING_STYLES: [HeadingStyle; 4] = [
    HeadingStyle {
        size_above_body: 5.0,
        italic: false,
        space_before: 0.0,
        space_after: 1.2,
    },
    HeadingStyle {
        size_above_body: 2.0,
        italic: false,
        space_before: 1.2,
        space_after: 0.45,
    },
    HeadingStyle {
        size_above_body: 1.0,
        italic: false,
        space_before: 0.9,
        space_after: 0.45,
    },
    HeadingStyle {
        size_above_body: 0.0,
        italic: true,
        space_before: 0.9,
        space_after: 0.45,
    },
];

/// The look of heading `level` (0 = title; deeper than 3 is 3).
pub fn heading_style(level: u8) -> &'static HeadingStyle {
    &HEADING_STYLES[usize::from(level.min(3))]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_letters_and_digits() {
        assert_eq!(style_id("IRI Line"), "IRILine");
        assert_eq!(style_id("Label"), "Label");
        assert_eq!(style_id(" -- "), "Styled");
    }

    #[test]
    fn every_named_style_is_found_and_ids_are_distinct() {
        let mut ids: Vec<String> = PARAGRAPH_STYLES.iter().map(|s| style_id(s.name)).collect();
        for s in PARAGRAPH_STYLES {
            assert_eq!(paragraph_style(s.name), Some(s));
            assert!(!s.purpose.is_empty());
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), PARAGRAPH_STYLES.len());
        assert_eq!(
            paragraph_style("label"),
            None,
            "names are case-sensitive, as in Word"
        );
    }
}
