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
//! A piece that starts between two rows of a table ([`Cut::InTable`]) is
//! read after the table's head, and its first block, more rows of the table
//! the piece before ends with, joins that table ([`continued_rows`]).
//!
//! The caller says how the Markdown is made of what was written (`tidy`,
//! applied to each piece, must give the same text as applied to the whole
//! body) and which labels the notes at the end define (`is_label`).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use super::pieces::{self, Cut, Cutter};
use super::{
    join, newlines, parse_piece, quotes::Quotes, ParseWarning, Parsed, MAX_BLOCKS, PIECE_BYTES,
};
use crate::document::{Block, Document};

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
    /// The header and delimiter rows to read the piece being gathered
    /// after, when it starts between two rows of a table.
    head: Option<String>,
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
    jobs: VecDeque<Job>,
    closed: bool,
}

/// A piece to parse: its number, its text, and the rows of a table's head
/// to read it after, when it starts between two rows of that table.
struct Job {
    index: usize,
    text: String,
    head: Option<String>,
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
    /// Lines read before the piece's own (a table's head), or 0.
    head_lines: usize,
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
            cutter: Cutter::with_rows(piece_bytes),
            step: STEP.min(piece_bytes),
            read: 0,
            looked: 0,
            searched: 0,
            start: 0,
            pieces: 0,
            head: None,
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
            let head = self.head.take();
            self.send(body[self.start..].to_string(), head);
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
                Ok(cut @ (Cut::Here | Cut::InTable)) => {
                    // Both ends are at the start of a line.
                    let Ok(piece) = String::from_utf8(body[self.start..start].to_vec()) else {
                        self.abandon();
                        return;
                    };
                    self.start = start;
                    let head = self.head.take();
                    self.send(piece, head);
                    if cut == Cut::InTable {
                        self.head = self.cutter.table_head().map(str::to_string);
                    }
                }
                Ok(Cut::No) => {}
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

    fn send(&mut self, piece: String, head: Option<String>) {
        if self.shared.is_none() && !self.start_workers() {
            self.abandon();
            return;
        }
        let Some(shared) = &self.shared else { return };
        let mut queue = shared.queue.lock().unwrap_or_else(|e| e.into_inner());
        queue.jobs.push_back(Job {
            index: self.pieces,
            text: piece,
            head,
        });
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
        let mut line: usize = 0;
        let mut pieces: Vec<Parsed> = Vec::with_capacity(done.len() + 1);
        for mut d in done {
            if d.head_lines > 0 {
                // More rows of the table the piece before ends with.
                if !d.parsed.notes.is_empty() {
                    return None;
                }
                // A piece before that was all rows gave them to the one
                // before it.
                let before = pieces.iter_mut().rev().find(|p| !p.blocks.is_empty())?;
                continued_rows(&mut before.blocks, &mut d.parsed.blocks)?;
            }
            d.parsed.notes.shift_lines(line.checked_sub(d.head_lines)?);
            line += d.newlines;
            pieces.push(d.parsed);
        }
        pieces.extend(notes);
        join(pieces)
    }
}

/// Move the rows of the table that `after` starts with onto the table that
/// `before` ends with, as reading the two pieces as one would make them.
/// `None` when they are not the same table's.
fn continued_rows(before: &mut [Block], after: &mut Vec<Block>) -> Option<()> {
    let (Some(Block::Table(last)), Some(Block::Table(first))) = (before.last_mut(), after.first())
    else {
        return None;
    };
    if last.columns != first.columns || last.header != first.header {
        return None;
    }
    let Block::Table(first) = after.remove(0) else {
        return None;
    };
    last.rows.extend(first.rows);
    Some(())
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
        let Some(Job { index, text, head }) = job else {
            return;
        };
        let text = tidy(text);
        // A piece that starts between two rows of a table is read after
        // the table's head, which is not the document's.
        let head = head.unwrap_or_default();
        let read = if head.is_empty() {
            pieces::with_stubs(&text, is_label)
        } else {
            pieces::with_stubs(&format!("{head}{text}"), is_label)
        };
        let (with_stubs, own, stubbed) = read;
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
                    head_lines: newlines(head.as_bytes()),
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

    /// `body` parsed while written in pieces of about `piece` bytes, and
    /// how many pieces it was cut into.
    fn streamed(body: &str, piece: usize) -> (Option<Document>, usize) {
        let mut stream = Stream::with_pieces(
            "en",
            crate::render::separate_tables,
            crate::render::is_note_label,
            piece,
        );
        for end in (0..body.len()).step_by(100).chain([body.len()]) {
            if body.is_char_boundary(end) {
                stream.grown(&body.as_bytes()[..end]);
            }
        }
        stream.end_body(body);
        let pieces = stream.pieces;
        // The Markdown is the body tidied, as the engine makes it.
        let markdown = crate::render::separate_tables(body.to_string());
        (stream.finish(&markdown, false).map(|(d, _)| d), pieces)
    }

    #[test]
    fn a_long_table_is_cut_between_its_rows_and_read_as_one() {
        let mut body = String::from("# Index\n\nThe issues:\n\n| nº | issue |\n|--:|---|\n");
        for i in 0..300 {
            body.push_str(&format!("| {i} | 'Torture' and \"CID\" – *{i}* |\n"));
        }
        body.push_str("| last | row |\nAfter, at once.\n\nAnd a paragraph.\n");
        let whole = super::super::parse_in(&crate::render::separate_tables(body.clone()), "en")
            .expect("parses");
        let (doc, pieces) = streamed(&body, 512);
        assert!(pieces >= 20, "{pieces} pieces");
        let doc = doc.expect("parsed in pieces");
        assert_eq!(doc, whole);
        let rows = doc.blocks.iter().find_map(|b| match b {
            Block::Table(t) => Some(t.rows.len()),
            _ => None,
        });
        assert_eq!(rows, Some(301));
    }

    #[test]
    fn rows_that_are_no_table_are_read_as_the_whole_reads_them() {
        // A quotation's lazy lines and a paragraph's, which look like rows.
        for body in [
            "> quoted\n| a |\n|---|\n| 1 |\n| 2 |\n| 3 |\n| 4 |\n\nAfter.\n",
            "Text\n| a |\n|---|\n| 1 |\n| 2 |\n| 3 |\n| 4 |\n\nAfter.\n",
            "- item\n| a |\n|---|\n| 1 |\n| 2 |\n| 3 |\n| 4 |\n\nAfter.\n",
        ] {
            let whole = super::super::parse_in(&crate::render::separate_tables(body.into()), "en")
                .expect("parses");
            if let (Some(doc), _) = streamed(body, 1) {
                assert_eq!(doc, whole, "{body:?}");
            }
        }
    }

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
