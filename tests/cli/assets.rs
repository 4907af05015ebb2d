//! The committed completions and man pages are what the command line generates today; bash,
//! zsh and fish offer what a user expects at Tab; man shows every page cleanly, with the help's
//! words.

use crate::support::tool_available;
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

#[derive(Clone, Copy, Debug)]
enum Shell {
    Bash,
    Zsh,
    /// zsh with the script installed as `_sts` on $fpath, as a user would.
    ZshFpath,
    Fish,
}

/// A home with a config and a credentials file holding profiles, for `--profile <Tab>`.
fn home_with_profiles() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir_all(home.path().join(".aws")).expect("mkdir");
    std::fs::write(
        home.path().join(".aws/config"),
        "[default]\nregion = eu-west-1\n[profile dev]\noutput = table\n\
         [sso-session corp]\nsso_region = us-east-1\n[profile prod-admin]\n\
         role_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = dev\n",
    )
    .expect("write config");
    std::fs::write(
        home.path().join(".aws/credentials"),
        "[ci-bot]\naws_access_key_id = AKIDEXAMPLE\n",
    )
    .expect("write credentials");
    // What file:// completes, from the home as the current directory.
    std::fs::write(home.path().join("policy.json"), "{}").expect("write policy");
    std::fs::create_dir_all(home.path().join("docs")).expect("mkdir docs");
    std::fs::write(home.path().join("docs/role.json"), "{}").expect("write role");
    home
}

/// The directory of the built `sts`, put on PATH as a user's shell would find it.
fn bin_dir() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_sts"))
        .parent()
        .expect("the binary's directory")
}

