//! Documents in Russian: the built-in templates' message files, read back from the PDF and DOCX written.

#[allow(dead_code)]
use crate::documents::read;

use crate::pdf::fixture;

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::root;

fn hrdraft(args: &[&str], dirs: &[&Path]) -> Output {
    let mut cmd = crate::support::hrdraft();
    cmd.args(args);
    for d in dirs {
        cmd.arg(d);
    }
    cmd.env("SOURCE_DATE_EPOCH", "1700000000");
    cmd.output().expect("hrdraft runs")
}

/// `render DATASET -t TEMPLATE --lang ru -f pdf -f docx`: the directory written to.
fn render_ru(dataset: &Path, template: &str, out: &Path) -> PathBuf {
    let output = crate::support::hrdraft()
        .arg("render")
        .arg(dataset)
        .args([
            "-t", template, "--lang", "ru", "-f", "pdf", "-f", "docx", "-o",
        ])
        .arg(out)
        .output()
        .expect("hrdraft runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out.join("kazakhstan")
}

/// Text with every run of whitespace made one space (PDF lines are justified
/// and broken anywhere).
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF's words; a word hyphenated at a line's end (a soft hyphen, then
/// the line break) read whole.
fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("the PDF is there");
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("pdf-extract reads the PDF");
    let mut joined = String::with_capacity(text.len());
    let mut after_hyphen = false;
    for c in text.chars() {
        if c == '\u{ad}' {
            after_hyphen = true;
        } else if !(after_hyphen && c.is_whitespace()) {
            after_hyphen = false;
            joined.push(c);
        }
    }
    words(&joined)
}

fn pdf_lang(path: &Path) -> String {
    let doc = lopdf::Document::load(path).expect("lopdf reads the PDF");
    let lang = doc
        .catalog()
        .and_then(|c| c.get(b"Lang"))
        .and_then(|o| o.as_str())
        .expect("the catalog has /Lang");
    String::from_utf8_lossy(lang).into_owned()
}

fn docx_text_and_lang(path: &Path) -> (String, String) {
    let parts = read::docx_parts(path);
    let mut text = read::docx_paragraphs(&parts).join("\n");
    if parts.contains_key("word/footnotes.xml") {
        text.push('\n');
        text.push_str(
            &read::docx_footnotes(&parts)
                .into_values()
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    let core = roxmltree::Document::parse(&parts["docProps/core.xml"]).expect("core.xml parses");
    let lang = core
        .descendants()
        .find(|n| n.tag_name().name() == "language")
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string();
    (words(&text), lang)
}

/// The fixed English wording of a template: the literal text between the
/// Handlebars tags of its en.toml, in pieces long enough to be telling.
fn english_phrases(template: &str) -> Vec<String> {
    let path = root().join(format!("templates/{template}/messages/en.toml"));
    let text = std::fs::read_to_string(path).expect("en.toml");
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let Some((_, value)) = line.split_once("'''") else {
            continue;
        };
        let value = value.trim_end_matches("'''");
        let mut rest = value;
        while !rest.is_empty() {
            let (literal, after) = match rest.find("{{") {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            };
            let literal = words(literal.trim_matches(|c: char| !c.is_alphanumeric()));
            if literal.len() >= 16 && literal.contains(' ') {
                out.push(literal);
            }
            rest = match after.find("}}") {
                Some(i) => &after[i + 2..],
                None => "",
            };
        }
    }
    assert!(out.len() > 10, "{template}: {out:?}");
    out
}

fn assert_no_english(template: &str, text: &str) {
    for phrase in english_phrases(template) {
        assert!(
            !text.contains(&phrase),
            "{template}: the English phrase {phrase:?} is in the Russian document"
        );
    }
}

#[test]
fn russian_open_letter_reads_back_from_pdf_and_docx() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = render_ru(
        &root().join("examples/kazakhstan"),
        "open-letter",
        tmp.path(),
    );
    let pdf = pdf_text(&dir.join("open-letter.pdf"));
    let (docx, docx_lang) = docx_text_and_lang(&dir.join("open-letter.docx"));
    for text in [&pdf, &docx] {
        for phrase in [
            "18 октября 2012 г.",
            "Уважаемый господин Министр,",
            // The dataset gives the State's Russian name: the heading names it.
            "ОТКРЫТОЕ ПИСЬМО: КАНДИДАТУРА КАЗАХСТАНА НА ВЫБОРАХ В СОВЕТ ООН ПО ПРАВАМ ЧЕЛОВЕКА",
            "Мы обращаемся к Вам в связи с выдвижением кандидатуры Вашей страны",
            "которые состоятся 12 ноября 2012 г.,",
            "Ратификация международных договоров в области прав человека",
            "Факультативный протокол к Международному пакту об экономических, социальных и культурных правах",
            "представить Комитету по ликвидации расовой дискриминации доклад",
            // The accepted recommendations in one sentence, counted by issue,
            // after the number of all: most have no paragraph, and are in no
            // group. UPR Info's issues in Russian.
            "приняло 127 рекомендаций, в том числе по следующим темам: «Пытки и другие жестокие, бесчеловечные или унижающие достоинство виды обращения» (11) и «Смертная казнь» (4).",
            "С уважением,",
            // Helpers write Russian too: citations' dates and "рекомендации … и …".
            "23 марта 2010 г. (A/HRC/14/10)",
            "95.68 (Sri Lanka) и 95.102 (Morocco)",
        ] {
            assert!(text.contains(phrase), "missing {phrase:?}");
        }
        // Dataset text stays as entered.
        assert!(text.contains(
            "«Promote the effective implementation of the mandates of the Special Procedures»"
        ));
        assert!(text.contains("David Diaz-Jogeix"));
        // The heading names no State in English.
        assert!(!text.contains("КАНДИДАТУРА KAZAKHSTAN"));
        assert_no_english("open-letter", text);
    }
    assert_eq!(pdf_lang(&dir.join("open-letter.pdf")), "ru");
    assert_eq!(docx_lang, "ru");
}

#[test]
fn russian_question_set_reads_back_from_pdf_and_docx() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = render_ru(
        &root().join("examples/kazakhstan"),
        "pledging-questions",
        tmp.path(),
    );
    let pdf = pdf_text(&dir.join("pledging-questions.pdf"));
    let (docx, docx_lang) = docx_text_and_lang(&dir.join("pledging-questions.docx"));
    for text in [&pdf, &docx] {
        for phrase in [
            "29 сентября 2021 г.",
            "Ваши Превосходительства,",
            "8 сентября 2021 г. организации Amnesty International и International Service for Human Rights провели в режиме онлайн мероприятие для государств — кандидатов в члены Совета по правам человека на срок полномочий 2022–2024 гг.",
            "Хотя представители Вашей страны, к сожалению, отказались от участия в мероприятии",
            "Просим Вас не позднее 8 октября 2021 г. направить ответы Maithili Pai",
            "Вопросы, адресованные непосредственно Вашей стране",
            "Вопросы ко всем государствам-кандидатам",
            "Будем признательны за Ваш ответ.",
        ] {
            assert!(text.contains(phrase), "missing {phrase:?}");
        }
        // The questions are the dataset's, in English, word for word.
        assert!(text.contains(
            "President Tokayev used to head UN Geneva and so is aware that Council membership is tied to protecting the highest human rights standards."
        ));
        assert!(text.contains("What are your plans to mainstream and advance child rights at the Human Rights Council?"));
        assert_no_english("pledging-questions", text);
    }
    assert_eq!(pdf_lang(&dir.join("pledging-questions.pdf")), "ru");
    assert_eq!(docx_lang, "ru");
}

