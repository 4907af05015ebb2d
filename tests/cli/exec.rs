//! `sts exec`: the command's environment, its status, the signals passed on to it, and the
//! credential server of `--server` (the AWS CLI v2 as its client, renewal of short-lived
//! credentials, tokens, concurrency, the port closed afterwards).

use crate::support::fixture::FixtureServer;
use crate::support::{Run, Sandbox, aws_available, aws_v2, utc};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::process::{Child, ChildStdout, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const CONFIG: &str = "[default]\nregion = eu-central-1\n\n\
[profile top]\nrole_arn = arn:aws:iam::123456789012:role/top\nsource_profile = middle\n\
role_session_name = top-session\nregion = eu-west-1\n\n\
[profile middle]\nrole_arn = arn:aws:iam::123456789012:role/middle\nsource_profile = keys\n\
role_session_name = middle-session\n\n\
[profile keys]\nregion = us-east-2\n";

/// `keys` holds the long-term keys; `default` has keys of its own, which a command in server
/// mode must not pick up instead of the served credentials.
const CREDENTIALS: &str = "[keys]\naws_access_key_id = AKIDKEYSEXAMPLE0001\n\
aws_secret_access_key = keysSecret\n\n\
[default]\naws_access_key_id = AKIDDEFAULTEXAMPLE01\naws_secret_access_key = defaultSecret\n";

/// What a caller may have set that would make the command find other credentials.
const CALLER_CREDENTIALS: &[(&str, &str)] = &[
    ("AWS_ACCESS_KEY_ID", "AKIDCALLEREXAMPLE001"),
    ("AWS_SECRET_ACCESS_KEY", "callerSecret"),
    ("AWS_SESSION_TOKEN", "callerToken"),
    ("AWS_SECURITY_TOKEN", "callerToken"),
    ("AWS_CREDENTIAL_EXPIRATION", "2099-01-01T00:00:00Z"),
    ("AWS_ACCOUNT_ID", "999999999999"),
    ("AWS_PROFILE", "keys"),
    ("AWS_DEFAULT_PROFILE", "keys"),
    ("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token"),
    ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/caller"),
    ("AWS_ROLE_SESSION_NAME", "caller"),
    (
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "http://127.0.0.1:9/caller",
    ),
    ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/caller"),
    ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "callerAuthorization"),
    (
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        "/nonexistent/authorization",
    ),
    ("AWS_CREDENTIAL_FILE", "/nonexistent/credentials"),
];

/// A fixture whose AssumeRole answers issue new keys lasting `lifetime`, and a sandbox with
/// the profiles above.
fn setting(lifetime: Duration) -> (FixtureServer, Sandbox) {
    let server = FixtureServer::unexpiring();
    server.issue_short_lived("AssumeRole", lifetime);
    let sandbox = Sandbox::bare().env("AWS_ENDPOINT_URL_STS", &server.url());
    sandbox.write(".aws/config", CONFIG);
    sandbox.write(".aws/credentials", CREDENTIALS);
    (server, sandbox)
}

/// `NAME=value` lines (as `env -0` separates them) as a map.
fn environment_of(run: &Run) -> BTreeMap<String, String> {
    run.stdout
        .split(|byte| *byte == 0)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let entry = String::from_utf8_lossy(entry);
            let (name, value) = entry.split_once('=').expect("NAME=value");
            (name.to_string(), value.to_string())
        })
        .collect()
}

/// v2's isoformat of an expiry the fixture issued (whole seconds).
fn isoformat(time: SystemTime) -> String {
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let text = utc(i64::try_from(seconds).expect("fits"));
    text.replace('Z', "+00:00")
}

