//! The transport: whom TLS trusts (CA bundle, Mozilla's roots, --no-verify-ssl) and which
//! proxy a request goes through, proven against an HTTPS server and a logging proxy on
//! 127.0.0.1.

use crate::support::fixture::FixtureServer;
use crate::support::proxy::Proxy;
use crate::support::{Run, Sandbox};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const WARNING: &str = "sts: warning: certificate verification is off (--no-verify-ssl): the connection is not secure\n";

/// `user:s@cret`, as the proxy URL `http://user:s%40cret@...` gives it.
const PROXY_CREDENTIALS: &str = "Proxy-Authorization: Basic dXNlcjpzQGNyZXQ=";

/// An HTTPS endpoint answering GetCallerIdentity, with a certificate for 127.0.0.1 issued by
/// a CA of its own; stopped when dropped.
struct HttpsServer {
    child: Child,
    port: u16,
    ca: PathBuf,
}

impl HttpsServer {
    /// Keys and certificates go to `dir`: a CA, and a leaf signed by it (webpki refuses a CA
    /// certificate used as the server's own).
    fn start(dir: &Path) -> HttpsServer {
        let body = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/xml/GetCallerIdentity.xml"
        );
        HttpsServer::answering(dir, body)
    }

    /// The same in front of `fixture`: every request is passed on to it (and recorded there).
    fn in_front_of(dir: &Path, fixture: &FixtureServer) -> HttpsServer {
        HttpsServer::answering(dir, &fixture.url())
    }

    /// `answer`: a file with the body of every answer, or the URL of a server to relay to.
    fn answering(dir: &Path, answer: &str) -> HttpsServer {
        let ca = dir.join("ca.pem");
        let ca_key = dir.join("ca.key");
        let leaf = dir.join("leaf.pem");
        let leaf_key = dir.join("leaf.key");
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
        openssl(&ec, &["-keyout", path(&ca_key), "-out", path(&ca)], "CA");
        let issuer = ["-CA", path(&ca), "-CAkey", path(&ca_key)];
        let leaf_args = ["-keyout", path(&leaf_key), "-out", path(&leaf)];
        let extensions = [
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
        ];
        openssl(
            &ec,
            &[&issuer[..], &leaf_args, &extensions].concat(),
            "127.0.0.1",
        );

        let root = env!("CARGO_MANIFEST_DIR");
        let mut child = Command::new("python3")
            .arg(format!("{root}/tests/support/https_server.py"))
            .args([path(&leaf), path(&leaf_key), answer])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("run python3");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout).read_line(&mut line).expect("port");
        let port = line
            .trim()
            .parse()
            .expect("https_server.py prints its port");
        HttpsServer { child, port, ca }
    }

    fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    fn ca(&self) -> &str {
        path(&self.ca)
    }
}

impl Drop for HttpsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temporary path")
}

/// `openssl req -x509`: a new EC key and a certificate for `name`, valid for a day.
fn openssl(key: &[&str], args: &[&str], name: &str) {
    let subject = format!("/CN={name}");
    let status = Command::new("openssl")
        .args(["req", "-x509", "-nodes", "-days", "1", "-subj", &subject])
        .args(key)
        .args(args)
        .stderr(Stdio::null())
        .status()
        .expect("run openssl");
    assert!(status.success(), "openssl failed for {name}");
}

fn caller_identity(sandbox: &Sandbox, url: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "get-caller-identity",
        "--endpoint-url",
        url,
        "--output",
        "text",
    ];
    args.extend_from_slice(extra);
    sandbox.sts(&args)
}

const IDENTITY: &str =
    "123456789012\tarn:aws:iam::123456789012:user/Alice\tAIDACKCEVSQ6C2EXAMPLE\n";

fn assert_answered(run: &Run, stderr: &str) {
    assert_eq!((run.code, run.stderr.as_str()), (0, stderr));
    assert_eq!(run.stdout_text(), IDENTITY);
}

#[test]
fn a_ca_bundle_from_the_flag_the_environment_or_the_profile_is_trusted() {
    let sandbox = Sandbox::new();
    let server = HttpsServer::start(sandbox.home());
    let run = caller_identity(&sandbox, &server.url(), &["--ca-bundle", server.ca()]);
    assert_answered(&run, "");

    let with_env = Sandbox::new().env("AWS_CA_BUNDLE", server.ca());
    assert_answered(&caller_identity(&with_env, &server.url(), &[]), "");

    let with_profile = Sandbox::new();
    let config = format!("[default]\nca_bundle = {}\n", server.ca());
    with_profile.write(".aws/config", &config);
    assert_answered(&caller_identity(&with_profile, &server.url(), &[]), "");
}

#[test]
fn without_a_bundle_only_mozillas_roots_are_trusted() {
    let sandbox = Sandbox::new().env("AWS_MAX_ATTEMPTS", "1");
    let server = HttpsServer::start(sandbox.home());
    let run = caller_identity(&sandbox, &server.url(), &[]);
    let expected = format!(
        "\nSSL validation failed for {}/ invalid peer certificate: UnknownIssuer\n",
        server.url()
    );
    assert_eq!((run.code, run.stderr.as_str()), (255, expected.as_str()));
    assert!(run.stdout.is_empty());
}

