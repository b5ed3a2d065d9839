//! A small open letter through the whole pipeline: template → Markdown → document → HTML.

use hrdraft::document::{parse, Block, Inline};
use hrdraft::render::Engine;
use hrdraft::write::{writer, WriteOptions};
use serde_json::json;

const LETTER: &str = r#"<div class="address">

{{minister.name}}
{{minister.title}}

</div>

<div class="right">

{{date letter_date}}

</div>

Dear {{minister.salutation}},

## <a id="upr"></a>Engagement with the Universal Periodic Review

During the UPR of {{country}} in 2010,{{cite "a-hrc-14-10"}} your government accepted
{{number_words (count recs)}} {{plural (count recs) "recommendation" "recommendations"}}
made by {{join (lookup recs_by "states")}}.{{#footnote}}{{citation "a-hrc-14-10" short=true paragraph=recs_para}}.{{/footnote}}

| Recommendation | State |
|---|---|
{{#each recs}}
| {{id}} | {{state}} |
{{/each}}
{{> closing}}
"#;

const CLOSING: &str =
    "We would be pleased to receive your comments (see page {{pageref \"upr\"}}).\n";

#[test]
fn open_letter_reads_as_written() {
    let mut e = Engine::new();
    e.register_template("letter", LETTER).unwrap();
    e.register_partial("closing", CLOSING).unwrap();
    let ctx = json!({
        "minister": {"name": "Erlan Idrissov", "title": "Minister of Foreign Affairs", "salutation": "Minister"},
        "letter_date": "2012-10-18",
        "country": "Kazakhstan",
        "recs": [
            {"id": "95.42", "state": "Australia"},
            {"id": "95.43", "state": "Algeria"},
            {"id": "95.44", "state": "Germany"}
        ],
        "recs_by": {"states": ["Australia", "Algeria", "Germany"]},
        "recs_para": "recommendations 95.42 (Australia), 95.43 (Algeria) and 95.44 (Germany)",
        "dataset": {"sources": [
            {"id": "a-hrc-14-10", "title": "Report of the Working Group on the Universal Periodic Review, Kazakhstan",
             "symbol": "A/HRC/14/10", "date": "2010-03-23"}
        ]}
    });
    let md = e.render("letter", &ctx).unwrap();
    let doc = parse(&md).unwrap();

    let Block::Lines { lines, .. } = &doc.blocks[0] else {
        panic!("{md}")
    };
    assert_eq!(lines.len(), 2);
    let Block::Paragraph { content, .. } = &doc.blocks[4] else {
        panic!("{md}")
    };
    assert_eq!(
        Inline::plain_text(content),
        "During the UPR of Kazakhstan in 2010, your government accepted three recommendations made by Australia, Algeria and Germany."
    );
    let Block::Table(t) = &doc.blocks[5] else {
        panic!("{md}")
    };
    assert_eq!(t.rows.len(), 3);
    let Block::Paragraph { content, .. } = &doc.blocks[6] else {
        panic!("{md}")
    };
    assert!(content.contains(&Inline::page_ref("upr")));
    let notes: Vec<String> = doc
        .footnotes
        .iter()
        .map(|f| match &f.blocks[..] {
            [Block::Paragraph { content, .. }] => Inline::plain_text(content),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        notes,
        [
            "Report of the Working Group on the Universal Periodic Review, Kazakhstan, 23 March 2010 (A/HRC/14/10).",
            "A/HRC/14/10, recommendations 95.42 (Australia), 95.43 (Algeria) and 95.44 (Germany).",
        ]
    );
    let html = writer("html")
        .unwrap()
        .write(&doc, &WriteOptions::default())
        .unwrap();
    let html = String::from_utf8(html).unwrap();
    assert!(
        html.contains("<p class=\"end\">18 October 2012</p>"),
        "{html}"
    );
}
