//! A deterministic fake STS endpoint on 127.0.0.1: records requests, answers with canned XML.
//!
//! Std only: one thread accepts, one thread per connection speaks just enough HTTP/1.1 for
//! the Rust SDK (hyper) and for botocore (urllib3). Not every test uses every helper.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The normal answer for each action, as a real STS would send it (members deliberately
/// out of model order, so clients must not depend on element order).
macro_rules! canned {
    ($($action:literal),* $(,)?) => {
        [$(($action, include_str!(concat!("../fixtures/xml/", $action, ".xml")))),*]
    };
}
const CANNED: [(&str, &str); 11] = canned![
    "AssumeRole",
    "AssumeRoleWithSAML",
    "AssumeRoleWithWebIdentity",
    "AssumeRoot",
    "DecodeAuthorizationMessage",
    "GetAccessKeyInfo",
    "GetCallerIdentity",
    "GetDelegatedAccessToken",
    "GetFederationToken",
    "GetSessionToken",
    "GetWebIdentityToken",
];

/// Where `unexpiring` moves every expiry: the AWS CLI and the credential caches refuse or
/// replace credentials that have expired, as all the canned ones have.
pub const FAR_FUTURE: &str = "2099-01-01T00:00:00Z";

/// The canned answer of `action`, as the server sends it unless told otherwise.
pub fn canned(action: &str) -> &'static str {
    CANNED
        .iter()
        .find(|(name, _)| *name == action)
        .map(|(_, xml)| *xml)
        .unwrap_or_else(|| panic!("no canned answer for {action}"))
}

/// The canned answer of `action` with its credentials valid until FAR_FUTURE.
pub fn unexpiring(action: &str) -> String {
    let xml = canned(action);
    let Some(start) = xml.find("<Expiration>") else {
        return xml.to_string();
    };
    let start = start + "<Expiration>".len();
    let end = start + xml[start..].find('<').expect("a closed Expiration");
    format!("{}{FAR_FUTURE}{}", &xml[..start], &xml[end..])
}

/// Caps that keep a broken client from making the server allocate without bound.
const MAX_LINE: u64 = 64 * 1024;
const MAX_HEADERS: usize = 200;
const MAX_BODY: usize = 16 * 1024 * 1024;

/// A scripted answer; the next request (whatever its action) consumes the front of the queue.
#[derive(Clone, Debug)]
pub enum Reply {
    /// The normal canned answer for the request's action.
    Canned,
    /// A Query-protocol `<ErrorResponse>` with this status, code and message.
    Error {
        status: u16,
        code: String,
        message: String,
    },
    /// Exactly these bytes, for malformed XML, empty 500s, HTML from a proxy, ...
    Raw {
        status: u16,
        content_type: String,
        body: Vec<u8>,
    },
    /// Sleep on this connection's thread, then answer; other connections are unaffected.
    Delay(Duration, Box<Reply>),
}

impl Reply {
    pub fn error(status: u16, code: &str, message: &str) -> Reply {
        Reply::Error {
            status,
            code: code.to_string(),
            message: message.to_string(),
        }
    }

    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Raw {
            status,
            content_type: content_type.to_string(),
            body: body.into(),
        }
    }

    pub fn delay(by: Duration, then: Reply) -> Reply {
        Reply::Delay(by, Box::new(then))
    }
}

/// One request as the server received it.
#[derive(Clone, Debug, Default)]
pub struct RecordedRequest {
    pub method: String,
    /// The request target as sent, query string included.
    pub path: String,
    /// In received order, names as sent (look up with `header`, which ignores case).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Query-string then form-body parameters, decoded, in received order.
    pub params: Vec<(String, String)>,
    /// When its head had arrived.
    pub received: Option<SystemTime>,
}

