//! Identifiers that look alike must be alike: no control, format (zero-width,
//! bidirectional) or line-break character in a stakeholder's abbreviation or
//! an id. Text fields may hold them, and the HTML isolates bidirectional text.

use super::{Sandbox, INVALID};

const NOT_VALID: &str = "ds is not a valid dataset";

fn stakeholder(sb: &Sandbox, abbreviation: &str) {
    sb.edit(
        "upr.toml",
        "[[recommendations]]",
        &format!(
            "[[stakeholders]]\nabbreviation = \"{abbreviation}\"\nname = \"A look-alike\"\nkind = \"ngo\"\n\n[[recommendations]]"
        ),
    );
}

#[test]
fn a_zero_width_space_in_an_abbreviation_is_refused_by_file_line_and_field() {
    let sb = Sandbox::new();
    let before = sb.read("ds/upr.toml");
    // "NGO1" and "NGO1\u200b" would both print as "(NGO1)".
    stakeholder(&sb, "NGO1\\u200B");
    let line = sb
        .read("ds/upr.toml")
        .lines()
        .position(|l| l.contains("NGO1\\u200B"))
        .unwrap()
        + 1;
    for args in [
        &["check", "ds"][..],
        &[
            "render",
            "ds",
            "-t",
            "mia-report",
            "-f",
            "html",
            "-o",
            "out",
        ],
    ] {
        sb.refused(
            args,
            &[],
            INVALID,
            &[
                &format!("ds/upr.toml:{line}:"),
                "stakeholders[1].abbreviation",
                "the stakeholder abbreviation \"NGO1\\u{200b}\" holds an invisible zero-width character (U+200B), which no identifier may hold",
                "remove it: \"NGO1\\u{200b}\" prints exactly as \"NGO1\"",
            ],
        );
    }
    sb.write("ds/upr.toml", &before);
    assert_eq!(sb.run(["check", "ds"], &[]).code, Some(0));
}

#[test]
fn line_breaks_tabs_and_bidirectional_controls_in_ids_are_refused() {
    for (id, said) in [
        ("press\\nrelease", "holds a line break (U+000A)"),
        ("press\\trelease", "holds a tab (U+0009)"),
        ("press\\u2028release", "holds a line break (U+2028)"),
        (
            "\\u202Eesaeler",
            "holds a bidirectional control character (U+202E)",
        ),
        (
            "press\\u2066release",
            "holds a bidirectional control character (U+2066)",
        ),
        (
            "press\\u00ADrelease",
            "holds the invisible format character U+00AD",
        ),
        (
            "\\uFEFFpress",
            "holds an invisible zero-width character (U+FEFF)",
        ),
    ] {
        let sb = Sandbox::new();
        sb.edit(
            "sources.toml",
            "id = \"pledges\"",
            &format!("id = \"{id}\""),
        );
        sb.refused(
            &["check", "ds"],
            &[],
            INVALID,
            &["sources[1].id", "the source id", said],
        );
        sb.render_refused(
            "open-letter",
            &[],
            INVALID,
            &["sources[1].id", said, NOT_VALID],
        );
    }
}

#[test]
fn a_right_to_left_override_in_a_name_is_isolated_in_html() {
    let sb = Sandbox::new();
    // Text fields keep the character (it may be wanted in right-to-left
    // names), but it must not reverse the text around it.
    sb.edit(
        "country.toml",
        "name = \"Arcadia\"",
        "name = \"Arc\\u202Eadia\"",
    );
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
    let body = &html[html.find("<body").unwrap()..];
    assert!(body.contains("Arc\u{202E}adia"), "the name was changed");
    // Every override is inside a <bdi> that ends where its text run ends.
    let mut rest = body;
    let mut isolated = 0;
    while let Some(at) = rest.find('\u{202E}') {
        let open = rest[..at]
            .rfind("<bdi>")
            .expect("an override outside <bdi>");
        assert!(
            !rest[open..at].contains("</bdi>"),
            "an override outside <bdi>"
        );
        let close = rest[at..].find("</bdi>").expect("<bdi> not closed");
        assert!(!rest[at..at + close].contains('<'), "<bdi> spans markup");
        isolated += 1;
        rest = &rest[at + close..];
    }
    assert!(isolated > 0);
}

#[test]
fn a_reference_with_an_invisible_character_is_shown_with_it_escaped() {
    let sb = Sandbox::new();
    // The assessment names "NGO1" with a zero-width space: no such
    // stakeholder, and the message shows why.
    sb.edit(
        "upr.toml",
        "stakeholder = \"NGO1\"",
        "stakeholder = \"NGO1\\u200B\"",
    );
    sb.refused(
        &["check", "ds"],
        &[],
        INVALID,
        &["unknown stakeholder \"NGO1\\u{200b}\""],
    );
}
