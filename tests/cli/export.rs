//! Credentials out to a shell or a program: `sts export-credentials` against AWS CLI v2's
//! `aws configure export-credentials`, a `credential_process` that is `sts` or `aws`, and the
//! credential formats of `--output` on the operations that return credentials.

use crate::support::fixture::{FixtureServer, Reply};
use crate::support::{
    Sandbox, as_sts_stderr, assert_golden, aws_available, aws_v2, tool_available,
};
use crate::{OPERATION_CASES, operation_args};
use std::path::Path;

const FORMATS: [&str; 6] = [
    "process",
    "env",
    "env-no-export",
    "powershell",
    "windows-cmd",
    "fish",
];

/// The operations whose answer holds `Credentials`.
const CREDENTIAL_OPERATIONS: [&str; 7] = [
    "assume-role",
    "assume-role-with-saml",
    "assume-role-with-web-identity",
    "assume-root",
    "get-delegated-access-token",
    "get-federation-token",
    "get-session-token",
];

const STATIC_KEY: &str = "AKIDSTATICEXAMPLE1";
const SESSION_KEY: &str = "ASIASESSIONEXAMPLE";
const PROCESS_KEY: &str = "AKIDPROCESSEXAMPLE";
/// The key the fixture's AssumeRole answer hands out.
const ROLE_KEY: &str = "ASIAIOSFODNN7EXAMPLE";
const ENV_KEY: &str = "AKIDENVIRONMENT001";

const CREDENTIALS: &str = "[static]\naws_access_key_id = AKIDSTATICEXAMPLE1\n\
aws_secret_access_key = static/Secret+Key\n\n\
[session]\naws_access_key_id = ASIASESSIONEXAMPLE\naws_secret_access_key = sessionSecret\n\
aws_session_token = session/Token+with=signs\n";

/// Profiles of every kind export-credentials reads; `STS` and `AWS` stand for the programs.
const CONFIG: &str = "[profile static]\nregion = us-east-1\n\n\
[profile session]\nregion = us-east-1\n\n\
[profile role]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = static\n\n\
[profile process]\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESSEXAMPLE\", \
\"SecretAccessKey\": \"ps\", \"SessionToken\": \"pt\", \"Expiration\": \"2099-01-01T00:00:00.123Z\"}'\n\n\
[profile process-no-expiry]\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESSEXAMPLE\", \
\"SecretAccessKey\": \"ps\"}'\n\n\
[profile process-expired]\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESSEXAMPLE\", \
\"SecretAccessKey\": \"ps\", \"SessionToken\": \"pt\", \"Expiration\": \"2020-01-01T00:00:00Z\"}'\n\n\
[profile process-fails]\ncredential_process = false\n\n\
[profile role-without-source]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = missing\n\n\
[profile empty]\nregion = us-east-1\n\n\
[profile via-sts]\ncredential_process = STS export-credentials --profile static\n\n\
[profile via-aws]\ncredential_process = AWS configure export-credentials --profile static\n\n\
[profile via-sts-role]\ncredential_process = STS export-credentials --profile role\n\n\
[profile loop]\ncredential_process = STS export-credentials --profile loop\n";

/// Keys, a token and an expiry in the environment.
const ENVIRONMENT: [(&str, &str); 4] = [
    ("AWS_ACCESS_KEY_ID", ENV_KEY),
    ("AWS_SECRET_ACCESS_KEY", "envSecret"),
    ("AWS_SESSION_TOKEN", "envToken"),
    ("AWS_CREDENTIAL_EXPIRATION", "2099-01-01T00:00:00Z"),
];

/// The config above, no credentials in the environment, STS at `server` for every call.
fn sandbox(server: &FixtureServer) -> Sandbox {
    let sandbox = Sandbox::bare()
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL_STS", &server.url());
    let aws = aws_v2().map(|path| path.display().to_string());
    let config = CONFIG
        .replace("STS ", &format!("{} ", env!("CARGO_BIN_EXE_sts")))
        .replace("AWS ", &format!("{} ", aws.as_deref().unwrap_or("aws")));
    sandbox.write(".aws/config", &config);
    sandbox.write(".aws/credentials", CREDENTIALS);
    sandbox
}