impl RecordedRequest {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn action(&self) -> Option<&str> {
        self.param("Action")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        let found = self
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name));
        found.map(|(_, v)| v.as_str())
    }

    pub fn signing_access_key(&self) -> Option<String> {
        self.credential_scope().map(|scope| scope[0].clone())
    }

    pub fn signing_region(&self) -> Option<String> {
        self.credential_scope().map(|scope| scope[2].clone())
    }

    /// `Credential=AKID/DATE/REGION/SERVICE/aws4_request` from a SigV4 Authorization header.
    fn credential_scope(&self) -> Option<Vec<String>> {
        let auth = self
            .header("authorization")?
            .strip_prefix("AWS4-HMAC-SHA256")?;
        let start = auth.find("Credential=")? + "Credential=".len();
        let credential = auth[start..].split([',', ' ']).next()?;
        let scope: Vec<String> = credential.split('/').map(str::to_string).collect();
        (scope.len() == 5).then_some(scope)
    }
}

/// State shared by the test thread and the server threads.
#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<RecordedRequest>>,
    replies: Mutex<VecDeque<Reply>>,
    bodies: Mutex<HashMap<String, String>>,
    /// Actions whose every answer issues new credentials lasting this long.
    short_lived: Mutex<HashMap<String, Duration>>,
    /// The access keys issued so far for `short_lived`, with their expiry.
    issued: Mutex<Vec<(String, SystemTime)>>,
    /// Clones of open connections, so Drop can unblock threads parked in `read`.
    connections: Mutex<HashMap<usize, TcpStream>>,
    stopping: AtomicBool,
}

/// A running fixture server; dropping it closes the port and every open connection.
pub struct FixtureServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl FixtureServer {
    pub fn start() -> FixtureServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local_addr");
        let shared = Arc::new(Shared::default());
        let for_thread = Arc::clone(&shared);
        let acceptor = thread::spawn(move || accept_loop(listener, for_thread));
        FixtureServer {
            addr,
            shared,
            acceptor: Some(acceptor),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.requests).clone()
    }

    /// The action of each request so far, in order.
    pub fn actions(&self) -> Vec<String> {
        self.requests()
            .iter()
            .map(|r| r.action().unwrap_or_default().to_string())
            .collect()
    }

    pub fn push_reply(&self, reply: Reply) {
        lock(&self.shared.replies).push_back(reply);
    }

    /// A server whose credentials never expire (every operation that returns some).
    pub fn unexpiring() -> FixtureServer {
        let server = FixtureServer::start();
        for (action, _) in CANNED {
            server.set_body(action, &unexpiring(action));
        }
        server
    }

    /// From now on each answer of `action` issues new credentials (access keys
    /// `ASIASHORTLIVED000001`, `...02`, ...) that expire `lifetime` after they are issued, to
    /// the second.
    pub fn issue_short_lived(&self, action: &str, lifetime: Duration) {
        lock(&self.shared.short_lived).insert(action.to_string(), lifetime);
    }

    /// The access keys issued so far by `issue_short_lived`, in order, with their expiry.
    pub fn issued(&self) -> Vec<(String, SystemTime)> {
        lock(&self.shared.issued).clone()
    }

    /// Replace the canned body of `action` for the rest of this server's life.
    pub fn set_body(&self, action: &str, xml: &str) {
        lock(&self.shared.bodies).insert(action.to_string(), xml.to_string());
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // `accept` has no timeout, so wake it with a throwaway connection.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        // Connection threads are left to finish on their own: shutting the sockets down
        // makes their reads and writes fail at once (a delayed reply ends after its sleep).
        for (_, stream) in lock(&self.shared.connections).drain() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// A poisoned lock only means some other test thread panicked; the data is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for (id, stream) in listener.incoming().enumerate() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        if let Ok(clone) = stream.try_clone() {
            lock(&shared.connections).insert(id, clone);
        }
        let shared = Arc::clone(&shared);
        thread::spawn(move || {
            let _ = serve_connection(stream, &shared);
            lock(&shared.connections).remove(&id);
        });
    }
}

