//! `{{t "key"}}`: a template's fixed wording in the document's language, rendered in place.
//!
//! Messages are registered with the engine as templates of their own
//! ([`message_name`]); `t` renders the one for the context's `lang` (or
//! `lang=`), else the English one, over the current context, as a partial
//! would be: `this`, `../` and `@root` mean in a message what they mean where
//! `t` is called.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, Renderable,
};
use serde_json::Value;

use super::layout::enter;
use super::{fail, hash_str, param};
use crate::template::messages::FALLBACK;

/// The name a message is registered under in the engine.
pub fn message_name(lang: &str, key: &str) -> String {
    format!("messages/{lang}.toml#{key}")
}

/// `{{t "closing"}}`, `{{t (concat "kind." kind)}}`, `{{t "closing" lang="en"}}`.
pub struct Translate;

impl HelperDef for Translate {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let key = match param(h, 0)? {
            Value::String(k) if !k.is_empty() => k.clone(),
            other => {
                return Err(fail(
                    h.name(),
                    format!("`{other}` is not a message key; write e.g. {{{{t \"closing\"}}}}"),
                ))
            }
        };
        let lang = hash_str(h, "lang")?;
        render_message(h.name(), &key, lang.as_deref(), r, ctx, rc, out)
    }
}

/// Render message `key` in `lang` (the context's language when `None`,
/// English when it has none) over the current context, as `t` does.
pub(super) fn render_message<'reg: 'rc, 'rc>(
    helper: &str,
    key: &str,
    lang: Option<&str>,
    r: &'reg Handlebars<'reg>,
    ctx: &'rc Context,
    rc: &mut RenderContext<'reg, 'rc>,
    out: &mut dyn Output,
) -> HelperResult {
    let lang = match lang {
        Some(l) => l.to_string(),
        None => ctx
            .data()
            .get("lang")
            .and_then(Value::as_str)
            .unwrap_or(FALLBACK)
            .to_string(),
    };
    let template = r
        .get_template(&message_name(&lang, key))
        .or_else(|| r.get_template(&message_name(FALLBACK, key)))
        .ok_or_else(|| {
            let files = if lang == FALLBACK {
                format!("messages/{FALLBACK}.toml")
            } else {
                format!("messages/{lang}.toml or messages/{FALLBACK}.toml")
            };
            fail(
                helper,
                format!("there is no message `{key}` in the template's {files}"),
            )
        })?;
    let _leave = enter(format!("t \"{key}\""))?;
    let before = rc.get_current_template_name();
    let result = template.render(r, ctx, rc, out);
    rc.set_current_template_name(before);
    result
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::render::Engine;

    fn engine() -> Engine {
        let mut e = Engine::new();
        let en = [
            ("hello", "Dear {{name}},"),
            ("only_en", "English"),
            ("nested.deep", "{{#each items}}{{t \"item\"}}{{/each}}"),
            ("item", "[{{this}}/{{../name}}/{{@root.name}}]"),
            ("loop", "{{t \"loop\"}}"),
            ("bad", "{{missing}}"),
        ];
        let ru = [("hello", "Уважаемый {{name}},")];
        e.register_messages("en", en.iter().map(|(k, v)| (*k, *v)))
            .unwrap();
        e.register_messages("ru", ru.iter().map(|(k, v)| (*k, *v)))
            .unwrap();
        e
    }

    fn render(source: &str, lang: &str) -> Result<String, String> {
        let mut e = engine();
        e.register_template("body", source).unwrap();
        let ctx = json!({"lang": lang, "name": "A*", "items": ["x", "y"]});
        e.render("body", &ctx).map_err(|e| e.to_string())
    }

    #[test]
    fn messages_render_in_the_chosen_language_with_english_fallback() {
        assert_eq!(render("{{t \"hello\"}}", "en").unwrap(), "Dear A\\*,");
        assert_eq!(render("{{t \"hello\"}}", "ru").unwrap(), "Уважаемый A\\*,");
        assert_eq!(render("{{t \"only_en\"}}", "ru").unwrap(), "English");
        assert_eq!(
            render("{{t \"hello\" lang=\"en\"}}", "ru").unwrap(),
            "Dear A\\*,"
        );
    }

    #[test]
    fn messages_see_the_context_where_they_are_called() {
        assert_eq!(
            render("{{t \"nested.deep\"}}", "en").unwrap(),
            "[x/A\\*/A\\*][y/A\\*/A\\*]"
        );
    }

    #[test]
    fn unknown_keys_loops_and_errors_are_named() {
        let e = render("{{t \"nope\"}}", "ru").unwrap_err();
        assert!(
            e.contains(
                "there is no message `nope` in the template's messages/ru.toml or messages/en.toml"
            ),
            "{e}"
        );
        let e = render("{{t \"loop\"}}", "en").unwrap_err();
        assert!(e.contains("nest more than"), "{e}");
        let e = render("x\n{{t \"bad\"}}", "en").unwrap_err();
        assert!(e.starts_with("template `messages/en.toml#bad`"), "{e}");
        assert!(e.contains("`missing` is missing"), "{e}");
        // After a message, errors are placed in the body again.
        let e = render("{{t \"hello\"}}\n{{nothing}}", "en").unwrap_err();
        assert!(e.starts_with("template `body`, line 2"), "{e}");
    }
}
