//! Rendering Handlebars templates over the context to Markdown.
//!
//! One [`Engine`] is built per process: it registers the helpers and the
//! Markdown escape once, then templates and partials by name, and renders
//! any of them over a JSON context. Rendering is strict: a value a template
//! prints that the context lacks is an error naming template, line and
//! column (`{{#if value}}` on a missing value is simply false).
//!
//! Every `{{value}}` is escaped by [`escape_markdown`](crate::document::escape::escape_markdown) so that dataset
//! text never becomes markup; `{{{value}}}` prints trusted Markdown as it is.
//! Footnotes made by the `footnote` and `cite` helpers are appended to the
//! output as Markdown footnote definitions; a note whose reference directly
//! follows a reference to a note of the same text is dropped, as an editor
//! would cite the same source once at one place.

mod compile;
pub mod helpers;
mod missing;
mod setup;
mod state;

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use handlebars::{Context, Handlebars, RenderErrorReason, TemplateError};
use serde_json::Value;

use self::helpers::{notes_label, NOTE_LABEL_PREFIX};
pub use self::helpers::{take_once, OnceLists};
pub use self::state::{Citation, CitedBy};
use self::state::{Frame, RenderState};
use crate::template::Repeat;

/// Why a template could not be registered or rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    /// The template (or partial) where it went wrong.
    pub template: String,
    /// Line in that template, from 1, when known.
    pub line: Option<usize>,
    /// Column in that line, from 1, when known.
    pub column: Option<usize>,
    /// What went wrong, for a template author.
    pub message: String,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "template `{}`", self.template)?;
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, ", line {l}, column {c}")?,
            (Some(l), None) => write!(f, ", line {l}")?,
            _ => {}
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RenderError {}

/// The largest Markdown a render may produce: 512 MiB, about four times a
/// Mid-term Implementation Assessment of 100,000 recommendations. A template
/// that repeats itself (nested `{{#each}}` over large arrays) stops here with
/// an error instead of filling the machine's memory.
pub const MAX_OUTPUT_BYTES: usize = 512 * 1024 * 1024;

/// The environment variable that changes [`MAX_OUTPUT_BYTES`], in MiB.
pub const MAX_OUTPUT_ENV: &str = "HRDRAFT_MAX_DOCUMENT_MB";

