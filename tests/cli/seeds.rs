//! Every STS example command of the AWS documentation pages this project started from
//! (../shared/seeds), run unchanged with `sts` in place of `aws sts`, against the fixture server.

use crate::support::fixture::FixtureServer;
use crate::support::{Run, Sandbox, as_sts_stderr, aws_available, aws_v2};
use std::path::Path;

/// The commands, one per line, as `extract_commands` finds them in the seed pages.
const COMMANDS: &str = include_str!("../fixtures/seed-commands.txt");

/// A command from the documentation, run by bash (so its quoting is the shell's), with
/// `aws sts` replaced by `program` and an endpoint added.
fn run_example(sandbox: &Sandbox, program: &str, command: &str, url: &str) -> Run {
    let line = format!(
        "{program} {} --endpoint-url {url}",
        command.trim_start_matches("aws sts ")
    );
    let output = sandbox
        .command(Path::new("bash"), &["-c", &line])
        .output()
        .expect("run bash");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A sandbox with what the examples refer to: a policy file and the script's variables.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new()
        .env("role_session_name", "script-session")
        .env(
            "role_arn",
            "arn:aws:iam::123456789012:role/xaccounts3access",
        );
    sandbox.write(
        "myfile.json",
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]\n}\n",
    );
    sandbox
}

#[test]
fn documentation_examples_behave_as_with_aws() {
    let server = FixtureServer::start();
    let sandbox = sandbox();
    let url = server.url();
    let sts = env!("CARGO_BIN_EXE_sts");
    let compare_with_aws = aws_available();
    for command in COMMANDS.lines().filter(|l| !l.is_empty()) {
        let ours = run_example(&sandbox, sts, command, &url);
        if !compare_with_aws {
            assert!(matches!(ours.code, 0 | 252), "{command}: {}", ours.stderr);
            continue;
        }
        let before = server.requests().len();
        let aws = aws_v2().expect("checked by aws_available");
        let theirs = run_example(&sandbox, &format!("{} sts", aws.display()), command, &url);
        assert_eq!(
            (ours.code, ours.stdout_text(), ours.stderr.clone()),
            (
                theirs.code,
                theirs.stdout_text(),
                as_sts_stderr(&theirs.stderr)
            ),
            "{command}"
        );
        let requests = server.requests();
        if let ([sent_by_aws], 0) = (&requests[before..], ours.code) {
            assert_eq!(requests[before - 1].params, sent_by_aws.params, "{command}");
        }
    }
}

/// The seed pages' `aws sts` commands: one per occurrence, continuation backslashes joined,
/// a command inside `$(...)` cut at its end.
fn extract_commands(page: &str) -> Vec<String> {
    let mut commands = Vec::new();
    for line in page.lines() {
        let mut rest = line;
        while let Some(start) = rest.find("aws sts ") {
            let mut command = rest[start..].replace(" \\ ", " ");
            if let Some(end) = command.find("\")") {
                command.truncate(end + 1);
            }
            let command = command
                .split("  ")
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            rest = &rest[start + 8..];
            commands.push(command);
        }
    }
    commands
}

#[test]
fn the_command_list_is_current() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        return; // Only a checkout with the shared folder beside it has the pages.
    };
    let mut pages: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    pages.sort();
    let mut commands: Vec<String> = Vec::new();
    for page in pages {
        for command in extract_commands(&std::fs::read_to_string(page).unwrap_or_default()) {
            if !commands.contains(&command) {
                commands.push(command);
            }
        }
    }
    let listed: Vec<&str> = COMMANDS.lines().collect();
    assert_eq!(commands, listed);
}
