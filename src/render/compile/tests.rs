use handlebars::template::{Template, TemplateElement};

use super::{compile, runs, WHOLE_BELOW};
use crate::template::TemplateSet;

/// `template` with empty plain text left out and plain text side by side
/// made one: what renders the same (Handlebars writes nothing for empty
/// text, and indents partials' lines alike across two pieces of text).
/// Plain text's position is left out too: it cannot fail to render, so
/// Handlebars never reports it.
fn normal(mut template: Template) -> Template {
    let elements = std::mem::take(&mut template.elements);
    let mut mapping = std::mem::take(&mut template.mapping).into_iter();
    for mut element in elements {
        let mut place = mapping.next();
        if let TemplateElement::RawString(text) = &element {
            if let Some(place) = &mut place {
                (place.0, place.1) = (0, 0);
            }
            if text.is_empty() {
                continue;
            }
            if let Some(TemplateElement::RawString(before)) = template.elements.last_mut() {
                before.push_str(text);
                continue;
            }
        }
        for inner in super::inner_templates(&mut element) {
            *inner = normal(std::mem::take(inner));
        }
        template.elements.push(element);
        template.mapping.extend(place);
    }
    template
}

/// Compile `source` whole and in pieces; the two must be the same template,
/// positions included, or the same error.
fn same_as_whole(source: &str, name: &str) {
    let whole = Template::compile_with_name(source, name.to_string()).map(normal);
    let pieces = compile(source, name).map(normal);
    match (whole, pieces) {
        (Ok(whole), Ok(pieces)) => {
            if whole != pieces {
                let (w, p) = (format!("{whole:#?}"), format!("{pieces:#?}"));
                let (w, p): (Vec<&str>, Vec<&str>) = (w.lines().collect(), p.lines().collect());
                let at = w
                    .iter()
                    .zip(&p)
                    .position(|(a, b)| a != b)
                    .unwrap_or(w.len().min(p.len()));
                let from = at.saturating_sub(12);
                panic!(
                    "{name} compiled in pieces differs at line {at}:\n--- whole\n{}\n--- in pieces\n{}",
                    w[from..(at + 40).min(w.len())].join("\n"),
                    p[from..(at + 40).min(p.len())].join("\n")
                );
            }
        }
        (Err(whole), Err(pieces)) => assert_eq!(whole.to_string(), pieces.to_string()),
        (whole, pieces) => panic!("{name}: whole {whole:?}, in pieces {pieces:?}"),
    }
}

#[test]
fn every_built_in_source_compiles_in_pieces_as_it_does_whole() {
    let set = TemplateSet::builtin().unwrap();
    let mut cut = Vec::new();
    for template in set.iter() {
        let name = &template.manifest.name;
        let mut sources = vec![(format!("{name} body"), template.body.clone())];
        sources.extend(
            template
                .partials
                .iter()
                .map(|(p, s)| (format!("{name} {p}"), s.clone())),
        );
        for (lang, messages) in &template.messages {
            for (key, source) in messages {
                sources.push((format!("{name} {lang} {key}"), source.clone()));
            }
        }
        for (label, source) in sources {
            same_as_whole(&source, &label);
            if !runs(&source).is_empty() && source.len() >= WHOLE_BELOW {
                cut.push(label);
            }
        }
    }
    // The long sources are the ones worth cutting: each body, and the
    // letter's longest paragraphs, made of blocks side by side.
    for expected in [
        "open-letter body",
        "mia-report body",
        "pledging-questions body",
        "open-letter en special_procedures.paragraph",
        "open-letter en ratification.paragraph",
    ] {
        assert!(
            cut.iter().any(|c| c == expected),
            "{expected} not cut: {cut:?}"
        );
    }
}

#[test]
fn the_example_templates_compile_in_pieces_as_they_do_whole() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut seen = 0;
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "hbs") {
                let source = std::fs::read_to_string(&path).unwrap();
                same_as_whole(&source, &path.display().to_string());
                seen += 1;
            }
        }
    }
    assert!(seen >= 2, "found {seen} example templates");
}

