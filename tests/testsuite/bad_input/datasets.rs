//! Datasets no one meant to write: huge, deep, binary, wrongly encoded.

use super::{Sandbox, INVALID};

const NOT_VALID: &str = "ds is not a valid dataset";

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let sb = Sandbox::new();
    // A sparse file: 300 MiB on paper, nothing on disk, and never read.
    let f = std::fs::File::create(sb.path("ds/reprisals.toml")).unwrap();
    f.set_len(300 * 1024 * 1024).unwrap();
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &[
            "reprisals.toml: the file is 300 MiB; dataset files may be at most 256 MiB",
            NOT_VALID,
        ],
    );
}

#[test]
fn a_huge_file_with_one_bad_value_at_its_end_is_found_by_line() {
    let sb = Sandbox::new();
    let mut upr = sb.read("ds/upr.toml");
    for n in 3..=40_002 {
        upr.push_str(&format!(
            "\n[[recommendations]]\nnumber = {n}\ncycle = 1\ntext = \"Recommendation {n}\"\n\
             recommending_state = \"France\"\nresponse = \"accepted\"\n"
        ));
    }
    upr.push_str("\n[[recommendations]]\nnumber = 40003\ncycle = 1\ntext = \"Last\"\nrecommending_state = \"France\"\nresponse = \"acepted\"\n");
    let last_line = upr.lines().count();
    sb.write("ds/upr.toml", &upr);
    sb.render_refused(
        "mia-report",
        &[],
        INVALID,
        &[
            &format!("[ds/upr.toml:{last_line}:12]"),
            "recommendations[40002].response",
            "found \"acepted\"",
        ],
    );
}

#[test]
fn arrays_nested_thousands_deep_stop_at_the_parsers_limit() {
    let sb = Sandbox::new();
    let deep = format!("\nx = {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
    sb.write("ds/reprisals.toml", sb.read("ds/reprisals.toml") + &deep);
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &["reprisals.toml", "max recursion depth met", NOT_VALID],
    );
}

#[test]
fn inline_tables_nested_thousands_deep_stop_at_the_parsers_limit() {
    let sb = Sandbox::new();
    let deep = format!("\nx = {}1{}\n", "{a=".repeat(20_000), "}".repeat(20_000));
    sb.write("ds/sources.toml", sb.read("ds/sources.toml") + &deep);
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &["sources.toml", "max recursion depth met"],
    );
}

#[test]
fn a_megabyte_string_in_the_wrong_place_is_reported_cut_short() {
    let sb = Sandbox::new();
    let long = "x".repeat(1024 * 1024);
    sb.edit(
        "upr.toml",
        "level = \"not\"",
        &format!("level = \"{long}\""),
    );
    sb.render_refused(
        "mia-report",
        &[],
        INVALID,
        &[
            "recommendations[0].assessments[0].level: expected one of \"not\", \"partially\", \"fully\"",
            "characters in all)",
        ],
    );
}

#[test]
fn a_megabyte_short_name_cannot_become_a_file_name() {
    let sb = Sandbox::new();
    let long = "a".repeat(1024 * 1024);
    sb.edit(
        "country.toml",
        "short_name = \"arcadia\"",
        &format!("short_name = \"{long}\""),
    );
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &["country.short_name", NOT_VALID],
    );
}

#[test]
fn a_raw_nul_byte_is_a_syntax_error() {
    let sb = Sandbox::new();
    sb.edit("country.toml", "Arcadia\"", "Arca\0dia\"");
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &["ds/country.toml:3:", NOT_VALID],
    );
}

#[test]
fn an_escaped_nul_or_control_character_is_refused_by_field() {
    let sb = Sandbox::new();
    sb.edit("country.toml", "\"Arcadia\"", "\"Arca\\u0000dia\"");
    sb.edit("upr.toml", "\"Not done.\"", "\"Not\\u001bdone.\"");
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &[
            "country.name: the text holds the control character U+0000",
            "recommendations[0].assessments[0].comment: the text holds the control character U+001B",
        ],
    );
}

#[test]
fn a_byte_order_mark_inside_a_file_is_a_syntax_error() {
    // Files pasted together: the second one's mark lands mid-file.
    let sb = Sandbox::new();
    let text = sb
        .read("ds/country.toml")
        .replacen("[country]", "\u{feff}[country]", 1);
    sb.write("ds/country.toml", text);
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &["ds/country.toml:2:", "key with no value", NOT_VALID],
    );
}

#[test]
fn a_utf16_file_is_not_utf8() {
    let sb = Sandbox::new();
    let text = sb.read("ds/documents.toml");
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    sb.write("ds/documents.toml", bytes);
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &[
            "documents.toml:1:1: the file is not UTF-8 text (byte 0xFF at offset 0)",
            "save the file as UTF-8",
        ],
    );
}

#[test]
fn a_latin1_line_in_a_utf8_file_is_found_by_line() {
    let sb = Sandbox::new();
    let mut bytes = sb.read("ds/upr.toml").into_bytes();
    let at = bytes.windows(9).position(|w| w == b"Not done.").unwrap();
    // "Not donné." with é as ISO-8859-1, after UTF-8 text elsewhere.
    bytes.splice(at..at + 9, b"Not donn\xE9.".iter().copied());
    sb.write("ds/upr.toml", bytes);
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &["upr.toml:22:", "not UTF-8 text (byte 0xE9"],
    );
}