/// The Handlebars registry with hrdraft's helpers, escape and templates.
pub struct Engine {
    hb: Handlebars<'static>,
    /// The most a render may write, in bytes.
    max_output: usize,
    /// Partials are wrapped in a depth guard that adds one line at the top;
    /// errors in them are moved back up by that line.
    partials: HashSet<String>,
    /// How a source is cited again.
    repeat: Repeat,
    /// The messages `t` renders, compiled as they are first needed.
    wording: Arc<helpers::Wording>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field(
                "templates",
                &self.hb.get_templates().keys().collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Engine {
    /// An engine with every helper registered and no templates.
    pub fn new() -> Engine {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(crate::document::escape::escape_markdown);
        let wording = Arc::new(helpers::Wording::default());
        helpers::register(&mut hb, &wording);
        // The command line has refused a value this would not use (`env::check`).
        let max_output = crate::env::max_document_bytes()
            .ok()
            .flatten()
            .unwrap_or(MAX_OUTPUT_BYTES);
        Engine {
            hb,
            max_output,
            partials: HashSet::new(),
            repeat: Repeat::default(),
            wording,
        }
    }

    /// Cite a source cited before as `repeat` says (default [`Repeat::Full`]).
    pub fn set_citation_repeat(&mut self, repeat: Repeat) {
        self.repeat = repeat;
    }

    /// Stop renders that write more than `bytes` (default [`MAX_OUTPUT_BYTES`],
    /// or `HRDRAFT_MAX_DOCUMENT_MB`).
    pub fn set_output_limit(&mut self, bytes: usize) {
        self.max_output = bytes;
    }

    /// Register (or replace) a template.
    pub fn register_template(&mut self, name: &str, source: &str) -> Result<(), RenderError> {
        self.partials.remove(name);
        let template = compile::compile(source, name).map_err(|e| template_error(name, e, 0))?;
        self.hb.register_template(name, template);
        Ok(())
    }

    /// Register (or replace) a partial, included with `{{> name}}`.
    pub fn register_partial(&mut self, name: &str, source: &str) -> Result<(), RenderError> {
        let name_ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
        if !name_ok {
            return Err(RenderError {
                template: name.to_string(),
                line: None,
                column: None,
                message: "a partial's name may hold only letters, digits, `-`, `_`, `.` and `/`"
                    .into(),
            });
        }
        self.register_partial_as(name, name, source)
    }

    /// Register a partial under `name`, any string, shown in errors and
    /// in the chain of partials as `shown` (a block's filling, registered
    /// under a name no `{{> name}}` can reach).
    pub fn register_partial_as(
        &mut self,
        name: &str,
        shown: &str,
        source: &str,
    ) -> Result<(), RenderError> {
        // The guard's opening tag stands alone on the first line, so
        // Handlebars drops that line and the partial renders unchanged.
        let guard = helpers::PARTIAL_GUARD;
        let wrapped = format!("{{{{#{guard} \"{shown}\"}}}}\n{source}{{{{/{guard}}}}}");
        let template = compile::compile(&wrapped, name).map_err(|e| template_error(name, e, 1))?;
        self.hb.register_template(name, template);
        self.partials.insert(name.to_string());
        Ok(())
    }

    /// Register one language's messages (key, Handlebars source), printed
    /// with `{{t "key"}}`. Each is compiled the first time it is rendered,
    /// or by [`Engine::compile_messages`]; a message that does not compile
    /// is an error where it is used.
    pub fn register_messages<'a>(
        &mut self,
        lang: &str,
        messages: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) {
        for (key, source) in messages {
            self.wording
                .insert(helpers::message_name(lang, key), source);
        }
    }

    /// Compile the messages not compiled yet, in the order of their names,
    /// until `stop` says to stop (see [`helpers::Wording::compile`]); the
    /// first that does not compile is the error.
    pub fn compile_messages(&self, stop: &dyn Fn() -> bool) -> Result<(), RenderError> {
        self.wording.compile(stop)
    }

    /// Whether a template, partial or message of this name is registered.
    pub fn has_template(&self, name: &str) -> bool {
        self.hb.has_template(name) || self.wording.contains(name)
    }

    /// Render template `name` over `context` to Markdown, footnote
    /// definitions appended. Sources for `cite` are taken from the context's
    /// `dataset.sources`.
    pub fn render(&self, name: &str, context: &Value) -> Result<String, RenderError> {
        self.render_context(name, &Context::from(context.clone()))
    }

    /// [`Engine::render`] over a context already wrapped for Handlebars, so
    /// that a large context is not copied for every template rendered over it.
    pub fn render_context(&self, name: &str, context: &Context) -> Result<String, RenderError> {
        self.render_state(name, context, false)
            .map(|(out, _, _)| out)
    }

    /// [`Engine::render_context`] for review: text that `{{#evidence}}`
    /// blocks and footnotes produce is marked with the milestones
    /// [`crate::document::MARK_TAG`], and what each mark says is returned
    /// beside the Markdown, numbered as the milestones are.
    pub fn render_marked(
        &self,
        name: &str,
        context: &Context,
    ) -> Result<(String, Vec<crate::document::Mark>), RenderError> {
        self.render_state(name, context, true)
            .map(|(out, marks, _)| (out, marks))
    }

    /// [`Engine::render_context`], with every citation the render made.
    pub fn render_cited(
        &self,
        name: &str,
        context: &Context,
    ) -> Result<(String, Vec<Citation>), RenderError> {
        self.render_state(name, context, false)
            .map(|(out, _, citations)| (out, citations))
    }

    /// The Markdown, the review marks (with `review`) and the citations of
    /// one render.
    pub fn render_state(
        &self,
        name: &str,
        context: &Context,
        review: bool,
    ) -> Result<(String, Vec<crate::document::Mark>, Vec<Citation>), RenderError> {
        let mut body = self.render_body(name, context, review)?;
        let markdown = body.take_markdown()?;
        Ok((markdown, body.marks, body.citations))
    }

    /// One render before its footnotes are appended: what the template
    /// wrote, and what the render collected. [`Body::take_markdown`] makes the
    /// Markdown; apart, so that a caller can free the context first.
    pub fn render_body(
        &self,
        name: &str,
        context: &Context,
        review: bool,
    ) -> Result<Body, RenderError> {
        self.render_body_watched(name, context, review, OnceLists::default(), &mut |_| {})
    }

    /// [`Engine::render_body`], showing `watch` the body each time it has
    /// grown, so that a caller can start on its first part (parse it) while
    /// the rest is rendered. The body seen may end inside a character; what
    /// the template wrote is seen again, whole, in the [`Body`].
    pub fn render_body_watched(
        &self,
        name: &str,
        context: &Context,
        review: bool,
        once: OnceLists,
        watch: &mut dyn FnMut(&[u8]),
    ) -> Result<Body, RenderError> {
        if !self.hb.has_template(name) {
            return Err(RenderError {
                template: name.to_string(),
                line: None,
                column: None,
                message: "there is no template of this name".into(),
            });
        }
        let frame = Frame::push(RenderState {
            sources: context.data().pointer("/dataset/sources").cloned(),
            repeat: self.repeat,
            review,
            once,
            ..RenderState::default()
        });
        let mut body = Limited {
            buf: Vec::new(),
            limit: self.max_output,
            over: false,
            watch,
        };
        let rendered = self
            .hb
            .render_with_context_to_write(name, context, &mut body);
        if body.over {
            return Err(self.too_large(name));
        }
        rendered.map_err(|e| self.render_error(name, e, context.data()))?;
        let state = frame.finish();
        let text = String::from_utf8(body.buf).map_err(|_| RenderError {
            template: name.to_string(),
            line: None,
            column: None,
            message: "the template produced text that is not UTF-8".into(),
        })?;
        Ok(Body {
            template: name.to_string(),
            limit: self.max_output,
            text,
            footnotes: state.footnotes,
            marks: state.marks,
            citations: state.citations,
            renumbered: false,
        })
    }

    fn too_large(&self, name: &str) -> RenderError {
        too_large(name, self.max_output)
    }

    fn render_error(&self, root: &str, e: handlebars::RenderError, data: &Value) -> RenderError {
        let template = e.template_name.clone().unwrap_or_else(|| root.to_string());
        let shift = usize::from(self.partials.contains(&template));
        let message = match e.reason() {
            RenderErrorReason::MissingVariable(Some(path)) => missing::plugin_value(path, data)
                .unwrap_or_else(|| {
                    format!(
                        "`{path}` is missing from the context; every value a template prints must \
                 exist (test optional values with {{{{#if}}}})"
                    )
                }),
            RenderErrorReason::MissingVariable(None) => {
                "a value is missing from the context".to_string()
            }
            RenderErrorReason::PartialNotFound(p) => format!("there is no partial named `{p}`"),
            RenderErrorReason::HelperNotFound(h) => format!("there is no helper named `{h}`"),
            RenderErrorReason::CannotIncludeSelf => "a partial cannot include itself".to_string(),
            RenderErrorReason::Other(m) => m.clone(),
            other => other.to_string(),
        };
        RenderError {
            template,
            line: e.line_no.map(|l| l.saturating_sub(shift).max(1)),
            column: e.column_no,
            message,
        }
    }
}

/// `512 MiB`, `64 KiB`.
pub(crate) fn human_size(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// A buffer that refuses to grow past its limit, which stops the render,
/// and shows what it holds to `watch` as it grows.
struct Limited<'w> {
    buf: Vec<u8>,
    limit: usize,
    over: bool,
    watch: &'w mut dyn FnMut(&[u8]),
}

impl std::io::Write for Limited<'_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.buf.len().saturating_add(data.len()) > self.limit {
            self.over = true;
            return Err(std::io::Error::other("the document is too large"));
        }
        self.buf.extend_from_slice(data);
        (self.watch)(&self.buf);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub(crate) fn template_error(name: &str, e: TemplateError, shift: usize) -> RenderError {
    let pos = e.pos();
    RenderError {
        template: name.to_string(),
        line: pos.map(|(l, _)| l.saturating_sub(shift).max(1)),
        column: pos.map(|(_, c)| c),
        message: format!("the template cannot be read: {}", e.reason()),
    }
}