/// Answer requests on one connection until the client closes it or asks us to.
fn serve_connection(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let (reply, action, request_id, keep_alive) = match read_request(&mut reader, &mut writer) {
            Ok(Some((request, keep_alive))) => {
                let action = request.action().unwrap_or_default().to_string();
                // Pop under the requests lock: the nth request recorded took the nth reply.
                let mut requests = lock(&shared.requests);
                let reply = lock(&shared.replies).pop_front().unwrap_or(Reply::Canned);
                requests.push(request);
                (reply, action, request_id(requests.len()), keep_alive)
            }
            Ok(None) => return Ok(()),
            // Answer garbage like a server would, then hang up: the stream is out of sync.
            Err(err) if err.kind() == io::ErrorKind::InvalidData => {
                let reply = Reply::error(400, "MalformedHttpRequest", &err.to_string());
                (reply, String::new(), request_id(0), false)
            }
            Err(err) => return Err(err),
        };
        let answer = render(shared, &action, &request_id, reply);
        write_response(&mut writer, answer, &request_id, keep_alive)?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// Numbered by arrival, so a given sequence of requests always sees the same ids.
fn request_id(served: usize) -> String {
    format!("00000000-0000-4000-8000-{served:012}")
}

/// Status, content type and body of a response.
type Answer = (u16, String, Vec<u8>);

/// Turn a reply into (status, content type, body), sleeping first if it is delayed.
fn render(shared: &Shared, action: &str, request_id: &str, reply: Reply) -> Answer {
    let xml = |status: u16, body: String| (status, "text/xml".to_string(), body.into_bytes());
    match reply {
        Reply::Delay(by, then) => {
            thread::sleep(by);
            render(shared, action, request_id, *then)
        }
        Reply::Raw {
            status,
            content_type,
            body,
        } => (status, content_type, body),
        Reply::Error {
            status,
            code,
            message,
        } => {
            let kind = if status >= 500 { "Receiver" } else { "Sender" };
            xml(status, error_xml(kind, &code, &message, request_id))
        }
        Reply::Canned => {
            if let Some(lifetime) = lock(&shared.short_lived).get(action).copied() {
                return xml(200, short_lived(shared, action, lifetime));
            }
            let overridden = lock(&shared.bodies).get(action).cloned();
            let canned = CANNED.iter().find(|(name, _)| *name == action);
            match overridden.or(canned.map(|(_, body)| body.to_string())) {
                Some(body) => xml(200, body),
                None => {
                    let message =
                        format!("Could not find operation {action} for version 2011-06-15");
                    xml(
                        400,
                        error_xml("Sender", "InvalidAction", &message, request_id),
                    )
                }
            }
        }
    }
}

/// The canned answer of `action` with a new access key that expires `lifetime` from now.
fn short_lived(shared: &Shared, action: &str, lifetime: Duration) -> String {
    let mut issued = lock(&shared.issued);
    let key = format!("ASIASHORTLIVED{:06}", issued.len() + 1);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let expiry = UNIX_EPOCH + Duration::from_secs(now.as_secs() + lifetime.as_secs());
    let seconds = expiry
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    issued.push((key.clone(), expiry));
    let xml = canned(action);
    let start = xml.find("<Expiration>").expect("an Expiration") + "<Expiration>".len();
    let end = start + xml[start..].find('<').expect("a closed Expiration");
    let answer = format!(
        "{}{}{}",
        &xml[..start],
        super::utc(i64::try_from(seconds).unwrap_or(i64::MAX)),
        &xml[end..]
    );
    answer.replace("ASIAIOSFODNN7EXAMPLE", &key)
}

fn error_xml(kind: &str, code: &str, message: &str, request_id: &str) -> String {
    format!(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    \
         <Type>{kind}</Type>\n    <Code>{}</Code>\n    <Message>{}</Message>\n  </Error>\n  \
         <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
        escape(code),
        escape(message)
    )
}

fn write_response(
    out: &mut TcpStream,
    (status, content_type, body): Answer,
    request_id: &str,
    keep_alive: bool,
) -> io::Result<()> {
    // Keep the header consistent with the body's own RequestId when it has one.
    let text = String::from_utf8_lossy(&body);
    let request_id = between(&text, "<RequestId>", "</RequestId>").unwrap_or(request_id);
    let connection = if keep_alive { "keep-alive" } else { "close" };
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         x-amzn-RequestId: {request_id}\r\nConnection: {connection}\r\n\r\n",
        reason(status),
        body.len()
    );
    // One write per response: clients never see a half-written head.
    out.write_all(&[head.as_bytes(), &body].concat())?;
    out.flush()
}

