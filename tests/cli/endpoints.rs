//! Which endpoint a request goes to when none is configured, seen without leaving the machine:
//! HTTPS_PROXY points at a local proxy that notes each CONNECT target and refuses it.

use crate::support::Sandbox;
use crate::support::proxy::Proxy;
use std::net::TcpListener;

/// An environment variable a case sets.
type Var = (&'static str, &'static str);

/// The CONNECT target of the one request made with the variables `vars` and `extra`
/// options, with credentials but no region in the environment, through a proxy that refuses
/// every tunnel.
fn target(proxy: &Proxy, vars: &[(&str, &str)], extra: &[&str]) -> String {
    proxy.clear_log();
    let mut sandbox = Sandbox::new()
        .unset("AWS_DEFAULT_REGION")
        .env("HTTPS_PROXY", &proxy.url(""))
        .env("AWS_MAX_ATTEMPTS", "1");
    for (name, value) in vars {
        sandbox = sandbox.env(name, value);
    }
    let mut args = vec!["get-caller-identity"];
    args.extend_from_slice(extra);
    let run = sandbox.sts(&args);
    assert_eq!(
        run.code, 255,
        "{extra:?}: the proxy refuses every tunnel: {}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    let targets = proxy.log();
    assert_eq!(targets.len(), 1, "{extra:?}: {targets:?}");
    targets[0].clone()
}

#[test]
fn the_region_and_endpoint_settings_choose_the_host() {
    let proxy = Proxy::refusing();
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
            target(&proxy, vars, extra),
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
        format!("\nsts: [ERROR]: Failed to connect to proxy URL: \"{proxy}\"\n")
    );
}
