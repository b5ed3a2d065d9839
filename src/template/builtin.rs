//! The templates compiled into the binary, from `templates/`.
//!
//! Every file of every built-in template is listed here; a test checks the
//! list against the directory so a new file cannot be forgotten.

macro_rules! template {
    ($dir:literal: $($file:literal),+ $(,)?) => {
        (
            $dir,
            &[$(($file, include_str!(concat!("../../templates/", $dir, "/", $file)))),+],
        )
    };
}

/// (directory, [(file name, contents)]) for each built-in template.
pub(super) const TEMPLATES: &[(&str, &[(&str, &str)])] = &[
    template!(
        "open-letter": "template.toml",
        "body.md.hbs",
        "reprisals.md.hbs",
        "messages/en.toml",
        "messages/ru.toml",
    ),
    template!(
        "pledging-questions": "template.toml",
        "body.md.hbs",
        "messages/en.toml",
        "messages/ru.toml",
    ),
    template!("mia-report": "template.toml", "body.md.hbs"),
];

#[cfg(test)]
mod tests {
    use super::TEMPLATES;

    #[test]
    fn every_template_file_is_compiled_in() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk = Vec::new();
        for dir in std::fs::read_dir(&root).unwrap() {
            let dir = dir.unwrap().path();
            if !dir.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(&dir).unwrap() {
                let file = file.unwrap().path();
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                let d = dir.file_name().unwrap().to_string_lossy().into_owned();
                if name == "template.toml" || name.ends_with(".hbs") {
                    on_disk.push(format!("{d}/{name}"));
                }
                if name == super::super::messages::DIR && file.is_dir() {
                    for m in std::fs::read_dir(&file).unwrap() {
                        let m = m.unwrap().file_name().to_string_lossy().into_owned();
                        if m.ends_with(".toml") {
                            on_disk.push(format!("{d}/{name}/{m}"));
                        }
                    }
                }
            }
        }
        let mut listed: Vec<String> = TEMPLATES
            .iter()
            .flat_map(|(d, files)| files.iter().map(move |(f, _)| format!("{d}/{f}")))
            .collect();
        on_disk.sort();
        listed.sort();
        assert_eq!(on_disk, listed);
    }
}