#[test]
fn the_mia_in_russian_is_refused_clearly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = hrdraft(
        &["render", "-t", "mia-report", "--lang", "ru", "-o"],
        &[tmp.path(), &root().join("examples/kazakhstan")],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("template `mia-report` is not available in `ru`; it is available in en"),
        "{stderr}"
    );
    assert!(!tmp.path().join("kazakhstan").exists());
}

#[test]
fn draft_in_russian_skips_what_has_no_russian() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = hrdraft(
        &["draft", "--lang", "ru", "-f", "md", "-o"],
        &[tmp.path(), &root().join("examples/kazakhstan")],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("kazakhstan: mia-report skipped: the template is not available in `ru`"),
        "{stderr}"
    );
    assert!(stderr.contains("drafted 2 documents"), "{stderr}");
    let letter = std::fs::read_to_string(tmp.path().join("kazakhstan/open-letter.md"))
        .expect("the letter is written");
    assert!(letter.contains("С уважением,"));
    // Named explicitly, a template without Russian is an error, not a skip.
    let out = hrdraft(
        &[
            "draft",
            "--lang",
            "ru",
            "-t",
            "mia-report",
            "-f",
            "md",
            "-o",
        ],
        &[tmp.path(), &root().join("examples/kazakhstan")],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not available in `ru`"));
}

