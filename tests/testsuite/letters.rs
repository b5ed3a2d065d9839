//! The open letter of every example dataset, drafted as PDF, DOCX and HTML and
//! read back from each: the wording each dataset's patterns call for is
//! there, in all three, and the wording they rule out is not.
//!
//! Each example shows patterns of its own (see the comment at the top of its
//! country.toml): a State without pledges (norvania), a name taking "the" and
//! a letter in the United States style (federated-isles), instruments signed
//! only or regional, and pledges outside a UN document (marelia), the
//! author's own paragraphs and a section left out (brevonia). Every letter
//! speaks only of what was known on its date, so facts dated after it must
//! not appear.
//!
//! Texts are compared with every run of whitespace made one space and curly
//! apostrophes made straight, so that line breaks in the PDF and the
//! typography of apostrophes do not matter.

#[allow(dead_code)]
use crate::documents::read;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Mutex, OnceLock};

use crate::support::root;

fn hrdraft(args: &[&str], paths: &[&Path]) -> Output {
    let mut cmd = crate::support::hrdraft();
    cmd.args(args);
    for p in paths {
        cmd.arg(p);
    }
    cmd.env("NO_COLOR", "1");
    cmd.output().expect("hrdraft runs")
}

/// `template`'s Markdown for `dataset` in `lang` (`hrdraft context
/// --markdown`), escapes removed and normalised as [`normalise`] does.
fn markdown(dataset: &Path, template: &str, lang: &str) -> String {
    let out = hrdraft(
        &["context", "-t", template, "--lang", lang, "--markdown"],
        &[dataset],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    normalise(&String::from_utf8_lossy(&out.stdout).replace('\\', ""))
}

/// The Markdown of `template` drafted from `dataset` as of `date` (`--as-of`).
fn markdown_as_of(dataset: &Path, template: &str, date: &str) -> String {
    let out = hrdraft(
        &["context", "-t", template, "--as-of", date, "--markdown"],
        &[dataset],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    normalise(&String::from_utf8_lossy(&out.stdout).replace('\\', ""))
}

/// A copy in `dir` of example `name` with `from` replaced by `to`, once,
/// in its `file`; `from` must be there, so that no edit is silently lost.
fn example_edited(name: &str, dir: &Path, file: &str, from: &str, to: &str) -> PathBuf {
    crate::support::example_copy(name, dir, |f, text| {
        if f == file {
            assert!(text.contains(from), "{name}/{file} lacks {from:?}");
            text.replacen(from, to, 1)
        } else {
            text
        }
    })
}

/// Whitespace runs made one space, curly apostrophes and single quotes made
/// straight.
fn normalise(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A letter's text as one format gives it back.
enum Text {
    /// DOCX and HTML: the whole text, normalised.
    Flat(String),
    /// PDF: each page's text, normalised and without whitespace (lines are
    /// justified, and a symbol such as "CAT/C/XBV/CO/3" may break after a
    /// slash). A page ends with its footnotes and its number, so a sentence
    /// that runs over a page break is found in two pieces: the start on one
    /// page, the rest at the top of the next.
    Pages(Vec<String>),
}

impl Text {
    /// Where `phrase` first occurs, as an offset in the whole text.
    fn find(&self, phrase: &str) -> Option<usize> {
        match self {
            Text::Flat(text) => text.find(&normalise(phrase)),
            Text::Pages(pages) => {
                let phrase = read::squash(&normalise(phrase));
                let mut offset = 0;
                for (i, page) in pages.iter().enumerate() {
                    if let Some(at) = page.find(&phrase) {
                        return Some(offset + at);
                    }
                    if let Some(next) = pages.get(i + 1) {
                        // The start must end the page's body: what follows
                        // it on the page is a footnote's number or the
                        // page's.
                        for (k, _) in phrase.char_indices().skip(1) {
                            if !next.starts_with(&phrase[k..]) {
                                continue;
                            }
                            let start = &phrase[..k];
                            let ends_body = |at: &usize| {
                                page[at + start.len()..]
                                    .chars()
                                    .next()
                                    .is_none_or(|c| c.is_ascii_digit())
                            };
                            if let Some((at, _)) =
                                page.match_indices(start).find(|(at, _)| ends_body(at))
                            {
                                return Some(offset + at);
                            }
                        }
                    }
                    offset += page.len();
                }
                None
            }
        }
    }

    /// The text, for messages.
    fn show(&self) -> String {
        match self {
            Text::Flat(text) => text.clone(),
            Text::Pages(pages) => pages.join(" | "),
        }
    }
}

/// An open letter as each format reads back.
struct Letter {
    dataset: String,
    /// (format, text)
    texts: Vec<(&'static str, Text)>,
}

impl Letter {
    /// `render DATASET -t open-letter -f pdf -f docx -f html` (with `extra`
    /// arguments), then every file read back.
    fn draft(dataset: &str, extra: &[&str]) -> Result<Letter, String> {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut args = vec![
            "render",
            "-t",
            "open-letter",
            "-f",
            "pdf",
            "-f",
            "docx",
            "-f",
            "html",
        ];
        args.extend_from_slice(extra);
        args.push("-o");
        let out = hrdraft(&args, &[tmp.path(), &root().join("examples").join(dataset)]);
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        let paths: Vec<PathBuf> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(PathBuf::from)
            .collect();
        let find = |ext: &str| {
            paths
                .iter()
                .find(|p| p.extension().is_some_and(|e| e == ext))
                .unwrap_or_else(|| panic!("{dataset}: no .{ext} written: {paths:?}"))
                .clone()
        };

        let pdf = {
            let bytes = std::fs::read(find("pdf")).expect("the PDF is there");
            pdf_extract::extract_text_from_mem_by_pages(&bytes)
                .expect("pdf-extract reads the PDF")
                .iter()
                .map(|page| read::squash(&normalise(page)))
                .collect()
        };
        let docx = {
            let parts = read::docx_parts(&find("docx"));
            let mut text = read::docx_paragraphs(&parts).join("\n");
            if parts.contains_key("word/footnotes.xml") {
                for note in read::docx_footnotes(&parts).into_values() {
                    text.push('\n');
                    text.push_str(&note);
                }
            }
            text
        };
        let html = read::html_texts(&read::html(&find("html")), "body").join("\n");
        Ok(Letter {
            dataset: dataset.to_string(),
            texts: vec![
                ("pdf", Text::Pages(pdf)),
                ("docx", Text::Flat(normalise(&docx))),
                ("html", Text::Flat(normalise(&html))),
            ],
        })
    }

    /// Every format has `phrase`.
    fn has(&self, phrase: &str) -> &Self {
        for (format, text) in &self.texts {
            assert!(
                text.find(phrase).is_some(),
                "{}: the {format} letter lacks {phrase:?}:\n{}",
                self.dataset,
                text.show()
            );
        }
        self
    }

    /// No format has `phrase`.
    fn lacks(&self, phrase: &str) -> &Self {
        for (format, text) in &self.texts {
            assert!(
                text.find(phrase).is_none(),
                "{}: the {format} letter has {phrase:?}:\n{}",
                self.dataset,
                text.show()
            );
        }
        self
    }

    /// In every format, `first` comes before `then` (each where it first occurs).
    fn before(&self, first: &str, then: &str) -> &Self {
        for (format, text) in &self.texts {
            let a = text.find(first);
            let b = text.find(then);
            assert!(
                a.is_some() && b.is_some() && a < b,
                "{}: in the {format} letter {first:?} (at {a:?}) should come before {then:?} (at {b:?})",
                self.dataset
            );
        }
        self
    }

    /// In every format, `phrase` comes after `after` and before `until`:
    /// within a section, given its heading and the next one.
    fn within(&self, phrase: &str, after: &str, until: &str) -> &Self {
        self.before(after, phrase).before(phrase, until)
    }
}

/// Each example's letter, drafted once for all the tests that read it.
/// The letters drafted so far, by dataset and extra arguments.
type Drafted = HashMap<(&'static str, Vec<&'static str>), &'static Letter>;

fn letter(dataset: &'static str, extra: &'static [&'static str]) -> &'static Letter {
    static LETTERS: OnceLock<Mutex<Drafted>> = OnceLock::new();
    let mut cache = LETTERS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    cache.entry((dataset, extra.to_vec())).or_insert_with(|| {
        let letter = Letter::draft(dataset, extra)
            .unwrap_or_else(|e| panic!("render {dataset} open-letter failed:\n{e}"));
        Box::leak(Box::new(letter))
    })
}

/// The section headings of the open letter, in order.
const INTERNATIONAL: &str = "Commitments at the international level";
const RATIFICATION: &str = "Ratification of international human rights instruments";
const SPECIAL_PROCEDURES: &str = "Cooperation with the Special Procedures";
const TREATY_BODIES: &str = "Cooperation with the treaty monitoring bodies";
const UPR: &str = "Engagement with the Universal Periodic Review";
const COUNCIL: &str = "Participation in the deliberations of the Human Rights Council";
const NATIONAL: &str = "Commitments at the national level";

/// What every letter of a State that submitted pledges says, and does not.
fn pledged(l: &Letter) {
    l.has("We welcome your submission of election pledges to promote and protect human rights at the national and international levels")
        .has("On the occasion of")
        .has("we take the opportunity to comment on your election pledges")
        .has("We welcome the pledges and commitments already made by")
        .lacks("appears not to have submitted any election pledges")
        .lacks("urge your government to use the occasion of its candidacy to submit election pledges");
}

// ---------------------------------------------------------------------------
// Kazakhstan: the model letter of 18 October 2012 (seed 000).

#[test]
fn kazakhstan_the_model_letter() {
    let l = letter("kazakhstan", &[]);
    pledged(l);
    l.has("Ref: TG EUR 57/2012.002")
        .has("AI Index: EUR 57/005/2012")
        .has("18 October 2012")
        .has("Dear Minister,")
        .has("OPEN LETTER: KAZAKHSTAN'S CANDIDACY FOR ELECTION TO THE UN HUMAN RIGHTS COUNCIL")
        .has("as indicated in the Annex to the letter dated 6 June 2012 from the Permanent Representative of Kazakhstan to the United Nations addressed to the President of the General Assembly")
        // A pledge document circulated by the UN is not to be published.
        .lacks("do not appear to have been circulated as a United Nations document")
        // The instruments documents.toml lists, in its order.
        .has("in particular the Second Optional Protocol to the International Covenant on Civil and Political Rights, aiming at the abolition of the death penalty, and the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights")
        .has("We note your intention to promote the effective implementation of the mandates of the Special Procedures.")
        // Seed 000's sentence, then the standing invitation as calling for
        // the visit urged to be accepted.
        .has("In that spirit, we urge you to facilitate without delay the visit requested by the Special Rapporteur on the rights to freedom of peaceful assembly and of association. As Kazakhstan has extended a standing invitation to the Special Procedures, their requests to visit should be accepted promptly.")
        .lacks("We welcome the standing invitation Kazakhstan")
        .has("following their visits to Kazakhstan in 2009")
        // The author's paragraphs: one in place of the accepted UPR
        // recommendations, one after the national commitments.
        .has("your government accepted recommendations to strengthen safeguards against torture")
        .lacks("accepted eleven recommendations")
        .within(
            "We call on you to ensure that Kazakhstan's human rights institutions fully comply with the Paris Principles",
            "We note your commitments to work towards gradual abolition of the death penalty",
            "We welcome the pledges and commitments already made by Kazakhstan",
        )
        // The housing rapporteur's visit, recalled after the 2009 visits.
        .has("and by the Special Rapporteur on adequate housing as a component of the right to an adequate standard of living, and on the right to non-discrimination in this context, following the visit in 2010")
        // Nothing dated after 18 October 2012: not the mid-term assessment
        // of 3 December 2012 nor what stakeholders found in it, not the
        // communications and reprisals of 2022 and 2024.
        .lacks("Mid-term Implementation Assessment")
        .lacks("3 December 2012")
        .lacks("not implemented")
        .lacks("KAZ 1/2022")
        .lacks("KAZ 2/2024")
        .lacks("We are concerned about reports of")
        // One note for the three visits recalled, not one each.
        .lacks("2009.4,5");
    for heading in [
        INTERNATIONAL,
        RATIFICATION,
        SPECIAL_PROCEDURES,
        TREATY_BODIES,
        UPR,
        COUNCIL,
        NATIONAL,
    ] {
        l.has(heading);
    }
    // Known only after 18 October 2012: the mid-term assessment of
    // 3 December 2012, the reprisal cases of 2022, the communications of
    // 2022 and 2024.
    l.lacks("the stakeholders who assessed")
        .lacks("Kazakhstan Mid-term Implementation Assessment")
        .lacks("We are concerned about reports of")
        .lacks("AL KAZ 2/2024")
        .lacks("AL KAZ 1/2022")
        .lacks("Taldykorgan");
}

// ---------------------------------------------------------------------------
// Valdoria: a party to every instrument, nothing outstanding.

#[test]
fn valdoria_nothing_outstanding() {
    let l = letter("valdoria", &[]);
    pledged(l);
    l.has("OPEN LETTER: VALDORIA'S CANDIDACY")
        .has("1 September 2025")
        .has("We welcome the fact that Valdoria is a party to all the core international human rights instruments and their optional protocols.")
        .has("as indicated in the annex to the note verbale dated 3 June 2025 from the Permanent Mission of Valdoria")
        // The pledge speaks of the standing invitation: not named again.
        .has("We note your pledge to maintain the standing invitation to all Special Procedures")
        .lacks("We welcome the standing invitation Valdoria")
        .lacks("still outstanding")
        .lacks("We welcome your signature of the")
        .lacks("facilitate without delay")
        .lacks("We are concerned about reports of")
        // Five of the ten accepted have no paragraph: the groups named are
        // not all, and the sentence says how many there are.
        .has("your government supported ten recommendations, including two on justice, one on freedom of opinion and expression, one on women's rights and one on the rights of the child.")
        // Of the two accepted recommendations found not implemented, the
        // UPR paragraph names the one it cites by number; the national
        // section names only the other, by its first issue.
        .has("At the mid-term of the review cycle, the stakeholders who assessed it found that your government had not implemented the recommendation on freedom of opinion and expression.")
        .has("We call on you to implement the recommendation on police and security forces that you supported at the Universal Periodic Review and that stakeholders found not implemented.")
        .lacks("recommendations on freedom of opinion and expression, impunity")
        // A section holding only a pledge ends asking for it, as every
        // section of the series does.
        .within(
            "Quechua-Valdoriano.” We urge you to fulfil this commitment.",
            "Cooperation with the treaty monitoring bodies",
            "Engagement with the Universal Periodic Review",
        );
}

/// A section with more to ask than its pledges asks that, not this.
#[test]
fn a_section_with_more_than_pledges_does_not_ask_to_fulfil_them() {
    letter("kazakhstan", &[]).lacks("We urge you to fulfil");
    letter("federated-isles", &[])
        .has("fourth Universal Periodic Review. We urge you to fulfil this commitment.");
}

// ---------------------------------------------------------------------------
// Norvania: no pledges; a previous letter; visits before and after the
// letter of 24 September 2019.

#[test]
fn norvania_a_state_without_pledges() {
    let l = letter("norvania", &[]);
    l.has("24 September 2019")
        .has("OPEN LETTER: NORVANIA'S CANDIDACY FOR ELECTION TO THE UN HUMAN RIGHTS COUNCIL")
        .has("We write on the occasion of your country's candidacy for membership of the UN Human Rights Council in the elections scheduled for 17 October 2019.")
        .has("Norvania appears not to have submitted any election pledges, although we encouraged your government to do so in our letter of 14 May 2019.")
        .has("It is established practice for candidate States to submit such pledges before the elections")
        .has("We regret this, and we urge your government to submit its pledges without further delay.")
        .has("we take the opportunity to suggest a number of actions your government can take, expressed as election pledges and commitments to promote and protect human rights at the national and international levels.")
        .has("We therefore urge your government to use the occasion of its candidacy to submit election pledges that include the elements listed above")
        .lacks("We welcome your submission of election pledges")
        .lacks("we take the opportunity to comment on your election pledges")
        .lacks("We welcome the pledges and commitments already made")
        .lacks("We note your");
}

#[test]
fn norvania_instruments_chosen_by_the_author() {
    let l = letter("norvania", &[]);
    l.within(
        "in particular the International Convention for the Protection of All Persons from Enforced Disappearance and the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families.",
        RATIFICATION,
        SPECIAL_PROCEDURES,
    )
    // Outstanding too, but not among the instruments documents.toml lists.
    .lacks("Optional Protocol to the International Covenant on Economic, Social and Cultural Rights")
    .lacks("on a communications procedure");
}

#[test]
fn norvania_standing_invitation_and_visits() {
    let l = letter("norvania", &[]);
    l.within(
        "We welcome the standing invitation Norvania extended to the Special Procedures in 2001.",
        SPECIAL_PROCEDURES,
        TREATY_BODIES,
    )
    .has("In line with that invitation, we urge you to facilitate without delay the visit requested by the Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression.")
    // outstanding = false: welcomed, its recommendations not recalled.
    .has("We welcome the visit to Norvania of the Special Rapporteur on the right to education in 2011.")
    // outstanding = true: recalled.
    .has("remind you of the recommendations made by the Special Rapporteur on the human rights of migrants, following the visit to Norvania in 2014, and by the Working Group on Arbitrary Detention, following the visit in 2017.")
    .has("A/HRC/29/998/Add.1")
    .has("A/HRC/36/998/Add.2")
    .lacks("A/HRC/20/998/Add.3");
}

#[test]
fn norvania_two_visit_reports_cited_legibly() {
    let l = letter("norvania", &[]);
    let (_, html) = l
        .texts
        .iter()
        .find(|(format, _)| *format == "html")
        .expect("html");
    let html = html.show();
    assert!(
        !html.contains("following the visit in 2017.34"),
        "two note references read as note 34: {html}"
    );
    // The two mission reports recalled at one place are one note.
    assert!(
        html.contains("(A/HRC/29/998/Add.1); Report of the Working Group on Arbitrary Detention"),
        "{html}"
    );
}

#[test]
fn norvania_nothing_after_the_letters_date() {
    let l = letter("norvania", &[]);
    // The visit of February 2020, requested in November 2019.
    l.lacks("rights of indigenous peoples")
        .lacks("A/HRC/45/998/Add.1")
        .lacks("Sámavi")
        // The CERD concluding observations of 6 December 2019.
        .lacks("Committee on the Elimination of Racial Discrimination")
        .lacks("CERD/C/XNR/CO/21-23")
        .lacks("rental housing")
        .lacks("6 December 2019")
        // The mid-term assessment of 15 June 2020.
        .lacks("the stakeholders who assessed")
        .lacks("Mid-term Implementation Assessment")
        .lacks("15 June 2020")
        .lacks("that stakeholders found not implemented");
    // What was known is there: the 2015 observations and the 2016 review.
    l.has("We urge you to implement the 2015 recommendations by the Human Rights Committee")
        // No pledge gave the abbreviation: it is spelled out on first use.
        .has("During the Universal Periodic Review (UPR) of Norvania in 2016,")
        // The recommendations of the sentence cited in one note, in the
        // report's order.
        .has("A/HRC/33/998, recommendations 128.12 (Aurelia), 128.40 (Costa Serena), and 128.41 (Kelmar Islands).");
}

// ---------------------------------------------------------------------------
// The United Federated Isles: "the", a United States letter, a note verbale.

#[test]
fn federated_isles_a_name_with_the() {
    let l = letter("federated-isles", &[]);
    pledged(l);
    l.has("OPEN LETTER: THE UNITED FEDERATED ISLES' CANDIDACY FOR ELECTION TO THE UN HUMAN RIGHTS COUNCIL")
        .has("On the occasion of the United Federated Isles' candidacy")
        .has("We welcome the pledges and commitments already made by the United Federated Isles,")
        .has("remind you of the recommendations made by the Special Rapporteur on the right to food, following the visit to the United Federated Isles in 2017.")
        .lacks("Isles's")
        .lacks("ISLES'S")
        .lacks("of United Federated Isles")
        .lacks("by United Federated Isles");
}

/// A member standing again (candidacy.toml's `previous_terms` ends the year
/// before the term it stands for), in English and in Russian.
#[test]
fn federated_isles_a_sitting_member_standing_again_keeps_the_series_wording() {
    // The series' letter to a sitting member standing again speaks of its
    // "candidacy for election" and "for membership", as to any candidate,
    // and says nothing of its current term.
    let l = letter("federated-isles", &[]);
    l.has("OPEN LETTER: THE UNITED FEDERATED ISLES' CANDIDACY FOR ELECTION TO THE UN HUMAN RIGHTS COUNCIL")
        .has("We write on the occasion of your country's candidacy for membership of the UN Human Rights Council in the elections scheduled for 10 October 2023.")
        .lacks("re-election")
        .lacks("As a member of the Council since");
    let dataset = root().join("examples/federated-isles");
    let questions = markdown(&dataset, "pledging-questions", "en");
    assert!(
        questions.contains("for taking part in the event and presenting their country's candidature to the Human Rights Council."),
        "{questions}"
    );
    let ru = markdown(&dataset, "open-letter", "ru");
    assert!(
        ru.contains("КАНДИДАТУРА ВАШЕЙ СТРАНЫ НА ВЫБОРАХ В СОВЕТ ООН ПО ПРАВАМ ЧЕЛОВЕКА"),
        "{ru}"
    );
    assert!(!ru.contains("переизбрание"), "{ru}");
    assert!(!ru.contains("является членом Совета"), "{ru}");
}

/// The Russian letter: a year is not followed by a second full stop ("в
/// 2015 г.."), and one mandate holder is named in the singular.
#[test]
fn ostravia_in_russian_a_year_and_one_mandate_holder() {
    let md = markdown(&root().join("examples/ostravia"), "open-letter", "ru");
    assert!(
        md.contains("Мы приветствуем постоянное приглашение, направленное Вашей страной специальным процедурам в 2015 г. Пользуясь случаем"),
        "{md}"
    );
    assert!(!md.contains("г.."), "{md}");
    assert!(
        md.contains("по итогам посещения страны следующим мандатарием: «Working Group on Arbitrary Detention»"),
        "{md}"
    );
}

#[test]
fn federated_isles_a_united_states_letter() {
    let l = letter("federated-isles", &[]);
    l.has("Ref: IHRA-UN-2023-014")
        .has("Index: UN 14/2023")
        .has("The Honorable Delphine R. Castellanos-Achebe")
        .has("Secretary of External Affairs")
        .has("September 18, 2023")
        .lacks("18 September 2023")
        .has("Dear Madam Secretary,")
        .lacks("Dear Secretary Castellanos-Achebe:")
        .lacks("Dear Minister,")
        // Only the dateline: the body and the notes keep the day first, as
        // the series' letter to the United States does and as UN documents
        // are cited.
        .has("in the elections scheduled for 10 October 2023.")
        .lacks("October 10, 2023")
        .has("Mission to the United Federated Isles, 10 January 2018 (A/HRC/37/998/Add.1).")
        .lacks("January 10, 2018");
}

#[test]
fn federated_isles_pledges_in_a_note_verbale() {
    let l = letter("federated-isles", &[]);
    l.has("as indicated in the Annex to the note verbale dated 12 June 2023 from the Permanent Mission of the United Federated Isles to the United Nations addressed to the President of the General Assembly.")
        .lacks("do not appear to have been circulated as a United Nations document")
        // `called` and `clause`.
        .within(
            "We welcome your pledge to ratify the International Convention for the Protection of All Persons from Enforced Disappearance during your term of membership.",
            RATIFICATION,
            SPECIAL_PROCEDURES,
        )
        .within(
            "We note your intention to cooperate fully with the Special Procedures and to reply to their communications within sixty days.",
            SPECIAL_PROCEDURES,
            TREATY_BODIES,
        )
        .within(
            "We note your commitment to submit your outstanding periodic reports to the treaty bodies by the end of 2024.",
            TREATY_BODIES,
            UPR,
        )
        .within(
            "We note your commitment to present a voluntary mid-term report on the recommendations of your fourth Universal Periodic Review.",
            UPR,
            COUNCIL,
        )
        .within(
            "We note your pledge that, if re-elected, you will champion at the Council the human rights of people displaced by climate change.",
            COUNCIL,
            NATIONAL,
        )
        .has("We note your commitments to establish a national human rights institution in full compliance with the Paris Principles by the end of 2025 and to maintain your moratorium on executions.")
        // Pledged, so not urged; excluded by documents.toml, so not named.
        .has("We also encourage you to ratify the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights; the Second Optional Protocol")
        .lacks("still outstanding, in particular the International Convention for the Protection of All Persons from Enforced Disappearance")
        .lacks("Migrant Workers")
        .lacks("on a communications procedure");
}

#[test]
fn federated_isles_no_standing_invitation() {
    let l = letter("federated-isles", &[]);
    l.within(
        "We further encourage you to extend a standing invitation to the Special Procedures.",
        SPECIAL_PROCEDURES,
        TREATY_BODIES,
    )
    .has("facilitate without delay the visit requested by the Special Rapporteur on the human rights to safe drinking water and sanitation (pending since 2019), and to set dates for the visit you have agreed to receive from the Special Rapporteur on the human rights of internally displaced persons.")
    .lacks("We also urge you to set dates")
    .lacks("We welcome the standing invitation");
}

#[test]
fn federated_isles_a_report_overdue_since_a_day() {
    let l = letter("federated-isles", &[]);
    l.has("the combined fifth and sixth periodic reports to the Committee on the Rights of the Child, overdue since 15 May 2021")
        .lacks("due in 15 May 2021");
}

// ---------------------------------------------------------------------------
// Marelia: signed-only and regional instruments, pledges outside a UN
// document, a ratification after the letter of 30 September 2015.

#[test]
fn marelia_pledges_outside_a_un_document() {
    let l = letter("marelia", &[]);
    pledged(l);
    l.has("as indicated in the document setting out your pledges that your Ministry of Foreign Relations shared with our organisations on 2 September 2015.")
        .has("As they do not appear to have been circulated as a United Nations document, we encourage your government to publish them on the Human Rights Council's elections page")
        // Named in the text, not footnoted: the UN did not circulate it.
        .lacks("Voluntary pledges and commitments of the Republic of Marelia")
        .lacks("from the Permanent Representative of Marelia")
        .lacks("from the Permanent Mission of Marelia");
}

#[test]
fn marelia_signed_and_regional_instruments() {
    let l = letter("marelia", &[]);
    // The regional pledge in the ratification paragraph, before the
    // signatures it precedes and before the Special Procedures.
    l.within(
        "We welcome your commitment to ratify the Austral Convention on the Prevention, Punishment and Eradication of Violence against Women before the end of 2016.",
        RATIFICATION,
        SPECIAL_PROCEDURES,
    )
    .before(
        "We welcome your commitment to ratify the Austral Convention",
        "Marelia signed the",
    )
    // Signed only (the CRPD as it stood on the letter's date), years before
    // the letter: no news to welcome, but ratification urged without delay.
    .within(
        "Marelia signed the Convention on the Rights of Persons with Disabilities in 2008, the Optional Protocol to the Convention against Torture in 2010 and the International Convention for the Protection of All Persons from Enforced Disappearance in 2011 but has not yet ratified them; we urge you to do so without further delay, in line with the recommendation on the Convention on the Rights of Persons with Disabilities that your government supported during the Universal Periodic Review in 2014.",
        RATIFICATION,
        SPECIAL_PROCEDURES,
    )
    // Three instruments left, one recommended: one sentence.
    .has("We also encourage you to ratify the Optional Protocol to the Convention on the Rights of the Child on a communications procedure and the Optional Protocol to the Convention on the Rights of Persons with Disabilities, as well as the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families, in line with the recommendation your government supported at the same review.")
    // The regional convention is pledged: not welcomed as a signature, not urged.
    .lacks("signature of the Austral Convention")
    .lacks("the Austral Convention on the Prevention, Punishment and Eradication of Violence against Women and urge");
}

/// A regional convention the State withdrew from is regretted, and a
/// letter dated before the withdrawal does not know of it.
#[test]
fn marelia_a_denounced_regional_convention() {
    let md = markdown(&root().join("examples/marelia"), "open-letter", "en");
    assert!(
        md.contains("We regret your government's withdrawal from the Austral Convention on Human Rights, which took effect in 2013, and urge you to ratify it again."),
        "{md}"
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "marelia",
        tmp.path(),
        "treaties.toml",
        "denounced = 2013-09-10",
        "denounced = 2016-09-10",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(!md.contains("withdrawal from"), "{md}");
}

/// A pinned instrument the State is party to: its reservations and
/// declarations are asked to be withdrawn, each called what it is, and the
/// declaration the Protocol on children in armed conflict requires is not.
#[test]
fn kestria_reservations_and_declarations_to_withdraw() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = crate::support::example_copy("kestria", tmp.path(), |file, text| {
        match file {
        "documents.toml" => text.replacen(
            "copy_to = ",
            "instruments = [\"CEDAW\", \"OP-CRC-AC\", \"CRC\"]\ncopy_to = ",
            1,
        ),
        "treaties.toml" => text.replacen(
            "treaty = \"OP-CRC-AC\"\nstatus = \"no-action\"",
            "treaty = \"OP-CRC-AC\"\nstatus = \"party\"\nratified = 2015-03-02\nreservations = [\"Binding declaration under art. 3: 18 years\"]",
            1,
        ),
        _ => text,
    }
    });
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("We also urge you to withdraw your reservation and declaration to the Convention on the Elimination of All Forms of Discrimination against Women."),
        "{md}"
    );
    assert!(!md.contains("armed conflict"), "{md}");
    let ru = markdown(&dataset, "open-letter", "ru");
    assert!(
        ru.contains("снять оговорки и заявления к следующему договору"),
        "{ru}"
    );
}

/// Pledges in a note verbale that was not issued as a UN document: the
/// letter describes the note from its parts, then asks that the pledges be
/// published.
#[test]
fn kestria_a_note_verbale_not_circulated_is_described() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = crate::support::example_copy("kestria", tmp.path(), |file, text| {
        if file == "candidacy.toml" {
            text.replacen("symbol = \"A/81/377\"\n", "", 1).replacen(
                "source = \"a-81-377\"\n",
                "",
                1,
            )
        } else {
            text
        }
    });
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("at the national and international levels, as indicated in the Annex to the note verbale dated 9 September 2026 from the Permanent Mission of the Kestrian People's Republic to the United Nations addressed to the President of the General Assembly. As they do not appear to have been circulated as a United Nations document"),
        "{md}"
    );
}

/// A standing invitation the State pledged to maintain is not named again,
/// unless it was extended the year before the letter: then it is welcomed.
#[test]
fn valdoria_a_recent_standing_invitation_is_welcomed_after_the_pledge() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "valdoria",
        tmp.path(),
        "special-procedures.toml",
        "since = 2004-03-15",
        "since = 2024-03-15",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("reply to every communication within 60 days. We welcome the standing invitation Valdoria extended to the Special Procedures in 2024."),
        "{md}"
    );
}

/// A case still going on whose `what` tells of one measure says so in the
/// singular; Ardenne's arrest and charge stay "these measures".
#[test]
fn ardenne_one_measure_going_on_is_singular() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "ardenne",
        tmp.path(),
        "reprisals.toml",
        r#"She was arrested and charged with \"spreading false information about the State\"."#,
        "She was banned from leaving Ardenne.",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("On 20 February 2025, she was banned from leaving Ardenne, in connection with her organisation's submission to the fourth Universal Periodic Review of Ardenne. As far as we are aware, this measure remains in place."),
        "{md}"
    );
    assert!(!md.contains("these measures"), "{md}");
}

