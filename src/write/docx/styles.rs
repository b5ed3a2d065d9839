//! styles.xml: the paragraph, character and table styles the document uses.
//!
//! Built-in names ("Normal", "Heading 1", "Footnote Text" …) are used so that Word and LibreOffice map them to their
//! own built-in styles (navigation pane, outline, footnote formatting).

use std::collections::BTreeMap;

use crate::document::style::{heading_style, paragraph_style, PARAGRAPH_STYLES};
use crate::document::{Align, PageSettings};

/// The body font. The PDF writer embeds Liberation Serif; a DOCX cannot embed
/// it, so it names the family and the reader's system supplies it (Times New
/// Roman metrics where it is missing).
pub(super) const FONT: &str = "Liberation Serif";

pub(super) const NORMAL: &str = "Normal";
pub(super) const TITLE: &str = "Title";
pub(super) const HEADINGS: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
pub(super) const FOOTNOTE_TEXT: &str = "FootnoteText";
pub(super) const FOOTNOTE_REFERENCE: &str = "FootnoteReference";
pub(super) const HYPERLINK: &str = "Hyperlink";
pub(super) const STRONG: &str = "Strong";
pub(super) const EMPHASIS: &str = "Emphasis";
pub(super) const LIST_NUMBER: &str = "ListNumber";
pub(super) const LIST_BULLET: &str = "ListBullet";
pub(super) const QUOTE: &str = "Quote";
pub(super) const ADDRESS: &str = "Address";
pub(super) const SIGNATURE: &str = "Signature";
pub(super) const LINE_BLOCK: &str = "LineBlock";
pub(super) const TABLE_GRID: &str = "TableGrid";
pub(super) const TABLE_TEXT: &str = "TableText";
pub(super) const TABLE_HEADING: &str = "TableHeading";
pub(super) const RULE: &str = "HorizontalLine";
pub(super) const FOOTER: &str = "Footer";

/// Half-points for a size in points (what `w:sz` counts).
fn half_points(pt: f32) -> u32 {
    // Sizes are small positive numbers; clamp nonsense rather than fail.
    (pt * 2.0).round().clamp(2.0, 3276.0) as u32
}

/// The size of body and table text, in points, as the styles state it (in
/// whole half-points).
pub(super) fn text_size(page: &PageSettings) -> f32 {
    half_points(page.font_size) as f32 / 2.0
}

/// The space between a table cell's borders and its text, on the left and
/// on the right, in twips (the table style's `w:tblCellMar`; Word's own
/// default).
pub(super) const CELL_MARGIN: i32 = 108;

/// Space after a paragraph, in twips: three quarters of the font size.
pub(super) fn space_after(font_size: f32) -> u32 {
    (font_size * 15.0).round().clamp(0.0, 1584.0) as u32
}

/// The language tag as Word wants it ("en", "ru-RU"); anything else is dropped.
pub(super) fn language_tag(lang: &str) -> Option<String> {
    let ok = !lang.is_empty()
        && lang.len() <= 35
        && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then(|| lang.to_owned())
}

/// One `<w:style>` element; `body` holds its children after name/basedOn/next.
struct Style<'a> {
    kind: &'a str,
    id: &'a str,
    name: &'a str,
    based_on: Option<&'a str>,
    next: Option<&'a str>,
    default: bool,
    ppr: String,
    rpr: String,
    extra: String,
    /// The name of a template's style (escaped), in place of `name`.
    name_owned: Option<String>,
}

