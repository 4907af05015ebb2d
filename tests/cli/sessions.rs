//! MFA sessions of the sts-only commands: one code buys a GetSessionToken session that serves
//! any number of runs and roles, kept in sts's own cache until 15 minutes before it ends;
//! `mfa_process` instead of the terminal; `sts logout`; the `aws sts` path left as it was.

use crate::support::fixture::{FAR_FUTURE, FixtureServer, canned};
use crate::support::{Run, Sandbox, utc_from_now};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const SERIAL: &str = "arn:aws:iam::123456789012:mfa/user";
const USER_KEY: &str = "AKIDUSEREXAMPLE001";
/// The key of the fixture's GetSessionToken answer (changed from the canned one, which is
/// also AssumeRole's, so that the two can be told apart).
const SESSION_KEY: &str = "ASIAMFASESSION0001";
const ROLE_KEY: &str = "ASIAIOSFODNN7EXAMPLE";
const PROMPT: &str = "Enter MFA code for arn:aws:iam::123456789012:mfa/user: ";

const CREDENTIALS: &str = "[user]\naws_access_key_id = AKIDUSEREXAMPLE001\naws_secret_access_key = userSecret\n\n\
[yubi]\naws_access_key_id = AKIDYUBIEXAMPLE001\naws_secret_access_key = yubiSecret\n";

const CONFIG: &str = "[profile user]\nregion = us-east-1\nmfa_serial = arn:aws:iam::123456789012:mfa/user\n\n\
[profile alpha]\nrole_arn = arn:aws:iam::123456789012:role/alpha\nsource_profile = user\n\
mfa_serial = arn:aws:iam::123456789012:mfa/user\n\n\
[profile beta]\nrole_arn = arn:aws:iam::123456789012:role/beta\nsource_profile = user\n\
mfa_serial = arn:aws:iam::123456789012:mfa/user\n\n\
[profile gamma]\nrole_arn = arn:aws:iam::123456789012:role/gamma\nsource_profile = user\n\
mfa_serial = arn:aws:iam::123456789012:mfa/user\nduration_seconds = 7200\n\n\
[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/chained\nsource_profile = alpha\n\
duration_seconds = 7200\n\n\
[profile yubi]\nregion = us-east-1\nmfa_serial = arn:aws:iam::123456789012:mfa/yubi\n\
mfa_process = printf 654321\nduration_seconds = 3600\n\n\
[profile yubi-role]\nrole_arn = arn:aws:iam::123456789012:role/yubi\nsource_profile = yubi\n\
mfa_serial = arn:aws:iam::123456789012:mfa/yubi\n\n\
[profile yubi-broken]\nregion = us-east-1\nmfa_serial = arn:aws:iam::123456789012:mfa/yubi\n\
mfa_process = sh -c 'echo no YubiKey found >&2; exit 3'\naws_access_key_id = AKIDBROKEN00000001\n\
aws_secret_access_key = b\n";

/// A fixture whose sessions end at `expiration`, and the sandbox of the config above.
fn setting(expiration: &str) -> (FixtureServer, Sandbox) {
    let server = FixtureServer::unexpiring();
    server.set_body("GetSessionToken", &session_answer(expiration));
    let sandbox = Sandbox::bare()
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL_STS", &server.url());
    sandbox.write(".aws/config", CONFIG);
    sandbox.write(".aws/credentials", CREDENTIALS);
    (server, sandbox)
}

fn session_answer(expiration: &str) -> String {
    let xml = canned("GetSessionToken")
        .replace("ASIAIOSFODNN7EXAMPLE", SESSION_KEY)
        .replace("2024-12-31T23:59:59.611Z", expiration);
    assert!(xml.contains(SESSION_KEY) && xml.contains(expiration));
    xml
}

/// `sts ARGS` on a terminal that answers the MFA prompt with `code`.
fn typing_code(sandbox: &Sandbox, code: &str, args: &[&str]) -> Run {
    let mut full = vec![env!("CARGO_BIN_EXE_sts")];
    full.extend_from_slice(args);
    sandbox.answering(PROMPT, code, &full)
}

fn sessions_dir(sandbox: &Sandbox) -> PathBuf {
    sandbox.home().join(".cache/sts/sessions")
}

