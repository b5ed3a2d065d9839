//! Templates that cannot work, given with `--templates DIR`.

use super::{Sandbox, INVALID};

/// Write template `case` into `tpl/case/` with this body and these partials.
pub fn template(sb: &Sandbox, manifest_extra: &str, body: &str, partials: &[(&str, &str)]) {
    sb.write(
        "tpl/case/template.toml",
        format!(
            "name = \"case\"\ntitle = \"A test case\"\ndescription = \"One bad-input case.\"\n\
             body = \"body.md.hbs\"\n{manifest_extra}\n"
        ),
    );
    sb.write("tpl/case/body.md.hbs", body);
    for (name, source) in partials {
        sb.write(&format!("tpl/case/{name}.hbs"), source);
    }
}

/// `render ds -t case --templates tpl`, refused.
pub fn case_refused(sb: &Sandbox, env: &[(&str, &str)], code: i32, messages: &[&str]) {
    sb.render_refused_env("case", &["--templates", "tpl"], env, code, messages);
}

#[test]
fn an_unclosed_block_is_a_syntax_error_with_its_place() {
    let sb = Sandbox::new();
    template(
        &sb,
        "",
        "Dear Minister,\n\n{{#if country.name}}\nText.\n",
        &[],
    );
    case_refused(
        &sb,
        &[],
        INVALID,
        &[
            "tpl/case/body.md.hbs:5:1: the template cannot be read",
            "close every {{#if}}",
        ],
    );
}

#[test]
fn an_unknown_helper_is_named() {
    let sb = Sandbox::new();
    template(&sb, "", "Dear {{frobnicate country.name}},\n", &[]);
    case_refused(
        &sb,
        &[],
        INVALID,
        &[
            "[tpl/case/body.md.hbs:1:6]",
            "there is no helper named `frobnicate`",
        ],
    );
}

#[test]
fn a_missing_partial_is_named() {
    let sb = Sandbox::new();
    template(&sb, "", "Dear Minister,\n\n{{> nothere}}\n", &[]);
    case_refused(&sb, &[], INVALID, &["there is no partial named `nothere`"]);
}

#[test]
fn partials_including_each_other_stop_at_the_depth_limit() {
    let sb = Sandbox::new();
    template(
        &sb,
        "",
        "Dear Minister,\n\n{{> ping}}\n",
        &[("ping", "ping {{> pong}}"), ("pong", "pong {{> ping}}")],
    );
    case_refused(
        &sb,
        &[],
        INVALID,
        &[
            "partials nest more than 32 deep (ping > pong > ping",
            "a partial probably includes itself",
        ],
    );
}

#[test]
fn a_partial_cannot_be_a_path_out_of_the_template_directory() {
    let sb = Sandbox::new();
    sb.write("secret.hbs", "SECRET");
    template(&sb, "", "Dear Minister,\n\n{{> ../../secret}}\n", &[]);
    case_refused(
        &sb,
        &[],
        INVALID,
        &["there is no partial named `../../secret`"],
    );
    template(&sb, "", "Dear Minister,\n\n{{> /etc/passwd}}\n", &[]);
    case_refused(
        &sb,
        &[],
        INVALID,
        &["there is no partial named `/etc/passwd`"],
    );
}

#[test]
fn a_value_the_context_lacks_is_named() {
    let sb = Sandbox::new();
    template(&sb, "", "Dear {{country.president}},\n", &[]);
    case_refused(
        &sb,
        &[],
        INVALID,
        &["`country.president` is missing from the context"],
    );
}

#[test]
fn a_manifest_with_an_unknown_key_is_refused() {
    let sb = Sandbox::new();
    template(&sb, "colour = \"red\"", "Text.\n", &[]);
    case_refused(&sb, &[], INVALID, &["tpl/case/template.toml", "colour"]);
}

#[test]
fn a_manifest_naming_a_missing_body_is_refused() {
    let sb = Sandbox::new();
    template(&sb, "", "Text.\n", &[]);
    std::fs::remove_file(sb.path("tpl/case/body.md.hbs")).unwrap();
    case_refused(&sb, &[], INVALID, &["body.md.hbs"]);
}

#[test]
fn a_template_name_that_would_leave_the_output_directory_is_refused() {
    let sb = Sandbox::new();
    template(&sb, "", "Text.\n", &[]);
    let manifest = sb
        .read("tpl/case/template.toml")
        .replace("name = \"case\"", "name = \"../case\"");
    sb.write("tpl/case/template.toml", manifest);
    sb.render_refused("../case", &["--templates", "tpl"], INVALID, &["../case"]);
}

#[test]
fn a_page_the_writers_cannot_lay_out_is_refused() {
    let sb = Sandbox::new();
    template(&sb, "[page]\nsize = \"A0\"", "Text.\n", &[]);
    case_refused(
        &sb,
        &[],
        INVALID,
        &["page size \"a0\" is not known: use \"A4\" or \"letter\""],
    );
}

#[test]
fn a_template_that_multiplies_its_output_stops_at_the_size_limit() {
    let sb = Sandbox::new();
    // Six nested loops over the dataset's dozen sections: 12^6 names, far past 1 MiB.
    let open = "{{#each @root.dataset}}".repeat(6);
    let close = "{{/each}}".repeat(6);
    template(
        &sb,
        "",
        &format!("{open}{{{{@root.country.name}}}} {close}\n"),
        &[],
    );
    case_refused(
        &sb,
        &[("HRDRAFT_MAX_DOCUMENT_MB", "1")],
        INVALID,
        &[
            "the document is larger than 1 MiB",
            "HRDRAFT_MAX_DOCUMENT_MB=<MiB>",
        ],
    );
}

#[test]
fn raw_html_from_a_template_is_refused() {
    let sb = Sandbox::new();
    template(
        &sb,
        "",
        "Dear Minister,\n\n<script>alert(1)</script>\n",
        &[],
    );
    case_refused(&sb, &[], INVALID, &["`<script>` is not a layout tag"]);
}

#[test]
fn nesting_past_the_limit_is_refused() {
    let sb = Sandbox::new();
    template(&sb, "", &format!("{}deep\n", "> ".repeat(500)), &[]);
    case_refused(&sb, &[], INVALID, &["nest more than 64 deep"]);
}

#[test]
fn an_unknown_template_is_named_with_the_known_ones() {
    let sb = Sandbox::new();
    sb.render_refused(
        "no-such",
        &[],
        super::USAGE,
        &["no template named `no-such`", "open-letter"],
    );
}

#[test]
fn emphasis_nested_thousands_deep_is_refused_not_a_stack_overflow() {
    // Before the nesting limit, this (and 50,000 nested `>`) overflowed the
    // stack and aborted the process.
    let sb = Sandbox::new();
    let stars = "*".repeat(30_000);
    template(&sb, "", &format!("{stars}x{stars}\n"), &[]);
    case_refused(&sb, &[], INVALID, &["nest more than 64 deep"]);
    template(&sb, "", &format!("{}deep\n", "> ".repeat(50_000)), &[]);
    case_refused(&sb, &[], INVALID, &["nest more than 64 deep"]);
}
