//! Reading one TOML file of a dataset, collecting every problem with its position.

use std::fmt::Write as _;
use std::ops::Range;

use serde::de::{DeserializeOwned, IntoDeserializer};
use toml_edit::{Document, Item};

use super::{Diagnostic, FieldPath, Severity};

/// One parsed file, from which sections are taken one by one.
pub(crate) struct TomlFile {
    pub(crate) name: String,
    pub(crate) text: String,
    /// The parsed file's top-level table, spans kept; arrays are moved out of it as they are read.
    doc: Option<toml_edit::Table>,
}

impl TomlFile {
    /// A file read by the fast path: its text alone, for [`TomlFile::span_of`]
    /// to locate the findings of validation.
    pub(crate) fn unparsed(name: &str, text: String) -> TomlFile {
        TomlFile {
            name: name.to_string(),
            text,
            doc: None,
        }
    }

    /// Decode and parse `bytes`; problems go to `out` and leave an empty file.
    pub(crate) fn parse(name: &str, bytes: &[u8], out: &mut Vec<Diagnostic>) -> TomlFile {
        let mut file = TomlFile {
            name: name.to_string(),
            text: String::new(),
            doc: None,
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(e) => {
                let valid = e.valid_up_to();
                // Position the error on the text before the bad byte, which is valid.
                let lossy = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                let pos = Position::of(&lossy, valid);
                out.push(Diagnostic {
                    severity: Severity::Error,
                    file: name.to_string(),
                    line: pos.line,
                    column: pos.column,
                    field: String::new(),
                    message: format!(
                        "the file is not UTF-8 text (byte 0x{:02X} at offset {valid})",
                        bytes[valid]
                    ),
                    hint: Some("save the file as UTF-8".into()),
                    snippet: None,
                });
                return file;
            }
        };
        file.text = text;
        if file.text.trim().is_empty() {
            out.push(file.whole_file_error(
                "the file is empty",
                Some(format!(
                    "delete `{name}` if the dataset has nothing to record in it"
                )),
            ));
            return file;
        }
        match file.text.parse::<Document<String>>() {
            Ok(doc) => {
                let mut found = Vec::new();
                control_characters_in_table(doc.as_table(), &mut String::new(), &mut found);
                for (field, c, span) in found {
                    out.push(file.diagnostic(
                        span,
                        field,
                        format!(
                            "the text holds the control character U+{:04X}, which no document can show",
                            u32::from(c)
                        ),
                        Some("remove it; write line breaks as \\n and tabs as \\t".into()),
                    ));
                }
                file.doc = Some(doc.into_table());
            }
            Err(e) => {
                let span = e.span();
                let message = first_line(e.message());
                // A month or a year alone ("2022-11") is no TOML date: it is
                // written as text, which the date fields accept.
                let hint = message.starts_with("invalid date").then(|| {
                    "a date without its day is written in quotes: due = \"2022-11\", \
                     date = \"2022\"; a whole date may be bare: date = 2022-11-15"
                        .to_string()
                });
                out.push(file.diagnostic(span, String::new(), message, hint));
            }
        }
        file
    }

    /// The span of the value at `path`, found by parsing the text again:
    /// only problems found after loading need it, and they are rare.
    pub(crate) fn span_of(&self, path: &FieldPath) -> Option<Range<usize>> {
        let doc = self.text.parse::<Document<String>>().ok()?;
        locate(&doc, path)
    }