#[test]
fn no_verify_ssl_accepts_the_certificate_and_warns_once() {
    let sandbox = Sandbox::new();
    let server = HttpsServer::start(sandbox.home());
    let run = caller_identity(&sandbox, &server.url(), &["--no-verify-ssl"]);
    assert_answered(&run, WARNING);

    // Turning verification off wins over a bundle, which is then not even read.
    let run = caller_identity(
        &sandbox,
        &server.url(),
        &["--no-verify-ssl", "--ca-bundle", "/no/such/bundle.pem"],
    );
    assert_answered(&run, WARNING);
}

#[test]
fn an_unusable_ca_bundle_is_named() {
    let sandbox = Sandbox::new();
    let not_pem = sandbox.write("not-a-bundle.txt", "hello\n");
    let cases = [
        ("/no/such/bundle.pem", "No such file or directory"),
        (path(&not_pem), "no certificate found"),
    ];
    for (bundle, why) in cases {
        // Nothing listens there: the bundle is read before any connection.
        let run = caller_identity(&sandbox, "https://127.0.0.1:9", &["--ca-bundle", bundle]);
        assert_eq!(run.code, 255, "{}", run.stderr);
        let expected = format!("\nUnable to load the CA bundle {bundle}: {why}");
        assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
    }
}

#[test]
fn http_proxy_relays_plain_http_requests_with_its_credentials() {
    let server = FixtureServer::start();
    let proxy = Proxy::relaying();
    let sandbox = Sandbox::new().env("HTTP_PROXY", &proxy.url("user:s%40cret"));
    assert_answered(&caller_identity(&sandbox, &server.url(), &[]), "");
    let relayed = format!("POST {}/ HTTP/1.1\n{PROXY_CREDENTIALS}", server.url());
    assert_eq!(proxy.log(), [relayed]);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn https_proxy_tunnels_with_connect_whatever_the_trust_settings() {
    let sandbox = Sandbox::new();
    let server = HttpsServer::start(sandbox.home());
    let proxy = Proxy::relaying();
    let connect = format!("CONNECT 127.0.0.1:{} HTTP/1.1", server.port);

    let upper = Sandbox::new().env("HTTPS_PROXY", &proxy.url(""));
    let run = caller_identity(&upper, &server.url(), &["--ca-bundle", server.ca()]);
    assert_answered(&run, "");
    assert_eq!(proxy.log(), [connect.as_str()]);

    // Lower case, credentials, and no verification: still through the tunnel.
    let lower = Sandbox::new().env("https_proxy", &proxy.url("user:s%40cret"));
    let run = caller_identity(&lower, &server.url(), &["--no-verify-ssl"]);
    assert_answered(&run, WARNING);
    let with_credentials = format!("{connect}\n{PROXY_CREDENTIALS}");
    assert_eq!(proxy.log(), [connect, with_credentials]);
}

#[test]
fn no_proxy_bypasses_the_proxy() {
    let sandbox = Sandbox::new();
    let https = HttpsServer::start(sandbox.home());
    let http = FixtureServer::start();
    let proxy = Proxy::relaying();
    let sandbox = sandbox
        .env("HTTP_PROXY", &proxy.url(""))
        .env("HTTPS_PROXY", &proxy.url(""))
        .env("NO_PROXY", "localhost,127.0.0.1");
    assert_answered(&caller_identity(&sandbox, &http.url(), &[]), "");
    let run = caller_identity(&sandbox, &https.url(), &["--ca-bundle", https.ca()]);
    assert_answered(&run, "");
    assert_eq!(proxy.log(), Vec::<String>::new());
}

/// The `--debug` lines that say a CA bundle was read and parsed.
fn bundle_reads(run: &Run) -> usize {
    run.stderr
        .lines()
        .filter(|line| line.starts_with("sts: CA bundle ") && line.ends_with(" trusted"))
        .count()
}

#[test]
fn the_ca_bundle_is_read_once_per_run_and_never_for_plain_http() {
    // A role profile over HTTPS: AssumeRole, then the call itself, both through the one
    // transport, whose trust store is set up once.
    let fixture = FixtureServer::unexpiring();
    let sandbox = Sandbox::bare();
    let server = HttpsServer::in_front_of(sandbox.home(), &fixture);
    sandbox.write(
        ".aws/config",
        "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/demo\n\
         source_profile = work\nregion = eu-west-1\n",
    );
    sandbox.write(
        ".aws/credentials",
        "[work]\naws_access_key_id = AKIDWORKFILE000001\naws_secret_access_key = w\n",
    );
    let sandbox = sandbox
        .env("AWS_ENDPOINT_URL_STS", &server.url())
        .env("AWS_CA_BUNDLE", server.ca());
    let run = sandbox.sts(&["get-caller-identity", "--profile", "role", "--debug"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fixture.actions(), ["AssumeRole", "GetCallerIdentity"]);
    assert_eq!(bundle_reads(&run), 1, "{}", run.stderr);

    // Plain HTTP needs no trust store: the bundle is not read, and one that cannot be read
    // is no error there (as in the AWS CLI, which only loads it for https).
    let plain = FixtureServer::start();
    for bundle in [server.ca(), "/no/such/bundle.pem"] {
        let sandbox = Sandbox::new().env("AWS_CA_BUNDLE", bundle);
        let run = caller_identity(&sandbox, &plain.url(), &["--debug"]);
        assert_eq!(run.code, 0, "{bundle}: {}", run.stderr);
        assert_eq!(bundle_reads(&run), 0, "{bundle}: {}", run.stderr);
    }
}
