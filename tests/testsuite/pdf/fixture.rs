//! A document exercising every block and inline kind, shared by the PDF tests and the `pdf_fixture` example.
//!
//! Unique tokens mark what the tests look for: `KAZ n/2012` (unbreakable) just
//! before the reference of footnote n, `HRC/nnn/2012` at the start of footnote n, `95.nn`
//! in table row nn, `ANCHOR-name` where an anchor is.

#![allow(dead_code)]

use hrdraft::document::{
    Align, Block, Column, Document, Footnote, Inline, LinesRole, Metadata, PageSettings, Table,
};

/// Footnotes referenced from the body text; one more is referenced from a table cell.
pub const BODY_NOTES: usize = 34;
pub const NOTES: usize = BODY_NOTES + 1;
/// The table row whose cell references the last footnote.
pub const NOTE_ROW: usize = 30;
pub const ROWS: usize = 60;
/// The note that is long enough to be split across pages.
pub const LONG_NOTE: usize = 20;

pub fn t(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph {
        content,
        align: Align::Justify,
    }
}

/// The text of footnote `n` (from 1).
pub fn note_text(n: usize) -> String {
    let mut s = format!(
        "HRC/{n:03}/2012, report of the Working Group on the Universal Periodic Review, paragraph {n}."
    );
    if n == LONG_NOTE + 1 {
        for k in 0..60 {
            s.push_str(&format!(
                " Further submission {k} recalls the concluding observations of the treaty body, \
                 the replies of the State party and the follow-up letters sent in the reporting cycle."
            ));
        }
    }
    s
}

/// A paragraph referencing footnotes `notes` (indexes), each after its own token.
fn noted_para(lead: &str, notes: std::ops::Range<usize>) -> Block {
    let mut c = vec![t(lead)];
    for i in notes {
        c.push(t(&format!(
            " The Government was reminded of this in a communication that remains without \
             a substantive reply (KAZ\u{a0}{}/2012).",
            i + 1
        )));
        c.push(Inline::FootnoteRef(i));
    }
    para(c)
}

