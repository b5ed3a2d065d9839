//! Settings read from the environment, each checked: a value that cannot be
//! used is an error saying what is accepted, never silently ignored or a
//! panic.
//!
//! The command line checks them all before it runs a command ([`check`]);
//! the library reads them with the same rules and takes the default for a
//! value [`check`] would refuse.

use std::time::Duration;

/// The time a command plugin has for one call, in seconds.
pub const PLUGIN_TIMEOUT: &str = "HRDRAFT_PLUGIN_TIMEOUT";
/// The most Markdown a template may render, in MiB.
pub const MAX_DOCUMENT_MB: &str = "HRDRAFT_MAX_DOCUMENT_MB";
/// How long a command rewriting a dataset waits for another, in seconds.
pub const LOCK_TIMEOUT: &str = "HRDRAFT_LOCK_TIMEOUT";
/// The folders to look in for fonts for characters the embedded faces
/// lack, instead of the system's.
pub const FONT_DIRS: &str = "HRDRAFT_FONT_DIRS";
/// The moment to stamp on documents and sheets, in seconds since 1970
/// (reproducible-builds.org).
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The longest time limit `HRDRAFT_PLUGIN_TIMEOUT` may set: one day.
pub const MAX_PLUGIN_TIMEOUT_SECS: u64 = 24 * 60 * 60;
/// The largest `HRDRAFT_MAX_DOCUMENT_MB`: 64 GiB.
pub const MAX_DOCUMENT_MB_LIMIT: u64 = 64 * 1024;
/// The latest `SOURCE_DATE_EPOCH` accepted: the end of the year 9999.
pub const MAX_SOURCE_DATE_EPOCH: i64 = 253_402_300_799;

/// An environment variable whose value cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}={shown}: {problem}; {accepted}, or unset it for the default")]
pub struct EnvError {
    /// The variable.
    pub name: &'static str,
    /// Its value, cut short.
    pub shown: String,
    /// What is wrong with it.
    pub problem: String,
    /// What would be accepted.
    pub accepted: String,
}

/// The value of `name`, or `None` when it is unset or empty.
fn value(name: &'static str) -> Result<Option<String>, EnvError> {
    match std::env::var(name) {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => Ok(Some(v.trim().to_string())),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(EnvError {
            name,
            shown: "…".into(),
            problem: "the value is not text".into(),
            accepted: accepted(name),
        }),
    }
}

fn accepted(name: &str) -> String {
    match name {
        PLUGIN_TIMEOUT => format!(
            "give a number of seconds above 0 and at most {MAX_PLUGIN_TIMEOUT_SECS} \
             (one day), such as {PLUGIN_TIMEOUT}=60 or {PLUGIN_TIMEOUT}=2.5"
        ),
        LOCK_TIMEOUT => format!(
            "give a whole number of seconds from 0 (do not wait) to {MAX_PLUGIN_TIMEOUT_SECS}, \
             such as {LOCK_TIMEOUT}=120"
        ),
        MAX_DOCUMENT_MB => format!(
            "give a whole number of MiB from 1 to {MAX_DOCUMENT_MB_LIMIT}, \
             such as {MAX_DOCUMENT_MB}=1024"
        ),
        FONT_DIRS => format!(
            "give folders that exist, separated by ':' (';' on Windows), such as \
             {FONT_DIRS}=/usr/share/fonts/opentype/noto"
        ),
        _ => format!(
            "give a whole number of seconds since 1970-01-01 from 0 to {MAX_SOURCE_DATE_EPOCH}, \
             such as {SOURCE_DATE_EPOCH}=1700000000"
        ),
    }
}

fn refuse(name: &'static str, value: &str, problem: &str) -> EnvError {
    let count = value.chars().count();
    let shown = if count > 40 {
        format!("{}…", value.chars().take(40).collect::<String>())
    } else {
        value.to_string()
    };
    EnvError {
        name,
        shown: shown.escape_debug().to_string(),
        problem: problem.into(),
        accepted: accepted(name),
    }
}

/// "out of range" for a whole number too large to parse, else `problem`.
fn digits_or<'a>(value: &str, problem: &'a str) -> &'a str {
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        "out of range"
    } else {
        problem
    }
}

