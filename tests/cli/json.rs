//! Golden-file tests of the exact JSON bytes of every operation and of `--query` results.

use crate::support::fixture::{FixtureServer, Reply};
use crate::support::{Sandbox, assert_golden};
use crate::{OPERATION_CASES, QUERY_CASES};
use std::path::Path;
use std::time::Duration;

#[test]
fn every_operation_prints_the_golden_json() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    for (operation, args) in OPERATION_CASES {
        let url = server.url();
        let mut full = vec![*operation, "--endpoint-url", &url];
        full.extend_from_slice(args);
        let run = sandbox.sts(&full);
        assert_eq!(run.code, 0, "{operation}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{operation}");
        assert_golden(&format!("json/{operation}.json"), &run.stdout);
    }
}

#[test]
fn query_results_print_the_golden_json() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let (_, args) = OPERATION_CASES[0];
    let mut corpus = Vec::new();
    for (name, expression) in QUERY_CASES {
        let url = server.url();
        let mut full = vec!["assume-role", "--endpoint-url", &url, "--query", expression];
        full.extend_from_slice(args);
        let run = sandbox.sts(&full);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        corpus.extend_from_slice(format!("=== {name}: {expression}\n").as_bytes());
        corpus.extend_from_slice(&run.stdout);
    }
    assert_golden("json/queries.txt", &corpus);
}

#[test]
fn timestamps_follow_cli_timestamp_format() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    let cases = [
        ("wire", "\"2024-03-15T00:05:07.123456789Z\"\n"),
        ("none", "\"2024-03-15T00:05:07.123456789Z\"\n"),
        ("iso8601", "\"2024-03-15T00:05:07.123456+00:00\"\n"),
    ];
    for (format, expected) in cases {
        sandbox.write(
            ".aws/config",
            &format!("[default]\ncli_timestamp_format = {format}\n"),
        );
        let run = sandbox.sts(&[
            "assume-root",
            "--endpoint-url",
            &url,
            "--target-principal",
            "111122223333",
            "--task-policy-arn",
            "arn=arn:aws:iam::aws:policy/root-task/X",
            "--query",
            "Credentials.Expiration",
        ]);
        assert_eq!(
            (run.code, run.stdout_text().as_str()),
            (0, expected),
            "{format}: {}",
            run.stderr
        );
    }
}

#[test]
fn an_empty_result_prints_nothing() {
    let server = FixtureServer::start();
    server.set_body(
        "GetCallerIdentity",
        "<GetCallerIdentityResponse><GetCallerIdentityResult/></GetCallerIdentityResponse>",
    );
    let run = Sandbox::new().sts(&["get-caller-identity", "--endpoint-url", &server.url()]);
    assert_eq!(
        (run.code, run.stdout.len(), run.stderr.as_str()),
        (0, 0, "")
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::process::Stdio;
    let server = FixtureServer::start();
    // The answer comes late, so the reader is gone before sts writes (as with `| head -c0`).
    server.push_reply(Reply::delay(Duration::from_millis(300), Reply::Canned));
    let sandbox = Sandbox::new();
    let mut child = sandbox
        .command(
            Path::new(env!("CARGO_BIN_EXE_sts")),
            &["get-caller-identity", "--endpoint-url", &server.url()],
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
}