pub fn fixture() -> Document {
    let mut blocks = vec![
        Block::Lines {
            lines: vec![vec![t("Ref: TG EUR 57/2012.002")], vec![t("Index: EUR 57/005/2012")]],
            align: Align::Start,
            role: LinesRole::Plain,
        },
        Block::Lines {
            lines: vec![
                vec![t("Minister of Foreign Affairs")],
                vec![t("Ministry of Foreign Affairs")],
                vec![t("010000 Astana")],
                vec![t("Kazakhstan")],
            ],
            align: Align::Start,
            role: LinesRole::Address,
        },
        Block::Paragraph {
            content: vec![t("18 October 2012")],
            align: Align::End,
        },
        Block::Heading {
            level: 0,
            content: vec![t("Open letter: candidacy for election to the Human Rights Council")],
        },
        Block::Paragraph {
            content: vec![t("Dear Minister,")],
            align: Align::Start,
        },
        para(vec![
            t("We write on the occasion of your country's candidacy for membership of the Council. "),
            Inline::Emphasis(vec![t("Emphasised words come out in italic")]),
            t(", "),
            Inline::Strong(vec![t("strong words in bold")]),
            t(", "),
            Inline::Underline(vec![t("underlined words with a line")]),
            t(" and "),
            Inline::Link {
                url: "https://www.ohchr.org/en/hr-bodies/hrc".into(),
                content: vec![t("a link to the Council's pages")],
            },
            t(". The annex on reprisals starts on page "),
            Inline::page_ref("annex"),
            t(" and the table of recommendations on page "),
            Inline::page_ref("table"),
            t(".\u{a0}A forced break follows here:"),
            Inline::LineBreak,
            t("and the paragraph goes on after it, justified again until its last line."),
        ]),
        Block::Heading {
            level: 1,
            content: vec![t("Commitments at the international level")],
        },
        Block::Heading {
            level: 2,
            content: vec![t("Ratification of international human rights instruments")],
        },
    ];
    // 34 footnote references spread over paragraphs of different lengths.
    let mut n = 0;
    for (k, count) in [2usize, 3, 1, 4, 2, 3, 1, 2, 3, 4, 2, 1, 3, 2, 1]
        .iter()
        .enumerate()
    {
        let end = (n + count).min(BODY_NOTES);
        if n >= end {
            break;
        }
        blocks.push(noted_para(
            &format!(
                "Paragraph {k} recalls the pledges made before the election and the recommendations \
                 accepted at the review, and asks for a timetable for their implementation."
            ),
            n..end,
        ));
        n = end;
        if k == 3 {
            blocks.push(Block::Heading {
                level: 3,
                content: vec![t("Cooperation with the Special Procedures")],
            });
            blocks.push(Block::List {
                start: None,
                items: vec![
                    vec![para(vec![t(
                        "Issue a standing invitation to all Special Procedures.",
                    )])],
                    vec![
                        para(vec![t(
                            "Accept the pending visit requests, in particular that of the \
                             Special Rapporteur on the rights to freedom of peaceful assembly \
                             and of association, and set dates for them.",
                        )]),
                        Block::List {
                            start: Some(1),
                            items: vec![
                                vec![para(vec![t("A nested numbered item.")])],
                                vec![para(vec![t("A second nested item.")])],
                            ],
                        },
                    ],
                ],
            });
            blocks.push(Block::List {
                start: Some(7),
                items: (0..3)
                    .map(|i| {
                        vec![para(vec![t(&format!(
                            "Numbered item starting at seven, entry {i}."
                        ))])]
                    })
                    .collect(),
            });
            blocks.push(Block::Quote(vec![para(vec![t(
                "Members elected to the Council shall uphold the highest standards in the \
                 promotion and protection of human rights and shall fully cooperate with the Council.",
            )])]));
            blocks.push(Block::Rule);
        }
    }
    if n < BODY_NOTES {
        blocks.push(noted_para(
            "A closing paragraph with the remaining references.",
            n..BODY_NOTES,
        ));
    }
    blocks.push(para(vec![
        t("Қазақстан Республикасы: Ә Ғ Қ Ң Ө Ұ Ү Һ І — café, nº 5, 1990–2012, “quoted” and ‘single’, \
           Ελληνικά, Русский текст: права человека и основные свободы."),
    ]));
    blocks.push(Block::Heading {
        level: 1,
        content: vec![t("Recommendations of the review")],
    });
    blocks.push(para(vec![
        Inline::Anchor("table".into()),
        t("ANCHOR-table The table lists every recommendation with its status."),
    ]));
    blocks.push(Block::Table(Box::new(table())));
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading {
        level: 1,
        content: vec![t("Annex: reprisals")],
    });
    blocks.push(para(vec![
        t("ANCHOR-annex "),
        Inline::Anchor("annex".into()),
        t(
            "Credible allegations of reprisals against those who engage with the United Nations \
           must be investigated promptly and impartially.",
        ),
    ]));
    blocks.push(para(vec![t("Yours sincerely,")]));
    blocks.push(Block::Lines {
        lines: vec![
            vec![t("Deputy Programme Director")],
            vec![t("Europe and Central Asia Regional Programme")],
            vec![Inline::Strong(vec![t("Example Rights Organisation")])],
        ],
        align: Align::Start,
        role: LinesRole::Signature,
    });
    Document {
        meta: Metadata {
            title: "Open letter on the candidacy of Kazakhstan".into(),
            author: "Example Rights Organisation".into(),
            subject: Some("Human Rights Council elections".into()),
            language: "en".into(),
            names: Vec::new(),
            created: 1_350_518_400,
        },
        page: PageSettings::A4,
        letterhead: Default::default(),
        blocks,
        footnotes: (1..=NOTES)
            .map(|n| Footnote {
                blocks: vec![para(vec![t(&note_text(n))])],
            })
            .collect(),
        marks: Vec::new(),
    }
}

/// Text of row `r` (from 1), column 1.
pub fn row_token(r: usize) -> String {
    format!("95.{r:02}")
}

fn table() -> Table {
    let rows = (1..=ROWS)
        .map(|r| {
            let mut text = vec![t(&format!(
                "Strengthen safeguards against torture in places of detention (recommendation {r})"
            ))];
            if r == NOTE_ROW {
                text.push(t(&format!(
                    " as recalled in communication KAZ\u{a0}{NOTES}/2012"
                )));
                text.push(Inline::FootnoteRef(NOTES - 1));
            }
            if r % 17 == 0 {
                text.push(t(&format!(
                    " and report back to the Council on the steps taken to implement it in full, \
                     with data on complaints, investigations and prosecutions for year {r}"
                )));
            }
            vec![
                vec![t(&row_token(r))],
                text,
                vec![t(if r % 3 == 0 { "Accepted" } else { "Noted" })],
            ]
        })
        .collect();
    Table {
        columns: vec![
            Column {
                align: Align::Start,
                width: 1.0,
            },
            Column {
                align: Align::Justify,
                width: 5.0,
            },
            Column {
                align: Align::Center,
                width: 1.5,
            },
        ],
        header: vec![
            vec![t("Ref.")],
            vec![t("Recommendation")],
            vec![t("Response")],
        ],
        rows,
    }
}