#[test]
fn carriage_returns_alone_are_not_line_ends() {
    let sb = Sandbox::new();
    let text = sb.read("ds/reprisals.toml").replace('\n', "\r");
    sb.write("ds/reprisals.toml", text);
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &["ds/reprisals.toml:1:", NOT_VALID],
    );
}

#[test]
fn an_empty_directory_is_not_a_dataset() {
    let sb = Sandbox::new();
    std::fs::create_dir(sb.path("empty")).unwrap();
    sb.refused(
        &["render", "empty", "-t", "open-letter", "-o", "out"],
        &[],
        INVALID,
        &["missing file: every dataset needs country.toml"],
    );
}

#[test]
fn a_dataset_file_that_is_a_directory_is_not_read() {
    let sb = Sandbox::new();
    std::fs::remove_file(sb.path("ds/country.toml")).unwrap();
    std::fs::create_dir(sb.path("ds/country.toml")).unwrap();
    // Not taken for a missing file (issue 18, finding 3): what is there is named.
    sb.render_refused(
        "open-letter",
        &[],
        INVALID,
        &[
            "country.toml: the file is a directory, not a regular file",
            NOT_VALID,
        ],
    );
}

#[test]
fn a_binary_file_under_a_dataset_name_is_refused() {
    let sb = Sandbox::new();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    sb.write("ds/treaties.toml", bytes);
    sb.render_refused("open-letter", &[], INVALID, &["treaties.toml", NOT_VALID]);
}

/// Not refusals: input that looks odd but is fine must draft normally.
#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let sb = Sandbox::new();
    for f in ["country.toml", "upr.toml", "documents.toml"] {
        let text = sb.read(&format!("ds/{f}")).replace('\n', "\r\n");
        sb.write(&format!("ds/{f}"), format!("\u{feff}{text}"));
    }
    let run = sb.run(
        [
            "render",
            "ds",
            "-t",
            "open-letter",
            "-f",
            "html",
            "-o",
            "fresh",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let html = sb.read("fresh/arcadia/open-letter.html");
    assert!(html.contains("Arcadia"));
    assert!(!html.contains('\r') && !html.contains('\u{feff}'));
}

#[test]
fn two_datasets_drafted_into_one_folder_are_refused_before_anything_is_written() {
    let sb = Sandbox::new();
    // A copy of the dataset keeps its short_name, "arcadia": both would be
    // drafted into out/arcadia/, the second overwriting the first.
    super::copy_dir(&sb.path("ds"), &sb.path("copy"));
    sb.edit("country.toml", "Arcadia\"", "Arcadia (first)\"");
    sb.refused(
        &["draft", "ds", "copy", "-f", "html", "-o", "out"],
        &[],
        super::USAGE,
        &[
            "ds and copy would both be drafted into out/arcadia",
            "both have short_name = \"arcadia\" in country.toml, so the second",
            "nothing was written",
        ],
    );
    // Given twice, one dataset is refused the same way.
    sb.refused(
        &["draft", "ds", "ds", "-f", "html", "-o", "out"],
        &[],
        super::USAGE,
        &["ds and ds would both be drafted into out/arcadia"],
    );
    // With distinct short names the same batch drafts both.
    sb.edit(
        "country.toml",
        "short_name = \"arcadia\"",
        "short_name = \"arcadia-first\"",
    );
    let run = sb.run(["draft", "ds", "copy", "-f", "html", "-o", "out"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(sb.path("out/arcadia-first/open-letter.html").exists());
    assert!(sb
        .read("out/arcadia-first/open-letter.html")
        .contains("Arcadia (first)"));
    assert_ne!(
        sb.read("out/arcadia/open-letter.html").as_bytes(),
        b"an earlier open letter (html)"
    );
}

#[test]
fn a_documents_entry_naming_no_template_is_refused_with_the_name_meant() {
    let sb = Sandbox::new();
    sb.edit(
        "documents.toml",
        "template = \"mia-report\"",
        "template = \"mia-reports\"",
    );
    let line = sb
        .read("ds/documents.toml")
        .lines()
        .position(|l| l.contains("mia-reports"))
        .expect("the entry")
        + 1;
    let at = format!("documents.toml:{line}");
    // `check` warns: the template may be in a directory of the user's.
    let run = sb.run(["check", "ds"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for m in [
        "there is no template \"mia-reports\"",
        "did you mean \"mia-report\"?",
        &at,
    ] {
        assert!(run.stderr.contains(m), "`{m}` not in:\n{}", run.stderr);
    }
    // `render` and `draft` refuse it, writing nothing: the MIA would
    // otherwise be drafted without its entry.
    let messages = [
        "documents[1].template: there is no template \"mia-reports\"",
        "did you mean \"mia-report\"?",
        &at,
        "nothing was written",
    ];
    sb.render_refused("open-letter", &[], INVALID, &messages);
    sb.refused(&["draft", "ds", "-o", "out"], &[], INVALID, &messages);
}
