//! `sts exec --server`: the credentials served on 127.0.0.1 by the container credentials
//! protocol (what ECS gives a task; every AWS SDK and the AWS CLI read it), refreshed before
//! they expire, for as long as the command runs.
//!
//! The command is told `AWS_CONTAINER_CREDENTIALS_FULL_URI` and
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN`; a request must carry the token (a fresh random one per
//! run, compared in constant time) and come from loopback, or it gets 403 and nothing else.

use super::Source;
use crate::error::{Error, Result};
use crate::log;
use aws_credential_types::Credentials;
use aws_smithy_types::date_time::{DateTime, Format};
use hyper::body::Incoming;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::rc::Rc;
use std::time::{Duration, SystemTime};
use subtle::ConstantTimeEq;
use tokio::net::TcpListener;
use tokio::sync::Mutex;
use tokio::task::JoinHandle;

/// Credentials are renewed this long before they end (the AWS CLI's own margin), or at half
/// their life when that is shorter.
const RENEW_BEFORE: Duration = Duration::from_secs(15 * 60);
/// The expiry given for credentials that have none (a `credential_process` may say none):
/// the protocol needs one, and the command asks again when it passes.
const UNDATED_FOR: Duration = Duration::from_secs(3600);

/// The server, running until `stop`.
pub struct Served {
    pub url: String,
    pub token: String,
    state: Rc<State>,
    accepting: JoinHandle<()>,
}

impl Served {
    pub fn source(&self) -> &Source {
        &self.state.source
    }

    /// Stop accepting; the port closes.
    pub fn stop(self) {
        self.accepting.abort();
    }
}

struct State {
    source: Source,
    token: String,
    current: Mutex<Current>,
}

struct Current {
    credentials: Credentials,
    obtained: SystemTime,
}

impl Current {
    fn new(credentials: Credentials) -> Current {
        Current {
            credentials,
            obtained: SystemTime::now(),
        }
    }

    /// Whether they are within `RENEW_BEFORE` (or half their life) of their end.
    fn due(&self, now: SystemTime) -> bool {
        let Some(expiry) = self.credentials.expiry() else {
            return false;
        };
        let life = expiry.duration_since(self.obtained).unwrap_or_default();
        let left = expiry.duration_since(now).unwrap_or_default();
        left < RENEW_BEFORE.min(life / 2)
    }

    fn expired(&self, now: SystemTime) -> bool {
        self.credentials
            .expiry()
            .is_some_and(|expiry| expiry <= now)
    }
}

/// Listen on a free port of 127.0.0.1 and serve `credentials`, renewed from `source`. Must run
/// inside a `LocalSet` (the connections are tasks of this thread).
pub async fn start(source: Source, credentials: Credentials) -> Result<Served> {
    let cannot = |err: std::io::Error| {
        Error::other(format!("Cannot serve the credentials on 127.0.0.1: {err}"))
    };
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .map_err(cannot)?;
    let port = listener.local_addr().map_err(cannot)?.port();
    let token = new_token()?;
    let state = Rc::new(State {
        source,
        token: token.clone(),
        current: Mutex::new(Current::new(credentials)),
    });
    let accepting = tokio::task::spawn_local(accept(listener, Rc::clone(&state)));
    log::debug!("exec: serving credentials on 127.0.0.1:{port}");
    Ok(Served {
        url: format!("http://127.0.0.1:{port}/"),
        token,
        state,
        accepting,
    })
}

/// 32 bytes from the operating system's generator, in hex.
fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|err| Error::other(format!("Cannot draw a random token: {err}")))?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

async fn accept(listener: TcpListener, state: Rc<State>) {
    loop {
        let Ok((stream, peer)) = listener.accept().await else {
            continue;
        };
        // Bound to 127.0.0.1, so only this machine can connect; checked all the same.
        if !peer.ip().is_loopback() {
            continue;
        }
        let state = Rc::clone(&state);
        let service = service_fn(move |request| answer(Rc::clone(&state), request, peer));
        tokio::task::spawn_local(async move {
            let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            if let Err(err) = connection.await {
                log::debug!("exec: connection from {peer}: {err}");
            }
        });
    }
}

async fn answer(
    state: Rc<State>,
    request: Request<Incoming>,
    peer: SocketAddr,
) -> std::result::Result<Response<String>, Infallible> {
    let authorized = request
        .headers()
        .get(AUTHORIZATION)
        .is_some_and(|given| bool::from(given.as_bytes().ct_eq(state.token.as_bytes())));
    let (status, body) = if !authorized {
        (StatusCode::FORBIDDEN, String::new())
    } else if request.method() != Method::GET {
        (StatusCode::METHOD_NOT_ALLOWED, String::new())
    } else {
        match state.fresh().await {
            Ok(credentials) => (StatusCode::OK, document(&credentials)),
            Err(err) => {
                let message = serde_json::json!({"message": err.message.trim()});
                (StatusCode::INTERNAL_SERVER_ERROR, message.to_string())
            }
        }
    };
    log::debug!(
        "exec: {} {} from {peer}: {}",
        request.method(),
        request.uri().path(),
        status.as_u16()
    );
    let mut response = Response::new(body);
    *response.status_mut() = status;
    if status != StatusCode::FORBIDDEN {
        response.headers_mut().insert(
            CONTENT_TYPE,
            hyper::header::HeaderValue::from_static("application/json"),
        );
    }
    Ok(response)
}

impl State {
    /// The current credentials, renewed first when they are due. A failed renewal keeps
    /// serving the old ones while they last.
    async fn fresh(&self) -> Result<Credentials> {
        let mut current = self.current.lock().await;
        let now = SystemTime::now();
        if current.due(now) {
            match self.source.credentials().await {
                Ok(renewed) => {
                    *current = Current::new(renewed);
                    log::debug!(
                        "exec: credentials renewed, until {}",
                        expiration(&current.credentials)
                    );
                }
                Err(err) if !current.expired(now) => {
                    log::warning!("cannot renew the credentials yet: {}", err.message.trim());
                }
                Err(err) => return Err(err),
            }
        }
        Ok(current.credentials.clone())
    }
}

/// The answer of the container credentials protocol.
fn document(credentials: &Credentials) -> String {
    let mut fields = serde_json::Map::new();
    fields.insert("AccessKeyId".into(), credentials.access_key_id().into());
    fields.insert(
        "SecretAccessKey".into(),
        credentials.secret_access_key().into(),
    );
    if let Some(token) = credentials.session_token() {
        fields.insert("Token".into(), token.into());
    }
    fields.insert("Expiration".into(), expiration(credentials).into());
    serde_json::Value::Object(fields).to_string()
}

/// RFC 3339, in UTC.
fn expiration(credentials: &Credentials) -> String {
    let expiry = credentials
        .expiry()
        .unwrap_or_else(|| SystemTime::now() + UNDATED_FOR);
    DateTime::from(expiry)
        .fmt(Format::DateTime)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lasting(life: Duration, obtained_ago: Duration) -> Current {
        let obtained = SystemTime::now() - obtained_ago;
        let credentials = Credentials::new("AKID", "secret", None, Some(obtained + life), "test");
        Current {
            credentials,
            obtained,
        }
    }

    #[test]
    fn renewed_a_quarter_hour_before_the_end_or_at_half_life() {
        let now = SystemTime::now();
        let hour = Duration::from_secs(3600);
        assert!(!lasting(hour, Duration::from_secs(44 * 60)).due(now));
        assert!(lasting(hour, Duration::from_secs(46 * 60)).due(now));
        let short = Duration::from_secs(10);
        assert!(!lasting(short, Duration::from_secs(4)).due(now));
        assert!(lasting(short, Duration::from_secs(6)).due(now));
    }

    #[test]
    fn tokens_are_fresh_and_long() {
        let (first, second) = (new_token().ok(), new_token().ok());
        assert_eq!(first.as_ref().map(String::len), Some(64));
        assert_ne!(first, second);
    }
}
