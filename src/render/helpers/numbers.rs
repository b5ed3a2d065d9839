//! Numbers in words and ordinals: `number_words`, `ordinal`.

use handlebars::{Helper, RenderError};
use serde_json::Value;

use super::{fail, param, Lang};

/// "1st", "2nd", "23rd", "111th"; Russian "1-й".
pub fn ordinal(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("{n}-й"),
        Lang::En => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

const EN_UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const RU_UNITS: [&str; 20] = [
    "ноль",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const RU_TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];

/// 0 to 100 in words ("sixty-six", Russian "шестьдесят шесть"); larger
/// numbers in figures, as house styles spell out only small numbers.
pub fn number_words(n: u64, lang: Lang) -> String {
    let (units, tens, hundred, joiner) = match lang {
        Lang::En => (&EN_UNITS, &EN_TENS, "one hundred", "-"),
        Lang::Ru => (&RU_UNITS, &RU_TENS, "сто", " "),
    };
    // Both casts are of numbers below 100.
    match n {
        0..=19 => units[n as usize].to_string(),
        20..=99 if n % 10 == 0 => tens[(n / 10) as usize].to_string(),
        20..=99 => format!(
            "{}{joiner}{}",
            tens[(n / 10) as usize],
            units[(n % 10) as usize]
        ),
        100 => hundred.to_string(),
        _ => n.to_string(),
    }
}

/// A whole, non-negative number from a parameter (a number or digits).
pub(crate) fn count_param(h: &Helper<'_>, idx: usize) -> Result<u64, RenderError> {
    let v = param(h, idx)?;
    let n = match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    n.ok_or_else(|| {
        fail(
            h.name(),
            format!("`{v}` is not a whole number of 0 or more"),
        )
    })
}

/// `{{ordinal n}}`, `{{ordinal n lang="ru"}}`.
pub fn ordinal_helper(h: &Helper<'_>) -> Result<Value, RenderError> {
    let n = count_param(h, 0)?;
    let lang = Lang::of(h)?;
    let words = h
        .hash_get("words")
        .is_some_and(|v| v.value().as_bool() == Some(true));
    Ok(Value::String(match ordinal_words(n, lang) {
        Some(w) if words => w.to_string(),
        _ => ordinal(n, lang),
    }))
}

/// An ordinal in words, as prose writes the small ones ("second", "fourth");
/// `None` beyond twelve, or in a language whose ordinals agree in gender.
pub fn ordinal_words(n: u64, lang: Lang) -> Option<&'static str> {
    const EN: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    match lang {
        Lang::En => n
            .checked_sub(1)
            .and_then(|i| EN.get(usize::try_from(i).ok()?))
            .copied(),
        Lang::Ru => None,
    }
}

/// `{{number_words n}}`, `{{number_words n lang="ru"}}`.
pub fn number_words_helper(h: &Helper<'_>) -> Result<Value, RenderError> {
    Ok(Value::String(number_words(
        count_param(h, 0)?,
        Lang::of(h)?,
    )))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::render::helpers::testing::{ok, render};

    #[test]
    fn ordinals_in_words() {
        assert_eq!(ok("{{ordinal 2 words=true}}", &json!({})), "second");
        assert_eq!(ok("{{ordinal 12 words=true}}", &json!({})), "twelfth");
        assert_eq!(ok("{{ordinal 13 words=true}}", &json!({})), "13th");
        assert_eq!(
            ok("{{ordinal 4 words=true lang=\"ru\"}}", &json!({})),
            "4-й"
        );
        assert_eq!(ok("{{ordinal 4}}", &json!({})), "4th");
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112]
            .iter()
            .map(|&n| ordinal(n, Lang::En))
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th"
            ]
        );
        assert_eq!(ordinal(1, Lang::Ru), "1-й");
        assert_eq!(ok("{{ordinal n}}", &json!({"n": 23})), "23rd");
        assert_eq!(ok("{{ordinal \"2\"}}", &json!({})), "2nd");
        // Russian "-" is escaped in Markdown.
        assert_eq!(ok("{{ordinal 1 lang=\"ru\"}}", &json!({})), "1-й");
        assert!(render("{{ordinal -1}}", &json!({})).is_err());
    }

    #[test]
    fn words() {
        assert_eq!(number_words(66, Lang::En), "sixty-six");
        assert_eq!(number_words(0, Lang::En), "zero");
        assert_eq!(number_words(13, Lang::En), "thirteen");
        assert_eq!(number_words(40, Lang::En), "forty");
        assert_eq!(number_words(100, Lang::En), "one hundred");
        assert_eq!(number_words(129, Lang::En), "129");
        assert_eq!(number_words(66, Lang::Ru), "шестьдесят шесть");
        assert_eq!(number_words(100, Lang::Ru), "сто");
        assert_eq!(ok("{{number_words n}}", &json!({"n": 21})), "twenty-one");
        let e = render("{{number_words n lang=\"fr\"}}", &json!({"n": 2})).unwrap_err();
        assert!(e.contains("`fr` is not supported"), "{e}");
    }
}
