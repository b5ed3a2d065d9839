//! Footnotes and citations: `footnote`, `cite`, `citation`.
//!
//! `{{footnote "text"}}` prints a footnote reference with a label unique in
//! the render and files the body with the render state; the engine appends
//! every body as a Markdown footnote definition at the end of the output,
//! and the parser numbers the notes in order of first reference.
//!
//! `cite` and `citation` remember, in the render state, which sources were
//! cited in full and which source the last footnote cited, so that a
//! template's `[citations] repeat` style can cite a source again by its
//! symbol alone or as "Ibid." ([`Repeat`]).

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError,
    Renderable, StringOutput,
};
use hrdraft_sdk::Source;
use serde_json::Value;

use super::date::{date_value, format_date, DateStyle};
use super::{fail, hash_flag, hash_str, param, text_arg, Lang};
use crate::document::escape::escape_markdown;
use crate::document::{Mark, MarkSource};
use crate::render::state::{self, Citation, CitedBy, Form};
#[cfg(doc)]
use crate::template::Repeat;

/// What every footnote label of a render starts with.
pub const LABEL_PREFIX: &str = "hrdraft-fn-";

/// The label of the `n`th footnote (from 1) of a render.
pub fn footnote_label(n: usize) -> String {
    format!("{LABEL_PREFIX}{n}")
}

/// File a footnote body (Markdown) and return its reference.
fn add_footnote(helper: &str, body: String) -> Result<String, RenderError> {
    // Only the template's own white space; other spaces may be the data's.
    let mut body = body
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        .to_string();
    // A note that closes a citation ending on a Russian date with its own
    // full stop ("20 мая 2020 г." + "."): the abbreviation's stop ends it.
    if body.ends_with("г..") {
        body.pop();
    }
    if body.is_empty() {
        return Err(fail(helper, "the footnote is empty"));
    }
    let n = state::with(|s| {
        s.footnotes.push(body);
        s.footnotes.len()
    })
    .ok_or_else(|| {
        fail(
            helper,
            "footnotes can only be made while rendering through the engine",
        )
    })?;
    Ok(format!("[^{}]", footnote_label(n)))
}

/// In a review render, `reference` between the milestones of a new mark
/// that `make` describes; otherwise `reference` as it is.
fn marked(reference: String, make: impl FnOnce(&mut state::RenderState) -> Mark) -> String {
    let tags = state::with(|s| {
        if !s.review {
            return None;
        }
        let mark = make(s);
        Some(s.mark(mark))
    })
    .flatten();
    match tags {
        Some((start, end)) => format!("{start}{reference}{end}"),
        None => reference,
    }
}

/// What a review mark says of a footnote the template wrote itself: its
/// text, and the dataset's sources whose symbol or address it names, so
/// that a reviewer can check the fixed wording against the dataset.
fn template_note(s: &state::RenderState, text: &str) -> Mark {
    let text = plain_markdown(text);
    let named: Vec<String> = s
        .sources
        .as_ref()
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|src| {
            ["symbol", "url"].iter().any(|k| {
                src.get(*k)
                    .and_then(Value::as_str)
                    .is_some_and(|v| !v.is_empty() && text.contains(v))
            })
        })
        .filter_map(|src| src.get("id").and_then(Value::as_str).map(str::to_string))
        .collect();
    Mark {
        origin: "footnote in the template wording".into(),
        value: Some(text),
        sources: named.iter().map(|id| s.source_note(id, None)).collect(),
        ..Mark::default()
    }
}

/// Footnote Markdown as a reader sees it: escapes, emphasis marks and
/// autolink brackets taken out.
fn plain_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {
                out.extend(chars.next());
            }
            '*' | '<' | '>' => {}
            c => out.push(c),
        }
    }
    out
}

/// What a review mark says of a footnote citing `sources`.
fn citation_note(sources: Vec<MarkSource>) -> Mark {
    Mark {
        origin: "citation (sources.toml)".into(),
        sources,
        ..Mark::default()
    }
}

/// `{{footnote "text"}}`, `{{footnote text raw=true}}` (trusted Markdown),
/// or `{{#footnote}}template Markdown{{/footnote}}`.
pub struct Footnote;

