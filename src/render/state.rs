//! What one render collects while it runs: footnotes, the sources to cite and
//! those cited already, partial depth.
//!
//! Helpers are registered once and shared, but footnotes belong to one render.
//! Handlebars renders synchronously on the calling thread, so the state of the
//! render in progress lives in a thread-local stack: [`Engine::render`]
//! pushes a frame, helpers reach it through [`with`], and the render pops it.
//!
//! [`Engine::render`]: super::Engine::render

use std::cell::RefCell;
use std::collections::HashSet;

use serde_json::Value;

use super::Repeat;
use crate::document::{Mark, MarkSource, MARK_TAG};

/// Partials may nest this deep before the render stops with an error.
pub const MAX_PARTIAL_DEPTH: usize = 32;

/// The state of one render.
#[derive(Debug, Default)]
pub struct RenderState {
    /// Footnote bodies in Markdown, in the order their references were printed.
    pub footnotes: Vec<String>,
    /// The context's `dataset.sources`, if it has them.
    pub sources: Option<Value>,
    /// Names of the partials being rendered, outermost first.
    pub partials: Vec<String>,
    /// How a source cited before is cited again (the template's
    /// `[citations] repeat`).
    pub repeat: Repeat,
    /// Ids of the sources cited in full so far.
    pub cited_in_full: HashSet<String>,
    /// The source the footnote made last cited, when it cited exactly one.
    pub last_note_source: Option<String>,
    /// The sources cited inside each `{{#footnote}}` block being rendered,
    /// innermost last.
    pub open_notes: Vec<Vec<String>>,
    /// Whether the render writes review marks (`--review`, `explain`).
    pub review: bool,
    /// The review marks written so far, numbered from 0 as written.
    pub marks: Vec<Mark>,
    /// In review, the sources (with locators) cited inside each
    /// `{{#footnote}}` block being rendered, innermost last.
    pub open_note_sources: Vec<Vec<MarkSource>>,
    /// Every citation made, in order: which source, and from where (for
    /// `hrdraft lint`).
    pub citations: Vec<Citation>,
    /// The value each `{{#again}}` name was last given.
    pub said: std::collections::HashMap<String, String>,
    /// The lists taken out of the context to be rendered once.
    pub once: super::helpers::OnceLists,
}

/// One citation of a source in a render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The source's id.
    pub source: String,
    /// Where the citation was made.
    pub by: CitedBy,
}

/// What made a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitedBy {
    /// `cite` or `citation` in the named template or partial.
    Template(String),
    /// `[@id]` in one of the author's paragraphs (documents.toml).
    Author,
}

impl RenderState {
    /// How to cite `id` now: `note` when the citation is a footnote of its
    /// own (`cite`), `short` when the template asks for the short form,
    /// `symbol` when the source has one. A source without a symbol is cited
    /// short (by its author and title) only once it has been cited in full:
    /// its short form does not say where to find it.
    pub fn citation_form(&self, id: &str, note: bool, short: bool, symbol: bool) -> Form {
        let cited = self.cited_in_full.contains(id);
        match self.repeat {
            Repeat::Ibid if note && self.last_note_source.as_deref() == Some(id) => Form::Ibid,
            Repeat::Short | Repeat::Ibid if cited => Form::Short,
            _ if short && (symbol || cited) => Form::Short,
            _ => Form::Full,
        }
    }

    /// Remember a citation of `id`; `in_full` when its full form was
    /// printed, `in_place` when it is printed in the text (`citation`), so
    /// part of any `{{#footnote}}` being rendered.
    pub fn cited(&mut self, id: &str, in_full: bool, in_place: bool) {
        if in_full && !self.cited_in_full.contains(id) {
            self.cited_in_full.insert(id.to_string());
        }
        if let Some(open) = self.open_notes.last_mut().filter(|_| in_place) {
            if !open.iter().any(|s| s == id) {
                open.push(id.to_string());
            }
        }
    }
}

impl RenderState {
    /// Record `mark` and return the milestones to write before and after
    /// the text it covers.
    pub fn mark(&mut self, mark: Mark) -> (String, String) {
        let id = self.marks.len();
        self.marks.push(mark);
        (
            format!("<{MARK_TAG} start=\"{id}\"/>"),
            format!("<{MARK_TAG} end=\"{id}\"/>"),
        )
    }

    /// Source `id` of the context's `dataset.sources` as a review mark names
    /// it, with the locator cited (else its own `paragraph`).
    pub fn source_note(&self, id: &str, locator: Option<&str>) -> MarkSource {
        let entry = self
            .sources
            .as_ref()
            .and_then(Value::as_array)
            .and_then(|l| {
                l.iter()
                    .find(|v| v.get("id").and_then(Value::as_str) == Some(id))
            });
        let field = |k: &str| {
            entry
                .and_then(|e| e.get(k))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        MarkSource {
            id: id.to_string(),
            symbol: field("symbol").or_else(|| field("title")),
            date: field("date"),
            locator: locator.map(str::to_string).or_else(|| field("paragraph")),
            at: None,
        }
    }
}

/// The form a citation takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Author, title, date, symbol, paragraph, address.
    Full,
    /// The symbol and paragraph (the full form when there is no symbol).
    Short,
    /// "Ibid." and the paragraph.
    Ibid,
}

thread_local! {
    static STACK: RefCell<Vec<RenderState>> = const { RefCell::new(Vec::new()) };
}

/// Pops the frame it pushed when dropped, even if the render fails.
pub struct Frame(());

impl Frame {
    /// Start the state of a new render.
    pub fn push(state: RenderState) -> Frame {
        STACK.with(|s| s.borrow_mut().push(state));
        Frame(())
    }

    /// End the render and hand back what it collected.
    pub fn finish(self) -> RenderState {
        let state = STACK.with(|s| s.borrow_mut().pop()).unwrap_or_default();
        std::mem::forget(self);
        state
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        STACK.with(|s| s.borrow_mut().pop());
    }
}

/// Run `f` on the state of the render in progress; `None` outside a render
/// (a helper called through a bare `Handlebars` registry).
pub fn with<R>(f: impl FnOnce(&mut RenderState) -> R) -> Option<R> {
    STACK.with(|s| s.borrow_mut().last_mut().map(f))
}
