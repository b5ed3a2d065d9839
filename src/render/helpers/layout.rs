//! Helpers that write layout markup: `paragraphs`, `anchor`, `pageref`, and the partial depth guard.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError,
    Renderable,
};
use serde_json::Value;

use super::{fail, param, text_arg};
use crate::document::escape::escape_paragraphs;
use crate::render::state::{self, MAX_PARTIAL_DEPTH};

/// `{{paragraphs text}}`: a dataset text whose blank lines separate
/// paragraphs, escaped, paragraphs separated by blank lines. Put it alone on
/// its line in the template.
pub struct Paragraphs;

impl HelperDef for Paragraphs {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let v = param(h, 0)?;
        let escaped = match v {
            Value::Null => String::new(),
            // Escaped where it stands: a long comment is not copied first.
            Value::String(s) => escape_paragraphs(s),
            v => escape_paragraphs(&text_arg(h.name(), v)?),
        };
        out.write(&escaped)?;
        Ok(())
    }
}

/// Make an anchor name from any text: letters, digits, `-`, `_`, `.` and `:`
/// are kept, anything else becomes `-`.
pub fn anchor_id(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// `{{anchor "rec-" n}}` marks a place; `{{pageref "rec-" n}}` prints the
/// number of the page it is on, `{{pageref "rec-" n label="page"}}` with
/// the word before it ("page 7") where there are pages (PDF, DOCX), a link
/// alone in the HTML. The parameters are joined into the name.
pub struct Anchor {
    /// Print a page reference rather than an anchor.
    pub pageref: bool,
}

impl HelperDef for Anchor {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let mut name = String::new();
        for i in 0..h.params().len() {
            let v = param(h, i)?;
            name.push_str(&text_arg(h.name(), v)?);
        }
        if name.is_empty() {
            return Err(fail(
                h.name(),
                "give the name of the place, e.g. {{anchor \"rec-\" number}}",
            ));
        }
        let id = anchor_id(&name);
        if self.pageref {
            let label = super::hash_str(h, "label")?.unwrap_or_default();
            let label = label.trim();
            if label.is_empty() {
                out.write(&format!(
                    "<span class=\"pageref\" data-target=\"{id}\"></span>"
                ))?;
            } else if label.contains(['"', '<', '>', '&']) {
                return Err(fail(
                    h.name(),
                    format!("`label=` must be plain words (\"page\"), not {label:?}"),
                ));
            } else {
                out.write(&format!(
                    "<span class=\"pageref\" data-target=\"{id}\" data-label=\"{label}\"></span>"
                ))?;
            }
        } else {
            out.write(&format!("<a id=\"{id}\"></a>"))?;
        }
        Ok(())
    }
}

/// Name of the block helper the engine wraps every partial in.
pub const PARTIAL_GUARD: &str = "hrdraft-partial";

/// Counts how deep partials nest, so that partials including each other
/// stop with an error rather than overflowing the stack.
pub struct PartialGuard;

/// Leaves the nesting level [`enter`] entered when dropped.
pub(super) struct Leave;

impl Drop for Leave {
    fn drop(&mut self) {
        state::with(|s| s.partials.pop());
    }
}

/// Enter partial (or message) `name`, or fail when they nest too deep.
/// Outside a render there is no state to count in, and nothing to leave.
pub(super) fn enter(name: String) -> Result<Option<Leave>, RenderError> {
    let chain = state::with(|s| {
        s.partials.push(name);
        (s.partials.len() > MAX_PARTIAL_DEPTH).then(|| s.partials.join(" > "))
    });
    let leave = chain.is_some().then_some(Leave);
    if let Some(Some(chain)) = chain {
        return Err(fail(
            "partial",
            format!(
                "partials nest more than {MAX_PARTIAL_DEPTH} deep ({chain}); \
                 a partial probably includes itself through another"
            ),
        ));
    }
    Ok(leave)
}

impl HelperDef for PartialGuard {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .unwrap_or("?")
            .to_string();
        let _leave = enter(name)?;
        match h.template() {
            Some(t) => t.render(r, ctx, rc, out),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::anchor_id;
    use crate::render::helpers::testing::ok;

    #[test]
    fn anchors_and_pagerefs() {
        assert_eq!(anchor_id("rec 12/ü"), "rec-12--");
        assert_eq!(
            ok("{{anchor \"rec-\" n}}", &json!({"n": 12})),
            "<a id=\"rec-12\"></a>"
        );
        assert_eq!(
            ok("{{pageref \"rec-\" n}}", &json!({"n": 12})),
            "<span class=\"pageref\" data-target=\"rec-12\"></span>"
        );
        assert_eq!(
            ok("{{pageref \"rec-\" n label=\"page\"}}", &json!({"n": 12})),
            "<span class=\"pageref\" data-target=\"rec-12\" data-label=\"page\"></span>"
        );
    }

    #[test]
    fn paragraphs_are_escaped_blocks() {
        assert_eq!(
            ok("{{paragraphs t}}", &json!({"t": "a *b*\n\n# c"})),
            "a \\*b\\*\n\n\\# c"
        );
    }
}