/// The alignment paragraph style `id` gives its paragraphs (its own `w:jc`,
/// or the one it inherits from Normal): a paragraph aligned so needs no
/// `w:jc` of its own, and a user who restyles the document restyles it.
pub(super) fn own_alignment(id: &str) -> Option<Align> {
    match id {
        TITLE | FOOTER => Some(Align::Center),
        ADDRESS | SIGNATURE | LINE_BLOCK | TABLE_TEXT | TABLE_HEADING => Some(Align::Start),
        _ if HEADINGS.contains(&id) => Some(Align::Start),
        NORMAL | FOOTNOTE_TEXT | LIST_NUMBER | LIST_BULLET | QUOTE => Some(Align::Justify),
        // A named style: the sheet's alignment, or Normal's for a name the
        // sheet does not know.
        _ => Some(
            PARAGRAPH_STYLES
                .iter()
                .find(|s| {
                    s.name
                        .chars()
                        .filter(|c| c.is_alphanumeric())
                        .eq(id.chars())
                })
                .map_or(Align::Justify, |s| s.align),
        ),
    }
}

/// Whether `id` is one of the styles every document has, which a template's
/// named style of the same id takes rather than defines again.
fn is_builtin(id: &str) -> bool {
    [
        NORMAL,
        TITLE,
        FOOTNOTE_TEXT,
        FOOTNOTE_REFERENCE,
        HYPERLINK,
        STRONG,
        EMPHASIS,
        LIST_NUMBER,
        LIST_BULLET,
        QUOTE,
        ADDRESS,
        SIGNATURE,
        LINE_BLOCK,
        TABLE_GRID,
        TABLE_TEXT,
        TABLE_HEADING,
        RULE,
        FOOTER,
        "DefaultParagraphFont",
        "TableNormal",
        "NoList",
    ]
    .contains(&id)
        || HEADINGS.contains(&id)
}

impl<'a> Style<'a> {
    fn paragraph(id: &'a str, name: &'a str) -> Self {
        Style {
            kind: "paragraph",
            id,
            name,
            based_on: Some(NORMAL),
            next: None,
            default: false,
            ppr: String::new(),
            rpr: String::new(),
            extra: String::new(),
            name_owned: None,
        }
    }

    fn character(id: &'a str, name: &'a str, rpr: &str) -> Self {
        Style {
            kind: "character",
            based_on: Some("DefaultParagraphFont"),
            rpr: rpr.to_owned(),
            ..Style::paragraph(id, name)
        }
    }

    fn next(mut self, next: &'a str) -> Self {
        self.next = Some(next);
        self
    }

    fn ppr(mut self, ppr: impl Into<String>) -> Self {
        self.ppr = ppr.into();
        self
    }

    fn rpr(mut self, rpr: impl Into<String>) -> Self {
        self.rpr = rpr.into();
        self
    }