    /// Take the array of tables under `key` out of the file and deserialize
    /// each element on its own, so that every bad element is reported.
    pub(crate) fn take_array<T: DeserializeOwned>(
        &mut self,
        key: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<T> {
        let Some(doc) = self.doc.as_mut() else {
            return Vec::new();
        };
        // Moved out, not copied: on a large dataset this array is most of the file.
        let Some(item) = doc.remove(key) else {
            return Vec::new();
        };
        let elements: Vec<Item> = match item {
            Item::ArrayOfTables(a) => a.into_iter().map(Item::Table).collect(),
            Item::Value(toml_edit::Value::Array(a)) => a.into_iter().map(Item::Value).collect(),
            other => {
                let span = other.span();
                let found = other.type_name();
                out.push(self.diagnostic(
                    span,
                    key.to_string(),
                    format!("expected an array of tables (`[[{key}]]`), found {found}"),
                    None,
                ));
                return Vec::new();
            }
        };
        let mut values = Vec::with_capacity(elements.len());
        for (i, element) in elements.into_iter().enumerate() {
            let span = element.span();
            let prefix = format!("{key}[{i}]");
            match deserialize_item::<T>(element) {
                Ok(v) => values.push(v),
                Err((path, err)) => {
                    let at = err.span().or(span.clone());
                    let field = join_path(&prefix, &path);
                    let hint = type_hint(err.message())
                        .or_else(|| placement_hint(&self.name, &field, err.message()));
                    out.push(self.diagnostic(at, field, friendly(err.message()), hint));
                }
            }
        }
        values
    }

    /// Deserialize what is left of the file as `T`.
    pub(crate) fn rest<T: DeserializeOwned>(&mut self, out: &mut Vec<Diagnostic>) -> Option<T> {
        let rest = self.doc.take()?;
        match deserialize_item::<T>(Item::Table(rest)) {
            Ok(v) => Some(v),
            Err((path, err)) => {
                let hint = type_hint(err.message())
                    .or_else(|| placement_hint(&self.name, &path, err.message()));
                out.push(self.diagnostic(err.span(), path, friendly(err.message()), hint));
                None
            }
        }
    }

    pub(crate) fn whole_file_error(&self, message: &str, hint: Option<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: self.name.clone(),
            line: 1,
            column: 1,
            field: String::new(),
            message: message.to_string(),
            hint,
            snippet: None,
        }
    }

    /// The dataset file `name` of `dir`, read again to place a finding
    /// made after loading (empty when it cannot be read).
    pub(crate) fn reread(dir: &std::path::Path, name: &str) -> TomlFile {
        let text = super::open::read_file(dir, name)
            .ok()
            .flatten()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        TomlFile::unparsed(name, text)
    }

    /// A diagnostic at `span` of this file.
    pub(crate) fn diagnostic(
        &self,
        span: Option<Range<usize>>,
        field: String,
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        let (line, column, snippet) = match span {
            Some(span) => {
                let pos = Position::of(&self.text, span.start);
                (pos.line, pos.column, Some(pos.snippet(&self.text, span)))
            }
            None => (1, 1, None),
        };
        Diagnostic {
            severity: Severity::Error,
            file: self.name.clone(),
            line,
            column,
            field: clip(field, MAX_MESSAGE_CHARS),
            // Messages quote the value found, which may be a megabyte long.
            message: clip(message, MAX_MESSAGE_CHARS),
            hint,
            snippet,
        }
    }
}

/// Every string value holding a control character other than a tab or line
/// break, with its field path: such a character is always a mistake (a
/// stray `\u0000` or a paste from another program), and writers could only
/// drop it or show a replacement mark in a letter to a minister.
fn control_characters_in_table(
    t: &toml_edit::Table,
    path: &mut String,
    found: &mut Vec<(String, char, Option<Range<usize>>)>,
) {
    for (key, item) in t.iter() {
        // One path buffer for the whole walk: a path is built only to be
        // reported, and a large file has millions of values.
        let len = path.len();
        if len > 0 {
            path.push('.');
        }
        path.push_str(key);
        match item {
            Item::Value(v) => control_characters_in_value(v, path, found),
            Item::Table(t) => control_characters_in_table(t, path, found),
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    let len = path.len();
                    let _ = write!(path, "[{i}]");
                    control_characters_in_table(t, path, found);
                    path.truncate(len);
                }
            }
            Item::None => {}
        }
        path.truncate(len);
    }
}

fn control_characters_in_value(
    v: &toml_edit::Value,
    path: &mut String,
    found: &mut Vec<(String, char, Option<Range<usize>>)>,
) {
    match v {
        toml_edit::Value::String(s) => {
            if let Some(c) = s
                .value()
                .chars()
                .find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            {
                found.push((path.clone(), c, s.span()));
            }
        }
        toml_edit::Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                control_characters_in_value(v, path, found);
                path.truncate(len);
            }
        }
        toml_edit::Value::InlineTable(t) => {
            for (k, v) in t.iter() {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                control_characters_in_value(v, path, found);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// The longest message or field path a diagnostic repeats from the data.
const MAX_MESSAGE_CHARS: usize = 300;
/// The most of a source line a snippet shows.
const MAX_SNIPPET_CHARS: usize = 120;

/// `text` cut to `max` characters, saying how long it was.
pub(crate) fn clip(text: String, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}… ({count} characters in all)")
}

fn deserialize_item<T: DeserializeOwned>(item: Item) -> Result<T, (String, toml_edit::de::Error)> {
    let value = match item.into_value() {
        Ok(v) => v,
        Err(item) => {
            let found = item.type_name();
            return Err((
                String::new(),
                <toml_edit::de::Error as serde::de::Error>::custom(format!(
                    "expected a table, found {found}"
                )),
            ));
        }
    };
    let de: toml_edit::de::ValueDeserializer = value.into_deserializer();
    serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
        let path = path_string(e.path());
        (path, e.into_inner())
    })
}

