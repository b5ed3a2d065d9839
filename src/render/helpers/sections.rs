//! `{{#section "name"}}…{{/section}}`: a named part of a document that the
//! dataset's author can add to, replace or leave out without copying the template.
//!
//! A template wraps each part it generates in a section; the document's
//! entry in `documents.toml` then places the author's own paragraphs
//! (`[[documents.paragraphs]]`: `section`, `position` = before, after or
//! replace, `text`) and leaves out whole sections (`omit`). A section with
//! nothing to say, generated or written, prints nothing, heading and all.
//!
//! `heading="message.key"` prints that message as a heading (`level=`, 2
//! by default) above the section when it has content; `inline=true` makes
//! a section inside a paragraph, whose pieces are joined by spaces.
//!
//! An author's paragraph is Markdown; `[@source-id]` and `[@source-id,
//! para 9]` cite a source in a footnote, as `{{cite}}` does.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, Renderable,
    StringOutput,
};
use serde_json::Value;

use super::messages::render_message;
use super::notes::cite_note;
use super::{fail, hash_flag, hash_str, param, Lang};
use crate::template::block_name;

/// The `section` block helper.
pub struct Section(pub std::sync::Arc<super::messages::Wording>);

impl HelperDef for Section {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = match param(h, 0)? {
            Value::String(s) if !s.is_empty() => s.clone(),
            other => {
                return Err(fail(
                    h.name(),
                    format!("`{other}` is not a section name; write {{{{#section \"upr\"}}}}"),
                ))
            }
        };
        let inline = hash_flag(h, "inline");
        // What `{{#again}}` remembers is said again within one section.
        if !inline {
            crate::render::state::with(|s| s.said.clear());
        }
        let level = match h.hash_get("level").map(|p| p.value()) {
            None => 2,
            Some(v) => v
                .as_u64()
                .filter(|n| (1..=6).contains(n))
                .ok_or_else(|| fail(h.name(), format!("`level=` must be 1 to 6, not {v}")))?,
        };
        let root = ctx.data();
        let document = root.get("document");
        let omitted = document
            .and_then(|d| d.get("omit"))
            .and_then(Value::as_array)
            .is_some_and(|o| o.iter().any(|s| s.as_str() == Some(name.as_str())));
        if omitted {
            return Ok(());
        }
        let lang = Lang::from_tag(root.get("lang").and_then(Value::as_str).unwrap_or("en"))
            .unwrap_or(Lang::En);
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut replace = Vec::new();
        let paragraphs = document
            .and_then(|d| d.get("paragraphs"))
            .and_then(Value::as_array);
        // An author's paragraph is in its own language, by default the
        // document's; a document drafted in another leaves it out.
        let primary = |tag: &str| {
            tag.split(['-', '_'])
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        let drafted_in = primary(root.get("lang").and_then(Value::as_str).unwrap_or("en"));
        let document_language = document
            .and_then(|d| d.get("paragraphs_language"))
            .and_then(Value::as_str)
            .unwrap_or("en");
        for p in paragraphs.into_iter().flatten() {
            if p.get("section").and_then(Value::as_str) != Some(name.as_str()) {
                continue;
            }
            let written_in = p
                .get("language")
                .and_then(Value::as_str)
                .unwrap_or(document_language);
            if primary(written_in) != drafted_in {
                continue;
            }
            let text = p.get("text").and_then(Value::as_str).unwrap_or_default();
            let text = prose(text, lang).map_err(|e| {
                fail(
                    h.name(),
                    format!("documents.toml, a paragraph of section `{name}`: {e}"),
                )
            })?;
            match p.get("position").and_then(Value::as_str) {
                Some("before") => before.push(text),
                Some("replace") => replace.push(text),
                _ => after.push(text),
            }
        }
        // The template's blocks come inside the author's paragraphs: the
        // author writes last, so has the last word.
        let mut pieces = before;
        pieces.extend(block(r, ctx, rc, "before", &name)?);
        if replace.is_empty() {
            let filled = block(r, ctx, rc, "replace", &name)?;
            if let Some(filled) = filled {
                if !filled.is_empty() {
                    pieces.push(filled);
                }
            } else if let Some(t) = h.template() {
                let mut generated = StringOutput::new();
                t.render(r, ctx, rc, &mut generated)?;
                let generated = generated.into_string()?;
                let generated = trim(&generated);
                if !generated.is_empty() {
                    pieces.push(generated.to_string());
                }
            }
        } else {
            pieces.extend(replace);
        }
        pieces.extend(block(r, ctx, rc, "after", &name)?);
        pieces.extend(after);
        if pieces.is_empty() {
            return Ok(());
        }
        if inline {
            out.write(&pieces.join(" "))?;
            return Ok(());
        }
        if let Some(key) = hash_str(h, "heading")? {
            let mut heading = StringOutput::new();
            render_message(&self.0, h.name(), &key, None, r, ctx, rc, &mut heading)?;
            let heading = heading.into_string()?;
            out.write(&format!(
                "{} {}\n\n",
                "#".repeat(level as usize),
                heading.trim()
            ))?;
        }
        out.write(&pieces.join("\n\n"))?;
        out.write("\n\n")?;
        Ok(())
    }
}

