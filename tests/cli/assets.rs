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

#[test]
fn man_pages_render_without_warnings() {
    let Ok(status) = Command::new("man").arg("--version").output() else {
        return; // No man here; the pages are checked where it is installed.
    };
    if !status.status.success() {
        return;
    }
    let man = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    for entry in std::fs::read_dir(&man).expect("man/").flatten() {
        let output = Command::new("man")
            .args(["--warnings", "-l"])
            .arg(entry.path())
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .expect("run man");
        assert!(output.status.success(), "{}", entry.path().display());
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "",
            "{}",
            entry.path().display()
        );
        assert!(!output.stdout.is_empty());
    }
}