/// The rendered body, tables kept apart from what follows them, then the
/// footnote definitions. The body's own buffer becomes the Markdown where
/// nothing in it changes, so that a long report is not copied.
/// Also whether notes were dropped, which changes the body's text.
fn assemble(body: String, footnotes: &[String]) -> (String, bool) {
    let (body, footnotes, renumbered) = match drop_repeated_notes(&body, footnotes) {
        Some((body, notes)) => (body, std::borrow::Cow::Owned(notes), true),
        None => (body, std::borrow::Cow::Borrowed(footnotes), false),
    };
    let mut out = separate_tables(body);
    out.reserve(footnotes.iter().map(|n| n.len() + 32).sum());
    for (i, note) in footnotes.iter().enumerate() {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&format!("[^{}]: ", notes_label(i + 1)));
        // Continuation lines belong to the note when indented by four.
        for (j, line) in note.lines().enumerate() {
            if j > 0 {
                out.push('\n');
                if !line.trim().is_empty() {
                    out.push_str("    ");
                }
            }
            out.push_str(line);
        }
        out.push('\n');
    }
    (out, renumbered)
}

/// The error of a render whose Markdown passed `limit` bytes.
fn too_large(name: &str, limit: usize) -> RenderError {
    RenderError {
        template: name.to_string(),
        line: None,
        column: None,
        message: format!(
            "the document is larger than {} and was stopped there to protect the \
             machine; a template that repeats content (nested {{{{#each}}}} blocks) is \
             the usual cause; if the dataset really is this large, raise the limit \
             with {MAX_OUTPUT_ENV}=<MiB>",
            human_size(limit)
        ),
    }
}