/// What the template's block `position/section` renders, trimmed, when a
/// template fills it and it renders anything; a block filled with nothing
/// but blank space leaves its place in the section as it was, except
/// `replace`, which then leaves the section empty.
fn block<'reg: 'rc, 'rc>(
    r: &'reg Handlebars<'reg>,
    ctx: &'rc Context,
    rc: &mut RenderContext<'reg, 'rc>,
    position: &str,
    section: &str,
) -> Result<Option<String>, handlebars::RenderError> {
    let Some(t) = r.get_template(&block_name(&format!("{position}/{section}"))) else {
        return Ok(None);
    };
    let before = rc.get_current_template_name();
    let mut out = StringOutput::new();
    let result = t.render(r, ctx, rc, &mut out);
    rc.set_current_template_name(before);
    result?;
    let out = out.into_string()?;
    let out = trim(&out);
    if out.is_empty() && position != "replace" {
        return Ok(None);
    }
    Ok(Some(out.to_string()))
}

fn trim(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, ' ' | '\n' | '\r' | '\t'))
}

/// An author's paragraph as Markdown, its `[@id]` citations made footnotes.
pub fn prose(text: &str, lang: Lang) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text.trim();
    while let Some(i) = rest.find("[@") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after
            .find(']')
            .ok_or_else(|| format!("a citation `[@…` has no closing `]`: {}", clip(&rest[i..])))?;
        let inner = &after[..end];
        // `[@a, para 1; @b, para 2]` cites both in one note.
        let mut cites = Vec::new();
        for (k, one) in inner.split(';').enumerate() {
            let one = one.trim();
            let one = if k == 0 {
                one
            } else {
                one.strip_prefix('@').unwrap_or("")
            };
            let (id, locator) = match one.split_once(',') {
                Some((id, loc)) => (id.trim(), Some(loc.trim()).filter(|l| !l.is_empty())),
                None => (one.trim(), None),
            };
            if id.is_empty() || id.contains(char::is_whitespace) {
                return Err(format!(
                    "`[@{inner}]` does not name a source id (write `[@id]`, `[@id, para 9]` or `[@a, para 1; @b]`)"
                ));
            }
            cites.push((id, locator));
        }
        out.push_str(&cite_note(&cites, lang).map_err(|e| e.to_string())?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::render::helpers::testing::ok;

    fn ctx(paragraphs: serde_json::Value, omit: serde_json::Value) -> serde_json::Value {
        json!({
            "lang": "en",
            "document": { "paragraphs": paragraphs, "omit": omit },
            "dataset": { "sources": [ { "id": "s1", "symbol": "A/1" } ] },
            "x": true
        })
    }

    #[test]
    fn a_section_places_the_authors_paragraphs() {
        let t = "{{#section \"a\"}}{{#if x}}Generated.{{/if}}{{/section}}END";
        assert_eq!(ok(t, &ctx(json!([]), json!([]))), "Generated.\n\nEND");
        let paras = json!([
            { "section": "a", "text": "Before.", "position": "before" },
            { "section": "a", "text": "After.[@s1, para 2]" },
            { "section": "b", "text": "Elsewhere." }
        ]);
        let md = ok(t, &ctx(paras, json!([])));
        assert!(
            md.starts_with("Before.\n\nGenerated.\n\nAfter.[^hrdraft-fn-1]\n\nEND"),
            "{md}"
        );
        assert!(md.contains("A/1, para 2."), "{md}");
        let replaced = json!([{ "section": "a", "text": "Mine.", "position": "replace" }]);
        assert_eq!(ok(t, &ctx(replaced, json!([]))), "Mine.\n\nEND");
        assert_eq!(ok(t, &ctx(json!([]), json!(["a"]))), "END");
    }

    #[test]
    fn an_empty_section_prints_nothing_and_inline_ones_join_with_spaces() {
        let t = "{{#section \"a\"}}{{#if nothing}}x{{/if}}{{/section}}END";
        assert_eq!(ok(t, &ctx(json!([]), json!([]))), "END");
        let t = "One. {{#section \"a.b\" inline=true}}Two.{{/section}} Three.";
        let paras = json!([{ "section": "a.b", "text": "Two and a half." }]);
        assert_eq!(
            ok(t, &ctx(paras, json!([]))),
            "One. Two. Two and a half. Three."
        );
    }
}
