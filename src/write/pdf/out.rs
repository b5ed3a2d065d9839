//! Where the PDF's objects go as they are written: memory, or a file, so
//! that a long document's bytes need not be held until it is finished.
//!
//! Objects are written with pdf-writer's writers into a [`Chunk`] that
//! holds one object at a time: [`Out`] dereferences to it, and each time it
//! is reached for again (the writer of the object before has finished with
//! it) the object in it is passed on to the file and its offset noted for
//! the cross-reference stream, which [`Out::finish`] writes with the
//! trailer. The bytes are those pdf-writer's own `Pdf` gives for the same
//! objects (a test compares them).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::{Deref, DerefMut};

use pdf_writer::writers::{Catalog, DocumentInfo};
use pdf_writer::{Chunk, Filter, Finish, Name, Ref, Settings, Str};

use crate::write::WriteError;

/// The file's first bytes: the version, then a comment of bytes above 127
/// that tells a reader the file is binary.
const HEADER: &[u8] = b"%PDF-1.7\n%\x80\x80\x80\x80\n\n";

/// Where the bytes go.
enum Sink {
    Memory(Vec<u8>),
    File(BufWriter<File>),
}

/// What a finished file is: its bytes, or written to its file.
pub(crate) enum Finished {
    Memory(Vec<u8>),
    File,
}

/// A PDF being written, one object at a time.
pub(crate) struct Out {
    /// The object being written.
    chunk: Chunk,
    sink: Sink,
    /// Bytes passed to the sink so far.
    written: usize,
    /// Each object passed on, with its offset from the start of the file.
    offsets: Vec<(Ref, usize)>,
    catalog: Option<Ref>,
    info: Option<Ref>,
    /// What went wrong while passing objects on, said by [`Out::finish`].
    failed: Option<String>,
}

fn object() -> Chunk {
    // Compact objects: a tagged document has an object per paragraph and
    // cell, and indentation made them half the file.
    Chunk::with_settings(Settings { pretty: false })
}

impl Out {
    /// A file written to memory.
    pub(crate) fn memory() -> Out {
        Out::new(Sink::Memory(Vec::with_capacity(256 * 1024)))
    }

    /// A file written to `file`, from where it stands.
    pub(crate) fn file(file: File) -> Out {
        Out::new(Sink::File(BufWriter::with_capacity(256 * 1024, file)))
    }

    fn new(sink: Sink) -> Out {
        let mut out = Out {
            chunk: object(),
            sink,
            written: 0,
            offsets: Vec::new(),
            catalog: None,
            info: None,
            failed: None,
        };
        out.put(HEADER);
        out
    }

    /// Pass `bytes` on to the sink.
    fn put(&mut self, bytes: &[u8]) {
        match &mut self.sink {
            Sink::Memory(v) => v.extend_from_slice(bytes),
            Sink::File(f) => {
                if let Err(e) = f.write_all(bytes) {
                    self.failed.get_or_insert_with(|| e.to_string());
                }
            }
        }
        self.written += bytes.len();
    }

    /// Pass the object written since the last call on, noting its offset.
    fn pass_on(&mut self) {
        if self.chunk.len() == 0 {
            return;
        }
        let chunk = std::mem::replace(&mut self.chunk, object());
        let mut refs = chunk.refs();
        match (refs.next(), refs.next()) {
            (Some(id), None) => self.offsets.push((id, self.written)),
            // Every object is written through its own reach for the chunk;
            // one that is not cannot be found in the file.
            _ => {
                self.failed.get_or_insert_with(|| {
                    "objects were written without their offsets".to_string()
                });
            }
        }
        self.put(chunk.as_bytes());
    }

    /// Start the document catalog, which the trailer names.
    pub(crate) fn catalog(&mut self, id: Ref) -> Catalog<'_> {
        self.catalog = Some(id);
        self.deref_mut().indirect(id).start()
    }

    /// Start the document information dictionary, which the trailer names.
    pub(crate) fn document_info(&mut self, id: Ref) -> DocumentInfo<'_> {
        self.info = Some(id);
        self.deref_mut().indirect(id).start()
    }

    /// Write the cross-reference stream (object `xref`, its table compressed
    /// with `deflate` where that succeeds) and the trailer naming the file's
    /// `id`; the file.
    pub(crate) fn finish(
        mut self,
        xref: Ref,
        id: &[u8],
        deflate: impl FnOnce(&[u8]) -> Option<Vec<u8>>,
    ) -> Result<Finished, WriteError> {
        self.pass_on();
        let at = self.written;
        self.offsets.push((xref, at));
        self.offsets.sort_unstable();
        if self.offsets.windows(2).any(|w| w[0].0 == w[1].0) {
            self.failed
                .get_or_insert_with(|| "an object was written twice".to_string());
        }
        // Each entry: its type, its offset (or for a free object the next
        // free one), its generation; the offset takes as many bytes as the
        // largest, the cross-reference stream's own.
        let width = (usize::BITS - at.leading_zeros()).div_ceil(8).max(1) as usize;
        let size = self.offsets.last().map_or(1, |(r, _)| r.get() + 1);
        let table = table(&self.offsets, size, width);
        let mut chunk = object();
        {
            let compressed = deflate(&table);
            let data = compressed.as_deref().unwrap_or(&table);
            let mut stream = chunk.stream(xref, data);
            stream.pair(Name(b"Type"), Name(b"XRef"));
            if compressed.is_some() {
                stream.filter(Filter::FlateDecode);
            } else {
                // As pdf-writer writes a table it was not given a filter for.
                stream.insert(Name(b"Filter")).array();
            }
            stream.pair(Name(b"Size"), size);
            if let Some(catalog) = self.catalog {
                stream.pair(Name(b"Root"), catalog);
            }
            if let Some(info) = self.info {
                stream.pair(Name(b"Info"), info);
            }
            stream
                .insert(Name(b"ID"))
                .array()
                .item(Str(id))
                .item(Str(id));
            stream
                .insert(Name(b"W"))
                .array()
                .item(1)
                .item(width as i32)
                .item(2);
            stream.finish();
        }
        self.put(chunk.as_bytes());
        self.put(format!("startxref\n{at}\n%%EOF").as_bytes());
        if let Some(message) = self.failed {
            return Err(super::emit::backend(message));
        }
        match self.sink {
            Sink::Memory(v) => Ok(Finished::Memory(v)),
            Sink::File(f) => f
                .into_inner()
                .map(|_| Finished::File)
                .map_err(|e| super::emit::backend(e.error().to_string())),
        }
    }
}

