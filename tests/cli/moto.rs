//! moto_server as an independent STS implementation, for the operations it supports.

use crate::support::{Sandbox, tool_available};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A moto_server on a free port of 127.0.0.1, stopped when dropped.
struct Moto {
    child: Child,
    url: String,
}

impl Moto {
    /// None when moto is not installed (outside CI only).
    fn start() -> Option<Moto> {
        if !tool_available("moto_server", &["moto_server", "--help"]) {
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let spawned = Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let child = spawned.expect("run moto_server");
        let moto = Moto {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(moto)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn json(run: &crate::support::Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_slice(&run.stdout).expect("valid JSON")
}

fn keys(value: &serde_json::Value) -> Vec<String> {
    value
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn moto_answers_in_model_order() {
    let Some(moto) = Moto::start() else { return };
    let sandbox = Sandbox::new();
    let call = |args: &[&str]| {
        let mut full = vec!["--endpoint-url", moto.url.as_str()];
        full.extend_from_slice(args);
        json(&sandbox.sts(&full))
    };

    let identity = call(&["get-caller-identity"]);
    assert_eq!(keys(&identity), ["UserId", "Account", "Arn"]);

    let role = call(&[
        "assume-role",
        "--role-arn",
        "arn:aws:iam::123456789012:role/demo",
        "--role-session-name",
        "moto-test",
        "--duration-seconds",
        "900",
    ]);
    assert_eq!(
        keys(&role),
        ["Credentials", "AssumedRoleUser", "PackedPolicySize"]
    );
    assert_eq!(
        keys(&role["Credentials"]),
        [
            "AccessKeyId",
            "SecretAccessKey",
            "SessionToken",
            "Expiration"
        ]
    );
    let expiration = role["Credentials"]["Expiration"]
        .as_str()
        .unwrap_or_default();
    assert!(
        expiration.ends_with("+00:00") && expiration.len() == 32,
        "ISO 8601 with microseconds: {expiration}"
    );
    assert_eq!(
        role["AssumedRoleUser"]["Arn"],
        "arn:aws:sts::123456789012:assumed-role/demo/moto-test"
    );

    let session = call(&["get-session-token", "--duration-seconds", "900"]);
    assert_eq!(keys(&session), ["Credentials"]);

    let federation = call(&["get-federation-token", "--name", "Bob"]);
    assert_eq!(
        keys(&federation),
        ["Credentials", "FederatedUser", "PackedPolicySize"]
    );

    let web = call(&[
        "assume-role-with-web-identity",
        "--role-arn",
        "arn:aws:iam::123456789012:role/web",
        "--role-session-name",
        "web",
        "--web-identity-token",
        "token-value",
    ]);
    assert_eq!(keys(&web)[0], "Credentials");

    let key_info = call(&[
        "get-access-key-info",
        "--access-key-id",
        "AKIAIOSFODNN7EXAMPLE",
    ]);
    assert_eq!(keys(&key_info), ["Account"]);
}

#[test]
fn moto_and_aws_agree_on_deterministic_answers() {
    if !crate::support::aws_available() {
        return;
    }
    let Some(moto) = Moto::start() else { return };
    let sandbox = Sandbox::new();
    for args in [
        vec!["get-caller-identity"],
        vec!["get-caller-identity", "--query", "Arn"],
        vec![
            "get-access-key-info",
            "--access-key-id",
            "AKIAIOSFODNN7EXAMPLE",
        ],
    ] {
        let mut full = vec!["--endpoint-url", moto.url.as_str()];
        full.extend_from_slice(&args);
        let ours = sandbox.sts(&full);
        let theirs = sandbox.aws(&full);
        assert_eq!(
            (ours.code, theirs.code),
            (0, 0),
            "{args:?}: {} / {}",
            ours.stderr,
            theirs.stderr
        );
        assert_eq!(ours.stdout_text(), theirs.stdout_text(), "{args:?}");
    }
}
