//! Errors: the AWS CLI v2 exit codes, one clear message on stderr, nothing on stdout.

use crate::support::fixture::{FixtureServer, Reply};
use crate::support::{Run, SECRET_KEY, Sandbox};
use std::time::Duration;

const ROLE: &[&str] = &[
    "--role-arn",
    "arn:aws:iam::123456789012:role/demo",
    "--role-session-name",
    "sess",
];

fn assume_role(sandbox: &Sandbox, server: &FixtureServer, extra: &[&str]) -> Run {
    let url = server.url();
    let mut args = vec!["assume-role", "--endpoint-url", &url];
    args.extend_from_slice(ROLE);
    args.extend_from_slice(extra);
    sandbox.sts(&args)
}

fn assert_failed(run: &Run, code: i32, stderr: &str) {
    assert_eq!((run.code, run.stderr.as_str()), (code, stderr));
    assert!(run.stdout.is_empty(), "stdout must stay empty");
}

#[test]
fn a_service_error_exits_254_with_the_aws_message() {
    let server = FixtureServer::start();
    server.push_reply(Reply::error(
        403,
        "AccessDenied",
        "User is not authorized to perform: sts:AssumeRole",
    ));
    let run = assume_role(&Sandbox::new(), &server, &[]);
    assert_failed(
        &run,
        254,
        "\nsts: [ERROR]: An error occurred (AccessDenied) when calling the AssumeRole operation: User is not authorized to perform: sts:AssumeRole\n",
    );
    assert_eq!(server.requests().len(), 1, "client errors are not retried");
}