/// More than four instruments to encourage, none recommended: counted,
/// and listed in a note, not named in one long sentence.
#[test]
fn solvane_many_instruments_none_recommended_are_counted() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "solvane",
        tmp.path(),
        "upr.toml",
        "text = \"Ratify the Second Optional Protocol to the International Covenant on Civil and Political Rights, aiming at the abolition of the death penalty\"",
        "text = \"Abolish the death penalty in law\"",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("but has not yet ratified it; we urge you to do so without further delay. We also encourage you to ratify the eight other core international human rights instruments and optional protocols that the Solvane Islands has yet to ratify.[^hrdraft-fn-"),
        "{md}"
    );
    assert!(!md.contains("in particular the"), "{md}");
}

/// The review a recommendation was made at is named in full the first time
/// in a section, and "at the same review" after, in that section only.
#[test]
fn the_review_is_named_once_a_section() {
    letter("solvane", &[])
        .has("We encourage you to extend a standing invitation to the Special Procedures, in line with the recommendation your government supported during the Universal Periodic Review in 2023.")
        .lacks("Special Procedures, in line with the recommendation your government supported at the same review");
    letter("ardenne", &[])
        .has("We urge you to ratify it promptly, in line with the recommendation your government supported during the Universal Periodic Review in 2024.")
        .has("as was recommended to Ardenne at the same review.")
        // A section further on names it in full again.
        .has("We further encourage you to extend a standing invitation to the Special Procedures, as was recommended to Ardenne during the Universal Periodic Review in 2024.");
}