/// The Kazakhstan dataset with the open letter dated 2025, after the
/// reprisal cases of 2022, so that the letter has a reprisals section.
fn kazakhstan_2025(dir: &Path) -> PathBuf {
    let src = root().join("examples/kazakhstan");
    let dst = dir.join("kazakhstan");
    std::fs::create_dir_all(&dst).expect("mkdir");
    for entry in std::fs::read_dir(&src).expect("read example") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_owned();
        let mut text = std::fs::read_to_string(&path).expect("read");
        if name == "documents.toml" {
            text = text.replacen("date = 2012-10-18", "date = 2025-03-01", 1);
        }
        std::fs::write(dst.join(name), text).expect("write");
    }
    dst
}

fn markdown(dataset: &Path, lang: &str) -> String {
    let out = hrdraft(
        &["context", "-t", "open-letter", "--markdown", "--lang", lang],
        &[dataset],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_reprisals_section_is_written_in_the_letters_language() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = kazakhstan_2025(tmp.path());
    let out = hrdraft(&["plugins", "run", "reprisals"], &[&dataset]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plugin: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let intro = plugin["intro"].as_str().expect("intro");
    let call = plugin["call"].as_str().expect("call");
    let sentence = plugin["groups"][0]["communication"]["sentence"]
        .as_str()
        .expect("sentence");

    // English: the very sentences the plugin writes.
    let en = markdown(&dataset, "en");
    for s in [intro, call, sentence] {
        assert!(en.contains(s), "the English letter lacks {s:?}");
    }
    // Russian: the same facts in Russian, none of the plugin's English.
    let ru = markdown(&dataset, "ru");
    for s in [intro, call, sentence] {
        assert!(!ru.contains(s), "the Russian letter has {s:?}");
    }
    for phrase in [
        "Мы обеспокоены сообщениями о запугивании в отношении лиц в Вашей стране",
        "(9 сентября 2022\u{a0}г.):",
        "Эта обеспокоенность была выражена в совместном письме с изложением утверждений AL KAZ 2/2024 от 9 мая 2024\u{a0}г., направленном 9 мандатариями специальных процедур; сведений об ответе властей не имеется.",
        "Мы настоятельно призываем власти Вашей страны оперативно, тщательно и беспристрастно расследовать",
    ] {
        assert!(ru.contains(phrase), "missing {phrase:?}");
    }
}

#[test]
fn a_note_carried_over_is_labelled_in_the_documents_language() {
    let mut doc = fixture::fixture();
    doc.meta.language = "ru".into();
    let bytes =
        hrdraft::write::pdf::pdf(&doc, &hrdraft::write::WriteOptions::default()).expect("renders");
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("extracts");
    assert!(text.contains("(продолжение)"));
    assert!(!text.contains("(continued)"));
}

#[test]
fn user_templates_bring_their_own_messages() {
    use hrdraft::template::TemplateSet;

    let tmp = tempfile::tempdir().expect("tempdir");
    let t = tmp.path().join("note");
    std::fs::create_dir_all(t.join("messages")).expect("mkdir");
    std::fs::write(
        t.join("template.toml"),
        "name = \"note\"\ntitle = \"Note\"\ndescription = \"A note.\"\nbody = \"body.md.hbs\"\nlanguages = [\"en\", \"ru\"]\n",
    )
    .expect("write");
    std::fs::write(t.join("body.md.hbs"), "{{t \"hello\"}} {{t \"bye\"}}\n").expect("write");
    std::fs::write(
        t.join("messages/en.toml"),
        "hello = '''Hello, {{country.name}}.'''\nbye = '''Goodbye.'''\n",
    )
    .expect("write");
    // Russian lacks `bye`: English stands in for that key alone.
    std::fs::write(t.join("messages/ru.toml"), "hello = '''Здравствуйте.'''\n").expect("write");

    let out = hrdraft(
        &[
            "context",
            "-t",
            "note",
            "--markdown",
            "--lang",
            "ru",
            "--templates",
        ],
        &[tmp.path(), &root().join("examples/kazakhstan")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Здравствуйте. Goodbye.\n"
    );

    // A language listed without its file, or a file for a language not listed.
    std::fs::remove_file(t.join("messages/ru.toml")).expect("rm");
    let mut set = TemplateSet::builtin().expect("builtin");
    let e = set
        .add_dir(tmp.path())
        .expect_err("ru.toml is missing")
        .to_string();
    assert!(
        e.contains("`languages` lists `ru`, but there is no messages/ru.toml"),
        "{e}"
    );
    std::fs::write(t.join("messages/ru.toml"), "hello = 'Здравствуйте.'\n").expect("write");
    std::fs::write(t.join("messages/fr.toml"), "hello = 'Bonjour.'\n").expect("write");
    let e = set
        .add_dir(tmp.path())
        .expect_err("fr is not listed")
        .to_string();
    assert!(
        e.contains("messages/fr.toml: `fr` is not among the template's languages (en, ru)"),
        "{e}"
    );
    std::fs::remove_file(t.join("messages/fr.toml")).expect("rm");
    std::fs::write(t.join("messages/ru.toml"), "hello = 3\n").expect("write");
    let e = set.add_dir(tmp.path()).expect_err("not text").to_string();
    assert!(e.contains("message `hello` must be text"), "{e}");
}

/// A template's wording in one language is compiled only when a document is
/// drafted in it: a Russian message that cannot be read stops the Russian
/// draft, naming the message and its line, and leaves the English one be.
#[test]
fn a_broken_message_stops_only_its_own_language() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let t = tmp.path().join("note");
    std::fs::create_dir_all(t.join("messages")).expect("mkdir");
    std::fs::write(
        t.join("template.toml"),
        "name = \"note\"\ntitle = \"Note\"\ndescription = \"A note.\"\nbody = \"body.md.hbs\"\nlanguages = [\"en\", \"ru\"]\n",
    )
    .expect("write");
    std::fs::write(t.join("body.md.hbs"), "{{t \"hello\"}}\n").expect("write");
    std::fs::write(t.join("messages/en.toml"), "hello = 'Hello.'\n").expect("write");
    std::fs::write(
        t.join("messages/ru.toml"),
        "hello = '''Здравствуйте,\n{{#if country}}{{country.name}}.'''\n",
    )
    .expect("write");
    let draft = |lang: &str| {
        hrdraft(
            &[
                "context",
                "-t",
                "note",
                "--markdown",
                "--lang",
                lang,
                "--templates",
            ],
            &[tmp.path(), &root().join("examples/kazakhstan")],
        )
    };
    let en = draft("en");
    assert!(
        en.status.success(),
        "{}",
        String::from_utf8_lossy(&en.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&en.stdout), "Hello.\n");
    let ru = draft("ru");
    assert!(!ru.status.success());
    let err = String::from_utf8_lossy(&ru.stderr);
    assert!(err.contains("messages/ru.toml#hello"), "{err}");
    assert!(err.contains("line 2"), "{err}");
}

/// A Russian letter names one instrument, one issue, in the singular, and
/// puts no second full stop after a date ("2026 г.").
#[test]
fn the_russian_letter_agrees_with_one_and_stops_once_after_a_date() {
    let ru = markdown(&root().join("examples/solvane"), "ru");
    assert!(
        ru.contains(
            "Ваша страна подписала следующий договор, но до сих пор не ратифицировала его:"
        ),
        "{ru}"
    );
    assert!(
        ru.contains("По оценке заинтересованных сторон, к середине цикла обзора не была выполнена рекомендация по теме «Национальные правозащитные учреждения»."),
        "{ru}"
    );
    // Said once: the national section does not name it again.
    assert!(!ru.contains("по следующей теме:"), "{ru}");
    assert!(!ru.contains("г.."), "{ru}");
    assert!(!ru.contains("следующих договоров"), "{ru}");
}

/// The Russian UPR paragraph, as the English one: the accepted
/// recommendations in one sentence with one note, then those found not
/// implemented in one sentence, each group once.
#[test]
fn the_russian_upr_paragraph_is_two_sentences() {
    let ru = markdown(&root().join("examples/morvaris"), "ru");
    assert!(
        // More than four groups: the number of all, then the three largest.
        ru.contains("поддержало 10 рекомендаций, в том числе по следующим темам: «Международные договоры» (3), «Правозащитники» (2) и «Права женщин» (2)."),
        "{ru}"
    );
    assert!(
        ru.contains("По оценке заинтересованных сторон, к середине цикла обзора не были выполнены 2 из 3 рекомендаций по теме «Международные договоры», обе рекомендации по теме «Правозащитники» и обе рекомендации по теме «Права женщин»."),
        "{ru}"
    );
    assert_eq!(
        ru.matches("По оценке заинтересованных сторон").count(),
        1,
        "{ru}"
    );
}
