//! `sts console`: the getSigninToken request (the Session sent is exactly the credentials
//! resolved; a federation token first for long-term keys), the sign-in URL printed or handed
//! to `$BROWSER`, the partitions' consoles, the endpoint's refusals, and nothing secret on
//! stderr.

use crate::support::fixture::{FixtureServer, Reply};
use crate::support::{Sandbox, assert_golden};
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

const TOKEN: &str = "SIGNIN+TOKEN/0123456789=";
const ROLE_KEY: &str = "ASIAIOSFODNN7EXAMPLE";
const ROLE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

const CONFIG: &str = "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/console\n\
source_profile = keys\nrole_session_name = console\nregion = eu-west-1\n\n\
[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/chained\nsource_profile = role\n\
role_session_name = chained\nregion = eu-west-1\n\n\
[profile keys]\nregion = us-east-2\n\n\
[profile china]\nrole_arn = arn:aws:iam::123456789012:role/console\nsource_profile = keys\n\
role_session_name = console\nregion = cn-north-1\n\n\
[profile gov]\nrole_arn = arn:aws:iam::123456789012:role/console\nsource_profile = keys\n\
role_session_name = console\nregion = us-gov-west-1\n\n\
[profile session]\nregion = eu-west-1\n\n\
[profile mfa]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::123456789012:mfa/user\n";

const CREDENTIALS: &str = "[keys]\naws_access_key_id = AKIDKEYSEXAMPLE0001\n\
aws_secret_access_key = keysSecret\n\n\
[session]\naws_access_key_id = ASIASESSIONEXAMPLE01\naws_secret_access_key = sessionSecret\n\
aws_session_token = sessionToken\n\n\
[mfa]\naws_access_key_id = AKIDMFAEXAMPLE000001\naws_secret_access_key = mfaSecret\n";

fn setting() -> (FixtureServer, Sandbox) {
    let server = FixtureServer::unexpiring();
    server.set_body(
        "getSigninToken",
        &format!("{{\"SigninToken\":\"{TOKEN}\"}}"),
    );
    let sandbox = Sandbox::bare()
        .env("AWS_ENDPOINT_URL_STS", &server.url())
        .env(
            "STS_FEDERATION_ENDPOINT",
            &format!("{}/federation", server.url()),
        );
    sandbox.write(".aws/config", CONFIG);
    sandbox.write(".aws/credentials", CREDENTIALS);
    (server, sandbox)
}

/// application/x-www-form-urlencoded, as a browser's form would send `value`.
fn form(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                (byte as char).to_string()
            }
            b' ' => "+".to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

fn login_url(server: &FixtureServer, destination: &str) -> String {
    format!(
        "{}/federation?Action=login&Issuer=sts&Destination={}&SigninToken={}",
        server.url(),
        form(destination),
        form(TOKEN)
    )
}

/// The Session parameter of a getSigninToken request, as JSON.
fn session_of(server: &FixtureServer) -> serde_json::Value {
    let requests = server.requests();
    let request = requests
        .iter()
        .find(|r| r.action() == Some("getSigninToken"))
        .expect("a getSigninToken request");
    assert_eq!(request.method, "GET");
    assert!(request.path.starts_with("/federation?"), "{}", request.path);
    serde_json::from_str(request.param("Session").expect("Session")).expect("JSON")
}