/// What one render wrote and collected, before its footnotes are appended
/// (see [`Engine::render_body`]).
#[derive(Debug)]
pub struct Body {
    /// What the template wrote.
    pub text: String,
    /// The notes the `footnote` and `cite` helpers made, in order.
    pub footnotes: Vec<String>,
    /// The review marks, in a review render.
    pub marks: Vec<crate::document::Mark>,
    /// Every citation the render made.
    pub citations: Vec<Citation>,
    /// Whether [`Body::take_markdown`] dropped repeated notes and numbered
    /// the rest again, which changed the body's text: the Markdown's body is
    /// then not the text the template wrote, with tables kept apart.
    pub renumbered: bool,
    /// The template rendered, for errors.
    template: String,
    /// The most Markdown the render may make.
    limit: usize,
}

impl Body {
    /// The Markdown: the body, tables kept apart from what follows them,
    /// then the footnote definitions. It is made from the body's text, which
    /// is taken (left empty) rather than copied.
    pub fn take_markdown(&mut self) -> Result<String, RenderError> {
        let (out, renumbered) = assemble(std::mem::take(&mut self.text), &self.footnotes);
        self.renumbered = renumbered;
        if out.len() > self.limit {
            return Err(too_large(&self.template, self.limit));
        }
        Ok(out)
    }
}

/// Whether `label` (lower-cased) is one the engine gives the notes it
/// appends, `hrdraft-fn-N`.
pub(crate) fn is_note_label(label: &str) -> bool {
    label
        .strip_prefix(NOTE_LABEL_PREFIX)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A footnote reference the engine printed: where it is and the note's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NoteRef {
    start: usize,
    end: usize,
    n: usize,
}