#[test]
fn the_command_sees_the_callers_environment_with_the_roles_credentials_instead() {
    let (server, mut sandbox) = setting(Duration::from_secs(3600));
    sandbox = sandbox.env("KEEP_ME", "kept");
    for (name, value) in CALLER_CREDENTIALS {
        sandbox = sandbox.env(name, value);
    }
    let run = sandbox.sts(&["exec", "--profile", "top", "--", "env", "-0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");

    // The chain: middle assumed with the keys, top with middle's credentials.
    let requests = server.requests();
    let actions: Vec<_> = requests.iter().map(|r| r.action().unwrap_or("")).collect();
    assert_eq!(actions, ["AssumeRole", "AssumeRole"]);
    let issued = server.issued();
    assert_eq!(issued.len(), 2);
    assert_eq!(
        requests[0].signing_access_key().as_deref(),
        Some("AKIDKEYSEXAMPLE0001")
    );
    assert_eq!(requests[1].signing_access_key(), Some(issued[0].0.clone()));
    assert_eq!(
        requests[1].param("RoleArn"),
        Some("arn:aws:iam::123456789012:role/top")
    );

    let mut expected: BTreeMap<String, String> = sandbox_vars(&sandbox)
        .into_iter()
        .filter(|(name, _)| {
            !CALLER_CREDENTIALS
                .iter()
                .any(|(removed, _)| removed == name)
        })
        .collect();
    let (top_key, top_expiry) = &issued[1];
    for (name, value) in [
        ("AWS_ACCESS_KEY_ID", top_key.as_str()),
        (
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
        ),
        ("AWS_CREDENTIAL_EXPIRATION", &isoformat(*top_expiry)),
        ("AWS_REGION", "eu-west-1"),
        ("AWS_DEFAULT_REGION", "eu-west-1"),
        ("STS_EXEC_PROFILE", "top"),
    ] {
        expected.insert(name.to_string(), value.to_string());
    }
    let seen = environment_of(&run);
    let token = seen.get("AWS_SESSION_TOKEN").cloned().unwrap_or_default();
    assert!(token.starts_with("AQoDYXdzEPT//"), "{token}");
    expected.insert("AWS_SESSION_TOKEN".into(), token);
    assert_eq!(seen, expected);
}

/// The variables a sandbox gives every command it runs.
fn sandbox_vars(sandbox: &Sandbox) -> BTreeMap<String, String> {
    let command = sandbox.command(std::path::Path::new("true"), &[]);
    command
        .get_envs()
        .filter_map(|(name, value)| {
            Some((
                name.to_string_lossy().into_owned(),
                value?.to_string_lossy().into_owned(),
            ))
        })
        .collect()
}

#[test]
fn the_status_is_the_commands_as_a_shell_gives_it() {
    let (server, sandbox) = setting(Duration::from_secs(3600));
    let not_executable = sandbox.write("not-executable", "#!/bin/sh\nexit 0\n");
    let no_interpreter = sandbox.write("no-interpreter", "#!/nonexistent/interpreter\n");
    std::fs::set_permissions(&no_interpreter, std::fs::Permissions::from_mode(0o755))
        .expect("chmod");
    let not_executable = not_executable.to_string_lossy().into_owned();
    let no_interpreter = no_interpreter.to_string_lossy().into_owned();
    // Run from a shell, which reports a command ended by signal N as 128 + N: `sts` has
    // become the command (static mode) or exits so itself (server mode).
    let status_line = "\"$@\"; echo \"status $?\"";
    for (command, code, stderr) in [
        (vec!["true"], 0, String::new()),
        (vec!["sh", "-c", "exit 7"], 7, String::new()),
        (vec!["sh", "-c", "kill -TERM $$"], 143, String::new()),
        (vec!["sh", "-c", "kill -KILL $$"], 137, String::new()),
        (
            vec!["no-such-command-anywhere", "x"],
            127,
            "\nsts: [ERROR]: no-such-command-anywhere: command not found\n".to_string(),
        ),
        (
            vec![not_executable.as_str()],
            126,
            format!("\nsts: [ERROR]: {not_executable}: cannot run: Permission denied\n"),
        ),
        (
            vec![no_interpreter.as_str()],
            126,
            format!(
                "\nsts: [ERROR]: {no_interpreter}: cannot run: its interpreter or loader was not found\n"
            ),
        ),
    ] {
        for mode in MODES {
            let mut args = vec!["-c", status_line, "sh", env!("CARGO_BIN_EXE_sts"), "exec"];
            args.extend_from_slice(&["--profile", "top"]);
            args.extend_from_slice(mode);
            args.push("--");
            args.extend_from_slice(&command);
            let output = sandbox
                .command(std::path::Path::new("sh"), &args)
                .output()
                .expect("run sh");
            let seen = (
                String::from_utf8_lossy(&output.stdout).into_owned(),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            );
            let mut expected = (format!("status {code}\n"), stderr.clone());
            if mode.is_empty() && code > 128 {
                // The shell says how its command died ("Terminated"), as it would have said
                // without sts: sts became the command.
                let mut bare = vec!["-c", status_line, "sh"];
                bare.extend_from_slice(&command);
                let output = sandbox
                    .command(std::path::Path::new("sh"), &bare)
                    .output()
                    .expect("run sh");
                expected.1 = String::from_utf8_lossy(&output.stderr).into_owned();
            }
            assert_eq!(seen, expected, "{command:?} {mode:?}");
        }
    }
    // The role was assumed once and then taken from the AWS CLI's cache.
    assert_eq!(server.actions(), ["AssumeRole", "AssumeRole"]);
}

#[test]
fn without_a_command_the_users_shell_runs() {
    let (_server, sandbox) = setting(Duration::from_secs(3600));
    let script = "#!/bin/sh\necho \"shell for $STS_EXEC_PROFILE, region '${AWS_REGION-unset}'\"\n";
    let shell = sandbox.write("shell", script);
    std::fs::set_permissions(&shell, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let sandbox = sandbox.env("SHELL", &shell.to_string_lossy());
    let run = sandbox.sts(&["exec", "--profile", "top"]);
    let stdout = run.stdout_text();
    assert_eq!(
        (run.code, stdout.as_str()),
        (0, "shell for top, region 'eu-west-1'\n")
    );
    // No region configured for middle (the default profile's is not its): none is set.
    let run = sandbox.sts(&["exec", "--profile", "middle"]);
    let stdout = run.stdout_text();
    assert_eq!(
        (run.code, stdout.as_str()),
        (0, "shell for middle, region 'unset'\n")
    );
}

/// Start `sts exec ... -- sh -c SCRIPT`, which prints `ready` once its traps are set; the
/// rest of its output is left to read.
fn start_trapping(
    sandbox: &Sandbox,
    mode: &[&str],
    script: &str,
) -> (Child, BufReader<ChildStdout>) {
    let sts = std::path::Path::new(env!("CARGO_BIN_EXE_sts"));
    let mut args = vec!["exec", "--profile", "top"];
    args.extend_from_slice(mode);
    args.extend_from_slice(&["--", "sh", "-c", script]);
    let mut child = sandbox
        .command(sts, &args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sts exec");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut line = String::new();
    stdout
        .read_line(&mut line)
        .expect("read the command's first line");
    assert_eq!(line, "ready\n");
    (child, stdout)
}

/// Wait up to 20 s for `child`; kill it and fail, naming `case`, if it is still running.
fn wait_for(child: &mut Child, case: &str) -> i32 {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status.code().unwrap_or(-1);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("sts exec did not end after its command was signalled ({case})");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Without a server `sts` has become the command; with one it passes the signals on.
const MODES: [&[&str]; 2] = [&[], &["--server"]];

#[test]
fn signals_sent_to_sts_reach_the_command_and_sts_waits_for_it() {
    let (_server, sandbox) = setting(Duration::from_secs(3600));
    for (mode, (signal, name, code)) in MODES.iter().flat_map(|mode| {
        [
            (libc::SIGTERM, "TERM", 3),
            (libc::SIGINT, "INT", 4),
            (libc::SIGHUP, "HUP", 5),
        ]
        .map(|case| (mode, case))
    }) {
        let script = format!(
            "trap 'echo got {name}; exit {code}' {name}; echo ready; \
             while :; do sleep 0.05; done"
        );
        let (mut child, mut stdout) = start_trapping(&sandbox, mode, &script);
        let pid = i32::try_from(child.id()).expect("a pid");
        // SAFETY: kill sends a signal to the sts process this test started and still holds.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let case = format!("SIG{name} {mode:?}");
        assert_eq!(wait_for(&mut child, &case), code, "{case}");
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).expect("stdout");
        assert_eq!(rest, format!("got {name}\n"), "{mode:?}");
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            pipe.read_to_string(&mut stderr).expect("stderr");
        }
        assert_eq!(stderr, "", "SIG{name} {mode:?}");
    }
}

/// A signal sent as soon as the command has started (before `sts` may have learnt its pid)
/// is held and passed on, not lost: the race is narrow, so it is run many times.
#[test]
fn a_signal_sent_the_moment_the_command_starts_is_passed_on() {
    let (_server, sandbox) = setting(Duration::from_secs(3600));
    let script = "trap 'exit 3' TERM; echo ready; while :; do sleep 0.05; done";
    for attempt in 0..50 {
        let (mut child, _stdout) = start_trapping(&sandbox, &["--server"], script);
        let pid = i32::try_from(child.id()).expect("a pid");
        // SAFETY: kill sends a signal to the sts process this test started and still holds.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
        let case = format!("SIGTERM at once, attempt {attempt}");
        assert_eq!(wait_for(&mut child, &case), 3, "{case}");
    }
}

#[test]
fn a_nested_exec_is_refused_before_anything_runs() {
    let (server, sandbox) = setting(Duration::from_secs(3600));
    let sandbox = sandbox.env("STS_EXEC_PROFILE", "prod");
    let marker = sandbox.home().join("ran");
    let touch = format!("touch {}", marker.display());
    let run = sandbox.sts(&["exec", "--profile", "top", "--", "sh", "-c", &touch]);
    assert_eq!(run.code, 253);
    assert_eq!(
        run.stderr,
        "\nsts: [ERROR]: An error occurred (Configuration): sts exec is already running here with the credentials of profile prod \
         (STS_EXEC_PROFILE is set). Leave that shell first, or unset STS_EXEC_PROFILE to nest \
         on purpose.\n"
    );
    assert_eq!(run.stdout, b"");
    assert!(!marker.exists());
    assert!(server.requests().is_empty());
}

#[test]
fn duration_seconds_is_passed_to_the_role_and_to_a_session_for_keys() {
    let (server, sandbox) = setting(Duration::from_secs(3600));
    let run = sandbox.sts(&[
        "exec",
        "--profile",
        "top",
        "--duration-seconds",
        "1800",
        "--",
        "true",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    let durations: Vec<_> = requests
        .iter()
        .map(|r| r.param("DurationSeconds"))
        .collect();
    // Only the selected role's: the one below keeps its profile's (none).
    assert_eq!(durations, [None, Some("1800")]);

    let run = sandbox.sts(&[
        "exec",
        "--profile",
        "keys",
        "--duration-seconds",
        "900",
        "--",
        "true",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    let last = requests.last().expect("a request");
    assert_eq!(last.action(), Some("GetSessionToken"));
    assert_eq!(last.param("DurationSeconds"), Some("900"));
    assert_eq!(
        last.signing_access_key().as_deref(),
        Some("AKIDKEYSEXAMPLE0001")
    );

    for (value, message) in [
        (
            "soon",
            "--duration-seconds: expected a whole number of seconds, got 'soon'",
        ),
        (
            "60",
            "--duration-seconds: 60 is less than 900, the shortest session STS grants",
        ),
    ] {
        let before = server.requests().len();
        let run = sandbox.sts(&[
            "exec",
            "--profile",
            "top",
            "--duration-seconds",
            value,
            "--",
            "true",
        ]);
        assert_eq!(run.code, 252);
        assert_eq!(
            run.stderr,
            format!("\nsts: [ERROR]: An error occurred (ParamValidation): {message}\n")
        );
        assert_eq!(server.requests().len(), before);
    }
}

#[test]
fn a_command_without_the_separator_is_refused_with_the_way_to_write_it() {
    let (server, sandbox) = setting(Duration::from_secs(3600));
    let run = sandbox.sts(&["exec", "--profile", "top", "terraform", "apply"]);
    assert_eq!(run.code, 252);
    assert_eq!(
        run.stderr,
        "\nsts: [ERROR]: An error occurred (ParamValidation): Unknown options: terraform,apply. \
         The command goes after --: sts exec [options] -- COMMAND [ARGS...]\n"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn the_aws_cli_signs_with_the_served_credentials_not_the_default_profiles() {
    if !aws_available() {
        return;
    }
    let (server, sandbox) = setting(Duration::from_secs(3600));
    let aws = aws_v2().expect("checked");
    let aws = aws.to_string_lossy();
    let run = sandbox.sts(&[
        "exec",
        "--profile",
        "top",
        "--server",
        "--",
        &aws,
        "sts",
        "get-caller-identity",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout_text().contains("\"Account\""),
        "{}",
        run.stdout_text()
    );
    let requests = server.requests();
    let actions: Vec<_> = requests.iter().map(|r| r.action().unwrap_or("")).collect();
    assert_eq!(actions, ["AssumeRole", "AssumeRole", "GetCallerIdentity"]);
    let top_key = server.issued()[1].0.clone();
    assert_eq!(requests[2].signing_access_key(), Some(top_key));
    // Where the command is told to look, and nothing else of ours.
    let run = sandbox.sts(&["exec", "--profile", "top", "--server", "--", "env", "-0"]);
    let seen = environment_of(&run);
    let uri = seen
        .get("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        .cloned()
        .unwrap_or_default();
    assert!(
        uri.starts_with("http://127.0.0.1:") && uri.ends_with('/'),
        "{uri}"
    );
    let token = seen
        .get("AWS_CONTAINER_AUTHORIZATION_TOKEN")
        .cloned()
        .unwrap_or_default();
    assert_eq!(token.len(), 64);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()), "{token}");
    assert_eq!(
        seen.get("AWS_SHARED_CREDENTIALS_FILE").map(String::as_str),
        Some("/dev/null")
    );
    for hidden in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
    ] {
        assert!(!seen.contains_key(hidden), "{hidden}");
    }
}

#[test]
fn short_lived_credentials_are_renewed_while_the_command_runs() {
    if !aws_available() {
        return;
    }
    const LIFETIME: u64 = 4;
    const CALLS: usize = 8;
    let (server, sandbox) = setting(Duration::from_secs(LIFETIME));
    let aws = aws_v2().expect("checked");
    let script = format!(
        "for i in $(seq {CALLS}); do \"{}\" sts get-caller-identity --query Arn --output text \
         || exit 9; sleep 1; done",
        aws.display()
    );
    let started = Instant::now();
    let run = sandbox.sts(&[
        "exec",
        "--profile",
        "top",
        "--server",
        "--",
        "sh",
        "-c",
        &script,
    ]);
    let elapsed = started.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout_text().lines().count(), CALLS);

    let issued = server.issued();
    let requests = server.requests();
    let calls: Vec<_> = requests
        .iter()
        .filter(|r| r.action() == Some("GetCallerIdentity"))
        .collect();
    assert_eq!(calls.len(), CALLS);
    for call in &calls {
        let key = call.signing_access_key().expect("signed");
        let (_, expiry) = issued
            .iter()
            .find(|(issued_key, _)| *issued_key == key)
            .unwrap_or_else(|| panic!("{key} was never issued"));
        let received = call.received.expect("a receive time");
        assert!(received < *expiry, "{key} used after it expired");
    }
    let assumed = requests
        .iter()
        .filter(|r| r.action() == Some("AssumeRole"))
        .count();
    let elapsed_secs = elapsed.as_secs_f64();
    eprintln!(
        "renewal: credentials lasting {LIFETIME} s, {CALLS} calls over {elapsed_secs:.1} s, \
         {assumed} AssumeRole requests, {} keys used",
        {
            let mut keys: Vec<_> = calls
                .iter()
                .filter_map(|c| c.signing_access_key())
                .collect();
            keys.dedup();
            keys.len()
        }
    );
    // Outlived several times over: the top role (with the one below it) was assumed anew.
    assert!(elapsed > Duration::from_secs(2 * LIFETIME), "{elapsed:?}");
    assert!(assumed >= 6, "{assumed} AssumeRole requests");
}

/// A client of the credential server, in Python (present wherever the tests run): requests
/// without the token, with a wrong one, and 50 at once with the right one; it prints the
/// port and what it got, one line each.
const PROBE: &str = r#"
import http.client, json, os, sys, threading, urllib.parse
uri = urllib.parse.urlparse(os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"])
token = os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
def get(headers):
    connection = http.client.HTTPConnection(uri.hostname, uri.port, timeout=10)
    connection.request("GET", uri.path, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()
print("port", uri.port)
print("none", *get({}))
print("wrong", *get({"Authorization": "0" * 64}))
print("prefix", *get({"Authorization": token[:-1]}))
answers = []
def fetch():
    status, body = get({"Authorization": token})
    answers.append((status, json.loads(body)["AccessKeyId"] if status == 200 else body))
threads = [threading.Thread(target=fetch) for _ in range(50)]
for thread in threads: thread.start()
for thread in threads: thread.join()
print("concurrent", len(answers), sorted(set(status for status, _ in answers)),
      len(set(key for _, key in answers)))
status, body = get({"Authorization": token})
print("fields", status, sorted(json.loads(body)))
"#;

#[test]
fn the_server_wants_the_token_answers_many_at_once_and_closes_with_the_command() {
    let (_server, sandbox) = setting(Duration::from_secs(3600));
    let run = sandbox.sts(&[
        "exec",
        "--profile",
        "top",
        "--server",
        "--debug",
        "--",
        "python3",
        "-c",
        PROBE,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stdout = run.stdout_text();
    let lines: Vec<&str> = stdout.lines().collect();
    let port: u16 = lines[0]
        .strip_prefix("port ")
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(
        &lines[1..],
        [
            "none 403 b''",
            "wrong 403 b''",
            "prefix 403 b''",
            "concurrent 50 [200] 1",
            "fields 200 ['AccessKeyId', 'Expiration', 'SecretAccessKey', 'Token']",
        ]
    );
    // Every request in the debug log, and no secret.
    assert_eq!(run.stderr.matches(": 403\n").count(), 3, "{}", run.stderr);
    assert_eq!(run.stderr.matches(": 200\n").count(), 51, "{}", run.stderr);
    for secret in ["wJalrXUtnFEMI", "AQoDYXdzEPT", "keysSecret"] {
        assert!(!run.stderr.contains(secret), "{secret} in {}", run.stderr);
    }
    // The port closed with the command.
    let connected = std::net::TcpStream::connect(("127.0.0.1", port));
    assert!(connected.is_err(), "port {port} still open");
}

#[test]
fn long_term_keys_are_served_as_a_session_of_their_own() {
    let (server, sandbox) = setting(Duration::from_secs(3600));
    let probe = "import json, os, urllib.request\n\
        uri = os.environ['AWS_CONTAINER_CREDENTIALS_FULL_URI']\n\
        request = urllib.request.Request(uri, headers={'Authorization': \
        os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN']})\n\
        print(json.load(urllib.request.urlopen(request))['AccessKeyId'])\n";
    let run = sandbox.sts(&[
        "exec",
        "--profile",
        "keys",
        "--server",
        "--",
        "python3",
        "-c",
        probe,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout_text(), "ASIAIOSFODNN7EXAMPLE\n");
    let requests = server.requests();
    assert_eq!(server.actions(), ["GetSessionToken"]);
    assert_eq!(requests[0].param("DurationSeconds"), Some("3600"));
    assert_eq!(
        requests[0].signing_access_key().as_deref(),
        Some("AKIDKEYSEXAMPLE0001")
    );
}

#[test]
fn a_default_profile_with_credentials_in_the_config_file_is_hidden_with_a_warning() {
    let (_server, sandbox) = setting(Duration::from_secs(3600));
    sandbox.write(
        ".aws/config",
        &CONFIG.replace(
            "[default]\nregion = eu-central-1\n",
            "[default]\nregion = eu-central-1\ncredential_process = false\n",
        ),
    );
    let run = sandbox.sts(&["exec", "--profile", "top", "--server", "--", "env", "-0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "sts: warning: the config file's [default] profile has credentials, which the command \
         would use before the served ones: it runs with AWS_CONFIG_FILE=/dev/null\n"
    );
    let seen = environment_of(&run);
    assert_eq!(
        seen.get("AWS_CONFIG_FILE").map(String::as_str),
        Some("/dev/null")
    );
    assert_eq!(
        seen.get("AWS_REGION").map(String::as_str),
        Some("eu-west-1")
    );
}

#[test]
fn a_ctrl_c_on_the_terminal_reaches_the_command_once_and_sts_waits_for_it() {
    let (_server, sandbox) = setting(Duration::from_secs(3600));
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/pty_keys.py");
    // The command counts the interrupts it gets over two seconds after saying it is ready.
    let command = "n=0; trap 'n=$((n+1))' INT; echo ready >&2; i=0; \
        while [ $i -lt 20 ]; do sleep 0.1; i=$((i+1)); done; echo \"interrupts $n\"";
    for mode in MODES {
        let mut args = vec![
            script,
            r#"[["ready", "\u0003"]]"#,
            env!("CARGO_BIN_EXE_sts"),
            "exec",
            "--profile",
            "top",
        ];
        args.extend_from_slice(mode);
        args.extend_from_slice(&["--", "sh", "-c", command]);
        let output = sandbox
            .command(std::path::Path::new("python3"), &args)
            .output()
            .expect("run pty_keys.py");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{mode:?} {stderr}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(stdout, "interrupts 1\n", "{mode:?} {stderr}");
    }
}