fn path_string(path: &serde_path_to_error::Path) -> String {
    let s = path.to_string();
    if s == "." {
        String::new()
    } else {
        s
    }
}

fn join_path(prefix: &str, rest: &str) -> String {
    if rest.is_empty() {
        prefix.to_string()
    } else if rest.starts_with('[') {
        format!("{prefix}{rest}")
    } else {
        format!("{prefix}.{rest}")
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

/// Reword serde's messages the way a drafter reads them:
/// "unknown variant `partial`, expected one of `not`, `partially`, `fully`"
/// becomes `expected one of "not", "partially", "fully", found "partial"`.
/// How to write a value of the type a key wants, when a message says the
/// type was wrong: a yes-or-no key given text ("the", "yes") is the
/// commonest.
fn type_hint(message: &str) -> Option<String> {
    let message = first_line(message);
    if message.starts_with("unknown variant `rejected`") && message.contains("`noted`") {
        return Some(
            "the UPR records a recommendation the State does not support as \"noted\"".into(),
        );
    }
    if message == "missing field `mandates`" {
        return Some("write mandates = [] when the source names none".into());
    }
    if !message.starts_with("invalid type") {
        return None;
    }
    if message.ends_with("expected a boolean") {
        Some("write true or false, without quotes".into())
    } else if message.contains("expected u") || message.contains("expected i") {
        Some("write a whole number, without quotes".into())
    } else if message.ends_with("expected a sequence") {
        Some("write a list in brackets, even of one item: [\"…\"]".into())
    } else if message.contains(", expected struct ") {
        Some(
            "this key holds a table of keys of its own (docs/dataset.md lists them): \
             write { key = value, … }"
                .into(),
        )
    } else {
        None
    }
}

/// What to do about an unknown key (`field` is its path, "contact.reply_by"):
/// a key a letter or two from one the table takes is most likely that one
/// mistyped; another, inside a table of its own, may have been meant for
/// the table before it, since in TOML a key belongs to the last `[table]`
/// line above it, so a key written after `[contact]` (or after a
/// recommendation's first `[[recommendations.assessments]]`) is read as
/// that table's, whatever the writer meant. A key this file does not know
/// anywhere and one other file does is sent there ("\"previous_letter\"
/// belongs in documents.toml, in a [[documents]] entry").
fn placement_hint(file: &str, field: &str, message: &str) -> Option<String> {
    let message = first_line(message);
    let rest = message.strip_prefix("unknown field `")?;
    let (key, expected) = rest.split_once('`')?;
    let near = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|k| (k, super::files::edit_distance(key, k)))
        .filter(|&(k, d)| d <= 2.max(k.len() / 8))
        .min_by_key(|&(k, d)| (d, k));
    if let Some((k, _)) = near {
        return Some(format!("did you mean \"{k}\"?"));
    }
    if let Some(hint) = super::files::key_elsewhere(key, file) {
        return Some(hint);
    }
    let table = field.rsplit_once('.')?.0;
    // A key of an element of a top-level array of tables sits where it was
    // written.
    if !table.contains('.') && table.ends_with(']') {
        return None;
    }
    let name: String = table
        .split('.')
        .map(|seg| seg.split('[').next().unwrap_or(seg))
        .collect::<Vec<_>>()
        .join(".");
    let header = if table.ends_with(']') {
        format!("[[{name}]]")
    } else {
        format!("[{name}]")
    };
    Some(format!(
        "in TOML a key belongs to the last table line above it: if {key} belongs to the \
         table before {header}, write it above the {header} line"
    ))
}

pub(crate) fn friendly(message: &str) -> String {
    let message = first_line(message);
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let expected = expected.replace('`', "\"");
            return format!("expected {expected}, found {}", found.replace('`', "\""));
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "unknown key {}: keys here are {}",
                found.replace('`', "\""),
                expected
                    .trim_start_matches("one of ")
                    .trim_start_matches("one of")
                    .replace('`', "\"")
            );
        }
        if let Some((found, _)) = rest.split_once(", there are no fields") {
            return format!(
                "unknown key {}: no keys are allowed here",
                found.replace('`', "\"")
            );
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("missing required key {}", rest.replace('`', "\""));
    }
    if message.starts_with("invalid type") {
        // serde's names for the types a key wants, as a drafter reads them.
        if let Some(at) = message.find(", expected struct ") {
            return format!("{}, expected a table", &message[..at]);
        }
        if let Some(found) = message.strip_suffix(", expected a sequence") {
            return format!("{found}, expected a list");
        }
    }
    message
}

