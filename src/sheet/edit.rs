//! Editing a dataset's TOML in place, so that its comments, blank lines and key order survive.
//!
//! Tables added to an array of tables (`[[recommendations.assessments]]`)
//! carry no document position; `toml_edit` then prints each right after the
//! table visited before it, which is the last entry of the same array: a new
//! assessment lands under its own recommendation, before the comments that
//! introduce the next one.

use std::str::FromStr;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::SheetError;

/// Parse a dataset file for editing.
pub fn parse(file: &str, text: &str) -> Result<DocumentMut, SheetError> {
    DocumentMut::from_str(text).map_err(|e| SheetError::Toml {
        file: file.to_string(),
        message: format!("not valid TOML: {e}"),
    })
}

/// The array of tables under `key` (`[[key]]`), created when absent.
pub fn tables_mut<'a>(
    file: &str,
    parent: &'a mut Table,
    key: &str,
) -> Result<&'a mut ArrayOfTables, SheetError> {
    let item = parent
        .entry(key)
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    if let Item::Value(Value::Array(a)) = item {
        if a.is_empty() {
            *item = Item::ArrayOfTables(ArrayOfTables::new());
        }
    }
    item.as_array_of_tables_mut()
        .ok_or_else(|| SheetError::Toml {
            file: file.to_string(),
            message: format!(
            "`{key}` is not written as [[{key}]] tables; hrdraft can only add to [[{key}]] entries \
             (rewrite the inline list as [[{key}]] tables and try again)"
        ),
        })
}

/// Keep the comments at the very end of the file with the entry they follow.
///
/// `toml_edit` holds what follows the last key of the file as the
/// document's trailing text, which it prints after every table, new ones
/// included: a note on the last recommendation would drift below entries
/// added after it. Moving that text into the last value's decoration keeps
/// it where it was written.
pub fn attach_trailing(doc: &mut DocumentMut) {
    let trailing = doc.trailing().as_str().unwrap_or("").to_string();
    if trailing.trim().is_empty() {
        return;
    }
    let Some(last) = last_table(doc.as_table_mut()) else {
        return;
    };
    let Some(value) = last
        .iter_mut()
        .filter_map(|(_, item)| item.as_value_mut())
        .last()
    else {
        return;
    };
    let suffix = value
        .decor()
        .suffix()
        .and_then(|s| s.as_str())
        .unwrap_or("")
        .to_string();
    let moved = trailing.strip_suffix('\n').unwrap_or(&trailing);
    value.decor_mut().set_suffix(format!("{suffix}\n{moved}"));
    doc.set_trailing("");
}

/// The table printed last: the one with the highest document position.
fn last_table(table: &mut Table) -> Option<&mut Table> {
    fn highest(t: &Table) -> Option<isize> {
        let mut best = t.position();
        for (_, item) in t.iter() {
            let nested = match item {
                Item::Table(n) => highest(n),
                Item::ArrayOfTables(a) => a.iter().filter_map(highest).max(),
                _ => None,
            };
            best = best.max(nested);
        }
        best
    }
    let target = highest(table)?;
    find(table, target)
}

fn find(table: &mut Table, position: isize) -> Option<&mut Table> {
    if table.position() == Some(position) {
        return Some(table);
    }
    for (_, item) in table.iter_mut() {
        let found = match item {
            Item::Table(n) => find(n, position),
            Item::ArrayOfTables(a) => a.iter_mut().find_map(|t| find(t, position)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A whole number read from a table, if it is one.
pub fn int(table: &Table, key: &str) -> Option<i64> {
    table.get(key).and_then(Item::as_integer)
}

/// A string read from a table, if it is one.
pub fn string<'a>(table: &'a Table, key: &str) -> Option<&'a str> {
    table.get(key).and_then(Item::as_str)
}

/// Set `key` to `value`, keeping the decoration (spacing, trailing comment)
/// of the value it replaces. Returns whether the table was missing the key.
pub fn set(table: &mut Table, key: &str, mut value: Value) -> bool {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
            false
        }
        _ => {
            table.insert(key, Item::Value(value));
            true
        }
    }
}

/// A text value written as a multi-line literal (`'''` … `'''`), the way
/// the datasets write comments, when the text allows it; otherwise a basic
/// string with escapes.
pub fn long_text(text: &str) -> Value {
    let literal_ok = !text.contains("'''")
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t');
    if literal_ok {
        if let Ok(v) = Value::from_str(&format!("'''\n{text}\n'''")) {
            return v;
        }
    }
    Value::from(text)
}