impl HelperDef for Footnote {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        // The source a block's citations name, when they name exactly one.
        let mut cites = None;
        // In review, the sources the block cites, with their locators.
        let mut cited = Vec::new();
        let body = match h.template() {
            Some(t) => {
                let mut body = StringOutput::new();
                state::with(|s| {
                    s.open_notes.push(Vec::new());
                    s.open_note_sources.push(Vec::new());
                });
                let rendered = t.render(r, ctx, rc, &mut body);
                let sources = state::with(|s| s.open_notes.pop()).flatten();
                cited = state::with(|s| s.open_note_sources.pop())
                    .flatten()
                    .unwrap_or_default();
                rendered?;
                if let Some([one]) = sources.as_deref() {
                    cites = Some(one.clone());
                }
                body.into_string()?
            }
            None => {
                let v = param(h, 0)?;
                let text = text_arg(h.name(), v)?;
                if hash_flag(h, "raw") {
                    text
                } else {
                    escape_markdown(&text)
                }
            }
        };
        let review = state::with(|s| s.review).unwrap_or(false);
        let text = review.then(|| body.clone());
        let reference = add_footnote(h.name(), body)?;
        let reference = marked(reference, |s| {
            if cited.is_empty() {
                template_note(s, text.as_deref().unwrap_or_default())
            } else {
                citation_note(cited)
            }
        });
        out.write(&reference)?;
        state::with(|s| s.last_note_source = cites);
        Ok(())
    }
}

/// `{{cite "id" paragraph="para 9" short=true}}` footnotes a source;
/// `{{citation ...}}` prints the same text (without the final full stop) in
/// place, to join several citations in one `{{#footnote}}`.
pub struct Cite {
    /// Whether to make a footnote (`cite`) or print in place (`citation`).
    pub footnote: bool,
}

impl HelperDef for Cite {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let source = match param(h, 0)? {
            Value::String(id) => find_source(h.name(), id)?,
            v @ Value::Object(_) => serde_json::from_value::<Source>(v.clone())
                .map_err(|e| fail(h.name(), format!("not a source: {e}")))?,
            other => return Err(fail(h.name(), format!("`{other}` is not a source id"))),
        };
        let paragraph = hash_str(h, "paragraph")?;
        let short = hash_flag(h, "short");
        let lang = Lang::of(h)?;
        // Outside a render there is no history: the template's own choice.
        let symbol = source.symbol.is_some();
        let form = state::with(|s| s.citation_form(&source.id, self.footnote, short, symbol))
            .unwrap_or(if short && symbol {
                Form::Short
            } else {
                Form::Full
            });
        let text = match form {
            Form::Ibid => format_ibid(&source, paragraph.as_deref(), lang),
            Form::Short | Form::Full => {
                format_citation(&source, paragraph.as_deref(), form == Form::Short, lang)
                    .map_err(|e| fail(h.name(), e))?
            }
        };
        let in_full = form == Form::Full;
        state::with(|s| {
            s.cited(&source.id, in_full, !self.footnote);
            let by = CitedBy::Template(rc.get_current_template_name().cloned().unwrap_or_default());
            s.citations.push(Citation {
                source: source.id.clone(),
                by,
            });
        });
        if self.footnote {
            let reference = add_footnote(h.name(), with_full_stop(&text))?;
            let locator = paragraph.as_deref();
            out.write(&marked(reference, |s| {
                citation_note(vec![s.source_note(&source.id, locator)])
            }))?;
            state::with(|s| s.last_note_source = Some(source.id.clone()));
        } else {
            state::with(|s| {
                if s.review {
                    let note = s.source_note(&source.id, paragraph.as_deref());
                    if let Some(open) = s.open_note_sources.last_mut() {
                        open.push(note);
                    }
                }
            });
            out.write(&text)?;
        }
        Ok(())
    }
}

