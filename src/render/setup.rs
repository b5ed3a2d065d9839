//! An engine set up for one template: its body, title and subject, its
//! partials and messages, and every plugin's partials.

use super::{Engine, RenderError};
use crate::template::messages::FALLBACK;
use crate::template::{block_name, Template};

/// The message that, when a template has it, is the document's subject.
const SUBJECT: &str = "document.subject";

impl Engine {
    /// An engine with `template` registered under its name, with its
    /// partials, the plugins' partials, its document title
    /// ([`Engine::title_name`]) and its subject ([`Engine::subject_name`])
    /// when it has them, and its messages in English (which every other
    /// language falls back to) and in `lang`. Compiling messages costs
    /// milliseconds: those of languages not drafted in are left out.
    pub fn for_template(
        template: &Template,
        plugin_partials: &[(String, String)],
        lang: Option<&str>,
    ) -> Result<Engine, RenderError> {
        let name = &template.manifest.name;
        let mut engine = Engine::new();
        engine.set_citation_repeat(template.manifest.citations.repeat);
        for (name, source) in plugin_partials.iter().chain(&template.partials) {
            engine.register_partial(name, source)?;
        }
        for (block, source) in &template.blocks {
            engine.register_partial_as(&block_name(block), block, source)?;
        }
        // A block filled by a named partial takes its variant for the
        // language, `name.ru`, when there is one: a plugin's partials have
        // no message files.
        let wording = lang.unwrap_or(FALLBACK);
        for (block, partial) in &template.manifest.blocks {
            let known = |n: &str| {
                plugin_partials
                    .iter()
                    .chain(&template.partials)
                    .any(|(p, _)| p == n)
            };
            let variant = format!("{partial}.{wording}");
            let chosen = if known(&variant) {
                variant
            } else if known(partial) {
                partial.clone()
            } else {
                return Err(RenderError {
                    template: format!("{name}/template.toml"),
                    line: None,
                    column: None,
                    message: format!(
                        "`[blocks]` fills `{block}` with the partial `{partial}`, which neither \
                         the template nor any plugin has"
                    ),
                });
            };
            engine.register_partial_as(
                &block_name(block),
                block,
                &format!("{{{{> {chosen}}}}}"),
            )?;
        }
        let wanted = |l: &str| l == FALLBACK || Some(l) == lang;
        let messages = template.messages.iter().filter(|(l, _)| wanted(l));
        for (lang, messages) in messages.clone() {
            engine.register_messages(lang, messages.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        if messages.clone().any(|(_, m)| m.contains_key(SUBJECT)) {
            engine.register_template(
                &Engine::subject_name(name),
                &format!("{{{{t \"{SUBJECT}\"}}}}"),
            )?;
        }
        engine.register_template(name, &template.body)?;
        if let Some(title) = &template.manifest.document_title {
            engine.register_template(&Engine::title_name(name), title)?;
        }
        Ok(engine)
    }

    /// The name the document title of `template` is registered under.
    pub fn title_name(template: &str) -> String {
        format!("{template}#title")
    }

    /// The name the document subject of `template` is registered under.
    pub fn subject_name(template: &str) -> String {
        format!("{template}#subject")
    }
}
