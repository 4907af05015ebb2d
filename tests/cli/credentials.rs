//! Role profiles through the AWS CLI's credential cache (~/.aws/cli/cache): the file `aws` and
//! `sts` share, the MFA prompt on the terminal, chains of roles, web identity, and the AWS CLI's
//! messages for broken role configurations.

use crate::support::fixture::{FixtureServer, Reply};
use crate::support::{Run, Sandbox, as_sts_stderr, aws_available, aws_v2, utc_from_now};
use std::path::{Path, PathBuf};
use std::process::Stdio;

const DEMO: &str = "arn:aws:iam::123456789012:role/demo";
const TOP: &str = "arn:aws:iam::123456789012:role/top";
const SERIAL: &str = "arn:aws:iam::123456789012:mfa/user";
// hashlib.sha1(json.dumps(ARGS, sort_keys=True).encode()).hexdigest(), computed with Python:
/// `{"RoleArn": DEMO}`
const DEMO_KEY: &str = "5f52c9c583acfd120a607977e4f21fe86b7fa42d";
/// `{"RoleArn": TOP}`
const TOP_KEY: &str = "8564c96408e23e27dc6a875415b2fdea685b4c63";
/// `{"RoleArn": DEMO, "SerialNumber": SERIAL}`
const MFA_KEY: &str = "a892a921c26201771e262cf7785342524cb0d1a3";
/// `{"RoleArn": "arn:aws:iam::123456789012:role/FederatedWebIdentityRole", "RoleSessionName": "app1"}`
const WEB_KEY: &str = "80d9253f2f92232c871c928b7caf249a2f85630f";
/// `{"DurationSeconds": 1800, "ExternalId": "ext123", "RoleArn": DEMO, "RoleSessionName": "mysess"}`
const EXTRAS_KEY: &str = "089f9f89e6897f30b8e39c17612991ae5d4ab4e2";

/// The key of the source profile `work`, and the one the canned AssumeRole answer hands out.
const WORK_KEY_ID: &str = "AKIDWORKFILE000001";
const ROLE_KEY_ID: &str = "ASIAIOSFODNN7EXAMPLE";

const CONFIG: &str = "[profile work]\nregion = eu-central-1\n\n\
[profile role]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = work\nregion = sa-east-1\n\n\
[profile extras]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = work\nregion = sa-east-1\n\
external_id = ext123\nrole_session_name = mysess\nduration_seconds = 1800\n\n\
[profile chain]\nrole_arn = arn:aws:iam::123456789012:role/top\nsource_profile = role\nregion = sa-east-1\n\n\
[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = work\nregion = sa-east-1\n\
mfa_serial = arn:aws:iam::123456789012:mfa/user\n\n\
[profile web]\nrole_arn = arn:aws:iam::123456789012:role/FederatedWebIdentityRole\n\
web_identity_token_file = HOME/token\nrole_session_name = app1\nregion = sa-east-1\n\n\
[profile envsrc]\nrole_arn = arn:aws:iam::123456789012:role/demo\ncredential_source = Environment\nregion = sa-east-1\n\n\
[profile nosrc]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = missing\nregion = sa-east-1\n\n\
[profile loopa]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = loopb\nregion = sa-east-1\n\n\
[profile loopb]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = loopa\nregion = sa-east-1\n\n\
[profile self]\nrole_arn = arn:aws:iam::123456789012:role/self\nsource_profile = self\nregion = sa-east-1\n\n\
[profile neither]\nrole_arn = arn:aws:iam::123456789012:role/n\nregion = sa-east-1\n\n\
[profile both]\nrole_arn = arn:aws:iam::123456789012:role/n\nsource_profile = work\n\
credential_source = Environment\nregion = sa-east-1\n\n\
[profile badsrc]\nrole_arn = arn:aws:iam::123456789012:role/n\ncredential_source = environment\nregion = sa-east-1\n\n\
[profile process]\nregion = sa-east-1\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS0000001\", \"SecretAccessKey\": \"p\"}'\n\n\
[profile viaprocess]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = process\nregion = sa-east-1\n\n\
[profile empty]\nregion = sa-east-1\n\n\
[profile emptysrc]\nrole_arn = arn:aws:iam::123456789012:role/n\nsource_profile = empty\nregion = sa-east-1\n";
const CREDENTIALS: &str =
    "[work]\naws_access_key_id = AKIDWORKFILE000001\naws_secret_access_key = w\n";

