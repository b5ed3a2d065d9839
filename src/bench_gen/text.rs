//! Synthetic wording with the shape of the Kazakhstan example: lengths, mixes and Unicode measured from it.
//!
//! Every figure below was measured on `examples/kazakhstan/upr.toml` (129
//! recommendations, 193 assessments) by reading it with Python's `tomllib`
//! and taking `statistics.mean`/`pstdev` of the quantity (of its natural
//! logarithm for lengths, which are log-normal), or `collections.Counter` of
//! it for counts. Rerun that measurement if the example grows.

use super::rng::Rng;

/// Recommendation text length in characters: ln mean 5.021, ln sd 0.486
/// (mean 169 chars, sd 79, range 33–492).
pub const REC_TEXT_LN_MEAN: f64 = 5.021;
/// See [`REC_TEXT_LN_MEAN`].
pub const REC_TEXT_LN_SD: f64 = 0.486;
/// Shortest and longest recommendation text.
pub const REC_TEXT_RANGE: (usize, usize) = (33, 492);

/// Assessment comment length in characters: ln mean 5.719, ln sd 1.113
/// (mean 520 chars, sd 573, range 4–3087).
pub const COMMENT_LN_MEAN: f64 = 5.719;
/// See [`COMMENT_LN_MEAN`].
pub const COMMENT_LN_SD: f64 = 1.113;
/// Shortest and longest comment.
pub const COMMENT_RANGE: (usize, usize) = (4, 3087);

/// Paragraphs per comment, counts for 1..=6 paragraphs (mean 2.07, sd 1.30).
pub const PARAGRAPHS_PER_COMMENT: [u32; 6] = [83, 59, 27, 8, 10, 6];
/// Comments written as a "- " list: 3 of 193, about 7 items each.
pub const LIST_COMMENT_SHARE: f64 = 3.0 / 193.0;

/// Issues per recommendation, counts for 1..=5 (mean 1.50, sd 0.80).
pub const ISSUES_PER_REC: [u32; 5] = [81, 37, 7, 2, 2];

/// Assessments per recommendation, counts for 0..=4 (mean 1.496, sd 0.80).
pub const ASSESSMENTS_PER_REC: [u32; 5] = [9, 61, 47, 10, 2];
/// The mean of [`ASSESSMENTS_PER_REC`], for the default `--assessments`.
pub const ASSESSMENTS_MEAN: f64 = 1.496;

/// Levels of the 193 assessments: not, partially, fully, none stated.
pub const LEVELS: [u32; 4] = [109, 68, 14, 2];

/// Responses: 127 accepted, 2 noted.
pub const RESPONSES: [u32; 2] = [127, 2];

/// Share of recommendations with a Working Group paragraph (15 of 129) and
/// with a response given in the addendum (3 of 129).
pub const PARAGRAPH_SHARE: f64 = 15.0 / 129.0;
/// See [`PARAGRAPH_SHARE`].
pub const RESPONSE_SOURCE_SHARE: f64 = 3.0 / 129.0;

/// Share of assessed recommendations that repeat the previous one's
/// responses word for word (the MIA's "+" clusters): 3 of 120.
pub const CLUSTER_SHARE: f64 = 3.0 / 120.0;

/// Share of assessments by each stakeholder, most active first (KIHRRLC 114,
/// PRI 23, F18 22, UNESCO 14, TP 8, LCWISS 8, WCADP 3, GS 1 of 193).
pub const STAKEHOLDER_SHARE: [u32; 8] = [114, 23, 22, 14, 8, 8, 3, 1];

/// Non-ASCII characters per character of recommendation and comment text:
/// 23 en dashes and 2 pairs of guillemets in about 122,000 characters.
pub const EN_DASH_RATE: f64 = 23.0 / 122_000.0;
/// See [`EN_DASH_RATE`].
pub const GUILLEMET_RATE: f64 = 2.0 / 122_000.0;

/// Thematic sections and how many recommendations each holds.
pub const THEMES: [(&str, u32); 8] = [
    ("Justice", 31),
    ("CP Rights", 23),
    ("Women & Children", 19),
    ("International Instruments", 16),
    ("Other", 13),
    ("Indigenous & Minorities", 9),
    ("ESC Rights", 8),
    ("SOGI", 1),
];

