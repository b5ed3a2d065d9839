//! Bare URLs and e-mail addresses in text made links, so that every writer links them.
//!
//! The addresses are found by `linkify`, which leaves trailing punctuation
//! (a full stop, a closing bracket that opened outside the address) out of
//! the link.

use linkify::{LinkFinder, LinkKind};

use crate::document::Inline;

/// Add `text` to `into`, each URL (with its scheme) and e-mail address in
/// it as a link; the rest, and each link's text, through `push`.
pub(super) fn push_linked(into: &mut Vec<Inline>, text: &str, push: fn(&mut Vec<Inline>, &str)) {
    // Neither kind can occur without one of these: most text is not scanned.
    if !text.contains([':', '@']) {
        push(into, text);
        return;
    }
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url, LinkKind::Email]);
    for span in finder.spans(text) {
        let shown = span.as_str();
        let url = match span.kind() {
            Some(LinkKind::Url) => shown.to_string(),
            Some(LinkKind::Email) => format!("mailto:{shown}"),
            _ => {
                push(into, shown);
                continue;
            }
        };
        let mut content = Vec::new();
        push(&mut content, shown);
        into.push(Inline::Link { url, content });
    }
}

/// The addresses in a letterhead line, as (where in `text`, link): e-mail
/// addresses, and web addresses with or without their scheme (a sender
/// block gives `www.example.org` as often as `https://…`; one without a
/// scheme is linked as `https://`).
pub(crate) fn letterhead_links(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    if !text.contains(['.', '@']) {
        return Vec::new();
    }
    let mut finder = LinkFinder::new();
    finder
        .kinds(&[LinkKind::Url, LinkKind::Email])
        .url_must_have_scheme(false);
    finder
        .links(text)
        .filter_map(|link| {
            let shown = link.as_str();
            let url = match link.kind() {
                LinkKind::Email => format!("mailto:{shown}"),
                LinkKind::Url if shown.contains("://") => shown.to_string(),
                LinkKind::Url => format!("https://{shown}"),
                _ => return None,
            };
            Some((link.start()..link.end(), url))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::document::parse::parse;
    use crate::document::{Block, Inline};

    fn inlines(md: &str) -> Vec<Inline> {
        match parse(md).map(|d| d.blocks) {
            Ok(blocks) => match blocks.as_slice() {
                [Block::Paragraph { content, .. }] => content.clone(),
                other => panic!("not one paragraph: {other:?}"),
            },
            Err(e) => panic!("{e}"),
        }
    }

    fn link(url: &str, text: &str) -> Inline {
        Inline::Link {
            url: url.into(),
            content: vec![Inline::Text(text.into())],
        }
    }

    #[test]
    fn bare_urls_and_addresses_become_links_without_trailing_punctuation() {
        assert_eq!(
            inlines(
                "See https://example.org/a_b. Write to m.pai@ishr.ch, or (http://x.example/y)."
            ),
            vec![
                Inline::Text("See ".into()),
                link("https://example.org/a_b", "https://example.org/a_b"),
                Inline::Text(". Write to ".into()),
                link("mailto:m.pai@ishr.ch", "m.pai@ishr.ch"),
                Inline::Text(", or (".into()),
                link("http://x.example/y", "http://x.example/y"),
                Inline::Text(").".into()),
            ]
        );
    }

    #[test]
    fn an_address_split_by_escapes_is_found_whole() {
        assert_eq!(
            inlines(r"Mail i\_marwick@candidacy\-forum\.example\!"),
            vec![
                Inline::Text("Mail ".into()),
                link(
                    "mailto:i_marwick@candidacy-forum.example",
                    "i_marwick@candidacy-forum.example"
                ),
                Inline::Text("!".into()),
            ]
        );
    }

    #[test]
    fn code_and_existing_links_are_left_alone() {
        assert_eq!(
            inlines("`https://code.example` [the site https://a.example](https://b.example)"),
            vec![
                Inline::Text("https://code.example ".into()),
                Inline::Link {
                    url: "https://b.example".into(),
                    content: vec![Inline::Text("the site https://a.example".into())],
                },
            ]
        );
        assert_eq!(
            inlines("<https://c.example>"),
            vec![link("https://c.example", "https://c.example")]
        );
    }

    #[test]
    fn text_without_addresses_is_unchanged() {
        assert_eq!(
            inlines("Article 19: no address @ here."),
            vec![Inline::Text("Article 19: no address @ here.".into())]
        );
    }
}
