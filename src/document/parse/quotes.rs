//! Typographic quotes: the straight `'` and `"` of a document's text become
//! the curly quotes of its language.
//!
//! Only text is changed: never code, a link's target, an autolink's address
//! (which is its text) or anything inside an HTML tag. Whether a quote opens
//! or closes is read from the characters around it across the whole
//! paragraph, heading or cell, through emphasis and links:
//!
//! - `'` after a letter or digit is an apostrophe or a closing quote, both
//!   `’` ("country’s", "States’", "1990’s"); at the start, after a space, an
//!   opening bracket, a dash or an opening quote it opens (`‘`), unless a
//!   space or the end follows or it shortens a year ("’90s"); elsewhere
//!   (after punctuation, a closing quote or a footnote mark) it closes.
//! - `"` opens where `'` would and something other than a space follows;
//!   elsewhere it closes. Between spaces it closes a quote left open, else opens.
//! - English: `‘ ’` and `“ ”`. Russian: `«` and `»`, with `„` and `“` for a
//!   quote inside another; `‘ ’` for single quotes. Any other language gets
//!   the English marks until its own are added to [`Quotes`].
//!
//! Quotes already curly are left as they are (and count as opening or
//! closing for what follows). `--` and `...` are left alone.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::inline::is_inline;

/// The quotation marks of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotes {
    /// ‘single’ and “double”; the apostrophe is ’.
    English,
    /// «double», „inner“ within them, ‘single’; the apostrophe is ’.
    Russian,
}

impl Quotes {
    /// The quotes of a BCP 47 language tag: Russian for `ru` (`ru-RU` …),
    /// English for any other.
    pub fn for_language(tag: &str) -> Quotes {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("ru") {
            Quotes::Russian
        } else {
            Quotes::English
        }
    }

    /// Whether `c` opens a quotation in this language's text.
    fn opens(self, c: char) -> bool {
        match self {
            Quotes::English => matches!(c, '‘' | '“' | '«' | '„' | '‚'),
            // `“` closes `„` in Russian.
            Quotes::Russian => matches!(c, '‘' | '«' | '„' | '‚'),
        }
    }
}

/// Stands for a footnote reference in the characters read around a quote:
/// a mark after a word, so a quote right after it closes.
const NOTE_MARK: char = '\u{FFFC}';

/// `text` with its straight quotes made curly as in a paragraph holding
/// only it, for `language` (a BCP 47 tag). This is what the parser does to
/// a paragraph of plain text; a line break counts as a space.
pub fn smart_quotes(text: &str, language: &str) -> String {
    if !text.contains(['\'', '"']) {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    let convert = vec![true; chars.len()];
    curl(&mut chars, &convert, Quotes::for_language(language));
    chars.into_iter().collect()
}

/// Curl the quotes in the text events of every run of inline content,
/// leaving code blocks and HTML blocks as they are.
pub(super) fn curl_events(events: &mut [(Event<'_>, Range<usize>)], quotes: Quotes) {
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                while i < events.len()
                    && !matches!(
                        events[i].0,
                        Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock)
                    )
                {
                    i += 1;
                }
                i += 1;
            }
            e if is_inline(e) => {
                let start = i;
                while i < events.len() && is_inline(&events[i].0) {
                    i += 1;
                }
                curl_run(&mut events[start..i], quotes);
            }
            _ => i += 1,
        }
    }
}

/// Curl the quotes of one paragraph, heading or cell.
fn curl_run(run: &mut [(Event<'_>, Range<usize>)], quotes: Quotes) {
    let straight = |e: &Event<'_>| matches!(e, Event::Text(t) if t.contains(['\'', '"']));
    if !run.iter().any(|(e, _)| straight(e)) {
        return;
    }
    // The run's characters as a reader meets them, and which may change.
    let mut chars = Vec::new();
    let mut convert = Vec::new();
    // Text events to rewrite: (index in the run, range in `chars`).
    let mut texts = Vec::new();
    let mut in_autolink = false;
    for (k, (event, _)) in run.iter().enumerate() {
        let (text, may_change) = match event {
            Event::Text(t) => (t.as_ref(), !in_autolink),
            Event::Code(t) => (t.as_ref(), false),
            Event::SoftBreak | Event::HardBreak => (" ", false),
            Event::InlineHtml(h) if h.trim_start().to_ascii_lowercase().starts_with("<br") => {
                (" ", false)
            }
            Event::FootnoteReference(_) => {
                chars.push(NOTE_MARK);
                convert.push(false);
                continue;
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                in_autolink = true;
                continue;
            }
            Event::End(TagEnd::Link) => {
                in_autolink = false;
                continue;
            }
            _ => continue,
        };
        let start = chars.len();
        chars.extend(text.chars());
        convert.resize(chars.len(), may_change);
        if may_change && straight(event) {
            texts.push((k, start..chars.len()));
        }
    }
    curl(&mut chars, &convert, quotes);
    for (k, range) in texts {
        let text: String = chars[range].iter().collect();
        run[k].0 = Event::Text(CowStr::from(text));
    }
}