/// The references `[^hrdraft-fn-N]` in `text` to notes 1 to `count`, in
/// order. A bracket after a backslash is text (escaped data), not a reference.
fn note_refs(text: &str, count: usize) -> Vec<NoteRef> {
    let open = format!("[^{NOTE_LABEL_PREFIX}");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(&open) {
        let start = from + i;
        let digits_start = start + open.len();
        let digits = text[digits_start..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let end = digits_start + digits;
        from = digits_start;
        if digits == 0 || text.as_bytes().get(end) != Some(&b']') {
            continue;
        }
        let backslashes = text[..start]
            .bytes()
            .rev()
            .take_while(|b| *b == b'\\')
            .count();
        if backslashes % 2 == 1 {
            continue;
        }
        match text[digits_start..end].parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => {
                out.push(NoteRef {
                    start,
                    end: end + 1,
                    n,
                });
                from = end + 1;
            }
            _ => {}
        }
    }
    out
}

/// The same note cited twice at one place is one note: a reference that
/// follows others with nothing between (`[^hrdraft-fn-4][^hrdraft-fn-5]`),
/// to a note whose text is that of one of theirs, is dropped with its note.
/// The notes left are numbered again from 1, in the body and in notes that
/// refer to notes. `None` when nothing is dropped.
fn drop_repeated_notes(body: &str, notes: &[String]) -> Option<(String, Vec<String>)> {
    let refs = note_refs(body, notes.len());
    let mut dropped = vec![false; notes.len()];
    let mut any = false;
    let mut run_start = 0;
    for (k, r) in refs.iter().enumerate() {
        if k == 0 || refs[k - 1].end != r.start {
            run_start = k;
            continue;
        }
        let text = &notes[r.n - 1];
        if refs[run_start..k]
            .iter()
            .any(|p| !dropped[p.n - 1] && notes[p.n - 1] == *text)
        {
            dropped[r.n - 1] = true;
            any = true;
        }
    }
    if !any {
        return None;
    }
    let mut number = vec![0; notes.len()];
    let mut next = 0;
    for (n, gone) in number.iter_mut().zip(&dropped) {
        if !gone {
            next += 1;
            *n = next;
        }
    }
    let renumber = |text: &str, refs: &[NoteRef]| {
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for r in refs {
            out.push_str(&text[copied..r.start]);
            copied = r.end;
            if !dropped[r.n - 1] {
                out.push_str(&format!("[^{}]", notes_label(number[r.n - 1])));
            }
        }
        out.push_str(&text[copied..]);
        out
    };
    let body = renumber(body, &refs);
    let kept = notes
        .iter()
        .zip(&dropped)
        .filter(|(_, gone)| !**gone)
        .map(|(note, _)| renumber(note, &note_refs(note, notes.len())))
        .collect();
    Some((body, kept))
}

/// Put a blank line between a table's last row and a following line that is
/// not a row.
///
/// A block tag alone on its line (`{{/each}}` after the rows) takes its
/// line's newline with it, so the template's blank line after a table can
/// vanish, and Markdown would read the next paragraph as one more row.
/// Table rows in templates start with `|` (docs/templates.md); escaped
/// dataset text cannot start a line with one.
pub(crate) fn separate_tables(body: String) -> String {
    let mut breaks = Vec::new();
    let mut fence: Option<&str> = None;
    let mut prev_row = false;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        let row = t.starts_with('|');
        if prev_row && !row && !t.trim().is_empty() {
            breaks.push(start);
        }
        if t.starts_with("```") {
            fence = Some("```");
        } else if t.starts_with("~~~") {
            fence = Some("~~~");
        }
        prev_row = row && fence.is_none();
    }
    if breaks.is_empty() {
        return body;
    }
    let mut out = String::with_capacity(body.len() + breaks.len());
    let mut copied = 0;
    for b in breaks {
        out.push_str(&body[copied..b]);
        out.push('\n');
        copied = b;
    }
    out.push_str(&body[copied..]);
    out
}

#[cfg(test)]
mod tests;
