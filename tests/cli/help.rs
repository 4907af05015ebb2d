//! Help for the tool and every operation: snapshots, and the three ways to ask for it.

use crate::OPERATION_CASES;
use crate::support::fixture::FixtureServer;
use crate::support::{Sandbox, assert_golden};
use std::path::Path;

#[test]
fn help_of_every_operation_matches_its_snapshot() {
    let sandbox = Sandbox::bare();
    let tool = sandbox.sts(&["help"]);
    assert_eq!((tool.code, tool.stderr.as_str()), (0, ""));
    assert_golden("help/sts.txt", &tool.stdout);
    for (operation, _) in OPERATION_CASES {
        let run = sandbox.sts(&[operation, "help"]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{operation}");
        assert_golden(&format!("help/{operation}.txt"), &run.stdout);
    }
    for command in crate::WORKFLOW_NAMES {
        let run = sandbox.sts(&[command, "help"]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{command}");
        assert_golden(&format!("help/{command}.txt"), &run.stdout);
    }
}

#[test]
fn help_dash_h_and_double_dash_help_agree() {
    let sandbox = Sandbox::bare();
    for operation in ["assume-role", "get-caller-identity"] {
        let help = sandbox.sts(&[operation, "help"]);
        for flag in ["-h", "--help"] {
            let run = sandbox.sts(&[operation, flag]);
            assert_eq!(
                (run.code, &run.stdout),
                (0, &help.stdout),
                "{operation} {flag}"
            );
        }
    }
    // Required options are not required to ask for help, and nothing is sent.
    let run = sandbox.sts(&["assume-role", "--role-arn", "x", "help"]);
    assert_eq!(run.code, 0);
}

/// The help's command for putting credentials into the shell works as printed: run in bash
/// (placeholders filled in), it exports the three variables the operation returned.
#[test]
fn the_helps_shell_command_exports_the_credentials() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new()
        .env("AWS_ENDPOINT_URL_STS", &server.url())
        .env("TRADE_IN_TOKEN", "EXAMPLE-TRADE-IN-TOKEN");
    sandbox.write(
        "assertion.b64",
        "PHNhbWxwOlJlc3BvbnNlIFhNTE5TOnNhbWxwPSJ1cm46b2FzaXM",
    );
    sandbox.write(
        "token.jwt",
        "Atza%7CIQEBLjAsAhRFiXuWpUXuRvQ9PZL3GMFcYevydwIUFAHZwXZXX",
    );
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_sts"))
        .parent()
        .expect("bin dir");
    let sandbox = sandbox.env(
        "PATH",
        &format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        ),
    );
    let placeholders = [
        ("ROLE_ARN", "arn:aws:iam::123456789012:role/example"),
        (
            "PROVIDER_ARN",
            "arn:aws:iam::123456789012:saml-provider/example",
        ),
        ("NAME", "session"),
        ("REGION", "us-east-1"),
        ("ACCOUNT_ID", "111122223333"),
    ];
    let mut checked = 0;
    for (operation, _) in OPERATION_CASES {
        let help = sandbox.sts(&[operation, "help"]).stdout_text();
        let Some(start) = help.find("current shell (bash or zsh):\n\n") else {
            continue;
        };
        let block = &help[start..];
        let block = &block[block.find("\n\n").unwrap_or(0) + 2..];
        let mut command = block[..block.find("\n\n").unwrap_or(block.len())].to_string();
        for (placeholder, value) in placeholders {
            command = command.replace(placeholder, value);
        }
        let script = format!(
            "{command}\nprintf '%s\\n' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\" \"$AWS_SESSION_TOKEN\"\n\
             env | grep -c '^AWS_SESSION_TOKEN='"
        );
        let run = sandbox
            .command(Path::new("bash"), &["-c", &script])
            .output()
            .expect("bash");
        let golden = std::fs::read_to_string(format!(
            "{}/tests/golden/json/{operation}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("golden output");
        let answer: serde_json::Value = serde_json::from_str(&golden).expect("JSON");
        let credentials = &answer["Credentials"];
        assert_eq!(
            String::from_utf8_lossy(&run.stdout),
            format!(
                "{}\n{}\n{}\n1\n",
                credentials["AccessKeyId"].as_str().unwrap_or("?"),
                credentials["SecretAccessKey"].as_str().unwrap_or("?"),
                credentials["SessionToken"].as_str().unwrap_or("?"),
            ),
            "{operation}: {command}\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
        checked += 1;
    }
    assert_eq!(checked, 7, "operations that return credentials");
}

/// `sts help` on a terminal of `columns` columns (stdout and stderr a pty, no pager), as the
/// terminal showed it.
fn help_on_a_terminal(sandbox: &Sandbox, columns: u16) -> String {
    let script = r#"
import fcntl, os, pty, struct, sys, termios
columns, command = int(sys.argv[1]), sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    os.execv(command[0], command)
shown = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    shown += chunk
os.waitpid(pid, 0)
sys.stdout.write(shown.decode().replace("\r\n", "\n"))
"#;
    let columns = columns.to_string();
    let output = sandbox
        .command(
            Path::new("python3"),
            &[
                "-c",
                script,
                &columns,
                env!("CARGO_BIN_EXE_sts"),
                "help",
                "--no-cli-pager",
            ],
        )
        .output()
        .expect("run python3");
    String::from_utf8(output.stdout).expect("UTF-8 help")
}

#[test]
fn help_is_wrapped_to_the_terminals_width_and_to_80_columns_in_a_pipe() {
    let sandbox = Sandbox::new();
    let widest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let piped = sandbox.sts(&["help"]);
    assert_eq!(widest(&piped.stdout_text()), 79);
    for (columns, expected) in [(120, 119), (80, 79), (60, 59)] {
        let shown = help_on_a_terminal(&sandbox, columns);
        // The synopsis and option lines are kept whole; prose fills the width.
        let prose = shown
            .split("DESCRIPTION\n")
            .nth(1)
            .and_then(|rest| rest.split("\n\n").next())
            .expect("a DESCRIPTION paragraph");
        assert_eq!(widest(prose), expected, "{columns} columns:\n{shown}");
    }
}

/// An operation page's example: the command line and the output it shows.
fn example_of(page: &str) -> (String, String) {
    let examples = page
        .split("\nEXAMPLES\n")
        .nth(1)
        .and_then(|rest| rest.split("\nOUTPUT\n").next())
        .expect("an EXAMPLES section");
    let command = examples
        .lines()
        .find_map(|line| line.strip_prefix("          sts "))
        .expect("an example command")
        .to_string();
    let shown = examples.split("Output:\n\n").nth(1).expect("its output");
    let output: String = shown
        .trim_end_matches('\n')
        .lines()
        .map(|line| format!("{}\n", line.strip_prefix("          ").unwrap_or(line)))
        .collect();
    (command, output)
}

#[test]
fn every_example_prints_what_its_page_shows_and_the_answer_fits_the_command() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new()
        .env("AWS_ENDPOINT_URL_STS", &server.url())
        .env("ENCODED_MESSAGE", "an-encoded-message")
        .env("TRADE_IN_TOKEN", "a-trade-in-token");
    sandbox.write("policy.json", r#"{"Version":"2012-10-17","Statement":[]}"#);
    sandbox.write("assertion.b64", "PHNhbWxwOlJlc3BvbnNlPg==");
    sandbox.write("token.jwt", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    for &(operation, _) in OPERATION_CASES {
        let page = sandbox.sts(&[operation, "help"]).stdout_text();
        let (command, shown) = example_of(&page);
        assert!(command.starts_with(operation), "{operation}: {command}");
        let line = format!("{} {command}", env!("CARGO_BIN_EXE_sts"));
        let run = sandbox
            .command(Path::new("sh"), &["-c", &line])
            .output()
            .expect("run sh");
        assert_eq!(run.status.code(), Some(0), "{command}");
        assert_eq!(String::from_utf8_lossy(&run.stdout), shown, "{command}");
        // What the answer says of the call is what the command asked for.
        let value: serde_json::Value = serde_json::from_str(&shown).expect("JSON output");
        let option = |name: &str| {
            let words: Vec<&str> = command.split(' ').collect();
            words
                .iter()
                .position(|w| *w == name)
                .and_then(|i| words.get(i + 1).map(|v| v.to_string()))
        };
        if let Some(arn) = value
            .pointer("/AssumedRoleUser/Arn")
            .and_then(|v| v.as_str())
        {
            let role = option("--role-arn").expect("a role ARN");
            let role_name = role.rsplit('/').next().unwrap_or_default();
            assert!(
                arn.contains(&format!("assumed-role/{role_name}/")),
                "{command}: {arn}"
            );
            if let Some(session) = option("--role-session-name") {
                assert!(arn.ends_with(&format!("/{session}")), "{command}: {arn}");
            }
        }
        if value.get("PackedPolicySize").is_some() && operation != "get-delegated-access-token" {
            // Only a session policy given with the call is packed (the delegated token's
            // comes with the token).
            assert!(
                option("--policy").is_some(),
                "{command}: PackedPolicySize without a policy"
            );
        }
        if let Some(identity) = value.get("SourceIdentity").and_then(|v| v.as_str())
            && operation == "assume-role"
        {
            assert_eq!(
                option("--source-identity").as_deref(),
                Some(identity),
                "{command}"
            );
        }
        if let Some(user) = value.pointer("/FederatedUser/Arn").and_then(|v| v.as_str()) {
            let name = option("--name").expect("a name");
            assert!(user.ends_with(&format!("/{name}")), "{command}: {user}");
        }
    }
}