/// A fixture whose role answers expire in `FAR_FUTURE`, so that they can be reused.
fn server() -> FixtureServer {
    FixtureServer::unexpiring()
}

/// The config above, no credentials in the environment, STS at `server` for every call.
fn sandbox(server: &FixtureServer) -> Sandbox {
    let sandbox = Sandbox::bare().env("AWS_ENDPOINT_URL_STS", &server.url());
    let home = sandbox.home().to_string_lossy().into_owned();
    sandbox.write(".aws/config", &CONFIG.replace("HOME", &home));
    sandbox.write(".aws/credentials", CREDENTIALS);
    sandbox.write("token", "header.payload.signature");
    sandbox
}

fn cache_file(sandbox: &Sandbox, key: &str) -> PathBuf {
    sandbox.home().join(format!(".aws/cli/cache/{key}.json"))
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    serde_json::from_str(&text).expect("cache file is JSON")
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

fn keys(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_object()
        .map(|map| map.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// A cache entry as botocore writes one (only `Credentials` is ever read back).
fn write_entry(sandbox: &Sandbox, key: &str, access_key: &str, expiration: &str) {
    let text = format!(
        "{{\"Credentials\": {{\"AccessKeyId\": \"{access_key}\", \"SecretAccessKey\": \"cachedSecret\", \
         \"SessionToken\": \"cachedToken\", \"Expiration\": \"{expiration}\", \"AccountId\": \"123456789012\"}}}}"
    );
    sandbox.write(&format!(".aws/cli/cache/{key}.json"), &text);
}

#[test]
fn the_first_run_assumes_the_role_and_writes_the_cache_as_aws_does() {
    let server = server();
    let sandbox = sandbox(&server);
    let run = sandbox.sts(&["get-caller-identity", "--profile", "role"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.actions(), ["AssumeRole", "GetCallerIdentity"]);
    let requests = server.requests();
    let assume = &requests[0];
    assert_eq!(assume.param("RoleArn"), Some(DEMO));
    assert!(
        assume
            .param("RoleSessionName")
            .is_some_and(|name| name.starts_with("botocore-session-")),
        "{:?}",
        assume.params
    );
    assert_eq!(assume.param("SerialNumber"), None);
    assert_eq!(assume.signing_access_key().as_deref(), Some(WORK_KEY_ID));
    assert_eq!(assume.signing_region().as_deref(), Some("sa-east-1"));
    assert_eq!(
        requests[1].signing_access_key().as_deref(),
        Some(ROLE_KEY_ID)
    );

    let file = cache_file(&sandbox, DEMO_KEY);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().expect("cache dir")), 0o700);
    let text = std::fs::read_to_string(&file).expect("cache file");
    // json.dumps with Python's separators, in botocore's order.
    assert!(
        text.starts_with(
            "{\"Credentials\": {\"AccessKeyId\": \"ASIAIOSFODNN7EXAMPLE\", \"SecretAccessKey\": "
        ),
        "{text}"
    );
    let entry = read_json(&file);
    assert_eq!(
        keys(&entry),
        [
            "Credentials",
            "AssumedRoleUser",
            "PackedPolicySize",
            "SourceIdentity",
            "ResponseMetadata"
        ]
    );
    assert_eq!(
        keys(&entry["Credentials"]),
        [
            "AccessKeyId",
            "SecretAccessKey",
            "SessionToken",
            "Expiration",
            "AccountId"
        ]
    );
    // AWS CLI v2 parses timestamps with its ISO 8601 parser before they are cached.
    assert_eq!(
        entry["Credentials"]["Expiration"],
        "2099-01-01T00:00:00+00:00"
    );
    assert_eq!(entry["Credentials"]["AccountId"], "123456789012");
    assert_eq!(
        keys(&entry["ResponseMetadata"]),
        [
            "RequestId",
            "HTTPStatusCode",
            "HTTPHeaders",
            "RetryAttempts"
        ]
    );
    assert_eq!(
        entry["ResponseMetadata"]["RequestId"],
        "c6104cbe-af31-11e0-8154-cbc7ccf896c7"
    );
    assert_eq!(entry["ResponseMetadata"]["HTTPStatusCode"], 200);
    assert_eq!(entry["ResponseMetadata"]["RetryAttempts"], 0);
}

#[test]
fn a_second_run_makes_no_assume_role_call() {
    let server = server();
    let sandbox = sandbox(&server);
    for _ in 0..2 {
        let run = sandbox.sts(&["get-caller-identity", "--profile", "role"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert_eq!(
        server.actions(),
        ["AssumeRole", "GetCallerIdentity", "GetCallerIdentity"]
    );
    let last = server.requests().pop().expect("a request");
    assert_eq!(last.signing_access_key().as_deref(), Some(ROLE_KEY_ID));
}

#[test]
fn every_configured_argument_is_sent_and_names_the_entry() {
    let server = server();
    let sandbox = sandbox(&server);
    let run = sandbox.sts(&["get-caller-identity", "--profile", "extras"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let assume = &server.requests()[0];
    assert_eq!(assume.param("ExternalId"), Some("ext123"));
    assert_eq!(assume.param("RoleSessionName"), Some("mysess"));
    assert_eq!(assume.param("DurationSeconds"), Some("1800"));
    assert!(cache_file(&sandbox, EXTRAS_KEY).exists());
}

#[test]
fn entries_close_to_expiry_or_unreadable_are_replaced() {
    let server = server();
    let sandbox = sandbox(&server);
    let signer = |sandbox: &Sandbox| {
        let run = sandbox.sts(&["get-caller-identity", "--profile", "role"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let last = server.requests().pop().expect("a request");
        last.signing_access_key().unwrap_or_default()
    };
    // An hour left: used as it is.
    write_entry(
        &sandbox,
        DEMO_KEY,
        "ASIACACHEDHOUR0001",
        &utc_from_now(3600),
    );
    assert_eq!(signer(&sandbox), "ASIACACHEDHOUR0001");
    assert_eq!(server.actions(), ["GetCallerIdentity"]);
    // Ten minutes left, inside botocore's 15-minute window: assumed again.
    write_entry(&sandbox, DEMO_KEY, "ASIACACHEDSOON0001", &utc_from_now(600));
    assert_eq!(signer(&sandbox), ROLE_KEY_ID);
    assert_eq!(server.actions()[1..], ["AssumeRole", "GetCallerIdentity"]);
    let entry = read_json(&cache_file(&sandbox, DEMO_KEY));
    assert_eq!(entry["Credentials"]["AccessKeyId"], ROLE_KEY_ID);
    // botocore fails on an unreadable entry until it is deleted; sts replaces it.
    sandbox.write(&format!(".aws/cli/cache/{DEMO_KEY}.json"), "{not json");
    assert_eq!(signer(&sandbox), ROLE_KEY_ID);
    assert_eq!(server.actions()[3..], ["AssumeRole", "GetCallerIdentity"]);
    assert_eq!(
        read_json(&cache_file(&sandbox, DEMO_KEY))["Credentials"]["AccessKeyId"],
        ROLE_KEY_ID
    );
}

#[test]
fn an_answer_that_has_already_expired_is_refused_as_aws_does() {
    let server = FixtureServer::start(); // the canned answer expired in 2024
    let sandbox = sandbox(&server);
    let run = sandbox.sts(&["get-caller-identity", "--profile", "role"]);
    let message = "\nsts: [ERROR]: Credentials were refreshed, but the refreshed credentials are still expired.\n";
    assert_eq!((run.code, run.stderr.as_str()), (255, message));
    assert_eq!(server.actions(), ["AssumeRole"]);
    if aws_available() {
        let aws = sandbox.aws(&["get-caller-identity", "--profile", "role"]);
        assert_eq!(
            (aws.code, as_sts_stderr(&aws.stderr).as_str()),
            (255, message)
        );
    }
}

#[test]
fn aws_reuses_what_sts_cached() {
    if !aws_available() {
        return;
    }
    let server = server();
    let sandbox = sandbox(&server);
    let run = sandbox.sts(&["get-caller-identity", "--profile", "role"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let aws = sandbox.aws(&["get-caller-identity", "--profile", "role"]);
    assert_eq!(aws.code, 0, "{}", aws.stderr);
    assert_eq!(
        server.actions(),
        ["AssumeRole", "GetCallerIdentity", "GetCallerIdentity"]
    );
    let last = server.requests().pop().expect("a request");
    assert_eq!(last.signing_access_key().as_deref(), Some(ROLE_KEY_ID));
}

#[test]
fn sts_reuses_what_aws_cached_under_the_same_name() {
    if !aws_available() {
        return;
    }
    let server = server();
    let sandbox = sandbox(&server);
    let aws = sandbox.aws(&["get-caller-identity", "--profile", "role"]);
    assert_eq!(aws.code, 0, "{}", aws.stderr);
    let by_aws = read_json(&cache_file(&sandbox, DEMO_KEY));
    let run = sandbox.sts(&["get-caller-identity", "--profile", "role"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        server.actions(),
        ["AssumeRole", "GetCallerIdentity", "GetCallerIdentity"]
    );

    // Written by either, the entry has the same layout, the expiry in ISO 8601.
    std::fs::remove_file(cache_file(&sandbox, DEMO_KEY)).expect("remove the entry");
    let run = sandbox.sts(&["get-caller-identity", "--profile", "role"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let by_sts = read_json(&cache_file(&sandbox, DEMO_KEY));
    assert_eq!(keys(&by_sts), keys(&by_aws));
    assert_eq!(keys(&by_sts["Credentials"]), keys(&by_aws["Credentials"]));
    assert_eq!(
        keys(&by_sts["ResponseMetadata"]),
        keys(&by_aws["ResponseMetadata"])
    );
    for field in [
        "AccessKeyId",
        "SecretAccessKey",
        "SessionToken",
        "AccountId",
        "Expiration",
    ] {
        assert_eq!(by_sts["Credentials"][field], by_aws["Credentials"][field]);
    }
    assert_eq!(
        by_aws["Credentials"]["Expiration"],
        "2099-01-01T00:00:00+00:00"
    );
}

#[test]
fn chained_roles_are_assumed_in_turn_and_each_cached() {
    let server = server();
    let sandbox = sandbox(&server);
    let run = sandbox.sts(&["get-caller-identity", "--profile", "chain"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    let calls: Vec<(Option<&str>, Option<String>)> = requests
        .iter()
        .map(|r| (r.param("RoleArn"), r.signing_access_key()))
        .collect();
    let call = |arn: Option<&'static str>, key: &str| (arn, Some(key.to_string()));
    assert_eq!(
        calls,
        [
            call(Some(DEMO), WORK_KEY_ID),
            call(Some(TOP), ROLE_KEY_ID),
            call(None, ROLE_KEY_ID)
        ]
    );
    assert!(cache_file(&sandbox, DEMO_KEY).exists());
    assert!(cache_file(&sandbox, TOP_KEY).exists());

    // The top of the chain is cached: nothing to assume.
    assert_eq!(
        sandbox
            .sts(&["get-caller-identity", "--profile", "chain"])
            .code,
        0
    );
    assert_eq!(server.actions().len(), 4);
    // Only the middle role is cached: the top one is assumed with its credentials.
    std::fs::remove_file(cache_file(&sandbox, TOP_KEY)).expect("remove the top entry");
    write_entry(
        &sandbox,
        DEMO_KEY,
        "ASIAMIDDLECACHED01",
        &utc_from_now(3600),
    );
    assert_eq!(
        sandbox
            .sts(&["get-caller-identity", "--profile", "chain"])
            .code,
        0
    );
    let requests = server.requests();
    assert_eq!(requests[4].param("RoleArn"), Some(TOP));
    assert_eq!(
        requests[4].signing_access_key().as_deref(),
        Some("ASIAMIDDLECACHED01")
    );
    assert_eq!(requests.len(), 6);

    if aws_available() {
        // aws names the chain's entries the same way: it finds both and calls nothing.
        let aws = sandbox.aws(&["get-caller-identity", "--profile", "chain"]);
        assert_eq!(aws.code, 0, "{}", aws.stderr);
        assert_eq!(server.actions().len(), 7);
    }
}

#[test]
fn the_mfa_code_is_asked_on_the_terminal_and_sent_with_the_serial() {
    let server = server();
    let sandbox = sandbox(&server);
    let prompt = format!("Enter MFA code for {SERIAL}: ");
    let run = sandbox.answering(
        &prompt,
        "987654",
        &[
            env!("CARGO_BIN_EXE_sts"),
            "get-caller-identity",
            "--profile",
            "mfa",
            "--query",
            "Account",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The result alone on stdout; the prompt on the terminal, the code not echoed.
    assert_eq!(run.stdout_text(), "\"123456789012\"\n");
    assert!(run.stderr.contains(&prompt), "{:?}", run.stderr);
    assert!(!run.stderr.contains("987654"), "{:?}", run.stderr);
    let assume = &server.requests()[0];
    assert_eq!(assume.action(), Some("AssumeRole"));
    assert_eq!(assume.param("SerialNumber"), Some(SERIAL));
    assert_eq!(assume.param("TokenCode"), Some("987654"));
    assert!(cache_file(&sandbox, MFA_KEY).exists());

    // One prompt serves both: with the entry cached neither asks again, terminal or not.
    let again = sandbox.sts_without_terminal(&["get-caller-identity", "--profile", "mfa"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    if aws_available() {
        let aws = sandbox.aws_without_terminal(&["get-caller-identity", "--profile", "mfa"]);
        assert_eq!(aws.code, 0, "{}", aws.stderr);
    }
    let mut expected = vec!["AssumeRole", "GetCallerIdentity", "GetCallerIdentity"];
    if aws_available() {
        expected.push("GetCallerIdentity");
    }
    assert_eq!(server.actions(), expected);
}

#[test]
fn a_code_typed_for_aws_serves_sts() {
    if !aws_available() {
        return;
    }
    let server = server();
    let sandbox = sandbox(&server);
    let prompt = format!("Enter MFA code for {SERIAL}: ");
    let program = aws_v2().expect("checked by aws_available");
    let program = program.to_string_lossy();
    let aws = sandbox.answering(
        &prompt,
        "654321",
        &[
            program.as_ref(),
            "sts",
            "get-caller-identity",
            "--profile",
            "mfa",
        ],
    );
    assert_eq!(aws.code, 0, "{}", aws.stderr);
    assert_eq!(server.requests()[0].param("TokenCode"), Some("654321"));
    assert!(cache_file(&sandbox, MFA_KEY).exists());
    let run = sandbox.sts_without_terminal(&["get-caller-identity", "--profile", "mfa"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        server.actions(),
        ["AssumeRole", "GetCallerIdentity", "GetCallerIdentity"]
    );
}

#[test]
fn without_a_terminal_the_mfa_code_is_read_from_stdin() {
    let server = server();
    let sandbox = sandbox(&server);
    // A code piped in is used, as AWS CLI v2 (getpass) uses it, with a warning on stderr.
    let mut command = sandbox.command(
        Path::new("setsid"),
        &[
            "-w",
            env!("CARGO_BIN_EXE_sts"),
            "get-caller-identity",
            "--profile",
            "mfa",
        ],
    );
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sts");
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin.write_all(b"123456\n").expect("write the code");
    }
    let output = child.wait_with_output().expect("sts ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("may be echoed"), "{stderr}");
    assert!(
        stderr.contains(&format!("Enter MFA code for {SERIAL}: ")),
        "{stderr}"
    );
    assert_eq!(server.requests()[0].param("TokenCode"), Some("123456"));

    // No input at all: nothing is sent.
    std::fs::remove_dir_all(sandbox.home().join(".aws/cli/cache")).expect("forget the role");
    let sent = server.requests().len();
    let run = sandbox.sts_without_terminal(&["get-caller-identity", "--profile", "mfa"]);
    assert_eq!(run.code, 255, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(&format!(
            "\nsts: [ERROR]: No MFA code for {SERIAL}: the input ended before one was entered\n"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    assert_eq!(server.requests().len(), sent);
}

#[test]
fn broken_role_configurations_fail_with_the_aws_cli_messages() {
    let server = server();
    let sandbox = sandbox(&server);
    // botocore raises these as InvalidConfigError, PartialCredentialsError and
    // CredentialRetrievalError; AWS CLI v2 has no configuration handler for them (exit 255).
    let cases = [
        (
            "nosrc",
            "The source_profile \"missing\" referenced in the profile \"nosrc\" does not exist.",
        ),
        (
            "loopa",
            "Infinite loop in credential configuration detected. Attempting to load from profile loopa which has already been visited. Visited profiles: ['loopa', 'loopb']",
        ),
        (
            "self",
            "Infinite loop in credential configuration detected. Attempting to load from profile self which has already been visited. Visited profiles: ['self']",
        ),
        (
            "neither",
            "Partial credentials found in assume-role, missing: source_profile or credential_source",
        ),
        (
            "both",
            "The profile \"both\" contains both source_profile and credential_source.",
        ),
        (
            "badsrc",
            "The credential source \"environment\" referenced in profile \"badsrc\" is not valid.",
        ),
        (
            "emptysrc",
            "The source profile \"empty\" must have credentials.",
        ),
        (
            "envsrc",
            "Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile envsrc",
        ),
    ];
    for (profile, message) in cases {
        let expected = (255, format!("\nsts: [ERROR]: {message}\n"));
        let run = sandbox.sts(&["get-caller-identity", "--profile", profile]);
        assert_eq!((run.code, run.stderr), expected, "sts --profile {profile}");
        if aws_available() {
            let aws = sandbox.aws(&["get-caller-identity", "--profile", profile]);
            let aws = (aws.code, as_sts_stderr(&aws.stderr));
            assert_eq!(aws, expected, "aws --profile {profile}");
        }
    }
    assert!(server.requests().is_empty());
}

#[test]
fn credential_source_environment_assumes_the_role_with_the_environment_keys() {
    let server = server();
    let sandbox = sandbox(&server)
        .env("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT001")
        .env("AWS_SECRET_ACCESS_KEY", "e");
    let run = sandbox.sts(&["get-caller-identity", "--profile", "envsrc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert_eq!(
        requests[0].signing_access_key().as_deref(),
        Some("AKIDENVIRONMENT001")
    );
    assert_eq!(
        requests[1].signing_access_key().as_deref(),
        Some(ROLE_KEY_ID)
    );
}

#[test]
fn keys_in_the_environment_beat_a_role_profile_only_when_not_named_by_flag() {
    let server = server();
    let with_keys = || {
        sandbox(&server)
            .env("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT001")
            .env("AWS_SECRET_ACCESS_KEY", "e")
    };
    let sandbox = with_keys();
    let by_env = with_keys().env("AWS_PROFILE", "role");
    let signer = |run: Run| {
        assert_eq!(run.code, 0, "{}", run.stderr);
        let requests = server.requests();
        let last = requests.last().expect("a request");
        (
            requests.len(),
            last.signing_access_key().unwrap_or_default(),
        )
    };
    // --profile: botocore drops the environment provider, so the role is assumed.
    let flag = signer(sandbox.sts(&["get-caller-identity", "--profile", "role"]));
    assert_eq!(flag, (2, ROLE_KEY_ID.to_string()));
    // AWS_PROFILE: the environment's keys come first in the chain.
    let env = signer(by_env.sts(&["get-caller-identity"]));
    assert_eq!(env, (3, "AKIDENVIRONMENT001".to_string()));
    if aws_available() {
        let flag = signer(sandbox.aws(&["get-caller-identity", "--profile", "role"]));
        assert_eq!(flag, (4, ROLE_KEY_ID.to_string()));
        let env = signer(by_env.aws(&["get-caller-identity"]));
        assert_eq!(env, (5, "AKIDENVIRONMENT001".to_string()));
    }
}

#[test]
fn the_role_is_assumed_at_the_configured_endpoint_not_at_endpoint_url() {
    let configured = server();
    let flag = server();
    let sandbox = sandbox(&configured);
    let url = flag.url();
    let run = sandbox.sts(&[
        "get-caller-identity",
        "--profile",
        "role",
        "--endpoint-url",
        &url,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(configured.actions(), ["AssumeRole"]);
    assert_eq!(flag.actions(), ["GetCallerIdentity"]);
}

#[test]
fn web_identity_profiles_share_the_cache_too() {
    let server = server();
    let sandbox = sandbox(&server);
    for _ in 0..2 {
        let run = sandbox.sts(&["get-caller-identity", "--profile", "web"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert_eq!(
        server.actions(),
        [
            "AssumeRoleWithWebIdentity",
            "GetCallerIdentity",
            "GetCallerIdentity"
        ]
    );
    let call = &server.requests()[0];
    assert_eq!(
        call.param("WebIdentityToken"),
        Some("header.payload.signature")
    );
    assert_eq!(call.param("RoleSessionName"), Some("app1"));
    assert_eq!(call.header("authorization"), None);
    let entry = read_json(&cache_file(&sandbox, WEB_KEY));
    assert_eq!(entry["Credentials"]["AccountId"], "123456789012");
    if aws_available() {
        let aws = sandbox.aws(&["get-caller-identity", "--profile", "web"]);
        assert_eq!(aws.code, 0, "{}", aws.stderr);
        assert_eq!(server.actions().len(), 4);
        assert_eq!(server.actions()[3], "GetCallerIdentity");
    }
}

#[test]
fn a_source_profile_of_another_kind_is_resolved_by_aws_config() {
    let server = server();
    let sandbox = sandbox(&server);
    let run = sandbox.sts(&["get-caller-identity", "--profile", "viaprocess"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        server.requests()[0].signing_access_key().as_deref(),
        Some("AKIDPROCESS0000001")
    );
}

#[test]
fn a_refused_assume_role_is_reported_as_aws_reports_it() {
    let server = server();
    let sandbox = sandbox(&server);
    let refusal = || {
        Reply::error(
            403,
            "AccessDenied",
            "User is not authorized to perform: sts:AssumeRole",
        )
    };
    let message = "\nsts: [ERROR]: An error occurred (AccessDenied) when calling the AssumeRole operation: User is not authorized to perform: sts:AssumeRole\n";
    server.push_reply(refusal());
    let run = sandbox.sts(&["get-caller-identity", "--profile", "role"]);
    assert_eq!((run.code, run.stderr.as_str()), (254, message));
    assert_eq!(server.actions(), ["AssumeRole"]);
    assert!(!cache_file(&sandbox, DEMO_KEY).exists());
    if aws_available() {
        server.push_reply(refusal());
        let aws = sandbox.aws(&["get-caller-identity", "--profile", "role"]);
        assert_eq!(as_sts_stderr(&aws.stderr), message);
    }
}

#[test]
fn a_missing_web_identity_token_file_is_named_in_pythons_words() {
    let server = server();
    let sandbox = sandbox(&server);
    std::fs::remove_file(sandbox.home().join("token")).expect("remove the token");
    let run = sandbox.sts(&["get-caller-identity", "--profile", "web"]);
    assert_eq!(run.code, 255, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "[Errno 2] No such file or directory: '{}/token'",
            sandbox.home().display()
        )),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    assert_eq!(server.actions(), Vec::<String>::new());
}
