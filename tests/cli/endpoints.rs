//! Which endpoint a request goes to when none is configured, seen without leaving the machine:
//! HTTPS_PROXY points at a local recorder that notes each CONNECT target and refuses it.

use crate::support::Sandbox;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// An environment variable a case sets.
type Var = (&'static str, &'static str);

/// A proxy on 127.0.0.1 that records the first request line of each connection and answers
/// 403: it never connects anywhere itself.
struct Recorder {
    port: u16,
    targets: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    fn start() -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let targets = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&targets);
        // The thread ends with the test process; each connection is answered at once.
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut line = String::new();
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                if let Ok(reader) = stream.try_clone() {
                    let _ = BufReader::new(reader).read_line(&mut line);
                }
                seen.lock()
                    .expect("targets")
                    .push(line.trim_end().to_string());
                let _ = (&stream).write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
            }
        });
        Recorder { port, targets }
    }

    /// The CONNECT target of the one request made with the variables `vars` and `extra`
    /// options, with credentials but no region in the environment.
    fn target(&self, vars: &[(&str, &str)], extra: &[&str]) -> String {
        self.targets.lock().expect("targets").clear();
        let proxy = format!("http://127.0.0.1:{}", self.port);
        let mut sandbox = Sandbox::new()
            .unset("AWS_DEFAULT_REGION")
            .env("HTTPS_PROXY", &proxy)
            .env("AWS_MAX_ATTEMPTS", "1");
        for (name, value) in vars {
            sandbox = sandbox.env(name, value);
        }
        let mut args = vec!["get-caller-identity"];
        args.extend_from_slice(extra);
        let run = sandbox.sts(&args);
        assert_eq!(
            run.code, 255,
            "{extra:?}: the recorder refuses every tunnel: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
        let targets = self.targets.lock().expect("targets").clone();
        assert_eq!(targets.len(), 1, "{extra:?}: {targets:?}");
        targets[0].clone()
    }
}

#[test]
fn the_region_and_endpoint_settings_choose_the_host() {
    let recorder = Recorder::start();
    let fips = [("AWS_USE_FIPS_ENDPOINT", "true")];
    let dual_stack = [("AWS_USE_DUALSTACK_ENDPOINT", "true")];
    let legacy = [("AWS_STS_REGIONAL_ENDPOINTS", "legacy")];
    let china = [("AWS_REGION", "cn-north-1")];
    let cases: [(&[Var], &[&str], &str); 7] = [
        (&[], &[], "sts.amazonaws.com:443"),
        (
            &[],
            &["--region", "eu-west-1"],
            "sts.eu-west-1.amazonaws.com:443",
        ),
        (&china, &[], "sts.cn-north-1.amazonaws.com.cn:443"),
        (
            &fips,
            &["--region", "us-east-2"],
            "sts-fips.us-east-2.amazonaws.com:443",
        ),
        (
            &dual_stack,
            &["--region", "eu-west-1"],
            "sts.eu-west-1.api.aws:443",
        ),
        (&legacy, &["--region", "eu-west-1"], "sts.amazonaws.com:443"),
        (
            &legacy,
            &["--region", "ap-northeast-2"],
            "sts.ap-northeast-2.amazonaws.com:443",
        ),
    ];
    for (vars, extra, host) in cases {
        assert_eq!(
            recorder.target(vars, extra),
            format!("CONNECT {host} HTTP/1.1"),
            "{vars:?} {extra:?}"
        );
    }
}

#[test]
fn an_unreachable_proxy_is_named() {
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let proxy = format!("http://127.0.0.1:{port}");
    let run = Sandbox::new()
        .env("HTTPS_PROXY", &proxy)
        .env("AWS_MAX_ATTEMPTS", "1")
        .sts(&["get-caller-identity", "--region", "eu-west-1"]);
    assert_eq!(run.code, 255);
    assert_eq!(
        run.stderr,
        format!("\nFailed to connect to proxy URL: \"{proxy}\"\n")
    );
}
