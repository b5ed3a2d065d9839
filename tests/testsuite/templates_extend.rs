//! Templates built on the open letter: `extends`, blocks and message
//! overrides, read back from the PDF and DOCX; the errors a wrong
//! extension meets; `templates show`/`export`; the schema of template.toml.
//!
//! The extension is tests/fixtures/extensions/open-letter-deadlines: a
//! template.toml, one block (`after/reprisals`) and two message files,
//! none of the open letter copied.

#[allow(dead_code)]
use crate::documents::read;

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::root;

fn extensions() -> PathBuf {
    root().join("tests/fixtures/extensions")
}

fn hrdraft(args: &[&str]) -> Output {
    crate::support::hrdraft()
        .args(args)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("hrdraft runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `render kazakhstan -t TEMPLATE -f pdf -f docx` with `extra`, into `dir`.
fn render(dir: &Path, template: &str, extra: &[&str]) -> (PathBuf, PathBuf) {
    let kazakhstan = root().join("examples/kazakhstan");
    let mut args = vec![
        "render",
        kazakhstan.to_str().unwrap(),
        "-t",
        template,
        "-f",
        "pdf",
        "-f",
        "docx",
        "-o",
        dir.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = hrdraft(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let base = dir.join("kazakhstan").join(template);
    (base.with_extension("pdf"), base.with_extension("docx"))
}

fn normalise(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The DOCX's paragraphs, normalised.
fn docx(path: &Path) -> Vec<String> {
    read::docx_paragraphs(&read::docx_parts(path))
        .iter()
        .map(|p| normalise(p))
        .collect()
}

/// The PDF's text, without whitespace, pages joined.
fn pdf(path: &Path) -> String {
    read::pdf_pages(path).join("")
}

const EN: &str = "We further urge Kazakhstan to submit every overdue report to the treaty bodies before the election.";
const RU: &str = "Мы также призываем Kazakhstan представить договорным органам все просроченные доклады до выборов.";
/// The last paragraph of the reprisals section, after which the block comes.
const REPRISALS_EN: &str =
    "requests the government concerned to inform it of measures taken in this regard.";

#[test]
fn an_extension_adds_its_block_and_changes_one_message_in_english() {
    let tmp = tempfile::tempdir().unwrap();
    let ext = extensions();
    let extra = ["--templates", ext.to_str().unwrap()];
    let (pdf_path, docx_path) = render(tmp.path(), "open-letter-deadlines", &extra);
    let paragraphs = docx(&docx_path);
    let at = paragraphs.iter().position(|p| p == EN);
    let at = at.unwrap_or_else(|| panic!("no block paragraph in {paragraphs:#?}"));
    assert!(
        paragraphs[at - 1].ends_with(REPRISALS_EN),
        "the block follows the reprisals section: {}",
        paragraphs[at - 1]
    );
    assert!(paragraphs
        .iter()
        .any(|p| p == "With our highest consideration,"));
    assert!(!paragraphs.iter().any(|p| p == "Yours sincerely,"));
    let text = pdf(&pdf_path);
    let block = read::squash(EN);
    let reprisals = read::squash(REPRISALS_EN);
    let block_at = text.find(&block).expect("the block is in the PDF");
    assert!(text.find(&reprisals).is_some_and(|r| r < block_at));
    assert!(text.contains(&read::squash("With our highest consideration,")));

    // Everything else is the open letter's.
    let (_, letter) = render(tmp.path(), "open-letter", &[]);
    let mut letter = docx(&letter);
    letter.insert(at, EN.to_string());
    let closing = letter.iter().position(|p| p == "Yours sincerely,").unwrap();
    letter[closing] = "With our highest consideration,".to_string();
    assert_eq!(letter, paragraphs);
}

#[test]
fn an_extension_adds_its_block_in_russian() {
    let tmp = tempfile::tempdir().unwrap();
    let ext = extensions();
    let extra = ["--templates", ext.to_str().unwrap(), "--lang", "ru"];
    let (pdf_path, docx_path) = render(tmp.path(), "open-letter-deadlines", &extra);
    let paragraphs = docx(&docx_path);
    assert!(paragraphs.iter().any(|p| p == RU), "{paragraphs:#?}");
    assert!(!paragraphs.iter().any(|p| p == EN));
    // The closing the extension changes only in English stays the open
    // letter's in Russian.
    assert!(paragraphs.iter().any(|p| p == "С уважением,"));
    assert!(!paragraphs
        .iter()
        .any(|p| p == "With our highest consideration,"));
    assert!(pdf(&pdf_path).contains(&read::squash(RU)));
}

/// A template folder in a fresh directory: (file, text) pairs.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = tmp.path().join("t").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    tmp
}

/// `templates --templates DIR`: the error it fails with.
fn refused(dir: &Path) -> String {
    let out = hrdraft(&["templates", "--templates", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn a_wrong_extension_is_refused_naming_file_line_and_field() {
    let t = folder(&[(
        "template.toml",
        "name = \"x\"\n\nextends = \"open-leter\"\n",
    )]);
    let e = refused(t.path());
    assert!(
        e.contains("t/template.toml:3: `extends`: no template named `open-leter`"),
        "{e}"
    );

    let t = folder(&[
        ("template.toml", "name = \"x\"\nextends = \"open-letter\"\n"),
        ("blocks/after/reprisal.md.hbs", "More."),
    ]);
    let e = refused(t.path());
    assert!(e.contains("t/blocks/after/reprisal.md.hbs"), "{e}");
    assert!(
        e.contains("`after/reprisal` is not a block of template `open-letter`"),
        "{e}"
    );

    let t = folder(&[(
        "template.toml",
        "name = \"x\"\nextends = \"open-letter\"\n[blocks]\n\"inside/upr\" = \"p\"\n",
    )]);
    let e = refused(t.path());
    assert!(e.contains("t/template.toml:4: `blocks.inside/upr`"), "{e}");

    let t = folder(&[
        ("a/template.toml", "name = \"a\"\nextends = \"b\"\n"),
        ("b/template.toml", "name = \"b\"\nextends = \"a\"\n"),
    ]);
    let e = refused(&t.path().join("t"));
    assert!(
        e.contains("`extends`: templates extend each other in a cycle"),
        "{e}"
    );

    let t = folder(&[("template.toml", "name = \"x\"\nbody = \"b.md.hbs\"\n")]);
    let e = refused(t.path());
    assert!(e.contains("missing field `title`"), "{e}");

    // Messages in a language the template (and its parent) do not list.
    let t = folder(&[
        ("template.toml", "name = \"x\"\nextends = \"open-letter\"\n"),
        ("messages/fr.toml", "closing = '''Cordialement'''\n"),
    ]);
    let e = refused(t.path());
    assert!(
        e.contains("`fr` is not among the template's languages (en, ru)"),
        "{e}"
    );
}

#[test]
fn a_template_extending_its_own_name_builds_on_the_one_it_replaces() {
    let t = folder(&[
        (
            "template.toml",
            "name = \"open-letter\"\nextends = \"open-letter\"\n",
        ),
        (
            "messages/en.toml",
            "[closing]\nyours = '''Yours faithfully,'''\n",
        ),
    ]);
    let out = tempfile::tempdir().unwrap();
    let (_, docx_path) = render(
        out.path(),
        "open-letter",
        &["--templates", t.path().join("t").to_str().unwrap()],
    );
    let paragraphs = docx(&docx_path);
    assert!(paragraphs.iter().any(|p| p == "Yours faithfully,"));
    assert!(paragraphs.iter().any(|p| p.starts_with("We recall that")));
}

#[test]
fn an_exported_template_drafts_the_same_document() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("letter");
    let out = hrdraft(&["templates", "export", "open-letter", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    for f in [
        "template.toml",
        "body.md.hbs",
        "reprisals.md.hbs",
        "messages/en.toml",
        "messages/ru.toml",
    ] {
        let shown = std::fs::read_to_string(dir.join(f)).unwrap();
        let source = std::fs::read_to_string(root().join("templates/open-letter").join(f)).unwrap();
        assert_eq!(shown, source, "{f}");
    }
    // A second export into the same folder is refused.
    let again = hrdraft(&["templates", "export", "open-letter", dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("exists"), "{}", stderr(&again));

    let (_, built_in) = render(&tmp.path().join("a"), "open-letter", &[]);
    let (_, exported) = render(
        &tmp.path().join("b"),
        "open-letter",
        &["--templates", dir.to_str().unwrap()],
    );
    assert_eq!(docx(&built_in), docx(&exported));

    let shown = hrdraft(&["templates", "show", "open-letter"]);
    let shown = String::from_utf8_lossy(&shown.stdout).into_owned();
    assert!(
        shown.starts_with("==> template.toml <==\nname = \"open-letter\""),
        "{shown}"
    );
    assert!(shown.contains("\n==> body.md.hbs <==\n"));
    assert!(shown.contains("\n==> messages/ru.toml <==\n"));
}

#[test]
fn every_template_toml_key_is_in_the_schema_and_the_docs() {
    let out = hrdraft(&["schema", "template"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    let docs = std::fs::read_to_string(root().join("docs/templates.md")).unwrap();
    let start = docs.find("## template.toml").unwrap();
    let table: String = docs[start..]
        .lines()
        .skip_while(|l| !l.starts_with("| key"))
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split(" | ").next().unwrap_or_default().to_string())
        .collect();
    for key in &keys {
        assert!(
            table.contains(&format!("`{key}`")) || table.contains(&format!("`[{key}]`")),
            "docs/templates.md does not list `{key}`"
        );
    }
    for key in ["name", "extends", "blocks", "sections", "page", "citations"] {
        assert!(keys.iter().any(|k| *k == key), "{key} not in the schema");
    }
}

/// A command plugin shipping partials: `deadline-note` (and its Russian
/// `deadline-note.ru`), and `extra` named in `partials`.
#[cfg(unix)]
fn plugin(dir: &Path, partial: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("hrdraft-plugin-notes");
    let describe = serde_json::json!({
        "name": "notes",
        "version": "0.1.0",
        "description": "Partials only",
        "sections": [],
        "partials": {
            partial: "A note from the notes plugin.",
            "deadline-note.ru": "Заметка модуля notes.",
        },
    });
    let script = format!(
        "#!/bin/sh\nif [ \"$1\" = describe ]; then\ncat <<'JSON'\n{describe}\nJSON\nelse\ncat >/dev/null; echo '{{}}'\nfi\n"
    );
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn a_plugin_partial_fills_a_block_per_language_and_may_not_shadow_a_template_partial() {
    let tmp = tempfile::tempdir().unwrap();
    let plugin_path = plugin(tmp.path(), "deadline-note");
    let t = folder(&[(
        "template.toml",
        "name = \"noted\"\nextends = \"open-letter\"\n[blocks]\n\"before/closing\" = \"deadline-note\"\n",
    )]);
    let templates = t.path().join("t");
    let extra = [
        "--templates",
        templates.to_str().unwrap(),
        "--plugin",
        plugin_path.to_str().unwrap(),
    ];
    let (_, en) = render(&tmp.path().join("en"), "noted", &extra);
    assert!(docx(&en)
        .iter()
        .any(|p| p == "A note from the notes plugin."));
    let mut ru_extra = extra.to_vec();
    ru_extra.extend(["--lang", "ru"]);
    let (_, ru) = render(&tmp.path().join("ru"), "noted", &ru_extra);
    let ru = docx(&ru);
    assert!(ru.iter().any(|p| p == "Заметка модуля notes."), "{ru:#?}");
    assert!(!ru.iter().any(|p| p == "A note from the notes plugin."));

    // A plugin partial named like the open letter's `reprisals` partial.
    let clash = plugin(tmp.path(), "reprisals");
    let kazakhstan = root().join("examples/kazakhstan");
    let out = hrdraft(&[
        "render",
        kazakhstan.to_str().unwrap(),
        "-t",
        "open-letter",
        "-f",
        "md",
        "-o",
        tmp.path().join("c").to_str().unwrap(),
        "--plugin",
        clash.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("template `open-letter` has a partial `reprisals`")
            && e.contains("and so does plugin `notes`"),
        "{e}"
    );
}