/// A footnote citing each source `id` (with its locator, "para 9", when
/// given), joined by semicolons: what `{{cite}}` prints, for the `section`
/// helper's author paragraphs, in the template's house style for a source
/// cited again.
pub(super) fn cite_note(cites: &[(&str, Option<&str>)], lang: Lang) -> Result<String, RenderError> {
    let mut parts = Vec::with_capacity(cites.len());
    let single = cites.len() == 1;
    for (id, locator) in cites {
        let source = find_source("cite", id)?;
        let symbol = source.symbol.is_some();
        let form =
            state::with(|s| s.citation_form(id, single, false, symbol)).unwrap_or(Form::Full);
        let text = match form {
            Form::Ibid => format_ibid(&source, *locator, lang),
            Form::Short | Form::Full => {
                format_citation(&source, *locator, form == Form::Short, lang)
                    .map_err(|e| fail("cite", e))?
            }
        };
        let in_full = form == Form::Full;
        state::with(|s| {
            s.cited(id, in_full, false);
            s.citations.push(Citation {
                source: (*id).to_string(),
                by: CitedBy::Author,
            });
        });
        parts.push(text);
    }
    let note = add_footnote("cite", with_full_stop(&parts.join("; ")))?;
    let note = marked(note, |s| {
        citation_note(
            cites
                .iter()
                .map(|(id, locator)| s.source_note(id, *locator))
                .collect(),
        )
    });
    state::with(|s| s.last_note_source = single.then(|| cites[0].0.to_string()));
    Ok(note)
}

