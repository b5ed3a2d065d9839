//! `{{#again "name" value}}…{{else}}…{{/again}}`: shorter wording for what
//! the sentence before has just said.
//!
//! The block is rendered when the last `again` of that name, in the order
//! the document is rendered and within the same `{{#section}}` (not an
//! inline one), had the same value, and the inverse otherwise (the first
//! time, or after another value); either way the value is remembered. A letter names the review a recommendation was made at in
//! full the first time, and "at the same review" after:
//! `{{#again "upr-review" year}}at the same review{{else}}during the
//! Universal Periodic Review in {{year}}{{/again}}`.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, Renderable,
};

use super::{fail, param, text_arg};
use crate::render::state;

/// The `again` block helper.
pub struct Again;

impl HelperDef for Again {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = text_arg(h.name(), param(h, 0)?)?;
        let value = text_arg(h.name(), param(h, 1)?)?;
        if name.is_empty() {
            return Err(fail(
                h.name(),
                "give what is said again a name: {{#again \"upr-review\" year}}",
            ));
        }
        // Outside a render there is no state: the first time, always.
        let same = state::with(|s| s.said.insert(name, value.clone()).as_ref() == Some(&value))
            .unwrap_or(false);
        match if same { h.template() } else { h.inverse() } {
            Some(t) => t.render(r, ctx, rc, out),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::render::Engine;
    use serde_json::json;

    #[test]
    fn the_block_is_what_is_said_again_and_the_inverse_what_is_said_first() {
        let mut e = Engine::new();
        e.register_template(
            "t",
            "{{#each years}}[{{#again \"review\" this}}same{{else}}in {{this}}{{/again}}]{{/each}}",
        )
        .unwrap();
        let out = e
            .render("t", &json!({ "years": [2024, 2024, 2019, 2024, 2024] }))
            .unwrap();
        assert_eq!(out, "[in 2024][same][in 2019][in 2024][same]");
    }
}
