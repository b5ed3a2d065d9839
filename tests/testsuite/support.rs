//! What the test modules share: where the repository is, running the
//! `hrdraft` command, and where cargo puts what it builds.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root (examples/, templates/, tests/fixtures/).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `hrdraft` with `args` in the current folder.
pub fn run(args: &[&str]) -> Output {
    hrdraft()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("hrdraft does not run: {e}"))
}

/// Run `hrdraft` with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    hrdraft()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("hrdraft does not run: {e}"))
}

/// The profile folder cargo builds into (`target/debug`): the test binary
/// is in its `deps/`.
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    exe.parent()
        .and_then(Path::parent)
        .map(Path::to_owned)
        .unwrap_or_else(|| panic!("unexpected test path {}", exe.display()))
}

/// A copy of `examples/NAME` in `dir`, each text file's text passed
/// through `edit` (given the file's name), other files (a logo) copied as
/// they are; the copy's path.
pub fn example_copy(name: &str, dir: &Path, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let dataset = dir.join(name);
    std::fs::create_dir(&dataset).unwrap_or_else(|e| panic!("{}: {e}", dataset.display()));
    let from = root().join("examples").join(name);
    for entry in std::fs::read_dir(&from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let out = match String::from_utf8(bytes) {
            Ok(text) => edit(file, text).into_bytes(),
            Err(binary) => binary.into_bytes(),
        };
        std::fs::write(dataset.join(file), out).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    dataset
}

/// The `hrdraft` command, to be given arguments, a folder or environment.
pub fn hrdraft() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hrdraft"))
}

/// One glyph a PDF draws, as pdf-extract reads it: an independent reader of
/// the content streams and font widths, never the writer's own code.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Page number, from 1.
    pub page: u32,
    /// Width of the page's media box.
    pub page_width: f64,
    /// Where the glyph starts, in points from the page's bottom left.
    pub x: f64,
    pub y: f64,
    /// Advance, in points.
    pub adv: f64,
    /// Font size, in points.
    pub size: f64,
    /// Extra space after it (character and word spacing), in points.
    pub spacing: f64,
    /// The text it stands for.
    pub ch: String,
}

/// Every glyph of a PDF, in the order it is drawn.
pub fn glyphs(pdf: &[u8]) -> Vec<Glyph> {
    #[derive(Default)]
    struct Reader {
        page: u32,
        page_width: f64,
        glyphs: Vec<Glyph>,
    }
    impl pdf_extract::OutputDev for Reader {
        fn begin_page(
            &mut self,
            page: u32,
            media_box: &pdf_extract::MediaBox,
            _art_box: Option<(f64, f64, f64, f64)>,
        ) -> Result<(), pdf_extract::OutputError> {
            self.page = page;
            self.page_width = media_box.urx - media_box.llx;
            Ok(())
        }
        fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn output_character(
            &mut self,
            trm: &pdf_extract::Transform,
            width: f64,
            spacing: f64,
            font_size: f64,
            char: &str,
        ) -> Result<(), pdf_extract::OutputError> {
            let size = font_size * trm.m11;
            self.glyphs.push(Glyph {
                page: self.page,
                page_width: self.page_width,
                x: trm.m31,
                y: trm.m32,
                adv: width * size,
                size,
                spacing,
                ch: char.to_string(),
            });
            Ok(())
        }
        fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
    }
    let doc = pdf_extract::Document::load_mem(pdf).expect("the PDF reads back");
    let mut r = Reader::default();
    pdf_extract::output_doc(&doc, &mut r).expect("its text reads back");
    r.glyphs
}

/// Text without whitespace or soft hyphens: what extraction keeps reliably
/// of justified and hyphenated lines.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

/// Every file under `dir`, at any depth.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}
