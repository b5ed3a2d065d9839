//! How plugins are found: a clash in a plugin directory fails only the
//! templates that use the name, `--plugin` replaces an installed plugin,
//! `-v` shows command plugins' standard error, and `new plugin` writes the
//! plugin's own description and keeps away from built-in names.
#![cfg(unix)] // The plugins here are shell scripts.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

fn hrdraft(dir: &Path, args: &[&str]) -> Output {
    crate::support::hrdraft()
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        // No user plugin directory but the test's own.
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn kazakhstan() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/kazakhstan")
        .display()
        .to_string()
}

/// A command plugin file `file` in `dir` that calls itself `name` and answers `answer`.
fn command_plugin(dir: &Path, file: &str, name: &str, run: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(file);
    let describe = format!(
        "echo '{{\"name\":\"{name}\",\"version\":\"1.0.0\",\"description\":\"A test plugin\",\"sections\":[]}}'"
    );
    std::fs::write(
        &path,
        format!("#!/bin/sh\ncase \"$1\" in\n  describe) {describe} ;;\n  run) {run} ;;\nesac\n"),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn memo(dir: &Path, plugin: &str) {
    let t = dir.join("tpl/memo");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("template.toml"),
        format!(
            "name = \"memo\"\ntitle = \"Memo\"\ndescription = \"A memo\"\nbody = \"body.md.hbs\"\n\
             plugins = [\"{plugin}\"]\nlanguages = [\"en\"]\n"
        ),
    )
    .unwrap();
    std::fs::write(
        t.join("body.md.hbs"),
        format!("Said: {{{{plugins.{plugin}.said}}}}\n"),
    )
    .unwrap();
}

#[test]
fn a_clash_in_plugins_d_fails_only_the_templates_that_use_the_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let local = dir.join("plugins.d");
    command_plugin(
        &local,
        "hrdraft-plugin-a",
        "twin",
        "echo '{\"said\": \"a\"}'",
    );
    command_plugin(
        &local,
        "hrdraft-plugin-b",
        "twin",
        "echo '{\"said\": \"b\"}'",
    );
    memo(dir, "twin");
    let ds = kazakhstan();
    let base = [
        "--templates",
        "tpl",
        "--local-plugins",
        "-f",
        "md",
        "-o",
        "out",
    ];
    let letter = hrdraft(
        dir,
        &[&["render", ds.as_str(), "-t", "open-letter"][..], &base].concat(),
    );
    assert!(letter.status.success(), "{}", text(&letter.stderr));
    let memo = hrdraft(
        dir,
        &[&["render", ds.as_str(), "-t", "memo"][..], &base].concat(),
    );
    assert_eq!(memo.status.code(), Some(3), "{}", text(&memo.stderr));
    assert!(
        text(&memo.stderr).contains("two plugins are named `twin`: plugins.d/hrdraft-plugin-a and plugins.d/hrdraft-plugin-b"),
        "{}",
        text(&memo.stderr)
    );
}