/// `HRDRAFT_PLUGIN_TIMEOUT`, when set.
pub fn plugin_timeout() -> Result<Option<Duration>, EnvError> {
    let Some(v) = value(PLUGIN_TIMEOUT)? else {
        return Ok(None);
    };
    let secs: f64 = v
        .parse()
        .map_err(|_| refuse(PLUGIN_TIMEOUT, &v, "not a number of seconds"))?;
    if !secs.is_finite() {
        return Err(refuse(PLUGIN_TIMEOUT, &v, "not a number of seconds"));
    }
    if secs <= 0.0 {
        return Err(refuse(
            PLUGIN_TIMEOUT,
            &v,
            "a plugin needs more than no time at all",
        ));
    }
    if secs > MAX_PLUGIN_TIMEOUT_SECS as f64 {
        return Err(refuse(PLUGIN_TIMEOUT, &v, "longer than the longest limit"));
    }
    Ok(Some(Duration::from_secs_f64(secs)))
}

/// `HRDRAFT_LOCK_TIMEOUT`, when set.
pub fn lock_timeout() -> Result<Option<Duration>, EnvError> {
    let Some(v) = value(LOCK_TIMEOUT)? else {
        return Ok(None);
    };
    let secs: u64 = v.parse().map_err(|_| {
        refuse(
            LOCK_TIMEOUT,
            &v,
            digits_or(&v, "not a whole number of seconds"),
        )
    })?;
    if secs > MAX_PLUGIN_TIMEOUT_SECS {
        return Err(refuse(LOCK_TIMEOUT, &v, "out of range"));
    }
    Ok(Some(Duration::from_secs(secs)))
}

/// `HRDRAFT_MAX_DOCUMENT_MB` in bytes, when set.
pub fn max_document_bytes() -> Result<Option<usize>, EnvError> {
    let Some(v) = value(MAX_DOCUMENT_MB)? else {
        return Ok(None);
    };
    let mb: u64 = v.parse().map_err(|_| {
        refuse(
            MAX_DOCUMENT_MB,
            &v,
            digits_or(&v, "not a whole number of MiB"),
        )
    })?;
    if mb == 0 || mb > MAX_DOCUMENT_MB_LIMIT {
        return Err(refuse(MAX_DOCUMENT_MB, &v, "out of range"));
    }
    Ok(Some(
        usize::try_from(mb.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX),
    ))
}

/// `SOURCE_DATE_EPOCH`, when set.
pub fn source_date_epoch() -> Result<Option<i64>, EnvError> {
    let Some(v) = value(SOURCE_DATE_EPOCH)? else {
        return Ok(None);
    };
    let secs: i64 = v.parse().map_err(|_| {
        refuse(
            SOURCE_DATE_EPOCH,
            &v,
            digits_or(&v, "not a whole number of seconds"),
        )
    })?;
    if !(0..=MAX_SOURCE_DATE_EPOCH).contains(&secs) {
        return Err(refuse(SOURCE_DATE_EPOCH, &v, "out of range"));
    }
    Ok(Some(secs))
}

/// `HRDRAFT_FONT_DIRS`, when set: the folders, each checked to be one.
pub fn font_dirs() -> Result<Option<Vec<std::path::PathBuf>>, EnvError> {
    let Some(v) = value(FONT_DIRS)? else {
        return Ok(None);
    };
    let dirs: Vec<std::path::PathBuf> = std::env::split_paths(&v)
        .filter(|d| !d.as_os_str().is_empty())
        .collect();
    for d in &dirs {
        if !d.is_dir() {
            return Err(refuse(
                FONT_DIRS,
                &v,
                &format!("{} is not a folder", d.display()),
            ));
        }
    }
    Ok(Some(dirs))
}

/// Check every setting, reporting the first that cannot be used.
pub fn check() -> Result<(), EnvError> {
    plugin_timeout()?;
    lock_timeout()?;
    max_document_bytes()?;
    source_date_epoch()?;
    font_dirs()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_is_accepted() {
        let e = refuse(PLUGIN_TIMEOUT, "abc", "not a number of seconds");
        assert_eq!(
            e.to_string(),
            "HRDRAFT_PLUGIN_TIMEOUT=abc: not a number of seconds; give a number of seconds \
             above 0 and at most 86400 (one day), such as HRDRAFT_PLUGIN_TIMEOUT=60 or \
             HRDRAFT_PLUGIN_TIMEOUT=2.5, or unset it for the default"
        );
        let long = "9".repeat(1000);
        assert!(
            refuse(MAX_DOCUMENT_MB, &long, "out of range")
                .to_string()
                .len()
                < 300
        );
        assert_eq!(
            refuse(PLUGIN_TIMEOUT, "\u{1b}[31m", "x").shown,
            "\\u{1b}[31m"
        );
    }
}
