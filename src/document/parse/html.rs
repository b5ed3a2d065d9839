//! The few HTML-like tags templates may use for layout Markdown cannot express.
//!
//! This reads tags, not HTML: a template writes each tag whole, and the tags
//! allowed are listed in docs/templates.md. Anything else is refused by the
//! caller, naming the tag.

/// One piece of an HTML run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// `<name a="v">` or `<name/>`.
    Open {
        /// Lower-case tag name.
        name: String,
        /// Attributes in order, names lower-case.
        attrs: Vec<(String, String)>,
        /// Written `<name/>`.
        self_closing: bool,
        /// The tag as written.
        raw: String,
    },
    /// `</name>`.
    Close {
        /// Lower-case tag name.
        name: String,
    },
    /// `<!-- ... -->`: a note to template authors, dropped.
    Comment,
    /// Text between tags.
    Text(String),
}

impl Token {
    /// The value of attribute `key` of an opening tag.
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Token::Open { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

/// Split a run of HTML into tags, comments and text. The error is the
/// fragment that is not a well-formed tag.
pub fn tokens(s: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").ok_or_else(|| snippet(rest))?;
            out.push(Token::Comment);
            rest = &after[end + 3..];
        } else if rest.starts_with('<') {
            let end = rest.find('>').ok_or_else(|| snippet(rest))?;
            let tag = &rest[..=end];
            out.push(tag_token(tag).ok_or_else(|| snippet(tag))?);
            rest = &rest[end + 1..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push(Token::Text(rest[..end].to_string()));
            rest = &rest[end..];
        }
    }
    Ok(out)
}

fn snippet(s: &str) -> String {
    s.chars().take(40).collect()
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')
}

/// Read one tag, `<` to `>` inclusive.
fn tag_token(tag: &str) -> Option<Token> {
    let inner = tag.strip_prefix('<')?.strip_suffix('>')?;
    if let Some(name) = inner.strip_prefix('/') {
        let name = name.trim_end();
        if name.is_empty() || !name.chars().all(is_name_char) {
            return None;
        }
        return Some(Token::Close {
            name: name.to_ascii_lowercase(),
        });
    }
    let (inner, self_closing) = match inner.strip_suffix('/') {
        Some(i) => (i, true),
        None => (inner, false),
    };
    let name_len = inner
        .find(|c: char| !is_name_char(c))
        .unwrap_or(inner.len());
    let name = &inner[..name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut rest = &inner[name_len..];
    let mut attrs = Vec::new();
    loop {
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            break;
        }
        if trimmed.len() == rest.len() {
            return None; // attributes must be separated by white space
        }
        let key_len = trimmed
            .find(|c: char| !is_name_char(c))
            .unwrap_or(trimmed.len());
        if key_len == 0 {
            return None;
        }
        let key = trimmed[..key_len].to_ascii_lowercase();
        rest = &trimmed[key_len..];
        let after_eq = rest.trim_start();
        if let Some(v) = after_eq.strip_prefix('=') {
            let v = v.trim_start();
            let quote = v.chars().next()?;
            let (value, remaining) = if quote == '"' || quote == '\'' {
                let close = v[1..].find(quote)? + 1;
                (&v[1..close], &v[close + 1..])
            } else {
                let end = v.find(char::is_whitespace).unwrap_or(v.len());
                (&v[..end], &v[end..])
            };
            attrs.push((key, value.to_string()));
            rest = remaining;
        } else {
            attrs.push((key, String::new()));
        }
    }
    Some(Token::Open {
        name: name.to_ascii_lowercase(),
        attrs,
        self_closing,
        raw: tag.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags() {
        let t = tokens("<div class=\"right end\">\n</div><!-- x --><br/><a id='r-1'>").unwrap();
        assert_eq!(t.len(), 6);
        assert_eq!(t[0].attr("class"), Some("right end"));
        assert_eq!(t[1], Token::Text("\n".into()));
        assert_eq!(t[2], Token::Close { name: "div".into() });
        assert_eq!(t[3], Token::Comment);
        assert!(matches!(&t[4], Token::Open { name, self_closing: true, .. } if name == "br"));
        assert_eq!(t[5].attr("id"), Some("r-1"));
    }

    #[test]
    fn refuses_broken_tags() {
        assert!(tokens("<div class=\"x>").is_err());
        assert!(tokens("<!-- open").is_err());
        assert!(tokens("<1>").is_err());
    }
}
