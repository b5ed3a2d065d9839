//! What a drafting error points at: the template line, the Markdown line, the plugin.

use hrdraft::document::ParseError;
use hrdraft::pipeline::DraftError;
use hrdraft::render::RenderError;
use hrdraft::template::{TemplateError, TemplateSet};

use super::{Failure, EXIT_INVALID, EXIT_PLUGIN, EXIT_USAGE};
use hrdraft::diagnostic::Diagnostic;

/// Where template sources are found, to show the line an error is on.
pub struct Sources<'a> {
    /// The templates.
    pub templates: &'a TemplateSet,
    /// The plugins' partials: (name, source).
    pub plugin_partials: Vec<(String, String)>,
}

/// A drafting error as a failure with its exit status and what it points at.
pub fn draft_failure(e: DraftError, sources: &Sources<'_>, template: &str) -> Failure {
    match &e {
        DraftError::Render(r) => {
            let finding = render_finding(r, sources, template);
            Failure::shown(EXIT_INVALID, e, vec![finding])
        }
        DraftError::Parse {
            template,
            source,
            markdown,
        } => {
            let finding = parse_finding(template, source, markdown);
            Failure::shown(EXIT_INVALID, e, vec![finding])
        }
        DraftError::Plugin { name, source } => {
            let finding = Diagnostic::error(source.to_string()).hint(format!(
                "`hrdraft plugins` lists the plugins and where each comes from; \
                 `hrdraft plugins run {name} DATASET` runs this one alone"
            ));
            Failure::shown(EXIT_PLUGIN, e, vec![finding])
        }
        DraftError::Template(TemplateError::Unknown { .. }) => {
            let finding = Diagnostic::error(e.to_string())
                .hint("`hrdraft templates` lists them; `--templates DIR` adds your own");
            Failure::shown(EXIT_USAGE, e, vec![finding])
        }
        DraftError::Missing { file, holds, .. } => {
            let hint = if *holds == "a question not answered at the event" {
                format!("{file} records every question as answered at the event: there is nothing to send")
            } else {
                format!("add {file} to the dataset (`hrdraft new dataset` writes an example of every file)")
            };
            let finding = Diagnostic::error(e.to_string()).hint(hint);
            Failure::shown(EXIT_INVALID, e, vec![finding])
        }
        _ => Failure::new(EXIT_INVALID, e),
    }
}

/// A template error, shown on the template's own line.
fn render_finding(r: &RenderError, sources: &Sources<'_>, root: &str) -> Diagnostic {
    // The parser's list of every token it could have taken helps no one.
    let message = match r.message.split_once("invalid handlebars syntax: expected") {
        Some((start, _)) => format!("{start}invalid Handlebars syntax"),
        None => r.message.clone(),
    };
    let finding = Diagnostic::error(message);
    let finding = if r.message.contains("is missing from the context") {
        finding.hint(format!(
            "`hrdraft context DATASET -t {root}` prints every value the template can use"
        ))
    } else if let Some(name) = missing_plugin(&r.message) {
        finding.hint(format!(
            "`hrdraft plugins run {name} DATASET -t {root}` prints what the plugin returns"
        ))
    } else {
        finding
    };
    match (source_of(sources, root, &r.template), r.line) {
        // Past the last line: the template ended inside a block.
        (Some((file, text)), Some(line)) if line > text.lines().count() => Diagnostic {
            file,
            line,
            column: r.column.unwrap_or(1),
            ..finding.hint(
                "the template ends inside a block: close every {{#if}}, {{#each}}, \
                 {{#with}} and {{#unless}} with its {{/if}}, {{/each}} …",
            )
        },
        (Some((file, text)), Some(line)) => {
            finding.at_source(file, &text, line, r.column.unwrap_or(1))
        }
        (Some((file, _)), None) => Diagnostic { file, ..finding },
        (None, _) => Diagnostic {
            message: r.to_string(),
            ..finding
        },
    }
}

/// The plugin a "plugin `x` returned …" message (`render::missing`) names.
fn missing_plugin(message: &str) -> Option<&str> {
    message.strip_prefix("`plugins.")?;
    let (_, rest) = message.split_once(": plugin `")?;
    rest.split_once('`').map(|(name, _)| name)
}

/// The file name to show and the text of the template or partial `name`,
/// looked for in the template being rendered first.
pub fn source_of(sources: &Sources<'_>, root: &str, name: &str) -> Option<(String, String)> {
    let file = |dir: &Option<std::path::PathBuf>, template: &str, file: &str| match dir {
        Some(d) => d.join(file).display().to_string(),
        None => format!("<built-in>/{template}/{file}"),
    };
    if let Some(t) = name.strip_suffix("#title") {
        let t = sources.templates.get(t).ok()?;
        let text = t.manifest.document_title.clone()?;
        let name = file(&t.origin, &t.manifest.name, "template.toml");
        return Some((format!("{name} (document_title)"), text));
    }
    if let Ok(t) = sources.templates.get(name) {
        return Some((file(&t.origin, name, &t.manifest.body), t.body.clone()));
    }
    let owners = sources
        .templates
        .get(root)
        .into_iter()
        .chain(sources.templates.iter());
    for t in owners {
        if let Some((_, text)) = t.partials.iter().find(|(p, _)| p == name) {
            let on_disk = t.origin.as_ref().and_then(|d| {
                [format!("{name}.md.hbs"), format!("{name}.hbs")]
                    .into_iter()
                    .map(|f| d.join(f))
                    .find(|p| p.is_file())
            });
            let shown = match on_disk {
                Some(p) => p.display().to_string(),
                None => file(&t.origin, &t.manifest.name, &format!("{name}.md.hbs")),
            };
            return Some((shown, text.clone()));
        }
    }
    sources
        .plugin_partials
        .iter()
        .find(|(p, _)| p == name)
        .map(|(p, text)| (format!("<plugin partial {p}>"), text.clone()))
}

/// Markdown that cannot become a document, shown on its line of the rendered text.
fn parse_finding(template: &str, e: &ParseError, markdown: &str) -> Diagnostic {
    let line = match e {
        ParseError::UndefinedFootnote { line, .. }
        | ParseError::Html { line, .. }
        | ParseError::Layout { line, .. }
        | ParseError::Unsupported { line, .. }
        | ParseError::TooLarge { line, .. } => *line,
    };
    // The error's own text begins with "line N: ", which the snippet shows.
    let full = e.to_string();
    let message = full
        .strip_prefix(&format!("line {line}: "))
        .unwrap_or(&full)
        .to_string();
    let mut finding = Diagnostic::error(message)
        .hint(format!(
            "the line is in the Markdown that template `{template}` rendered; \
             `hrdraft context DATASET -t {template} --markdown` prints all of it"
        ))
        .at_source(
            format!("<{template} rendered as Markdown>"),
            markdown,
            line,
            1,
        );
    // Underline the whole line: the parser knows the line, not the column.
    if let Some(s) = finding.snippet.as_mut() {
        let indent = s
            .line_text
            .chars()
            .take_while(|c| c.is_whitespace())
            .count();
        s.column = indent + 1;
        s.width = s.line_text.trim().chars().count().max(1);
        finding.column = s.column;
    }
    finding
}

/// A template set that could not be registered: a syntax error in a template.
pub fn setup_failure(e: DraftError, sources: &Sources<'_>) -> Failure {
    match &e {
        DraftError::Render(r) => {
            let finding = render_finding(r, sources, &r.template);
            Failure::shown(EXIT_INVALID, e, vec![finding])
        }
        _ => Failure::new(EXIT_INVALID, e),
    }
}
