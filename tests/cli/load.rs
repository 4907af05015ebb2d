//! Many `sts` at once: a role profile on a cold cache, and plain calls, all answered, and the
//! shared credential cache left whole.

use crate::support::Sandbox;
use crate::support::fixture::FixtureServer;
use std::os::unix::fs::PermissionsExt;
use std::process::{Child, Stdio};
use std::time::Instant;

/// Start `count` copies of `sts ARGS` at once; the exit codes and stderr of all.
fn all_at_once(sandbox: &Sandbox, count: usize, args: &[&str]) -> Vec<(i32, String)> {
    let children: Vec<Child> = (0..count)
        .map(|_| {
            sandbox
                .command(std::path::Path::new(env!("CARGO_BIN_EXE_sts")), args)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start sts")
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().expect("sts ends");
            (
                output.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            )
        })
        .collect()
}

#[test]
fn a_hundred_role_runs_on_a_cold_cache_leave_it_whole() {
    let server = FixtureServer::unexpiring();
    let sandbox = Sandbox::bare().env("AWS_ENDPOINT_URL_STS", &server.url());
    sandbox.write(
        ".aws/config",
        "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = work\n\
         region = eu-west-1\n",
    );
    sandbox.write(
        ".aws/credentials",
        "[work]\naws_access_key_id = AKIDWORKFILE000001\naws_secret_access_key = w\n",
    );
    let started = Instant::now();
    let runs = all_at_once(&sandbox, 100, &["get-caller-identity", "--profile", "role"]);
    let took = started.elapsed();
    let failed: Vec<&(i32, String)> = runs.iter().filter(|(code, _)| *code != 0).collect();
    assert!(
        failed.is_empty(),
        "{} of 100 failed: {failed:?}",
        failed.len()
    );
    let actions = server.actions();
    let assumed = actions.iter().filter(|a| *a == "AssumeRole").count();
    let called = actions.iter().filter(|a| *a == "GetCallerIdentity").count();
    eprintln!("load: 100 role runs in {took:?}, {assumed} AssumeRole, {called} GetCallerIdentity");
    assert_eq!(called, 100);
    assert!((1..=100).contains(&assumed), "{assumed} AssumeRole");

    let cache = sandbox.home().join(".aws/cli/cache");
    let entries: Vec<_> = std::fs::read_dir(&cache)
        .expect("the cache directory")
        .flatten()
        .collect();
    // One entry, whole: no torn file, no temporary left behind.
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = entries[0].path();
    let text = std::fs::read_to_string(&entry).expect("read the entry");
    let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert!(parsed["Credentials"]["AccessKeyId"].is_string());
    let mode = std::fs::metadata(&entry)
        .expect("entry")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let dir_mode = std::fs::metadata(&cache).expect("dir").permissions().mode();
    assert_eq!(dir_mode & 0o777, 0o700);
}

#[test]
fn two_hundred_plain_calls_at_once_are_all_answered() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let url = server.url();
    let started = Instant::now();
    let runs = all_at_once(
        &sandbox,
        200,
        &["get-caller-identity", "--endpoint-url", &url],
    );
    let took = started.elapsed();
    let failed: Vec<&(i32, String)> = runs.iter().filter(|(code, _)| *code != 0).collect();
    eprintln!("load: 200 plain calls in {took:?}");
    assert!(
        failed.is_empty(),
        "{} of 200 failed: {failed:?}",
        failed.len()
    );
    assert_eq!(server.requests().len(), 200);
}