#[test]
fn throttling_is_retried_then_succeeds() {
    let server = FixtureServer::start();
    server.push_reply(Reply::error(400, "Throttling", "Rate exceeded"));
    let run = assume_role(&Sandbox::new(), &server, &[]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn server_errors_are_retried_until_max_attempts() {
    let server = FixtureServer::start();
    for _ in 0..3 {
        server.push_reply(Reply::error(500, "InternalFailure", "Try later"));
    }
    let run = assume_role(&Sandbox::new(), &server, &[]);
    assert_failed(
        &run,
        254,
        "\nsts: [ERROR]: An error occurred (InternalFailure) when calling the AssumeRole operation (reached max retries: 2): Try later\n",
    );
    assert_eq!(server.requests().len(), 3);

    // AWS_MAX_ATTEMPTS=1: no retry at all.
    let server = FixtureServer::start();
    server.push_reply(Reply::raw(
        502,
        "text/html",
        "<html><body>Bad Gateway</body></html>",
    ));
    let run = assume_role(&Sandbox::new().env("AWS_MAX_ATTEMPTS", "1"), &server, &[]);
    assert_failed(
        &run,
        254,
        "\nsts: [ERROR]: An error occurred (502) when calling the AssumeRole operation (reached max retries: 0): Bad Gateway\n",
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn an_answer_that_is_not_xml_exits_255() {
    let server = FixtureServer::start();
    server.push_reply(Reply::raw(200, "text/xml", "this is not xml"));
    let run = assume_role(&Sandbox::new(), &server, &[]);
    assert_eq!(run.code, 255, "{}", run.stderr);
    assert!(
        run.stderr.contains("invalid XML received"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn a_slow_answer_hits_the_read_timeout() {
    let server = FixtureServer::start();
    for _ in 0..3 {
        server.push_reply(Reply::delay(Duration::from_secs(3), Reply::Canned));
    }
    let run = Sandbox::new().env("AWS_MAX_ATTEMPTS", "1").sts(&[
        "get-caller-identity",
        "--endpoint-url",
        &server.url(),
        "--cli-read-timeout",
        "1",
    ]);
    assert_failed(
        &run,
        255,
        &format!(
            "\nsts: [ERROR]: Read timeout on endpoint URL: \"{}/\"\n",
            server.url()
        ),
    );
}

#[test]
fn a_refused_connection_exits_255() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let url = format!("http://127.0.0.1:{port}");
    let run = Sandbox::new().env("AWS_MAX_ATTEMPTS", "1").sts(&[
        "get-caller-identity",
        "--endpoint-url",
        &url,
    ]);
    assert_failed(
        &run,
        255,
        &format!("\nsts: [ERROR]: Could not connect to the endpoint URL: \"{url}/\"\n"),
    );
}

#[test]
fn command_line_errors_exit_252_and_send_nothing() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    let cases: &[(&[&str], &str)] = &[
        (
            &["assume-role", "--endpoint-url", &url],
            "the following arguments are required: --role-arn, --role-session-name",
        ),
        (
            &[
                "get-caller-identity",
                "--endpoint-url",
                &url,
                "--output",
                "xml",
            ],
            "argument --output: Found invalid choice 'xml'",
        ),
        (
            &[
                "get-caller-identity",
                "--endpoint-url",
                &url,
                "--query",
                "foo[",
            ],
            "Bad value for --query foo[: ",
        ),
        (
            &["get-caller-identity", "--endpoint-url", "localhost:5000"],
            "Bad value for --endpoint-url \"localhost:5000\": scheme is missing.",
        ),
        (
            &["get-caller-identity", "--endpoint-url", &url, "--bogus"],
            "Unknown options: --bogus",
        ),
        (
            &["get-caller-idnetity", "--endpoint-url", &url],
            "Found invalid choice 'get-caller-idnetity'",
        ),
        (
            &[
                "assume-role",
                "--endpoint-url",
                &url,
                "--role-arn",
                "arn:aws:iam::123456789012:role/demo",
                "--role-session-name",
                "s",
                "--duration-seconds",
                "soon",
            ],
            "Error parsing parameter '--duration-seconds': expected an integer, received: 'soon'",
        ),
        (
            &[
                "assume-role",
                "--endpoint-url",
                &url,
                "--role-arn",
                "arn:aws:iam::123456789012:role/demo",
                "--role-session-name",
                "s",
                "--tags",
                "[{",
            ],
            "Error parsing parameter '--tags': Invalid JSON: ",
        ),
        (
            &[
                "assume-role",
                "--endpoint-url",
                &url,
                "--role-arn",
                "arn:aws:iam::123456789012:role/demo",
                "--role-session-name",
                "s",
                "--policy",
                "file://missing.json",
            ],
            "Error parsing parameter '--policy': Unable to load paramfile file://missing.json: [Errno 2] No such file or directory: 'missing.json'",
        ),
        (
            &[
                "assume-role",
                "--endpoint-url",
                &url,
                "--role-arn",
                "arn:aws:iam::123456789012:role/demo",
                "--role-session-name",
                "s",
            ],
            "Parameter validation failed:\nInvalid length for parameter RoleSessionName, value: 1, valid min length: 2",
        ),
        (
            &[
                "assume-role",
                "--endpoint-url",
                &url,
                "--role-arn",
                "arn:aws:iam::123456789012:role/demo",
                "--role-session-name",
                "ss",
                "--tags",
                "Key",
            ],
            "Error parsing parameter '--tags': Expected: '=', received: 'EOF' for input:\n Key\n   ^",
        ),
        (
            &[
                "assume-role",
                "--endpoint-url",
                &url,
                "--role-arn",
                "arn:aws:iam::123456789012:role/demo",
                "--role-session-name",
                "ss",
                "--tags",
                "Key=a,Colour=b",
            ],
            "Parameter validation failed:\nMissing required parameter in Tags[0]: \"Value\"\nUnknown parameter in Tags[0]: \"Colour\", must be one of: Key, Value",
        ),
        (
            &[
                "assume-role",
                "--endpoint-url",
                &url,
                "--role-arn",
                "arn:aws:iam::123456789012:role/demo",
                "--role-session-name",
                "ss",
                "--po",
                "x",
            ],
            "ambiguous option: --po could match --policy-arns, --policy",
        ),
        (
            &[
                "assume-role",
                "--endpoint-url",
                &url,
                "--cli-input-json",
                "[1]",
            ],
            "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'list'>",
        ),
    ];
    for (args, message) in cases {
        let run = sandbox.sts(args);
        assert_eq!(run.code, 252, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(
        server.requests().len(),
        0,
        "nothing may be sent on bad input"
    );
}

#[test]
fn query_runtime_errors_exit_255() {
    let server = FixtureServer::start();
    let run = Sandbox::new().sts(&[
        "get-caller-identity",
        "--endpoint-url",
        &server.url(),
        "--query",
        "nosuchfn(@)",
    ]);
    assert_failed(&run, 255, "\nsts: [ERROR]: Unknown function: nosuchfn()\n");
}

#[test]
fn configuration_problems_exit_253_and_a_missing_profile_255() {
    let server = FixtureServer::start();
    let url = server.url();

    let run = Sandbox::bare()
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .sts(&["get-caller-identity", "--endpoint-url", &url]);
    assert_failed(
        &run,
        253,
        "\nsts: [ERROR]: An error occurred (NoCredentials): Unable to locate credentials. You can configure credentials by running \"aws login\".\n",
    );

    let run = Sandbox::new().sts(&[
        "get-caller-identity",
        "--endpoint-url",
        &url,
        "--profile",
        "nope",
    ]);
    // A general error in v2 (botocore's ProfileNotFound), so 255.
    assert_failed(
        &run,
        255,
        "\nsts: [ERROR]: The config profile (nope) could not be found\n",
    );

    let run = Sandbox::new().unset("AWS_DEFAULT_REGION").sts(&[
        "get-caller-identity",
        "--endpoint-url",
        &url,
    ]);
    assert_failed(
        &run,
        253,
        "\nsts: [ERROR]: An error occurred (NoRegion): You must specify a region. You can also configure your region by running \"aws configure\".\n",
    );

    let sandbox = Sandbox::new();
    sandbox.write(".aws/config", "[default]\ncli_timestamp_format = bogus\n");
    let run = sandbox.sts(&["get-caller-identity", "--endpoint-url", &url]);
    assert_failed(
        &run,
        253,
        "\nsts: [ERROR]: An error occurred (Configuration): Unknown cli_timestamp_format value: bogus, valid values are \"wire\" or \"iso8601\"\n",
    );

    assert_eq!(server.requests().len(), 0);
}

#[test]
fn secrets_stay_out_of_debug_logs_and_errors() {
    let server = FixtureServer::start();
    let run = assume_role(&Sandbox::new(), &server, &["--debug"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.is_empty(), "--debug logs something");
    for secret in [SECRET_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"] {
        assert!(
            !run.stderr.contains(secret),
            "secret in debug log: {}",
            run.stderr
        );
    }
}

#[test]
fn ctrl_c_exits_130() {
    let server = FixtureServer::start();
    server.push_reply(Reply::delay(Duration::from_secs(5), Reply::Canned));
    let sandbox = Sandbox::new();
    let child = sandbox
        .command(
            std::path::Path::new(env!("CARGO_BIN_EXE_sts")),
            &["get-caller-identity", "--endpoint-url", &server.url()],
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn sts");
    // Wait until the request is in flight, then interrupt.
    for _ in 0..100 {
        if !server.requests().is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(130));
    assert!(output.stdout.is_empty());
    // The newline v2 writes after Ctrl-C, on stderr so that the shell prompt starts afresh.
    assert_eq!(output.stderr, b"\n");
}

#[test]
fn an_interrupt_ignored_at_start_stays_ignored() {
    // As a shell starts `sts ... &` in a script: the Ctrl-C is for the foreground job.
    let server = FixtureServer::start();
    server.push_reply(Reply::delay(Duration::from_secs(1), Reply::Canned));
    let sandbox = Sandbox::new();
    let line = format!(
        "trap '' INT; exec {} get-caller-identity --endpoint-url {} --output text",
        env!("CARGO_BIN_EXE_sts"),
        server.url()
    );
    let child = sandbox
        .command(std::path::Path::new("sh"), &["-c", &line])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn sh");
    for _ in 0..100 {
        if !server.requests().is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let output = child.wait_with_output().expect("wait");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("123456789012\t"));
}

#[test]
fn a_closed_stdout_is_an_error_not_lost_output() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let run_with = |extra: &str, redirect: &str| {
        let line = format!(
            "exec {} get-caller-identity --endpoint-url {} {extra} {redirect}",
            env!("CARGO_BIN_EXE_sts"),
            server.url()
        );
        let output = sandbox
            .command(std::path::Path::new("sh"), &["-c", &line])
            .output()
            .expect("run sh");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let run_closed = |extra: &str| run_with(extra, ">&-");
    assert_eq!(
        run_closed(""),
        (
            Some(255),
            "\nsts: [ERROR]: Unable to write the output: standard output is closed\n".to_string()
        )
    );
    // Nothing to print, nothing lost.
    assert_eq!(run_closed("--output off"), (Some(0), String::new()));
    // /dev/null opened for reading and writing (Python's subprocess.DEVNULL) is not closed.
    assert_eq!(run_with("", "1<>/dev/null"), (Some(0), String::new()));
}