/// The entries of sts's session cache, each read as JSON (a torn file fails here).
fn session_entries(sandbox: &Sandbox) -> Vec<(PathBuf, serde_json::Value)> {
    let Ok(dir) = std::fs::read_dir(sessions_dir(sandbox)) else {
        return Vec::new();
    };
    let mut entries: Vec<_> = dir
        .map(|entry| entry.expect("a directory entry").path())
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable entry");
            let value = serde_json::from_str(&text)
                .unwrap_or_else(|err| panic!("{}: {err}: {text}", path.display()));
            (path, value)
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

fn prompts(run: &Run) -> usize {
    run.stderr.matches(PROMPT).count()
}

fn exported_key(run: &Run) -> String {
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_slice(&run.stdout).expect("process JSON");
    value["AccessKeyId"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_user_profile_with_mfa_is_asked_once_and_exports_the_session() {
    let (server, sandbox) = setting(FAR_FUTURE);
    let export = ["export-credentials", "--profile", "user"];
    let first = typing_code(&sandbox, "123456", &export);
    assert_eq!(prompts(&first), 1, "{}", first.stderr);
    assert_eq!(exported_key(&first), SESSION_KEY);
    // The second run has no terminal to ask on, and needs none.
    let second = sandbox.sts_without_terminal(&export);
    assert_eq!(
        (second.code, &second.stdout, second.stderr.as_str()),
        (0, &first.stdout, "")
    );

    let requests = server.requests();
    assert_eq!(server.actions(), ["GetSessionToken"]);
    let call = &requests[0];
    assert_eq!(call.signing_access_key().as_deref(), Some(USER_KEY));
    assert_eq!(call.param("SerialNumber"), Some(SERIAL));
    assert_eq!(call.param("TokenCode"), Some("123456"));
    assert_eq!(call.param("DurationSeconds"), Some("43200"));

    let entries = session_entries(&sandbox);
    assert_eq!(entries.len(), 1);
    let (path, entry) = &entries[0];
    assert_eq!(mode(path), 0o600);
    assert_eq!(mode(&sessions_dir(&sandbox)), 0o700);
    assert_eq!(entry["Credentials"]["AccessKeyId"], SESSION_KEY);
    // Named by a digest: the file name tells nothing of the keys or the device.
    let name = path.file_stem().expect("a name").to_string_lossy();
    assert_eq!(
        (name.len(), name.chars().all(|c| c.is_ascii_hexdigit())),
        (40, true)
    );

    // The aws sts path keeps the AWS CLI's behaviour: the long-term keys, no prompt.
    let url = server.url();
    let run = sandbox.sts_without_terminal(&[
        "get-caller-identity",
        "--profile",
        "user",
        "--endpoint-url",
        &url,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert_eq!(
        requests
            .last()
            .and_then(|r| r.signing_access_key())
            .as_deref(),
        Some(USER_KEY)
    );
}

#[test]
fn three_roles_over_one_source_cost_one_code() {
    let (server, sandbox) = setting(FAR_FUTURE);
    let first = typing_code(
        &sandbox,
        "222333",
        &["export-credentials", "--profile", "alpha"],
    );
    assert_eq!(prompts(&first), 1, "{}", first.stderr);
    assert_eq!(exported_key(&first), ROLE_KEY);
    for profile in ["beta", "gamma", "alpha"] {
        let run = sandbox.sts_without_terminal(&["export-credentials", "--profile", profile]);
        assert_eq!(exported_key(&run), ROLE_KEY, "{profile}");
    }
    // One session; each role assumed once, with the session and without MFA parameters.
    assert_eq!(
        server.actions(),
        ["GetSessionToken", "AssumeRole", "AssumeRole", "AssumeRole"]
    );
    let requests = server.requests();
    assert_eq!(requests[0].param("TokenCode"), Some("222333"));
    let roles: Vec<_> = requests[1..]
        .iter()
        .map(|request| {
            assert_eq!(request.signing_access_key().as_deref(), Some(SESSION_KEY));
            assert_eq!(request.param("SerialNumber"), None);
            assert_eq!(request.param("TokenCode"), None);
            (
                request.param("RoleArn").unwrap_or_default().to_string(),
                request.param("DurationSeconds").map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("arn:aws:iam::123456789012:role/alpha".to_string(), None),
            ("arn:aws:iam::123456789012:role/beta".to_string(), None),
            (
                "arn:aws:iam::123456789012:role/gamma".to_string(),
                Some("7200".to_string())
            ),
        ]
    );
    // The session and the three roles, each one valid entry.
    assert_eq!(session_entries(&sandbox).len(), 4);

    // A role assumed from a role is held to an hour, whatever its profile asks.
    let run = sandbox.sts_without_terminal(&["export-credentials", "--profile", "chained"]);
    assert_eq!(exported_key(&run), ROLE_KEY);
    let requests = server.requests();
    let last = requests.last().expect("a request");
    assert_eq!(
        (last.param("RoleArn"), last.param("DurationSeconds")),
        (Some("arn:aws:iam::123456789012:role/chained"), Some("3600"))
    );
}

#[test]
fn the_aws_sts_path_keeps_the_aws_clis_prompt_per_role() {
    let (server, sandbox) = setting(FAR_FUTURE);
    let url = server.url();
    let first = typing_code(
        &sandbox,
        "111111",
        &["export-credentials", "--profile", "alpha"],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    // A session exists, but `sts get-caller-identity` is `aws sts get-caller-identity`:
    // it asks for its own code and sends it with AssumeRole, as the AWS CLI does.
    let run = typing_code(
        &sandbox,
        "444444",
        &[
            "get-caller-identity",
            "--profile",
            "beta",
            "--endpoint-url",
            &url,
        ],
    );
    assert_eq!((run.code, prompts(&run)), (0, 1), "{}", run.stderr);
    let requests = server.requests();
    let assume = &requests[requests.len() - 2];
    assert_eq!(assume.action(), Some("AssumeRole"));
    assert_eq!(assume.signing_access_key().as_deref(), Some(USER_KEY));
    assert_eq!(
        (assume.param("SerialNumber"), assume.param("TokenCode")),
        (Some(SERIAL), Some("444444"))
    );
    // ... and caches in the AWS CLI's cache, not in sts's.
    let aws_cli_cache = std::fs::read_dir(sandbox.home().join(".aws/cli/cache"))
        .expect("the AWS CLI's cache")
        .count();
    assert_eq!(aws_cli_cache, 1);
    assert_eq!(session_entries(&sandbox).len(), 2);
}

#[test]
fn an_mfa_process_gives_the_code_and_its_failure_is_reported() {
    let (server, sandbox) = setting(FAR_FUTURE);
    let run = sandbox.sts_without_terminal(&["export-credentials", "--profile", "yubi"]);
    assert_eq!(exported_key(&run), SESSION_KEY);
    let requests = server.requests();
    assert_eq!(server.actions(), ["GetSessionToken"]);
    assert_eq!(requests[0].param("TokenCode"), Some("654321"));
    assert_eq!(
        requests[0].param("SerialNumber"),
        Some("arn:aws:iam::123456789012:mfa/yubi")
    );
    assert_eq!(requests[0].param("DurationSeconds"), Some("3600"));

    // A duration outside what STS allows for a session is brought within it.
    for (asked, sent) in [("100", "900"), ("999999", "129600")] {
        sandbox.write(
            ".aws/config",
            &CONFIG.replace(
                "duration_seconds = 3600",
                &format!("duration_seconds = {asked}"),
            ),
        );
        let run = sandbox.sts_without_terminal(&["export-credentials", "--profile", "yubi"]);
        assert_eq!(exported_key(&run), SESSION_KEY);
        let requests = server.requests();
        let last = requests.last().expect("a request");
        assert_eq!(last.param("DurationSeconds"), Some(sent), "{asked}");
    }
    sandbox.write(".aws/config", CONFIG);

    let run = sandbox.sts_without_terminal(&["export-credentials", "--profile", "yubi-broken"]);
    assert_eq!(run.code, 253);
    assert!(run.stdout.is_empty());
    // The command's own words come through as it says them, then in the error.
    assert_eq!(
        run.stderr,
        "no YubiKey found\n\nsts: [ERROR]: An error occurred (Configuration): The mfa_process \
         for arn:aws:iam::123456789012:mfa/yubi failed (exit code 3): no YubiKey found\n"
    );
    assert_eq!(
        server.requests().len(),
        3,
        "nothing sent for the broken one"
    );
}

#[test]
fn a_session_about_to_end_is_renewed() {
    // Ten minutes left: inside the 15-minute window, so each run buys a new session.
    let (server, sandbox) = setting(&utc_from_now(600));
    let export = ["export-credentials", "--profile", "yubi"];
    for _ in 0..2 {
        assert_eq!(
            exported_key(&sandbox.sts_without_terminal(&export)),
            SESSION_KEY
        );
    }
    assert_eq!(server.actions(), ["GetSessionToken", "GetSessionToken"]);
    // Twenty minutes left: reused.
    server.set_body("GetSessionToken", &session_answer(&utc_from_now(1200)));
    for _ in 0..3 {
        assert_eq!(
            exported_key(&sandbox.sts_without_terminal(&export)),
            SESSION_KEY
        );
    }
    assert_eq!(server.actions().len(), 3);
    assert_eq!(session_entries(&sandbox).len(), 1, "replaced, not added to");
}

#[test]
fn parallel_runs_leave_one_valid_entry_each() {
    let (_server, sandbox) = setting(FAR_FUTURE);
    let runs: Vec<Run> = std::thread::scope(|scope| {
        let started: Vec<_> = (0..20)
            .map(|n| {
                let sandbox = &sandbox;
                scope.spawn(move || {
                    let profile = if n % 2 == 0 { "yubi" } else { "yubi-role" };
                    sandbox.sts_without_terminal(&["export-credentials", "--profile", profile])
                })
            })
            .collect();
        started
            .into_iter()
            .map(|run| run.join().expect("a run"))
            .collect()
    });
    for run in &runs {
        assert!(!exported_key(run).is_empty());
    }
    // The session of yubi and the role over it: every file whole, no temporary left over.
    let entries = session_entries(&sandbox);
    assert_eq!(entries.len(), 2, "{entries:?}");
    for (path, entry) in &entries {
        assert_eq!(path.extension().and_then(|e| e.to_str()), Some("json"));
        assert_eq!(mode(path), 0o600);
        assert!(entry["Credentials"]["SessionToken"].is_string());
    }
}

#[test]
fn logout_forgets_the_session_and_the_roles() {
    let (server, sandbox) = setting(FAR_FUTURE);
    let url = server.url();
    let first = typing_code(
        &sandbox,
        "123456",
        &["export-credentials", "--profile", "beta"],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    let yubi = sandbox.sts_without_terminal(&["export-credentials", "--profile", "yubi"]);
    assert_eq!(yubi.code, 0, "{}", yubi.stderr);
    // An AWS CLI cache entry for beta's role, from the aws sts path.
    let run = typing_code(
        &sandbox,
        "654987",
        &[
            "get-caller-identity",
            "--profile",
            "beta",
            "--endpoint-url",
            &url,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let aws_cli_cache = sandbox.home().join(".aws/cli/cache");
    assert_eq!(std::fs::read_dir(&aws_cli_cache).expect("cache").count(), 1);
    assert_eq!(session_entries(&sandbox).len(), 3);

    // beta's session is user's: forgetting it forgets beta's role too, not yubi's session.
    let run = sandbox.sts(&["logout", "--profile", "beta"]);
    assert_eq!(
        (run.code, run.stdout.len(), run.stderr.as_str()),
        (
            0,
            0,
            "sts: removed 3 cached credential entries (profile beta)\n"
        )
    );
    assert_eq!(std::fs::read_dir(&aws_cli_cache).expect("cache").count(), 0);
    let left = session_entries(&sandbox);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].1["Profiles"], serde_json::json!(["yubi"]));

    // The next export asks again.
    let again = typing_code(
        &sandbox,
        "777777",
        &["export-credentials", "--profile", "beta"],
    );
    assert_eq!((again.code, prompts(&again)), (0, 1), "{}", again.stderr);

    let run = sandbox.sts(&["logout", "--all"]);
    assert_eq!(
        run.stderr,
        "sts: removed 3 cached credential entries (every profile)\n"
    );
    assert_eq!(session_entries(&sandbox).len(), 0);
    let run = sandbox.sts(&["logout", "--profile", "user"]);
    assert_eq!(
        run.stderr,
        "sts: removed 0 cached credential entries (profile user)\n"
    );
}

#[test]
fn changed_keys_or_a_corrupt_entry_are_never_used() {
    let (server, sandbox) = setting(FAR_FUTURE);
    let export = ["export-credentials", "--profile", "yubi"];
    assert_eq!(
        exported_key(&sandbox.sts_without_terminal(&export)),
        SESSION_KEY
    );
    // A new secret for the same key id: the old session is not this one's.
    sandbox.write(
        ".aws/credentials",
        &CREDENTIALS.replace("yubiSecret", "rotated"),
    );
    assert_eq!(
        exported_key(&sandbox.sts_without_terminal(&export)),
        SESSION_KEY
    );
    assert_eq!(server.actions().len(), 2);
    assert_eq!(session_entries(&sandbox).len(), 2);
    // Another device serial: another session.
    sandbox.write(
        ".aws/config",
        &CONFIG.replace("mfa/yubi\nmfa_process", "mfa/other\nmfa_process"),
    );
    assert_eq!(
        exported_key(&sandbox.sts_without_terminal(&export)),
        SESSION_KEY
    );
    assert_eq!(server.actions().len(), 3);
    let requests = server.requests();
    assert_eq!(
        requests[2].param("SerialNumber"),
        Some("arn:aws:iam::123456789012:mfa/other")
    );

    // Every entry broken or foreign: ignored, then replaced by a whole one.
    for (path, _) in session_entries(&sandbox) {
        std::fs::write(&path, "{\"Credentials\": {\"AccessKeyId\": ").expect("write");
    }
    assert_eq!(
        exported_key(&sandbox.sts_without_terminal(&export)),
        SESSION_KEY
    );
    assert_eq!(server.actions().len(), 4);
    let path = session_entries_paths(&sandbox)
        .into_iter()
        .max_by_key(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok())
        .expect("an entry");
    let entry: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("entry")).expect("whole");
    assert_eq!(entry["Credentials"]["AccessKeyId"], SESSION_KEY);
}

fn session_entries_paths(sandbox: &Sandbox) -> Vec<PathBuf> {
    std::fs::read_dir(sessions_dir(sandbox))
        .expect("sessions")
        .map(|entry| entry.expect("entry").path())
        .collect()
}
