//! numbering.xml: the numbering definitions of bulleted and numbered lists.
//!
//! Every list gets its own `w:num`, so that each numbered list starts again at
//! its own first number. Ids start at 2, as they always have in our files;
//! any positive id would do.

use super::xml::Xml;

/// Abstract numbering of numbered lists.
const DECIMAL: usize = 2;
/// Abstract numbering of bulleted lists.
const BULLET: usize = 3;
/// First id free for our `w:num`s.
const FIRST_NUM: usize = 2;
/// Word has nine list levels (0-8).
pub(super) const MAX_LEVEL: usize = 8;

/// Indentation step per list level, in twips (1 cm).
pub(super) const STEP: i32 = 567;

/// Where the text of a list item at `level` starts, in twips.
pub(super) fn text_indent(level: usize) -> i32 {
    // level <= MAX_LEVEL, so this cannot overflow.
    STEP * (level.min(MAX_LEVEL) as i32 + 1)
}

/// The lists of one document.
#[derive(Debug, Default)]
pub(super) struct Lists {
    /// Per `w:num`, from [`FIRST_NUM`]: numbered?, level and first number.
    nums: Vec<(bool, usize, usize)>,
}

impl Lists {
    /// A new list at `level`; `start` is the first number of a numbered list,
    /// `None` for bullets. Returns its numbering id.
    pub(super) fn add(&mut self, level: usize, start: Option<u64>) -> usize {
        // Word offers list numbers up to 32767; beyond that, readers differ.
        let first = start.map_or(1, |s| s.min(32_767) as usize);
        self.nums
            .push((start.is_some(), level.min(MAX_LEVEL), first));
        FIRST_NUM + self.nums.len() - 1
    }

    /// numbering.xml.
    pub(super) fn numbering_xml(&self) -> String {
        let mut x = Xml::with_capacity(8192 + 128 * self.nums.len());
        x.raw(ROOT);
        abstract_numbering(&mut x, DECIMAL, true);
        abstract_numbering(&mut x, BULLET, false);
        for (i, &(numbered, level, first)) in self.nums.iter().enumerate() {
            x.raw(r#"<w:num w:numId=""#);
            x.int((FIRST_NUM + i) as i64);
            x.raw(r#"">"#);
            x.val_int(
                "w:abstractNumId",
                if numbered { DECIMAL } else { BULLET } as i64,
            );
            if numbered {
                x.raw(r#"<w:lvlOverride w:ilvl=""#);
                x.int(level as i64);
                x.raw(r#"">"#);
                x.val_int("w:startOverride", first as i64);
                x.raw("</w:lvlOverride>");
            }
            x.raw("</w:num>");
        }
        x.raw("</w:numbering>");
        x.into_string()
    }
}

const ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:numbering xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
);

fn abstract_numbering(x: &mut Xml, id: usize, numbered: bool) {
    // Numbered: 1. (a) (i), then again; bullets: • – ▪, then again.
    // All three bullet characters are in Liberation Serif.
    const NUMBERED: [(&str, &str, &str); 3] = [
        ("decimal", "%", "."),
        ("lowerLetter", "(%", ")"),
        ("lowerRoman", "(%", ")"),
    ];
    const BULLETS: [&str; 3] = ["\u{2022}", "\u{2013}", "\u{25AA}"];
    x.raw(r#"<w:abstractNum w:abstractNumId=""#);
    x.int(id as i64);
    x.raw(r#"">"#);
    for level in 0..=MAX_LEVEL {
        x.raw(r#"<w:lvl w:ilvl=""#);
        x.int(level as i64);
        x.raw(r#""><w:start w:val="1"/>"#);
        if numbered {
            let (format, before, after) = NUMBERED[level % 3];
            x.val("w:numFmt", format);
            x.raw(r#"<w:lvlText w:val=""#);
            x.raw(before);
            x.int(level as i64 + 1);
            x.raw(after);
            x.raw(r#""/>"#);
        } else {
            x.val("w:numFmt", "bullet");
            x.val("w:lvlText", BULLETS[level % 3]);
        }
        x.raw(r#"<w:lvlJc w:val="left"/><w:pPr><w:ind w:left=""#);
        x.int(text_indent(level).into());
        x.raw(r#"" w:right="0" w:hanging=""#);
        x.int(STEP.into());
        x.raw(r#""/></w:pPr></w:lvl>"#);
    }
    x.raw("</w:abstractNum>");
}
