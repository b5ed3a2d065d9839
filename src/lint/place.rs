//! Finding a warning's [`Place`](super::Place) in a file: a field of a
//! TOML file by its path, or printed text where it was written.

use std::ops::Range;

use toml_edit::{Document, Item, Table};

/// The byte range of the field at `path` ("sources[3].date") in `text`, a
/// TOML file: its value, or its key when the value has no span.
pub fn field(text: &str, path: &str) -> Option<Range<usize>> {
    let doc = text.parse::<Document<String>>().ok()?;
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (key, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        segments.push(Segment::Key(key));
        for index in indexes.split('[').filter(|s| !s.is_empty()) {
            segments.push(Segment::Index(index.trim_end_matches(']').parse().ok()?));
        }
    }
    in_table(doc.as_table(), &segments)
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn in_table(table: &Table, rest: &[Segment<'_>]) -> Option<Range<usize>> {
    match rest.split_first() {
        None => table.span(),
        Some((Segment::Key(k), rest)) => {
            let (key, item) = table.get_key_value(k)?;
            in_item(item, rest).or_else(|| key.span())
        }
        Some((Segment::Index(_), _)) => table.span(),
    }
}

fn in_item(item: &Item, rest: &[Segment<'_>]) -> Option<Range<usize>> {
    match (item, rest.split_first()) {
        (Item::Value(v), None) => v.span(),
        (Item::Table(t), _) => in_table(t, rest),
        (Item::ArrayOfTables(a), Some((Segment::Index(i), rest))) => in_table(a.get(*i)?, rest),
        (Item::Value(toml_edit::Value::InlineTable(t)), Some((Segment::Key(k), rest))) => {
            let (key, v) = t.get_key_value(k)?;
            match rest {
                [] => v.span().or_else(|| key.span()),
                _ => None,
            }
        }
        (Item::Value(toml_edit::Value::Array(a)), Some((Segment::Index(i), []))) => {
            a.get(*i)?.span()
        }
        _ => None,
    }
}

/// Where in `haystack` (a template or dataset file as written) the printed
/// `text` was written: the longest run of its words found there, from the
/// whole text down to three words, comparing curly and straight quotes as
/// one; with the number of words found. `None` when no run of three
/// words or more is found.
pub fn text(haystack: &str, text: &str) -> Option<(Range<usize>, usize)> {
    let (plain, offsets) = straightened(haystack);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut size = words.len();
    while size >= 3 {
        for start in 0..=words.len() - size {
            let phrase = straightened(&words[start..start + size].join(" ")).0;
            if phrase.chars().count() < 12 {
                continue;
            }
            if let Some(at) = plain.find(&phrase) {
                let from = offsets.get(at).copied()?;
                let to = offsets
                    .get(at + phrase.len())
                    .copied()
                    .unwrap_or(haystack.len());
                return Some((from..to, size));
            }
        }
        size = if size > 8 { 8 } else { size - 1 };
    }
    None
}

/// `text` with curly quotes straight and Markdown escapes dropped, and for
/// each byte of the result the offset of the byte it came from.
fn straightened(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let c = match c {
            '“' | '”' | '«' | '»' => '"',
            '‘' | '’' => '\'',
            '\\' => continue,
            c => c,
        };
        let before = out.len();
        out.push(c);
        offsets.extend(std::iter::repeat_n(at, out.len() - before));
    }
    offsets.push(text.len());
    (out, offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_found_by_its_path() {
        let text = "[[sources]]\nid = \"a\"\n\n[[sources]]\nid = \"b\"\ndate = 2012-12-03\n";
        let r = field(text, "sources[1].date").unwrap_or_default();
        assert_eq!(&text[r], "2012-12-03");
        let r = field(text, "sources[0].id").unwrap_or_default();
        assert_eq!(&text[r], "\"a\"");
        // No such entry: the key that holds the entries.
        let r = field(text, "sources[5].id").unwrap_or_default();
        assert_eq!(&text[r], "sources");
        assert_eq!(field(text, "nothing"), None);
    }

    #[test]
    fn printed_text_is_found_with_its_quotes_straightened() {
        let hay = "x = \"We note your pledge: \\\"Adopt a law\\\" now.\"";
        let (r, words) = text(hay, "your pledge: “Adopt a law” now").unwrap_or_default();
        assert!(hay[r].starts_with("your pledge"));
        assert_eq!(words, 6);
        assert_eq!(text(hay, "nothing of the kind here"), None);
    }
}
