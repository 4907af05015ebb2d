//! Differential tests: `aws sts ...` (the reference, AWS CLI v2) and `sts ...` against the
//! same fixture server must print the same bytes on stdout and stderr (the program's name and
//! usage block aside) and exit alike.

use crate::support::fixture::{FixtureServer, Reply};
use crate::support::{Sandbox, as_sts_stderr, aws_available, ruamel_available, ruamel_yaml};
use crate::{OPERATION_CASES, QUERY_CASES, operation_args, query_args};

/// `aws sts ARGS` and `sts ARGS` print the same bytes and exit alike.
fn compare(sandbox: &Sandbox, args: &[&str]) {
    let theirs = sandbox.aws(args);
    let ours = sandbox.sts(args);
    assert_eq!(
        ours.stdout_text(),
        theirs.stdout_text(),
        "stdout of {args:?}\naws stderr: {}",
        theirs.stderr
    );
    assert_eq!(ours.stdout, theirs.stdout, "stdout bytes of {args:?}");
    assert_eq!(
        ours.stderr,
        as_sts_stderr(&theirs.stderr),
        "stderr of {args:?}"
    );
    assert_eq!(ours.code, theirs.code, "exit code of {args:?}");
}

/// The formats the reference (v1) has: yaml is checked against ruamel.yaml instead.
const AWS_FORMATS: &[&str] = &["json", "text", "table"];

#[test]
fn every_operation_matches_aws() {
    if !aws_available() {
        return;
    }
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    let options = AWS_FORMATS.iter().map(|format| vec!["--output", *format]);
    for extra in options.chain([vec!["--output", "table", "--color", "on"]]) {
        for (operation, args) in OPERATION_CASES {
            compare(&sandbox, &operation_args(operation, args, &url, &extra));
        }
    }
}

#[test]
fn every_query_matches_aws() {
    if !aws_available() {
        return;
    }
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    for format in AWS_FORMATS {
        for (_, expression) in QUERY_CASES {
            compare(
                &sandbox,
                &query_args(expression, &url, &["--output", format]),
            );
        }
    }
}

#[test]
fn tables_on_terminals_match_aws() {
    if !aws_available() {
        return;
    }
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    for columns in [40u16, 120] {
        for (operation, args) in OPERATION_CASES {
            let full = operation_args(
                operation,
                args,
                &url,
                &["--output", "table", "--color", "off"],
            );
            let ours = sandbox.sts_in_pty(columns, &full);
            let theirs = sandbox.aws_in_pty(columns, &full);
            assert_eq!(
                ours.stdout_text(),
                as_sts_stderr(&theirs.stdout_text()),
                "{columns} columns: {operation}"
            );
        }
        for (_, expression) in QUERY_CASES {
            let full = query_args(expression, &url, &["--output", "table", "--color", "off"]);
            let ours = sandbox.sts_in_pty(columns, &full);
            let theirs = sandbox.aws_in_pty(columns, &full);
            // The terminal shows stderr too.
            assert_eq!(
                ours.stdout_text(),
                as_sts_stderr(&theirs.stdout_text()),
                "{columns} columns: {expression}"
            );
        }
    }
    // Colour chosen automatically on a terminal, with the reset the AWS CLI writes at exit.
    let (operation, args) = OPERATION_CASES[0];
    let full = operation_args(operation, args, &url, &["--output", "table"]);
    let ours = sandbox.sts_in_pty(80, &full);
    let theirs = sandbox.aws_in_pty(80, &full);
    assert_eq!(
        ours.stdout_text(),
        theirs.stdout_text(),
        "colour on a terminal"
    );
}

#[test]
fn yaml_matches_ruamel() {
    if !ruamel_available() {
        return;
    }
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    let operations = OPERATION_CASES
        .iter()
        .map(|(op, args)| operation_args(op, args, &url, &[]));
    let queries = QUERY_CASES
        .iter()
        .map(|(_, expression)| query_args(expression, &url, &[]));
    let cases: Vec<Vec<&str>> = operations.chain(queries).collect();
    for args in cases {
        let json = sandbox.sts(&[args.as_slice(), &["--output", "json"]].concat());
        // An empty JSON output is the empty result, which YAML prints as nothing too.
        let document: &[u8] = if json.stdout.is_empty() {
            b"{}"
        } else {
            &json.stdout
        };
        for format in ["yaml", "yaml-stream"] {
            let ours = sandbox.sts(&[args.as_slice(), &["--output", format]].concat());
            let expected = ruamel_yaml(document, format);
            assert_eq!(
                ours.stdout_text(),
                String::from_utf8_lossy(&expected),
                "{format}: {args:?}"
            );
        }
    }
}

