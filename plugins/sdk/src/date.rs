//! Calendar dates as the source documents give them: a day, a month or only a year.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, possibly partial ("2009", "2009-05" or "2009-05-12").
///
/// Source documents often give only a year ("visits to Kazakhstan in 2009"),
/// so month and day are optional. In TOML a date may be written bare
/// (`date = 2012-10-18`) or as a string (`date = "2009"`); in JSON it is always
/// the ISO 8601 string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, 1900 to 2200.
    pub year: u16,
    /// The month, 1 to 12, if known.
    pub month: Option<u8>,
    /// The day of the month, if known (only with a month).
    pub day: Option<u8>,
}

/// Why a date was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// A full date, checked (`Date::ymd(2012, 2, 30)` is an error).
    pub fn ymd(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        Date::new(year, Some(month), Some(day))
    }

    /// A date of any precision, checked.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<Date, DateError> {
        if !(1900..=2200).contains(&year) {
            return Err(DateError(format!(
                "year {year} is out of range (1900-2200)"
            )));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError(format!("month {m} does not exist")));
            }
        }
        match (month, day) {
            (None, Some(_)) => return Err(DateError("a day needs a month".into())),
            (Some(m), Some(d)) => {
                let last = days_in_month(year, m);
                if d == 0 || d > last {
                    return Err(DateError(format!(
                        "{year:04}-{m:02}-{d:02} does not exist: {} has {last} days",
                        MONTHS[usize::from(m - 1)]
                    )));
                }
            }
            _ => {}
        }
        Ok(Date { year, month, day })
    }

    /// True when year, month and day are all known.
    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// The English month name, if the month is known.
    pub fn month_name(&self) -> Option<&'static str> {
        self.month.map(|m| MONTHS[usize::from(m - 1)])
    }

    /// Days since 1970-01-01 (missing month or day count as the first).
    pub fn days_since_epoch(&self) -> i64 {
        let y = i64::from(self.year);
        let m = i64::from(self.month.unwrap_or(1));
        let d = i64::from(self.day.unwrap_or(1));
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let bad = || {
            DateError(format!(
                "`{s}` is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"
            ))
        };
        let mut parts = s.trim().split('-');
        let num = |p: Option<&str>, len: usize| -> Result<Option<u16>, DateError> {
            match p {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| bad())
                }
                Some(_) => Err(bad()),
            }
        };
        let year = num(parts.next(), 4)?.ok_or_else(bad)?;
        let month = num(parts.next(), 2)?;
        let day = num(parts.next(), 2)?;
        if parts.next().is_some() {
            return Err(bad());
        }
        // Both fit in u8: they have two digits.
        Date::new(year, month.map(|m| m as u8), day.map(|d| d as u8))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date such as 2012-10-18, \"2012-10\" or \"2012\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
        u16::try_from(v)
            .map_err(|_| E::custom(format!("year {v} is out of range (1900-2200)")))
            .and_then(|y| Date::new(y, None, None).map_err(E::custom))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }

    // TOML's native dates arrive as a one-entry map holding the date's text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        let Some((_key, value)) = map.next_entry::<String, String>()? else {
            return Err(de::Error::custom("expected a date"));
        };
        if value.contains('T') || value.contains(':') {
            return Err(de::Error::custom(format!(
                "`{value}` has a time of day; write only the date, e.g. 2012-10-18"
            )));
        }
        value.parse().map_err(de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date: YYYY-MM-DD, YYYY-MM or YYYY (TOML dates may be bare).",
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_precision() {
        assert_eq!("2012".parse::<Date>().unwrap().to_string(), "2012");
        assert_eq!(
            "2012-10".parse::<Date>().unwrap().month_name(),
            Some("October")
        );
        assert!("2012-10-18".parse::<Date>().unwrap().is_full());
    }

    #[test]
    fn refuses_impossible_dates() {
        let e = "2011-02-29".parse::<Date>().unwrap_err().to_string();
        assert!(e.contains("February has 28 days"), "{e}");
        assert!("2012-13-01".parse::<Date>().is_err());
        assert!("12-10-2012".parse::<Date>().is_err());
        assert!("2012-1-5".parse::<Date>().is_err());
        assert!("2012-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn days_since_epoch_matches_known_days() {
        assert_eq!(Date::ymd(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::ymd(2012, 10, 18).unwrap().days_since_epoch(), 15631);
    }
}
