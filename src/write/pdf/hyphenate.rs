//! Where a word may take a hyphen at a line's end: Knuth–Liang patterns for the document's language.
//!
//! The patterns are hypher's (English and Russian, embedded at build time).
//! Only ordinary words are hyphenated: never a token holding a digit, a
//! slash, an at sign or a dot inside it (numbers, URLs, e-mail addresses,
//! document symbols such as "A/HRC/21/6"), never a word in capitals (an
//! acronym or a name set in capitals), and never a word shorter than five
//! letters; at least two letters stay before a hyphen and three go after it.

use hypher::Lang;

/// Letters kept before a hyphen.
const LEFT_MIN: usize = 2;
/// Letters carried after a hyphen.
const RIGHT_MIN: usize = 3;

/// The patterns for a BCP 47 language tag ("en", "en-GB", "ru-RU"), if
/// hrdraft has them.
pub(crate) fn language(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    if primary.eq_ignore_ascii_case("en") {
        Some(Lang::English)
    } else if primary.eq_ignore_ascii_case("ru") {
        Some(Lang::Russian)
    } else {
        None
    }
}

/// The patterns of a document's language, with the names it does not
/// hyphenate: the State's, which a letter to its government does not split
/// unless a line would otherwise be spaced beyond the bound (see
/// `justify`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hyphenator<'a> {
    pub lang: Lang,
    /// Words left whole, as written (a name's words: "Lumeria", "Kazakh").
    pub keep: &'a [String],
}

/// Append to `out` the byte offsets (from `base`) inside `token`, a stretch
/// of text without spaces, where a hyphen may go.
pub(crate) fn points(token: &str, base: usize, hy: Hyphenator<'_>, out: &mut Vec<usize>) {
    if !ordinary(token) {
        return;
    }
    // The word without the punctuation around it ("(reprisals),").
    let Some(first) = token.find(char::is_alphabetic) else {
        return;
    };
    let core = token[first..].trim_end_matches(|c: char| !c.is_alphabetic());
    let at = base + first;
    // Compounds and elisions ("non-governmental", "State’s") are hyphenated
    // a part at a time.
    let mut part_start = 0;
    let end = std::iter::once((core.len(), ' '));
    for (i, c) in core.char_indices().chain(end) {
        if c.is_alphabetic() {
            continue;
        }
        let part = &core[part_start..i];
        if part.chars().count() >= LEFT_MIN + RIGHT_MIN
            && part.chars().any(char::is_lowercase)
            && !hy.keep.iter().any(|k| k == part)
        {
            let mut offset = at + part_start;
            let mut syllables = hypher::hyphenate_bounded(part, hy.lang, LEFT_MIN, RIGHT_MIN);
            if let Some(s) = syllables.next() {
                offset += s.len();
            }
            for s in syllables {
                out.push(offset);
                offset += s.len();
            }
        }
        part_start = i + c.len_utf8();
    }
}

/// Whether a token is ordinary text, rather than a number, an address or a symbol.
fn ordinary(token: &str) -> bool {
    let mut prev_dot = false;
    for c in token.chars() {
        if c.is_ascii_digit() || matches!(c, '/' | '@' | '\\' | '_' | '=' | '#' | '&' | '%' | '~') {
            return false;
        }
        // A dot or colon followed by a letter: "ohchr.org", "e.g.", "https:".
        if prev_dot && c.is_alphanumeric() {
            return false;
        }
        prev_dot = matches!(c, '.' | ':');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(word: &str, lang: Lang) -> String {
        let mut pts = Vec::new();
        points(word, 0, Hyphenator { lang, keep: &[] }, &mut pts);
        let mut s = word.to_string();
        for p in pts.into_iter().rev() {
            s.insert(p, '-');
        }
        s
    }

    #[test]
    fn languages_by_tag() {
        assert_eq!(language("en"), Some(Lang::English));
        assert_eq!(language("en-GB"), Some(Lang::English));
        assert_eq!(language("EN_us"), Some(Lang::English));
        assert_eq!(language("ru-RU"), Some(Lang::Russian));
        assert_eq!(language("fr"), None);
        assert_eq!(language(""), None);
    }

    #[test]
    fn the_states_names_are_left_whole() {
        let keep = ["Lumeria".to_string()];
        let hy = Hyphenator {
            lang: Lang::English,
            keep: &keep,
        };
        for word in ["Lumeria", "Lumeria’s", "(Lumeria),"] {
            let mut pts = Vec::new();
            points(word, 0, hy, &mut pts);
            assert!(pts.is_empty(), "{word}: {pts:?}");
        }
        assert_ne!(shown("Lumeria", Lang::English), "Lumeria");
    }

    #[test]
    fn words_are_hyphenated_with_two_letters_before_and_three_after() {
        assert_eq!(
            shown("recommendations", Lang::English),
            "rec-om-men-da-tions"
        );
        assert_eq!(
            shown("(implementation),", Lang::English),
            "(im-ple-men-ta-tion),"
        );
        assert_eq!(
            shown("non-governmental", Lang::English),
            "non-gov-ern-men-tal"
        );
        assert_eq!(
            shown("правозащитников", Lang::Russian),
            "пра-во-за-щит-ни-ков"
        );
        for w in ["below", "about"] {
            let s = shown(w, Lang::English);
            let parts: Vec<&str> = s.split('-').collect();
            assert!(
                parts[0].len() >= 2 && parts.last().map_or(0, |p| p.len()) >= 3,
                "{s}"
            );
        }
    }

    #[test]
    fn numbers_addresses_symbols_acronyms_and_short_words_are_left_whole() {
        for w in [
            "A/HRC/21/6",
            "https://www.ohchr.org/en/hrbodies",
            "www.ohchr.org",
            "registry@ohchr.org",
            "2019-2023",
            "123456789",
            "KAZAKHSTAN",
            "OHCHR",
            "word",
            "e.g.",
            "CCPR/C/KAZ/CO/2",
        ] {
            assert_eq!(shown(w, Lang::English), w);
        }
    }
}