/// A standing invitation recommended and answered in the addendum: the note
/// refers to the recommendation there, as the UPR paragraph's notes do.
#[test]
fn solvane_an_invitation_answered_in_the_addendum_is_referred_to() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "solvane",
        tmp.path(),
        "upr.toml",
        "text = \"Extend a standing invitation to the Special Procedures\"\nrecommending_state = \"Latvia\"\nresponse = \"accepted\"",
        "text = \"Extend a standing invitation to the Special Procedures\"\nrecommending_state = \"Latvia\"\nresponse = \"accepted\"\nresponse_source = \"a-hrc-55-17-add1\"",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("referring to recommendation 111.58 (Latvia)."),
        "{md}"
    );
}

/// A letter with no addressee, which the docs allow, is drafted, greeting
/// "Your Excellency," in English and in Russian.
#[test]
fn a_letter_without_an_addressee_greets_your_excellency() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "solvane",
        tmp.path(),
        "documents.toml",
        "addressees = [\"minister-2026\"]\n",
        "",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(md.contains("Your Excellency,"), "{md}");
    assert!(!md.contains("Dear Minister"), "{md}");
    let ru = markdown(&dataset, "open-letter", "ru");
    assert!(ru.contains("Ваше Превосходительство,"), "{ru}");
}

/// With nothing said before it in the paragraph (no pledge, signature or
/// recommended instrument), the sentence on the instruments outstanding
/// opens as seed 000's does, without "also".
#[test]
fn brevonia_instruments_with_nothing_before_open_without_also() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "brevonia",
        tmp.path(),
        "upr.toml",
        "text = \"Ratify the International Convention for the Protection of All Persons from Enforced Disappearance\"",
        "text = \"Investigate every case of enforced disappearance\"",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("We wish to take this opportunity to encourage you to ratify the Optional Protocol to the Convention on the Rights of the Child on a communications procedure, the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families, and the International Convention for the Protection of All Persons from Enforced Disappearance."),
        "{md}"
    );
    assert!(!md.contains("We also encourage you to ratify"), "{md}");
}

