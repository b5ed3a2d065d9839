//! Names that become file and folder names: a dataset's `short_name`, a
//! template's name, a format's extension. The dataset and template checks
//! refuse them by these rules early; the output step refuses them again
//! before it builds a path.

/// Names Windows reserves, which cannot be used as file names there.
pub const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Whether `name` is a safe single path component: lower-case ASCII
/// letters, digits, hyphens, underscores and dots inside, at most 100 bytes,
/// not reserved on any common system.
pub fn is_safe_component(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    !name.is_empty()
        && name.len() <= 100
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.' || b == b'_'
        })
        && !name.starts_with(['.', '-'])
        && !name.ends_with('.')
        && !name.contains("..")
        && !RESERVED.contains(&stem)
}
