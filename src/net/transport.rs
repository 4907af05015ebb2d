//! The HTTP client every request of a run goes through (the operation and the credential
//! providers' calls alike): TLS with rustls and ring, trust as the AWS CLI chooses it, proxies
//! from the environment, and the connect and read timeouts.
//!
//! The SDK's own client cannot turn certificate checks off and, once given TLS settings, drops
//! proxies; so this module opens connections itself and lets hyper speak HTTP/1.1 over them.
//! The trust store is set up at the first https connection, once: plain HTTP never reads a CA
//! bundle.

use crate::config::env_var;
use crate::error::find;
use crate::log;
use crate::python;
use crate::settings::Settings;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use http::Uri;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector as TcpConnector};
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{WebPkiServerVerifier, verify_server_name};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex, Once, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsConnector;
use tower_service::Service;

/// The one client of a run, for `settings`.
pub fn http_client(settings: &Settings) -> SharedHttpClient {
    SharedHttpClient::new(Transport {
        trust: Arc::new(Trust::of(settings)),
        proxies: Arc::new(proxies_from_env()),
        connectors: Mutex::default(),
    })
}

/// One GET outside the SDK (the console's federation endpoint), through the same dialing,
/// trust, proxies and timeouts as the SDK's calls: the status and the body, or why not.
pub async fn get(settings: &Settings, url: &str) -> std::result::Result<(u16, Vec<u8>), String> {
    use http_body_util::BodyExt;
    let uri: Uri = url.parse().map_err(|err| format!("{err}"))?;
    let dialer = Dialer::new(
        Arc::new(Trust::of(settings)),
        Arc::new(proxies_from_env()),
        (settings.connect_timeout, settings.read_timeout),
    );
    let client: Client<Dialer, SdkBody> = Client::builder(TokioExecutor::new()).build(dialer);
    let request = http::Request::get(uri)
        .body(SdkBody::empty())
        .map_err(|err| err.to_string())?;
    let response = client
        .request(request)
        .await
        .map_err(|err| crate::error::error_chain(&err))?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|err| err.to_string())?
        .to_bytes();
    Ok((status, body.to_vec()))
}

/// Whom TLS trusts, worked out at the first https connection and kept for the others.
#[derive(Debug)]
struct Trust {
    verify: bool,
    bundle: Option<PathBuf>,
    config: OnceLock<std::result::Result<Arc<ClientConfig>, TrustStoreUnavailable>>,
}

impl Trust {
    /// As `settings` ask, not yet worked out.
    fn of(settings: &Settings) -> Trust {
        Trust {
            verify: settings.verify_tls,
            bundle: settings.ca_bundle.clone(),
            config: OnceLock::new(),
        }
    }

    fn tls(&self) -> std::result::Result<TlsConnector, TrustStoreUnavailable> {
        let config = self
            .config
            .get_or_init(|| tls_config(self.verify, self.bundle.as_deref()).map(Arc::new));
        config.clone().map(TlsConnector::from)
    }
}

/// The trust store could not be set up (most often an unreadable CA bundle): no https request
/// can be sent, so the call fails at once, without retries, in these words.
#[derive(Debug, Clone)]
pub struct TrustStoreUnavailable(String);

impl std::fmt::Display for TrustStoreUnavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TrustStoreUnavailable {}

/// ring only: aws-lc's entropy seeding costs ~23 ms at every start.
fn tls_config(
    verify: bool,
    bundle: Option<&Path>,
) -> std::result::Result<ClientConfig, TrustStoreUnavailable> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(|err| TrustStoreUnavailable(format!("Unable to set up TLS: {err}")))?;
    let config = match (verify, bundle) {
        // As in the AWS CLI, turning verification off wins over any CA bundle.
        (false, _) => {
            let verifier = AnyCertificate(provider.signature_verification_algorithms);
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
        }
        (true, None) => builder.with_root_certificates(RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        }),
        (true, Some(path)) => {
            let trusted = bundle_certificates(path)?;
            let mut roots = RootCertStore::empty();
            roots.add_parsable_certificates(trusted.iter().cloned());
            let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .map_err(|err| TrustStoreUnavailable(err.to_string()))?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(TrustedAsIs { webpki, trusted }))
        }
    };
    Ok(config.with_no_client_auth())
}

