//! Engine tests: strictness, partials, the table trap, footnotes, escaping.

use serde_json::json;

use super::*;
use crate::document::{parse, Block, Inline};

fn engine(templates: &[(&str, &str)], partials: &[(&str, &str)]) -> Engine {
    let mut e = Engine::new();
    for (n, s) in templates {
        e.register_template(n, s).unwrap();
    }
    for (n, s) in partials {
        e.register_partial(n, s).unwrap();
    }
    e
}

#[test]
fn strict_mode_names_template_line_and_column() {
    let e = engine(
        &[(
            "letter",
            "Dear {{name}},\n\nWe write about {{country.name}}.\n",
        )],
        &[],
    );
    let err = e
        .render("letter", &json!({"name": "Minister", "country": {}}))
        .unwrap_err();
    assert_eq!(err.template, "letter");
    assert_eq!(err.line, Some(3));
    assert_eq!(err.column, Some(16));
    assert!(err.message.contains("country.name"), "{err}");
    assert!(
        err.to_string()
            .starts_with("template `letter`, line 3, column 16:"),
        "{err}"
    );
    // `#if` on a missing value is false, not an error.
    let e = engine(&[("t", "{{#if missing}}yes{{else}}no{{/if}}")], &[]);
    assert_eq!(e.render("t", &json!({})).unwrap(), "no");
}

#[test]
fn errors_in_partials_name_the_partial_and_its_own_line() {
    let e = engine(
        &[("t", "x\n{{> part}}\n")],
        &[("part", "line one\nline {{two}}\n")],
    );
    let err = e.render("t", &json!({})).unwrap_err();
    assert_eq!(
        (err.template.as_str(), err.line),
        ("part", Some(2)),
        "{err}"
    );
    let e = engine(&[("t", "x")], &[]);
    let err = e.render("nope", &json!({})).unwrap_err();
    assert!(err.to_string().contains("no template"), "{err}");
    let mut e = Engine::new();
    let err = e.register_template("bad", "a\n{{#each x}}\n").unwrap_err();
    assert_eq!(err.template, "bad");
    assert!(err.line.is_some(), "{err}");
    let err = e.register_partial("bad", "a\nb {{/if}}").unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");
}

#[test]
fn partials_render_unchanged() {
    let e = engine(
        &[(
            "t",
            "Start\n{{> item}}\n{{#each xs}}\n{{> row}}\n{{/each}}\nEnd {{> inline}}!\n",
        )],
        &[
            ("item", "{{#each xs}}\n- {{this}}\n{{/each}}\n"),
            ("row", "row {{this}}\n"),
            ("inline", "in"),
        ],
    );
    assert_eq!(
        e.render("t", &json!({"xs": ["a", "b"]})).unwrap(),
        "Start\n- a\n- b\nrow a\nrow b\nEnd in!\n"
    );
}

#[test]
fn recursive_partials_stop_with_a_clear_error() {
    let e = engine(
        &[("t", "{{> ping}}")],
        &[("ping", "p {{> pong}}"), ("pong", "q {{> ping}}")],
    );
    let err = e.render("t", &json!({})).unwrap_err();
    assert!(err.message.contains("nest more than"), "{err}");
    assert!(err.message.contains("ping > pong > ping"), "{err}");
    // Bounded recursion through data is fine.
    let e = engine(
        &[("t", "{{> node tree}}")],
        &[
            (
                "node",
                "{{name}}{{#each children}}({{> child this}}){{/each}}",
            ),
            ("child", "{{> node this}}"),
        ],
    );
    let tree = json!({"tree": {"name": "a", "children": [{"name": "b", "children": [{"name": "c", "children": []}]}]}});
    assert_eq!(e.render("t", &tree).unwrap(), "a(b(c))");
}