/// One command line for both tools, in an environment, and what it must come to.
struct Case {
    env: Vec<(&'static str, String)>,
    args: Vec<&'static str>,
    /// The access key the output must hold, or the exit code of the error.
    expect: Result<&'static str, i32>,
}

fn case(args: &[&'static str], expect: Result<&'static str, i32>) -> Case {
    Case {
        env: Vec::new(),
        args: args.to_vec(),
        expect,
    }
}

/// Every kind of credentials in every format, then the guard and error cases.
fn cases(refusing: &FixtureServer) -> Vec<Case> {
    let vars = |vars: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        vars.iter()
            .map(|(name, value)| (*name, value.to_string()))
            .collect()
    };
    let mut cases = Vec::new();
    for format in FORMATS {
        let sources: [(&[&'static str], &'static str); 6] = [
            (&["--profile", "static"], STATIC_KEY),
            (&["--profile", "session"], SESSION_KEY),
            (&["--profile", "role"], ROLE_KEY),
            (&["--profile", "process"], PROCESS_KEY),
            (&["--profile", "process-no-expiry"], PROCESS_KEY),
            (&[], ENV_KEY),
        ];
        for (profile, key) in sources {
            let mut args = profile.to_vec();
            args.extend(["--format", format]);
            let mut case = case(&args, Ok(key));
            if profile.is_empty() {
                case.env = vars(&ENVIRONMENT);
            }
            cases.push(case);
        }
        // Keys alone in the environment: no token, no expiry.
        let mut keys_only = case(&["--format", format], Ok(ENV_KEY));
        keys_only.env = vars(&ENVIRONMENT[..2]);
        cases.push(keys_only);
    }
    let chain = |value: &str, args: &[&'static str], expect| Case {
        env: vars(&[("_AWS_CLI_PROFILE_CHAIN", value)]),
        ..case(args, expect)
    };
    cases.extend([
        // Ignored, as v2 ignores them.
        case(
            &["--profile", "static", "--query", "x", "--output", "table"],
            Ok(STATIC_KEY),
        ),
        case(&["--profile", "nosuch"], Err(253)),
        case(&["--profile", "empty"], Err(253)),
        // Found, then refused when refreshed: not a failure to load them.
        case(&["--profile", "process-expired"], Err(255)),
        case(&["--profile", "process-fails"], Err(253)),
        case(&["--profile", "role-without-source"], Err(253)),
        case(&["--profile", "static", "--format", "bogus"], Err(252)),
        case(&["--profile", "static", "--format"], Err(252)),
        case(&["--profile", "static", "--bogus", "stray"], Err(252)),
        // The recursion guard: three profiles passed is fine, four is too deep, and a
        // profile seen before is a cycle.
        chain("a,b,c", &["--profile", "static"], Ok(STATIC_KEY)),
        chain("a,b,c,d", &["--profile", "static"], Err(253)),
        chain("a,static", &["--profile", "static"], Err(253)),
        chain("\"x,y\",default", &[], Err(253)),
        Case {
            env: vars(&[("AWS_ACCESS_KEY_ID", ENV_KEY)]),
            ..case(&[], Err(253))
        },
        Case {
            env: vars(&[
                ("AWS_ACCESS_KEY_ID", ENV_KEY),
                ("AWS_SECRET_ACCESS_KEY", "s"),
                ("AWS_CREDENTIAL_EXPIRATION", "soon"),
            ]),
            ..case(&[], Err(253))
        },
        // Refused by STS: the call is made after loading, and reported as a call's error.
        Case {
            env: vars(&[("AWS_ENDPOINT_URL_STS", &refusing.url())]),
            ..case(&["--profile", "role"], Err(254))
        },
    ]);
    cases
}

/// How one case went in both tools, if they differ.
fn difference(server: &FixtureServer, case: &Case) -> Option<String> {
    let with_env = |mut sandbox: Sandbox| {
        for (name, value) in &case.env {
            sandbox = sandbox.env(name, value);
        }
        sandbox
    };
    // Each tool in its own HOME, so that each assumes its role itself.
    let mut aws_args = vec!["configure", "export-credentials"];
    aws_args.extend(&case.args);
    let aws = with_env(sandbox(server)).aws_cli(&aws_args);
    let mut sts_args = vec!["export-credentials"];
    sts_args.extend(&case.args);
    let sts = with_env(sandbox(server)).sts(&sts_args);
    let expected = match case.expect {
        Ok(key) => aws.code == 0 && aws.stdout_text().contains(key),
        Err(code) => aws.code == code && aws.stdout.is_empty(),
    };
    let same = aws.code == sts.code
        && aws.stdout == sts.stdout
        && as_sts_stderr(&aws.stderr) == sts.stderr;
    (!same || !expected).then(|| {
        format!(
            "{:?} {:?} (expected {:?}):\n  aws {}: {:?} {:?}\n  sts {}: {:?} {:?}",
            case.env,
            case.args,
            case.expect,
            aws.code,
            aws.stdout_text(),
            aws.stderr,
            sts.code,
            sts.stdout_text(),
            sts.stderr
        )
    })
}

#[test]
fn export_credentials_prints_what_v2_prints_in_every_format() {
    if !aws_available() {
        return;
    }
    let server = FixtureServer::unexpiring();
    let refusing = FixtureServer::start();
    for _ in 0..2 {
        refusing.push_reply(Reply::error(
            403,
            "AccessDenied",
            "Not allowed to assume demo",
        ));
    }
    let cases = cases(&refusing);
    // Four at a time: the AWS CLI takes half a second to start.
    let differences: Vec<String> = std::thread::scope(|scope| {
        let running: Vec<_> = cases
            .chunks(cases.len().div_ceil(4))
            .map(|chunk| {
                let server = &server;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|case| difference(server, case))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        running
            .into_iter()
            .flat_map(|thread| thread.join().expect("a case thread"))
            .collect()
    });
    eprintln!(
        "export-credentials against v2: {} cases, {} identical",
        cases.len(),
        cases.len() - differences.len()
    );
    assert_eq!(cases.len(), 58);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// The key that signed the server's last request, and the token it carried.
fn last_signer(server: &FixtureServer) -> (Option<String>, Option<String>) {
    let requests = server.requests();
    let last = requests.last().expect("a request");
    (
        last.signing_access_key(),
        last.header("x-amz-security-token").map(str::to_string),
    )
}

#[test]
fn a_credential_process_of_sts_or_aws_serves_both_tools() {
    let server = FixtureServer::unexpiring();
    let home = sandbox(&server);
    let url = server.url();
    let identity = |profile| {
        vec![
            "get-caller-identity",
            "--profile",
            profile,
            "--endpoint-url",
            &url,
        ]
    };

    let run = home.sts(&identity("via-sts"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(last_signer(&server), (Some(STATIC_KEY.to_string()), None));
    let run = home.sts(&identity("via-sts-role"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (key, token) = last_signer(&server);
    assert_eq!(key.as_deref(), Some(ROLE_KEY));
    assert!(token.is_some_and(|token| token.starts_with("AQoDYXdzEPT")));
    // Through a process, the bytes are those of the profile itself.
    let direct = home.sts(&["export-credentials", "--profile", "static"]);
    let through = home.sts(&["export-credentials", "--profile", "via-sts"]);
    assert_eq!((through.code, &through.stdout), (0, &direct.stdout));

    if !aws_available() {
        return;
    }
    let run = home.aws(&identity("via-sts"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(last_signer(&server), (Some(STATIC_KEY.to_string()), None));
    let run = home.sts(&identity("via-aws"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(last_signer(&server), (Some(STATIC_KEY.to_string()), None));

    // A profile whose process exports the profile itself: each tool stops the loop the same
    // way (the inner run's error inside the outer one's).
    let aws_loop = sandbox(&server);
    let config = std::fs::read_to_string(aws_loop.home().join(".aws/config")).expect("config");
    let aws = aws_v2().expect("checked").display().to_string();
    let config = config.replace(
        &format!(
            "{} export-credentials --profile loop",
            env!("CARGO_BIN_EXE_sts")
        ),
        &format!("{aws} configure export-credentials --profile loop"),
    );
    aws_loop.write(".aws/config", &config);
    let expected = aws_loop.aws_cli(&["configure", "export-credentials", "--profile", "loop"]);
    let run = home.sts(&["export-credentials", "--profile", "loop"]);
    assert_eq!(expected.code, 253, "{}", expected.stderr);
    assert!(expected.stderr.contains("profile cycle: loop -> loop"));
    assert_eq!(
        (run.code, run.stdout.as_slice(), run.stderr.as_str()),
        (253, &b""[..], as_sts_stderr(&expected.stderr).as_str())
    );
}

/// What each credential operation's JSON output says its credentials are.
fn answered_credentials(sandbox: &Sandbox, args: &[&str]) -> serde_json::Value {
    let run = sandbox.sts(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let answer: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON output");
    answer["Credentials"].clone()
}

fn credential_operation_cases()
-> impl Iterator<Item = &'static (&'static str, &'static [&'static str])> {
    OPERATION_CASES
        .iter()
        .filter(|(operation, _)| CREDENTIAL_OPERATIONS.contains(operation))
}

#[test]
fn each_credential_operation_prints_its_credentials_in_each_format() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    let mut checked = 0;
    for (operation, args) in credential_operation_cases() {
        let json = operation_args(operation, args, &url, &["--output", "json"]);
        let credentials = answered_credentials(&sandbox, &json);
        for format in FORMATS {
            let full = operation_args(operation, args, &url, &["--output", format]);
            let run = sandbox.sts(&full);
            assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{full:?}");
            assert_golden(&format!("credentials/{operation}.{format}"), &run.stdout);
            // Not just stable bytes: the answer's values, the expiry as the JSON shows it.
            let text = run.stdout_text();
            for member in [
                "AccessKeyId",
                "SecretAccessKey",
                "SessionToken",
                "Expiration",
            ] {
                let value = credentials[member].as_str().expect(member);
                assert!(text.contains(value), "{full:?}: {member} {value}\n{text}");
            }
            checked += 1;
        }
        // process is the credential_process JSON, nothing else.
        let full = operation_args(operation, args, &url, &["--output", "process"]);
        let process: serde_json::Value =
            serde_json::from_slice(&sandbox.sts(&full).stdout).expect("process JSON");
        let mut expected = credentials.clone();
        expected["Version"] = 1.into();
        assert_eq!(process, expected, "{operation}");
    }
    assert_eq!(checked, 7 * 6);
}

#[test]
fn a_credential_format_without_credentials_to_print_is_a_usage_error() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    let run = sandbox.sts(&[
        "get-caller-identity",
        "--endpoint-url",
        &url,
        "--output",
        "env",
    ]);
    assert_eq!(run.code, 252);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "\nsts: [ERROR]: An error occurred (ParamValidation): --output env prints the credentials \
         an operation returns, and get-caller-identity returns none; it is for assume-role, \
         assume-role-with-saml, assume-role-with-web-identity, assume-root, \
         get-delegated-access-token, get-federation-token, get-session-token.\n"
    );
    let (operation, args) = OPERATION_CASES[0];
    let query = operation_args(
        operation,
        args,
        &url,
        &["--output", "fish", "--query", "Credentials"],
    );
    let run = sandbox.sts(&query);
    assert_eq!(run.code, 252);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "\nsts: [ERROR]: An error occurred (ParamValidation): --output fish prints the \
         credentials as they are, so it cannot be combined with --query.\n"
    );
    for operation in ["decode-authorization-message", "get-access-key-info"] {
        let (_, args) = OPERATION_CASES
            .iter()
            .find(|(name, _)| *name == operation)
            .expect("a case");
        let run = sandbox.sts(&operation_args(
            operation,
            args,
            &url,
            &["--output", "process"],
        ));
        assert_eq!((run.code, run.stdout.len()), (252, 0), "{operation}");
    }
    assert_eq!(server.requests().len(), 0, "nothing is sent");
}

/// `eval "$(sts OP ... --output env)"` in bash, then the AWS CLI signs with what it exported.
#[test]
fn credentials_evaluated_in_bash_sign_the_next_aws_call() {
    if !aws_available() {
        return;
    }
    // The exported expiry must lie ahead: the AWS CLI refuses expired credentials.
    let server = FixtureServer::unexpiring();
    let url = server.url();
    let aws = aws_v2().expect("checked").display().to_string();
    for (operation, args) in credential_operation_cases() {
        let sandbox = Sandbox::new();
        let json = operation_args(operation, args, &url, &["--output", "json"]);
        let credentials = answered_credentials(&sandbox, &json);
        let words: Vec<String> = operation_args(operation, args, &url, &["--output", "env"])
            .iter()
            .map(|word| format!("'{word}'"))
            .collect();
        let script = format!(
            "eval \"$('{}' {})\" && '{aws}' sts get-caller-identity --endpoint-url '{url}' >/dev/null",
            env!("CARGO_BIN_EXE_sts"),
            words.join(" ")
        );
        let run = sandbox
            .command(Path::new("bash"), &["-c", &script])
            .output()
            .expect("bash");
        assert!(
            run.status.success(),
            "{operation}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let requests = server.requests();
        let last = requests.last().expect("a request");
        assert_eq!(last.action(), Some("GetCallerIdentity"));
        assert_eq!(
            last.signing_access_key().as_deref(),
            credentials["AccessKeyId"].as_str(),
            "{operation}"
        );
        assert_eq!(
            last.header("x-amz-security-token"),
            credentials["SessionToken"].as_str(),
            "{operation}"
        );
    }
}

/// fish sources its format; env-no-export sets shell variables without exporting them.
#[test]
fn fish_and_env_no_export_work_in_their_shells() {
    let server = FixtureServer::start();
    let url = server.url();
    let sandbox = Sandbox::new();
    let (operation, args) = OPERATION_CASES[0];
    let sts = env!("CARGO_BIN_EXE_sts");
    let words = |format| {
        operation_args(operation, args, &url, &["--output", format])
            .iter()
            .map(|word| format!("'{word}'"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let credentials = answered_credentials(
        &sandbox,
        &operation_args(operation, args, &url, &["--output", "json"]),
    );
    let key = credentials["AccessKeyId"].as_str().expect("key");
    let token = credentials["SessionToken"].as_str().expect("token");

    let script = format!(
        "eval \"$('{sts}' {})\" && printf '%s\\n' \"$AWS_SESSION_TOKEN\" && env | grep -c '^AWS_SESSION_TOKEN='",
        words("env-no-export")
    );
    let run = sandbox
        .command(Path::new("bash"), &["-c", &script])
        .output()
        .expect("bash");
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        format!("{token}\n0\n")
    );

    if !tool_available("fish", &["fish", "--version"]) {
        return;
    }
    let script = format!(
        "'{sts}' {} | source; and printf '%s\\n' $AWS_ACCESS_KEY_ID; and env | grep -c '^AWS_SESSION_TOKEN='",
        words("fish")
    );
    let run = sandbox
        .command(Path::new("fish"), &["--no-config", "-c", &script])
        .output()
        .expect("fish");
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        format!("{key}\n1\n"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
