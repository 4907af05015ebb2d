//! Where settings come from, proven by what reaches the server: the signing key, the signing
//! region and which server got the request.

use crate::support::fixture::{FAR_FUTURE, FixtureServer, Reply, unexpiring};
use crate::support::{ACCESS_KEY, Sandbox};

const CONFIG: &str = "[default]\nregion = ap-southeast-2\n\n\
[profile work]\nregion = eu-central-1\n\n\
[profile envprofile]\nregion = ca-central-1\n\n\
[profile role]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = work\nregion = sa-east-1\n\n\
[profile process]\nregion = us-east-2\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS0000001\", \"SecretAccessKey\": \"s\"}'\n";
const CREDENTIALS: &str = "[default]\naws_access_key_id = AKIDDEFAULTFILE001\naws_secret_access_key = d\n\n\
[work]\naws_access_key_id = AKIDWORKFILE000001\naws_secret_access_key = w\n\n\
[envprofile]\naws_access_key_id = AKIDENVPROFILE0001\naws_secret_access_key = e\n";

/// A sandbox with the config files above and no credentials or region in the environment.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::bare();
    sandbox.write(".aws/config", CONFIG);
    sandbox.write(".aws/credentials", CREDENTIALS);
    sandbox
}

/// The (access key, region) that signed the one request a command made.
fn signer(sandbox: &Sandbox, extra: &[&str]) -> (Option<String>, Option<String>) {
    let server = FixtureServer::start();
    let url = server.url();
    let mut args = vec!["get-caller-identity", "--endpoint-url", &url];
    args.extend_from_slice(extra);
    let run = sandbox.sts(&args);
    assert_eq!(run.code, 0, "{extra:?}: {}", run.stderr);
    let requests = server.requests();
    let last = requests.last().expect("a request");
    (last.signing_access_key(), last.signing_region())
}

fn pair(key: &str, region: &str) -> (Option<String>, Option<String>) {
    (Some(key.to_string()), Some(region.to_string()))
}

#[test]
fn region_comes_from_flag_then_env_then_profile() {
    let base = sandbox();
    assert_eq!(
        signer(&base, &[]),
        pair("AKIDDEFAULTFILE001", "ap-southeast-2")
    );
    let with_default = sandbox().env("AWS_DEFAULT_REGION", "us-west-1");
    assert_eq!(signer(&with_default, &[]).1.as_deref(), Some("us-west-1"));
    let with_both = sandbox()
        .env("AWS_DEFAULT_REGION", "us-west-1")
        .env("AWS_REGION", "us-west-2");
    assert_eq!(signer(&with_both, &[]).1.as_deref(), Some("us-west-2"));
    assert_eq!(
        signer(&with_both, &["--region", "eu-north-1"]).1.as_deref(),
        Some("eu-north-1")
    );
}

#[test]
fn credentials_come_from_env_then_the_selected_profile() {
    assert_eq!(
        signer(&sandbox(), &["--profile", "work"]),
        pair("AKIDWORKFILE000001", "eu-central-1")
    );
    let by_env = sandbox().env("AWS_PROFILE", "envprofile");
    assert_eq!(
        signer(&by_env, &[]),
        pair("AKIDENVPROFILE0001", "ca-central-1")
    );
    let by_default_env = sandbox().env("AWS_DEFAULT_PROFILE", "envprofile");
    assert_eq!(
        signer(&by_default_env, &[]),
        pair("AKIDENVPROFILE0001", "ca-central-1")
    );
    // --profile beats AWS_PROFILE, which beats AWS_DEFAULT_PROFILE.
    let both = sandbox()
        .env("AWS_PROFILE", "envprofile")
        .env("AWS_DEFAULT_PROFILE", "work");
    assert_eq!(signer(&both, &[]).0.as_deref(), Some("AKIDENVPROFILE0001"));
    assert_eq!(
        signer(&both, &["--profile", "work"]).0.as_deref(),
        Some("AKIDWORKFILE000001")
    );
    // Keys in the environment beat a profile chosen by AWS_PROFILE, not one chosen by --profile
    // (botocore drops the environment from the chain then).
    let env_keys = sandbox()
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", "x");
    assert_eq!(signer(&env_keys, &[]), pair(ACCESS_KEY, "ap-southeast-2"));
    let by_env_profile = env_keys.env("AWS_PROFILE", "work");
    assert_eq!(
        signer(&by_env_profile, &[]),
        pair(ACCESS_KEY, "eu-central-1")
    );
    assert_eq!(
        signer(&by_env_profile, &["--profile", "work"]),
        pair("AKIDWORKFILE000001", "eu-central-1")
    );
}