#[test]
fn table_then_paragraph_after_each_stay_apart() {
    let tpl = "| Country | Count |\n|---|--:|\n{{#each rows}}\n| {{name}} | {{n}} |\n{{/each}}\nA paragraph after the table.\n";
    let e = engine(&[("t", tpl)], &[]);
    let md = e
        .render(
            "t",
            &json!({"rows": [{"name": "France", "n": 2}, {"name": "Spain", "n": 1}]}),
        )
        .unwrap();
    let d = parse(&md).unwrap();
    assert_eq!(d.blocks.len(), 2, "{md}");
    let Block::Table(t) = &d.blocks[0] else {
        panic!("{md}")
    };
    assert_eq!(t.rows.len(), 2);
    let Block::Paragraph { content, .. } = &d.blocks[1] else {
        panic!("{md}")
    };
    assert_eq!(Inline::plain_text(content), "A paragraph after the table.");
}

#[test]
fn separate_tables_leaves_code_fences_alone() {
    let sep = |s: &str| separate_tables(s.to_string());
    assert_eq!(sep("| a |\nb\n"), "| a |\n\nb\n");
    assert_eq!(sep("```\n| a |\nb\n```\n"), "```\n| a |\nb\n```\n");
    assert_eq!(sep("| a |\n| b |\n\nc"), "| a |\n| b |\n\nc");
    assert_eq!(sep("| a |\nb\n| c |\nd"), "| a |\n\nb\n| c |\n\nd");
}

#[test]
fn a_body_with_nothing_to_separate_becomes_the_markdown_uncopied() {
    // A long report's body is the Markdown in its own buffer: copying it
    // would hold the report twice.
    let body = String::from("| a |\n\nafter\n");
    let at = body.as_ptr();
    let out = separate_tables(body);
    assert_eq!(out, "| a |\n\nafter\n");
    assert_eq!(out.as_ptr(), at);
    let (markdown, _) = assemble(out, &["A note.".to_string()]);
    assert!(
        markdown.ends_with("\n\n[^hrdraft-fn-1]: A note.\n"),
        "{markdown}"
    );
}