/// `command` with only what a user's shell in `home` would give it: HOME, `path`, the config
/// files of `home`, and no instance metadata.
fn as_a_user<'a>(command: &'a mut Command, home: &Path, path: &str) -> &'a mut Command {
    command
        .env_clear()
        .env("HOME", home)
        .env("PATH", path)
        .env("AWS_CONFIG_FILE", home.join(".aws/config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join(".aws/credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
}

/// What Tab offers after `line` in a shell with the committed script loaded, and `sts` found
/// on PATH as a user's shell finds it.
fn completes(shell: Shell, line: &str, home: &Path) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let support = root.join("tests/support");
    let mut command = match shell {
        Shell::Bash => {
            let mut c = Command::new("bash");
            c.arg("--norc")
                .arg("--noprofile")
                .arg(support.join("bash_complete.bash"))
                .arg(root.join("completions/sts.bash"))
                .arg(line);
            c
        }
        Shell::Zsh | Shell::ZshFpath => {
            let mut c = Command::new("zsh");
            c.arg("-f")
                .arg(support.join("zsh_complete.zsh"))
                .arg(root.join("completions/_sts"))
                .arg(line);
            if matches!(shell, Shell::ZshFpath) {
                c.arg("fpath");
            }
            c
        }
        Shell::Fish => {
            let mut c = Command::new("fish");
            c.arg("--no-config").arg("-c").arg(format!(
                "source {}; complete -C {}",
                root.join("completions/sts.fish").display(),
                fish_quote(line)
            ));
            c
        }
    };
    let output = as_a_user(&mut command, home, &path)
        .current_dir(home)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("run the shell");
    assert!(
        output.status.success(),
        "{shell:?} {line:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        // fish follows each candidate with a tab and its description.
        .map(|candidate| candidate.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

fn fish_quote(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// (what is typed, what Tab offers in every shell)
const COMPLETION_CASES: &[(&str, &[&str])] = &[
    (
        "sts assume-r",
        &[
            "assume-role",
            "assume-role-with-saml",
            "assume-role-with-web-identity",
            "assume-root",
        ],
    ),
    (
        "sts --output ",
        &[
            "json",
            "text",
            "table",
            "yaml",
            "yaml-stream",
            "off",
            "env",
            "env-no-export",
            "powershell",
            "windows-cmd",
            "fish",
            "process",
        ],
    ),
    ("sts expo", &["export-credentials"]),
    // Paths after file:// and fileb:// (from the current directory, here the home).
    ("sts assume-role --policy fi", &["file://", "fileb://"]),
    ("sts assume-role --policy file://p", &["file://policy.json"]),
    ("sts assume-role --policy fileb://d", &["fileb://docs/"]),
    (
        "sts assume-role --cli-input-json file://docs/",
        &["file://docs/role.json"],
    ),
    ("sts expl", &["explain-denial"]),
    ("sts exe", &["exec"]),
    (
        "sts export-credentials --format ",
        &[
            "process",
            "env",
            "env-no-export",
            "powershell",
            "windows-cmd",
            "fish",
        ],
    ),
    ("sts get-caller-identity --color ", &["on", "off", "auto"]),
    (
        "sts get-caller-identity --profile ",
        &["ci-bot", "default", "dev", "prod-admin"],
    ),
    ("sts --profile d", &["default", "dev"]),
    ("sts get-session-token --du", &["--duration-seconds"]),
    (
        "sts assume-role --role-",
        &["--role-arn", "--role-session-name"],
    ),
    (
        "sts decode-authorization-message --no-",
        &[
            "--no-verify-ssl",
            "--no-paginate",
            "--no-sign-request",
            "--no-cli-pager",
            "--no-cli-auto-prompt",
        ],
    ),
];

fn check_completions(shell: Shell) {
    let home = home_with_profiles();
    for (line, expected) in COMPLETION_CASES {
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        if matches!(shell, Shell::Zsh | Shell::ZshFpath) {
            // zsh also reports the edited line.
            expected.push(format!("BUFFER:{}", zsh_buffer(line, &expected)));
        }
        if matches!(shell, Shell::Bash) {
            // bash replaces only the piece after the word's last `:` (COMP_WORDBREAKS).
            let word = line.rsplit(' ').next().unwrap_or_default();
            if let Some(colon) = word.rfind(':') {
                let had = &word[..=colon];
                for candidate in &mut expected {
                    if let Some(rest) = candidate.strip_prefix(had) {
                        *candidate = rest.to_string();
                    }
                }
            }
        }
        assert_eq!(
            completes(shell, line, home.path()),
            expected,
            "{shell:?} {line:?}"
        );
    }
}

/// The line after zsh's Tab: the last word completed to the candidates' longest common
/// prefix, and a space after it when there is one candidate.
fn zsh_buffer(line: &str, candidates: &[String]) -> String {
    let start = line.rfind(' ').map_or(0, |i| i + 1);
    let mut prefix = candidates[0].clone();
    for candidate in &candidates[1..] {
        while !candidate.starts_with(&prefix) {
            prefix.pop();
        }
    }
    let space = if candidates.len() == 1 { " " } else { "" };
    format!("{}{prefix}{space}", &line[..start])
}

#[test]
fn bash_completes_operations_options_values_and_profiles() {
    check_completions(Shell::Bash);
}

#[test]
fn zsh_completes_operations_options_values_and_profiles() {
    if installed("zsh") {
        check_completions(Shell::Zsh);
        check_completions(Shell::ZshFpath);
    }
}

#[test]
fn fish_completes_operations_options_values_and_profiles() {
    if installed("fish") {
        check_completions(Shell::Fish);
    }
}

/// Whether a program the tests drive is installed.
pub fn installed(program: &str) -> bool {
    tool_available(program, &[program, "--version"])
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
    assert_eq!(
        pages.len(),
        17,
        "sts.1, one page per operation and per sts-only command"
    );
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
    for command in crate::WORKFLOW_NAMES {
        pages.push((
            format!("sts-{command}.1"),
            vec![command.to_string(), "help".to_string()],
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

/// The lines README gives to install the man pages and completions, as written.
fn readme_install_lines() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let (_, after) = readme
        .split_once("To install them on an account that has none of these directories")
        .expect("README's install paragraph");
    let (_, block) = after.split_once("```sh\n").expect("its sh block");
    let (block, _) = block.split_once("```").expect("the block's end");
    block.to_string()
}

/// Run `program args` as a new shell of a user whose HOME is `home`, with `sts` on PATH.
fn in_shell_of(home: &Path, program: &str, args: &[&str]) -> std::process::Output {
    let path = format!(
        "{}/.cargo/bin:{}:/usr/bin:/bin",
        home.display(),
        bin_dir().display()
    );
    as_a_user(Command::new(program).args(args), home, &path)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|err| panic!("cannot run {program}: {err}"))
}

#[test]
fn readme_install_lines_work_on_a_fresh_account() {
    let shells = [
        ("bash", tool_available("bash", &["bash", "--version"])),
        ("zsh", tool_available("zsh", &["zsh", "--version"])),
        ("fish", tool_available("fish", &["fish", "--version"])),
        ("man", tool_available("man", &["man", "--version"])),
    ];
    let home = tempfile::tempdir().expect("a home");
    let lines = readme_install_lines();
    let installed = Command::new("sh")
        .args(["-e", "-c", &lines])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("run sh");
    assert!(
        installed.status.success(),
        "README's install lines failed:\n{}",
        String::from_utf8_lossy(&installed.stderr)
    );
    let home = home.path();
    for (shell, available) in shells {
        if !available {
            continue;
        }
        let (found, output) = match shell {
            // An interactive bash reads ~/.bashrc.
            "bash" => {
                let run = in_shell_of(home, "bash", &["-i", "-c", "complete -p sts"]);
                let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
                (
                    stdout.contains("complete") && stdout.ends_with(" sts\n"),
                    run,
                )
            }
            "zsh" => {
                let run = in_shell_of(home, "zsh", &["-i", "-c", "print -r -- $_comps[sts]"]);
                (String::from_utf8_lossy(&run.stdout) == "_sts\n", run)
            }
            "fish" => {
                let run = in_shell_of(home, "fish", &["-c", "complete -C 'sts get-caller-'"]);
                let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
                (stdout.starts_with("get-caller-identity"), run)
            }
            _ => {
                let run = in_shell_of(home, "man", &["-w", "sts-assume-role"]);
                let page = home.join(".cargo/share/man/man1/sts-assume-role.1");
                (
                    String::from_utf8_lossy(&run.stdout) == format!("{}\n", page.display()),
                    run,
                )
            }
        };
        assert!(
            found,
            "{shell} did not find what README installed:\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