/// A firm pledge to ratify a protocol of a convention the State has only
/// signed: the letter urges the convention, then says that the protocol is
/// open only to the convention's parties.
#[test]
fn ostravia_a_protocol_pledged_before_its_convention() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "ostravia",
        tmp.path(),
        "treaties.toml",
        "treaty = \"CRPD\"\nstatus = \"party\"\nratified = 2009-09-28",
        "treaty = \"CRPD\"\nstatus = \"signatory\"\nsigned = 2007-03-30",
    );
    let md = markdown(&dataset, "open-letter", "en");
    let condition = "The Optional Protocol to the Convention on the Rights of Persons with Disabilities, which you have pledged to ratify, is open only to States parties to the Convention on the Rights of Persons with Disabilities.";
    let signed = "signed the Convention on the Rights of Persons with Disabilities";
    assert!(md.contains(condition), "{md}");
    assert!(md.contains(signed), "{md}");
    assert!(
        md.find(signed) < md.find(condition),
        "the condition comes after the convention is urged: {md}"
    );
    // The example as it is: a party to the Convention, nothing said.
    let tmp = tempfile::tempdir().expect("tempdir");
    let unedited = crate::support::example_copy("ostravia", tmp.path(), |_, text| text);
    assert!(!markdown(&unedited, "open-letter", "en").contains("is open only to"));
}

#[test]
fn marelia_nothing_after_the_letters_date() {
    let l = letter("marelia", &[]);
    // The CRPD was ratified on 10 February 2016.
    l.lacks("10 February 2016")
        .lacks("C.N.998.2016")
        .lacks("Depositary Notification")
        .lacks("We welcome that Marelia is a party")
        .has("30 September 2015");
}

#[test]
fn marelia_special_procedures() {
    let l = letter("marelia", &[]);
    l.within(
        "We note your pledge to maintain your standing invitation to the Special Procedures and to receive the mandate holders who request to visit. In that spirit, we urge you to facilitate without delay the visit requested by the Working Group on Arbitrary Detention.",
        SPECIAL_PROCEDURES,
        TREATY_BODIES,
    )
    // "In that spirit" follows the pledge it answers, as in seed 000; the
    // pledge speaks of the standing invitation, which is not named again.
    .has("Working Group on Arbitrary Detention. We also take this opportunity")
    .lacks("As Marelia extended a standing invitation")
    .lacks("As Marelia has extended a standing invitation")
    .lacks("We welcome the standing invitation Marelia")
    .has("remind you of the recommendations made by the Special Rapporteur on violence against women, its causes and consequences, following the visit to Marelia in 2013.");
}

// ---------------------------------------------------------------------------
// Brevonia: the author's paragraphs, a section left out, a letter in
// British English, reprisals as they stood on 27 September 2021.

/// Brevonia's letter is in `en-GB`; until hrdraft drafts a regional variant
/// in its language's wording, the tests of its content ask for `en`.
const BREVONIA_EN: &[&str] = &["--lang", "en"];

#[test]
fn brevonia_the_authors_paragraphs() {
    let l = letter("brevonia", BREVONIA_EN);
    pledged(l);
    // position = "replace": the author's paragraph in place of the
    // generated treaty-body paragraphs, under the section's heading.
    l.within(
        "Brevonia has not reported to the Committee against Torture since 2011: its fourth periodic report has been overdue since June 2016.",
        TREATY_BODIES,
        COUNCIL,
    )
    .has("We urge you to submit the overdue report before the end of your first year of membership, and to establish the independent complaints body the Committee called for.")
    .has("Concluding observations on the third periodic report of Brevonia, Committee against Torture, 31 May 2012 (CAT/C/XBV/CO/3), para 14.")
    .lacks("We urge you to implement the 2012 recommendations by the Committee against Torture")
    .lacks("We also urge you to submit the fourth periodic report to the Committee against Torture")
    // position = "after": the author's paragraph after the commitments noted.
    .within(
        "We also call on you to ensure that the law on the protection of human rights defenders you have pledged to adopt follows the recommendations of the Special Rapporteur on freedom of expression",
        "We note your commitments to adopt a law on the protection of human rights defenders by the end of 2023 and to strengthen the independence and the budget of the Office of the Ombudsperson.",
        "We welcome the pledges and commitments already made by Brevonia",
    )
    .within(
        "We note your commitments to adopt a law on the protection of human rights defenders",
        NATIONAL,
        "We also call on you to ensure that the law",
    )
    .has("A/HRC/41/998/Add.1, para 87.")
    .lacks("[@");
}

#[test]
fn brevonia_a_section_left_out() {
    let l = letter("brevonia", BREVONIA_EN);
    // omit = ["upr"]: no heading, no paragraph.
    l.lacks(UPR)
        .lacks("UPR) of Brevonia")
        .lacks("During the UPR of Brevonia")
        .lacks("A/HRC/47/998, recommendation")
        .lacks("to ensure the full implementation of these recommendations");
    for heading in [
        INTERNATIONAL,
        RATIFICATION,
        SPECIAL_PROCEDURES,
        TREATY_BODIES,
        COUNCIL,
        NATIONAL,
    ] {
        l.has(heading);
    }
    // The review is still known: it recommended the CED.
    l.has("as well as the International Convention for the Protection of All Persons from Enforced Disappearance, in line with the recommendation your government supported during the Universal Periodic Review in 2021.");
}

#[test]
fn brevonia_pledges_in_an_appendix_one_quoted() {
    let l = letter("brevonia", BREVONIA_EN);
    l.has("as indicated in the Appendix to the letter dated 18 May 2021 from the Permanent Representative of Brevonia to the United Nations addressed to the Secretary-General.")
        .has("We note your pledge: \u{201c}Brevonia will continue its open and constructive cooperation with the Special Procedures of the Human Rights Council.\u{201d}")
        .has("We note your pledge that, if elected, you will support the Council's efforts to respond promptly to human rights emergencies.");
}

#[test]
fn brevonia_reprisals_known_on_the_letters_date() {
    let l = letter("brevonia", BREVONIA_EN);
    l.within(
        // One case known on the letter's date: spoken of in the singular.
        "We are concerned about a reported case of reprisal in Brevonia linked to cooperation with the United Nations and its human rights mechanisms.",
        COUNCIL,
        NATIONAL,
    )
    .has("Dana Ilieș-Morar, a lawyer and member of the Stravin Bar. On 12 November 2020, the Ministry of the Interior asked")
    .lacks("to 15 March 2022")
    // Still going on at the letter's date, which its `what` does not say.
    .has("in connection with her submission of information on police violence to the third Universal Periodic Review of Brevonia. As far as we are aware, these measures remain in place.")
    .has("These concerns were raised in a joint allegation letter of 3 December 2020 (AL XBV 2/2020), sent by three Special Procedures mandates;")
    // The case of June 2022.
    .lacks("Stravin airport")
    .lacks("fiftieth session")
    .lacks("A/HRC/51/998");
}

#[test]
fn brevonia_reprisals_without_later_dates() {
    let l = letter("brevonia", BREVONIA_EN);
    l.lacks("15 March 2022")
        .lacks("2 November 2021")
        .has("no reply from the authorities is known");
}