#[test]
fn skeletons_match_aws() {
    if !aws_available() {
        return;
    }
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    for (operation, _) in OPERATION_CASES {
        for extra in [
            &["--generate-cli-skeleton"][..],
            &["--generate-cli-skeleton", "input"],
        ] {
            compare(&sandbox, &operation_args(operation, &[], &url, extra));
        }
    }
    // The AWS CLI can only build an output sample where its stub values pass the model's
    // minimum lengths; for those, every format must match.
    for (operation, args) in OPERATION_CASES
        .iter()
        .filter(|(op, _)| matches!(*op, "decode-authorization-message" | "get-access-key-info"))
    {
        for format in AWS_FORMATS {
            let extra = ["--generate-cli-skeleton", "output", "--output", format];
            compare(&sandbox, &operation_args(operation, args, &url, &extra));
        }
    }
    assert_eq!(server.requests().len(), 0, "skeletons contact no one");
}

#[test]
fn service_errors_match_aws() {
    if !aws_available() {
        return;
    }
    let server = FixtureServer::start();
    let sandbox = Sandbox::new().env("AWS_MAX_ATTEMPTS", "1");
    let replies = [
        Reply::error(403, "AccessDenied", "Not authorized"),
        Reply::error(
            400,
            "ExpiredTokenException",
            "The security token included in the request is expired",
        ),
        Reply::error(500, "InternalFailure", "boom"),
        Reply::raw(502, "text/html", "<html><body>Bad Gateway</body></html>"),
    ];
    for reply in replies {
        let mut stderrs = Vec::new();
        for program in ["aws", "sts"] {
            server.push_reply(reply.clone());
            let url = server.url();
            let args = ["--endpoint-url", url.as_str(), "get-session-token"];
            let run = if program == "aws" {
                sandbox.aws(&args)
            } else {
                sandbox.sts(&args)
            };
            assert!(run.stdout.is_empty());
            stderrs.push((run.code, as_sts_stderr(&run.stderr)));
        }
        assert_eq!(stderrs[0], stderrs[1], "{reply:?}");
    }
}

#[test]
fn validation_errors_match_aws() {
    if !aws_available() {
        return;
    }
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    let cases: &[&[&str]] = &[
        &[
            "assume-role",
            "--role-arn",
            "arn:aws:iam::123456789012:role/demo",
            "--role-session-name",
            "s",
            "--duration-seconds",
            "10",
        ],
        &[
            "assume-role",
            "--role-arn",
            "short",
            "--role-session-name",
            "sess",
            "--tags",
            r#"[{"Key": "a"}, {"Key": "b", "Value": 1, "Colour": "red"}]"#,
        ],
        &[
            "get-federation-token",
            "--name",
            "Bob",
            "--policy-arns",
            r#"[{"arn": null}]"#,
            "--tags",
            r#"{"Key": "k"}"#,
        ],
        &[
            "get-web-identity-token",
            "--audience",
            "--signing-algorithm",
            "RS",
        ],
    ];
    for args in cases {
        let mut full = vec!["--endpoint-url", url.as_str()];
        full.extend_from_slice(args);
        let theirs = sandbox.aws(&full);
        let ours = sandbox.sts(&full);
        assert_eq!(theirs.code, 252, "{args:?}: {}", theirs.stderr);
        assert_eq!(
            (ours.code, ours.stderr),
            (252, as_sts_stderr(&theirs.stderr)),
            "{args:?}"
        );
    }
    assert_eq!(server.requests().len(), 0);
}

