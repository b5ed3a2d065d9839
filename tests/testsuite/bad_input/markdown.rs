//! Markdown edge cases, as a template would produce them.

use super::templates::{case_refused, template};
use super::{Sandbox, INVALID};

#[test]
fn a_footnote_without_a_definition_is_refused() {
    let sb = Sandbox::new();
    template(&sb, "", "Dear Minister,\n\nAs reported.[^gone]\n", &[]);
    case_refused(
        &sb,
        &[],
        INVALID,
        &["footnote `[^gone]` is referred to but never defined"],
    );
}

#[test]
fn an_empty_document_is_refused() {
    let sb = Sandbox::new();
    template(&sb, "", "{{#if vars.never}}Text.{{/if}}\n\n", &[]);
    case_refused(
        &sb,
        &[],
        INVALID,
        &["template `case` produced an empty document"],
    );
}

#[test]
fn an_unclosed_layout_block_is_refused() {
    let sb = Sandbox::new();
    template(&sb, "", "<div class=\"right\">\n\nSigned.\n", &[]);
    case_refused(
        &sb,
        &[],
        INVALID,
        &["`<div class=\"right\">` is not closed"],
    );
}

#[test]
fn an_image_is_refused() {
    let sb = Sandbox::new();
    template(&sb, "", "Look: ![a chart](chart.png)\n", &[]);
    case_refused(&sb, &[], INVALID, &["an image cannot be put in a document"]);
}

#[test]
fn a_table_inside_a_table_cell_stays_text() {
    // Markdown has no nested tables: the inner pipes end cells, so the row
    // simply has more cells than the header; the extra ones are dropped.
    let sb = Sandbox::new();
    template(
        &sb,
        "",
        "| a | b |\n|---|---|\n| 1 | \\| x \\| y \\| |\n\n- | c | d |\n  |---|---|\n  | 3 | 4 |\n",
        &[],
    );
    let run = sb.run(
        [
            "render",
            "ds",
            "-t",
            "case",
            "--templates",
            "tpl",
            "-f",
            "html",
            "-o",
            "fresh",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let html = sb.read("fresh/arcadia/case.html");
    assert!(html.contains("| x | y |"), "{html}");
    assert_eq!(html.matches("<table").count(), 2, "{html}");
}

#[test]
fn unclosed_emphasis_and_unused_definitions_are_text_and_left_out() {
    let sb = Sandbox::new();
    template(
        &sb,
        "",
        "Dear *Minister,\n\nWe **write.\n\n[^unused]: A note nobody refers to.\n",
        &[],
    );
    let run = sb.run(
        [
            "render",
            "ds",
            "-t",
            "case",
            "--templates",
            "tpl",
            "-f",
            "html",
            "-o",
            "fresh",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let html = sb.read("fresh/arcadia/case.html");
    assert!(html.contains("Dear *Minister,"), "{html}");
    assert!(html.contains("We **write."), "{html}");
    assert!(
        !html.contains("<em>") && !html.contains("<strong>"),
        "{html}"
    );
    assert!(!html.contains("nobody refers"), "{html}");
}
