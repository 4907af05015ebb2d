//! The hermetic harness of the integration tests: a temporary HOME with its own AWS config
//! files, a cleared environment, and commands for the built `sts` and the reference `aws`.

#![allow(dead_code)]

pub mod faults;
pub mod fixture;
pub mod proxy;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

pub const ACCESS_KEY: &str = "AKIDEXAMPLEENV0001";
/// A loopback port nothing listens on (discard), for the proxy variables.
pub const DEAD_PROXY: &str = "http://127.0.0.1:9";
pub const SECRET_KEY: &str = "envSecretKeyDoNotPrint0000000000";

/// What a finished command left behind.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// A temporary HOME; every command run through it sees only the variables set here.
pub struct Sandbox {
    dir: tempfile::TempDir,
    vars: Vec<(String, String)>,
}

impl Sandbox {
    /// A sandbox with credentials and a region in the environment.
    pub fn new() -> Sandbox {
        Sandbox::bare()
            .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
            .env("AWS_DEFAULT_REGION", "us-east-1")
    }

    /// A sandbox with no credentials, no region and no config files.
    pub fn bare() -> Sandbox {
        let dir = tempfile::tempdir().expect("temporary directory");
        let home = dir.path().to_string_lossy().into_owned();
        let mut sandbox = Sandbox {
            dir,
            vars: Vec::new(),
        };
        sandbox = sandbox
            .env("HOME", &home)
            .env("PATH", &std::env::var("PATH").unwrap_or_default())
            .env("AWS_CONFIG_FILE", &format!("{home}/.aws/config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                &format!("{home}/.aws/credentials"),
            )
            .env("AWS_EC2_METADATA_DISABLED", "true")
            // Nothing may leave the machine: a proxy nobody listens on catches any request
            // a test forgets to point at a local server.
            .env("HTTPS_PROXY", DEAD_PROXY)
            .env("HTTP_PROXY", DEAD_PROXY)
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("LC_ALL", "C.UTF-8")
            // Output on a pseudo-terminal would go through `less`; the pager tests set it.
            .env("AWS_PAGER", "");
        sandbox
    }

    pub fn env(mut self, name: &str, value: &str) -> Sandbox {
        self.vars.retain(|(n, _)| n != name);
        self.vars.push((name.to_string(), value.to_string()));
        self
    }

    pub fn unset(mut self, name: &str) -> Sandbox {
        self.vars.retain(|(n, _)| n != name);
        self
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// Write a file under HOME and return its path.
    pub fn write(&self, relative: &str, content: &str) -> PathBuf {
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directory");
        }
        std::fs::write(&path, content).expect("write file");
        path
    }

    pub fn sts(&self, args: &[&str]) -> Run {
        self.run(Path::new(env!("CARGO_BIN_EXE_sts")), args)
    }

    /// The reference AWS CLI v2, run as `aws sts ARGS`.
    pub fn aws(&self, args: &[&str]) -> Run {
        let mut full = vec!["sts"];
        full.extend_from_slice(args);
        self.run(&aws_v2_path(), &full)
    }

    /// The reference AWS CLI v2 with `args` as they are (`configure export-credentials`).
    pub fn aws_cli(&self, args: &[&str]) -> Run {
        self.run(&aws_v2_path(), args)
    }

    /// `sts ARGS` in a new session, so that it has no controlling terminal to prompt on.
    pub fn sts_without_terminal(&self, args: &[&str]) -> Run {
        let mut full = vec!["-w", env!("CARGO_BIN_EXE_sts")];
        full.extend_from_slice(args);
        self.run(Path::new("setsid"), &full)
    }

    /// `aws sts ARGS` without a controlling terminal: a prompt would fail rather than wait.
    pub fn aws_without_terminal(&self, args: &[&str]) -> Run {
        let aws = aws_v2_path();
        let aws = aws.to_string_lossy();
        let mut full = vec!["-w", aws.as_ref(), "sts"];
        full.extend_from_slice(args);
        self.run(Path::new("setsid"), &full)
    }

    /// `COMMAND` on a pseudo-terminal that types `answer` at `prompt`; stdout is the
    /// command's own, stderr what the terminal showed.
    pub fn answering(&self, prompt: &str, answer: &str, command: &[&str]) -> Run {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/pty_answer.py");
        let mut full = vec![script, prompt, answer];
        full.extend_from_slice(command);
        self.run(Path::new("python3"), &full)
    }

    /// `sts ARGS` on a pseudo-terminal `columns` wide (stdout is a terminal).
    pub fn sts_in_pty(&self, columns: u16, args: &[&str]) -> Run {
        let mut full = vec![env!("CARGO_BIN_EXE_sts")];
        full.extend_from_slice(args);
        self.in_pty(columns, &full)
    }

    /// `aws sts ARGS` on a pseudo-terminal `columns` wide.
    pub fn aws_in_pty(&self, columns: u16, args: &[&str]) -> Run {
        let aws = aws_v2_path();
        let aws = aws.to_string_lossy();
        let mut full = vec![aws.as_ref(), "sts"];
        full.extend_from_slice(args);
        self.in_pty(columns, &full)
    }

    fn in_pty(&self, columns: u16, command: &[&str]) -> Run {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/in_pty.py");
        let columns = columns.to_string();
        let mut args = vec![script, columns.as_str()];
        args.extend_from_slice(command);
        self.run(Path::new("python3"), &args)
    }

    pub fn command(&self, program: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(program);
        command.args(args).env_clear().current_dir(self.dir.path());
        for (name, value) in &self.vars {
            command.env(name, value);
        }
        // As from a terminal's shell, whatever the test runner was started with: a signal it
        // ignores (under nohup, or as a background job) would stay ignored in every child,
        // and a `sh` started ignoring one cannot trap it.
        // SAFETY: the closure runs in the forked child before exec and calls only signal(2),
        // which is async-signal-safe.
        unsafe {
            command.pre_exec(|| {
                for signal in [libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGTERM] {
                    libc::signal(signal, libc::SIG_DFL);
                }
                Ok(())
            });
        }
        command
    }

    fn run(&self, program: &Path, args: &[&str]) -> Run {
        let output = self
            .command(program, args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|err| panic!("cannot run {}: {err}", program.display()));
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert_no_panic(&run, args);
        run
    }
}

/// Whatever a test expects of a run, `sts` must never panic in it (debug builds say so on
/// stderr; a release build would abort, with the code of SIGABRT).
pub fn assert_no_panic(run: &Run, args: &[&str]) {
    assert!(
        !run.stderr.contains("panicked at") && run.code != 134,
        "a panic in {args:?}:\n{}",
        run.stderr
    );
}

/// `YYYY-MM-DDTHH:MM:SSZ`, `offset` seconds from now.
pub fn utc_from_now(offset: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs();
    utc(i64::try_from(now).expect("seconds fit") + offset)
}

/// `YYYY-MM-DDTHH:MM:SSZ` of a time in seconds since 1970.
pub fn utc(seconds: i64) -> String {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Whether a tool the tests drive is installed: `probe` is a command line that succeeds when
/// it is. CI installs them all (`.ci/run`), so there a missing one fails the test instead of
/// skipping it; elsewhere the skip is said on stderr.
pub fn tool_available(name: &str, probe: &[&str]) -> bool {
    let (program, args) = probe.split_first().expect("a probe command");
    let found = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "{name} is not installed; .ci/run installs it"
    );
    if !found {
        say_skipped(&format!("{name} is not installed"));
    }
    found
}

/// Say on the terminal, past the test harness's capture of `eprintln!` (which shows the
/// output of failing tests only), that the running test skipped what needs `why`: a local run
/// must not pass silently over the shells or the AWS CLI.
pub fn say_skipped(why: &str) {
    use std::io::Write;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(
        std::io::stderr(),
        "note: {test}: skipped what needs it: {why}"
    );
}

/// The reference AWS CLI v2: STS_TEST_AWS if set, else an `aws` on PATH that is v2 (never
/// v1, whose output and exit codes differ). CI must have it (`.ci/run` installs it from the
/// wheel in ../shared/vendor and sets STS_TEST_AWS).
pub fn aws_v2() -> Option<PathBuf> {
    static FOUND: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    FOUND
        .get_or_init(|| {
            let is_v2 = |program: &Path| {
                Command::new(program)
                    .arg("--version")
                    .stdin(Stdio::null())
                    .output()
                    .is_ok_and(|out| out.status.success() && out.stdout.starts_with(b"aws-cli/2."))
            };
            if let Some(named) = std::env::var_os("STS_TEST_AWS") {
                let named = PathBuf::from(named);
                assert!(
                    is_v2(&named),
                    "STS_TEST_AWS={} is not AWS CLI v2",
                    named.display()
                );
                return Some(named);
            }
            let on_path = PathBuf::from("aws");
            is_v2(&on_path).then_some(on_path)
        })
        .clone()
}

/// The usage block of `aws` and of `sts`: the same text for a tool one level shorter.
const AWS_USAGE: &str = "aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\
To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n";
const STS_USAGE: &str = "sts [options] <operation> [parameters]\n\
To see help text, you can run:\n\n  sts help\n  sts <operation> help\n";

/// What `aws`'s stderr says, as `sts` says it: the program's own name in the `[ERROR]` prefix
/// and its own usage block (also where a JSON error message quotes it).
pub fn as_sts_stderr(aws_stderr: &str) -> String {
    let escaped = |usage: &str| usage.replace('\n', "\\n");
    aws_stderr
        .replace("aws: [ERROR]:", "sts: [ERROR]:")
        .replace(AWS_USAGE, STS_USAGE)
        .replace(&escaped(AWS_USAGE), &escaped(STS_USAGE))
}

fn aws_v2_path() -> PathBuf {
    aws_v2().expect("the test checked aws_available() first")
}

/// Whether the reference AWS CLI v2 is there; in CI it must be, elsewhere the test is skipped
/// with a note.
pub fn aws_available() -> bool {
    let found = aws_v2().is_some();
    assert!(
        found || std::env::var_os("CI").is_none(),
        "AWS CLI v2 is not installed; .ci/run installs it and sets STS_TEST_AWS"
    );
    if !found {
        say_skipped(
            "no AWS CLI v2 (set STS_TEST_AWS to its aws, see README); an aws v1 is never used",
        );
    }
    found
}

/// Whether ruamel.yaml with its C emitter, as AWS CLI v2 ships it, is installed.
pub fn ruamel_available() -> bool {
    tool_available(
        "ruamel.yaml with its C emitter",
        &[
            "python3",
            "-c",
            "import ruamel.yaml.main as m; assert m.CEmitter",
        ],
    )
}

/// AWS CLI v2's YAML for a JSON document, from ruamel.yaml itself.
pub fn ruamel_yaml(json: &[u8], format: &str) -> Vec<u8> {
    use std::io::Write;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/ruamel_yaml.py");
    let mut child = Command::new("python3")
        .args([script, format])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(json)
        .expect("write JSON");
    let output = child.wait_with_output().expect("ruamel output");
    assert!(output.status.success(), "ruamel_yaml.py failed");
    output.stdout
}

/// Compare with a golden file under tests/golden; `STS_BLESS=1` rewrites it instead.
pub fn assert_golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("STS_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("golden dir")).expect("create golden dir");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected =
        std::fs::read(&path).unwrap_or_else(|_| panic!("missing golden file {}", path.display()));
    if actual == expected.as_slice() {
        return;
    }
    // Point at the first line that differs: whole outputs are too long to compare by eye.
    let (actual_text, expected_text) = (
        String::from_utf8_lossy(actual),
        String::from_utf8_lossy(&expected),
    );
    let actual_lines = actual_text
        .split_inclusive('\n')
        .map(Some)
        .chain(std::iter::repeat(None));
    let expected_lines = expected_text
        .split_inclusive('\n')
        .map(Some)
        .chain(std::iter::repeat(None));
    let (line, (a, e)) = actual_lines
        .zip(expected_lines)
        .take_while(|(a, e)| a.is_some() || e.is_some())
        .enumerate()
        .find(|(_, (a, e))| a != e)
        .unwrap_or((0, (None, None)));
    panic!(
        "output differs from {} at line {}:\n  actual:   {a:?}\n  expected: {e:?}\n(STS_BLESS=1 cargo test rewrites golden files)",
        path.display(),
        line + 1
    );
}
