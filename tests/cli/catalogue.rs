//! A catalogue of command lines, settings and answers that end in an error or a corner case,
//! each run by AWS CLI v2 and by `sts` against servers of their own: stdout, stderr (the
//! program's name and usage block aside), exit code and the requests sent must agree. The
//! few deliberate differences are listed with their reasons, and checked to still differ.

use crate::support::fixture::{FixtureServer, Reply};
use crate::support::{Run, Sandbox, as_sts_stderr, aws_available};

/// The error formats, and the errors each must show as v2 shows them.
const ERROR_FORMATS: [&str; 6] = ["legacy", "enhanced", "json", "yaml", "text", "table"];

/// One case: a command line, the environment and config it runs with, and the answer the
/// server gives (to every request).
#[derive(Clone, Default)]
struct Case {
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    unset: Vec<&'static str>,
    config: Option<&'static str>,
    reply: Option<Reply>,
    /// Why `sts` differs here on purpose (README lists these).
    differs: Option<&'static str>,
}

fn case(args: &[&str]) -> Case {
    Case {
        args: args.iter().map(|a| a.to_string()).collect(),
        ..Case::default()
    }
}

impl Case {
    fn env(mut self, name: &'static str, value: &str) -> Case {
        self.env.push((name, value.to_string()));
        self
    }

    fn unset(mut self, name: &'static str) -> Case {
        self.unset.push(name);
        self
    }

    fn config(mut self, text: &'static str) -> Case {
        self.config = Some(text);
        self
    }

    fn reply(mut self, reply: Reply) -> Case {
        self.reply = Some(reply);
        self
    }

    fn differs(mut self, why: &'static str) -> Case {
        self.differs = Some(why);
        self
    }

    /// What one program did: its run and the requests its server saw.
    fn run(&self, aws: bool) -> (Run, Vec<Vec<(String, String)>>) {
        let server = FixtureServer::start();
        if let Some(reply) = &self.reply {
            for _ in 0..5 {
                server.push_reply(reply.clone());
            }
        }
        let mut sandbox = Sandbox::new().env("AWS_ENDPOINT_URL_STS", &server.url());
        for name in &self.unset {
            sandbox = sandbox.unset(name);
        }
        for (name, value) in &self.env {
            sandbox = sandbox.env(name, value);
        }
        if let Some(config) = self.config {
            sandbox.write(".aws/config", config);
        }
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        let run = if aws {
            sandbox.aws(&args)
        } else {
            sandbox.sts(&args)
        };
        let sent = server.requests().into_iter().map(|r| r.params).collect();
        (run, sent)
    }
}