/// The cross-reference table of objects `offsets` (sorted by number) in a
/// file of objects numbered below `size`: an entry for each number, those
/// not written free and chained to the next free number (the last to 0).
fn table(offsets: &[(Ref, usize)], size: i32, width: usize) -> Vec<u8> {
    let mut used = vec![None; size as usize];
    for &(id, at) in offsets {
        used[id.get() as usize] = Some(at);
    }
    // The next free number after each, found from the end.
    let mut next_free = vec![0usize; size as usize];
    let mut after = 0;
    for n in (0..size as usize).rev() {
        next_free[n] = after;
        if used[n].is_none() {
            after = n;
        }
    }
    let mut out = Vec::with_capacity(size as usize * (3 + width));
    for (n, at) in used.iter().enumerate() {
        let (kind, field, generation): (u8, usize, u16) = match at {
            Some(at) => (1, *at, 0),
            None if n == 0 => (0, next_free[0], 65535),
            None => (0, next_free[n], 0),
        };
        out.push(kind);
        out.extend_from_slice(&(field as u64).to_be_bytes()[8 - width..]);
        out.extend_from_slice(&generation.to_be_bytes());
    }
    out
}

impl Deref for Out {
    type Target = Chunk;

    fn deref(&self) -> &Chunk {
        &self.chunk
    }
}

impl DerefMut for Out {
    /// The chunk to write the next object into: the one before it, done
    /// with now, is passed on first.
    fn deref_mut(&mut self) -> &mut Chunk {
        self.pass_on();
        &mut self.chunk
    }
}

#[cfg(test)]
mod tests {
    use pdf_writer::{Pdf, Ref, Settings, TextStr};

    use super::*;

    /// The same objects through pdf-writer's `Pdf` and through [`Out`],
    /// numbered with gaps (numbers handed out and never written, as a
    /// page's link annotations can be), in an order that is not theirs.
    fn both(compress: bool) -> (Vec<u8>, Vec<u8>) {
        let deflate = |table: &[u8]| {
            compress
                .then(|| super::super::emit::deflate(table))
                .flatten()
        };
        let id = b"0123456789abcdef".to_vec();
        let mut pdf = Pdf::with_settings(Settings { pretty: false });
        pdf.indirect(Ref::new(5)).primitive(50);
        pdf.stream(Ref::new(2), b"BT ET")
            .filter(Filter::FlateDecode);
        pdf.indirect(Ref::new(9)).primitive(90);
        pdf.catalog(Ref::new(1)).pages(Ref::new(3));
        pdf.document_info(Ref::new(4)).title(TextStr("A title"));
        let mut out = Out::memory();
        out.indirect(Ref::new(5)).primitive(50);
        out.stream(Ref::new(2), b"BT ET")
            .filter(Filter::FlateDecode);
        out.indirect(Ref::new(9)).primitive(90);
        out.catalog(Ref::new(1)).pages(Ref::new(3));
        out.document_info(Ref::new(4)).title(TextStr("A title"));
        pdf.set_file_id((id.clone(), id.clone()));
        let expected =
            pdf.finish_with_xref_stream_and_filter(Ref::new(12), |table| match deflate(table) {
                Some(z) => (z, pdf_writer::XRefFilter::Single(Filter::FlateDecode)),
                None => (table.to_vec(), pdf_writer::XRefFilter::Multiple(Vec::new())),
            });
        let Ok(Finished::Memory(got)) = out.finish(Ref::new(12), &id, deflate) else {
            panic!("the file is in memory");
        };
        (expected, got)
    }

    #[test]
    fn the_file_is_the_one_pdf_writer_writes_for_the_same_objects() {
        for compress in [true, false] {
            let (expected, got) = both(compress);
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&expected),
                "compressed table: {compress}"
            );
        }
    }

    #[test]
    fn two_objects_written_in_one_reach_are_an_error_not_a_broken_file() {
        let mut out = Out::memory();
        let chunk: &mut Chunk = &mut out;
        chunk.indirect(Ref::new(1)).primitive(1);
        chunk.indirect(Ref::new(2)).primitive(2);
        let Err(e) = out.finish(Ref::new(3), b"id", |_| None) else {
            panic!("the offsets of objects 1 and 2 are not known");
        };
        assert!(e.to_string().contains("without their offsets"), "{e}");
    }

    #[test]
    fn an_object_numbered_twice_is_an_error() {
        let mut out = Out::memory();
        out.indirect(Ref::new(1)).primitive(1);
        out.indirect(Ref::new(1)).primitive(2);
        assert!(out.finish(Ref::new(2), b"id", |_| None).is_err());
    }
}
