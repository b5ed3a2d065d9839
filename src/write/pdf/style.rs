//! Typographic sizes and spacing, all derived from the page settings' body font size.

use crate::document::style::heading_style;
use crate::document::PageSettings;
use crate::write::WriteError;

use super::fonts::Face;

/// Sizes and distances used by layout, in points.
#[derive(Debug, Clone)]
pub(crate) struct Theme {
    pub page_width: f32,
    pub page_height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_start: f32,
    pub text_width: f32,
    pub body_size: f32,
    pub note_size: f32,
    /// Line height as a multiple of the font size.
    pub leading: f32,
    /// Space between paragraphs.
    pub para_space: f32,
    /// Indent of list item text from the list's start.
    pub list_indent: f32,
    /// Indent of quotations on both sides.
    pub quote_indent: f32,
    /// Hanging indent of footnote text after its number.
    pub note_indent: f32,
    /// Space between the body and the footnote rule, and from the rule to the notes.
    pub note_sep_above: f32,
    pub note_sep_below: f32,
    /// Gap above each footnote.
    pub note_gap: f32,
    /// Size of the page number.
    pub footer_size: f32,
    pub cell_pad: f32,
    pub rule_width: f32,
    /// The hyphenation patterns of the document's language, if hrdraft has them.
    pub hyphenation: Option<hypher::Lang>,
    /// Words never hyphenated: the State's names (`Metadata::names`).
    pub keep_whole: Vec<String>,
}

impl Theme {
    /// The theme for these page settings, or why they cannot be laid out.
    pub(crate) fn new(p: &PageSettings) -> Result<Theme, WriteError> {
        let bad = |message: String| WriteError::Unsupported {
            format: "pdf",
            message,
        };
        let all = [
            p.width,
            p.height,
            p.margin_top,
            p.margin_bottom,
            p.margin_start,
            p.margin_end,
            p.font_size,
        ];
        if all.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return Err(bad(format!(
                "page settings must be positive numbers of points, got {p:?}"
            )));
        }
        if !(4.0..=72.0).contains(&p.font_size) {
            return Err(bad(format!(
                "body font size {} pt is outside 4-72 pt; set a usual size such as 11",
                p.font_size
            )));
        }
        let text_width = p.width - p.margin_start - p.margin_end;
        let body_height = p.height - p.margin_top - p.margin_bottom;
        if text_width < 6.0 * p.font_size || body_height < 12.0 * p.font_size {
            return Err(bad(format!(
                "the margins leave a text area of {text_width:.0} x {body_height:.0} pt, \
                 too small for {} pt text; reduce the margins",
                p.font_size
            )));
        }
        let s = p.font_size;
        Ok(Theme {
            page_width: p.width,
            page_height: p.height,
            margin_top: p.margin_top,
            margin_bottom: p.margin_bottom,
            margin_start: p.margin_start,
            text_width,
            body_size: s,
            note_size: (s * 0.82).max(4.0),
            leading: 1.2,
            para_space: s * 0.75,
            list_indent: s * 1.8,
            quote_indent: s * 2.2,
            note_indent: s * 1.3,
            note_sep_above: s * 0.8,
            note_sep_below: s * 0.4,
            note_gap: s * 0.15,
            footer_size: (s * 0.82).max(4.0),
            cell_pad: s * 0.35,
            rule_width: 0.5,
            hyphenation: None,
            keep_whole: Vec::new(),
        })
    }

    /// Face and size of a heading level (0 = title), from the style sheet.
    pub(crate) fn heading(&self, level: u8) -> (Face, f32) {
        let look = heading_style(level);
        let face = if look.italic {
            Face::BoldItalic
        } else {
            Face::Bold
        };
        (face, self.body_size + look.size_above_body)
    }

    /// Space above a heading of this level.
    pub(crate) fn heading_space(&self, level: u8) -> f32 {
        self.body_size * heading_style(level).space_before
    }

    /// Space below a heading of this level, for text of `size`.
    pub(crate) fn heading_space_after(&self, level: u8, size: f32) -> f32 {
        size * heading_style(level).space_after
    }

    /// Bottom of the body area, from the page top.
    pub(crate) fn body_bottom(&self) -> f32 {
        self.page_height - self.margin_bottom
    }

    /// Height of the body area.
    pub(crate) fn body_height(&self) -> f32 {
        self.body_bottom() - self.margin_top
    }
}
