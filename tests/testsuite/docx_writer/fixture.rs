//! The fixture document: every block and inline kind, many notes, a long table.

use hrdraft::document::{
    Align, Block, Column, Document, Footnote, Inline, LinesRole, Metadata, PageSettings, Table,
};

pub const NOTES: usize = 34;
pub const ROWS: usize = 60;
pub const NON_ASCII: &str =
    "Républiqué nº 5 – “the State’s pledges” for Қазақстан, 18 October 2012 — ok.";
/// 18 October 2012, 09:30 UTC.
pub const CREATED: i64 = 1_350_552_600;

pub fn text(s: &str) -> Inline {
    Inline::Text(s.to_owned())
}

pub fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph {
        content,
        align: Align::Justify,
    }
}

pub fn note_text(i: usize) -> String {
    format!("Footnote body {i}: A/HRC/14/10, paragraph {}.", 90 + i)
}

pub fn cell(r: usize, c: usize) -> String {
    format!("r{r}c{c}")
}

/// A document with every block and inline kind, many notes and a long table.
pub fn fixture() -> Document {
    let mut blocks = vec![
        Block::Heading {
            level: 0,
            content: vec![text("Open letter on the candidacy of Kazakhstan")],
        },
        Block::Lines {
            lines: vec![
                vec![text("Minister of Foreign Affairs")],
                vec![text("Ministry of Foreign Affairs")],
                vec![text("Astana, Kazakhstan")],
            ],
            align: Align::Start,
            role: LinesRole::Address,
        },
        Block::Paragraph {
            content: vec![text("18 October 2012")],
            align: Align::End,
        },
        Block::Heading {
            level: 1,
            content: vec![text("Pledges"), Inline::Anchor("sec-pledges".into())],
        },
        para(vec![
            text("Kazakhstan "),
            Inline::Emphasis(vec![text("pledged")]),
            text(" to "),
            Inline::Strong(vec![text("cooperate")]),
            text(" with "),
            Inline::Underline(vec![text("Special Procedures")]),
            text("; see "),
            Inline::Link {
                url: "https://www.ohchr.org/en/hr-bodies/upr?a=1&b=2".into(),
                content: vec![text("the UPR page")],
            },
            text(" and page "),
            Inline::page_ref("annex table"),
            text("."),
            Inline::LineBreak,
            text("A second line."),
        ]),
        Block::Paragraph {
            content: vec![text(NON_ASCII)],
            align: Align::Start,
        },
        Block::Heading {
            level: 2,
            content: vec![text("Recommendations")],
        },
        Block::List {
            start: Some(1),
            items: vec![
                vec![para(vec![text("Ratify OP-CAT.")])],
                vec![
                    para(vec![text("Invite the Special Rapporteurs.")]),
                    Block::List {
                        start: None,
                        items: vec![
                            vec![para(vec![text("on torture")])],
                            vec![para(vec![text("on freedom of expression")])],
                        ],
                    },
                ],
            ],
        },
        Block::List {
            start: Some(5),
            items: vec![vec![para(vec![text("Fifth item.")])]],
        },
        Block::Heading {
            level: 3,
            content: vec![text("Reprisals")],
        },
        Block::Quote(vec![para(vec![text("States shall prevent reprisals.")])]),
        Block::Rule,
    ];
    // Notes 0..NOTES-1 each referred to once from a paragraph of their own,
    // note 3 twice, note 7 from a table cell instead.
    for i in 0..NOTES {
        if i == 7 {
            continue;
        }
        blocks.push(para(vec![
            text(&format!("Paragraph {i} with a note")),
            Inline::FootnoteRef(i),
            text("."),
        ]));
    }
    blocks.push(para(vec![
        text("Again note four"),
        Inline::FootnoteRef(3),
        text("."),
    ]));
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading {
        level: 1,
        content: vec![text("Annex"), Inline::Anchor("annex table".into())],
    });
    let mut rows: Vec<Vec<Vec<Inline>>> = (0..ROWS)
        .map(|r| (0..3).map(|c| vec![text(&cell(r, c))]).collect())
        .collect();
    rows[10][2].push(Inline::FootnoteRef(7));
    blocks.push(Block::Table(Box::new(Table {
        columns: vec![
            Column {
                align: Align::Start,
                width: 1.0,
            },
            Column {
                align: Align::Start,
                width: 3.0,
            },
            Column {
                align: Align::Center,
                width: 2.0,
            },
        ],
        header: vec![
            vec![text("No.")],
            vec![text("Recommendation")],
            vec![text("IRI")],
        ],
        rows,
    })));
    blocks.push(para(vec![text("Yours sincerely,")]));
    blocks.push(Block::Lines {
        lines: vec![
            vec![text("Secretary General")],
            vec![text("Amnesty International")],
        ],
        align: Align::Start,
        role: LinesRole::Signature,
    });
    blocks.push(Block::Lines {
        lines: vec![vec![text("Ref: TG EUR 57/2012.002")]],
        align: Align::Start,
        role: LinesRole::Plain,
    });

    let footnotes = (0..NOTES)
        .map(|i| {
            let mut content = vec![text(&note_text(i))];
            if i == 0 {
                content.push(text(" Source: "));
                content.push(Inline::Link {
                    url: "https://undocs.org/A/67/122".into(),
                    content: vec![text("A/67/122")],
                });
            }
            Footnote {
                blocks: vec![para(content)],
            }
        })
        .collect();

    Document {
        meta: Metadata {
            title: "Open letter <Kazakhstan> & the HRC".into(),
            author: "Amnesty International".into(),
            subject: Some("HRC candidacy".into()),
            language: "en-GB".into(),
            names: Vec::new(),
            created: CREATED,
        },
        page: PageSettings::A4,
        letterhead: Default::default(),
        blocks,
        footnotes,
        marks: Vec::new(),
    }
}

pub fn small_document() -> Document {
    Document {
        meta: Metadata {
            title: "Other".into(),
            names: Vec::new(),
            created: 0,
            ..Metadata::default()
        },
        blocks: vec![
            para(vec![
                text("x"),
                Inline::FootnoteRef(0),
                Inline::FootnoteRef(1),
            ]),
            para(vec![Inline::Link {
                url: "https://example.org".into(),
                content: vec![text("y")],
            }]),
        ],
        footnotes: vec![
            Footnote {
                blocks: vec![para(vec![text("n1")])],
            },
            Footnote {
                blocks: vec![para(vec![text("n2")])],
            },
        ],
        ..Document::default()
    }
}
