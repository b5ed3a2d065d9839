//! A plugin's long string reaches every format whole: nothing is cut,
//! whatever the format (the PDF once ended early on a 32 MB string).
#![cfg(unix)] // The plugin is a shell script.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::documents::read;
use crate::support::{root, run_in};

/// Words `word1 … wordN` in one string, from a command plugin.
const WORDS: u32 = 120_000;

fn numbers(text: &str) -> Vec<u32> {
    text.split("word")
        .skip(1)
        .map(|n| {
            let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().unwrap_or(0)
        })
        .collect()
}

fn whole(format: &str, found: Vec<u32>) {
    let set: BTreeSet<u32> = found.iter().copied().collect();
    assert_eq!(found.len(), WORDS as usize, "{format}: words read back");
    assert_eq!(set.len(), WORDS as usize, "{format}: distinct words");
    assert_eq!(set.first(), Some(&1), "{format}");
    assert_eq!(set.last(), Some(&WORDS), "{format}");
}

fn write_exe(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_long_plugin_string_reaches_every_format_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("tpl/memo")).unwrap();
    std::fs::write(
        dir.join("tpl/memo/template.toml"),
        "name = \"memo\"\ntitle = \"Memo\"\ndescription = \"A memo\"\nbody = \"body.md.hbs\"\n\
         plugins = [\"long\"]\nlanguages = [\"en\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("tpl/memo/body.md.hbs"),
        "Said: {{plugins.long.said}}\n",
    )
    .unwrap();
    let plugin = dir.join("hrdraft-plugin-long");
    write_exe(
        &plugin,
        &format!(
            "#!/bin/sh\ncase \"$1\" in\n  describe) echo '{{\"name\":\"long\",\"version\":\"1.0.0\",\
             \"description\":\"A long string\",\"sections\":[]}}' ;;\n  run) cat >/dev/null; \
             printf '{{\"said\":\"'; seq -f 'word%.0f' 1 {WORDS} | tr '\\n' ' '; printf '\"}}' ;;\nesac\n"
        ),
    );
    let dataset = root().join("examples/kazakhstan");
    let out = run_in(
        dir,
        &[
            "render",
            dataset.to_str().unwrap(),
            "-t",
            "memo",
            "--templates",
            "tpl",
            "--plugin",
            plugin.to_str().unwrap(),
            "-f",
            "pdf",
            "-f",
            "docx",
            "-f",
            "html",
            "-f",
            "md",
            "-o",
            "out",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let base = dir.join("out/kazakhstan");

    let md = std::fs::read_to_string(base.join("memo.md")).unwrap();
    whole("Markdown", numbers(&md));
    let html = read::html(&base.join("memo.html"));
    whole("HTML", numbers(&read::html_texts(&html, "body").concat()));
    let parts = read::docx_parts(&base.join("memo.docx"));
    whole("DOCX", numbers(&read::docx_paragraphs(&parts).concat()));
    // Each page's text with its spaces, so that the page number at its foot
    // stays a word of its own.
    let bytes = std::fs::read(base.join("memo.pdf")).unwrap();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
    let words: Vec<u32> = pages
        .iter()
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.starts_with("word"))
        .flat_map(numbers)
        .collect();
    whole("PDF", words);
}