    fn write(&self, out: &mut String) {
        // Children in the order of CT_Style: name, basedOn, next, uiPriority,
        // qFormat, pPr, rPr, tblPr.
        out.push_str(&format!(
            r#"<w:style w:type="{}"{} w:styleId="{}"><w:name w:val="{}"/>"#,
            self.kind,
            if self.default {
                r#" w:default="1""#
            } else {
                ""
            },
            self.id,
            self.name_owned.as_deref().unwrap_or(self.name)
        ));
        if let Some(b) = self.based_on {
            out.push_str(&format!(r#"<w:basedOn w:val="{b}"/>"#));
        }
        if let Some(n) = self.next {
            out.push_str(&format!(r#"<w:next w:val="{n}"/>"#));
        }
        out.push_str("<w:qFormat/>");
        if !self.ppr.is_empty() {
            out.push_str(&format!("<w:pPr>{}</w:pPr>", self.ppr));
        }
        if !self.rpr.is_empty() {
            out.push_str(&format!("<w:rPr>{}</w:rPr>", self.rpr));
        }
        out.push_str(&self.extra);
        out.push_str("</w:style>");
    }
}

/// The whole styles.xml for a document with this page and language, and
/// the named paragraph styles it uses (name → id).
pub(super) fn styles_xml(
    page: &PageSettings,
    language: &str,
    named: &BTreeMap<String, String>,
) -> String {
    let body = half_points(page.font_size);
    let small = half_points((page.font_size - 2.0).max(6.0));
    let size = |delta: f32| half_points(page.font_size + delta);
    let after = space_after(page.font_size);
    let half_after = after / 2;
    let lang = language_tag(language)
        .map(|l| format!(r#"<w:lang w:val="{l}" w:bidi="{l}"/>"#))
        .unwrap_or_default();

    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
    ));
    out.push_str(&format!(
        concat!(
            "<w:docDefaults><w:rPrDefault><w:rPr>",
            r#"<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>"#,
            // Pair kerning from 1 pt up, as the PDF sets every size.
            r#"<w:kern w:val="2"/><w:sz w:val="{body}"/><w:szCs w:val="{body}"/>{lang}"#,
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>",
            r#"<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>"#,
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
        font = FONT,
        body = body,
        lang = lang
    ));

    let keep = "<w:keepNext/><w:keepLines/>";
    let twips = |pt: f32| super::tables::twips(pt).unsigned_abs();
    let mut styles = vec![
        Style {
            default: true,
            based_on: None,
            ..Style::paragraph(NORMAL, "Normal").ppr(format!(
                r#"<w:widowControl/><w:spacing w:after="{after}"/><w:jc w:val="both"/>"#
            ))
        },
        Style {
            default: true,
            based_on: None,
            ..Style::character("DefaultParagraphFont", "Default Paragraph Font", "")
        },
        Style::paragraph(TITLE, "Title")
            .next(NORMAL)
            .ppr(format!(
                r#"{keep}<w:spacing w:before="0" w:after="{}"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>"#,
                twips(heading_style(0).space_after * page.font_size)
            ))
            .rpr(format!(
                r#"<w:b/><w:bCs/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
                size(heading_style(0).size_above_body)
            )),
    ];
    // Headings: sizes and spacing from the style sheet (document/style.rs).
    for (level, id) in HEADINGS.iter().enumerate() {
        let look = heading_style(level as u8 + 1);
        let italic = if look.italic { "<w:i/><w:iCs/>" } else { "" };
        let hsize = page.font_size + look.size_above_body;
        styles.push(
            Style::paragraph(id, ["heading 1", "heading 2", "heading 3"][level])
                .next(NORMAL)
                .ppr(format!(
                    r#"{keep}<w:spacing w:before="{}" w:after="{}"/><w:jc w:val="left"/><w:outlineLvl w:val="{level}"/>"#,
                    twips(look.space_before * page.font_size),
                    twips(look.space_after * page.font_size),
                ))
                .rpr(format!(
                    r#"<w:b/><w:bCs/>{italic}<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
                    half_points(hsize)
                )),
        );
    }
    styles.extend([
        Style::paragraph(FOOTNOTE_TEXT, "footnote text")
            .ppr(r#"<w:spacing w:after="40"/>"#)
            .rpr(format!(r#"<w:sz w:val="{small}"/><w:szCs w:val="{small}"/>"#)),
        Style::character(
            FOOTNOTE_REFERENCE,
            "footnote reference",
            r#"<w:vertAlign w:val="superscript"/>"#,
        ),
        Style::character(STRONG, "Strong", "<w:b/><w:bCs/>"),
        Style::character(EMPHASIS, "Emphasis", "<w:i/><w:iCs/>"),
        Style::character(
            HYPERLINK,
            "Hyperlink",
            r#"<w:color w:val="0563C1"/><w:u w:val="single"/>"#,
        ),
        Style::paragraph(LIST_NUMBER, "List Number")
            .ppr(format!(r#"<w:spacing w:after="{half_after}"/>"#)),
        Style::paragraph(LIST_BULLET, "List Bullet")
            .ppr(format!(r#"<w:spacing w:after="{half_after}"/>"#)),
        Style::paragraph(QUOTE, "Quote")
            .next(NORMAL)
            .ppr(format!(
                r#"<w:spacing w:after="{after}"/><w:ind w:left="{0}" w:right="{0}"/>"#,
                super::numbering::STEP
            )),
        // A group of lines of an address, signature or line block is one
        // paragraph, its lines parted by line breaks: the usual space after
        // it, and between two groups.
        Style::paragraph(ADDRESS, "Address").ppr(r#"<w:jc w:val="left"/>"#),
        Style::paragraph(SIGNATURE, "Signature")
            // Half an inch above the name for the handwritten signature.
            .ppr(r#"<w:keepLines/><w:spacing w:before="720"/><w:jc w:val="left"/>"#),
        Style::paragraph(LINE_BLOCK, "Line Block").ppr(r#"<w:jc w:val="left"/>"#),
        Style::paragraph(TABLE_TEXT, "Table Text")
            .ppr(r#"<w:spacing w:before="20" w:after="20"/><w:jc w:val="left"/>"#),
        Style {
            based_on: Some(TABLE_TEXT),
            ..Style::paragraph(TABLE_HEADING, "Table Heading")
                .ppr("<w:keepNext/>")
                .rpr("<w:b/><w:bCs/>")
        },
        Style::paragraph(RULE, "Horizontal Line")
            .next(NORMAL)
            .ppr(format!(
                concat!(
                    r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>"#,
                    r#"<w:spacing w:after="{}"/>"#
                ),
                after
            ))
            .rpr(r#"<w:sz w:val="8"/><w:szCs w:val="8"/>"#),
        Style::paragraph(FOOTER, "footer")
            .ppr(r#"<w:spacing w:after="0"/><w:jc w:val="center"/>"#)
            .rpr(format!(r#"<w:sz w:val="{small}"/><w:szCs w:val="{small}"/>"#)),
    ]);
    // The template's named paragraph styles: the sheet's look, or body
    // text's for a name it does not know.
    let mut ids: Vec<&str> = Vec::new();
    for (name, id) in named {
        if is_builtin(id) || ids.contains(&id.as_str()) {
            continue;
        }
        ids.push(id);
        let mut ppr = String::new();
        let mut rpr = String::new();
        if let Some(look) = paragraph_style(name) {
            if look.keep_with_next {
                ppr.push_str("<w:keepNext/>");
            }
            if look.align != Align::Justify {
                ppr.push_str(&format!(
                    r#"<w:jc w:val="{}"/>"#,
                    super::body::alignment(look.align)
                ));
            }
            if look.bold {
                rpr.push_str("<w:b/><w:bCs/>");
            }
            if look.italic {
                rpr.push_str("<w:i/><w:iCs/>");
            }
            if look.underline {
                rpr.push_str(r#"<w:u w:val="single"/>"#);
            }
        }
        styles.push(Style {
            name_owned: Some(super::xml::escape(name)),
            ..Style::paragraph(id, "").next(NORMAL).ppr(ppr).rpr(rpr)
        });
    }
    for s in &styles {
        s.write(&mut out);
    }
    out.push_str(&format!(
        concat!(
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal">"#,
            r#"<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>"#,
            r#"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>"#,
            r#"<w:top w:w="0" w:type="dxa"/><w:left w:w="{0}" w:type="dxa"/>"#,
            r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{0}" w:type="dxa"/>"#,
            r#"</w:tblCellMar></w:tblPr></w:style>"#,
        ),
        CELL_MARGIN
    ));
    out.push_str(TABLE_STYLES);
    out.push_str("</w:styles>");
    out
}

/// The styles after Normal Table: No List, and the bordered grid our tables use.
const TABLE_STYLES: &str = concat!(
    r#"<w:style w:type="numbering" w:default="1" w:styleId="NoList">"#,
    r#"<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
    r#"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>"#,
    r#"<w:basedOn w:val="TableNormal"/><w:qFormat/>"#,
    r#"<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>"#,
    r#"<w:tblPr>"#,
    table_borders!(),
    r#"</w:tblPr></w:style>"#
);