/// The certificates of a CA bundle, which replaces the default roots, as in botocore. The
/// default is Mozilla's list, the one botocore ships through certifi, compiled in: reading
/// the system's store costs ~3.5 ms. The errors are worded as Python's ssl module words them.
fn bundle_certificates(
    path: &Path,
) -> std::result::Result<Vec<CertificateDer<'static>>, TrustStoreUnavailable> {
    let pem = std::fs::read(path).map_err(|err| {
        let reason = match err.raw_os_error() {
            Some(code) => format!("[Errno {code}] {}", python::strerror(&err)),
            None => err.to_string(),
        };
        TrustStoreUnavailable(reason)
    })?;
    let certificates: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
        .filter_map(std::result::Result::ok)
        .collect();
    log::debug!(
        "CA bundle {}: {} certificates trusted",
        path.display(),
        certificates.len()
    );
    if certificates.is_empty() {
        return Err(TrustStoreUnavailable(
            "[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found".to_string(),
        ));
    }
    Ok(certificates)
}

/// Whether webpki refused a certificate for being a CA's (as a self-signed one often is).
pub fn is_ca_used_as_end_entity(other: &rustls::OtherError) -> bool {
    matches!(
        other.0.downcast_ref::<webpki::Error>(),
        Some(webpki::Error::CaUsedAsEndEntity)
    )
}

/// webpki's verification, and one case more that OpenSSL (and so the AWS CLI) accepts: a
/// server certificate that is itself one of the bundle's certificates, even one marked as a
/// CA, as `openssl req -x509` makes them for local endpoints. Nothing else is looser: webpki
/// checks the validity period before it objects to a CA (rustls-webpki 0.103's order, which
/// a test holds), the name is checked here, and the handshake signature as always.
#[derive(Debug)]
struct TrustedAsIs {
    webpki: Arc<WebPkiServerVerifier>,
    trusted: Vec<CertificateDer<'static>>,
}

impl ServerCertVerifier for TrustedAsIs {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let verified =
            self.webpki
                .verify_server_cert(end_entity, intermediates, server_name, ocsp, now);
        let Err(rustls::Error::InvalidCertificate(CertificateError::Other(other))) = &verified
        else {
            return verified;
        };
        if !is_ca_used_as_end_entity(other)
            || !self
                .trusted
                .iter()
                .any(|t| t.as_ref() == end_entity.as_ref())
        {
            return verified;
        }
        let parsed = ParsedCertificate::try_from(end_entity)?;
        verify_server_name(&parsed, server_name)?;
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

/// `--no-verify-ssl`: any certificate is accepted, but the handshake signatures are still
/// checked, so the peer must at least hold the key of the certificate it sent.
#[derive(Debug)]
struct AnyCertificate(WebPkiSupportedAlgorithms);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        // Said once, when a certificate first goes unchecked, as urllib3's
        // InsecureRequestWarning is in the AWS CLI (in our own words).
        static WARNING: Once = Once::new();
        WARNING.call_once(|| {
            log::warning!(
                "certificate verification is off (--no-verify-ssl): the connection is not secure"
            );
        });
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}

/// Proxies as botocore finds them through Python's urllib: the lower-case variable wins,
/// ALL_PROXY is not read, and a CGI script (REQUEST_METHOD set) ignores HTTP_PROXY, which a
/// client's `Proxy:` header could otherwise set.
fn proxies_from_env() -> Matcher {
    let either = |lower: &str, upper: &str| env_var(lower).or_else(|| env_var(upper));
    let http = match std::env::var_os("REQUEST_METHOD") {
        Some(_) => env_var("http_proxy"),
        None => either("http_proxy", "HTTP_PROXY"),
    };
    let mut builder = Matcher::builder();
    if let Some(url) = http {
        builder = builder.http(url);
    }
    if let Some(url) = either("https_proxy", "HTTPS_PROXY") {
        builder = builder.https(url);
    }
    if let Some(hosts) = either("no_proxy", "NO_PROXY") {
        builder = builder.no(hosts);
    }
    builder.build()
}