/// Issues as the UPR Info database names them, with how many of the
/// example's recommendations concern each.
pub const ISSUES: [(&str, u32); 40] = [
    ("International instruments", 23),
    ("Rights of the Child", 13),
    ("Justice", 12),
    ("Torture and other CID treatment", 11),
    ("Women's rights", 11),
    ("Freedom of religion and belief", 10),
    ("Freedom of opinion and expression", 10),
    ("Disabilities", 9),
    ("Freedom of the press", 8),
    ("NHRI", 7),
    ("Detention conditions", 7),
    ("Human rights education and training", 6),
    ("Trafficking", 6),
    ("Death penalty", 5),
    ("National plan of action", 5),
    ("ESC rights - general", 4),
    ("Right to education", 4),
    ("Asylum-seekers - refugees", 3),
    ("Special procedures", 3),
    ("Elections", 3),
    ("Minorities", 3),
    ("UPR process", 3),
    ("Civil society", 3),
    ("Labour", 2),
    ("Technical assistance", 2),
    ("Freedom of association and peaceful assembly", 2),
    ("Right to health", 2),
    ("Environment", 2),
    ("HIV - Aids", 2),
    ("Poverty", 2),
    ("General", 2),
    ("Migrants", 1),
    ("Other", 1),
    ("Human rights defenders", 1),
    ("Counter-terrorism", 1),
    ("Human rights violations by state agents", 1),
    ("Impunity", 1),
    ("Development", 1),
    ("Sexual Orientation and Gender Identity", 1),
    ("CP rights - general", 1),
];

/// Recommending States (45 distinct ones in the example), with the
/// diacritics and apostrophes of their UN names.
pub const STATES: [&str; 48] = [
    "Algeria",
    "Argentina",
    "Austria",
    "Azerbaijan",
    "Belarus",
    "Belgium",
    "Brazil",
    "Canada",
    "Chile",
    "China",
    "Côte d'Ivoire",
    "Cuba",
    "Czech Republic",
    "Egypt",
    "Estonia",
    "France",
    "Germany",
    "Hungary",
    "India",
    "Indonesia",
    "Iran (Islamic Republic of)",
    "Ireland",
    "Italy",
    "Japan",
    "Jordan",
    "Kyrgyzstan",
    "Latvia",
    "Lithuania",
    "Malaysia",
    "Mexico",
    "Netherlands",
    "Norway",
    "Pakistan",
    "Poland",
    "Qatar",
    "Republic of Korea",
    "Russian Federation",
    "Slovakia",
    "Slovenia",
    "Spain",
    "Sweden",
    "Switzerland",
    "Tajikistan",
    "Türkiye",
    "United Kingdom of Great Britain and Northern Ireland",
    "United States of America",
    "Uzbekistan",
    "Viet Nam",
];

const VERBS: [&str; 24] = [
    "Ratify",
    "Adopt",
    "Ensure",
    "Strengthen",
    "Continue",
    "Consider",
    "Take measures to guarantee",
    "Establish",
    "Guarantee",
    "Abolish",
    "Review",
    "Bring",
    "Intensify efforts to combat",
    "Implement",
    "Promote",
    "Amend",
    "Investigate",
    "Develop",
    "Provide",
    "Align",
    "Step up efforts to protect",
    "Pursue",
    "Extend",
    "Repeal",
];

const PHRASES: [&str; 48] = [
    "the right to freedom of expression",
    "in accordance with international standards",
    "human rights defenders",
    "the national preventive mechanism",
    "law enforcement officials",
    "persons with disabilities",
    "the Optional Protocol to the Convention against Torture",
    "civil society organisations",
    "an independent and impartial investigation",
    "all allegations of torture and ill-treatment",
    "the registration of religious associations",
    "the independence of the judiciary",
    "victims of trafficking in persons",
    "the national human rights institution",
    "the Paris Principles",
    "domestic violence against women and girls",
    "the rights of the child",
    "juvenile justice",
    "freedom of peaceful assembly",
    "the death penalty",
    "conditions of detention",
    "access to legal counsel from the moment of arrest",
    "the criminal code",
    "journalists and media workers",
    "ethnic and religious minorities",
    "migrant workers and members of their families",
    "refugees and asylum-seekers",
    "the standing invitation to the special procedures",
    "the treaty bodies",
    "the national plan of action on human rights",
    "human rights education and training",
    "the Convention on the Rights of Persons with Disabilities",
    "gender equality in public life",
    "the elimination of discrimination",
    "the right to education",
    "the right to health",
    "political parties and elections",
    "the Ombudsman's office",
    "national legislation",
    "the Law on Mass Media",
    "the Administrative Code",
    "the penitentiary system",
    "the recommendations of the treaty bodies",
    "international human rights obligations",
    "effective remedies",
    "public awareness campaigns",
    "the follow-up of the Universal Periodic Review",
    "all persons deprived of their liberty",
];

