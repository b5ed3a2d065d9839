//! Dates as documents write them: `{{date d}}`, `style="ordinal"`, `lang="ru"`.

use handlebars::{Helper, RenderError};
use hrdraft_sdk::Date;
use serde_json::Value;

use super::numbers::ordinal;
use super::{fail, hash_str, param, Lang};

/// Russian month names in the genitive, as a day-month date needs ("18 октября").
pub(crate) const RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
/// Russian month names in the nominative, for a month without a day ("октябрь 2012 г.").
const RU_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// "18 October 2012".
    #[default]
    Plain,
    /// "29th September, 2021".
    Ordinal,
    /// "8th September 2021", as a date reads inside a sentence in that style.
    OrdinalInline,
    /// "2012": the year alone.
    Year,
    /// "October 19, 2012", as a United States office dates its letters.
    MonthDayYear,
}

/// Write a date of any precision: "18 October 2012", "October 2012", "2012";
/// ordinal style "29th September, 2021"; Russian "18 октября 2012 г.".
pub fn format_date(d: &Date, style: DateStyle, lang: Lang) -> String {
    let year = d.year;
    if style == DateStyle::Year {
        return match lang {
            Lang::En => year.to_string(),
            Lang::Ru => format!("{year}\u{a0}г."),
        };
    }
    let month = d.month.map(|m| usize::from(m.clamp(1, 12)) - 1);
    match lang {
        Lang::En => {
            let name = |m: usize| hrdraft_sdk::MONTHS[m];
            match (month, d.day, style) {
                (Some(m), Some(day), DateStyle::Plain) => format!("{day} {} {year}", name(m)),
                (Some(m), Some(day), DateStyle::MonthDayYear) => {
                    format!("{} {day}, {year}", name(m))
                }
                (Some(m), Some(day), DateStyle::Ordinal) => {
                    format!("{} {}, {year}", ordinal(u64::from(day), Lang::En), name(m))
                }
                (Some(m), Some(day), _) => {
                    format!("{} {} {year}", ordinal(u64::from(day), Lang::En), name(m))
                }
                (Some(m), _, _) => format!("{} {year}", name(m)),
                (None, _, _) => year.to_string(),
            }
        }
        Lang::Ru => match (month, d.day) {
            (Some(m), Some(day)) => format!("{day} {} {year}\u{a0}г.", RU_GENITIVE[m]),
            (Some(m), None) => format!("{} {year}\u{a0}г.", RU_NOMINATIVE[m]),
            (None, _) => format!("{year}\u{a0}г."),
        },
    }
}

/// A date from a template value: the ISO text the dataset serialises to, or a year.
pub(crate) fn date_value(name: &str, v: &Value) -> Result<Date, RenderError> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => return Err(fail(name, format!("`{other}` is not a date"))),
    };
    text.parse::<Date>().map_err(|e| fail(name, e))
}

/// `{{date d}}`, `{{date d style="ordinal"}}`, `{{date d lang="ru"}}`.
pub fn date(h: &Helper<'_>) -> Result<Value, RenderError> {
    let d = date_value(h.name(), param(h, 0)?)?;
    Ok(Value::String(format_date(&d, style_of(h)?, Lang::of(h)?)))
}

/// The `style` a date helper is given.
fn style_of(h: &Helper<'_>) -> Result<DateStyle, RenderError> {
    Ok(match hash_str(h, "style")?.as_deref() {
        None | Some("") | Some("plain") | Some("day-month-year") => DateStyle::Plain,
        Some("month-day-year") => DateStyle::MonthDayYear,
        Some("ordinal") => DateStyle::Ordinal,
        Some("ordinal-inline") => DateStyle::OrdinalInline,
        Some("year") => DateStyle::Year,
        Some(other) => {
            return Err(fail(
                h.name(),
                format!(
                    "style `{other}` is unknown; use `plain` (`day-month-year`), `month-day-year`, `ordinal`, `ordinal-inline` or `year`"
                ),
            ))
        }
    })
}

