//! An engine set up for one template: its body, title and subject, its
//! partials and messages, and every plugin's partials.

use super::{Engine, RenderError};
use crate::template::Template;

/// The message that, when a template has it, is the document's subject.
const SUBJECT: &str = "document.subject";

impl Engine {
    /// An engine with `template` registered under its name, with its
    /// partials, its messages in every language, the plugins' partials, its
    /// document title ([`Engine::title_name`]) and its subject
    /// ([`Engine::subject_name`]), when it has them.
    pub fn for_template(
        template: &Template,
        plugin_partials: &[(String, String)],
    ) -> Result<Engine, RenderError> {
        let name = &template.manifest.name;
        let mut engine = Engine::new();
        engine.set_citation_repeat(template.manifest.citations.repeat);
        for (name, source) in plugin_partials.iter().chain(&template.partials) {
            engine.register_partial(name, source)?;
        }
        for (lang, messages) in &template.messages {
            engine
                .register_messages(lang, messages.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        }
        if template.messages.values().any(|m| m.contains_key(SUBJECT)) {
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
