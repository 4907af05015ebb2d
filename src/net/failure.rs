//! Why a call failed, in the AWS CLI's words and exit codes: the service's error answer
//! (254), or the connection, timeout, TLS, proxy or credential problem that kept it from
//! being answered (255, 253 for missing credentials).

use super::recorder::Exchange;
use super::transport::{
    ConnectionClosed, TimedOut, TrustStoreUnavailable, is_ca_used_as_end_entity,
};
use crate::error::{Error, Kind, Presentation, error_chain, find};
use crate::model::Operation;
use crate::response;
use crate::settings::Settings;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_sts::error::SdkError;

/// A service's error answer in the AWS CLI's words (exit 254). Like botocore's standard retry
/// mode, any error on the last allowed attempt says that the retries ran out.
fn service_error(
    api_name: &str,
    status: u16,
    body: &[u8],
    attempts: u32,
    max_attempts: u32,
) -> Error {
    let error = match response::parse_error(status, body) {
        Ok(error) => error,
        Err(unparseable) => return unparseable,
    };
    let retry_note = if attempts >= max_attempts {
        format!(" (reached max retries: {})", attempts.saturating_sub(1))
    } else {
        String::new()
    };
    Error::new(
        Kind::Service,
        Presentation::Service(error.fields),
        format!(
            "An error occurred ({}) when calling the {api_name} operation{retry_note}: {}",
            error.code, error.message
        ),
    )
}

/// Why a call failed, before it is put into the AWS CLI's words.
pub enum Failure {
    /// The service answered (or answered with something unreadable): read the raw answer.
    Answered,
    Timeout,
    Connect {
        timeout: bool,
    },
    /// The connection was made, then closed or broken before a whole answer came.
    Closed,
    /// The proxy could not be reached or refused the tunnel: its message names it.
    Proxy(String),
    /// The TLS handshake failed, most often on a certificate the trust store does not accept.
    Tls(String),
    Credentials(String),
    Local(Error),
}

impl<E: std::error::Error + Send + Sync + 'static>
    From<SdkError<E, aws_smithy_runtime_api::http::Response>> for Failure
{
    fn from(err: SdkError<E, aws_smithy_runtime_api::http::Response>) -> Failure {
        // Also when a credential provider's own call needed the trust store.
        if let Some(unusable) = find::<TrustStoreUnavailable>(&err) {
            return Failure::Tls(unusable.to_string());
        }
        // A read that waited too long for a byte, in the headers or the body.
        if find_deep::<TimedOut>(&err).is_some_and(TimedOut::is_read) {
            return Failure::Timeout;
        }
        // A connection that broke in the answer's head, or in its body (which the SDK reads
        // after the head, and reports as an unreadable answer).
        if find_deep::<ConnectionClosed>(&err).is_some() || body_broke(&err) {
            return Failure::Closed;
        }
        match &err {
            SdkError::ServiceError(_) | SdkError::ResponseError(_) => Failure::Answered,
            SdkError::TimeoutError(_) => Failure::Timeout,
            SdkError::DispatchFailure(dispatch) => {
                if let Some(message) = credentials_problem(&err) {
                    Failure::Credentials(message)
                } else if dispatch.is_timeout() && error_chain(&err).contains("read timeout") {
                    // The connector reports both timeouts alike; only its wording tells them apart.
                    Failure::Timeout
                } else if let Some(message) = proxy_failure(&error_chain(&err)) {
                    Failure::Proxy(message)
                } else if let Some(tls) = find_deep::<rustls::Error>(&err) {
                    Failure::Tls(tls_reason(tls))
                } else if dispatch.is_io() && is_tls_failure(&error_chain(&err)) {
                    Failure::Tls(
                        error_chain(&err)
                            .rsplit(": ")
                            .next()
                            .unwrap_or("")
                            .to_string(),
                    )
                } else if dispatch.is_timeout() {
                    Failure::Connect { timeout: true }
                } else {
                    Failure::Connect { timeout: false }
                }
            }
            _ => match credentials_problem(&err) {
                Some(message) => Failure::Credentials(message),
                None => Failure::Local(Error::other(error_chain(&err))),
            },
        }
    }
}

/// A credentials error anywhere in the chain of causes, as the user should read it.
fn credentials_problem(err: &(dyn std::error::Error + 'static)) -> Option<String> {
    find::<CredentialsError>(err).map(|credentials| match credentials {
        CredentialsError::CredentialsNotLoaded(_) => String::new(),
        other => error_chain(other),
    })
}

/// botocore's `Failed to connect to proxy URL: "URL"`, which the transport puts in its error.
fn proxy_failure(chain: &str) -> Option<String> {
    let start = chain.find("Failed to connect to proxy URL: \"")?;
    let rest = &chain[start..];
    let url_start = rest.find('"')? + 1;
    let url_end = url_start + rest[url_start..].find('"')?;
    Some(rest[..=url_end].to_string())
}

fn is_tls_failure(chain: &str) -> bool {
    chain.contains("certificate") || chain.contains("tls handshake") || chain.contains("TLS")
}

/// Whether reading an answer's body failed on the connection (a reset, a close before the
/// length was reached, broken chunks), as hyper reports it.
pub fn body_broke(err: &(dyn std::error::Error + 'static)) -> bool {
    find_deep::<hyper::Error>(err).is_some()
}

/// An error of type `E` in the chain, also where an I/O error carries it (its `source()`
/// skips it): rustls's errors and the transport's timeouts travel so.
fn find_deep<'a, E: std::error::Error + 'static>(
    err: &'a (dyn std::error::Error + 'static),
) -> Option<&'a E> {
    std::iter::successors(Some(err), |e| e.source()).find_map(|e| {
        e.downcast_ref::<E>().or_else(|| {
            e.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<E>())
        })
    })
}