/// Write a span of two dates as a sentence does, the year or month they
/// share said once: "22 April to 30 June 2025", "22 to 30 June 2025",
/// "April 22 to June 30, 2025"; "22 апреля — 30 июня 2025 г.". Dates of
/// unlike precision, or in unlike years, are written in full; a span of
/// one day is that day.
pub fn format_date_range(from: &Date, to: &Date, style: DateStyle, lang: Lang) -> String {
    let full = || {
        let sep = match lang {
            Lang::En => " to ",
            Lang::Ru => " — ",
        };
        format!(
            "{}{sep}{}",
            format_date(from, style, lang),
            format_date(to, style, lang)
        )
    };
    if from == to {
        return format_date(from, style, lang);
    }
    let days = (from.day.is_some(), to.day.is_some());
    let months = (from.month.is_some(), to.month.is_some());
    if from.year != to.year
        || days.0 != days.1
        || months.0 != months.1
        || !matches!(style, DateStyle::Plain | DateStyle::MonthDayYear)
    {
        return full();
    }
    let (Some(m1), Some(m2)) = (from.month, to.month) else {
        return full();
    };
    let name = |m: u8| match lang {
        Lang::En => hrdraft_sdk::MONTHS[usize::from(m.clamp(1, 12)) - 1],
        Lang::Ru => {
            let i = usize::from(m.clamp(1, 12)) - 1;
            if days.0 {
                RU_GENITIVE[i]
            } else {
                RU_NOMINATIVE[i]
            }
        }
    };
    let year = from.year;
    match (lang, from.day, to.day, style) {
        (Lang::En, Some(d1), Some(d2), DateStyle::MonthDayYear) if m1 == m2 => {
            format!("{} {d1} to {d2}, {year}", name(m1))
        }
        (Lang::En, Some(d1), Some(d2), DateStyle::MonthDayYear) => {
            format!("{} {d1} to {} {d2}, {year}", name(m1), name(m2))
        }
        (Lang::En, Some(d1), Some(d2), _) if m1 == m2 => {
            format!("{d1} to {d2} {} {year}", name(m1))
        }
        (Lang::En, Some(d1), Some(d2), _) => {
            format!("{d1} {} to {d2} {} {year}", name(m1), name(m2))
        }
        (Lang::En, _, _, _) => format!("{} to {} {year}", name(m1), name(m2)),
        (Lang::Ru, Some(d1), Some(d2), _) if m1 == m2 => {
            format!("{d1}–{d2} {} {year}\u{a0}г.", name(m1))
        }
        (Lang::Ru, Some(d1), Some(d2), _) => {
            format!("{d1} {} — {d2} {} {year}\u{a0}г.", name(m1), name(m2))
        }
        (Lang::Ru, _, _, _) => format!("{} — {} {year}\u{a0}г.", name(m1), name(m2)),
    }
}