/// Brevonia's `template` drafted as DOCX with the language its
/// documents.toml gives, and the DOCX's parts (the folder lives as long as
/// the first value).
fn brevonia_docx(
    template: &str,
) -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, String>,
) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = hrdraft(
        &["render", "-t", template, "-f", "docx", "-o"],
        &[tmp.path(), &root().join("examples/brevonia")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parts = read::docx_parts(&tmp.path().join(format!("brevonia/{template}.docx")));
    (tmp, parts)
}

#[test]
fn brevonia_a_letter_in_british_english() {
    let (_tmp, parts) = brevonia_docx("open-letter");
    assert!(
        parts["docProps/core.xml"].contains(">en-GB<"),
        "{}",
        parts["docProps/core.xml"]
    );
    letter("brevonia", &[])
        .has("OPEN LETTER: BREVONIA'S CANDIDACY FOR ELECTION TO THE UN HUMAN RIGHTS COUNCIL")
        .has("Brevonia has not reported to the Committee against Torture since 2011");
}

#[test]
fn brevonia_declined_the_pledging_event() {
    let (_tmp, parts) = brevonia_docx("pledging-questions");
    let text = normalise(&read::docx_paragraphs(&parts).join("\n"));
    assert!(text.contains("Brevonia regrettably declin"), "{text}");
    assert!(!text.contains("We thank the representatives"), "{text}");
    // No question was put to Brevonia alone: no list of them, no heading.
    assert!(
        !text.contains("Questions addressed specifically to"),
        "{text}"
    );
    assert!(
        text.contains("Questions posed to all candidate States"),
        "{text}"
    );
    assert!(text.contains("Will you commit to publicly condemning every act of reprisal"));
}

// ---------------------------------------------------------------------------
// Every example at once.

#[test]
fn draft_every_example_at_once() {
    let examples: Vec<PathBuf> = [
        "kazakhstan",
        "valdoria",
        "norvania",
        "federated-isles",
        "marelia",
        "brevonia",
    ]
    .iter()
    .map(|d| root().join("examples").join(d))
    .collect();
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut paths: Vec<&Path> = vec![tmp.path()];
    paths.extend(examples.iter().map(PathBuf::as_path));
    let out = hrdraft(&["draft", "-f", "md", "-o"], &paths);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // Norvania has no questions.toml: its question set is skipped, and said so.
    assert!(
        stderr.lines().any(|line| line.contains("norvania")
            && line.contains("pledging-questions")
            && line.contains("skipped")),
        "{stderr}"
    );
    assert!(!tmp.path().join("norvania/pledging-questions.md").exists());
    for d in [
        "kazakhstan",
        "valdoria",
        "norvania",
        "federated-isles",
        "marelia",
        "brevonia",
    ] {
        assert!(
            tmp.path().join(d).join("open-letter.md").exists(),
            "no open letter for {d}: {stderr}"
        );
    }
}

/// Ostravia, written from the documentation alone: the conventions of the
/// series where its facts differ from the other examples'.
#[test]
fn ostravia_one_sentence_a_committee_and_nothing_published_after_the_letter() {
    let l = letter("ostravia", &[]);
    pledged(l);
    // An instrument signed only, long before the letter, whose ratification
    // the State accepted at the UPR, is urged with both said.
    l.has("Ostravia signed the International Convention for the Protection of All Persons from Enforced Disappearance in 2007 but has not yet ratified it; we urge you to do so without further delay, in line with the recommendation your government supported during the Universal Periodic Review in 2024.")
        .lacks("We welcome your signature")
        // Two recommendations of one committee: one sentence, a clause each.
        .has("We urge you to implement the 2023 recommendations by the Human Rights Committee, in particular to ensure that all allegations of torture")
        .has("and to revise the Law on Non-Commercial Organisations")
        .lacks("We also urge you to implement the 2023 recommendations by the Human Rights Committee")
        // … cited in one note after the sentence, as seed 000's note 4.
        .has("Concluding observations on the fourth periodic report of Ostravia, Human Rights Committee, 27 July 2023 (CCPR/C/XOS/CO/4), paras 19 and 37.")
        .lacks("CCPR/C/XOS/CO/4, para 37.")
        // Two overdue reports, each with its article, the second after a comma.
        .has("We also urge you to submit the fourth periodic report to the Committee against Torture, overdue since November 2022, and the combined fifth and sixth periodic reports to the Committee on the Rights of the Child, overdue since March 2024.")
        // The pledge document, described in the text, is cited by its
        // symbol alone, as seed 000's note 1 ("A/67/122.").
        .lacks("A/81/123, 18 May 2026")
        // … in a note, where they were found overdue: the compilation.
        .has("Compilation of information prepared by the Office of the United Nations High Commissioner for Human Rights, Ostravia, 20 August 2024 (A/HRC/WG.6/47/XOS/2).")
        // The accepted recommendations named in one sentence, abbreviations
        // spelled out, and those found not implemented in the next.
        .has("your government supported five recommendations, including one on international instruments; one on human rights defenders; one on torture and other cruel, inhuman or degrading treatment; and one on national human rights institutions.")
        .has("At the mid-term of the review cycle, the stakeholders who assessed them found that your government had not implemented the recommendation on international instruments and the recommendation on human rights defenders.")
        .lacks("It also accepted")
        .lacks("NHRI")
        // The communication of two mandate holders names both.
        .has("These concerns were raised in a joint urgent appeal of")
        .has("(UA XOS 3/2025), sent by the Special Rapporteur on the situation of human rights defenders and the Special Rapporteur on the rights to freedom of peaceful assembly and of association;")
        // The letter is dated 14 October 2026: the concluding observations of
        // 20 November 2026, listed among the reprisal case's sources, are
        // never cited, nor their recommendations urged.
        .has("14 October 2026")
        .lacks("CERD/C/XOS/CO/10-11")
        .lacks("20 November 2026");
}

/// The question set's opening sentence names its organisers as English
/// prose does ("the International Service for Human Rights", as in the
/// letter of 29 September 2021), says where the event was held within the
/// sentence, dates it as the dateline does when the dataset sets its
/// style, and leaves the article out of the Russian wording.
#[test]
fn the_question_sets_opening_names_the_organisers_and_the_place() {
    let opening = |dataset: &str, extra: &[&str]| {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut args = vec!["render", "-t", "pledging-questions", "-f", "md"];
        args.extend_from_slice(extra);
        args.push("-o");
        let out = hrdraft(&args, &[tmp.path(), &root().join("examples").join(dataset)]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let md = std::fs::read_to_string(path).expect("the Markdown is there");
        normalise(&md.replace('\\', ""))
    };
    let kazakhstan = opening("kazakhstan", &[]);
    assert!(
        kazakhstan.contains("On 8th September 2021, Amnesty International and the International Service for Human Rights held an online pledging event for candidate States to the Human Rights Council for the membership term 2022-2024."),
        "{kazakhstan}"
    );
    let valdoria = opening("valdoria", &[]);
    assert!(
        valdoria.contains("Civic Watch Valdoria and the Global Candidacy Forum held a pledging event in Geneva for candidate States"),
        "{valdoria}"
    );
    assert!(!valdoria.contains("The event was held"), "{valdoria}");
    // A question set dated in the United States style keeps its body's
    // ordinal dates: only the dateline takes the style.
    let isles = opening("federated-isles", &[]);
    assert!(
        isles.contains("On 6th September 2023, Isles Human Rights Advocates"),
        "{isles}"
    );
    assert!(isles.contains("September 20, 2023"), "{isles}");
    let russian = opening("kazakhstan", &["--lang", "ru"]);
    assert!(
        russian.contains(
            "организации Amnesty International и International Service for Human Rights провели"
        ),
        "{russian}"
    );
}

/// `on_behalf_of` is printed after the signatures, as a line of the
/// signature block, in the DOCX's Signature style and in the PDF; a question
/// set without it (Kazakhstan's, as 002) prints no such line.
#[test]
fn the_organisations_a_letter_is_sent_on_behalf_of_are_named_under_the_signature() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drafted = |dataset: &str, lang: &str| {
        let out_dir = tmp.path().join(format!("{dataset}-{lang}"));
        let out = hrdraft(
            &[
                "render",
                "-t",
                "pledging-questions",
                "-f",
                "docx",
                "-f",
                "pdf",
                "--lang",
                lang,
                "-o",
            ],
            &[&out_dir, &root().join("examples").join(dataset)],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let files: Vec<PathBuf> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(PathBuf::from)
            .collect();
        let docx = files
            .iter()
            .find(|f| f.extension().is_some_and(|e| e == "docx"));
        let pdf = files
            .iter()
            .find(|f| f.extension().is_some_and(|e| e == "pdf"));
        let parts = read::docx_parts(docx.expect("a DOCX"));
        let signature = read::docx_styled(&parts, "Signature");
        let pdf = normalise(&read::pdf_pages(pdf.expect("a PDF")).join(" "));
        (signature, pdf)
    };
    let (signature, pdf) = drafted("ostravia", "en");
    let line =
        "On behalf of Justice Watch International and the International Service for Human Rights";
    assert_eq!(
        signature.last().map(String::as_str),
        Some(line),
        "{signature:?}"
    );
    // The PDF's text is read without whitespace.
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    let name = pdf
        .find(&squash("Margaret Okonjo-Hale"))
        .expect("the signatory");
    let behalf = pdf.find(&squash(line)).expect("the line in the PDF");
    assert!(name < behalf, "{pdf}");
    let (signature, _) = drafted("ostravia", "ru");
    assert_eq!(
        signature.last().map(String::as_str),
        Some("От имени Justice Watch International и International Service for Human Rights"),
        "{signature:?}"
    );
    let (signature, pdf) = drafted("kazakhstan", "en");
    assert!(
        !signature.iter().any(|l| l.contains("behalf")),
        "{signature:?}"
    );
    assert!(!pdf.contains("Onbehalfof"), "{pdf}");
}

/// Recommendations recorded without their report's paragraph number cannot
/// be cited in the UPR paragraph: the national section then names the one
/// stakeholders found not implemented.
#[test]
fn a_recommendation_not_cited_by_number_is_named_in_the_national_section() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = crate::support::example_copy("solvane", tmp.path(), |file, text| {
        if file == "upr.toml" {
            text.lines()
                .filter(|l| !l.starts_with("paragraph = "))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            text
        }
    });
    let md = markdown(&dataset, "open-letter", "en");
    assert!(!md.contains("the stakeholders who assessed"), "{md}");
    assert!(
        md.contains("We call on you to implement the recommendation on national human rights institutions that you supported at the Universal Periodic Review and that stakeholders found not implemented."),
        "{md}"
    );
}

/// A letter dated before the State submitted its pledges speaks of it as
/// having submitted none: it neither welcomes nor quotes pledges made
/// after it, and does not cite their document.
#[test]
fn a_letter_dated_before_the_pledges_does_not_know_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "valdoria",
        tmp.path(),
        "documents.toml",
        "date = 2025-09-01",
        "date = 2025-05-20",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(md.contains("20 May 2025"), "{md}");
    assert!(
        md.contains("Valdoria appears not to have submitted any election pledges."),
        "{md}"
    );
    assert!(
        md.contains("to submit election pledges that include the elements listed above"),
        "{md}"
    );
    for later in [
        "We welcome your submission",
        "We note your pledge",
        "A/80/999",
        "note verbale dated 3 June 2025",
        "We welcome the pledges",
    ] {
        assert!(!md.contains(later), "{later}: {md}");
    }
    // The letter of 1 September, after the pledges, still welcomes them.
    let md = markdown(&root().join("examples/valdoria"), "open-letter", "en");
    assert!(
        md.contains("We welcome your submission of election pledges"),
        "{md}"
    );
}

/// Pledges circulated in the fortnight before the election leave Member
/// States little time: the letter says so, as the series did.
#[test]
fn pledges_circulated_shortly_before_the_election_are_regretted_as_late() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = crate::support::example_copy("valdoria", tmp.path(), |file, text| match file {
        "candidacy.toml" => text.replacen("date = 2025-06-03", "date = 2025-10-10", 1),
        "documents.toml" => text.replacen("date = 2025-09-01", "date = 2025-10-13", 1),
        _ => text,
    });
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("We are concerned that they were circulated only four days before the elections, leaving Member States little time to consider them before casting their votes."),
        "{md}"
    );
    // Circulated in June, they are not late.
    let md = markdown(&root().join("examples/valdoria"), "open-letter", "en");
    assert!(!md.contains("We are concerned that they were"), "{md}");
}