/// Read one request; `Ok(None)` means the client closed the connection between requests.
/// Malformed input is `InvalidData`, which the caller turns into a 400.
fn read_request(
    reader: &mut BufReader<TcpStream>,
    writer: &mut TcpStream,
) -> io::Result<Option<(RecordedRequest, bool)>> {
    let mut line = read_line(reader)?;
    // Tolerate stray blank lines between requests (RFC 9112 section 2.2).
    while line.as_deref() == Some("") {
        line = read_line(reader)?;
    }
    let Some(line) = line else { return Ok(None) };
    let mut parts = line.split(' ');
    let (Some(method), Some(path), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid("bad request line"));
    };
    let mut request = RecordedRequest {
        method: method.to_string(),
        path: path.to_string(),
        ..Default::default()
    };
    loop {
        let line = read_line(reader)?.ok_or_else(|| invalid("eof in headers"))?;
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').ok_or_else(|| invalid("bad header"))?;
        request
            .headers
            .push((name.trim().to_string(), value.trim().to_string()));
        if request.headers.len() > MAX_HEADERS {
            return Err(invalid("too many headers"));
        }
    }
    request.received = Some(SystemTime::now());
    let has = |name: &str, token: &str| {
        request
            .header(name)
            .is_some_and(|v| v.to_ascii_lowercase().contains(token))
    };
    // HTTP/1.1 connections persist unless closed; HTTP/1.0 ones only when asked to.
    let keep_alive = if version == "HTTP/1.0" {
        has("connection", "keep-alive")
    } else {
        !has("connection", "close")
    };
    if has("expect", "100-continue") {
        writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
    }
    request.body = if has("transfer-encoding", "chunked") {
        read_chunked(reader)?
    } else {
        let length = request.header("content-length").unwrap_or("0");
        let length: usize = length.parse().map_err(|_| invalid("bad content-length"))?;
        read_exact(reader, length)?
    };
    let query = path.split_once('?').map_or("", |(_, query)| query);
    request.params = decode_form(query);
    request
        .params
        .extend(decode_form(&String::from_utf8_lossy(&request.body)));
    Ok(Some((request, keep_alive)))
}

/// A line without its CRLF (or bare LF); `None` at end of stream.
fn read_line(reader: &mut BufReader<TcpStream>) -> io::Result<Option<String>> {
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(MAX_LINE)
        .read_until(b'\n', &mut bytes)?;
    if bytes.is_empty() {
        return Ok(None);
    }
    if bytes.pop() != Some(b'\n') {
        return Err(invalid("line too long or truncated"));
    }
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

fn read_exact(reader: &mut BufReader<TcpStream>, length: usize) -> io::Result<Vec<u8>> {
    if length > MAX_BODY {
        return Err(invalid("body too large"));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(body)
}

fn read_chunked(reader: &mut BufReader<TcpStream>) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line = read_line(reader)?.ok_or_else(|| invalid("eof in chunk size"))?;
        let size = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size, 16).map_err(|_| invalid("bad chunk size"))?;
        if size == 0 {
            break;
        }
        if size > MAX_BODY - body.len() {
            return Err(invalid("body too large"));
        }
        body.extend(read_exact(reader, size)?);
        if read_line(reader)?.as_deref() != Some("") {
            return Err(invalid("chunk longer than its size"));
        }
    }
    // Trailers, if any, end with a blank line; their content is of no interest.
    while read_line(reader)?.is_some_and(|line| !line.is_empty()) {}
    Ok(body)
}

/// application/x-www-form-urlencoded: `&`-separated pairs, `+` is a space, `%XX` a byte.
fn decode_form(text: &str) -> Vec<(String, String)> {
    let pairs = text.split('&').filter(|pair| !pair.is_empty());
    pairs
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let digit = |at: usize| bytes.get(at).and_then(|&b| (b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], digit(i + 1), digit(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 2;
            }
            (b'+', ..) => out.push(b' '),
            // A stray `%` stays literal, like most servers do.
            (byte, ..) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
}

fn invalid(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.to_string())
}

/// Clients ignore the reason phrase, but a readable one helps when debugging with curl.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
