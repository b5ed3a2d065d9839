//! `{{#evidence finding}}…{{/evidence}}`: mark generated text with the findings it uses.
//!
//! Outside review the block prints its content and nothing else, so a
//! template with evidence blocks renders exactly as one without. In a
//! review render ([`crate::render::Engine::render_marked`]) the content is
//! put between the milestones of a review mark, which records the plugin
//! and rule, the value, the dataset entries and the sources of the
//! evidence the parameters carry (see [`hrdraft_sdk::Evidence`]).

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, Renderable,
    StringOutput,
};
use hrdraft_sdk::{Evidence, EVIDENCE_KEY};
use serde_json::Value;

use crate::document::{Mark, MarkEntry};
use crate::render::state::{self, RenderState};

/// The block helper.
pub struct EvidenceBlock;

impl HelperDef for EvidenceBlock {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let Some(t) = h.template() else {
            return Err(super::fail(
                h.name(),
                "is a block: write {{#evidence finding}}text{{/evidence}}",
            ));
        };
        let review = state::with(|s| s.review).unwrap_or(false);
        if !review {
            return t.render(r, ctx, rc, out);
        }
        let mut found = Vec::new();
        for p in h.params() {
            collect(p.value(), &mut found);
        }
        if found.is_empty() {
            // Nothing to say: no mark rather than an empty note.
            return t.render(r, ctx, rc, out);
        }
        // The document's date: a source dated after it cannot be evidence
        // for what the document says, even when the entry lists it.
        let dated = ctx
            .data()
            .get("document")
            .and_then(|d| d.get("date"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let tags = state::with(|s| {
            let mark = mark_of(s, &found, dated.as_deref());
            s.mark(mark)
        });
        let Some((start, end)) = tags else {
            return t.render(r, ctx, rc, out);
        };
        let mut body = StringOutput::new();
        t.render(r, ctx, rc, &mut body)?;
        let body = body.into_string()?;
        // The milestones hug the text: white space at either end stays
        // outside them, where Markdown trims it or breaks the line as it
        // would without them.
        let core = body.trim_matches(|c: char| c.is_ascii_whitespace());
        let lead = body.len()
            - body
                .trim_start_matches(|c: char| c.is_ascii_whitespace())
                .len();
        let (before, rest) = body.split_at(lead);
        let after = &rest[core.len()..];
        if core.is_empty() {
            out.write(&body)?;
        } else {
            out.write(before)?;
            out.write(&start)?;
            out.write(core)?;
            out.write(&end)?;
            out.write(after)?;
        }
        Ok(())
    }
}

/// The evidence a parameter carries: an evidence object itself, a finding
/// with an `evidence` key, or a list of either.
fn collect(v: &Value, into: &mut Vec<Evidence>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect(i, into)),
        Value::Object(o) if o.contains_key(EVIDENCE_KEY) => {
            if let Some(e) = Evidence::of(v) {
                into.push(e);
            }
        }
        Value::Object(o) if o.contains_key("plugin") && o.contains_key("rule") => {
            if let Ok(e) = serde_json::from_value::<Evidence>(v.clone()) {
                into.push(e);
            }
        }
        _ => {}
    }
}

/// One mark for all the evidence of a block, leaving out sources dated
/// after `dated` (YYYY, YYYY-MM or YYYY-MM-DD: a source of the same year or
/// month as the document counts as known).
fn mark_of(s: &RenderState, found: &[Evidence], dated: Option<&str>) -> Mark {
    let mut origins: Vec<String> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    let mut mark = Mark::default();
    for e in found {
        let origin = format!("{}: {}", e.plugin, e.rule);
        if !origins.contains(&origin) {
            origins.push(origin);
        }
        values.extend(e.value.iter().cloned());
        for entry in &e.entries {
            let m = MarkEntry {
                kind: entry.kind.as_str().to_string(),
                id: entry.id.clone(),
                at: None,
            };
            if !mark.entries.contains(&m) {
                mark.entries.push(m);
            }
        }
        for id in &e.sources {
            if mark.sources.iter().any(|x| &x.id == id) {
                continue;
            }
            let note = s.source_note(id, None);
            let later = match (note.date.as_deref(), dated) {
                // Compared on the precision both have.
                (Some(source), Some(doc)) => {
                    let n = source.len().min(doc.len());
                    source.get(..n) > doc.get(..n)
                }
                _ => false,
            };
            if !later {
                mark.sources.push(note);
            }
        }
    }
    mark.origin = origins.join("; ");
    mark.value = (!values.is_empty()).then(|| values.join("; "));
    mark
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::render::{Context, Engine};

    fn ctx() -> serde_json::Value {
        json!({
            "dataset": {"sources": [{"id": "s1", "symbol": "A/1", "date": "2010-01-02"}]},
            "f": {"n": 3, "evidence": {"plugin": "p", "rule": "r", "value": "3",
                  "entries": [{"kind": "pledge", "id": "x"}], "sources": ["s1"]}},
            "g": {"n": 4}
        })
    }

    fn engine(source: &str) -> Engine {
        let mut e = Engine::new();
        e.register_template("t", source).unwrap();
        e
    }

    #[test]
    fn prints_its_text_alone_outside_review() {
        let e = engine("A {{#evidence f}}we note {{f.n}}. {{/evidence}}B");
        assert_eq!(e.render("t", &ctx()).unwrap(), "A we note 3. B");
    }

    #[test]
    fn marks_its_text_in_review() {
        let e = engine(
            "A {{#evidence f}} we note {{f.n}}. {{/evidence}}B{{#evidence g}}C{{/evidence}}",
        );
        let (md, marks) = e.render_marked("t", &Context::from(ctx())).unwrap();
        // White space stays outside; a finding without evidence gives no mark.
        assert_eq!(
            md,
            "A  <hrdraft-mark start=\"0\"/>we note 3.<hrdraft-mark end=\"0\"/> BC"
        );
        assert_eq!(marks.len(), 1);
        let m = &marks[0];
        assert_eq!(m.origin, "p: r");
        assert_eq!(m.value.as_deref(), Some("3"));
        assert_eq!(
            (m.entries[0].kind.as_str(), m.entries[0].id.as_str()),
            ("pledge", "x")
        );
        assert_eq!(m.sources[0].symbol.as_deref(), Some("A/1"));
        assert_eq!(m.sources[0].date.as_deref(), Some("2010-01-02"));
        let doc = crate::document::parse(&md).unwrap();
        assert!(matches!(
            &doc.blocks[0],
            crate::document::Block::Paragraph { content, .. }
                if content.contains(&crate::document::Inline::Mark { id: 0, end: true })
        ));
    }

    #[test]
    fn leaves_out_sources_dated_after_the_document() {
        let e = engine("{{#evidence f}}we note {{f.n}}.{{/evidence}}");
        let mut data = ctx();
        data["dataset"]["sources"] = json!([
            {"id": "s1", "symbol": "A/1", "date": "2010-01-02"},
            {"id": "later", "symbol": "A/2", "date": "2010-03"},
            {"id": "same-month", "symbol": "A/3", "date": "2010-02"}
        ]);
        data["f"]["evidence"]["sources"] = json!(["s1", "later", "same-month"]);
        data["document"] = json!({"date": "2010-02-15"});
        let (_, marks) = e.render_marked("t", &Context::from(data)).unwrap();
        let ids: Vec<&str> = marks[0].sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["s1", "same-month"]);
    }
}