/// `{{date_range from to}}`, with `style` and `lang` as `date` takes them.
pub fn date_range(h: &Helper<'_>) -> Result<Value, RenderError> {
    let from = date_value(h.name(), param(h, 0)?)?;
    let to = date_value(h.name(), param(h, 1)?)?;
    let style = style_of(h)?;
    Ok(Value::String(format_date_range(
        &from,
        &to,
        style,
        Lang::of(h)?,
    )))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::render::helpers::testing::{ok, render};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn english() {
        assert_eq!(
            format_date(&d("2012-10-18"), DateStyle::Plain, Lang::En),
            "18 October 2012"
        );
        assert_eq!(
            format_date(&d("2012-10"), DateStyle::Plain, Lang::En),
            "October 2012"
        );
        assert_eq!(format_date(&d("2009"), DateStyle::Plain, Lang::En), "2009");
        assert_eq!(
            format_date(&d("2012-10-19"), DateStyle::MonthDayYear, Lang::En),
            "October 19, 2012"
        );
        assert_eq!(
            format_date(&d("2012-10"), DateStyle::MonthDayYear, Lang::En),
            "October 2012"
        );
        assert_eq!(
            format_date(&d("2021-09-29"), DateStyle::Ordinal, Lang::En),
            "29th September, 2021"
        );
        assert_eq!(
            format_date(&d("2021-09-01"), DateStyle::Ordinal, Lang::En),
            "1st September, 2021"
        );
    }

    /// The year and its "г." never part: a no-break space joins them.
    #[test]
    fn russian() {
        assert_eq!(
            format_date(&d("2012-10-18"), DateStyle::Plain, Lang::Ru),
            "18 октября 2012\u{a0}г."
        );
        assert_eq!(
            format_date(&d("2012-03-08"), DateStyle::Plain, Lang::Ru),
            "8 марта 2012\u{a0}г."
        );
        assert_eq!(
            format_date(&d("2012-10"), DateStyle::Plain, Lang::Ru),
            "октябрь 2012\u{a0}г."
        );
        assert_eq!(
            format_date(&d("2009"), DateStyle::Plain, Lang::Ru),
            "2009\u{a0}г."
        );
    }

    #[test]
    fn helper() {
        let ctx = json!({"d": "2021-09-29", "y": 2009});
        assert_eq!(ok("{{date d}}", &ctx), "29 September 2021");
        assert_eq!(
            ok("{{date d style=\"ordinal\"}}", &ctx),
            "29th September, 2021"
        );
        assert_eq!(ok("{{date y}}", &ctx), "2009");
        assert_eq!(
            ok("{{date d style=\"ordinal-inline\"}}", &ctx),
            "29th September 2021"
        );
        assert_eq!(ok("{{date d style=\"year\"}}", &ctx), "2021");
        assert_eq!(
            ok("{{date d lang=\"ru\"}}", &ctx),
            "29 сентября 2021\u{a0}г."
        );
        let e = render("{{date \"2011-02-29\"}}", &ctx).unwrap_err();
        assert!(e.contains("February has 28 days"), "{e}");
        let e = render("{{date d style=\"long\"}}", &ctx).unwrap_err();
        assert!(e.contains("style `long` is unknown"), "{e}");
        let e = render("{{date nothing}}", &ctx).unwrap_err();
        assert!(e.contains("nothing"), "{e}");
    }

    #[test]
    fn ranges_say_the_shared_year_and_month_once() {
        let r = |a: &str, b: &str, style, lang| format_date_range(&d(a), &d(b), style, lang);
        use DateStyle::{MonthDayYear, Plain};
        assert_eq!(
            r("2025-04-22", "2025-06-30", Plain, Lang::En),
            "22 April to 30 June 2025"
        );
        assert_eq!(
            r("2025-06-22", "2025-06-30", Plain, Lang::En),
            "22 to 30 June 2025"
        );
        assert_eq!(
            r("2024-12-22", "2025-01-30", Plain, Lang::En),
            "22 December 2024 to 30 January 2025"
        );
        assert_eq!(
            r("2022-01", "2022-03", Plain, Lang::En),
            "January to March 2022"
        );
        assert_eq!(
            r("2022-01-20", "2022-03", Plain, Lang::En),
            "20 January 2022 to March 2022"
        );
        assert_eq!(
            r("2025-04-22", "2025-06-30", MonthDayYear, Lang::En),
            "April 22 to June 30, 2025"
        );
        assert_eq!(
            r("2025-06-22", "2025-06-30", MonthDayYear, Lang::En),
            "June 22 to 30, 2025"
        );
        assert_eq!(
            r("2025-04-22", "2025-06-30", Plain, Lang::Ru),
            "22 апреля — 30 июня 2025\u{a0}г."
        );
        assert_eq!(
            r("2025-06-22", "2025-06-30", Plain, Lang::Ru),
            "22–30 июня 2025\u{a0}г."
        );
        assert_eq!(r("2025", "2026", Plain, Lang::En), "2025 to 2026");
        assert_eq!(
            r("2025-06-22", "2025-06-22", Plain, Lang::En),
            "22 June 2025"
        );
        assert_eq!(
            ok(
                "{{date_range a b}}",
                &json!({ "a": "2025-04-22", "b": "2025-06-30" })
            ),
            "22 April to 30 June 2025"
        );
    }
}