/// The SDK asks for a connector per attempt; one per pair of timeouts keeps the connection
/// pool across retries.
#[derive(Debug)]
struct Transport {
    trust: Arc<Trust>,
    proxies: Arc<Matcher>,
    connectors: Mutex<Vec<(Timeouts, SharedHttpConnector)>>,
}

/// Connect and read timeouts; `None` is no limit.
type Timeouts = (Option<Duration>, Option<Duration>);

impl HttpClient for Transport {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        let timeouts = (settings.connect_timeout(), settings.read_timeout());
        // A poisoned lock only means another thread panicked; the list is still usable.
        let mut connectors = self.connectors.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, connector)) = connectors.iter().find(|(t, _)| *t == timeouts) {
            return connector.clone();
        }
        let dialer = Dialer::new(Arc::clone(&self.trust), Arc::clone(&self.proxies), timeouts);
        let connector = SharedHttpConnector::new(Connector {
            client: Client::builder(TokioExecutor::new()).build(dialer),
            proxies: Arc::clone(&self.proxies),
        });
        connectors.push((timeouts, connector.clone()));
        connector
    }
}

/// Sends one request with hyper and turns its failures into the SDK's error kinds.
#[derive(Debug)]
struct Connector {
    client: Client<Dialer, SdkBody>,
    proxies: Arc<Matcher>,
}

impl HttpConnector for Connector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let mut request = match request.try_into_http1x() {
            Ok(request) => request,
            Err(err) => return HttpConnectorFuture::ready(Err(ConnectorError::user(err.into()))),
        };
        // A plain-HTTP request goes to the proxy whole, so the proxy's credentials go with it
        // (an https one gives them in its CONNECT instead).
        if request.uri().scheme() == Some(&http::uri::Scheme::HTTP)
            && let Some(auth) = self
                .proxies
                .intercept(request.uri())
                .and_then(|proxy| proxy.basic_auth().cloned())
        {
            request
                .headers_mut()
                .insert(http::header::PROXY_AUTHORIZATION, auth);
        }
        let response = self.client.request(request);
        HttpConnectorFuture::new(async move {
            // The read timeout is the connection's (see `Conn`): no byte for that long, in the
            // headers or the body, as a socket timeout is in the AWS CLI.
            match response.await {
                Ok(response) => HttpResponse::try_from(response.map(SdkBody::from_body_1_x))
                    .map_err(|err| ConnectorError::other(err.into(), None)),
                Err(err) => Err(classify(err)),
            }
        })
    }
}

/// The SDK retries timeouts and I/O errors; `failure` words them for the user.
fn classify(err: hyper_util::client::legacy::Error) -> ConnectorError {
    if find::<TrustStoreUnavailable>(&err).is_some() {
        return ConnectorError::user(err.into());
    }
    if find::<TimedOut>(&err).is_some() {
        return ConnectorError::timeout(err.into());
    }
    if err.is_connect() {
        return ConnectorError::io(err.into());
    }
    // The connection was made, then closed, reset or spoken garbage on before an answer
    // came: retried, as urllib3 and botocore retry it.
    ConnectorError::io(Box::new(ConnectionClosed(err.into())))
}

/// The server closed or broke the connection (or sent what is not HTTP) before a whole
/// answer came, in the answer's head or its body.
#[derive(Debug)]
pub struct ConnectionClosed(pub BoxError);

impl std::fmt::Display for ConnectionClosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "connection closed before a whole answer came: {}",
            self.0
        )
    }
}

impl std::error::Error for ConnectionClosed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.0.as_ref())
    }
}

