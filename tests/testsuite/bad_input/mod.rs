//! Bad input through the command line: every case is refused with a message
//! that says what is wrong, and leaves the output directory exactly as it
//! was (no file created, changed or removed, no temporary file left).
//!
//! The output directory of each case is filled beforehand with known files,
//! among them the very files the command would write, and compared byte for
//! byte afterwards. Datasets start from `tests/fixtures/minimal`; large
//! inputs are generated here rather than committed. Together with the 23
//! broken datasets under `tests/check/`, these make the bad-input corpus.

mod concurrency;
mod dataset_files;
mod datasets;
mod environment;
mod identifiers;
mod markdown;
mod pdf_text;
mod plugins;
mod sheets;
mod templates;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::root;

/// A temporary working directory with a dataset, an output directory of
/// known files, and an empty home (so no user plugin directory is found).
pub struct Sandbox {
    tmp: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// The files the output directory holds before each run.
const KNOWN: &[(&str, &[u8])] = &[
    ("arcadia/open-letter.docx", b"an earlier open letter (docx)"),
    ("arcadia/open-letter.pdf", b"an earlier open letter (pdf)"),
    ("arcadia/open-letter.html", b"an earlier open letter (html)"),
    ("arcadia/case.html", b"an earlier case (html)"),
    ("notes.txt", b"the user's own notes"),
];

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let sb = Sandbox { tmp };
        copy_dir(&root().join("tests/fixtures/minimal"), &sb.path("ds"));
        for (name, bytes) in KNOWN {
            sb.write(&format!("out/{name}"), bytes);
        }
        std::fs::create_dir_all(sb.path("home")).unwrap();
        sb
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    /// Replace the first `from` in dataset file `file` with `to`.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let rel = format!("ds/{file}");
        let text = self.read(&rel);
        assert!(text.contains(from), "{file} has no `{from}`");
        self.write(&rel, text.replacen(from, to, 1));
    }

    /// Run hrdraft in the sandbox with `args`.
    pub fn run<I, S>(&self, args: I, env: &[(&str, &str)]) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.command(args, env).output().unwrap();
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// hrdraft with `args`, set up to run in the sandbox, not yet started.
    pub fn command<I, S>(&self, args: I, env: &[(&str, &str)]) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = crate::support::hrdraft();
        cmd.current_dir(self.tmp.path())
            .args(args)
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("home/.config"))
            .env_remove("HRDRAFT_PLUGIN_TIMEOUT")
            .env_remove("HRDRAFT_MAX_DOCUMENT_MB")
            .env_remove("HRDRAFT_FONT_DIRS")
            .env("SOURCE_DATE_EPOCH", "1700000000");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Every file under `out/`, with its bytes.
    pub fn outputs(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        walk(&self.path("out"), &mut files);
        files
    }

    /// Run `args`; it must fail with `code`, print every one of `messages`
    /// on stderr, and leave `out/` as it was.
    pub fn refused(&self, args: &[&str], env: &[(&str, &str)], code: i32, messages: &[&str]) {
        let before = self.outputs();
        let run = self.run(args, env);
        let stderr = &run.stderr;
        assert_eq!(
            run.code,
            Some(code),
            "{args:?}: exit status, stderr:\n{stderr}"
        );
        for m in messages {
            assert!(
                stderr.contains(m),
                "{args:?}: `{m}` not in stderr:\n{stderr}"
            );
        }
        assert!(
            stderr.len() < 20_000,
            "{args:?}: {} bytes of messages; long values must be cut short",
            stderr.len()
        );
        let after = self.outputs();
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            before.keys().collect::<Vec<_>>(),
            "{args:?}: files were created or removed under out/"
        );
        for (path, bytes) in &before {
            assert!(
                after[path] == *bytes,
                "{args:?}: {} changed",
                path.display()
            );
        }
    }

    /// `render ds -t TEMPLATE` in every format into `out/`, refused.
    pub fn render_refused(&self, template: &str, extra: &[&str], code: i32, messages: &[&str]) {
        self.render_refused_env(template, extra, &[], code, messages);
    }

    pub fn render_refused_env(
        &self,
        template: &str,
        extra: &[&str],
        env: &[(&str, &str)],
        code: i32,
        messages: &[&str],
    ) {
        let mut args = vec![
            "render", "ds", "-t", template, "-f", "docx", "-f", "pdf", "-f", "html", "-o", "out",
        ];
        args.extend_from_slice(extra);
        self.refused(&args, env, code, messages);
    }
}

fn walk(dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, files);
        } else {
            files.insert(p.clone(), std::fs::read(&p).unwrap());
        }
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Exit statuses (README: Exit status).
pub const INVALID: i32 = 1;
pub const USAGE: i32 = 2;
pub const PLUGIN: i32 = 3;