/// Why TLS failed, in the words of the AWS CLI (OpenSSL's reasons and Python's hostname check)
/// for the common certificate problems; rustls's words otherwise.
fn tls_reason(err: &rustls::Error) -> String {
    use rustls::CertificateError as Problem;
    let verify_failed = |reason: &str| {
        format!("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {reason}")
    };
    let rustls::Error::InvalidCertificate(problem) = err else {
        return err.to_string();
    };
    match problem {
        Problem::UnknownIssuer => verify_failed("unable to get local issuer certificate"),
        // An untrusted certificate that is its own issuer, as self-signed ones are.
        Problem::Other(other) if is_ca_used_as_end_entity(other) => {
            verify_failed("self-signed certificate")
        }
        Problem::Expired | Problem::ExpiredContext { .. } => {
            verify_failed("certificate has expired")
        }
        Problem::NotValidYet | Problem::NotValidYetContext { .. } => {
            verify_failed("certificate is not yet valid")
        }
        Problem::NotValidForNameContext {
            expected,
            presented,
        } => {
            let host = match expected {
                rustls::pki_types::ServerName::DnsName(name) => name.as_ref().to_string(),
                rustls::pki_types::ServerName::IpAddress(ip) => {
                    std::net::IpAddr::from(*ip).to_string()
                }
                other => format!("{other:?}"),
            };
            let names: Vec<String> = presented
                .iter()
                .map(|name| {
                    let name = name
                        .trim_start_matches("DnsName(\"")
                        .trim_start_matches("IpAddress(");
                    format!("'{}'", name.trim_end_matches(['"', ')']))
                })
                .collect();
            match names.as_slice() {
                [one] => format!("hostname '{host}' doesn't match {one}"),
                [] => format!("hostname '{host}' doesn't match any name of the certificate"),
                several => format!(
                    "hostname '{host}' doesn't match either of {}",
                    several.join(", ")
                ),
            }
        }
        other => format!("invalid peer certificate: {other:?}"),
    }
}

/// A failed call of `operation` in the AWS CLI's words, from what the recorder saw of it.
pub fn describe(
    failure: Failure,
    operation: &Operation,
    exchange: &Exchange,
    settings: &Settings,
) -> Error {
    let url = exchange.url.clone().unwrap_or_else(|| {
        format!(
            "{}/",
            settings
                .endpoint_url
                .as_deref()
                .unwrap_or_default()
                .trim_end_matches('/')
        )
    });
    match failure {
        Failure::Answered => answered_error(operation, exchange, settings),
        Failure::Timeout => Error::other(format!("Read timeout on endpoint URL: \"{url}\"")),
        Failure::Connect { timeout: true } => {
            Error::other(format!("Connect timeout on endpoint URL: \"{url}\""))
        }
        Failure::Tls(reason) => Error::other(format!("SSL validation failed for {url} {reason}")),
        Failure::Proxy(message) => Error::other(message),
        Failure::Closed => Error::other(format!(
            "Connection was closed before we received a valid response from endpoint URL: \"{url}\"."
        )),
        Failure::Connect { timeout: false } => {
            Error::other(format!("Could not connect to the endpoint URL: \"{url}\""))
        }
        Failure::Credentials(message) if message.is_empty() => {
            credentials_failure(&CredentialsError::not_loaded_no_source())
        }
        Failure::Credentials(message) => credentials_error(&message),
        Failure::Local(err) => err,
    }
}

/// The service answered: a readable error is the service's (254); a success the SDK could not
/// read is reported by our own parser's wording (255).
fn answered_error(operation: &Operation, exchange: &Exchange, settings: &Settings) -> Error {
    let status = exchange.status.unwrap_or(0);
    let body = exchange.body.as_deref().unwrap_or_default();
    if (200..300).contains(&status) {
        return match response::parse_output(operation, body, settings.timestamp_format) {
            Err(err) => err,
            Ok(_) => Error::other("The response could not be read."),
        };
    }
    service_error(
        operation.api_name,
        status,
        body,
        exchange.attempts,
        settings.max_attempts,
    )
}

/// Credentials that could not be had from the chain, in the AWS CLI's words: none at all
/// (253), or the source that failed and why (255).
pub fn credentials_failure(err: &CredentialsError) -> Error {
    match err {
        CredentialsError::CredentialsNotLoaded(_) => Error::coded_config(
            "NoCredentials",
            "Unable to locate credentials. You can configure credentials by running \"aws login\".",
        ),
        other => credentials_error(&error_chain(other)),
    }
}

/// A credential source that failed, in botocore's words where it has them: a
/// `credential_process` shows what the process wrote on stderr.
fn credentials_error(message: &str) -> Error {
    if message.contains("SSO token has expired") {
        return Error::other(
            "Error when retrieving token from sso: Token has expired and refresh failed",
        );
    }
    let from_process = message.contains("external process");
    let detail = match message.split_once("Stderr: ") {
        Some((_, stderr)) => stderr.to_string(),
        None => message
            .rsplit("credentials: ")
            .next()
            .unwrap_or(message)
            .to_string(),
    };
    if from_process {
        Error::other(format!(
            "Error when retrieving credentials from custom-process: {detail}"
        ))
    } else {
        Error::other(format!("Error when retrieving credentials: {detail}"))
    }
}
