//! The files of a generated dataset other than `upr.toml`, shaped like the Kazakhstan example's.

use hrdraft_sdk::TreatyId;

use super::rng::Rng;
use super::text::{self, PEOPLE};
use super::toml::Toml;
use super::upr::{ADDENDUM, FOLLOW_UP, REPORT};

/// Names and codes of one generated country.
pub struct Names {
    /// "Valdoria".
    pub name: String,
    /// "valdoria".
    pub short_name: String,
    /// Two upper-case letters, unique in the batch.
    pub iso2: String,
    /// Three upper-case letters, unique in the batch.
    pub iso3: String,
}

/// Letters of `n` in base 26, `len` of them ("AAA" for 0).
pub fn letters(mut n: usize, len: usize) -> String {
    let mut out = vec![b'A'; len];
    for slot in out.iter_mut().rev() {
        *slot = b'A' + (n % 26) as u8;
        n /= 26;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `country.toml`: the State and three addressees, one with a postal address.
pub fn country(rng: &mut Rng, c: &Names) -> String {
    let mut t = Toml::default();
    t.comment(&format!("{}: a generated benchmark dataset.", c.name));
    t.table("country")
        .str("name", &c.name)
        .str("official_name", &format!("Republic of {}", c.name))
        .str("iso2", &c.iso2)
        .str("iso3", &c.iso3)
        .str("short_name", &c.short_name);
    t.array("addressees")
        .str("id", "minister")
        .raw("role", "\"minister-of-foreign-affairs\"")
        .str("name", rng.pick(&PEOPLE))
        .str("title", "Minister of Foreign Affairs")
        .str("organisation", "Ministry of Foreign Affairs")
        .strs(
            "address",
            &["1 Government Square", "010000 Capital City", &c.name],
        )
        .str("salutation", "Dear Minister,")
        .raw("as_of", "2012-10-18");
    for (id, role, city) in [
        (
            "pr-new-york",
            "permanent-representative-new-york",
            "New York",
        ),
        ("pr-geneva", "permanent-representative-geneva", "Geneva"),
    ] {
        t.array("addressees")
            .str("id", id)
            .raw("role", format!("\"{role}\""))
            .str("honorific", "H.E.")
            .str("name", rng.pick(&PEOPLE))
            .str(
                "title",
                &format!(
                    "Permanent Representative of {} to the United Nations in {city}",
                    c.name
                ),
            )
            .raw("as_of", "2021-09-29");
    }
    t.0
}

/// `documents.toml`: an author and the facts of the three documents.
pub fn documents(rng: &mut Rng, c: &Names) -> String {
    let mut t = Toml::default();
    t.table("author")
        .str("organisation", "Amnesty International");
    t.array("documents")
        .str("template", "open-letter")
        .raw("date", "2012-10-18")
        .str("reference", &format!("TG {} 57/2012.002", c.iso3))
        .str("index", &format!("EUR 57/{:03}/2012", rng.below(1000)))
        .strs("addressees", &["minister"])
        .str(
            "copy_to",
            "your country's permanent missions in Geneva and New York",
        );
    t.array("documents.signatories")
        .str("name", rng.pick(&PEOPLE))
        .strs(
            "title",
            &["Deputy Programme Director", "Regional Programme"],
        )
        .str("organisation", "Amnesty International");
    t.array("documents")
        .str("template", "pledging-questions")
        .raw("date", "2021-09-29")
        .strs("addressees", &["pr-new-york", "pr-geneva"])
        .strs(
            "on_behalf_of",
            &[
                "Amnesty International",
                "International Service for Human Rights",
            ],
        );
    t.table("documents.author")
        .str("organisation", "International Service for Human Rights");
    t.array("documents.signatories")
        .str("name", rng.pick(&PEOPLE))
        .strs("title", &["New York Office Director"])
        .str("organisation", "International Service for Human Rights")
        .str("email", "director@example.org");
    t.array("documents")
        .str("template", "mia-report")
        .raw("date", "2012-12-03");
    t.table("documents.author")
        .str("organisation", "UPR Info")
        .strs(
            "address",
            &["Avenue du Mail 14", "CH - 1205 Geneva", "Switzerland"],
        )
        .str("website", "https://example.org")
        .str("email", "info@example.org")
        .str("phone", "+ 41 (0) 22 321 77 70");
    t.0
}

/// `candidacy.toml`: the election and 3 to 8 pledges (the example has 6).
pub fn candidacy(rng: &mut Rng, c: &Names) -> String {
    let mut t = Toml::default();
    t.raw("election", "2012-11-12")
        .raw("term_start", 2013)
        .raw("term_end", 2015)
        .str("regional_group", "Asia-Pacific States");
    t.table("pledge_document")
        .str("symbol", "A/67/122")
        .raw("date", "2012-06-06")
        .str(
            "description",
            &format!(
                "the Annex to the letter from the Permanent Representative of {} to the President of the General Assembly",
                c.name
            ),
        )
        .str("source", "pledges");
    let targets = [
        "{ mechanism = \"special-procedures\" }",
        "{ mechanism = \"upr\" }",
        "{ mechanism = \"human-rights-council\" }",
        "{ treaty = \"ICCPR-OP2\" }",
        "{ treaty = \"OP-CAT\" }",
        "{ policy = \"measures to strengthen women's role in public life\" }",
    ];
    for i in 0..rng.range(3, 8) {
        let target = i % targets.len();
        let level = if target < 3 {
            "international"
        } else {
            "national"
        };
        let len = rng.range(60, 140);
        t.array("pledges")
            .str("id", &format!("pledge-{}", i + 1))
            .raw("level", format!("\"{level}\""))
            .str("text", &format!("{}.", text::prose(rng, len, true)))
            .raw("targets", format!("[{}]", targets[target]))
            .str("source", "pledges");
    }
    t.0
}

/// `questions.toml`: the pledging event and 4 to 14 questions (the example has 12).
pub fn questions(rng: &mut Rng) -> String {
    let mut t = Toml::default();
    t.raw("date", "2021-09-08")
        .strs(
            "organisers",
            &[
                "Amnesty International",
                "the International Service for Human Rights",
            ],
        )
        .str("format", "online")
        .raw("term_start", 2022)
        .raw("term_end", 2024)
        .str("attendance", "over 200 online attendees")
        .raw("participated", rng.chance(0.5))
        .str("published_on", "ISHR's website")
        .raw("reply_by", "2021-10-08");
    t.table("contact")
        .str("name", rng.pick(&PEOPLE))
        .str("email", "contact@example.org");
    let n = rng.range(4, 14);
    for i in 0..n {
        let len = rng.log_normal(5.6, 0.5, 80, 700);
        let mut q = text::prose(rng, len, false);
        q.pop();
        q.push('?');
        t.array("questions")
            .str("asker", rng.pick(&text::STAKEHOLDERS).0)
            .raw("to", if i < 2 { "\"state\"" } else { "\"all\"" })
            .str("text", &q);
    }
    t.0
}

/// `special-procedures.toml`: a standing invitation, visits and communications.
pub fn special_procedures(rng: &mut Rng, c: &Names) -> (String, Vec<String>) {
    const MANDATES: [&str; 5] = [
        "Special Rapporteur on the independence of judges and lawyers",
        "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
        "Special Rapporteur on freedom of religion or belief",
        "Independent Expert on minority issues",
        "Special Rapporteur on the rights to freedom of peaceful assembly and of association",
    ];
    let mut t = Toml::default();
    t.raw(
        "standing_invitation",
        "{ extended = true, source = \"compilation\" }",
    );
    for (i, mandate) in MANDATES.iter().enumerate().take(rng.range(2, 5)) {
        let year = 2004 + 2 * i;
        let requested = i + 1 == MANDATES.len() || rng.chance(0.2);
        t.array("visits").str("mandate", mandate);
        if requested {
            t.raw("status", "\"requested\"")
                .strs("sources", &["compilation"]);
            continue;
        }
        t.raw("status", "\"done\"")
            .raw("date", format!("{year}-06-11"))
            .raw("end", format!("{year}-06-17"))
            .strs("sources", &["compilation"]);
        for p in 0..rng.range(0, 4) {
            let len = rng.range(40, 200);
            t.array("visits.recommendations")
                .str("paragraph", &format!("para {}", 10 + 3 * p))
                .str("summary", &text::prose(rng, len, false).to_lowercase())
                .str("source", "compilation");
        }
    }
    let mut refs = Vec::new();
    for i in 0..rng.range(1, 3) {
        let reference = format!("AL {} {}/2022", c.iso3, i + 1);
        let len = rng.range(150, 600);
        t.array("communications")
            .str("reference", &reference)
            .raw("kind", "\"JAL\"")
            .raw("date", format!("2022-0{}-18", i + 1))
            .strs("mandates", &MANDATES[..2])
            .str("summary", &text::prose(rng, len, false))
            .str("source", "compilation");
        refs.push(reference);
    }
    (t.0, refs)
}

/// `reprisals.toml`: 0 to 4 cases (the example has 3), each tied to a communication.
pub fn reprisals(rng: &mut Rng, communications: &[String]) -> String {
    let mut t = Toml::default();
    t.comment("Reprisal and intimidation cases (generated).");
    for i in 0..rng.range(0, 4) {
        let what = rng.log_normal(6.0, 0.4, 150, 1200);
        t.array("cases")
            .str("id", &format!("case-{}", i + 1))
            .raw(
                "kind",
                if rng.chance(0.5) {
                    "\"intimidation\""
                } else {
                    "\"reprisal\""
                },
            )
            .str("who", &text::prose(rng, 100, false))
            .raw("date", "2022-09-09")
            .str("engagement", &text::prose(rng, 90, false))
            .str("what", &text::prose(rng, what, false));
        if let Some(r) = communications.get(i % communications.len().max(1)) {
            t.str("communication", r);
        }
        t.strs("sources", &["compilation"]);
    }
    t.0
}

/// `treaties.toml`: all 18 instruments, as the loader warns otherwise, and
/// reporting to three committees.
pub fn treaties(rng: &mut Rng) -> String {
    let mut t = Toml::default();
    for (i, id) in TreatyId::ALL.iter().enumerate() {
        t.array("instruments").str("treaty", id.code());
        // Never before the instrument was opened for signature.
        let after = |year: usize| year.max(usize::from(id.opened().year) + 1);
        match rng.weighted(&[12, 3, 4]) {
            0 => {
                t.raw("status", "\"party\"")
                    .raw("ratified", format!("{}-08-26", after(1994 + i)));
            }
            1 => {
                t.raw("status", "\"signatory\"")
                    .str("signed", &format!("{}", after(2000 + i)));
            }
            _ => {
                t.raw("status", "\"no-action\"");
            }
        }
        t.strs("sources", &["compilation"]);
    }
    for (body, symbol) in [("CCPR", "CCPR/C/CO/1"), ("CAT", "CAT/C/CO/2")] {
        t.array("reporting").str("body", body);
        t.table("reporting.latest_report")
            .str("report", "initial")
            .str("submitted", "2009-07");
        t.table("reporting.concluding_observations")
            .str("symbol", symbol)
            .raw("date", "2010-08-19")
            .str("source", "concluding-observations");
        for p in 0..rng.range(1, 3) {
            let len = rng.range(60, 220);
            t.array("reporting.concluding_observations.recommendations")
                .str("paragraph", &format!("para {}", 8 + p))
                .str("summary", &text::prose(rng, len, false).to_lowercase());
        }
    }
    t.array("reporting").str("body", "CERD").raw(
        "overdue",
        "[{ report = \"fourth and fifth periodic\", due = \"2007-09\", source = \"compilation\" }]",
    );
    t.0
}

/// `sources.toml`: every source id the other files cite.
pub fn sources(c: &Names) -> String {
    let mut t = Toml::default();
    let symbol = |s: &str| s.replace("XXX", &c.iso3);
    for (id, title, sym, date) in [
        ("pledges", None, "A/67/122", None),
        (
            "compilation",
            Some("Compilation prepared by the Office of the High Commissioner for Human Rights"),
            "A/HRC/WG.6/7/XXX/2",
            Some("2009-11-20"),
        ),
        (
            "concluding-observations",
            Some("Concluding observations of the Human Rights Committee"),
            "CCPR/C/XXX/CO/1",
            Some("2010-08-19"),
        ),
        (
            REPORT,
            Some("Report of the Working Group on the Universal Periodic Review"),
            "A/HRC/14/10",
            Some("2010-03-23"),
        ),
        (
            ADDENDUM,
            Some("Report of the Working Group on the Universal Periodic Review, Addendum"),
            "A/HRC/14/10/Add.1",
            Some("2010-06-01"),
        ),
    ] {
        t.array("sources").str("id", id).str("symbol", &symbol(sym));
        if let Some(title) = title {
            t.str("title", &format!("{title}, {}", c.name));
        }
        if let Some(d) = date {
            t.raw("date", d);
        }
    }
    t.array("sources")
        .str("id", FOLLOW_UP)
        .str("author", "UPR Info")
        .str(
            "title",
            &format!("{}: Mid-term Implementation Assessment", c.name),
        )
        .raw("italic_title", true)
        .raw("date", "2012-12-03")
        .str("url", "https://example.org/follow-up");
    t.0
}
