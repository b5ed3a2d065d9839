//! Writing TOML text by hand: arrays of tables as the example datasets lay them out.
//!
//! The generator writes text directly rather than serializing the model so
//! that a generated file reads like one a person wrote (tables, arrays of
//! tables, one key a line), which is what the loader meets in practice.

use std::fmt::Write;

/// A TOML document being written.
#[derive(Default)]
pub struct Toml(pub String);

impl Toml {
    /// A comment line.
    pub fn comment(&mut self, text: &str) -> &mut Self {
        let _ = writeln!(self.0, "# {text}");
        self
    }

    /// `[name]`, after a blank line.
    pub fn table(&mut self, name: &str) -> &mut Self {
        let _ = write!(self.0, "\n[{name}]\n");
        self
    }

    /// `[[name]]`, after a blank line.
    pub fn array(&mut self, name: &str) -> &mut Self {
        let _ = write!(self.0, "\n[[{name}]]\n");
        self
    }

    /// `key = "value"`.
    pub fn str(&mut self, key: &str, value: &str) -> &mut Self {
        let _ = write!(self.0, "{key} = ");
        quote(&mut self.0, value);
        self.0.push('\n');
        self
    }

    /// `key = '''…'''` for text over several lines, as the examples write comments.
    pub fn long(&mut self, key: &str, value: &str) -> &mut Self {
        if value.contains("'''") || value.contains('\r') {
            return self.str(key, value);
        }
        let _ = write!(self.0, "{key} = '''\n{value}\n'''\n");
        self
    }

    /// `key = value`, the value written as TOML already (numbers, dates, booleans).
    pub fn raw(&mut self, key: &str, value: impl std::fmt::Display) -> &mut Self {
        let _ = writeln!(self.0, "{key} = {value}");
        self
    }

    /// `key = ["a", "b"]`.
    pub fn strs<S: AsRef<str>>(&mut self, key: &str, values: &[S]) -> &mut Self {
        let _ = write!(self.0, "{key} = [");
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.0.push_str(", ");
            }
            quote(&mut self.0, v.as_ref());
        }
        self.0.push_str("]\n");
        self
    }
}

/// A TOML basic string.
pub fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_survive_a_toml_parser() {
        let mut t = Toml::default();
        t.str("a", "say \"hi\"\\ \u{1}\tend")
            .long("b", "line one\n\nline «two»")
            .strs("c", &["x", "y\"z"]);
        let doc: toml_edit::DocumentMut = t.0.parse().unwrap();
        assert_eq!(doc["a"].as_str(), Some("say \"hi\"\\ \u{1}\tend"));
        assert_eq!(doc["b"].as_str(), Some("line one\n\nline «two»\n"));
        assert_eq!(doc["c"][1].as_str(), Some("y\"z"));
    }
}