#[test]
fn footnotes_are_appended_and_numbered_in_order() {
    let e = engine(
        &[("t", "A{{footnote \"one\"}} B{{#footnote}}two\n\nsecond *para*{{/footnote}}\n\n- item{{footnote x}}\n")],
        &[],
    );
    let md = e.render("t", &json!({"x": "three [^1] *"})).unwrap();
    let d = parse(&md).unwrap();
    let texts: Vec<String> = d
        .footnotes
        .iter()
        .map(|f| {
            f.blocks
                .iter()
                .map(|b| match b {
                    Block::Paragraph { content, .. } => Inline::plain_text(content),
                    other => panic!("{other:?}"),
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert_eq!(texts, ["one", "two|second para", "three [^1] *"]);
    // Each render starts its own count.
    let again = e.render("t", &json!({"x": "y"})).unwrap();
    assert!(
        again.contains("[^hrdraft-fn-1]:") && !again.contains("hrdraft-fn-4"),
        "{again}"
    );
}

#[test]
fn values_are_escaped_and_triple_braces_are_not() {
    let e = engine(&[("t", "{{v}} / {{{v}}}")], &[]);
    assert_eq!(
        e.render("t", &json!({"v": "*x*"})).unwrap(),
        "\\*x\\* / *x*"
    );
}

#[test]
fn count_of_missing_and_root_language() {
    let e = engine(
        &[(
            "t",
            "{{count missing}} {{#each xs}}{{date this lang=@root.lang}}{{/each}}",
        )],
        &[],
    );
    assert_eq!(
        e.render("t", &json!({"xs": ["2012-10-18"], "lang": "ru"}))
            .unwrap(),
        "0 18 октября 2012\u{a0}г."
    );
}

#[test]
fn a_render_that_grows_past_the_limit_stops_with_a_clear_error() {
    let mut e = engine(
        &[(
            "boom",
            "{{#each xs}}{{#each ../xs}}{{#each ../../xs}}{{this}} {{/each}}{{/each}}{{/each}}",
        )],
        &[],
    );
    e.set_output_limit(64 * 1024);
    let xs: Vec<u32> = (0..100).collect();
    let err = e.render("boom", &json!({ "xs": xs })).unwrap_err();
    assert!(err.message.contains("larger than 64 KiB"), "{err}");
    assert!(err.message.contains(MAX_OUTPUT_ENV), "{err}");
    // A render within the limit is unchanged, and the engine is still usable.
    let ok = e.render("boom", &json!({ "xs": [1] })).unwrap();
    assert_eq!(ok, "1 ");
}

/// The text of each footnote of rendered Markdown, in order.
fn note_texts(md: &str) -> Vec<String> {
    parse(md)
        .unwrap()
        .footnotes
        .iter()
        .map(|f| match f.blocks.as_slice() {
            [Block::Paragraph { content, .. }] => Inline::plain_text(content),
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn the_same_note_twice_at_one_place_is_one_note() {
    let e = engine(
        &[(
            "t",
            "a{{footnote \"one\"}}{{footnote \"one\"}} \
             b{{footnote \"two\"}}{{footnote \"three\"}}{{footnote \"two\"}} \
             c{{footnote \"one\"}}.{{footnote \"one\"}}\n",
        )],
        &[],
    );
    let md = e.render("t", &json!({})).unwrap();
    // Only references with nothing between are one place; the labels left
    // are numbered again from 1.
    assert!(
        md.starts_with(
            "a[^hrdraft-fn-1] b[^hrdraft-fn-2][^hrdraft-fn-3] c[^hrdraft-fn-4].[^hrdraft-fn-5]\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("[^hrdraft-fn-5]: one") && !md.contains("hrdraft-fn-6"),
        "{md}"
    );
    assert_eq!(note_texts(&md), ["one", "two", "three", "one", "one"]);
}

#[test]
fn dropping_a_repeated_note_renumbers_notes_in_notes() {
    let e = engine(
        &[(
            "t",
            "a{{footnote \"one\"}}{{footnote \"one\"}} b{{#footnote}}outer{{footnote \"inner\"}}{{/footnote}}\n",
        )],
        &[],
    );
    let md = e.render("t", &json!({})).unwrap();
    assert!(
        md.starts_with("a[^hrdraft-fn-1] b[^hrdraft-fn-3]\n"),
        "{md}"
    );
    assert!(md.contains("[^hrdraft-fn-3]: outer[^hrdraft-fn-2]"), "{md}");
    assert_eq!(note_texts(&md), ["one", "outer", "inner"]);
}

#[test]
fn note_refs_are_only_the_engines_own() {
    let text = "x\\[^hrdraft-fn-1][^hrdraft-fn-2][^hrdraft-fn-9][^hrdraft-fn-][^other-1]\\\\[^hrdraft-fn-1]";
    let refs: Vec<usize> = note_refs(text, 2).iter().map(|r| r.n).collect();
    assert_eq!(refs, [2, 1]);
    assert_eq!(
        drop_repeated_notes(
            "a[^hrdraft-fn-1] [^hrdraft-fn-2]",
            &["n".into(), "n".into()]
        ),
        None
    );
}

#[test]
fn plugin_fields_win_over_helpers_of_the_same_name() {
    let e = engine(
        &[(
            "t",
            "{{#with plugins.[x]}}{{count}} {{date}} {{{count}}}{{/with}}|{{count plugins.x.items}}|{{#each plugins.x.items}}{{count}}{{/each}}",
        )],
        &[],
    );
    let context = json!({"plugins": {"x": {"count": 1, "date": "a_b", "items": [{"count": 7}, {"count": 8}]}}});
    // The fields, escaped as any value is; with parameters, the helper.
    assert_eq!(e.render("t", &context).unwrap(), "1 a\\_b 1|2|78");
}

#[test]
fn a_plugin_that_returned_null_is_named_as_such() {
    let e = engine(&[("t", "Total: {{plugins.x.total}}")], &[]);
    let err = e.render("t", &json!({"plugins": {"x": null}})).unwrap_err();
    assert_eq!(
        err.message,
        "`plugins.x.total`: plugin `x` returned null, not an object with `total`"
    );
    let err = e.render("t", &json!({"plugins": {"x": {}}})).unwrap_err();
    assert!(
        err.message.contains("returned an empty object `{}`"),
        "{err}"
    );
}
