//! What one render collects while it runs: footnotes, the sources to cite, partial depth.
//!
//! Helpers are registered once and shared, but footnotes belong to one render.
//! Handlebars renders synchronously on the calling thread, so the state of the
//! render in progress lives in a thread-local stack: [`Engine::render`]
//! pushes a frame, helpers reach it through [`with`], and the render pops it.
//!
//! [`Engine::render`]: super::Engine::render

use std::cell::RefCell;

use serde_json::Value;

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
    /// Ids of the sources cited so far, in order of first citation.
    pub cited: Vec<String>,
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
