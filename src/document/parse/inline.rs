//! Inline content: text, emphasis, links, footnote references and the inline layout tags.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::autolink;
use super::html::{tokens, Token};
use super::{Builder, ParseError};
use crate::document::Inline;

/// What an open inline element will become when it closes.
#[derive(Debug)]
enum Kind {
    Emphasis,
    Strong,
    Link(String),
    /// `<u>`, opened on this line.
    Underline(usize),
    /// The content of `<a id>`, kept in place.
    AnchorText(usize),
    /// `<span class="pageref">`, which must stay empty.
    PageRef(usize),
}

struct Open {
    kind: Kind,
    content: Vec<Inline>,
}

/// The inline elements open at a point: the paragraph's own content and the
/// elements opened within it.
#[derive(Default)]
struct Frames {
    root: Vec<Inline>,
    open: Vec<Open>,
    /// Text outside links not yet added: pulldown-cmark hands text over in
    /// pieces (split at escapes), and a bare address is found only whole.
    pending: String,
}

impl Frames {
    /// Where content goes now.
    fn cur(&mut self) -> &mut Vec<Inline> {
        match self.open.last_mut() {
            Some(o) => &mut o.content,
            None => &mut self.root,
        }
    }

    /// Add text, whose bare URLs and e-mail addresses become links unless
    /// it is already inside a link.
    fn text(&mut self, text: &str) {
        if self.open.iter().any(|o| matches!(o.kind, Kind::Link(_))) {
            self.flush();
            push_text(self.cur(), text);
        } else {
            self.pending.push_str(text);
        }
    }

    /// Add the text held back, with its links.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        autolink::push_linked(self.cur(), &text, push_text);
    }

    fn open(&mut self, kind: Kind) {
        self.flush();
        self.open.push(Open {
            kind,
            content: Vec::new(),
        });
    }

    fn top(&self) -> Option<&Kind> {
        self.open.last().map(|o| &o.kind)
    }
}

