//! A long document parsed while it is still being written.
//!
//! The template's output grows in one buffer. [`Stream::grown`] reads each
//! new line as [`pieces::plan`] would, and hands every piece of about
//! [`PIECE_BYTES`] that ends at a cut point to a parsing thread; when the
//! render ends, [`Stream::end_body`] hands over the rest, and
//! [`Stream::finish`] parses the notes appended to the body and joins the
//! pieces, on this thread too. The result is the document [`parse_in`]
//! makes of the whole Markdown, or nothing, and the whole is then parsed as
//! before: when the text is unfit for cutting, when a piece cannot be read
//! (so that the error is the one the whole gives, at its line), or when the
//! Markdown's body is not the text written ([`Stream::finish`]).
//!
//! The caller says how the Markdown is made of what was written (`tidy`,
//! applied to each piece, must give the same text as applied to the whole
//! body) and which labels the notes at the end define (`is_label`).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use super::pieces::{self, Cutter};
use super::{
    join, newlines, parse_piece, quotes::Quotes, ParseWarning, Parsed, MAX_BLOCKS, PIECE_BYTES,
};
use crate::document::Document;

#[cfg(doc)]
use super::parse_in;

/// How many bytes the body grows between two looks at it.
const STEP: usize = 64 * 1024;

/// A document parsed in pieces as its Markdown is written.
pub struct Stream {
    cutter: Cutter,
    /// How many bytes the body grows between two looks at it.
    step: usize,
    /// Bytes of the body read (whole lines).
    read: usize,
    /// How long the body was when last looked at.
    looked: usize,
    /// Bytes searched for line breaks, in all.
    searched: usize,
    /// Where the piece being gathered starts.
    start: usize,
    /// Pieces handed out.
    pieces: usize,
    /// The text cannot be cut, or a thread could not be started.
    unfit: bool,
    quotes: Quotes,
    tidy: fn(String) -> String,
    is_label: fn(&str) -> bool,
    shared: Option<Arc<Shared>>,
    workers: Vec<JoinHandle<()>>,
}

/// What the threads share: the pieces to parse and the pieces parsed.
struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
    done: Mutex<Vec<Done>>,
    failed: AtomicBool,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<(usize, String)>,
    closed: bool,
}

/// A piece parsed.
struct Done {
    index: usize,
    parsed: Parsed,
    /// Bytes and lines of the piece as the Markdown holds it (tidied).
    len: usize,
    newlines: usize,
    /// The labels given a stub definition, lower-cased.
    stubbed: Vec<String>,
}

impl Stream {
    /// A stream for Markdown in `language`, whose body is `tidy` of what is
    /// written and whose notes, at the end, define only labels `is_label`
    /// accepts (lower-cased).
    pub fn new(language: &str, tidy: fn(String) -> String, is_label: fn(&str) -> bool) -> Stream {
        Stream::with_pieces(language, tidy, is_label, PIECE_BYTES)
    }

    /// [`Stream::new`] with pieces of about `piece_bytes`, for tests.
    pub(crate) fn with_pieces(
        language: &str,
        tidy: fn(String) -> String,
        is_label: fn(&str) -> bool,
        piece_bytes: usize,
    ) -> Stream {
        Stream {
            cutter: Cutter::new(piece_bytes),
            step: STEP.min(piece_bytes),
            read: 0,
            looked: 0,
            searched: 0,
            start: 0,
            pieces: 0,
            unfit: false,
            quotes: Quotes::for_language(language),
            tidy,
            is_label,
            shared: None,
            workers: Vec::new(),
        }
    }

    /// Look at the body written so far (it may end inside a character).
    pub fn grown(&mut self, body: &[u8]) {
        if self.unfit || body.len() < self.looked + self.step {
            return;
        }
        // Only what is new is searched for a line break, so that a body of
        // one long line is not searched again at every look.
        let from = self.looked;
        self.looked = body.len();
        self.searched += body.len() - from;
        if let Some(last) = body[from..].iter().rposition(|&b| b == b'\n') {
            self.read_lines(body, from + last + 1);
        }
    }