/// A timeout, in the SDK client's words: client.rs tells a read timeout by "read timeout".
#[derive(Debug)]
pub struct TimedOut {
    what: &'static str,
    after: Duration,
}

impl TimedOut {
    fn connect(after: Duration) -> TimedOut {
        TimedOut {
            what: "connect",
            after,
        }
    }

    fn read(after: Duration) -> TimedOut {
        TimedOut {
            what: "read",
            after,
        }
    }

    pub fn is_read(&self) -> bool {
        self.what == "read"
    }
}

impl std::fmt::Display for TimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "HTTP {} timeout occurred after {:?}",
            self.what, self.after
        )
    }
}

impl std::error::Error for TimedOut {}

/// The proxy could not be reached or refused the tunnel, in botocore's words (its
/// ProxyConnectionError); the URL is shown without the credentials it may hold.
#[derive(Debug)]
struct ProxyFailed {
    proxy: String,
    source: BoxError,
}

impl ProxyFailed {
    fn new(proxy: &Uri, source: BoxError) -> ProxyFailed {
        let scheme = proxy.scheme_str().unwrap_or("http");
        let host = proxy.authority().map_or("", |a| a.as_str());
        let proxy = format!("{scheme}://{host}");
        ProxyFailed { proxy, source }
    }
}

impl std::fmt::Display for ProxyFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Failed to connect to proxy URL: \"{}\"", self.proxy)
    }
}

impl std::error::Error for ProxyFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.source.as_ref())
    }
}

/// Opens connections for hyper: straight to the host or through the proxy the environment
/// names for it, then TLS for https. The connect timeout covers all of it, handshakes included.
#[derive(Clone)]
struct Dialer {
    tcp: TcpConnector,
    trust: Arc<Trust>,
    /// `None` when dialing the proxy itself.
    proxies: Option<Arc<Matcher>>,
    connect_timeout: Option<Duration>,
    /// How long a read may wait for the next byte.
    read_timeout: Option<Duration>,
}

impl Dialer {
    fn new(trust: Arc<Trust>, proxies: Arc<Matcher>, timeouts: Timeouts) -> Dialer {
        let mut tcp = TcpConnector::new();
        // Dialer gets URLs of any scheme and adds TLS itself.
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        Dialer {
            tcp,
            trust,
            proxies: Some(proxies),
            connect_timeout: timeouts.0,
            read_timeout: timeouts.1,
        }
    }
}

impl Service<Uri> for Dialer {
    type Response = Conn;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = std::result::Result<Conn, BoxError>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<std::result::Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let dialer = self.clone();
        Box::pin(async move {
            match dialer.connect_timeout {
                Some(limit) => tokio::time::timeout(limit, dialer.connect(dst))
                    .await
                    .map_err(|_| TimedOut::connect(limit))?,
                None => dialer.connect(dst).await,
            }
        })
    }
}

impl Dialer {
    async fn connect(&self, dst: Uri) -> std::result::Result<Conn, BoxError> {
        let proxy = self.proxies.as_ref().and_then(|p| p.intercept(&dst));
        let Some(proxy) = proxy else {
            return self
                .open(&dst)
                .await
                .map(|stream| Conn::new(stream, false, self.read_timeout));
        };
        let failed = |err| BoxError::from(ProxyFailed::new(proxy.uri(), err));
        if dst.scheme() != Some(&http::uri::Scheme::HTTPS) {
            // hyper then sends the whole URL to the proxy (absolute form).
            let stream = self.open(proxy.uri()).await.map_err(failed)?;
            return Ok(Conn::new(stream, true, self.read_timeout));
        }
        // https: a CONNECT tunnel through the proxy, then TLS with the host inside it.
        let to_proxy = Dialer {
            proxies: None,
            connect_timeout: None,
            ..self.clone()
        };
        let mut tunnel = Tunnel::new(proxy.uri().clone(), to_proxy);
        if let Some(auth) = proxy.basic_auth() {
            tunnel = tunnel.with_auth(auth.clone());
        }
        let tunneled = tunnel
            .call(dst.clone())
            .await
            .map_err(|e| failed(e.into()))?;
        let tunneled = tunneled.stream.into_inner();
        self.handshake(tunneled, &dst)
            .await
            .map(|stream| Conn::new(stream, false, self.read_timeout))
    }