/// Every case, in groups.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let identity = ["get-caller-identity"];
    let role = [
        "assume-role",
        "--role-arn",
        "arn:aws:iam::123456789012:role/demo",
        "--role-session-name",
        "sess",
    ];
    let with = |base: &[&str], extra: &[&str]| case(&[base, extra].concat());

    // The five errors of the issue, in every error format, by flag, by variable, by profile.
    for format in ERROR_FORMATS {
        let flag = ["--cli-error-format", format];
        let denied = Reply::error(
            403,
            "AccessDenied",
            "User: arn:aws:iam::1:user/x is not authorized",
        );
        cases.push(with(&identity, &flag).reply(denied));
        cases.push(with(
            &identity,
            &[&flag[..], &["--profile", "nosuch"]].concat(),
        ));
        cases.push(
            with(&identity, &flag)
                .unset("AWS_ACCESS_KEY_ID")
                .unset("AWS_SECRET_ACCESS_KEY"),
        );
        cases.push(with(
            &[
                "assume-role",
                "--role-arn",
                "short",
                "--role-session-name",
                "s",
            ],
            &flag,
        ));
        cases.push(with(&identity, &[&flag[..], &["--query", "foo["]].concat()));
        let usage_error = with(&role[..1], &[]).env("AWS_CLI_ERROR_FORMAT", format);
        cases.push(match format {
            "yaml" | "table" => usage_error.differs(USAGE_LAYOUT),
            _ => usage_error,
        });
        cases.push(
            with(&identity, &["--query", "nosuchfn(@)"])
                .config(CONFIG_WITH_FORMATS)
                .env("AWS_PROFILE", format),
        );
    }
    // Where the format is looked up, and when it is not.
    cases.push(with(&role[..1], &[]).env("AWS_CLI_ERROR_FORMAT", "JSON"));
    cases.push(with(&role[..1], &[]).env("AWS_CLI_ERROR_FORMAT", "bogus"));
    cases.push(with(&role[..1], &["--profile", "nosuch"]));
    cases.push(with(
        &identity,
        &["--output", "jsn", "--cli-error-format", "json"],
    ));
    cases.push(with(&identity, &["--cli-error-format", "bogus"]));
    cases.push(with(&identity, &["--bogus", "--cli-error-format", "json"]));
    cases.push(with(
        &identity,
        &[
            "--cli-error-format",
            "table",
            "--color",
            "on",
            "--profile",
            "x",
        ],
    ));

    // Command lines argparse refuses.
    for args in [
        &[][..],
        &["assume-rol"],
        &["get-caler-identity"],
        &["assume-role"],
        &["assume-role", "--role-arn"],
        &["assume-role", "--bogus"],
        &["get-caller-identity", "--bogus", "1", "--other"],
        &["get-caller-identity", "extra"],
        &["--bogus", "get-caller-identity"],
        &["get-caller-identity", "--output", "jsn"],
        &["get-caller-identity", "--output", "xml"],
        &["get-caller-identity", "--color", "bogus"],
        &["get-caller-identity", "--cli-binary-format", "raw"],
        &["get-caller-identity", "--generate-cli-skeleton", "bogus"],
        &["get-caller-identity", "--po", "x"],
        &[
            "get-caller-identity",
            "--cli-input-json",
            "{}",
            "--cli-input-yaml",
            "{}",
        ],
        &["get-caller-identity", "--endpoint-url", "nohost"],
    ] {
        cases.push(case(args));
    }

    // Parameters refused before anything is sent.
    let tags = |value: &'static str| with(&role, &["--tags", value]);
    for value in [
        "[{",
        "[{\"Key\": \"a\"}",
        "{\"Key\": \"a\", \"Value\": 1}",
        "[{\"Key\": \"a\", \"Value\": \"b\"}, 5]",
        "Key=a,Value",
        "Key=a,,Value=b",
        "Key=\"a,Value=b",
        "Key=a,Value=b,Colour=red",
        "[]]",
        "[1, 2,]",
        "{\"Key\": \"a\" \"Value\": \"b\"}",
        "[\"\\x\"]",
    ] {
        cases.push(tags(value));
    }
    for (option, value) in [
        ("--policy-arns", "arn=short"),
        ("--duration-seconds", "10"),
        ("--policy", "file:///no/such/policy.json"),
        ("--policy", ""),
        ("--transitive-tag-keys", "[\"a\", 1]"),
        ("--external-id", "a"),
    ] {
        cases.push(with(&role, &[option, value]));
    }
    cases.push(with(&identity, &["--cli-input-json", "{"]));
    cases.push(with(&identity, &["--cli-input-json", "[1]"]));
    cases.push(with(&identity, &["--cli-input-json", "{\"Bogus\": 1}"]));
    cases.push(with(&identity, &["--cli-input-yaml", "a: [1"]));
    // ruamel composes 480 nested collections, not 481 (Python's recursion limit).
    for sequences in [479, 480] {
        let deep = format!("a:\n  {}1", "- ".repeat(sequences));
        cases.push(with(&identity, &["--cli-input-yaml", &deep]));
    }
    cases.push(with(&role[..1], &["--cli-input-json", "{}"]));
    for value in ["soon", "1.5"] {
        cases.push(with(&role, &["--duration-seconds", value]).differs(NOT_AN_INTEGER));
    }

    // --query and the formats that cannot show a result.
    for (query, output) in [
        ("foo[", "json"),
        ("nosuchfn(@)", "json"),
        ("length(`1`)", "json"),
        ("`{\"b\": [1, 2.5, {\"c\": null}], \"a\": true}`", "text"),
        ("`[[1, 2], [3], []]`", "table"),
        ("`[1, {\"a\": 2}]`", "text"),
        ("Arn", "text"),
        ("[Account, Arn]", "table"),
    ] {
        cases.push(with(&identity, &["--query", query, "--output", output]));
    }

    // Settings v2 checks.
    for (name, value) in [
        ("AWS_RETRY_MODE", "legacy"),
        ("AWS_RETRY_MODE", "bogus"),
        ("AWS_MAX_ATTEMPTS", "0"),
        ("AWS_REGION", "bad region"),
    ] {
        cases.push(with(&identity, &[]).env(name, value));
    }
    cases.push(
        with(&identity, &[])
            .env("AWS_DEFAULT_OUTPUT", "xml")
            .differs(UNKNOWN_OUTPUT),
    );
    cases.push(
        with(&identity, &[])
            .env("AWS_MAX_ATTEMPTS", "x")
            .differs("the message names max_attempts, where v2 shows Python's int() error"),
    );
    for config in [
        "[default]\ncli_timestamp_format = none\n",
        "[default]\ncli_timestamp_format = bogus\n",
    ] {
        cases.push(with(&role, &[]).config(config));
    }
    cases.push(
        with(&role, &[])
            .config("[default]\noutput = xml\n")
            .differs(UNKNOWN_OUTPUT),
    );
    cases.push(with(&identity, &[]).unset("AWS_DEFAULT_REGION"));

    // Answers that are errors or not answers at all.
    for reply in [
        Reply::error(
            400,
            "ExpiredTokenException",
            "The security token included in the request is expired",
        ),
        Reply::error(500, "InternalFailure", "boom"),
        Reply::error(403, "AccessDenied", "Multi\nline & <escaped>"),
        Reply::raw(502, "text/html", "<html><body>Bad Gateway</body></html>"),
        Reply::raw(503, "text/plain", ""),
        Reply::raw(
            500,
            "text/html",
            "<!DOCTYPE html><html><body>oops<br></body></html>",
        ),
        Reply::raw(403, "text/plain", ""),
        Reply::raw(400, "text/plain", "Bad Request"),
        Reply::raw(200, "text/xml", "this is not xml"),
        Reply::raw(
            200,
            "text/xml",
            "<GetCallerIdentityResponse><GetCallerIdentityResult>",
        ),
        Reply::raw(200, "text/xml", "  \n "),
        Reply::raw(
            400,
            "text/xml",
            "<ErrorResponse><Error><Message>no code</Message></Error></ErrorResponse>",
        ),
        Reply::raw(
            400,
            "text/xml",
            "<ErrorResponse><Error><Message>m</Message><Code>C</Code><Type>Sender</Type></Error></ErrorResponse>",
        ),
    ] {
        cases.push(with(&identity, &[]).reply(reply.clone()));
        cases.push(with(&identity, &["--cli-error-format", "json"]).reply(reply));
    }
    cases
}

