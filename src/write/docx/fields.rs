//! Bookmark names and the field runs (PAGE, PAGEREF, NOTEREF) Word updates itself.

use super::inlines::Marks;
use super::xml::Xml;

/// Longest bookmark name Word accepts.
const MAX_BOOKMARK: usize = 40;

/// The Word bookmark name for an anchor of the model.
///
/// Word wants at most 40 characters, a letter first, then letters, digits and
/// `_`. A name that already qualifies is kept so that a person editing the file
/// recognises it; any other is reduced to its valid characters and given a hash
/// of the original, so different anchors stay different and the same anchor
/// always gets the same name.
pub(super) fn bookmark_name(anchor: &str) -> String {
    let valid = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let starts_ok = anchor
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic());
    if starts_ok && anchor.len() <= MAX_BOOKMARK && anchor.chars().all(valid) {
        return anchor.to_owned();
    }
    let mut stem: String = anchor
        .chars()
        .map(|c| if valid(c) { c } else { '_' })
        .collect();
    if !stem.starts_with(|c: char| c.is_ascii_alphabetic()) {
        stem.insert(0, 'a');
    }
    // stem + '_' + 8 hex digits stays within the limit.
    stem.truncate(MAX_BOOKMARK - 9);
    format!("{stem}_{:08x}", crate::write::fnv1a_32(anchor.as_bytes()))
}

/// The hidden bookmark around the first reference to footnote `id`, which later
/// references to the same note point to.
pub(super) fn note_bookmark(id: usize) -> String {
    format!("_RefNote{id}")
}

/// The runs of a field: begin, instruction, separator, cached result, end,
/// each with the run properties of `marks`.
///
/// A field whose cached result is only a placeholder is flagged dirty so that
/// Word recomputes it on opening (LibreOffice computes page fields anyway);
/// the others are not, as Word may ask the reader before updating fields.
fn field(x: &mut Xml, instr: &str, cached: &str, dirty: bool, marks: Marks) {
    let run = |x: &mut Xml, inner: &dyn Fn(&mut Xml)| {
        x.raw("<w:r>");
        marks.rpr(x);
        inner(x);
        x.raw("</w:r>");
    };
    let fld_char = |x: &mut Xml, kind: &str, dirty: bool| {
        x.raw(r#"<w:fldChar w:fldCharType=""#);
        x.raw(kind);
        x.raw(if dirty {
            r#"" w:dirty="true"/>"#
        } else {
            r#"" w:dirty="false"/>"#
        });
    };
    run(x, &|x| fld_char(x, "begin", dirty));
    run(x, &|x| {
        x.raw("<w:instrText>");
        x.text(instr);
        x.raw("</w:instrText>");
    });
    run(x, &|x| fld_char(x, "separate", false));
    run(x, &|x| {
        x.raw(r#"<w:t xml:space="preserve">"#);
        x.text(cached);
        x.raw("</w:t>");
    });
    run(x, &|x| fld_char(x, "end", false));
}

/// `PAGEREF bookmark \h`: the page the bookmark is on, as a link to it;
/// `page` is the number to show until the field is updated, if known.
pub(super) fn page_ref(x: &mut Xml, bookmark: &str, page: Option<u32>, marks: Marks) {
    let cached = page.map_or_else(|| "?".to_owned(), |p| p.to_string());
    let instr = format!("PAGEREF {bookmark} \\h");
    field(x, &instr, &cached, page.is_none(), marks);
}

/// `NOTEREF bookmark \f \h`: the number of the footnote whose reference the
/// bookmark holds, formatted as a footnote mark.
pub(super) fn note_ref(x: &mut Xml, bookmark: &str, number: usize) {
    let instr = format!("NOTEREF {bookmark} \\f \\h");
    field(
        x,
        &instr,
        &number.to_string(),
        false,
        Marks::styled(super::styles::FOOTNOTE_REFERENCE),
    );
}

/// `PAGE`: the current page number, for the footer.
pub(super) fn page_number(x: &mut Xml) {
    field(x, "PAGE", "1", false, Marks::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_valid(name: &str) -> bool {
        name.len() <= MAX_BOOKMARK
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    }

    #[test]
    fn valid_names_are_kept() {
        assert_eq!(bookmark_name("rec_12"), "rec_12");
        assert_eq!(bookmark_name("Annex1"), "Annex1");
    }

    #[test]
    fn other_names_become_valid_distinct_and_stable() {
        let names = [
            "rec-12",
            "rec.12",
            "12",
            "",
            "Қазақстан",
            "a-very-long-anchor-name-that-goes-on-and-on-beyond-forty",
            "a-very-long-anchor-name-that-goes-on-and-on-beyond-forty-two",
        ];
        let mapped: Vec<String> = names.iter().map(|n| bookmark_name(n)).collect();
        for m in &mapped {
            assert!(is_valid(m), "{m}");
        }
        let unique: std::collections::BTreeSet<&String> = mapped.iter().collect();
        assert_eq!(unique.len(), mapped.len());
        assert_eq!(bookmark_name("rec-12"), mapped[0]);
    }
}