/// A date as the datasets write it: bare when full (`2010-02-12`), quoted
/// when partial (`"2010-02"`).
pub fn date(d: hrdraft_sdk::Date) -> Value {
    let text = d.to_string();
    if d.day.is_some() {
        if let Ok(v) = Value::from_str(&text) {
            return v;
        }
    }
    Value::from(text)
}

/// Put the keys of a table in this order; keys not listed keep their order after them.
pub fn order_keys(table: &mut Table, order: &[&str]) {
    let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(order.len());
    table.sort_values_by(|k1, _, k2, _| rank(k1.get()).cmp(&rank(k2.get())));
}

/// A new table that prints after a blank line, with `comment` lines above
/// it, each wrapped to fit 80 columns.
pub fn new_table(comment: &[&str]) -> Table {
    let mut t = Table::new();
    let mut prefix = String::from("\n");
    for line in comment {
        if line.is_empty() {
            prefix.push_str("#\n");
            continue;
        }
        let mut current = String::from("#");
        for word in line.split_whitespace() {
            if current.len() > 1 && current.len() + 1 + word.len() > 78 {
                prefix.push_str(&current);
                prefix.push('\n');
                current = String::from("#");
            }
            current.push(' ');
            current.push_str(word);
        }
        prefix.push_str(&current);
        prefix.push('\n');
    }
    t.decor_mut().set_prefix(prefix);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
# header
[[recommendations]]
number = 1
text = \"a\"

[[recommendations.assessments]]
stakeholder = \"X\"
level = \"not\"   # kept
comment = '''
old
'''

# about the second
[[recommendations]]
number = 2
text = \"b\"
";

    #[test]
    fn added_tables_land_under_their_parent_and_comments_survive() {
        let mut doc = parse("upr.toml", FILE).unwrap();
        let recs = tables_mut("upr.toml", doc.as_table_mut(), "recommendations").unwrap();
        let first = recs.get_mut(0).unwrap();
        let assessments = tables_mut("upr.toml", first, "assessments").unwrap();
        let mut t = new_table(&[]);
        t.insert("stakeholder", toml_edit::value("Y"));
        t.insert("comment", Item::Value(long_text("new\n\nsecond paragraph")));
        assessments.push(t);
        let old = assessments.get_mut(0).unwrap();
        set(old, "level", Value::from("fully"));
        let out = doc.to_string();
        let expected = FILE.replace("\"not\"   # kept", "\"fully\"   # kept").replace(
            "\n# about the second",
            "\n[[recommendations.assessments]]\nstakeholder = \"Y\"\ncomment = '''\nnew\n\nsecond paragraph\n'''\n\n# about the second",
        );
        assert_eq!(out, expected);
        // And the second recommendation can take its first assessment.
        let recs = tables_mut("upr.toml", doc.as_table_mut(), "recommendations").unwrap();
        let second = recs.get_mut(1).unwrap();
        let mut t = new_table(&[]);
        t.insert("stakeholder", toml_edit::value("Z"));
        tables_mut("upr.toml", second, "assessments")
            .unwrap()
            .push(t);
        assert!(doc.to_string().ends_with(
            "number = 2\ntext = \"b\"\n\n[[recommendations.assessments]]\nstakeholder = \"Z\"\n"
        ));
    }

    #[test]
    fn a_comment_at_the_end_of_the_file_stays_with_the_entry_it_follows() {
        let text = "[[recommendations]]\nnumber = 1\ntheme = \"x\"  # kept\n\n# No assessment.\n";
        let mut doc = parse("upr.toml", text).unwrap();
        attach_trailing(&mut doc);
        assert_eq!(doc.to_string(), text);
        let recs = tables_mut("upr.toml", doc.as_table_mut(), "recommendations").unwrap();
        let mut t = new_table(&["Added."]);
        t.insert("number", toml_edit::value(2));
        recs.push(t);
        assert_eq!(
            doc.to_string(),
            format!("{text}\n# Added.\n[[recommendations]]\nnumber = 2\n")
        );
    }

    #[test]
    fn text_that_a_literal_cannot_hold_is_escaped() {
        assert_eq!(long_text("a ''' b").to_string(), "\"a ''' b\"");
        assert_eq!(long_text("bell\u{7}").to_string(), "\"bell\\u0007\"");
        assert_eq!(long_text("it's").to_string(), "'''\nit's\n'''");
    }
}
