//! Text the PDF cannot show as written: said in a warning, never lost
//! silently, and kept in the other formats.

use super::Sandbox;

#[test]
fn characters_no_font_has_are_warned_about_never_dropped_silently() {
    let sb = Sandbox::new();
    // No font beside Liberation Serif: an empty folder of fonts.
    std::fs::create_dir_all(sb.path("no-fonts")).unwrap();
    let fonts = sb.path("no-fonts");
    let env = [("HRDRAFT_FONT_DIRS", fonts.to_str().unwrap())];
    let args = [
        "render",
        "ds",
        "-t",
        "open-letter",
        "-f",
        "pdf",
        "-f",
        "html",
        "-o",
        "fresh",
    ];
    let run = sb.run(args, &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("no glyph"), "{}", run.stderr);

    sb.edit(
        "country.toml",
        "name = \"Arcadia\"",
        "name = \"Arcadia 😀 中文\"",
    );
    let run = sb.run(args, &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: open-letter.pdf: the PDF's fonts have no glyph for 😀 (U+1F600), 中 (U+4E2D), \
             文 (U+6587), so the PDF shows each as a replacement mark, in \"OPEN LETTER: ARCADIA 😀 中文’S CANDIDACY"
        ),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("the DOCX and HTML show them as written"));
    assert!(sb
        .read("fresh/arcadia/open-letter.html")
        .contains("Arcadia 😀 中文"));
    // draft says it too, naming the dataset.
    let run = sb.run(["draft", "ds", "-f", "pdf", "-o", "fresh"], &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("arcadia/open-letter.pdf: the PDF's fonts have no glyph for 😀"),
        "{}",
        run.stderr
    );
    // With --json, nothing on stderr: the warning is in the report.
    let run = sb.run(
        [
            "render",
            "ds",
            "-t",
            "open-letter",
            "-f",
            "pdf",
            "-o",
            "fresh",
            "--json",
        ],
        &env,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let warning = report["warnings"][0].as_str().unwrap_or_default();
    assert!(
        warning.starts_with("open-letter.pdf: the PDF's fonts have no glyph for 😀 (U+1F600)"),
        "{report}"
    );
    let run = sb.run(["draft", "ds", "-f", "pdf", "-o", "fresh", "--json"], &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    // One warning for each of the three documents, in the order of their files.
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .map(|w| w.iter().filter_map(|w| w.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(warnings.len(), 3, "{report}");
    for (warning, document) in
        warnings
            .iter()
            .zip(["mia-report", "open-letter", "pledging-questions"])
    {
        assert!(
            warning.starts_with(&format!(
                "arcadia/{document}.pdf: the PDF's fonts have no glyph"
            )),
            "{report}"
        );
    }
}

/// The font files fontconfig knows with a glyph for `c`, sorted; empty
/// when there are none or no `fc-list`.
fn fonts_with(c: char) -> Vec<String> {
    let query = format!(":charset={:x}", u32::from(c));
    let Ok(out) = std::process::Command::new("fc-list")
        .args([query.as_str(), "file"])
        .output()
    else {
        return Vec::new();
    };
    let mut files: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().strip_suffix(':').map(str::to_string))
        .collect();
    files.sort();
    files
}

/// The text of word/document.xml, with the tags taken out.
fn docx_text(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[test]
fn system_fonts_set_what_liberation_serif_lacks_and_arabic_is_said_to_be_unshaped() {
    if fonts_with('中').is_empty() {
        println!(
            "skipped: no font on this machine has Chinese characters \
             (install fonts-noto-cjk or fonts-wqy-microhei to run this test)"
        );
        return;
    }
    let sb = Sandbox::new();
    let state = "Mexico 😀 中文 العربية";
    sb.edit(
        "upr.toml",
        "recommending_state = \"France\"",
        &format!("recommending_state = \"{state}\""),
    );
    let render = |out: &str| {
        sb.run(
            [
                "render",
                "ds",
                "-t",
                "mia-report",
                "-f",
                "pdf",
                "-f",
                "docx",
                "-f",
                "html",
                "-o",
                out,
            ],
            &[],
        )
    };
    let run = render("one");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let pdf = std::fs::read(sb.path("one/arcadia/mia-report.pdf")).unwrap();
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    // Set in a font found on the machine, not replaced.
    assert!(text.contains("Mexico"), "{text}");
    assert!(text.contains("中文"), "{text}");
    assert!(!run.stderr.contains("中 (U+4E2D)"), "{}", run.stderr);
    // The emoji is set too, or said to be missing: never silently lost.
    assert!(
        text.contains('😀') || run.stderr.contains("no glyph for 😀 (U+1F600)"),
        "{}",
        run.stderr
    );
    assert!(!text.contains('?'), "{text}");
    // Arabic cannot be shaped: said, naming the text it is in.
    assert!(
        run.stderr.contains(
            "warning: mia-report.pdf: Arabic text is drawn in the PDF letter by letter, left to \
             right, without the joining"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(state), "{}", run.stderr);
    if !fonts_with('ع').is_empty() {
        assert!(text.contains("العربية"), "{text}");
    }
    // The DOCX and HTML keep the text as written.
    assert!(docx_text(&sb.path("one/arcadia/mia-report.docx")).contains(state));
    assert!(sb.read("one/arcadia/mia-report.html").contains(state));
    // The same input and fonts give the same bytes.
    let run = render("two");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(pdf == std::fs::read(sb.path("two/arcadia/mia-report.pdf")).unwrap());
}

#[test]
fn a_font_folder_named_in_the_environment_is_the_only_one_looked_in() {
    let Some(font) = fonts_with('中').into_iter().next() else {
        println!("skipped: no font on this machine has Chinese characters");
        return;
    };
    let sb = Sandbox::new();
    let name = std::path::Path::new(&font).file_name().unwrap();
    std::fs::create_dir_all(sb.path("fonts")).unwrap();
    std::fs::copy(&font, sb.path("fonts").join(name)).unwrap();
    sb.edit(
        "upr.toml",
        "recommending_state = \"France\"",
        "recommending_state = \"France 中文 ☃\"",
    );
    let fonts = sb.path("fonts");
    let args = ["render", "ds", "-t", "mia-report", "-f", "pdf", "-o", "one"];
    let run = sb.run(args, &[("HRDRAFT_FONT_DIRS", fonts.to_str().unwrap())]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let pdf = std::fs::read(sb.path("one/arcadia/mia-report.pdf")).unwrap();
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    assert!(text.contains("France 中文"), "{text}");
    assert!(!run.stderr.contains("中 (U+4E2D)"), "{}", run.stderr);
    // A folder that is not there is refused before anything is written.
    sb.render_refused_env(
        "mia-report",
        &[],
        &[("HRDRAFT_FONT_DIRS", "no/such/folder")],
        super::USAGE,
        &["HRDRAFT_FONT_DIRS=no/such/folder: no/such/folder is not a folder"],
    );
}
