//! The helpers every template may call, registered once per engine.
//!
//! Helpers that compute a value (`date`, `join`, `plural` ...) return it to
//! Handlebars, which escapes it like any other `{{value}}`. Helpers that
//! produce markup (`footnote`, `cite`, `citation`, `paragraphs`, `anchor`,
//! `pageref`) write Markdown themselves and escape every piece of data they
//! put in it. `t` renders a message of the template's own in place. The comparisons `eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `and`,
//! `or`, `not` and `len` are Handlebars' own.

mod again;
mod date;
mod each;
pub use each::{take_once, OnceLists};
mod evidence;
mod layout;
pub use layout::PARTIAL_GUARD;
mod messages;
pub use messages::{message_name, Wording};
mod notes;
mod numbers;
mod sections;
mod text;

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonRender, Output, RenderContext,
    RenderError, RenderErrorReason, ScopedJson,
};
use std::sync::Arc;

use serde_json::Value;

pub(crate) use date::RU_GENITIVE;
pub use date::{format_date, DateStyle};
pub use notes::{
    footnote_label as notes_label, format_citation, format_ibid, LABEL_PREFIX as NOTE_LABEL_PREFIX,
};
pub use numbers::{number_words, ordinal};

/// Register every hrdraft helper on `hb`, each behind [`DataFirst`].
pub fn register(hb: &mut Handlebars<'static>, wording: &Arc<Wording>) {
    let value_helpers: [(&str, ValueFn); 14] = [
        ("date", date::date),
        ("date_range", date::date_range),
        ("ordinal", numbers::ordinal_helper),
        ("number_words", numbers::number_words_helper),
        ("join", text::join),
        ("ends_in_aside", text::ends_in_aside_helper),
        ("upper", text::upper),
        ("lower", text::lower),
        ("capitalize", text::capitalize),
        ("uncapitalize", text::uncapitalize),
        ("without_article", text::without_article),
        ("count", text::count),
        ("plural", text::plural),
        ("concat", text::concat),
    ];
    for (name, f) in value_helpers {
        add(hb, name, ValueHelper(f));
    }
    add(hb, "footnote", notes::Footnote);
    add(hb, "cite", notes::Cite { footnote: true });
    add(hb, "citation", notes::Cite { footnote: false });
    add(hb, "paragraphs", layout::Paragraphs);
    add(hb, "anchor", layout::Anchor { pageref: false });
    add(hb, "pageref", layout::Anchor { pageref: true });
    add(hb, layout::PARTIAL_GUARD, layout::PartialGuard);
    add(hb, "t", messages::Translate(Arc::clone(wording)));
    add(hb, "section", sections::Section(Arc::clone(wording)));
    add(hb, "evidence", evidence::EvidenceBlock);
    add(hb, "again", again::Again);
    // Handlebars' own, but for lists rendered once.
    hb.register_helper("each", Box::new(each::Each));
}

fn add(hb: &mut Handlebars<'static>, name: &str, helper: impl HelperDef + Send + Sync + 'static) {
    hb.register_helper(name, Box::new(DataFirst(helper)));
}

/// A helper whose name is also a field of the value in scope yields to the
/// field when it is called by its bare name (`{{count}}`, no parameters, no
/// block): inside `{{#with plugins.[x]}}` or `{{#each plugins.x.items}}`, a
/// plugin's `count` is what the author wrote. Handlebars itself looks a bare
/// name up as a helper first, which printed the helper's result in place of
/// the plugin's value without a word. Called with parameters, it is the
/// helper.
struct DataFirst<H>(H);

impl<H> DataFirst<H> {
    /// The field of the value in scope that this call names, if it is one.
    fn field<'rc>(
        h: &Helper<'rc>,
        ctx: &'rc Context,
        rc: &RenderContext<'_, 'rc>,
    ) -> Option<Value> {
        if !h.params().is_empty() || !h.hash().is_empty() || h.is_block() {
            return None;
        }
        let this = rc.evaluate(ctx, "this").ok()?;
        this.as_json().as_object()?.get(h.name()).cloned()
    }
}

impl<H: HelperDef> HelperDef for DataFirst<H> {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        match Self::field(h, ctx, rc) {
            Some(value) => Ok(ScopedJson::Derived(value)),
            None => self.0.call_inner(h, r, ctx, rc),
        }
    }

    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let Some(value) = Self::field(h, ctx, rc) else {
            return self.0.call(h, r, ctx, rc, out);
        };
        // As Handlebars prints any value: escaped unless in `{{{ }}}`.
        let text = value.render();
        let text = match rc.is_disable_escape() {
            true => text,
            false => r.get_escape_fn()(&text),
        };
        out.write(&text)?;
        Ok(())
    }
}