/// A long source built from `part` repeated, each copy numbered so that a
/// misplaced element would show.
fn repeated(part: &str) -> String {
    let mut source = String::new();
    let mut n = 0;
    while source.len() < 3 * WHOLE_BELOW {
        source.push_str(&part.replace("N", &n.to_string()));
        n += 1;
    }
    source
}

#[test]
fn whitespace_around_the_cuts_is_kept_as_whole() {
    let mut cut = 0;
    for part in [
        // Statements standing alone on their lines, whose lines are dropped.
        "{{#if a}}\nText N here\n{{/if}}\n{{#each b}}\n- item N\n{{/each}}\n",
        // Blocks side by side on one line, as in a long message.
        "{{#if a}}One N.{{/if}}{{#unless b}} Two N.{{/unless}}{{#each c}}{{this}} {{/each}}",
        // A block alone at the start of a line, another at its end.
        "{{#if a}}\nx{{/if}}{{#if b}}\ny N{{/if}}\n",
        "Lead N {{#if a}}A{{/if}}{{#if b}}\n  B\n{{/if}}{{c}}\n",
        // Whitespace control on either side.
        "{{#if a~}}\n  N trimmed  \n{{~/if}}{{#if b}} kept {{~/if}}  words N {{~c~}}  more\n",
        // Comments, with braces and blocks inside.
        "{{!-- a {{#if}} comment }} N --}}{{! short N }}Plain text N\n",
        // Strings and path keys holding braces and quotes.
        "{{t \"a }} b\" x='c \" }}'}}{{@root.[plugin-N].[x}}y]}}{{{raw N}}}\n",
        // A raw block: compiled whole.
        "{{{{raw}}}} {{x}} N {{{{/raw}}}} text N\n",
        // Partials, standing alone (indented) and inline.
        "  {{> part}}\ntext N {{> part x=1}} more\n",
        // else and else-if chains inside a block.
        "{{#if a}}A N{{else if b}}B{{else}}C{{/if}}{{#if d}}\nD\n{{^}}\nE\n{{/if}}\n",
        // Lines of every kind, blank and indented, beside standalone blocks.
        "{{#each a}}\n  {{> part}}\n{{/each}}\n\nText N\n{{x}}\n{{#if b}}\n{{y}}\n{{/if}}\n",
        "Intro N\n\n  indented {{x}}\n{{#if c}}\n\n{{/if}}\n   \n{{!-- note --}}\n{{#with d}}\n{{/with}}\n",
        "{{#if a}}\n{{#each b}}{{c}} {{/each}}\n{{else}}\nNone N\n{{/if}}\n",
        // Windows line ends.
        "{{#if a}}\r\nLine N\r\n{{/if}}\r\nword{{x}}word\r\n",
    ] {
        let source = repeated(part);
        same_as_whole(&source, part);
        cut += usize::from(!runs(&source).is_empty());
    }
    // All but the parts that trim whitespace or hold a raw block are cut.
    assert!(cut >= 10, "{cut} cut");
}

#[test]
fn long_sources_are_cut_and_positions_kept() {
    let source = repeated("{{#if a}}\nText N here\n{{/if}}\n{{x}}{{y}} and z\n");
    assert!(runs(&source).len() >= 4, "{:?}", runs(&source));
    let pieces = compile(&source, "t").unwrap();
    let last = pieces.mapping.last().unwrap();
    let lines = source.lines().count();
    assert!(
        last.0 >= lines - 1,
        "last element on line {}, of {lines}",
        last.0
    );
}

#[test]
fn a_broken_source_reports_the_error_handlebars_gives_whole() {
    for broken in [
        // Unclosed block in the last piece.
        format!("{}{{{{#if a}}}}never closed", repeated("{{x}} words N\n")),
        // A bad statement in the middle.
        format!(
            "{}{{{{#if}}}}{}",
            repeated("{{x}} words N\n"),
            repeated("more N\n")
        ),
        // A close with no open.
        format!(
            "{}{{{{/each}}}}{}",
            repeated("{{x}} words N\n"),
            repeated("more N\n")
        ),
        // A statement never ended.
        format!("{}{{{{x words", repeated("{{x}} words N\n")),
    ] {
        assert!(compile(&broken, "t").is_err());
        same_as_whole(&broken, "broken");
    }
}