    /// A connection to `uri`'s host and port, with TLS when its scheme is https.
    async fn open(&self, uri: &Uri) -> std::result::Result<Stream, BoxError> {
        let tls = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            // A socks5:// proxy, say, which botocore does not support either.
            _ => return Err(format!("unsupported URL scheme: {uri}").into()),
        };
        let tcp: Stream = Box::new(self.tcp.clone().call(uri.clone()).await?.into_inner());
        match tls {
            true => self.handshake(tcp, uri).await,
            false => Ok(tcp),
        }
    }

    async fn handshake(&self, io: Stream, uri: &Uri) -> std::result::Result<Stream, BoxError> {
        let host = uri.host().ok_or("no host in URL")?;
        // An IPv6 address comes bracketed in a URL, bare in a certificate.
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let name = ServerName::try_from(host.to_string())?;
        Ok(Box::new(self.trust.tls()?.connect(name, io).await?))
    }
}

/// A byte stream: TCP, or TLS over TCP or over a proxy's tunnel.
trait Io: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> Io for T {}
type Stream = Box<dyn Io>;

/// A connection as hyper needs it: its I/O traits, whether it goes to a forward proxy, and
/// the read timeout: a read that waits longer than that for a byte fails, whenever it is
/// (the answer's status line, its headers, any part of its body), as a socket timeout does.
struct Conn {
    stream: TokioIo<Stream>,
    through_proxy: bool,
    read_timeout: Option<Duration>,
    /// Armed while a read waits; reset by every byte.
    idle: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Conn {
    fn new(stream: Stream, through_proxy: bool, read_timeout: Option<Duration>) -> Conn {
        Conn {
            stream: TokioIo::new(stream),
            through_proxy,
            read_timeout,
            idle: None,
        }
    }
}

impl Connection for Conn {
    fn connected(&self) -> Connected {
        Connected::new().proxy(self.through_proxy)
    }
}

impl Read for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Pending => {
                let Some(limit) = this.read_timeout else {
                    return Poll::Pending;
                };
                let idle = this
                    .idle
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
                match idle.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        this.idle = None;
                        let timed_out = TimedOut::read(limit);
                        Poll::Ready(Err(std::io::Error::new(
                            std::io::ErrorKind::TimedOut,
                            timed_out,
                        )))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
            ready => {
                this.idle = None;
                ready
            }
        }
    }
}

impl Write for Conn {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mozillas_roots_are_the_default() {
        assert!(webpki_roots::TLS_SERVER_ROOTS.len() > 100);
        assert!(tls_config(true, None).is_ok());
    }

    #[test]
    fn error_texts_client_rs_relies_on() {
        let read = TimedOut::read(Duration::from_secs(2)).to_string();
        assert_eq!(read, "HTTP read timeout occurred after 2s");
        let connect = TimedOut::connect(Duration::from_secs(2)).to_string();
        assert!(!connect.contains("read timeout"), "{connect}");
        let proxy = "http://127.0.0.1:3128/".parse::<Uri>().expect("URL");
        let failed = ProxyFailed::new(&proxy, "refused".into()).to_string();
        assert_eq!(
            failed,
            "Failed to connect to proxy URL: \"http://127.0.0.1:3128\""
        );
    }

    #[test]
    fn proxy_credentials_are_not_shown() {
        let matcher = Matcher::builder()
            .http("http://user:secret@127.0.0.1:3128")
            .build();
        let dst = "http://example.com/".parse::<Uri>().expect("URL");
        let proxy = matcher.intercept(&dst).expect("proxied");
        let failed = ProxyFailed::new(proxy.uri(), "refused".into()).to_string();
        assert_eq!(
            failed,
            "Failed to connect to proxy URL: \"http://127.0.0.1:3128\""
        );
    }
}