/// A helper that computes a value from its parameters.
type ValueFn = for<'rc> fn(&Helper<'rc>) -> Result<Value, RenderError>;

struct ValueHelper(ValueFn);

impl HelperDef for ValueHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        (self.0)(h).map(ScopedJson::Derived)
    }
}

/// An error from helper `name`, worded for a template author.
pub(crate) fn fail(name: &str, message: impl std::fmt::Display) -> RenderError {
    RenderErrorReason::Other(format!("`{name}`: {message}")).into()
}

/// Positional parameter `idx`, which must be present in the context.
pub(crate) fn param<'a>(h: &'a Helper<'_>, idx: usize) -> Result<&'a Value, RenderError> {
    let name = h.name();
    match h.param(idx) {
        None => Err(fail(
            name,
            format!("needs a parameter in position {}", idx + 1),
        )),
        Some(p) if p.is_value_missing() => Err(fail(
            name,
            format!(
                "`{}` is missing from the context",
                p.relative_path().map(String::as_str).unwrap_or("?")
            ),
        )),
        Some(p) => Ok(p.value()),
    }
}

/// Named parameter `key` as text, if given.
pub(crate) fn hash_str(h: &Helper<'_>, key: &str) -> Result<Option<String>, RenderError> {
    match h.hash_get(key).map(|p| p.value()) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(fail(
            h.name(),
            format!("`{key}=` must be text, not {other}"),
        )),
    }
}

/// Named parameter `key` as a flag (absent = false).
pub(crate) fn hash_flag(h: &Helper<'_>, key: &str) -> bool {
    h.hash_get(key)
        .map(|p| match p.value() {
            Value::Bool(b) => *b,
            Value::Null => false,
            Value::String(s) => !s.is_empty() && s != "false",
            _ => true,
        })
        .unwrap_or(false)
}

/// A value printed as text: strings as they are, numbers in figures.
pub(crate) fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A helper's argument as text ([`as_text`]), or the error naming the
/// helper and the value that is not text.
pub(crate) fn text_arg(helper: &str, v: &Value) -> Result<String, RenderError> {
    as_text(v).ok_or_else(|| fail(helper, format!("`{v}` is not text")))
}

/// The language a helper writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// The `lang=` parameter of a helper, English when absent.
    pub(crate) fn of(h: &Helper<'_>) -> Result<Lang, RenderError> {
        match hash_str(h, "lang")?.as_deref() {
            None | Some("") => Ok(Lang::En),
            Some(tag) => Lang::from_tag(tag).ok_or_else(|| {
                fail(
                    h.name(),
                    format!("language `{tag}` is not supported; use `en` or `ru`"),
                )
            }),
        }
    }

    /// The language of a BCP 47 tag ("en", "en-GB", "ru").
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Render a one-line template through a full engine.

    use serde_json::Value;

    use crate::render::Engine;

    /// Render `source` over `ctx`.
    pub fn render(source: &str, ctx: &Value) -> Result<String, String> {
        let mut e = Engine::new();
        e.register_template("t", source)
            .map_err(|e| e.to_string())?;
        e.render("t", ctx).map_err(|e| e.to_string())
    }

    /// Render and expect success.
    pub fn ok(source: &str, ctx: &Value) -> String {
        match render(source, ctx) {
            Ok(s) => s,
            Err(e) => panic!("{source}: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::testing::ok;

    #[test]
    fn builtin_comparisons_work_in_if() {
        let ctx = json!({"n": 3, "s": "a", "list": [1, 2]});
        assert_eq!(ok("{{#if (eq s \"a\")}}y{{else}}n{{/if}}", &ctx), "y");
        assert_eq!(ok("{{#if (ne s \"a\")}}y{{else}}n{{/if}}", &ctx), "n");
        assert_eq!(ok("{{#if (gt n 2)}}y{{else}}n{{/if}}", &ctx), "y");
        assert_eq!(ok("{{#if (lt n 2)}}y{{else}}n{{/if}}", &ctx), "n");
        assert_eq!(
            ok("{{#if (and (gt n 2) (eq s \"a\"))}}y{{else}}n{{/if}}", &ctx),
            "y"
        );
        assert_eq!(
            ok("{{#if (or (lt n 2) (eq s \"b\"))}}y{{else}}n{{/if}}", &ctx),
            "n"
        );
        assert_eq!(ok("{{#if (not (eq s \"b\"))}}y{{else}}n{{/if}}", &ctx), "y");
        assert_eq!(ok("{{len list}}", &ctx), "2");
    }
}