/// The note on OHCHR's guidance cites the dataset's own record of it,
/// when it has one; else a letter of 2012 gives the address the 2012
/// letters gave, and a later one the title alone.
#[test]
fn the_guidance_note_takes_the_datasets_source() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = crate::support::example_copy("valdoria", tmp.path(), |file, text| {
        if file == "sources.toml" {
            format!(
                "{text}\n[[sources]]\nid = \"ohchr-pledges-guidance\"\nauthor = \"Office of the High Commissioner for Human Rights\"\ntitle = \"Suggested elements for voluntary pledges\"\nitalic_title = true\nurl = \"https://example.org/guidance.pdf\"\n"
            )
        } else {
            text
        }
    });
    let md = markdown(&dataset, "open-letter", "en");
    assert!(md.contains("https://example.org/guidance.pdf"), "{md}");
    assert!(!md.contains("www2.ohchr.org"), "{md}");
    // Dated 2025, without the source: the title, no address.
    let md = markdown(&root().join("examples/valdoria"), "open-letter", "en");
    assert!(
        md.contains("*Suggested Elements for Voluntary Pledges and Commitments by Candidates for Election to the Human Rights Council*. "),
        "{md}"
    );
    assert!(!md.contains("www2.ohchr.org"), "{md}");
    // Dated 2012, without the source: the address of 2012.
    let tmp = tempfile::tempdir().expect("tempdir");
    let kazakhstan = example_edited(
        "kazakhstan",
        tmp.path(),
        "sources.toml",
        "id = \"ohchr-pledges-guidance\"",
        "id = \"ohchr-guidance-not-cited\"",
    );
    let md = markdown(&kazakhstan, "open-letter", "en");
    assert!(
        md.contains(
            "available at <http://www2.ohchr.org/english/bodies/hrcouncil/docs/pledges.pdf>"
        ),
        "{md}"
    );
}

/// A State party to every core instrument, one of them acceded to the
/// year before the letter: both are welcomed, in English and in Russian.
#[test]
fn a_state_party_to_everything_is_welcomed_for_its_latest_accession_too() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "valdoria",
        tmp.path(),
        "treaties.toml",
        "signed = 2007-02-06\nratified = 2011-04-27",
        "ratified = 2024-05-14\naccession = true",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("is a party to all the core international human rights instruments and their optional protocols. In particular, we welcome your accession to the International Convention for the Protection of All Persons from Enforced Disappearance in 2024."),
        "{md}"
    );
    let ru = markdown(&dataset, "open-letter", "ru");
    assert!(
        ru.contains("факультативных протоколов к ним. В частности, мы приветствуем то, что Ваша страна стала участником следующего договора:"),
        "{ru}"
    );
    // The year and its "г." do not part: a no-break space joins them.
    let out = hrdraft(
        &["context", "-t", "open-letter", "--lang", "ru", "--markdown"],
        &[&dataset],
    );
    let raw = String::from_utf8_lossy(&out.stdout);
    assert!(raw.contains("исчезновений (2024\u{a0}г.)"), "{raw}");
}

/// A review held before the letter whose Working Group report came out
/// after it: neither its recommendations nor the State's responses were
/// known, so the letter does not speak of them.
#[test]
fn a_review_whose_report_came_after_the_letter_is_not_spoken_of() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "morvaris",
        tmp.path(),
        "sources.toml",
        "date = 2024-07-10",
        "date = 2026-10-20",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("We note your commitment to present a voluntary mid-term report"),
        "{md}"
    );
    for later in [
        "During the review of Morvaris",
        "A/HRC/57/998",
        "your government supported",
        "the stakeholders who assessed",
    ] {
        assert!(!md.contains(later), "{later}: {md}");
    }
    // Published before the letter, the same review is spoken of.
    let md = markdown(&root().join("examples/morvaris"), "open-letter", "en");
    assert!(
        // The pledge before named the review in full: "the review" then.
        md.contains("fourth Universal Periodic Review. During the review of Morvaris in 2024"),
        "{md}"
    );
}

/// A letter dated after a later assessment round reports what that round
/// found, and says which round it was: not "by the mid-term".
#[test]
fn a_later_round_is_named_as_such() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = crate::support::example_copy("valdoria", tmp.path(), |file, text| match file {
        "documents.toml" => text.replacen("date = 2025-09-01", "date = 2026-11-20", 1),
        "candidacy.toml" => text.replacen("election = 2025-10-14", "election = 2026-12-14", 1),
        // Every assessment of the later round finds nothing implemented.
        "upr.toml" => text
            .replace(
                "round = \"follow-up-2026\"\nlevel = \"partially\"",
                "round = \"follow-up-2026\"\nlevel = \"not\"",
            )
            .replace(
                "round = \"follow-up-2026\"\nlevel = \"fully\"",
                "round = \"follow-up-2026\"\nlevel = \"not\"",
            ),
        _ => text,
    });
    let en = markdown(&dataset, "open-letter", "en");
    assert!(
        en.contains("In the follow-up assessment of 15 October 2026, the stakeholders who assessed them found that your government had not implemented the two recommendations on justice"),
        "{en}"
    );
    assert!(!en.contains("by the mid-term of the review cycle"), "{en}");
    let ru = markdown(&dataset, "open-letter", "ru");
    assert!(
        ru.contains("по итогам оценки от 15 октября 2026 г."),
        "{ru}"
    );
    assert!(!ru.contains("к середине цикла обзора"), "{ru}");
}

/// The Solvane Islands, written from the documentation alone: a plural
/// name that takes "the", no pledges, one accepted recommendation found
/// not implemented, a report overdue before the letter.
#[test]
fn solvane_a_plural_name_that_takes_the_and_no_pledges() {
    let l = letter("solvane", &[]);
    l.has("OPEN LETTER: THE SOLVANE ISLANDS’ CANDIDACY FOR ELECTION TO THE UN HUMAN RIGHTS COUNCIL")
        .has("The Solvane Islands appears not to have submitted any election pledges.")
        // The closing asks for pledges; none are "these commitments" yet.
        .has("to regularly inform the General Assembly and the Human Rights Council of the progress made.")
        .lacks("implementing these commitments")
        .has("On the occasion of the Solvane Islands’ candidacy")
        .lacks("the the ")
        .lacks("The the ")
        // The issues named with their article where English takes one.
        // Ten groups of one: the number of all, then the first three.
        .has("your government supported ten recommendations, including one on the death penalty; one on torture and other cruel, inhuman or degrading treatment; one on freedom of association and peaceful assembly; and one on women's rights.")
        .lacks("one on the Special Procedures")
        // One recommendation found not implemented: named in the singular,
        // with the assessment that found it in a note, and not named again
        // in the national section.
        .has("At the mid-term of the review cycle, the stakeholders who assessed it found that your government had not implemented one recommendation on national human rights institutions.")
        .lacks("that stakeholders found not implemented")
        .has("We urge you to implement the 2021 recommendations by the Human Rights Committee")
        // The committee just named is "the Committee".
        .has("We also urge you to submit the third periodic report to the Committee, overdue since November 2025.")
        // Two sentences in a row do not both "also encourage"; more than
        // four instruments not recommended are counted, and listed in a note.
        .has("We further encourage you to ratify the seven other core international human rights instruments and optional protocols that the Solvane Islands has yet to ratify.")
        .has("The Optional Protocol to the International Covenant on Economic, Social and Cultural Rights; the First Optional Protocol");
}

/// The Kestrian People's Republic, written from the documentation alone: a
/// name that takes "the" and holds an apostrophe, two covenants signed
/// years before the letter, a pledge only to study ratifying one, three
/// reprisal cases of which one was told of only after the letter, and a
/// pledging event it did not attend, with no questions recorded.
#[test]
fn kestria_a_name_with_an_apostrophe_old_signatures_and_a_case_told_later() {
    let l = letter("kestria", &[]);
    pledged(l);
    l.has("OPEN LETTER: THE KESTRIAN PEOPLE'S REPUBLIC'S CANDIDACY FOR ELECTION TO THE UN HUMAN RIGHTS COUNCIL")
        .has("On the occasion of the Kestrian People's Republic's candidacy")
        .lacks("the the ")
        // A pledge to study ratifying is noted; the signatures of 2009 are
        // recalled, the year said once, and ratification urged.
        .has("We note your statement that your government will study the possibility of ratifying the International Covenant on Civil and Political Rights.")
        .has("The Kestrian People's Republic signed the International Covenant on Economic, Social and Cultural Rights and the International Covenant on Civil and Political Rights in 2009 but has not yet ratified them; we urge you to do so without further delay, in line with the recommendation on the International Covenant on Civil and Political Rights that your government supported during the Universal Periodic Review in 2024.")
        .lacks("We welcome your signature")
        // "the Convention against Torture and its Optional Protocol" was
        // recommended: both are among the instruments recommended.
        .has("the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment and its Optional Protocol; the Convention on the Rights of Persons with Disabilities; and the International Convention for the Protection of All Persons from Enforced Disappearance, which have already been recommended to the Kestrian People's Republic.")
        // A treaty's protocols named together, as the series names them.
        .has("the three Optional Protocols to the Convention on the Rights of the Child;")
        // The Second named in the sentence before: this one is the First.
        .has("the First Optional Protocol to the International Covenant on Civil and Political Rights;")
        // Two cases, a span of dates said once, a "what" of two clauses
        // printed whole.
        .has("We are concerned about reports of reprisals against people in the Kestrian People's Republic")
        .has("Four members of the Kestgrad Women's Legal Centre. From 22 April to 30 June 2025, they were detained")
        // What happened follows its date, its pronoun in lower case.
        .has("Teodor Vaskin, a human rights lawyer. On 27 May 2024, he was arrested")
        .has("he remains in pre-trial detention. This was in connection with his submission of information to the fourth Universal Periodic Review")
        // Its `what` says it goes on: not said again.
        .lacks("these measures remain in place")
        .has("These concerns were raised in a joint allegation letter of 18 June 2024 (AL XKP 1/2024)")
        // The case of 30 August 2026 was told of only on 2 October 2026,
        // after the letter of 14 September 2026.
        .lacks("Anja Relt")
        .lacks("UA XKP 3/2026")
        .lacks("2 October 2026");
    // No questions recorded: the question set is skipped, and said so.
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = hrdraft(
        &["draft", "-f", "md", "-o"],
        &[tmp.path(), &root().join("examples/kestria")],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("kestria: pledging-questions skipped: no questions in questions.toml"),
        "{stderr}"
    );
    assert!(!tmp.path().join("kestria/pledging-questions.md").exists());
    // The MIA is its publisher's, not the letter's author's.
    let mia = std::fs::read_to_string(tmp.path().join("kestria/mia-report.md")).expect("the MIA");
    assert!(
        mia.contains("UPR Follow-up Network invites States"),
        "{mia}"
    );
    assert!(!mia.contains("Global Rights Monitor"), "{mia}");
}

