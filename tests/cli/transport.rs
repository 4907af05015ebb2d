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
        HttpsServer::answering(dir, &body_file())
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
        openssl(
            &EC_KEY,
            &["-keyout", path(&ca_key), "-out", path(&ca)],
            "CA",
        );
        let issuer = ["-CA", path(&ca), "-CAkey", path(&ca_key)];
        let leaf_args = ["-keyout", path(&leaf_key), "-out", path(&leaf)];
        let extensions = [
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
        ];
        openssl(
            &EC_KEY,
            &[&issuer[..], &leaf_args, &extensions].concat(),
            "127.0.0.1",
        );
        HttpsServer::serving(&leaf, &leaf_key, ca, answer)
    }

    /// A server whose certificate is self-signed for 127.0.0.1 and, as `openssl req -x509`
    /// makes it by default, marked as a CA (CA:TRUE); `ca()` is that certificate itself.
    fn self_signed(dir: &Path) -> HttpsServer {
        let cert = dir.join("self.pem");
        let key = dir.join("self.key");
        let args = ["-keyout", path(&key), "-out", path(&cert)];
        let extensions = ["-addext", "subjectAltName=IP:127.0.0.1"];
        openssl(&EC_KEY, &[&args[..], &extensions].concat(), "127.0.0.1");
        HttpsServer::serving(&cert, &key, cert.clone(), &body_file())
    }

    /// The same, but valid only on 1 and 2 January 2020.
    fn self_signed_expired(dir: &Path) -> HttpsServer {
        let ca_dir = dir.join("expired-ca");
        std::fs::create_dir_all(&ca_dir).expect("a CA directory");
        std::fs::write(ca_dir.join("index.txt"), "").expect("index");
        std::fs::write(ca_dir.join("serial"), "01\n").expect("serial");
        std::fs::write(
            ca_dir.join("ca.cnf"),
            "[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n\
             default_md = sha256\npolicy = p\ncopy_extensions = copy\n[p]\ncommonName = supplied\n",
        )
        .expect("config");
        let run = |args: &[&str]| {
            let status = Command::new("openssl")
                .args(args)
                .current_dir(&ca_dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("run openssl");
            assert!(status.success(), "openssl {args:?}");
        };
        run(&[
            &[
                "req", "-new", "-nodes", "-keyout", "key.pem", "-out", "csr.pem",
            ][..],
            &EC_KEY,
            &[
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
            ],
            &["-addext", "basicConstraints=critical,CA:TRUE"],
        ]
        .concat());
        run(&[
            "ca",
            "-batch",
            "-config",
            "ca.cnf",
            "-selfsign",
            "-keyfile",
            "key.pem",
            "-in",
            "csr.pem",
            "-out",
            "cert.pem",
            "-notext",
            "-startdate",
            "20200101000000Z",
            "-enddate",
            "20200102000000Z",
        ]);
        let cert = ca_dir.join("cert.pem");
        HttpsServer::serving(&cert, &ca_dir.join("key.pem"), cert.clone(), &body_file())
    }

    fn serving(cert: &Path, key: &Path, ca: PathBuf, answer: &str) -> HttpsServer {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut child = Command::new("python3")
            .arg(format!("{root}/tests/support/https_server.py"))
            .args([path(cert), path(key), answer])
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

/// A new P-256 key, for `openssl req`.
const EC_KEY: [&str; 4] = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];

/// The answer the HTTPS servers give unless they relay to the fixture.
fn body_file() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/xml/GetCallerIdentity.xml"
    )
    .to_string()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temporary path")
}

