//! `sts explain-denial`: the decoded messages of tests/fixtures/denials told in words (golden
//! files), the decoded document in the output formats with `--query`, the encoded part found
//! in a pasted error, standard input, and STS's errors as decode-authorization-message has
//! them.

use crate::support::fixture::{FixtureServer, Reply};
use crate::support::{Run, Sandbox, assert_golden};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

const ENCODED: &str = "ENCODED-MESSAGE-0123456789_abc-XYZ";

/// The fixture's DecodeAuthorizationMessage answer carrying `decoded` (compact, escaped).
fn answering(server: &FixtureServer, decoded: &serde_json::Value) {
    let compact = decoded.to_string();
    let escaped = compact
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    server.set_body(
        "DecodeAuthorizationMessage",
        &format!(
            "<DecodeAuthorizationMessageResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  \
             <DecodeAuthorizationMessageResult>\n    <DecodedMessage>{escaped}</DecodedMessage>\n  \
             </DecodeAuthorizationMessageResult>\n  <ResponseMetadata>\n    \
             <RequestId>6624a9ca-cd25-4f50-b2a5-7ba65bf07453</RequestId>\n  </ResponseMetadata>\n\
             </DecodeAuthorizationMessageResponse>\n"
        ),
    );
}

fn corpus() -> Vec<(String, serde_json::Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/denials");
    let mut cases: Vec<(String, serde_json::Value)> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/denials")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let name = path
                .file_stem()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&path).expect("readable");
            (name, serde_json::from_str(&text).expect("JSON"))
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

fn sandbox_for(server: &FixtureServer) -> Sandbox {
    Sandbox::new().env("AWS_ENDPOINT_URL_STS", &server.url())
}

#[test]
fn every_decoded_message_is_explained() {
    let cases = corpus();
    assert!(cases.len() >= 8, "{} messages", cases.len());
    for (name, decoded) in cases {
        let server = FixtureServer::start();
        answering(&server, &decoded);
        let run = sandbox_for(&server).sts(&["explain-denial", ENCODED]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{name}");
        assert_golden(&format!("denials/{name}.txt"), &run.stdout);
        let requests = server.requests();
        assert_eq!(requests.len(), 1, "{name}");
        assert_eq!(requests[0].action(), Some("DecodeAuthorizationMessage"));
        assert_eq!(requests[0].param("EncodedMessage"), Some(ENCODED));
    }
}

#[test]
fn the_decoded_document_is_printed_as_a_document_in_the_output_formats() {
    let decoded = corpus()
        .into_iter()
        .find(|(name, _)| name == "scp-deny")
        .map(|(_, decoded)| decoded)
        .expect("scp-deny.json");
    let server = FixtureServer::start();
    answering(&server, &decoded);
    let sandbox = sandbox_for(&server);
    for (args, golden) in [
        (&["--output", "json"][..], "scp-deny.json"),
        (&["--output", "yaml"][..], "scp-deny.yaml"),
        (&["--output", "text"][..], "scp-deny.text.txt"),
        (
            &[
                "--query",
                "matchedStatements.items[].statementId",
                "--output",
                "json",
            ][..],
            "scp-deny.statements.json",
        ),
    ] {
        let mut full = vec!["explain-denial", ENCODED];
        full.extend_from_slice(args);
        let run = sandbox.sts(&full);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}");
        assert_golden(&format!("denials/{golden}"), &run.stdout);
    }
    // The JSON printed is the document itself, key order kept.
    let run = sandbox.sts(&["explain-denial", ENCODED, "--output", "json"]);
    let printed: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(printed.to_string(), decoded.to_string());
    let run = sandbox.sts(&[
        "explain-denial",
        ENCODED,
        "--query",
        "context.action",
        "--output",
        "text",
    ]);
    assert_eq!(run.stdout_text(), "ec2:RunInstances\n");
}

#[test]
fn the_encoded_part_of_a_pasted_error_or_of_standard_input_is_sent() {
    let server = FixtureServer::start();
    let sandbox = sandbox_for(&server);
    let pasted = format!(
        "Error: creating EC2 Instance: operation error EC2: RunInstances, https response \
         error StatusCode: 403, RequestID: 5a5e, api error UnauthorizedOperation: You are not \
         authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/ci/x \
         is not authorized to perform: ec2:RunInstances. Encoded authorization failure \
         message: {ENCODED}\n"
    );
    let run = sandbox.sts(&["explain-denial", &pasted]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for stdin in [pasted.as_str(), ENCODED] {
        for args in [&["explain-denial", "-"][..], &["explain-denial"][..]] {
            let run = with_stdin(&sandbox, args, stdin);
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        }
    }
    let sent: Vec<_> = server
        .requests()
        .iter()
        .map(|r| r.param("EncodedMessage").unwrap_or_default().to_string())
        .collect();
    assert_eq!(sent, vec![ENCODED; 5]);

    // Nothing to decode: a usage error, nothing sent.
    let run = with_stdin(&sandbox, &["explain-denial", "-"], "  \n");
    assert_eq!(run.code, 252);
    assert_eq!(
        run.stderr,
        "\nsts: [ERROR]: An error occurred (ParamValidation): explain-denial: no encoded \
         message given: pass it (or the whole error text) as an argument, or - to read it \
         from standard input\n"
    );
    assert_eq!(server.requests().len(), 5);
}

fn with_stdin(sandbox: &Sandbox, args: &[&str], input: &str) -> Run {
    let mut child = sandbox
        .command(Path::new(env!("CARGO_BIN_EXE_sts")), args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sts");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write stdin");
    }
    let output = child.wait_with_output().expect("wait");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn an_error_of_sts_is_reported_as_decode_authorization_message_reports_it() {
    for reply in [
        Reply::error(
            400,
            "InvalidAuthorizationMessageException",
            "The message is not valid.",
        ),
        Reply::error(
            403,
            "AccessDenied",
            "User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:DecodeAuthorizationMessage",
        ),
    ] {
        let server = FixtureServer::start();
        let sandbox = sandbox_for(&server);
        server.push_reply(reply.clone());
        let explained = sandbox.sts(&["explain-denial", ENCODED]);
        server.push_reply(reply);
        let decoded = sandbox.sts(&["decode-authorization-message", "--encoded-message", ENCODED]);
        assert_eq!(explained.code, 254);
        assert_eq!(
            (
                explained.code,
                explained.stderr.as_str(),
                explained.stdout.as_slice()
            ),
            (
                decoded.code,
                decoded.stderr.as_str(),
                decoded.stdout.as_slice()
            )
        );
    }
}