const LINKS: [&str; 12] = [
    " and ",
    " of ",
    " for ",
    " with ",
    ", in particular ",
    " to protect ",
    " regarding ",
    ", including ",
    " through ",
    " in line with ",
    " concerning ",
    ", as well as ",
];

const SUBJECTS: [&str; 12] = [
    "The Government",
    "The new law",
    "The authorities",
    "Parliament",
    "The Ombudsman",
    "The Prosecutor General's Office",
    "Our monitoring",
    "The draft bill",
    "The national action plan",
    "The Ministry of Justice",
    "The courts",
    "Local officials",
];

const PREDICATES: [&str; 14] = [
    "has not taken steps to address",
    "adopted amendments concerning",
    "continues to restrict",
    "has partially improved",
    "announced a review of",
    "failed to consult civil society on",
    "introduced training on",
    "reported progress on",
    "has not yet published data on",
    "established a working group on",
    "imposed new requirements on",
    "allocated a budget for",
    "still limits",
    "undertook to reform",
];

/// Text of about `target` characters: a recommendation when `imperative`
/// ("Ensure … "), otherwise sentences of a stakeholder's comment.
pub fn prose(rng: &mut Rng, target: usize, imperative: bool) -> String {
    let mut s = String::with_capacity(target + 80);
    if imperative {
        s.push_str(rng.pick(&VERBS));
        s.push(' ');
        s.push_str(rng.pick(&PHRASES));
        while s.len() < target {
            push_link(rng, &mut s);
            s.push_str(rng.pick(&PHRASES));
        }
        fit(&mut s, target);
        return s;
    }
    while s.len() < target {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(rng.pick(&SUBJECTS));
        s.push(' ');
        s.push_str(rng.pick(&PREDICATES));
        s.push(' ');
        quoted_phrase(rng, &mut s);
        let clauses = rng.below(3);
        for _ in 0..clauses {
            push_link(rng, &mut s);
            quoted_phrase(rng, &mut s);
        }
        s.push('.');
    }
    if s.len() > target {
        fit(&mut s, target.saturating_sub(1));
        s.push('.');
    }
    s
}

/// Cut `s` to at most `target` bytes at a word boundary, so lengths follow
/// the measured distribution rather than overshoot it by a phrase.
fn fit(s: &mut String, target: usize) {
    if s.len() <= target {
        return;
    }
    let mut end = target.max(1);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(space) = s[..end].rfind(' ').filter(|i| *i > end / 2) {
        end = space;
    }
    s.truncate(end);
    while s.ends_with(|c: char| !c.is_alphanumeric()) {
        s.pop();
    }
}

fn push_link(rng: &mut Rng, s: &mut String) {
    // One en dash per EN_DASH_RATE characters, as a parenthetical break.
    let phrase_len = 30.0;
    if rng.chance(EN_DASH_RATE * phrase_len) {
        s.push_str(" – ");
    } else {
        s.push_str(rng.pick(&LINKS));
    }
}

fn quoted_phrase(rng: &mut Rng, s: &mut String) {
    let phrase = rng.pick(&PHRASES);
    if rng.chance(GUILLEMET_RATE * 30.0) {
        s.push('«');
        s.push_str(phrase);
        s.push('»');
    } else {
        s.push_str(phrase);
    }
}

/// A stakeholder's comment: its length, paragraphs and lists as measured.
pub fn comment(rng: &mut Rng) -> String {
    let len = rng.log_normal(
        COMMENT_LN_MEAN,
        COMMENT_LN_SD,
        COMMENT_RANGE.0,
        COMMENT_RANGE.1,
    );
    let paragraphs = (rng.weighted(&PARAGRAPHS_PER_COMMENT) + 1).min(len / 60 + 1);
    let per = len / paragraphs;
    let mut out = String::with_capacity(len + 200);
    for p in 0..paragraphs {
        if p > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&prose(rng, per.max(1), false));
    }
    if rng.chance(LIST_COMMENT_SHARE) {
        out.push_str("\n\n");
        for i in 0..rng.range(4, 10) {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("- ");
            out.push_str(rng.pick(&PHRASES));
        }
    }
    out
}

