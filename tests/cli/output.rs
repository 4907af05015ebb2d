//! Golden-file tests of the exact bytes of every operation and of `--query` results in every
//! output format, piped and on terminals of other widths.

use crate::support::fixture::{FixtureServer, Reply};
use crate::support::{Sandbox, assert_golden};
use crate::{FORMATS, OPERATION_CASES, QUERY_CASES, operation_args, query_args};
use std::path::Path;
use std::time::Duration;

#[test]
fn every_operation_prints_the_golden_output() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    for (format, extension) in FORMATS {
        for (operation, args) in OPERATION_CASES {
            let run = sandbox.sts(&operation_args(
                operation,
                args,
                &url,
                &["--output", format],
            ));
            assert_eq!(
                (run.code, run.stderr.as_str()),
                (0, ""),
                "{format} {operation}"
            );
            assert_golden(&format!("{format}/{operation}.{extension}"), &run.stdout);
        }
    }
}

/// All query results of one format in one golden file, each under a `=== name` line (and a
/// `--- exit` line when the format cannot show it).
pub fn query_corpus(
    sandbox: &Sandbox,
    url: &str,
    format: &str,
    run_in: &dyn Fn(&Sandbox, &[&str]) -> crate::support::Run,
) -> Vec<u8> {
    let mut corpus = Vec::new();
    for (name, expression) in QUERY_CASES {
        let run = run_in(sandbox, &query_args(expression, url, &["--output", format]));
        corpus.extend_from_slice(format!("=== {name}: {expression}\n").as_bytes());
        corpus.extend_from_slice(&run.stdout);
        // Some results cannot be drawn in some formats (the AWS CLI fails too): keep the error.
        if run.code != 0 {
            corpus.extend_from_slice(
                format!("--- exit {}, stderr: {:?}\n", run.code, run.stderr).as_bytes(),
            );
        }
    }
    corpus
}

#[test]
fn query_results_print_the_golden_output() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    for (format, _) in FORMATS {
        let corpus = query_corpus(&sandbox, &server.url(), format, &|s, a| s.sts(a));
        assert_golden(&format!("{format}/queries.txt"), &corpus);
    }
}

#[test]
fn tables_fit_the_terminal_they_are_shown_on() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    for columns in [40u16, 120] {
        let mut all = Vec::new();
        for (operation, args) in OPERATION_CASES {
            let run = sandbox.sts_in_pty(
                columns,
                &operation_args(
                    operation,
                    args,
                    &url,
                    &["--output", "table", "--color", "off"],
                ),
            );
            assert_eq!(
                run.code,
                0,
                "{operation}: {}",
                String::from_utf8_lossy(&run.stdout)
            );
            all.extend_from_slice(format!("=== {operation}\n").as_bytes());
            all.extend_from_slice(&run.stdout);
        }
        assert_golden(&format!("table/terminal-{columns}.txt"), &all);
        let corpus = query_corpus(&sandbox, &url, "table", &|s, a| {
            let mut with_color_off = a.to_vec();
            with_color_off.extend_from_slice(&["--color", "off"]);
            s.sts_in_pty(columns, &with_color_off)
        });
        assert_golden(&format!("table/queries-terminal-{columns}.txt"), &corpus);
    }
}

#[test]
fn tables_are_coloured_on_request() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    let mut all = Vec::new();
    for (operation, args) in OPERATION_CASES {
        let run = sandbox.sts(&operation_args(
            operation,
            args,
            &url,
            &["--output", "table", "--color", "on"],
        ));
        assert_eq!(run.code, 0, "{operation}: {}", run.stderr);
        all.extend_from_slice(&run.stdout);
    }
    assert_golden("table/color-on.txt", &all);
    // On a terminal, auto means colour; piped it means none.
    let (operation, args) = OPERATION_CASES[0];
    let on_terminal = sandbox.sts_in_pty(
        80,
        &operation_args(operation, args, &url, &["--output", "table"]),
    );
    assert!(
        String::from_utf8_lossy(&on_terminal.stdout).contains("\u{1b}["),
        "colour on a terminal"
    );
    let piped = sandbox.sts(&operation_args(
        operation,
        args,
        &url,
        &["--output", "table"],
    ));
    assert!(
        !piped.stdout_text().contains('\u{1b}'),
        "no colour into a pipe"
    );
}

#[test]
fn timestamps_follow_cli_timestamp_format() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    // v1 also knew `none`; v2 refuses it.
    let none = "\nsts: [ERROR]: An error occurred (Configuration): Unknown cli_timestamp_format value: none, valid values are \"wire\" or \"iso8601\"\n";
    let cases = [
        ("wire", 0, "\"2024-03-15T00:05:07.123456789Z\"\n", ""),
        ("none", 253, "", none),
        ("iso8601", 0, "\"2024-03-15T00:05:07.123456+00:00\"\n", ""),
    ];
    for (format, code, stdout, stderr) in cases {
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
            (run.code, run.stdout_text().as_str(), run.stderr.as_str()),
            (code, stdout, stderr),
            "{format}"
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
