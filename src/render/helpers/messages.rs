//! `{{t "key"}}`: a template's fixed wording in the document's language, rendered in place.
//!
//! An engine keeps its messages' sources in a [`Wording`] and compiles
//! each the first time it is rendered, or ahead of that when asked
//! ([`Wording::compile`]): a letter's wording is four times its body, and
//! a command compiles it while the dataset loads, as far as it gets, so
//! that what is left is compiled only where it is used. `t` renders the
//! message for the context's `lang` (or `lang=`), else the English one,
//! over the current context, as a partial would be: `this`, `../` and
//! `@root` mean in a message what they mean where `t` is called.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock, RwLock};

use handlebars::template::Template;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
    Renderable,
};
use serde_json::Value;

use super::layout::enter;
use super::{fail, hash_str, param};
use crate::render::{compile, template_error, RenderError};
use crate::template::messages::FALLBACK;

/// The name a message is registered under in the engine.
pub fn message_name(lang: &str, key: &str) -> String {
    format!("messages/{lang}.toml#{key}")
}

/// An engine's messages by [`message_name`], each compiled once, when
/// first needed.
#[derive(Default)]
pub struct Wording {
    messages: RwLock<BTreeMap<String, Arc<Message>>>,
}

/// One message: its source, and the template made of it once compiled.
pub struct Message {
    name: String,
    source: String,
    compiled: OnceLock<Result<Template, RenderError>>,
}

impl Message {
    /// The message compiled, now if not before.
    fn compiled(&self) -> Result<&Template, &RenderError> {
        self.compiled
            .get_or_init(|| {
                compile::compile(&self.source, &self.name)
                    .map_err(|e| template_error(&self.name, e, 0))
            })
            .as_ref()
    }
}

impl Wording {
    /// Add (or replace) the message `name` with `source`, not compiled yet.
    pub fn insert(&self, name: String, source: &str) {
        let message = Arc::new(Message {
            name: name.clone(),
            source: source.to_string(),
            compiled: OnceLock::new(),
        });
        self.write().insert(name, message);
    }

    /// Whether there is a message of this name.
    pub fn contains(&self, name: &str) -> bool {
        self.read().contains_key(name)
    }

    fn get(&self, name: &str) -> Option<Arc<Message>> {
        self.read().get(name).cloned()
    }

    /// Compile every message not compiled yet, in the order of their
    /// names, until `stop` says to stop; the first, in that order, that
    /// does not compile is the error. Messages compiled before (on another
    /// thread, or as they were rendered) are not compiled again.
    pub fn compile(&self, stop: &dyn Fn() -> bool) -> Result<(), RenderError> {
        let all: Vec<Arc<Message>> = self.read().values().cloned().collect();
        let mut first = None;
        for message in all {
            if stop() {
                break;
            }
            if let Err(e) = message.compiled() {
                first.get_or_insert_with(|| e.clone());
            }
        }
        first.map_or(Ok(()), Err)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, BTreeMap<String, Arc<Message>>> {
        // Nothing panics while holding the lock; a poisoned one is as good.
        self.messages.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, BTreeMap<String, Arc<Message>>> {
        self.messages.write().unwrap_or_else(|p| p.into_inner())
    }
}

/// `{{t "closing"}}`, `{{t (concat "kind." kind)}}`, `{{t "closing" lang="en"}}`.
pub struct Translate(pub Arc<Wording>);

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
        render_message(&self.0, h.name(), &key, lang.as_deref(), r, ctx, rc, out)
    }
}

/// Render message `key` of `wording` in `lang` (the context's language
/// when `None`, English when it has none) over the current context, as
/// `t` does.
#[allow(clippy::too_many_arguments)]
pub(super) fn render_message<'reg: 'rc, 'rc>(
    wording: &Wording,
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
    let message = wording
        .get(&message_name(&lang, key))
        .or_else(|| wording.get(&message_name(FALLBACK, key)))
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
    let template = message.compiled().map_err(|e| {
        // Shown as an error of the message's own source, where it is.
        let mut error = handlebars::RenderError::from(RenderErrorReason::Other(e.message.clone()));
        error.template_name = Some(e.template.clone());
        error.line_no = e.line;
        error.column_no = e.column;
        error
    })?;
    let _leave = enter(format!("t \"{key}\""))?;
    // The message is the engine's, not the registry's: it is rendered in a
    // copy of the render's state that lives no longer than this call, and
    // what the copy learnt of line ends is handed back.
    let (result, trailing_newline, indent) = render_in(template, r, ctx, rc.clone(), out);
    rc.set_trailing_newline(trailing_newline);
    rc.set_indent_before_write(indent);
    result
}

/// Render `template` in `rc`, a render state that lives as long as the
/// template does; the result, and whether the output then ends a line and
/// the next text is to be indented.
fn render_in<'reg: 'm, 'm>(
    template: &'m Template,
    r: &'reg Handlebars<'reg>,
    ctx: &'m Context,
    mut rc: RenderContext<'reg, 'm>,
    out: &mut dyn Output,
) -> (HelperResult, bool, bool) {
    let result = template.render(r, ctx, &mut rc, out);
    (
        result,
        rc.get_trailine_newline(),
        rc.get_indent_before_write(),
    )
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
        e.register_messages("en", en.iter().map(|(k, v)| (*k, *v)));
        e.register_messages("ru", ru.iter().map(|(k, v)| (*k, *v)));
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

    #[test]
    fn a_message_is_compiled_when_used_and_every_one_when_asked() {
        let mut e = Engine::new();
        let en = [("fine", "Dear {{name}},"), ("broken", "line one\n{{#if}")];
        e.register_messages("en", en.iter().map(|(k, v)| (*k, *v)));
        e.register_template("body", "{{t \"fine\"}}").unwrap();
        e.register_template("uses", "text\n{{t \"broken\"}}")
            .unwrap();
        let ctx = json!({"lang": "en", "name": "A"});
        // A message no render uses is not compiled by rendering.
        assert_eq!(e.render("body", &ctx).unwrap(), "Dear A,");
        // Used, it is an error of its own source, at its line.
        let used = e.render("uses", &ctx).unwrap_err();
        assert_eq!(used.template, "messages/en.toml#broken");
        assert_eq!(used.line, Some(2));
        assert!(
            used.message.starts_with("the template cannot be read"),
            "{used}"
        );
        // Compiling them all finds it, and stops when told to.
        assert_eq!(e.compile_messages(&|| false).unwrap_err(), used);
        assert!(e.compile_messages(&|| true).is_ok());
        assert!(e.has_template("messages/en.toml#fine"));
    }
}