    /// The render has ended and wrote `body`: hand over what is left of it.
    pub fn end_body(&mut self, body: &str) {
        if self.unfit || self.pieces == 0 || body.len() < self.read {
            // A short document is parsed whole, as it always was.
            self.abandon();
            return;
        }
        self.read_lines(body.as_bytes(), body.len());
        if self.unfit || !self.cutter.balanced() {
            self.abandon();
            return;
        }
        if self.start < body.len() {
            self.send(body[self.start..].to_string());
            self.start = body.len();
        }
    }

    /// Read the lines of `body` from `self.read` to `end` (after a line
    /// break, or the body's end), handing out each piece that ends at a cut.
    fn read_lines(&mut self, body: &[u8], end: usize) {
        let Ok(text) = std::str::from_utf8(&body[self.read..end]) else {
            self.abandon();
            return;
        };
        let mut offset = self.read;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            match self.cutter.line(start, line.trim_end_matches(['\n', '\r'])) {
                Ok(true) => {
                    // Both ends are at the start of a line.
                    let Ok(piece) = String::from_utf8(body[self.start..start].to_vec()) else {
                        self.abandon();
                        return;
                    };
                    self.start = start;
                    self.send(piece);
                }
                Ok(false) => {}
                Err(pieces::Unfit) => {
                    self.abandon();
                    return;
                }
            }
            if self.unfit {
                return;
            }
        }
        self.read = end;
    }

    /// Give up streaming: the threads stop after the piece they are on, and
    /// the whole is parsed once written.
    fn abandon(&mut self) {
        self.unfit = true;
        if let Some(shared) = &self.shared {
            shared.failed.store(true, Ordering::Relaxed);
            close(shared);
        }
    }

    fn send(&mut self, piece: String) {
        if self.shared.is_none() && !self.start_workers() {
            self.abandon();
            return;
        }
        let Some(shared) = &self.shared else { return };
        let mut queue = shared.queue.lock().unwrap_or_else(|e| e.into_inner());
        queue.jobs.push_back((self.pieces, piece));
        self.pieces += 1;
        drop(queue);
        shared.ready.notify_one();
    }

    /// Start the threads that parse while the render goes on: one a core,
    /// but for the render's own, and at least one.
    fn start_workers(&mut self) -> bool {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            ready: Condvar::new(),
            done: Mutex::new(Vec::new()),
            failed: AtomicBool::new(false),
        });
        let n = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .saturating_sub(1)
            .clamp(1, 3);
        for _ in 0..n {
            let (shared, quotes, tidy, is_label) =
                (shared.clone(), self.quotes, self.tidy, self.is_label);
            match std::thread::Builder::new()
                .name("parse".into())
                .spawn(move || work(&shared, quotes, tidy, is_label, true))
            {
                Ok(handle) => self.workers.push(handle),
                Err(_) => break,
            }
        }
        self.shared = Some(shared);
        !self.workers.is_empty()
    }

    /// Stop the threads, leaving what they have not parsed.
    fn stop(&mut self) {
        self.abandon();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }

    /// The document, once the body's Markdown is `markdown` (the body, then
    /// its notes); `None` when it must be parsed whole. `renumbered`: the
    /// Markdown's body is not the text written, tidied (notes were dropped
    /// and numbered again).
    pub fn finish(
        mut self,
        markdown: &str,
        renumbered: bool,
    ) -> Option<(Document, Vec<ParseWarning>)> {
        if self.unfit || renumbered {
            self.stop();
            return None;
        }
        let shared = self.shared.clone()?;
        close(&shared);
        // This thread parses what is left, beside the others.
        work(&shared, self.quotes, self.tidy, self.is_label, false);
        for w in self.workers.drain(..) {
            if w.join().is_err() {
                return None;
            }
        }
        if shared.failed.load(Ordering::Relaxed) {
            return None;
        }
        let mut done = std::mem::take(&mut *shared.done.lock().unwrap_or_else(|e| e.into_inner()));
        if done.len() != self.pieces {
            return None;
        }
        done.sort_unstable_by_key(|d| d.index);
        let body_len: usize = done.iter().map(|d| d.len).sum();
        let notes_text = markdown.get(body_len..)?;
        // After the body, blank lines and the run of notes only.
        let plan = pieces::plan(notes_text, usize::MAX)?;
        if plan
            .body
            .iter()
            .any(|r| !notes_text[r.clone()].trim().is_empty())
            || !plan.labels.iter().all(|l| (self.is_label)(l))
            || done
                .iter()
                .any(|d| d.stubbed.iter().any(|l| !plan.labels.contains(l)))
        {
            return None;
        }
        let body_lines: usize = done.iter().map(|d| d.newlines).sum();
        let notes = match plan.notes.clone() {
            Some(range) => {
                let base = body_lines + newlines(&notes_text.as_bytes()[..range.start]);
                let piece = plan.piece(notes_text, range, base);
                Some(parse_piece(&piece.text, piece.own, piece.line_base, self.quotes).ok()?)
            }
            None => None,
        };
        let counted = done.iter().map(|d| d.parsed.blocks_counted).sum::<usize>()
            + notes.as_ref().map_or(0, |n| n.blocks_counted);
        if counted > MAX_BLOCKS {
            return None;
        }
        // A piece was read before the lines above it were counted.
        let mut line = 0;
        let mut pieces = Vec::with_capacity(done.len() + 1);
        for mut d in done {
            d.parsed.notes.shift_lines(line);
            line += d.newlines;
            pieces.push(d.parsed);
        }
        pieces.extend(notes);
        join(pieces)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.stop();
    }
}