/// A 1-based line and column (in characters) of a byte offset.
pub(crate) struct Position {
    pub(crate) line: usize,
    pub(crate) column: usize,
    line_start: usize,
}

impl Position {
    pub(crate) fn of(text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            line_start,
        }
    }

    /// The source line and the span to underline on it.
    pub(crate) fn snippet(&self, text: &str, span: Range<usize>) -> super::Snippet {
        let line_end = text[self.line_start..]
            .find('\n')
            .map_or(text.len(), |i| self.line_start + i);
        let line_text = text[self.line_start..line_end].trim_end_matches('\r');
        let end = floor_char_boundary(text, span.end.min(line_end).max(span.start));
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let width = text[start..end.max(start)].chars().count().max(1);
        // A line of a megabyte is shown as the part around the column.
        let chars = line_text.chars().count();
        if chars <= MAX_SNIPPET_CHARS {
            return super::Snippet {
                line_text: line_text.to_string(),
                column: self.column,
                width,
            };
        }
        let from = self.column.saturating_sub(1).saturating_sub(40);
        let mut shown: String = line_text
            .chars()
            .skip(from)
            .take(MAX_SNIPPET_CHARS)
            .collect();
        let column = self.column - from;
        let width = width
            .min(MAX_SNIPPET_CHARS.saturating_sub(column - 1))
            .max(1);
        if from + MAX_SNIPPET_CHARS < chars {
            shown.push('…');
        }
        if from > 0 {
            shown.insert(0, '…');
            return super::Snippet {
                line_text: shown,
                column: column + 1,
                width,
            };
        }
        super::Snippet {
            line_text: shown,
            column,
            width,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Find the span of the value at `path` in a parsed file, for reporting a
/// problem found after loading (a dangling reference, a duplicate id).
pub(crate) fn locate(doc: &Document<String>, path: &FieldPath) -> Option<Range<usize>> {
    locate_in_table(doc.as_table(), &path.0)
}

fn locate_in_table(t: &toml_edit::Table, rest: &[super::Seg]) -> Option<Range<usize>> {
    let Some((first, rest)) = rest.split_first() else {
        return t.span();
    };
    match first {
        super::Seg::Key(k) => {
            let (key, value) = t.get_key_value(k)?;
            locate_in_item(value, rest).or(key.span())
        }
        super::Seg::Index(_) => t.span(),
    }
}

fn locate_in_item(item: &Item, rest: &[super::Seg]) -> Option<Range<usize>> {
    match item {
        Item::Table(t) => locate_in_table(t, rest),
        Item::Value(v) => locate_in_value(v, rest),
        Item::ArrayOfTables(a) => match rest.split_first() {
            Some((super::Seg::Index(i), rest)) => locate_in_table(a.get(*i)?, rest),
            _ => a.span(),
        },
        Item::None => None,
    }
}

fn locate_in_value(v: &toml_edit::Value, rest: &[super::Seg]) -> Option<Range<usize>> {
    let Some((first, rest)) = rest.split_first() else {
        return v.span();
    };
    match (first, v) {
        (super::Seg::Key(k), toml_edit::Value::InlineTable(t)) => {
            let (key, value) = t.get_key_value(k)?;
            locate_in_item(value, rest).or(key.span())
        }
        (super::Seg::Index(i), toml_edit::Value::Array(a)) => {
            locate_in_value(a.get(*i)?, rest).or(v.span())
        }
        _ => v.span(),
    }
}