/// Whether pulldown-cmark's event belongs to inline content.
pub(super) fn is_inline(e: &Event<'_>) -> bool {
    match e {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(t) => matches!(
            t,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(t) => matches!(
            t,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

impl Builder<'_> {
    /// Read inline content up to the first event that is not inline (left
    /// unread). With `soft_as_break`, source line ends are line breaks (for
    /// address and signature lines); otherwise they are spaces.
    pub(super) fn inlines(&mut self, soft_as_break: bool) -> Result<Vec<Inline>, ParseError> {
        let mut f = Frames::default();
        while let Some((event, range)) = self.events.get(self.pos) {
            if !is_inline(event) {
                break;
            }
            let line = self.line_at(range.start);
            let event = event.clone();
            let start = range.start;
            let raw = &self.src[range.clone()];
            self.pos += 1;
            if !matches!(event, Event::Text(_) | Event::InlineHtml(_)) {
                f.flush();
            }
            match event {
                Event::Text(t) => {
                    if raw == "[" {
                        if let Some(label) = undefined_reference(&self.src[start..]) {
                            return Err(ParseError::UndefinedFootnote { label, line });
                        }
                    }
                    f.text(&t);
                }
                // Code is shown as written, never linked.
                Event::Code(t) => push_text(f.cur(), &t),
                Event::SoftBreak => {
                    if soft_as_break {
                        f.cur().push(Inline::LineBreak);
                    } else {
                        push_text(f.cur(), " ");
                    }
                }
                Event::HardBreak => f.cur().push(Inline::LineBreak),
                Event::FootnoteReference(label) => {
                    let id = self.notes.id(&label, line);
                    f.cur().push(Inline::FootnoteRef(id));
                }
                Event::Start(Tag::Emphasis) => f.open(Kind::Emphasis),
                Event::Start(Tag::Strong) => f.open(Kind::Strong),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => {
                    let url = if link_type == LinkType::Email && !dest_url.contains(':') {
                        format!("mailto:{dest_url}")
                    } else {
                        dest_url.to_string()
                    };
                    f.open(Kind::Link(url));
                }
                Event::End(end @ (TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link)) => {
                    close_markdown(&mut f, end, line)?;
                }
                Event::InlineHtml(html) => self.inline_html(&mut f, &html, line)?,
                Event::Start(Tag::Image { .. }) => {
                    return Err(ParseError::Unsupported {
                        what: "an image".into(),
                        line,
                    })
                }
                other => {
                    return Err(ParseError::Unsupported {
                        what: format!("{other:?}"),
                        line,
                    })
                }
            }
        }
        f.flush();
        if let Some(open) = f.open.first() {
            let (tag, at) = match open.kind {
                Kind::Underline(l) => ("<u>", l),
                Kind::AnchorText(l) => ("<a>", l),
                Kind::PageRef(l) => ("<span>", l),
                _ => ("emphasis", 0),
            };
            return Err(ParseError::Layout {
                line: at,
                message: format!("`{tag}` is not closed in the same paragraph"),
            });
        }
        Ok(tidy(f.root))
    }

    fn inline_html(&self, f: &mut Frames, html: &str, line: usize) -> Result<(), ParseError> {
        let toks = tokens(html).map_err(|tag| ParseError::Html { tag, line })?;
        for tok in toks {
            if !matches!(tok, Token::Text(_) | Token::Comment) {
                f.flush();
            }
            match &tok {
                Token::Comment => {}
                Token::Text(t) => f.text(t),
                Token::Open {
                    name,
                    raw,
                    self_closing,
                    ..
                } => match name.as_str() {
                    "br" => f.cur().push(Inline::LineBreak),
                    MARK_TAG => f.cur().push(mark(&tok, raw, line)?),
                    "u" if !self_closing => f.open(Kind::Underline(line)),
                    "a" => {
                        let id = checked_id(tok.attr("id"), raw, line)?;
                        f.cur().push(Inline::Anchor(id));
                        if !self_closing {
                            f.open(Kind::AnchorText(line));
                        }
                    }
                    "span" if tok.attr("class") == Some("pageref") => {
                        let target = checked_id(tok.attr("data-target"), raw, line)?;
                        let label = tok
                            .attr("data-label")
                            .unwrap_or_default()
                            .trim()
                            .to_string();
                        f.cur().push(Inline::PageRef { target, label });
                        if !self_closing {
                            f.open(Kind::PageRef(line));
                        }
                    }
                    _ => {
                        return Err(ParseError::Html {
                            tag: raw.clone(),
                            line,
                        })
                    }
                },
                Token::Close { name } => {
                    let matches = matches!(
                        (name.as_str(), f.top()),
                        ("u", Some(Kind::Underline(_)))
                            | ("a", Some(Kind::AnchorText(_)))
                            | ("span", Some(Kind::PageRef(_)))
                    );
                    let Some(top) = f.open.pop().filter(|_| matches) else {
                        return Err(ParseError::Html {
                            tag: format!("</{name}>"),
                            line,
                        });
                    };
                    match top.kind {
                        Kind::Underline(_) => f.cur().push(Inline::Underline(tidy(top.content))),
                        // Text inside `<a id>` stays where it was.
                        Kind::AnchorText(_) => f.cur().extend(top.content),
                        _ if top.content.is_empty() => {}
                        _ => {
                            return Err(ParseError::Layout {
                                line,
                                message: "a page reference `<span class=\"pageref\">` must be \
                                          empty: the writer puts the page number there"
                                    .into(),
                            })
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// The milestone tag a review render writes around marked text:
/// `<hrdraft-mark start="N"/>` … `<hrdraft-mark end="N"/>`.
pub const MARK_TAG: &str = "hrdraft-mark";

fn mark(tok: &Token, raw: &str, line: usize) -> Result<Inline, ParseError> {
    let (value, end) = match (tok.attr("start"), tok.attr("end")) {
        (Some(v), None) => (v, false),
        (None, Some(v)) => (v, true),
        _ => ("", false),
    };
    match value.parse::<usize>() {
        Ok(id) => Ok(Inline::Mark { id, end }),
        Err(_) => Err(ParseError::Layout {
            line,
            message: format!("`{raw}` needs one `start` or `end` number"),
        }),
    }
}

/// The label of a `[^label]` that pulldown-cmark left as text: a reference
/// to a footnote that is never defined.
fn undefined_reference(src: &str) -> Option<String> {
    let rest = src.strip_prefix("[^")?;
    let end = rest.find(']')?;
    let label = &rest[..end];
    (!label.is_empty() && !label.contains(char::is_whitespace) && !label.contains('['))
        .then(|| label.to_string())
}

fn checked_id(id: Option<&str>, raw: &str, line: usize) -> Result<String, ParseError> {
    match id {
        Some(id)
            if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')) =>
        {
            Ok(id.to_string())
        }
        _ => Err(ParseError::Layout {
            line,
            message: format!(
                "`{raw}` needs a name of letters, digits, `-`, `_`, `.` or `:` (the `anchor` and `pageref` helpers make one)"
            ),
        }),
    }
}

fn close_markdown(f: &mut Frames, end: TagEnd, line: usize) -> Result<(), ParseError> {
    let Some(top) = f.open.pop() else {
        return Ok(());
    };
    let content = tidy(top.content);
    let done = match (top.kind, end) {
        (Kind::Emphasis, TagEnd::Emphasis) => Inline::Emphasis(content),
        (Kind::Strong, TagEnd::Strong) => Inline::Strong(content),
        (Kind::Link(url), TagEnd::Link) => Inline::Link { url, content },
        (Kind::Underline(l) | Kind::AnchorText(l) | Kind::PageRef(l), _) => {
            return Err(ParseError::Layout {
                line: l.max(line),
                message: "an inline tag opened inside emphasis or a link must close inside it"
                    .into(),
            })
        }
        _ => {
            return Err(ParseError::Layout {
                line,
                message: "emphasis and links are not nested properly".into(),
            })
        }
    };
    f.cur().push(done);
    Ok(())
}

/// Add text, splitting out line feeds (which escaped dataset text carries
/// as `&#10;`) as line breaks.
fn push_text(into: &mut Vec<Inline>, text: &str) {
    for (i, piece) in text.split('\n').enumerate() {
        if i > 0 {
            into.push(Inline::LineBreak);
        }
        if piece.is_empty() {
            continue;
        }
        match into.last_mut() {
            Some(Inline::Text(t)) => t.push_str(piece),
            _ => into.push(Inline::Text(piece.to_string())),
        }
    }
}

/// Merge neighbouring texts and drop empty ones, so equal content compares
/// equal; each text and the list hold no more room than they use (texts
/// grow as pieces are added, and a long document is mostly texts: the
/// spare room was a third of a 100,000-recommendation report's model).
pub(super) fn tidy(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for i in inlines {
        match i {
            Inline::Text(t) if t.is_empty() => {}
            Inline::Text(t) => match out.last_mut() {
                Some(Inline::Text(prev)) => prev.push_str(&t),
                _ => out.push(Inline::Text(t)),
            },
            other => out.push(other),
        }
    }
    for i in &mut out {
        if let Inline::Text(t) = i {
            t.shrink_to_fit();
        }
    }
    out.shrink_to_fit();
    out
}