#[test]
fn credential_process_is_run() {
    assert_eq!(
        signer(&sandbox(), &["--profile", "process"]).0.as_deref(),
        Some("AKIDPROCESS0000001")
    );
}

#[test]
fn a_role_profile_assumes_the_role_through_the_configured_endpoint() {
    let server = FixtureServer::start();
    // The canned answer expired in 2024, and expired role credentials are refused as aws does.
    server.set_body("AssumeRole", &unexpiring("AssumeRole"));
    let sandbox = sandbox().env("AWS_ENDPOINT_URL_STS", &server.url());
    let run = sandbox.sts(&["get-caller-identity", "--profile", "role"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    let actions: Vec<_> = requests
        .iter()
        .map(|r| r.action().unwrap_or_default().to_string())
        .collect();
    assert_eq!(actions, ["AssumeRole", "GetCallerIdentity"]);
    // The role is assumed with the source profile's key, the call made with the role's.
    assert_eq!(
        requests[0].signing_access_key().as_deref(),
        Some("AKIDWORKFILE000001")
    );
    assert_eq!(
        requests[1].signing_access_key().as_deref(),
        Some("ASIAIOSFODNN7EXAMPLE")
    );
    assert_eq!(requests[1].signing_region().as_deref(), Some("sa-east-1"));
}

#[test]
fn a_role_profile_uses_the_profile_endpoint_for_assume_role() {
    let server = FixtureServer::start();
    // The canned answer expired in 2024, and expired role credentials are refused as aws does.
    server.set_body("AssumeRole", &unexpiring("AssumeRole"));
    let sandbox = sandbox();
    let config = format!(
        "{CONFIG}\n[profile ep-role]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = work\nregion = sa-east-1\nendpoint_url = {}\n",
        server.url()
    );
    sandbox.write(".aws/config", &config);
    let run = sandbox.sts(&["get-caller-identity", "--profile", "ep-role"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.actions(), ["AssumeRole", "GetCallerIdentity"]);
}

#[test]
fn endpoint_comes_from_flag_then_service_env_then_env_then_profile() {
    let servers: Vec<FixtureServer> = (0..4).map(|_| FixtureServer::start()).collect();
    let sandbox = Sandbox::new();
    sandbox.write(
        ".aws/config",
        &format!("[default]\nendpoint_url = {}\n", servers[3].url()),
    );
    let hits = |servers: &[FixtureServer]| -> Vec<usize> {
        servers.iter().map(|s| s.requests().len()).collect()
    };

    assert_eq!(sandbox.sts(&["get-caller-identity"]).code, 0);
    assert_eq!(hits(&servers), [0, 0, 0, 1]);
    let env = sandbox.env("AWS_ENDPOINT_URL", &servers[2].url());
    assert_eq!(env.sts(&["get-caller-identity"]).code, 0);
    assert_eq!(hits(&servers), [0, 0, 1, 1]);
    let service = env.env("AWS_ENDPOINT_URL_STS", &servers[1].url());
    assert_eq!(service.sts(&["get-caller-identity"]).code, 0);
    assert_eq!(hits(&servers), [0, 1, 1, 1]);
    assert_eq!(
        service
            .sts(&["get-caller-identity", "--endpoint-url", &servers[0].url()])
            .code,
        0
    );
    assert_eq!(hits(&servers), [1, 1, 1, 1]);
    let ignored = service.env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    let run = ignored.sts(&["get-caller-identity", "--endpoint-url", &servers[0].url()]);
    assert_eq!(run.code, 0);
    assert_eq!(hits(&servers), [2, 1, 1, 1]);
}

#[test]
fn output_format_comes_from_flag_then_env_then_profile() {
    let server = FixtureServer::start();
    let url = server.url();
    let sandbox = Sandbox::new();
    sandbox.write(".aws/config", "[default]\noutput = text\n");
    let call = |sandbox: &Sandbox, extra: &[&str]| {
        let mut args = vec![
            "get-caller-identity",
            "--endpoint-url",
            url.as_str(),
            "--query",
            "Account",
        ];
        args.extend_from_slice(extra);
        let run = sandbox.sts(&args);
        assert_eq!(run.code, 0, "{extra:?}: {}", run.stderr);
        run.stdout_text()
    };
    assert_eq!(call(&sandbox, &[]), "123456789012\n");
    let env = sandbox.env("AWS_DEFAULT_OUTPUT", "json");
    assert_eq!(call(&env, &[]), "\"123456789012\"\n");
    assert_eq!(call(&env, &["--output", "text"]), "123456789012\n");

    let run = Sandbox::new().env("AWS_DEFAULT_OUTPUT", "xml").sts(&[
        "get-caller-identity",
        "--endpoint-url",
        &url,
    ]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (255, "\nsts: [ERROR]: Unknown output type: xml\n")
    );
}

#[test]
fn credential_sources_that_fail_say_why() {
    let server = FixtureServer::start();
    let url = server.url();
    let sandbox = sandbox();
    sandbox.write(
        ".aws/config",
        &format!(
            "{CONFIG}\n[profile failing]\nregion = us-east-1\ncredential_process = sh -c 'echo token expired >&2; exit 3'\n\n\
             [profile garbled]\nregion = us-east-1\ncredential_process = echo not-json\n"
        ),
    );
    let failing = sandbox.sts(&[
        "get-caller-identity",
        "--endpoint-url",
        &url,
        "--profile",
        "failing",
    ]);
    assert_eq!(
        (failing.code, failing.stderr.as_str()),
        (
            255,
            "\nsts: [ERROR]: Error when retrieving credentials from custom-process: token expired\n"
        )
    );
    let garbled = sandbox.sts(&[
        "get-caller-identity",
        "--endpoint-url",
        &url,
        "--profile",
        "garbled",
    ]);
    assert_eq!(garbled.code, 255);
    assert!(
        garbled.stderr.contains("custom-process") && garbled.stderr.contains("JSON"),
        "{}",
        garbled.stderr
    );

    let partial = Sandbox::new().unset("AWS_SECRET_ACCESS_KEY");
    let run = partial.sts(&["get-caller-identity", "--endpoint-url", &url]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            255,
            "\nsts: [ERROR]: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY\n"
        )
    );
    assert_eq!(
        server.requests().len(),
        0,
        "nothing is sent without credentials"
    );

    if crate::support::aws_available() {
        for (sandbox, args) in [(&sandbox, vec!["--profile", "failing"]), (&partial, vec![])] {
            let mut full = vec!["get-caller-identity", "--endpoint-url", url.as_str()];
            full.extend_from_slice(&args);
            let (ours, theirs) = (sandbox.sts(&full), sandbox.aws(&full));
            assert_eq!(
                (ours.code, ours.stderr),
                (theirs.code, crate::support::as_sts_stderr(&theirs.stderr)),
                "{args:?}"
            );
        }
    }
}

/// A credentials answer that stays valid, for sources that fetch temporary keys.
/// An AssumeRoleWithWebIdentity answer handing out `access_key`, valid until FAR_FUTURE.
fn web_identity_answer(access_key: &str) -> String {
    format!(
        "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>\
         <AccessKeyId>{access_key}</AccessKeyId><SecretAccessKey>w</SecretAccessKey>\
         <SessionToken>t</SessionToken><Expiration>{FAR_FUTURE}</Expiration></Credentials>\
         </AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>"
    )
}

#[test]
fn container_credentials_come_from_the_local_endpoint() {
    let server = FixtureServer::start();
    let url = server.url();
    server.push_reply(Reply::raw(
        200,
        "application/json",
        format!(
            r#"{{"AccessKeyId": "ASIACONTAINER00001", "SecretAccessKey": "c", "Token": "t", "Expiration": "{FAR_FUTURE}"}}"#
        ),
    ));
    let sandbox = Sandbox::bare().env("AWS_DEFAULT_REGION", "us-east-1").env(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        &format!("{url}/v2/credentials"),
    );
    let run = sandbox.sts(&["get-caller-identity", "--endpoint-url", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert_eq!(requests[0].path, "/v2/credentials");
    assert_eq!(
        requests[1].signing_access_key().as_deref(),
        Some("ASIACONTAINER00001")
    );
}

#[test]
fn web_identity_from_the_environment_assumes_the_role() {
    let server = FixtureServer::start();
    let url = server.url();
    let answer = web_identity_answer("ASIAWEBIDENTITY001");
    server.set_body("AssumeRoleWithWebIdentity", &answer);
    let sandbox = Sandbox::bare().env("AWS_DEFAULT_REGION", "us-east-1");
    let token = sandbox.write("token.jwt", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    let sandbox = sandbox
        .env("AWS_WEB_IDENTITY_TOKEN_FILE", &token.to_string_lossy())
        .env("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci")
        .env("AWS_ROLE_SESSION_NAME", "pipeline")
        .env("AWS_ENDPOINT_URL_STS", &url);
    let run = sandbox.sts(&["get-caller-identity"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert_eq!(requests[0].action(), Some("AssumeRoleWithWebIdentity"));
    assert_eq!(
        requests[0].param("WebIdentityToken"),
        Some("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
    );
    assert_eq!(requests[0].param("RoleSessionName"), Some("pipeline"));
    assert_eq!(
        requests[0].header("authorization"),
        None,
        "the exchange is unsigned"
    );
    assert_eq!(
        requests[1].signing_access_key().as_deref(),
        Some("ASIAWEBIDENTITY001")
    );
}

#[test]
fn sso_profiles_use_the_token_cache_and_the_portal() {
    let server = FixtureServer::start();
    let url = server.url();
    server.push_reply(Reply::raw(
        200,
        "application/json",
        r#"{"roleCredentials": {"accessKeyId": "ASIASSOPORTAL00001", "secretAccessKey": "s", "sessionToken": "t", "expiration": 4070908800000}}"#,
    ));
    let sandbox = Sandbox::bare()
        .env("AWS_PROFILE", "sso")
        // The portal is this fixture; any other HTTPS request would fail here, on this machine.
        .env("AWS_ENDPOINT_URL_SSO", &url)
        .env("AWS_ENDPOINT_URL_STS", &url)
        .env("HTTPS_PROXY", "http://127.0.0.1:1");
    sandbox.write(
        ".aws/config",
        "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-west-1\n\n\
         [sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
    );
    // The AWS CLI names a session's token file after the SHA-1 of the session name.
    let cache_name = {
        let output = std::process::Command::new("python3")
            .args([
                "-c",
                "import hashlib; print(hashlib.sha1(b'corp').hexdigest())",
            ])
            .output()
            .expect("python3");
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    };
    sandbox.write(
        &format!(".aws/sso/cache/{cache_name}.json"),
        r#"{"accessToken": "sso-access-token", "expiresAt": "2099-01-01T00:00:00Z", "region": "us-east-1", "startUrl": "https://example.awsapps.com/start"}"#,
    );
    let run = sandbox.sts(&["get-caller-identity"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert!(
        requests[0].path.starts_with("/federation/credentials"),
        "{}",
        requests[0].path
    );
    assert_eq!(requests[0].param("role_name"), Some("ReadOnly"));
    assert_eq!(requests[0].param("account_id"), Some("111122223333"));
    assert_eq!(
        requests[0].header("x-amz-sso_bearer_token"),
        Some("sso-access-token")
    );
    assert_eq!(
        requests[1].signing_access_key().as_deref(),
        Some("ASIASSOPORTAL00001")
    );
    assert_eq!(requests[1].signing_region().as_deref(), Some("eu-west-1"));

    // An expired token that cannot be refreshed: the AWS CLI's words, nothing sent.
    sandbox.write(
        &format!(".aws/sso/cache/{cache_name}.json"),
        r#"{"accessToken": "old", "expiresAt": "2020-01-01T00:00:00Z", "region": "us-east-1", "startUrl": "https://example.awsapps.com/start"}"#,
    );
    let run = sandbox.sts(&["get-caller-identity"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            255,
            "\nsts: [ERROR]: Error when retrieving token from sso: Token has expired and refresh failed\n"
        )
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn web_identity_in_the_environment_comes_before_the_profile_keys() {
    let server = FixtureServer::start();
    let url = server.url();
    let answer = web_identity_answer("ASIAWEBIDENTITY002");
    server.set_body("AssumeRoleWithWebIdentity", &answer);
    let sandbox = sandbox();
    let token = sandbox.write("token.jwt", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    let sandbox = sandbox
        .env("AWS_WEB_IDENTITY_TOKEN_FILE", &token.to_string_lossy())
        .env("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci")
        .env("AWS_ENDPOINT_URL_STS", &url);
    // The default profile has keys in the credentials file; botocore still asks web identity first.
    let run = sandbox.sts(&["get-caller-identity"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert_eq!(
        requests
            .last()
            .and_then(|r| r.signing_access_key())
            .as_deref(),
        Some("ASIAWEBIDENTITY002")
    );
    // Keys in the environment come before both.
    let with_keys = sandbox
        .env("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT001")
        .env("AWS_SECRET_ACCESS_KEY", "e");
    let run = with_keys.sts(&["get-caller-identity"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert_eq!(
        requests
            .last()
            .and_then(|r| r.signing_access_key())
            .as_deref(),
        Some("AKIDENVIRONMENT001")
    );
}

/// The `--debug` line that names where the credentials came from.
fn credential_line(run: &crate::support::Run) -> String {
    run.stderr
        .lines()
        .find(|line| line.starts_with("sts: credentials: "))
        .unwrap_or_else(|| panic!("no credentials line in:\n{}", run.stderr))
        .to_string()
}

#[test]
fn debug_names_where_the_credentials_came_from_and_no_secret() {
    let server = FixtureServer::start();
    server.set_body("AssumeRole", &unexpiring("AssumeRole"));
    let url = server.url();
    let base = sandbox().env("AWS_ENDPOINT_URL_STS", &url);
    let call = |sandbox: &Sandbox, extra: &[&str]| {
        let mut args = vec!["get-caller-identity", "--debug", "--endpoint-url", &url];
        args.extend_from_slice(extra);
        let run = sandbox.sts(&args);
        assert_eq!(run.code, 0, "{extra:?}: {}", run.stderr);
        run
    };
    let with_keys = sandbox()
        .env("AWS_ENDPOINT_URL_STS", &url)
        .env("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT001")
        .env("AWS_SECRET_ACCESS_KEY", "environmentSecret");
    let cases: [(&Sandbox, &[&str], String); 4] = [
        (
            &with_keys,
            &[],
            "sts: credentials: keys in the environment (AWS_ACCESS_KEY_ID), no expiry".to_string(),
        ),
        (
            &base,
            &["--profile", "work"],
            "sts: credentials: profile work: its keys, no expiry".to_string(),
        ),
        (
            &base,
            &["--profile", "process"],
            "sts: credentials: profile process: its credential_process, no expiry".to_string(),
        ),
        (
            &base,
            &["--profile", "role"],
            format!(
                "sts: credentials: role arn:aws:iam::123456789012:role/demo (profile role), \
                 assumed with the keys of profile work, until {FAR_FUTURE}"
            ),
        ),
    ];
    for (sandbox, extra, expected) in cases {
        let run = call(sandbox, extra);
        assert_eq!(credential_line(&run), expected, "{extra:?}");
        for secret in [
            "environmentSecret",
            "aws_secret_access_key",
            "wJalrXUtnFEMI",
        ] {
            assert!(!run.stderr.contains(secret), "{extra:?}: {}", run.stderr);
        }
    }
}