#[test]
fn plugin_replaces_an_installed_plugin_of_its_name_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let installed = dir.join("config/hrdraft/plugins");
    command_plugin(
        &installed,
        "hrdraft-plugin-memo-data",
        "memo-data",
        "echo '{\"said\": \"installed\"}'",
    );
    let given = command_plugin(
        &dir.join("dev"),
        "hrdraft-plugin-memo-data",
        "memo-data",
        "echo '{\"said\": \"given\"}'",
    );
    memo(dir, "memo-data");
    let out = hrdraft(
        dir,
        &[
            "render",
            &kazakhstan(),
            "-t",
            "memo",
            "--templates",
            "tpl",
            "-f",
            "md",
            "-o",
            "out",
            "--plugin",
            given.to_str().unwrap(),
            "-v",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = std::fs::read_to_string(dir.join("out/kazakhstan/memo.md")).unwrap();
    assert_eq!(md.trim(), "Said: given");
    assert!(
        text(&out.stderr).contains(&format!(
            "plugin `memo-data` from {} replaces the one in {} (--plugin)",
            given.display(),
            installed.join("hrdraft-plugin-memo-data").display()
        )),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn verbose_shows_a_command_plugins_standard_error_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let plugin = command_plugin(
        &dir.join("dev"),
        "hrdraft-plugin-chatty",
        "chatty",
        "printf 'reading \\033[31mupr\\n' >&2; echo '{\"said\": \"hi\"}'",
    );
    let args = [
        "plugins",
        "run",
        "chatty",
        &kazakhstan(),
        "--plugin",
        plugin.to_str().unwrap(),
    ];
    let quiet = hrdraft(dir, &args);
    assert!(quiet.status.success(), "{}", text(&quiet.stderr));
    assert!(
        !text(&quiet.stderr).contains("reading"),
        "{}",
        text(&quiet.stderr)
    );
    let verbose = hrdraft(dir, &[&args[..], &["-v"]].concat());
    assert!(verbose.status.success(), "{}", text(&verbose.stderr));
    assert!(
        text(&verbose.stderr).contains(&format!(
            "plugin `chatty` ({}) run: standard error:\nreading \\u{{1b}}[31mupr\n",
            plugin.display()
        )),
        "{}",
        text(&verbose.stderr)
    );
}

#[test]
fn new_plugin_writes_its_own_description_and_refuses_built_in_names() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = hrdraft(dir, &["new", "plugin", "iri"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("`iri` is the name of a built-in plugin"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.join("hrdraft-plugin-iri").exists());
    let out = hrdraft(dir, &["new", "plugin", "iri", "--force"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = hrdraft(
        dir,
        &[
            "new",
            "plugin",
            "treaty-deadlines",
            "--description",
            "Overdue treaty-body reports",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lib =
        std::fs::read_to_string(dir.join("hrdraft-plugin-treaty-deadlines/src/lib.rs")).unwrap();
    assert!(lib.contains("\"Overdue treaty-body reports\""), "{lib}");
    assert!(
        !lib.contains("\"Counts the UPR recommendations by response\""),
        "{lib}"
    );
}

#[test]
fn plugins_lists_command_plugins_found_only_on_path_with_their_sdk_version() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let bin = dir.join("bin");
    let plugin = command_plugin(&bin, "hrdraft-plugin-on-path", "on-path", "echo '{}'");
    // Named like a built-in: the built-in is the one `run` uses, so it is not listed again.
    command_plugin(&bin, "hrdraft-plugin-iri", "iri", "echo '{}'");
    let path = std::env::join_paths(std::iter::once(bin.clone()).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    let out = crate::support::hrdraft()
        .current_dir(dir)
        .arg("plugins")
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("PATH", &path)
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = stdout
        .lines()
        .find(|l| l.starts_with("on-path "))
        .unwrap_or_else(|| panic!("on-path not listed:\n{stdout}"));
    assert!(line.contains(" command "), "{line}");
    assert!(
        line.contains("sdk ?"),
        "a command plugin that does not say: {line}"
    );
    assert!(line.contains(&plugin.display().to_string()), "{line}");
    let iri: Vec<&str> = stdout.lines().filter(|l| l.starts_with("iri ")).collect();
    assert_eq!(iri.len(), 1, "{stdout}");
    assert!(
        iri[0].contains("built-in")
            && iri[0].contains(&format!("sdk {}", hrdraft::sdk::SDK_VERSION)),
        "{stdout}"
    );
}

#[test]
fn plugins_install_and_remove_keep_the_plugin_directory_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let plugin = command_plugin(
        &dir.join("src"),
        "say.py",
        "say",
        "echo '{\"said\":\"hi\"}'",
    );
    let installed = dir.join("config/hrdraft/plugins/hrdraft-plugin-say");

    let out = hrdraft(dir, &["plugins", "install", plugin.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("installed `say` 1.0.0"),
        "{}",
        text(&out.stdout)
    );
    assert!(installed.is_file(), "installed under its plugin name");
    let listed = text(&hrdraft(dir, &["plugins"]).stdout);
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("say ") && l.contains(&installed.display().to_string())),
        "{listed}"
    );
    // A template uses it without --plugin.
    memo(dir, "say");
    let out = hrdraft(
        dir,
        &[
            "render",
            &kazakhstan(),
            "-t",
            "memo",
            "--templates",
            "tpl",
            "-f",
            "md",
            "-o",
            "out",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    // Again: refused without --force, replaced with it.
    let again = hrdraft(dir, &["plugins", "install", plugin.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("plugin `say` is installed already"),
        "{}",
        text(&again.stderr)
    );
    let forced = hrdraft(
        dir,
        &["plugins", "install", plugin.to_str().unwrap(), "--force"],
    );
    assert!(
        text(&forced.stdout).contains("replaced `say`"),
        "{}",
        text(&forced.stderr)
    );

    // A built-in's name is refused; so is a file that is no plugin.
    let iri = command_plugin(&dir.join("src"), "iri.sh", "iri", "echo '{}'");
    let out = hrdraft(dir, &["plugins", "install", iri.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("`iri` is the name of a built-in plugin"),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(dir.join("notes.txt"), "not a plugin").unwrap();
    let out = hrdraft(dir, &["plugins", "install", "notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("notes.txt is not a plugin"),
        "{}",
        text(&out.stderr)
    );

    // Removed by name; a name not installed is named with what is.
    let out = hrdraft(dir, &["plugins", "remove", "say"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!installed.exists());
    let out = hrdraft(dir, &["plugins", "remove", "say"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no plugin `say` is installed"),
        "{}",
        text(&out.stderr)
    );
    let left: Vec<_> = std::fs::read_dir(dir.join("config/hrdraft/plugins"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
