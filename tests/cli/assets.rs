//! The committed completions and man pages are what the command line generates today, and the
//! bash completion offers what a user expects at Tab.

use std::path::{Path, PathBuf};
use std::process::Command;

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["completions", "man"]
        .iter()
        .flat_map(|sub| std::fs::read_dir(dir.join(sub)).into_iter().flatten())
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .map(|path| {
            path.strip_prefix(dir)
                .map(Path::to_path_buf)
                .unwrap_or(path)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn committed_completions_and_man_pages_are_current() {
    let fresh = tempfile::tempdir().expect("temporary directory");
    let status = Command::new(env!("CARGO_BIN_EXE_sts"))
        .args(["__generate-assets", &fresh.path().to_string_lossy()])
        .status()
        .expect("run sts");
    assert!(status.success());
    let committed = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = files_under(fresh.path());
    assert_eq!(
        files_under(committed),
        generated,
        "regenerate with: sts __generate-assets ."
    );
    for file in generated {
        let (now, then) = (
            std::fs::read(fresh.path().join(&file)),
            std::fs::read(committed.join(&file)),
        );
        assert!(
            now.is_ok() && now.ok() == then.ok(),
            "{} is stale: regenerate with `cargo run -- __generate-assets .`",
            file.display()
        );
    }
}

/// What bash offers at Tab after `words` (the last one being completed).
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/completions/sts.bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = words.join(" ");
    let program = format!(
        "source '{script}'; COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; \
         _sts sts '{current}' '{previous}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = quoted.join(" "),
        cword = words.len() - 1,
        current = words[words.len() - 1],
        previous = words[words.len() - 2],
    );
    let output = Command::new("bash")
        .args(["-c", &program])
        .output()
        .expect("run bash");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn bash_completes_operations_and_option_values() {
    assert_eq!(
        bash_completes(&["sts", "assume-r"]),
        [
            "assume-role",
            "assume-role-with-saml",
            "assume-role-with-web-identity",
            "assume-root"
        ]
    );
    assert_eq!(
        bash_completes(&["sts", "--output", ""]),
        ["json", "text", "table", "yaml", "yaml-stream", "off"]
    );
    assert_eq!(
        bash_completes(&["sts", "--color", ""]),
        ["on", "off", "auto"]
    );
    let options = bash_completes(&["sts", "get-session-token", "--du"]);
    assert_eq!(options, ["--duration-seconds"]);
}

/// Whether a program the tests drive is installed. CI installs them all (`.ci/run`), so there
/// a missing one fails the test instead of skipping it.
pub fn installed(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "{program} is not installed; .ci/run installs it"
    );
    found
}

/// A man page as `man -l` shows it 80 columns wide, and what it said on stderr.
fn man(page: &Path) -> (String, String) {
    let output = Command::new("man")
        .args(["--warnings", "-l"])
        .arg(page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .expect("run man");
    assert!(output.status.success(), "{}", page.display());
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn man_pages_render_without_warnings() {
    if !installed("man") {
        return;
    }
    let man_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let pages: Vec<PathBuf> = std::fs::read_dir(&man_dir)
        .expect("man/")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    assert_eq!(pages.len(), 12, "sts.1 and one page per operation");
    for page in pages {
        let (text, warnings) = man(&page);
        assert_eq!(warnings, "", "{}", page.display());
        assert!(text.contains("\nSEE ALSO\n"), "{}", page.display());
    }
}

/// The man pages carry the help text word for word (filled and justified differently).
#[test]
fn man_pages_say_what_help_says() {
    if !installed("man") {
        return;
    }
    let words_between = |text: &str, first: &str, last: &str| -> Vec<String> {
        let start = text
            .find(first)
            .unwrap_or_else(|| panic!("{first} in {text}"));
        let end = text.rfind(last).unwrap_or(text.len());
        text[start..end]
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let man_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let mut pages = vec![("sts.1".to_string(), vec!["help".to_string()])];
    for (operation, _) in crate::OPERATION_CASES {
        pages.push((
            format!("sts-{operation}.1"),
            vec![operation.to_string(), "help".to_string()],
        ));
    }
    for (page, help_args) in pages {
        let help = Command::new(env!("CARGO_BIN_EXE_sts"))
            .args(&help_args)
            .output()
            .expect("run sts");
        let help = String::from_utf8_lossy(&help.stdout).into_owned();
        let (shown, _) = man(&man_dir.join(&page));
        assert_eq!(
            words_between(&shown, "\nDESCRIPTION\n", "\nSEE ALSO\n"),
            words_between(&help, "\nDESCRIPTION\n", "\u{0}"),
            "{page}"
        );
    }
}