#[test]
fn a_role_signs_in_with_exactly_its_credentials_and_the_url_is_printed() {
    let (server, sandbox) = setting();
    let run = sandbox.sts(&["console", "--profile", "role", "--print"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(server.actions(), ["AssumeRole", "getSigninToken"]);
    let session = session_of(&server);
    assert_eq!(session["sessionId"], ROLE_KEY);
    assert_eq!(session["sessionKey"], ROLE_SECRET);
    let token = session["sessionToken"].as_str().unwrap_or_default();
    assert!(token.starts_with("AQoDYXdzEPT//"), "{token}");
    let request = &server.requests()[1];
    assert_eq!(request.param("SessionDuration"), None);
    let home = "https://console.aws.amazon.com/console/home?region=eu-west-1";
    assert_eq!(run.stdout_text(), format!("{}\n", login_url(&server, home)));

    let run = sandbox.sts(&[
        "console",
        "--profile",
        "role",
        "--print",
        "--destination",
        "s3",
    ]);
    let s3 = "https://console.aws.amazon.com/s3/home?region=eu-west-1";
    assert_eq!(run.stdout_text(), format!("{}\n", login_url(&server, s3)));
    let page = "https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:";
    let run = sandbox.sts(&[
        "console",
        "--profile",
        "role",
        "--print",
        "--destination",
        page,
    ]);
    assert_eq!(run.stdout_text(), format!("{}\n", login_url(&server, page)));
}

#[test]
fn long_term_keys_get_a_federation_token_first() {
    let (server, sandbox) = setting();
    let run = sandbox.sts(&["console", "--profile", "keys", "--print"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        server.actions(),
        ["GetCallerIdentity", "GetFederationToken", "getSigninToken"]
    );
    let requests = server.requests();
    let federation = &requests[1];
    assert_eq!(
        federation.signing_access_key().as_deref(),
        Some("AKIDKEYSEXAMPLE0001")
    );
    assert_eq!(federation.param("Name"), Some("Alice"));
    assert_eq!(federation.param("DurationSeconds"), Some("3600"));
    assert_eq!(
        federation.param("Policy"),
        Some(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        )
    );
    let session = session_of(&server);
    assert_eq!(session["sessionId"], ROLE_KEY);
    // A federation token's console session is the token's: no SessionDuration.
    assert_eq!(requests[2].param("SessionDuration"), None);
    let home = "https://console.aws.amazon.com/console/home?region=us-east-2";
    assert_eq!(run.stdout_text(), format!("{}\n", login_url(&server, home)));
}

#[test]
fn duration_seconds_lasts_the_role_and_the_session_of_a_role_assumed_directly() {
    let (server, sandbox) = setting();
    let run = sandbox.sts(&[
        "console",
        "--profile",
        "role",
        "--print",
        "--duration-seconds",
        "7200",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert_eq!(requests[0].param("DurationSeconds"), Some("7200"));
    assert_eq!(requests[1].param("SessionDuration"), Some("7200"));

    // A chained role refuses SessionDuration: its credentials' duration only.
    let (server, sandbox) = setting();
    let run = sandbox.sts(&[
        "console",
        "--profile",
        "chained",
        "--print",
        "--duration-seconds",
        "1800",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert_eq!(
        server.actions(),
        ["AssumeRole", "AssumeRole", "getSigninToken"]
    );
    assert_eq!(requests[1].param("DurationSeconds"), Some("1800"));
    assert_eq!(requests[2].param("SessionDuration"), None);
}

#[test]
fn the_console_is_the_partitions() {
    let (server, sandbox) = setting();
    for (profile, destination) in [
        (
            "china",
            "https://console.amazonaws.cn/console/home?region=cn-north-1",
        ),
        (
            "gov",
            "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1",
        ),
    ] {
        let run = sandbox.sts(&["console", "--profile", profile, "--print"]);
        assert_eq!(run.code, 0, "{profile}: {}", run.stderr);
        assert_eq!(
            run.stdout_text(),
            format!("{}\n", login_url(&server, destination))
        );
    }
}

#[test]
fn the_endpoints_refusal_is_a_service_error_and_an_mfa_session_is_refused_first() {
    let (server, sandbox) = setting();
    server.push_reply(Reply::raw(
        400,
        "text/html",
        "<html><head><title>Bad Request</title></head><body>Invalid credentials parameter\
         </body></html>",
    ));
    let run = sandbox.sts(&["console", "--profile", "session", "--print"]);
    assert_eq!(run.code, 254);
    assert_eq!(
        run.stderr,
        "\nsts: [ERROR]: The federation endpoint refused to sign in (HTTP 400): Bad Request \
         Invalid credentials parameter (it takes the temporary credentials of a role or a \
         federation token, and --duration-seconds only for a role assumed directly)\n"
    );
    assert_eq!(run.stdout, b"");
    let session = session_of(&server);
    assert_eq!(session["sessionId"], "ASIASESSIONEXAMPLE01");

    let before = server.requests().len();
    let run = sandbox.sts(&["console", "--profile", "mfa", "--print"]);
    assert_eq!(run.code, 253);
    assert!(
        run.stderr
            .contains("The console does not take the MFA session credentials"),
        "{}",
        run.stderr
    );
    assert_eq!(server.requests().len(), before);
}

#[test]
fn the_url_goes_to_the_browser_or_is_printed_with_a_note_and_is_never_logged() {
    let (server, sandbox) = setting();
    let record = sandbox.home().join("opened");
    let browser = sandbox.write(
        "browser",
        &format!("#!/bin/sh\nprintf '%s\\n' \"$1\" > {}\n", record.display()),
    );
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let home = "https://console.aws.amazon.com/console/home?region=eu-west-1";
    let url = login_url(&server, home);

    let output = sandbox
        .command(
            std::path::Path::new(env!("CARGO_BIN_EXE_sts")),
            &["console", "--profile", "role", "--debug"],
        )
        .env("BROWSER", &browser)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run sts");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(output.stdout, b"");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !record.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let opened = std::fs::read_to_string(&record).unwrap_or_default();
    assert_eq!(opened, format!("{url}\n"));
    for secret in [
        TOKEN,
        &form(TOKEN),
        ROLE_SECRET,
        "AQoDYXdzEPT",
        "keysSecret",
    ] {
        assert!(!stderr.contains(secret), "{secret} in {stderr}");
    }

    // No display and no BROWSER: printed, with a note.
    let run = sandbox.sts(&["console", "--profile", "role"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout_text(), format!("{url}\n"));
    assert_golden("console/no-browser.txt", run.stderr.as_bytes());
}

#[test]
fn without_credentials_nothing_is_sent() {
    let (server, sandbox) = setting();
    let run = sandbox.sts(&["console", "--profile", "nosuch", "--print"]);
    assert_eq!(run.code, 255, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "\nsts: [ERROR]: The config profile (nosuch) could not be found\n"
    );
    let bare = Sandbox::bare()
        .env(
            "STS_FEDERATION_ENDPOINT",
            &format!("{}/federation", server.url()),
        )
        .env("AWS_ENDPOINT_URL_STS", &server.url());
    let run = bare.sts(&["console", "--print"]);
    assert_eq!(run.code, 253, "{}", run.stderr);
    assert!(run.stderr.contains("(NoCredentials)"), "{}", run.stderr);
    assert!(server.requests().is_empty());
}
