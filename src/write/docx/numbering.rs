//! Numbering definitions for bulleted and numbered lists.
//!
//! docx-rs always writes an abstract numbering and a numbering with id 1 of its
//! own, so ours start at 2. Every list gets its own `w:num`, so that each
//! numbered list starts again at its own first number.

use docx_rs::{
    AbstractNumbering, Level, LevelJc, LevelOverride, LevelText, NumberFormat, Numbering,
    Numberings, SpecialIndentType, Start,
};

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

    /// The numbering definitions for numbering.xml.
    pub(super) fn numberings(&self) -> Numberings {
        let mut n = Numberings::new()
            .add_abstract_numbering(abstract_numbering(DECIMAL, true))
            .add_abstract_numbering(abstract_numbering(BULLET, false));
        for (i, &(numbered, level, first)) in self.nums.iter().enumerate() {
            let abs = if numbered { DECIMAL } else { BULLET };
            let mut num = Numbering::new(FIRST_NUM + i, abs);
            if numbered {
                num = num.add_override(LevelOverride::new(level).start(first));
            }
            n = n.add_numbering(num);
        }
        n
    }
}

fn abstract_numbering(id: usize, numbered: bool) -> AbstractNumbering {
    // Numbered: 1. (a) (i), then again; bullets: • – ▪, then again.
    // All three bullet characters are in Liberation Serif.
    const NUMBERED: [(&str, &str); 3] = [
        ("decimal", "%."),
        ("lowerLetter", "(%)"),
        ("lowerRoman", "(%)"),
    ];
    const BULLETS: [&str; 3] = ["\u{2022}", "\u{2013}", "\u{25AA}"];
    let mut a = AbstractNumbering::new(id);
    for level in 0..=MAX_LEVEL {
        let (format, text) = if numbered {
            let (f, t) = NUMBERED[level % 3];
            (f, t.replace('%', &format!("%{}", level + 1)))
        } else {
            ("bullet", BULLETS[level % 3].to_owned())
        };
        a = a.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("start"),
            )
            .indent(
                Some(text_indent(level)),
                Some(SpecialIndentType::Hanging(STEP)),
                None,
                None,
            ),
        );
    }
    a
}