/// Morvaris, written from the documentation alone: a singular name ending
/// in "s", a member standing again, an instrument ratified the
/// year before the letter, and the Second Optional Protocol signed in 2008.
#[test]
fn morvaris_a_singular_name_in_s_and_a_recent_ratification() {
    let l = letter("morvaris", &[]);
    pledged(l);
    l.has("OPEN LETTER: MORVARIS'S CANDIDACY FOR ELECTION TO THE UN HUMAN RIGHTS COUNCIL")
        .has("On the occasion of Morvaris's candidacy")
        .lacks("Morvaris' candidacy")
        .lacks("MORVARIS' CANDIDACY")
        // Ratified the year before the letter: welcomed, first.
        .within(
            "We welcome your ratification of the Optional Protocol to the Convention against Torture in 2025.",
            RATIFICATION,
            SPECIAL_PROCEDURES,
        )
        // The title's aside is closed before the year, which would
        // otherwise read as the year of abolition.
        .has("Morvaris signed the Second Optional Protocol to the International Covenant on Civil and Political Rights, aiming at the abolition of the death penalty, in 2008 but has not yet ratified it;")
        // Two titles, neither ending in an aside: no comma before "and".
        .has("We further encourage you to ratify the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights and the Optional Protocol to the Convention on the Rights of the Child on a communications procedure.")
        // A pledge to submit a report that is overdue: that report is urged
        // right after it, "it" as the pledge calls it, not named again; the
        // initial report under a protocol, which it does not name, after
        // the committee's recommendations, in the same paragraph.
        .has("before the end of 2026. We urge you to submit it without further delay: it has been overdue since April 2023.")
        .lacks("the combined fifth and sixth periodic reports to the Committee on the Rights of the Child have been overdue")
        .has(" We further urge you to submit the initial report under the Optional Protocol on the sale of children, child prostitution and child pornography to the Committee on the Rights of the Child, overdue since October 2006.")
        .lacks("October 2006, as you have pledged")
        // "In that spirit" answers the pledge it follows; a request made
        // three years before the letter is dated.
        .has("in a timely manner. In that spirit, we urge you to facilitate without delay the visit requested by the Special Rapporteur on the situation of human rights defenders (pending since 2022). As Morvaris extended a standing invitation to the Special Procedures in 2012, their requests to visit should be accepted promptly.");
}

/// Ardenne, written from the documentation alone: a pledge only to consider
/// ratifying, a long-pending visit request, a report overdue under a
/// protocol beside a pledged one, a defender still detained.
#[test]
fn ardenne_a_considered_ratification_an_old_request_and_a_protocols_report() {
    let l = letter("ardenne", &[]);
    pledged(l);
    l.within(
        // The instrument the pledge only considers is urged right after it,
        // and not named again in the list of those outstanding.
        "We note your commitment to consider ratifying the International Convention for the Protection of All Persons from Enforced Disappearance. We urge you to ratify it promptly, in line with the recommendation your government supported during the Universal Periodic Review in 2024.",
        RATIFICATION,
        SPECIAL_PROCEDURES,
    )
    // A recommendation the State supported is a commitment, and one it
    // noted is not passed off as one; the note cites each.
    .has("in particular the Optional Protocol to the Convention against Torture, in line with the recommendation your government supported at the same review.")
    .has("in 1996 but has not yet ratified it; we urge you to do so without further delay, as was recommended to Ardenne at the same review.")
    .has("A/HRC/56/14, recommendation 119.1 (Australia).")
    .has("A/HRC/56/14, recommendation 117.2 (Denmark).")
    .lacks("already been recommended to Ardenne")
    .has("the Special Rapporteur on the situation of human rights defenders (pending since 2011); the Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment (pending since 2018); and the Special Rapporteur on minority issues. We also urge you to set dates for the visit")
    .has("We urge you to submit it without further delay: it has been overdue since March 2021.")
    // Four committees' recommendations after the urge to submit: each
    // sentence opens differently from the one before.
    .has(" We also urge you to implement the recommendations made by the Committee on the Rights of the Child in 2016")
    .has(" We further urge you to implement the 2022 recommendations by the Committee against Torture")
    .has(" We also call on you to implement the 2023 recommendations by the Committee on the Elimination of Discrimination against Women")
    .has(" We further call on you to implement the 2019 recommendations by the Human Rights Committee")
    .has(" We further urge you to submit the initial report under the Optional Protocol on the sale of children, child prostitution and child pornography to the Committee on the Rights of the Child, overdue since July 2013, and the fourth periodic report to the Human Rights Committee, overdue since November 2025.")
    .lacks("July 2013, as you have pledged")
    .has("On 20 February 2025, she was arrested and charged with")
    // A communication replied to only after the letter is unanswered on its
    // date; the one a reprisal case names is left to the reprisals section.
    .has("As far as we are aware, your government has not replied to the communication the Special Procedures sent it in 2026 (OL XAR 4/2026); we urge you to reply to it promptly and substantively.")
    .lacks("sent it in 2025")
    // Arrested and charged: acts done, not measures that remain in place.
    .has("Universal Periodic Review of Ardenne. As far as we are aware, the case has not been resolved.")
    .lacks("these measures remain in place")
    .has("the recommendation on a national plan of action that you supported")
    // The addendum answered a recommendation of the report: it refers to it.
    .has("(A/HRC/56/14/Add.1), referring to recommendation 118.3 (Czechia).")
    // Pledges circulated twelve days before the election.
    .has("We are concerned that they were circulated only twelve days before the elections");
    // The Convention's title is given once.
    for (format, text) in &l.texts {
        if let Text::Flat(text) = text {
            let title =
                "International Convention for the Protection of All Persons from Enforced Disappearance";
            assert_eq!(text.matches(title).count(), 1, "{format}: {text}");
        }
    }
}

/// No Russian letter of any example ends a sentence on a date with a
/// second full stop ("14 мая 2019 г.."): such a sentence is worded so that
/// the date stands inside it.
#[test]
fn no_russian_letter_doubles_the_full_stop_after_a_date() {
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("examples")).expect("examples") {
        let dir = entry.expect("an entry").path();
        if !dir.join("candidacy.toml").exists() {
            continue;
        }
        let md = markdown(&dir, "open-letter", "ru");
        assert!(!md.contains("г.."), "{}: {md}", dir.display());
        seen += 1;
    }
    assert!(seen >= 8, "only {seen} examples drafted");
}

/// A third-cycle review: the State "supported" recommendations, more than
/// four issue groups are counted and the largest named, the recommendation
/// to accede to a protocol acceded to is not urged again (nor cited, though
/// it counts among the twenty-three supported), and a standing invitation
/// the State pledged to keep is not named twice.
/// The number of recommendations supported is of every one upr.toml
/// records as supported, those without a paragraph to cite them by too:
/// the sentence speaks of the review, not of its notes.
#[test]
fn the_number_supported_counts_recommendations_without_a_paragraph() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = example_edited(
        "lumeria",
        tmp.path(),
        "upr.toml",
        "paragraph = \"118.6\"\n",
        "",
    );
    let md = markdown(&dir, "open-letter", "en");
    let said = normalise(&md);
    assert!(
        said.contains("your government supported twenty-three recommendations, including"),
        "{said}"
    );
    // The note cites the others by paragraph, and cannot cite this one.
    assert!(md.contains("118.7 (Latvia)"), "{md}");
    assert!(!md.contains("118.6 ("), "{md}");
}

#[test]
fn lumeria_a_third_cycle_review_supported_and_an_accession_made() {
    let l = letter("lumeria", &[]);
    l.within(
        "We welcome your accession to the Optional Protocol to the Convention against Torture in 2019.",
        RATIFICATION,
        SPECIAL_PROCEDURES,
    )
    .has("your government supported twenty-three recommendations, including three on torture and other cruel, inhuman or degrading treatment; two on the treaty bodies; two on human rights defenders; and two on women's rights.")
    // 118.2 (Denmark), to accede to the OPCAT, was carried out since: no
    // group names it, but it is one of the twenty-three, and their note
    // cites all twenty-three.
    .has("referring to recommendations 118.1 (France), 118.2 (Denmark), 118.6 (Australia),")
    .has("118.29 (Egypt), and 118.30 (Paraguay).")
    .lacks("As Lumeria extended a standing invitation")
    .lacks("As Lumeria has extended a standing invitation")
    .has("the visit requested by the Special Rapporteur on the situation of human rights defenders (pending since 2015)")
    // Both overdue reports pledged in the one treaty-body pledge: urged
    // right after it, oldest first, the committee's recommendations after.
    .has("by the end of 2021. We urge you to submit them without further delay: the combined twenty-first and twenty-second periodic reports to the Committee on the Elimination of Racial Discrimination have been overdue since 1 February 2017 and the fourth periodic report to the Human Rights Committee since July 2018.")
    .has("We also urge you to implement the 2017 recommendations by the Committee against Torture")
    .lacks("as you have pledged to do")
    .has("From 4 February to 28 August 2019, she was held in pre-trial detention")
    .has("sent by three Special Procedures mandates;")
    // The assessment of 2021 is after the letter.
    .lacks("the stakeholders who assessed");
    let mia = markdown(&root().join("examples/lumeria"), "mia-report", "en");
    assert!(mia.contains("| Supported |"), "{mia}");
    assert!(!mia.contains("| Accepted |"), "{mia}");
}

/// A State party to two core instruments, late pledges in a note verbale
/// that was not circulated, two communications without a reply, reports
/// long overdue and observations of 2000.
#[test]
fn tavaru_few_ratifications_unanswered_communications_and_old_reports() {
    let l = letter("tavaru", &[]);
    l.has("as indicated in the note verbale dated 2 November 2013 from the Permanent Mission of Tavaru to the United Nations addressed to the President of the General Assembly. As they do not appear to have been circulated as a United Nations document")
        .has("We are concerned that they were made known only ten days before the elections")
        .within(
            "As far as we are aware, your government has not replied to the two communications the Special Procedures sent it in 2012 and 2013 (JUA XTV 1/2012 and AL XTV 1/2013); we urge you to reply to them promptly and substantively.",
            SPECIAL_PROCEDURES,
            TREATY_BODIES,
        )
        .has("We urge you to submit them without further delay: the second periodic report to the Committee on the Rights of the Child has been overdue since 12 September 2002 and the initial report to the Committee on the Elimination of Discrimination against Women since 10 April 2004.")
        .has("We also urge you to implement the recommendations made by the Committee on the Rights of the Child in 2000, in particular")
        .lacks("the 2000 recommendations")
        // A pledge saying "it" is quoted, not run on after "your pledge to".
        .has("We note your pledge: “Cooperate fully with the Universal Periodic Review and implement the recommendations it has accepted.”")
        .has("your government accepted sixteen recommendations, including five on international instruments")
        // The Covenant it signed, urged in line with the recommendations to
        // ratify it that the State accepted.
        .has("Tavaru signed it in 2011 but has not yet ratified it; we urge you to do so without further delay, in line with the recommendations your government accepted during the Universal Periodic Review in 2011.");
}

/// Two visit requests pending since one year: the year is said once, after
/// both, not after each.
#[test]
fn ostravia_visits_pending_since_one_year_are_dated_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "ostravia",
        tmp.path(),
        "special-procedures.toml",
        "requested = \"2023-09\"",
        "requested = 2022-09-01",
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("the visits requested by the Special Rapporteur on the situation of human rights defenders and the Special Rapporteur on the rights to freedom of peaceful assembly and of association (both pending since 2022)"),
        "{md}"
    );
    assert!(!md.contains("defenders (pending since 2022)"), "{md}");
}

/// Questions the State answered at the event are not sent again, and the
/// letter thanks it for answering them.
#[test]
fn lumeria_questions_answered_at_the_event_are_not_sent_again() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "lumeria",
        tmp.path(),
        "questions.toml",
        "to = \"state\"\ntext = \"When will Lumeria decriminalise defamation",
        "to = \"state\"\nanswered = true\ntext = \"When will Lumeria decriminalise defamation",
    );
    let md = markdown(&dataset, "pledging-questions", "en");
    assert!(
        md.contains("presenting their country's candidature to the Human Rights Council, and for answering one of the questions put to them there."),
        "{md}"
    );
    assert!(md.contains("please find below the questions that remained unanswered at the event, both those addressed specifically to Lumeria and those posed to all candidate States."), "{md}");
    assert!(!md.contains("decriminalise defamation"), "{md}");
    // The others are numbered from 1, with no gap.
    assert!(
        md.contains("2. *International Commission of Jurists*"),
        "{md}"
    );
    let ru = markdown(&dataset, "pledging-questions", "ru");
    assert!(
        ru.contains("а также за ответы на часть заданных им вопросов"),
        "{ru}"
    );
    assert!(!ru.contains("decriminalise defamation"), "{ru}");
}

