//! A small XML writer: one growing `String` per part, escaping done once as
//! text is appended.
//!
//! The parts are written directly in schema order, so there is no tree to
//! build and nothing to re-parse; callers push the markup as it is.

/// A part being written.
#[derive(Debug, Default)]
pub(super) struct Xml {
    buf: String,
}

impl Xml {
    pub(super) fn with_capacity(bytes: usize) -> Self {
        Xml {
            buf: String::with_capacity(bytes),
        }
    }

    /// Bytes written so far: a position to come back to.
    pub(super) fn len(&self) -> usize {
        self.buf.len()
    }

    /// Markup, as is.
    pub(super) fn raw(&mut self, markup: &str) {
        self.buf.push_str(markup);
    }

    /// Text or an attribute value, escaped.
    pub(super) fn text(&mut self, text: &str) {
        escape_into(&mut self.buf, text);
    }

    /// A number in decimal.
    pub(super) fn int(&mut self, n: i64) {
        if n < 0 {
            self.buf.push('-');
        }
        self.buf
            .push_str(itoa::Buffer::new().format(n.unsigned_abs()));
    }

    /// A number as eight upper-case hex digits (`w14:paraId`).
    pub(super) fn hex8(&mut self, n: u32) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for shift in (0..8).rev() {
            self.buf
                .push(char::from(HEX[((n >> (shift * 4)) & 0xF) as usize]));
        }
    }

    /// `<name w:val="value"/>` for a value that needs no escaping.
    pub(super) fn val(&mut self, name: &str, value: &str) {
        self.raw("<");
        self.raw(name);
        self.raw(r#" w:val=""#);
        self.raw(value);
        self.raw(r#""/>"#);
    }

    /// `<name w:val="n"/>`.
    pub(super) fn val_int(&mut self, name: &str, n: i64) {
        self.raw("<");
        self.raw(name);
        self.raw(r#" w:val=""#);
        self.int(n);
        self.raw(r#""/>"#);
    }

    /// Close the element whose start tag ends at `open` (just after its `>`):
    /// `<a …/>` if nothing was written since, `<a …>…</a>` otherwise.
    pub(super) fn close_at(&mut self, open: usize, name: &str) {
        if self.buf.len() == open && self.buf[..open].ends_with('>') {
            self.buf.truncate(open - 1);
            self.buf.push_str("/>");
        } else {
            self.buf.push_str("</");
            self.buf.push_str(name);
            self.buf.push('>');
        }
    }

    /// Forget everything written after `at`.
    pub(super) fn truncate(&mut self, at: usize) {
        self.buf.truncate(at);
    }

    /// Insert markup at an earlier position (a property found to be needed
    /// after its paragraph was written).
    pub(super) fn insert(&mut self, at: usize, markup: &str) {
        self.buf.insert_str(at, markup);
    }

    /// Whether what was written last is `markup`.
    pub(super) fn ends_with(&self, markup: &str) -> bool {
        self.buf.ends_with(markup)
    }

    pub(super) fn into_string(self) -> String {
        self.buf
    }
}

/// Text or an attribute value escaped for XML, without characters XML cannot hold.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Append `s` to `out` with `& < > " '` escaped and the characters XML 1.0
/// does not allow dropped: the C0 controls other than tab and newline
/// (carriage return too, which parsers would turn into a newline), U+FFFE
/// and U+FFFF. Tab and newline are kept; text runs turn them into `<w:tab/>`
/// and `<w:br/>` before they get here.
pub(super) fn escape_into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut done = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' | b'\n' => {
                i += 1;
                continue;
            }
            0..=0x1F => ("", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                ("", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        // Every byte matched above is ASCII or starts a character, so the
        // slice ends on a character boundary.
        out.push_str(&s[done..i]);
        out.push_str(replacement);
        i += len;
        done = i;
    }
    out.push_str(&s[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape(r#"a & b < c > d "e" 'f'"#),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;"
        );
        // `]]>` cannot close anything once `>` is escaped.
        assert_eq!(escape("x]]>y"), "x]]&gt;y");
        assert_eq!(escape("Қазақстан — ü ©"), "Қазақстан — ü ©");
    }

    #[test]
    fn characters_xml_forbids_are_dropped() {
        assert_eq!(escape("a\0b\u{1}c\u{b}d\u{c}e\u{1f}f\rg"), "abcdefg");
        assert_eq!(escape("a\u{FFFE}b\u{FFFF}c"), "abc");
        // Their neighbours are allowed and kept.
        assert_eq!(
            escape("\u{FFFD}\u{FFEF}\u{10000}"),
            "\u{FFFD}\u{FFEF}\u{10000}"
        );
        assert_eq!(escape("\u{7f}\u{85}"), "\u{7f}\u{85}");
        assert_eq!(escape("tab\tnew\nline"), "tab\tnew\nline");
    }

    #[test]
    fn quotes_in_attribute_values() {
        let mut x = Xml::default();
        x.raw(r#"<a b=""#);
        x.text(r#"say "hi" & 'bye'"#);
        x.raw(r#""/>"#);
        assert_eq!(
            x.into_string(),
            r#"<a b="say &quot;hi&quot; &amp; &apos;bye&apos;"/>"#
        );
    }

    #[test]
    fn numbers_and_empty_elements() {
        let mut x = Xml::default();
        for n in [0, 7, -42, i64::MAX, i64::MIN] {
            x.int(n);
            x.raw(" ");
        }
        x.hex8(0x3F);
        x.hex8(0x7FFF_FFFF);
        assert_eq!(
            x.into_string(),
            "0 7 -42 9223372036854775807 -9223372036854775808 0000003F7FFFFFFF"
        );

        let mut x = Xml::default();
        x.raw("<w:r>");
        let open = x.len();
        x.close_at(open, "w:r");
        x.raw("<w:r>");
        let open = x.len();
        x.raw("<w:tab/>");
        x.close_at(open, "w:r");
        assert_eq!(x.into_string(), "<w:r/><w:r><w:tab/></w:r>");
    }
}