/// `openssl req -x509`: a new key and a certificate for `name`, valid for a day.
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
        "\nsts: [ERROR]: SSL validation failed for {}/ [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate\n",
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
fn an_unusable_ca_bundle_is_named_as_the_aws_cli_names_it() {
    let sandbox = Sandbox::new().env("AWS_MAX_ATTEMPTS", "1");
    let server = HttpsServer::start(sandbox.home());
    let not_pem = sandbox.write("not-a-bundle.txt", "hello\n");
    let cases = [
        ("/no/such/bundle.pem", "[Errno 2] No such file or directory"),
        (
            path(&not_pem),
            "[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found",
        ),
    ];
    for (bundle, why) in cases {
        let run = caller_identity(&sandbox, &server.url(), &["--ca-bundle", bundle]);
        let expected = format!(
            "\nsts: [ERROR]: SSL validation failed for {}/ {why}\n",
            server.url()
        );
        assert_eq!((run.code, run.stderr), (255, expected), "{bundle}");
        // As in v2, the bundle is read when the connection is made: with nothing listening
        // that is what fails.
        let run = caller_identity(&sandbox, "https://127.0.0.1:9", &["--ca-bundle", bundle]);
        let refused =
            "\nsts: [ERROR]: Could not connect to the endpoint URL: \"https://127.0.0.1:9/\"\n";
        assert_eq!((run.code, run.stderr.as_str()), (255, refused), "{bundle}");
    }
}

#[test]
fn a_self_signed_ca_certificate_is_trusted_when_it_is_the_bundle() {
    let sandbox = Sandbox::new().env("AWS_MAX_ATTEMPTS", "1");
    let server = HttpsServer::self_signed(sandbox.home());
    let refused = |reason: &str| {
        format!(
            "\nsts: [ERROR]: SSL validation failed for {}/ {reason}\n",
            server.url()
        )
    };
    // Accepted with --ca-bundle (OpenSSL and so the AWS CLI accept it), as AWS_CA_BUNDLE too.
    let run = caller_identity(&sandbox, &server.url(), &["--ca-bundle", server.ca()]);
    assert_answered(&run, "");
    let with_variable = Sandbox::new().env("AWS_CA_BUNDLE", server.ca());
    assert_answered(&caller_identity(&with_variable, &server.url(), &[]), "");
    // Refused without it.
    let run = caller_identity(&sandbox, &server.url(), &[]);
    let untrusted = refused(
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate",
    );
    assert_eq!((run.code, run.stderr), (255, untrusted));
    // Refused for another host name.
    let other_name = server.url().replace("127.0.0.1", "localhost");
    let run = caller_identity(&sandbox, &other_name, &["--ca-bundle", server.ca()]);
    let expected = format!(
        "\nsts: [ERROR]: SSL validation failed for {other_name}/ hostname 'localhost' doesn't match '127.0.0.1'\n"
    );
    assert_eq!((run.code, run.stderr), (255, expected));
    // Refused once expired, bundle or not.
    let expired = HttpsServer::self_signed_expired(sandbox.home());
    let run = caller_identity(&sandbox, &expired.url(), &["--ca-bundle", expired.ca()]);
    let expected = format!(
        "\nsts: [ERROR]: SSL validation failed for {}/ [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired\n",
        expired.url()
    );
    assert_eq!((run.code, run.stderr), (255, expected));
}

#[test]
fn http_proxy_relays_plain_http_requests_with_its_credentials() {
    let server = FixtureServer::start();
    let proxy = Proxy::relaying();
    let sandbox = Sandbox::new()
        .unset("NO_PROXY")
        .env("HTTP_PROXY", &proxy.url("user:s%40cret"));
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

    let upper = Sandbox::new()
        .unset("NO_PROXY")
        .env("HTTPS_PROXY", &proxy.url(""));
    let run = caller_identity(&upper, &server.url(), &["--ca-bundle", server.ca()]);
    assert_answered(&run, "");
    assert_eq!(proxy.log(), [connect.as_str()]);

    // Lower case, credentials, and no verification: still through the tunnel.
    let lower = Sandbox::new()
        .unset("NO_PROXY")
        .env("https_proxy", &proxy.url("user:s%40cret"));
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