/// Curl the straight quotes of `chars` that `convert` allows, reading the
/// characters around each (all of them, converted or not) as context.
fn curl(chars: &mut [char], convert: &[bool], quotes: Quotes) {
    // The double quotes open at this point, innermost last.
    let mut open: Vec<char> = Vec::new();
    for i in 0..chars.len() {
        let c = chars[i];
        if !convert[i] || !matches!(c, '\'' | '"') {
            track(c, quotes, &mut open);
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let before_open = prev.is_none_or(|p| opening_context(p, quotes));
        let space_after = next.is_none_or(char::is_whitespace);
        chars[i] = if c == '\'' {
            let year = next.is_some_and(|n| n.is_ascii_digit())
                && chars.get(i + 2).is_some_and(char::is_ascii_digit)
                && !chars.get(i + 3).is_some_and(char::is_ascii_digit);
            if before_open && !space_after && !year {
                '‘'
            } else {
                '’'
            }
        } else if before_open && (!space_after || open.is_empty()) {
            let mark = match quotes {
                Quotes::English => '“',
                Quotes::Russian if open.is_empty() => '«',
                Quotes::Russian => '„',
            };
            open.push(mark);
            mark
        } else {
            match (quotes, open.pop()) {
                (Quotes::English, _) => '”',
                (Quotes::Russian, Some('„')) => '“',
                (Quotes::Russian, _) => '»',
            }
        };
    }
}

/// Follow the double quotes already curly in the text.
fn track(c: char, quotes: Quotes, open: &mut Vec<char>) {
    match (quotes, c) {
        (Quotes::English, '“') | (Quotes::Russian, '«' | '„') => open.push(c),
        (Quotes::English, '”') | (Quotes::Russian, '»' | '“') => {
            open.pop();
        }
        _ => {}
    }
}

/// Whether a quote after `prev` opens: after a space, an opening bracket, a
/// dash, a slash or an opening quote.
fn opening_context(prev: char, quotes: Quotes) -> bool {
    prev.is_whitespace()
        || matches!(
            prev,
            '(' | '[' | '{' | '<' | '-' | '‐' | '‒' | '–' | '—' | '―' | '/'
        )
        || quotes.opens(prev)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_quotes_by_their_neighbours() {
        for (straight, curly) in [
            ("KAZAKHSTAN'S", "KAZAKHSTAN’S"),
            ("the country's pledges", "the country’s pledges"),
            ("the States' pledges", "the States’ pledges"),
            ("in the 1990's", "in the 1990’s"),
            ("in the '90s", "in the ’90s"),
            ("'Tis", "‘Tis"),
            ("\"Quoted\" at the start", "“Quoted” at the start"),
            ("he said \"yes\".", "he said “yes”."),
            ("he said \"yes.\"", "he said “yes.”"),
            ("(\"bracketed\")", "(“bracketed”)"),
            ("('single')", "(‘single’)"),
            ("[\"x\"]", "[“x”]"),
            ("a dash —\"quoted\"", "a dash —“quoted”"),
            ("a dash –'quoted'", "a dash –‘quoted’"),
            ("a-\"b\"", "a-“b”"),
            ("\"she said 'no' to it\"", "“she said ‘no’ to it”"),
            ("\"'nested'\"", "“‘nested’”"),
            ("'\"nested\"'", "‘“nested”’"),
            ("\"x,\" 'y,' z", "“x,” ‘y,’ z"),
            ("12\" long", "12” long"),
            ("don't", "don’t"),
            ("rock 'n' roll", "rock ‘n’ roll"),
            ("a \" b", "a “ b"),
            ("\"a \" b", "“a ” b"),
            ("'", "’"),
            ("\"", "“"),
            ("\"\"", "“”"),
            ("line\n\"next\"", "line\n“next”"),
            // Curly quotes stay; so do `--` and `...`.
            ("“already” ‘curly’", "“already” ‘curly’"),
            ("“mixed\" 'x’", "“mixed” ‘x’"),
            ("a -- b ... c", "a -- b ... c"),
        ] {
            assert_eq!(smart_quotes(straight, "en"), curly, "{straight:?}");
            assert_eq!(smart_quotes(straight, "en-GB"), curly, "{straight:?}");
        }
    }

    #[test]
    fn russian_quotes_are_guillemets_with_inner_quotes() {
        for (straight, curly) in [
            ("\"Мемориал\"", "«Мемориал»"),
            ("по теме \"Смертная казнь\".", "по теме «Смертная казнь»."),
            (
                "\"Движение \"За права\" и другие\"",
                "«Движение „За права“ и другие»",
            ),
            ("«Движение \"За права\"»", "«Движение „За права“»"),
            ("Кот-д'Ивуар", "Кот-д’Ивуар"),
            ("('одинарные')", "(‘одинарные’)"),
            ("—\"цитата\"", "—«цитата»"),
        ] {
            assert_eq!(smart_quotes(straight, "ru"), curly, "{straight:?}");
            assert_eq!(smart_quotes(straight, "ru-RU"), curly, "{straight:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn every_straight_quote_is_curled_and_nothing_else(
            s in "[ a-zA-Z0-9'\"“”‘’«»„(\\[—–.,\n-]{0,40}",
            ru in proptest::bool::ANY,
        ) {
            let lang = if ru { "ru" } else { "en" };
            let out = smart_quotes(&s, lang);
            proptest::prop_assert!(!out.contains(['\'', '"']), "{:?} gave {:?}", s, out);
            proptest::prop_assert_eq!(out.chars().count(), s.chars().count());
            for (a, b) in s.chars().zip(out.chars()) {
                proptest::prop_assert!(a == b || matches!(a, '\'' | '"'), "{:?} gave {:?}", s, out);
            }
            proptest::prop_assert_eq!(smart_quotes(&out, lang), out);
        }
    }

    #[test]
    fn languages_without_their_own_marks_get_english_ones() {
        assert_eq!(Quotes::for_language("fr"), Quotes::English);
        assert_eq!(Quotes::for_language("RU_ru"), Quotes::Russian);
        assert_eq!(Quotes::for_language(""), Quotes::English);
    }
}