// The deliberate differences (README's list says the same).
const USAGE_LAYOUT: &str = "the usage block quoted in the message is sts's own, shorter, so \
    YAML folds it and a table sizes it otherwise";
const NOT_AN_INTEGER: &str = "a clear message and exit 252, where v2 shows Python's int() \
    error (255)";
const UNKNOWN_OUTPUT: &str = "an unknown output format is refused before anything is sent; v2 \
    sends the request, then fails to print the answer (the same message and exit code)";

/// Profiles named after the error formats, each choosing its own.
const CONFIG_WITH_FORMATS: &str = "[profile legacy]\ncli_error_format = legacy\n\
[profile enhanced]\ncli_error_format = enhanced\n[profile json]\ncli_error_format = json\n\
[profile yaml]\ncli_error_format = yaml\n[profile text]\ncli_error_format = TEXT\n\
[profile table]\ncli_error_format = table\n";

#[test]
fn the_catalogue_matches_aws_cli_v2() {
    if !aws_available() {
        return;
    }
    let cases = cases();
    let mut mismatches = Vec::new();
    let mut identical = 0;
    for case in &cases {
        let (theirs, sent_by_aws) = case.run(true);
        let (ours, sent_by_sts) = case.run(false);
        let same = ours.code == theirs.code
            && ours.stdout == theirs.stdout
            && ours.stderr == as_sts_stderr(&theirs.stderr)
            && sent_by_sts == sent_by_aws;
        match (same, case.differs) {
            (true, None) => identical += 1,
            (false, Some(_)) => {}
            (true, Some(why)) => mismatches.push(format!(
                "{:?}: listed as differing ({why}) but now the same",
                case.args
            )),
            (false, None) => mismatches.push(format!(
                "{:?} {:?}\n  aws: {} {:?} {:?} sent {}\n  sts: {} {:?} {:?} sent {}",
                case.args,
                case.env,
                theirs.code,
                theirs.stdout_text(),
                as_sts_stderr(&theirs.stderr),
                sent_by_aws.len(),
                ours.code,
                ours.stdout_text(),
                ours.stderr,
                sent_by_sts.len()
            )),
        }
    }
    let differing = cases.iter().filter(|c| c.differs.is_some()).count();
    eprintln!(
        "catalogue: {} cases, {identical} identical to AWS CLI v2, {differing} deliberate differences",
        cases.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ from v2:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
}