const SYLLABLES: [&str; 32] = [
    "val", "dor", "ast", "ria", "mar", "ken", "tel", "oss", "ina", "bar", "zul", "ora", "gal",
    "vin", "sta", "lor", "nia", "pet", "ru", "sal", "tov", "ema", "qar", "ith", "mon", "dal",
    "ber", "kos", "lan", "ev", "ur", "an",
];

/// A made-up country name from syllables; about one in five carries a
/// diacritic, as real names do (Türkiye, Côte d'Ivoire).
pub fn country_name(rng: &mut Rng) -> String {
    let n = rng.range(2, 3);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(&SYLLABLES));
    }
    s.push_str(rng.pick(&["ia", "a", "istan", "and", "ovia"]));
    if rng.chance(0.2) {
        if let Some(i) = s.find('a') {
            s.replace_range(i..i + 1, "á");
        } else if let Some(i) = s.find('o') {
            s.replace_range(i..i + 1, "ö");
        }
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// The ASCII file name of a country name made by [`country_name`].
pub fn short_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'á' => 'a',
            'ö' => 'o',
            c => c.to_ascii_lowercase(),
        })
        .filter(|c| c.is_ascii_lowercase())
        .collect()
}

/// People's names, Latin and Cyrillic, for addressees and signatories.
pub const PEOPLE: [&str; 12] = [
    "Aigerim Nurlanovna",
    "Ерлан Сейткали",
    "Madeleine Dubois",
    "João Pereira",
    "Zhanar Abenova",
    "Søren Lindqvist",
    "Анна Қасымова",
    "Miguel Ángel Ortiz",
    "Fatou Diallo",
    "Nguyễn Thị Lan",
    "Oleksandr Kovalenko",
    "Élise Martin",
];

/// Stakeholders: (name, kind), in the order of [`STAKEHOLDER_SHARE`]; the
/// abbreviation is made from the name.
pub const STAKEHOLDERS: [(&str, &str); 12] = [
    (
        "International Human Rights and the Rule of Law Committee",
        "ngo",
    ),
    ("Penal Reform International - Central Asia", "ngo"),
    ("Forum for Freedom of Belief", "ngo"),
    ("UNESCO Regional Office", "un-agency"),
    ("Правозащитный центр «Мемориал»", "ngo"),
    ("Legal Center of Women's Initiatives", "ngo"),
    ("Coalition Against the Death Penalty", "ngo"),
    ("Environmental society «Green Salvation»", "ngo"),
    ("Ligue des droits de l'Homme – Genève", "ngo"),
    ("National Commission for Human Rights", "nhri"),
    ("Asociación Pro Derechos Humanos", "ngo"),
    ("UNICEF Country Office", "un-agency"),
];

/// The abbreviation of a stakeholder: its capitals (Latin or Cyrillic),
/// made unique by a number.
pub fn abbreviation(name: &str, i: usize) -> String {
    let caps: String = name.chars().filter(|c| c.is_uppercase()).collect();
    if i < STAKEHOLDERS.len() {
        caps
    } else {
        format!("{caps}{}", i / STAKEHOLDERS.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_reaches_its_length_and_reads_as_text() {
        let mut r = Rng::new(5);
        let t = prose(&mut r, 170, true);
        assert!(t.len() > 120 && t.len() <= 170, "{t}");
        assert!(t.chars().next().is_some_and(char::is_uppercase));
        let c = prose(&mut r, 400, false);
        assert!(c.ends_with('.'));
    }

    #[test]
    fn short_names_are_file_names() {
        let mut r = Rng::new(9);
        for _ in 0..200 {
            let n = country_name(&mut r);
            let s = short_name(&n);
            assert!(
                !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()),
                "{n} {s}"
            );
        }
    }

    #[test]
    fn abbreviations_are_distinct() {
        let all: std::collections::HashSet<String> = (0..40)
            .map(|i| abbreviation(STAKEHOLDERS[i % STAKEHOLDERS.len()].0, i))
            .collect();
        assert_eq!(all.len(), 40);
    }
}