/// `include_state = false` in documents.toml leaves the State's own
/// assessments out of the MIA, which says so.
#[test]
fn valdoria_an_mia_without_the_states_own_assessments() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited(
        "valdoria",
        tmp.path(),
        "documents.toml",
        "template = \"mia-report\"",
        "template = \"mia-report\"\ninclude_state = false",
    );
    let with = markdown(&root().join("examples/valdoria"), "mia-report", "en");
    assert!(with.contains("GOV) response:"), "{with}");
    let without = markdown(&dataset, "mia-report", "en");
    assert!(
        without.contains("The State under Review participated. Its responses are left out of this assessment, which rests on the other stakeholders' alone."),
        "{without}"
    );
    assert!(!without.contains("GOV) response:"), "{without}");
    assert!(
        !without.contains("Law 12/2026 amends the Public Order Act"),
        "{without}"
    );
}

/// A letter dated before an instrument was opened for signature does not
/// urge it.
#[test]
fn tavaru_a_letter_before_the_communications_procedure_does_not_urge_it() {
    let l = letter("tavaru", &[]);
    // Dated 2013: the communications procedure was open (February 2012).
    l.has("the three Optional Protocols to the Convention on the Rights of the Child");
    let md = markdown_as_of(&root().join("examples/tavaru"), "open-letter", "2011-05-19");
    assert!(!md.contains("on a communications procedure"), "{md}");
    assert!(!md.contains("three Optional Protocols"), "{md}");
}

/// A firm pledge to ratify is welcomed and one only to consider ratifying
/// noted, in sentences of their own; with few instruments left, the
/// recommended and the others are urged in one sentence, as the letter to
/// Germany of 2012 does.
#[test]
fn lumeria_a_firm_pledge_welcomed_a_tentative_one_noted_and_few_instruments_in_one_sentence() {
    let l = letter("lumeria", &[]);
    l.has("We also encourage you to ratify the Optional Protocol to the Convention on the Rights of the Child on a communications procedure, as well as the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights and the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families, which have already been recommended to Lumeria.")
        .lacks("We further encourage you to ratify");
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited("ostravia", tmp.path(), "candidacy.toml", "[[pledges]]\nid = \"intl-tb\"",
                "[[pledges]]\nid = \"consider-icrmw\"\nlevel = \"international\"\ncalled = \"commitment\"\ntext = \"Ostravia will consider ratifying the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families.\"\nclause = \"to consider ratifying the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families\"\ntargets = [{ treaty = \"ICRMW\" }]\nsource = \"a-81-123\"\n\n[[pledges]]\nid = \"intl-tb\"");
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("We welcome your commitment to ratify the Optional Protocol to the Convention on the Rights of Persons with Disabilities by the end of 2027."),
        "{md}"
    );
    assert!(
        md.contains("by the end of 2027. We also note your commitment to consider ratifying the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families. We urge you to ratify it promptly"),
        "{md}"
    );
}

/// The letter's date against facts recorded as they stand today: a
/// standing invitation extended after it was not yet there, so the letter
/// encourages one; a letter sent after it is not recalled.
#[test]
fn norvania_an_invitation_extended_and_a_letter_sent_after_the_letter() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = crate::support::example_copy("norvania", tmp.path(), |file, text| match file {
        "special-procedures.toml" => text.replacen("since = 2001-06-05", "since = 2020-03-01", 1),
        "documents.toml" => text.replacen(
            "previous_letter = 2019-05-14",
            "previous_letter = 2019-10-14",
            1,
        ),
        _ => text,
    });
    let md = markdown(&dataset, "open-letter", "en");
    assert!(!md.contains("We welcome the standing invitation"), "{md}");
    assert!(
        md.contains("encourage you to extend a standing invitation to the Special Procedures."),
        "{md}"
    );
    assert!(!md.contains("14 October 2019"), "{md}");
    assert!(!md.contains("in our letter of"), "{md}");
    let out = hrdraft(&["check"], &[&dataset]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("the previous letter (2019-10-14) is dated after this document (2019-09-24)"),
        "{stderr}"
    );
}

/// A visit made before the letter whose mission report came out after it:
/// its recommendations are not recalled, since none had been published.
#[test]
fn federated_isles_no_recommendations_recalled_before_the_mission_report() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = crate::support::example_copy("federated-isles", tmp.path(), |_, text| text);
    let at = |date: &str| markdown_as_of(&dataset, "open-letter", date);
    // Visited in November 2017; the report is of 10 January 2018.
    let before = at("2017-12-01");
    assert!(
        !before.contains("remind you of the recommendations"),
        "{before}"
    );
    let after = at("2018-03-01");
    assert!(
        after.contains(
            "remind you of the recommendations made by the Special Rapporteur on the right to food"
        ),
        "{after}"
    );
}

/// An overdue report recorded with the day it was finally submitted: a
/// letter dated before that day urges it, one dated after does not.
#[test]
fn federated_isles_an_overdue_report_since_submitted() {
    let with = |submitted: &str| {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dataset = example_edited(
            "federated-isles",
            tmp.path(),
            "treaties.toml",
            "due = 2021-05-15,",
            &format!("due = 2021-05-15, submitted = {submitted},"),
        );
        markdown(&dataset, "open-letter", "en")
    };
    let later = with("2024-02-01");
    assert!(
        later.contains("the combined fifth and sixth periodic reports to the Committee on the Rights of the Child, overdue since 15 May 2021"),
        "{later}"
    );
    let earlier = with("2023-01-10");
    assert!(
        !earlier.contains("combined fifth and sixth periodic"),
        "{earlier}"
    );
}

/// Drafted `--as-of` another day, the warnings on the document's date are
/// made against that day, not the entry's.
#[test]
fn valdoria_date_warnings_follow_as_of() {
    let dataset = root().join("examples/valdoria");
    let out = hrdraft(
        &["lint", "-t", "open-letter", "--as-of", "2025-11-20"],
        &[&dataset],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("drafted as of 2025-11-20: the open letter (2025-11-20) is dated after the election (2025-10-14)"),
        "{stderr}"
    );
    // On its own date the letter is before the election: no such warning.
    let out = hrdraft(&["lint", "-t", "open-letter"], &[&dataset]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("after the election"), "{stderr}");
}

/// A committee's newest observations, adopted after the letter, recorded
/// with its earlier ones: the letter urges the earlier, the latest it knew.
#[test]
fn federated_isles_earlier_observations_stand_in_for_later_ones() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = example_edited("federated-isles", tmp.path(), "treaties.toml", "symbol = \"CAT/C/XFI/CO/2\"\ndate = 2019-05-24\nsource = \"cat-c-xfi-co-2\"\n\n[[reporting.concluding_observations.recommendations]]\nparagraph = \"para 12\"\nsummary = \"establish an independent mechanism to investigate every allegation of ill-treatment in police custody and in immigration detention\"\n",
                "symbol = \"CAT/C/XFI/CO/3\"\ndate = 2024-05-24\n\n[[reporting.concluding_observations.recommendations]]\nparagraph = \"para 9\"\nsummary = \"abolish immigration detention of children\"\n\n[[reporting.earlier_observations]]\nsymbol = \"CAT/C/XFI/CO/2\"\ndate = 2019-05-24\nsource = \"cat-c-xfi-co-2\"\n\n[[reporting.earlier_observations.recommendations]]\nparagraph = \"para 12\"\nsummary = \"establish an independent mechanism to investigate every allegation of ill-treatment in police custody and in immigration detention\"\n");
    let out = hrdraft(&["check"], &[&dataset]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = markdown(&dataset, "open-letter", "en");
    assert!(
        md.contains("We urge you to implement the 2019 recommendations by the Committee against Torture, in particular to establish an independent mechanism"),
        "{md}"
    );
    assert!(!md.contains("immigration detention of children"), "{md}");
}

/// A letter dated between the Working Group's report and the addendum
/// that answered some recommendations: those are made but not yet
/// answered, and the letter urges the State to support them.
#[test]
fn kazakhstan_recommendations_not_yet_answered_on_the_letters_date() {
    let dataset = root().join("examples/kazakhstan");
    let at = |date: &str| markdown_as_of(&dataset, "open-letter", date);
    let before = at("2010-04-01");
    assert!(
        before.contains(
            "Your government has yet to respond to three recommendations made during the review"
        ),
        "{before}"
    );
    assert!(before.contains("we urge you to support them."), "{before}");
    assert!(
        before.contains(
            "A/HRC/14/10, recommendations 97.16 (France), 97.17 (Belgium), and 97.18 (Spain)."
        ),
        "{before}"
    );
    // On the letter's own date the addendum is out: nothing is pending.
    let l = letter("kazakhstan", &[]);
    l.lacks("has yet to respond to");
}

/// The standing invitation a review recommended: the letter says so, with
/// the recommendations in a note, as it does for an instrument.
#[test]
fn a_standing_invitation_recommended_at_the_review() {
    letter("solvane", &[]).has("We encourage you to extend a standing invitation to the Special Procedures, in line with the recommendation your government supported during the Universal Periodic Review in 2023.");
    letter("ardenne", &[]).has("We further encourage you to extend a standing invitation to the Special Procedures, as was recommended to Ardenne during the Universal Periodic Review in 2024.");
}

/// A question set with nothing to send, its file being there: render,
/// lint and check say why, rather than that the file is missing.
#[test]
fn a_question_set_with_nothing_to_send_says_why() {
    let kestria = root().join("examples/kestria");
    let out = hrdraft(
        &["render", "-t", "pledging-questions", "-f", "md", "-o"],
        &[&std::env::temp_dir(), &kestria],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "pledging-questions has nothing to draft from: no questions in questions.toml"
        ),
        "{stderr}"
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = crate::support::example_copy("lumeria", tmp.path(), |file, text| {
        if file == "questions.toml" {
            text.replace("[[questions]]\n", "[[questions]]\nanswered = true\n")
        } else {
            text
        }
    });
    let out = hrdraft(&["check", "--for", "pledging-questions"], &[&dataset]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pledging-questions has nothing to draft from: every question in questions.toml was answered at the event"),
        "{stderr}"
    );
    let out = hrdraft(&["lint", "-t", "pledging-questions"], &[&dataset]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("questions.toml records every question as answered at the event: there is nothing to send"),
        "{stderr}"
    );
}

/// The Russian letter ties the standing invitation to the review as the
/// English does.
#[test]
fn a_standing_invitation_recommended_at_the_review_in_russian() {
    let ru = markdown(&root().join("examples/ardenne"), "open-letter", "ru");
    assert!(
        ru.contains("направить постоянное приглашение специальным процедурам, как было рекомендовано Вашей стране в ходе универсального периодического обзора в 2024"),
        "{ru}"
    );
}