/// Command lines (after `--endpoint-url URL`) whose request bodies must equal the reference's.
const REQUEST_CASES: &[&[&str]] = &[
    &[
        "assume-role",
        "--role-arn",
        "arn:aws:iam::123456789012:role/demo",
        "--role-session-name",
        "sess",
        "--policy-arns",
        "arn=arn:aws:iam::aws:policy/ReadOnlyAccess",
        "--tags",
        "Key=Project,Value=Unicorn",
        "Key=Team,Value=A B&C",
        "--transitive-tag-keys",
        "Project",
        "--duration-seconds",
        "3600",
        "--policy",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
    ],
    // Unique prefixes, as argparse allows them; the last of a repeated option wins.
    &[
        "assume-role",
        "--role-a",
        "arn:aws:iam::123456789012:role/demo",
        "--role-s",
        "first",
        "--role-s",
        "second",
        "--du",
        "900",
    ],
    // A list option given twice keeps the second list.
    &[
        "assume-role",
        "--role-arn",
        "arn:aws:iam::123456789012:role/demo",
        "--role-session-name",
        "s1",
        "--transitive-tag-keys",
        "a",
        "b",
        "--transitive-tag-keys",
        "c",
    ],
    // JSON values for lists of structures and of strings.
    &[
        "get-federation-token",
        "--name",
        "Bob",
        "--tags",
        r#"[{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": ""}]"#,
        "--policy-arns",
        r#"[{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]"#,
    ],
    &[
        "get-web-identity-token",
        "--audience",
        r#"["a.example.com", "b.example.com"]"#,
        "--signing-algorithm",
        "ES384",
    ],
    &[
        "assume-root",
        "--target-principal",
        "111122223333",
        "--task-policy-arn",
        "arn=arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials",
        "--duration-seconds",
        "900",
    ],
    // A document of parameters, under those given as options.
    &[
        "assume-role",
        "--role-session-name",
        "from-cli",
        "--cli-input-json",
        r#"{"RoleArn": "arn:aws:iam::123456789012:role/demo", "RoleSessionName": "from-json", "DurationSeconds": 1800}"#,
    ],
    // Shorthand: quoting, escapes, spaces, several structures, nesting in a structure option.
    &[
        "assume-role",
        "--role-arn",
        "arn:aws:iam::123456789012:role/demo",
        "--role-session-name",
        "s1",
        "--tags",
        r#"Key="a,b",Value='it\'s'"#,
        r"Key=c\,d,Value=e",
        "Key = spaced , Value = v ",
        "--policy-arns",
        "arn=arn:aws:iam::aws:policy/A",
        "arn=arn:aws:iam::aws:policy/B",
        "--provided-contexts",
        "ProviderArn=arn:aws:iam::aws:contextProvider/IdentityCenter,ContextAssertion=abcd",
    ],
    &[
        "assume-root",
        "--target-principal",
        "111122223333",
        "--task-policy-arn",
        "arn='arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy'",
    ],
    &[
        "get-federation-token",
        "--name",
        "Bob",
        "--tags",
        "Key=\"quoted \\\" key\",Value=",
        "--policy-arns",
        "arn=arn:aws:iam::aws:policy/ReadOnlyAccess",
    ],
    // An option given no values is an empty list.
    &[
        "assume-role",
        "--role-arn",
        "arn:aws:iam::123456789012:role/demo",
        "--role-session-name",
        "s1",
        "--tags",
        "--transitive-tag-keys",
    ],
    // Values that need encoding.
    &[
        "decode-authorization-message",
        "--encoded-message",
        "a+b/c=d&e f%g~h_i.j-k ü",
    ],
];

#[test]
fn request_bodies_match_aws() {
    if !aws_available() {
        return;
    }
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    for case in REQUEST_CASES {
        let mut args = vec!["--endpoint-url", url.as_str()];
        args.extend_from_slice(case);
        let theirs = sandbox.aws(&args);
        let ours = sandbox.sts(&args);
        assert_eq!(
            (theirs.code, ours.code),
            (0, 0),
            "{case:?}: {} / {}",
            theirs.stderr,
            ours.stderr
        );
        let requests = server.requests();
        let (aws_request, sts_request) =
            (&requests[requests.len() - 2], &requests[requests.len() - 1]);
        let (mut ours, mut theirs) = (sts_request.params.clone(), aws_request.params.clone());
        // botocore appends a document's parameters after the options; the SDK always writes
        // model order. The form is the same request either way.
        if case.contains(&"--cli-input-json") {
            ours.sort();
            theirs.sort();
        }
        assert_eq!(ours, theirs, "{case:?}");
    }
}
