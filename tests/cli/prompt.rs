//! The auto-prompt: a command line completed on a pseudo-terminal sends what the same command
//! line typed in full sends; off a terminal, and for its settings, `sts` does what v2 does.

use crate::support::fixture::FixtureServer;
use crate::support::{Run, Sandbox, as_sts_stderr, aws_available};
use std::path::Path;

/// `sts ARGS` on a pseudo-terminal, typing each step's keys once its text has appeared.
fn sts_typing(sandbox: &Sandbox, steps: &[(&str, &str)], args: &[&str]) -> Run {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/pty_keys.py");
    let steps: Vec<[&str; 2]> = steps.iter().map(|(text, keys)| [*text, *keys]).collect();
    let steps = serde_json::to_string(&steps).expect("steps as JSON");
    let mut full = vec![script, steps.as_str(), env!("CARGO_BIN_EXE_sts")];
    full.extend_from_slice(args);
    let output = sandbox
        .command(Path::new("python3"), &full)
        .output()
        .expect("run pty_keys.py");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

const ROLE: &str = "arn:aws:iam::123456789012:role/demo";

#[test]
fn a_command_filled_in_on_the_terminal_sends_what_the_full_command_sends() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    let steps = [
        ("Operation:", "assume-role"),
        ("assume-role ", "\r"),
        ("--role-arn", &format!("{ROLE}\r")),
        ("--role-session-name", "s1\r"),
        ("Optional parameters", "duration"),
        ("--duration-seconds", " \r"),
        ("--duration-seconds (integer)", "900\r"),
    ];
    let prompted = sts_typing(
        &sandbox,
        &steps,
        &[
            "--cli-auto-prompt",
            "--endpoint-url",
            &url,
            "--output",
            "text",
        ],
    );
    assert_eq!(prompted.code, 0, "{}", prompted.stderr);
    // The finished command is shown, so that it can be learnt.
    let line = format!(
        "> sts --endpoint-url {url} --output text assume-role --role-arn {ROLE} --role-session-name s1 --duration-seconds 900"
    );
    assert!(prompted.stderr.contains(&line), "{}", prompted.stderr);

    let typed = sandbox.sts(&[
        "--endpoint-url",
        &url,
        "--output",
        "text",
        "assume-role",
        "--role-arn",
        ROLE,
        "--role-session-name",
        "s1",
        "--duration-seconds",
        "900",
    ]);
    assert_eq!(typed.code, 0, "{}", typed.stderr);
    assert_eq!(prompted.stdout, typed.stdout);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].params, requests[1].params);
}

#[test]
fn what_was_typed_is_kept_and_a_cancelled_prompt_exits_130() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    // on-partial: a command line that fails as incomplete is completed, from what it had.
    let partial = sandbox.env("AWS_CLI_AUTO_PROMPT", "on-partial");
    let steps = [
        ("--role-session-name", "s2\r"),
        ("Optional parameters", "\r"),
    ];
    let run = sts_typing(
        &partial,
        &steps,
        &["assume-role", "--endpoint-url", &url, "--role-arn", ROLE],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.requests().len(), 1);
    assert_eq!(server.requests()[0].param("RoleSessionName"), Some("s2"));
    assert_eq!(server.requests()[0].param("RoleArn"), Some(ROLE));

    // Ctrl-C at a question: nothing is sent, the command so far is shown.
    let run = sts_typing(
        &partial,
        &[("--role-session-name", "\u{3}")],
        &["assume-role", "--endpoint-url", &url, "--role-arn", ROLE],
    );
    assert_eq!(run.code, 130, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "> sts --endpoint-url {url} assume-role --role-arn {ROLE}"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn the_prompt_settings_and_no_terminal_behave_as_in_v2() {
    let server = FixtureServer::start();
    let url = server.url();
    // The profile AWS_PROFILE names asks for the prompt (in any case); --profile does not count.
    let sandbox = |mode: Option<&str>| {
        let sandbox = Sandbox::new().env("AWS_PROFILE", "p");
        sandbox.write(".aws/config", "[profile p]\ncli_auto_prompt = On\n");
        match mode {
            Some(mode) => sandbox.env("AWS_CLI_AUTO_PROMPT", mode),
            None => sandbox,
        }
    };
    let call = ["get-caller-identity", "--endpoint-url", url.as_str()];
    let with = |extra: &[&'static str]| [&call[..], extra].concat();
    let assume_role = vec!["assume-role", "--endpoint-url", url.as_str()];
    // Without a terminal to prompt on, v2 fails with exit 255.
    let cases: Vec<(Option<&str>, Vec<&str>, i32)> = vec![
        (None, with(&[]), 255),
        (None, with(&["--no-cli-auto-prompt"]), 0),
        (
            None,
            with(&["--cli-auto-prompt", "--no-cli-auto-prompt"]),
            252,
        ),
        (None, with(&["--version"]), 0),
        (Some("off"), with(&[]), 0),
        (Some("bogus"), with(&[]), 0),
        (Some("ON"), with(&["--profile", "p"]), 255),
        // on-partial prompts only once a first try fails as a usage error.
        (Some("on-partial"), with(&[]), 0),
        (Some("on-partial"), assume_role, 255),
        (Some("on-partial"), with(&["--bogus"]), 255),
    ];
    for (mode, args, code) in &cases {
        let sandbox = sandbox(*mode);
        let ours = sandbox.sts(args);
        assert_eq!(ours.code, *code, "{mode:?} {args:?}: {}", ours.stderr);
        if aws_available() {
            let theirs = sandbox.aws(args);
            // The version strings differ, as the programs do.
            if !args.contains(&"--version") {
                assert_eq!(
                    ours.stdout_text(),
                    theirs.stdout_text(),
                    "{mode:?} {args:?}"
                );
            }
            assert_eq!(
                ours.stderr,
                as_sts_stderr(&theirs.stderr),
                "{mode:?} {args:?}"
            );
            assert_eq!(ours.code, theirs.code, "{mode:?} {args:?}");
        }
    }
}