/// A citation ended with a full stop, unless it ends with one already (a
/// Russian date: "30 июня 2025 г.").
fn with_full_stop(text: &str) -> String {
    if text.ends_with('.') {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

fn find_source(helper: &str, id: &str) -> Result<Source, RenderError> {
    let found = state::with(|s| {
        let list = s.sources.as_ref().and_then(Value::as_array);
        let Some(list) = list else {
            return Err(format!(
                "cannot cite `{id}`: the context has no `dataset.sources` list"
            ));
        };
        let entry = list
            .iter()
            .find(|v| v.get("id").and_then(Value::as_str) == Some(id))
            .ok_or_else(|| {
                format!("no source has the id `{id}`; add it to sources.toml or correct the id")
            })?;
        serde_json::from_value::<Source>(entry.clone())
            .map_err(|e| format!("source `{id}` cannot be read: {e}"))
    });
    match found {
        Some(r) => r.map_err(|e| fail(helper, e)),
        None => Err(fail(
            helper,
            "citations can only be made while rendering through the engine",
        )),
    }
}

/// A source written as the seed letters cite it, in Markdown, without the
/// final full stop:
///
/// - author, title (italic if it is a publication), date, then the symbol in
///   brackets: "Report of the Working Group ..., Kazakhstan, 23 March 2010 (A/HRC/14/10)";
/// - a symbol alone, or a symbol and date: "A/67/122";
/// - `short`, for a source already cited in full: the symbol alone, else
///   the author and title ("UPR Info, *Mid-term Implementation Assessment:
///   Kazakhstan*"), without the date or the address;
/// - then ", para 9" (the `paragraph` given, else the source's own) and,
///   in full, ", available at <url>".
pub fn format_citation(
    s: &Source,
    paragraph: Option<&str>,
    short: bool,
    lang: Lang,
) -> Result<String, String> {
    // Day first, as UN documents are cited, whatever the dateline's style:
    // a United States letter is dated "October 19, 2012" and cites
    // "12 November 2012".
    let date = match &s.date {
        Some(d) => Some(format_date(
            &date_value("cite", &Value::String(d.to_string())).map_err(|e| e.to_string())?,
            DateStyle::Plain,
            lang,
        )),
        None => None,
    };
    let symbol = s.symbol.as_deref().map(escape_markdown);
    // A short form: the symbol, else the author and title; a source with
    // neither is cited in full every time.
    let short = short && (symbol.is_some() || s.author.is_some() || s.title.is_some());
    let mut parts: Vec<String> = Vec::new();
    let mut out = match (&symbol, short) {
        (Some(sym), true) => sym.clone(),
        (None, true) => {
            parts.extend(s.author.as_deref().map(escape_markdown));
            if let Some(t) = &s.title {
                let t = escape_markdown(t);
                parts.push(if s.italic_title { format!("*{t}*") } else { t });
            }
            parts.join(", ")
        }
        _ => {
            if let Some(a) = &s.author {
                parts.push(escape_markdown(a));
            }
            if let Some(t) = &s.title {
                let t = escape_markdown(t);
                parts.push(if s.italic_title { format!("*{t}*") } else { t });
            }
            if parts.is_empty() {
                // Nothing but a symbol and perhaps a date: the symbol leads.
                parts.extend(symbol.clone());
                parts.extend(date.as_deref().map(escape_markdown));
                parts.join(", ")
            } else {
                parts.extend(date.as_deref().map(escape_markdown));
                let mut text = parts.join(", ");
                if let Some(sym) = &symbol {
                    text.push_str(&format!(" ({sym})"));
                }
                text
            }
        }
    };
    if let Some(p) = paragraph.or(s.paragraph.as_deref()) {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&escape_markdown(p));
    }
    // A short form points back to the full one, which gave the address.
    if let Some(url) = s.url.as_ref().filter(|_| !short) {
        let lead = match lang {
            Lang::En => "available at",
            Lang::Ru => "доступно по адресу",
        };
        if out.is_empty() {
            out.push_str(&autolink(url));
        } else {
            out.push_str(&format!(", {lead} {}", autolink(url)));
        }
    }
    if out.is_empty() {
        return Err(format!(
            "source `{}` has nothing to cite: give it a symbol, a title or a url",
            s.id
        ));
    }
    Ok(out)
}

/// "Ibid" (Russian "Там же") and the paragraph (the one given, else the
/// source's own), without the final full stop: "Ibid., para 9".
pub fn format_ibid(s: &Source, paragraph: Option<&str>, lang: Lang) -> String {
    let (ibid, sep) = match lang {
        Lang::En => ("Ibid", "., "),
        Lang::Ru => ("Там же", ", "),
    };
    match paragraph.or(s.paragraph.as_deref()) {
        Some(p) => format!("{ibid}{sep}{}", escape_markdown(p)),
        None => ibid.to_string(),
    }
}

/// `<url>` when Markdown takes it as an autolink, else the address as text.
fn autolink(url: &str) -> String {
    let scheme_len = url.find(':').unwrap_or(0);
    let scheme_ok = (2..=32).contains(&scheme_len)
        && url[..scheme_len].starts_with(|c: char| c.is_ascii_alphabetic())
        && url[..scheme_len]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    let body_ok = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    if scheme_ok && body_ok {
        format!("<{url}>")
    } else {
        escape_markdown(url)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::render::helpers::testing::{ok, render};

    fn sources() -> Value {
        json!({"dataset": {"sources": [
            {"id": "a-hrc-14-10", "title": "Report of the Working Group on the Universal Periodic Review, Kazakhstan",
             "symbol": "A/HRC/14/10", "date": "2010-03-23"},
            {"id": "a-67-122", "symbol": "A/67/122"},
            {"id": "res-60-251", "symbol": "A/RES/60/251", "paragraph": "para 9"},
            {"id": "ohchr-pledges", "author": "Office of the High Commissioner for Human Rights",
             "title": "Suggested Elements for Voluntary Pledges", "italic_title": true,
             "url": "http://www2.ohchr.org/english/bodies/hrcouncil/docs/pledges.pdf"},
            {"id": "ccpr", "title": "Concluding observations of the Human Rights Committee, Kazakhstan",
             "symbol": "CCPR/C/KAZ/CO/1", "date": "2010-08-19"}
        ]}})
    }

    fn plain(md: &str) -> Vec<String> {
        let doc = crate::document::parse(md).unwrap();
        doc.footnotes
            .iter()
            .map(|f| match f.blocks.as_slice() {
                [crate::document::Block::Paragraph { content, .. }] => {
                    crate::document::Inline::plain_text(content)
                }
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn citations_read_as_the_seeds() {
        let md = ok(
            "a{{cite \"a-67-122\"}} b{{cite \"res-60-251\"}} c{{cite \"ohchr-pledges\"}} \
             d{{cite \"a-hrc-14-10\"}} e{{cite \"ccpr\" paragraph=\"recommendation 8\"}} \
             f{{cite \"a-hrc-14-10\" short=true paragraph=\"recommendations 95.42 (Australia)\"}}",
            &sources(),
        );
        assert_eq!(
            plain(&md),
            [
                "A/67/122.",
                "A/RES/60/251, para 9.",
                "Office of the High Commissioner for Human Rights, Suggested Elements for Voluntary Pledges, available at http://www2.ohchr.org/english/bodies/hrcouncil/docs/pledges.pdf.",
                "Report of the Working Group on the Universal Periodic Review, Kazakhstan, 23 March 2010 (A/HRC/14/10).",
                "Concluding observations of the Human Rights Committee, Kazakhstan, 19 August 2010 (CCPR/C/KAZ/CO/1), recommendation 8.",
                "A/HRC/14/10, recommendations 95.42 (Australia).",
            ]
        );
        let doc = crate::document::parse(&md).unwrap();
        let crate::document::Block::Paragraph { content, .. } = &doc.footnotes[2].blocks[0] else {
            panic!()
        };
        assert!(content
            .iter()
            .any(|i| matches!(i, crate::document::Inline::Emphasis(_))));
        assert!(content
            .iter()
            .any(|i| matches!(i, crate::document::Inline::Link { .. })));
    }

    #[test]
    fn citations_joined_in_one_footnote() {
        let md = ok(
            "x{{#footnote}}{{citation \"a-hrc-14-10\" short=true paragraph=\"recommendations 95.41\"}}; \
             {{citation \"a-67-122\"}}.{{/footnote}}",
            &sources(),
        );
        assert_eq!(
            plain(&md),
            ["A/HRC/14/10, recommendations 95.41; A/67/122."]
        );
    }

    /// The footnotes' texts of `source` rendered with citation style `repeat`.
    fn notes_with(repeat: crate::template::Repeat, source: &str) -> Vec<String> {
        let mut e = crate::render::Engine::new();
        e.set_citation_repeat(repeat);
        e.register_template("t", source).unwrap();
        plain(&e.render("t", &sources()).unwrap())
    }

    const REPEATED: &str = "a{{cite \"ccpr\"}} b{{cite \"ccpr\" paragraph=\"para 5\"}} \
         c{{cite \"ohchr-pledges\"}} d{{cite \"ohchr-pledges\"}} \
         e{{cite \"a-hrc-14-10\" short=true}} f{{cite \"a-hrc-14-10\"}} g{{cite \"a-hrc-14-10\"}}";

    #[test]
    fn repeat_full_cites_in_full_every_time() {
        let ccpr = "Concluding observations of the Human Rights Committee, Kazakhstan, 19 August 2010 (CCPR/C/KAZ/CO/1)";
        let ohchr = "Office of the High Commissioner for Human Rights, Suggested Elements for Voluntary Pledges, available at http://www2.ohchr.org/english/bodies/hrcouncil/docs/pledges.pdf.";
        let upr = "Report of the Working Group on the Universal Periodic Review, Kazakhstan, 23 March 2010 (A/HRC/14/10).";
        assert_eq!(
            notes_with(crate::template::Repeat::Full, REPEATED),
            [
                format!("{ccpr}."),
                format!("{ccpr}, para 5."),
                ohchr.to_string(),
                ohchr.to_string(),
                "A/HRC/14/10.".to_string(),
                upr.to_string(),
                upr.to_string(),
            ]
        );
    }

    #[test]
    fn repeat_short_cites_a_source_cited_in_full_by_its_symbol_or_title() {
        let ohchr = "Office of the High Commissioner for Human Rights, Suggested Elements for Voluntary Pledges, available at http://www2.ohchr.org/english/bodies/hrcouncil/docs/pledges.pdf.";
        assert_eq!(
            notes_with(crate::template::Repeat::Short, REPEATED),
            [
                "Concluding observations of the Human Rights Committee, Kazakhstan, 19 August 2010 (CCPR/C/KAZ/CO/1).",
                "CCPR/C/KAZ/CO/1, para 5.",
                // No symbol: the author and title, without the date or the
                // address the full form gave.
                ohchr,
                "Office of the High Commissioner for Human Rights, Suggested Elements for Voluntary Pledges.",
                // `short=true` is the template's own choice; the source was
                // not cited in full by it, so the next citation is in full.
                "A/HRC/14/10.",
                "Report of the Working Group on the Universal Periodic Review, Kazakhstan, 23 March 2010 (A/HRC/14/10).",
                "A/HRC/14/10.",
            ]
        );
    }

    /// A source without a symbol is cited short only once it has been cited
    /// in full, even when the template asks for the short form: its short
    /// form does not say where to find it.
    #[test]
    fn a_source_without_a_symbol_is_cited_in_full_first() {
        let ohchr = "Office of the High Commissioner for Human Rights, Suggested Elements for Voluntary Pledges";
        assert_eq!(
            notes_with(
                crate::template::Repeat::Full,
                "a{{cite \"ohchr-pledges\" short=true}} b{{cite \"ohchr-pledges\" short=true}}"
            ),
            [
                format!("{ohchr}, available at http://www2.ohchr.org/english/bodies/hrcouncil/docs/pledges.pdf."),
                format!("{ohchr}."),
            ]
        );
    }

    #[test]
    fn repeat_ibid_follows_the_footnote_before() {
        let source = "a{{cite \"ccpr\"}} b{{cite \"ccpr\" paragraph=\"para 5\"}} \
             c{{cite \"a-67-122\"}} d{{cite \"ccpr\"}} e{{footnote \"x\"}} f{{cite \"ccpr\"}} \
             g{{#footnote}}{{citation \"a-67-122\"}}{{/footnote}} h{{cite \"a-67-122\" paragraph=\"para 2\"}} \
             i{{#footnote}}{{citation \"a-67-122\"}}; {{citation \"ccpr\"}}{{/footnote}} j{{cite \"ccpr\"}} \
             k{{cite \"ohchr-pledges\"}} l{{cite \"ohchr-pledges\"}}";
        assert_eq!(
            notes_with(crate::template::Repeat::Ibid, source),
            [
                "Concluding observations of the Human Rights Committee, Kazakhstan, 19 August 2010 (CCPR/C/KAZ/CO/1).",
                "Ibid., para 5.",
                "A/67/122.",
                // Cited before, but not in the footnote before: short.
                "CCPR/C/KAZ/CO/1.",
                "x",
                "CCPR/C/KAZ/CO/1.",
                // A block's citations are short, never "Ibid.".
                "A/67/122",
                // The block before cited this source alone.
                "Ibid., para 2.",
                "A/67/122; CCPR/C/KAZ/CO/1",
                // The block before cited two sources.
                "CCPR/C/KAZ/CO/1.",
                "Office of the High Commissioner for Human Rights, Suggested Elements for Voluntary Pledges, available at http://www2.ohchr.org/english/bodies/hrcouncil/docs/pledges.pdf.",
                "Ibid.",
            ]
        );
        // Russian; a source's own paragraph goes with "Там же" too.
        let ru = "a{{cite \"res-60-251\" lang=\"ru\"}} b{{cite \"res-60-251\" lang=\"ru\"}} \
                  c{{cite \"a-67-122\" lang=\"ru\"}} d{{cite \"a-67-122\" lang=\"ru\"}} \
                  e{{cite \"a-67-122\" short=true lang=\"ru\"}}";
        assert_eq!(
            notes_with(crate::template::Repeat::Ibid, ru),
            [
                "A/RES/60/251, para 9.",
                "Там же, para 9.",
                "A/67/122.",
                "Там же.",
                // An explicit `short=true` gives way to "Ibid." too.
                "Там же.",
            ]
        );
    }

    #[test]
    fn unknown_source_is_named() {
        let e = render("{{cite \"nope\"}}", &sources()).unwrap_err();
        assert!(e.contains("`nope`"), "{e}");
        let e = render("{{cite \"nope\"}}", &json!({})).unwrap_err();
        assert!(e.contains("dataset.sources"), "{e}");
    }

    #[test]
    fn footnote_text_is_escaped_unless_raw() {
        let md = ok(
            "a{{footnote t}} b{{footnote \"*bold*\" raw=true}}",
            &json!({"t": "*x* [^1]"}),
        );
        assert_eq!(plain(&md), ["*x* [^1]", "bold"]);
        assert!(render("{{footnote \"\"}}", &json!({})).is_err());
    }
}