fn close(shared: &Shared) {
    shared
        .queue
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .closed = true;
    shared.ready.notify_all();
}

/// Parse pieces from the queue until it is closed and empty (`wait`) or
/// empty, or a piece fails.
fn work(
    shared: &Shared,
    quotes: Quotes,
    tidy: fn(String) -> String,
    is_label: fn(&str) -> bool,
    wait: bool,
) {
    loop {
        if shared.failed.load(Ordering::Relaxed) {
            return;
        }
        let job = {
            let mut queue = shared.queue.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if let Some(job) = queue.jobs.pop_front() {
                    break Some(job);
                }
                if queue.closed || !wait {
                    break None;
                }
                queue = shared.ready.wait(queue).unwrap_or_else(|e| e.into_inner());
            }
        };
        let Some((index, raw)) = job else { return };
        let text = tidy(raw);
        let (with_stubs, own, stubbed) = pieces::with_stubs(&text, is_label);
        match parse_piece(&with_stubs, own, 0, quotes) {
            Ok(parsed) => shared
                .done
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(Done {
                    index,
                    parsed,
                    len: text.len(),
                    newlines: newlines(text.as_bytes()),
                    stubbed,
                }),
            Err(_) => {
                shared.failed.store(true, Ordering::Relaxed);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_of_one_long_line_is_searched_once() {
        let mut stream = Stream::with_pieces("en", |s| s, |_| true, 1024);
        let mut body = Vec::new();
        for _ in 0..(1 << 20) / 16 {
            body.extend_from_slice(b"Kazakhstan, ... ");
            stream.grown(&body);
        }
        assert!(
            stream.searched <= body.len(),
            "{} bytes searched in a body of {}",
            stream.searched,
            body.len()
        );
        // The line ends, and the body is read and cut from there.
        body.extend_from_slice(b"\n\nNext.\n\n");
        body.extend(std::iter::repeat_n(b'x', 2048));
        body.extend_from_slice(b"\n\nLast.\n");
        stream.grown(&body);
        assert!(stream.pieces >= 1, "no piece handed out");
    }
}
