//! A fault-injecting STS endpoint on 127.0.0.1: every connection it gets meets one chosen
//! fault (a slow, stalled, reset, truncated, malformed, redirected or huge answer), and it
//! counts the connections and requests it saw, so a test can tell how often a client tried.
//!
//! Std only, raw sockets: one thread accepts, one thread per connection. Dropping the server
//! closes the port and every open connection and joins every thread it started.
#![allow(dead_code)]

use super::fixture::canned;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// What the server does to every request (or, for `NeverAccept`, every connection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// A valid 200 answer, head and body, written in `DRIP_TICKS` pieces (some 45 bytes each)
    /// `DRIP_EVERY` apart: each gap is far below a 2 s read timeout, the whole answer (3 s)
    /// is not, so per-read and whole-answer timeouts part ways here.
    SlowDrip,
    /// Status line and headers (with a Content-Length), then silence until the client leaves.
    StallAfterHeaders,
    /// Headers and half the body, then silence.
    StallMidBody,
    /// The request is read, then the connection is reset (RST, no byte of answer).
    ResetBeforeAnswer,
    /// Headers and half the body, then a reset.
    ResetMidAnswer,
    /// The request is read, then the connection is closed cleanly (FIN) without a byte.
    CloseBeforeAnswer,
    /// `HTTP/1.1 2OO OK`: a status code that is not a number.
    BadStatusCode,
    /// `garbage` where the status line should be, then the end of the head.
    NotHttp,
    /// A Content-Length 100 bytes past the end of the body, then a clean close.
    LongContentLength,
    /// A Content-Length of half the body, and the whole body sent (the rest trails on the
    /// connection, where the next answer should start).
    ShortContentLength,
    /// `Transfer-Encoding: chunked` with a chunk size that is not hexadecimal.
    BadChunked,
    /// The normal answer compressed, with `Content-Encoding: gzip`.
    Gzip,
    /// 302 Found to `/redirected` on the same server, which answers normally.
    Redirect302,
    /// 307 Temporary Redirect to `/redirected` on the same server, which answers normally.
    Redirect307,
    /// 400 with a plain-text body `Bad Request`.
    PlainText400,
    /// 500 with a plain-text body `Internal Server Error`.
    PlainText500,
    /// 502 with an HTML page, as a load balancer in front of a dead backend sends it.
    Html502,
    /// 200 whose body is an `<ErrorResponse>` document.
    ErrorIn200,
    /// A valid 200 answer of `HUGE_BYTES`, padded with whitespace, streamed.
    Huge,
    /// A listener that never accepts: connects land in its backlog and hear nothing.
    NeverAccept,
}

impl Fault {
    pub const ALL: [Fault; 20] = [
        Fault::SlowDrip,
        Fault::StallAfterHeaders,
        Fault::StallMidBody,
        Fault::ResetBeforeAnswer,
        Fault::ResetMidAnswer,
        Fault::CloseBeforeAnswer,
        Fault::BadStatusCode,
        Fault::NotHttp,
        Fault::LongContentLength,
        Fault::ShortContentLength,
        Fault::BadChunked,
        Fault::Gzip,
        Fault::Redirect302,
        Fault::Redirect307,
        Fault::PlainText400,
        Fault::PlainText500,
        Fault::Html502,
        Fault::ErrorIn200,
        Fault::Huge,
        Fault::NeverAccept,
    ];

    /// A short name for tables and failure messages.
    pub fn name(self) -> &'static str {
        match self {
            Fault::SlowDrip => "slow-drip",
            Fault::StallAfterHeaders => "stall-after-headers",
            Fault::StallMidBody => "stall-mid-body",
            Fault::ResetBeforeAnswer => "reset-before-answer",
            Fault::ResetMidAnswer => "reset-mid-answer",
            Fault::CloseBeforeAnswer => "close-before-answer",
            Fault::BadStatusCode => "status-2OO",
            Fault::NotHttp => "status-garbage",
            Fault::LongContentLength => "content-length-long",
            Fault::ShortContentLength => "content-length-short",
            Fault::BadChunked => "bad-chunked",
            Fault::Gzip => "gzip",
            Fault::Redirect302 => "redirect-302",
            Fault::Redirect307 => "redirect-307",
            Fault::PlainText400 => "text-400",
            Fault::PlainText500 => "text-500",
            Fault::Html502 => "html-502",
            Fault::ErrorIn200 => "error-in-200",
            Fault::Huge => "huge-50mb",
            Fault::NeverAccept => "never-accept",
        }
    }
}

/// The pace of `SlowDrip`: the answer in `DRIP_TICKS` writes `DRIP_EVERY` apart (about 3 s).
pub const DRIP_EVERY: Duration = Duration::from_millis(200);
pub const DRIP_TICKS: usize = 15;
/// How long `ResetMidAnswer` lets the partial answer reach the client before the reset.
const BEFORE_RESET: Duration = Duration::from_millis(200);
/// The size of the `Huge` answer.
pub const HUGE_BYTES: usize = 50 * 1024 * 1024;
/// Where a redirect points.
pub const REDIRECTED: &str = "/redirected";

/// Caps that keep a broken client from making the server allocate without bound.
const MAX_LINE: u64 = 64 * 1024;
const MAX_HEADERS: usize = 200;
const MAX_BODY: usize = 1024 * 1024;

/// The body of every normal answer.
fn identity() -> &'static [u8] {
    canned("GetCallerIdentity").as_bytes()
}

/// State shared by the test thread and the server's threads.
struct Shared {
    fault: Fault,
    addr: SocketAddr,
    connections: AtomicUsize,
    /// The request line of each request read, in arrival order.
    requests: Mutex<Vec<String>>,
    /// Clones of open connections, so Drop can unblock threads parked in `read` or `write`.
    open: Mutex<HashMap<usize, TcpStream>>,
    workers: Mutex<Vec<JoinHandle<()>>>,
    stopping: AtomicBool,
}

/// A running fault server; dropping it closes the port and every open connection.
pub struct FaultServer {
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
    /// `NeverAccept` only: the listener nobody accepts from, and the connections taken out
    /// of its backlog to be counted (held open, so their clients still hear nothing).
    backlog: Option<Mutex<(TcpListener, Vec<TcpStream>)>>,
}

impl FaultServer {
    pub fn start(fault: Fault) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local_addr");
        let shared = Arc::new(Shared {
            fault,
            addr,
            connections: AtomicUsize::new(0),
            requests: Mutex::new(Vec::new()),
            open: Mutex::new(HashMap::new()),
            workers: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
        });
        if fault == Fault::NeverAccept {
            return FaultServer {
                shared,
                acceptor: None,
                backlog: Some(Mutex::new((listener, Vec::new()))),
            };
        }
        let for_thread = Arc::clone(&shared);
        let acceptor = thread::spawn(move || accept_loop(listener, for_thread));
        FaultServer {
            shared,
            acceptor: Some(acceptor),
            backlog: None,
        }
    }

    pub fn fault(&self) -> Fault {
        self.shared.fault
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    /// Connections made so far. For `NeverAccept`, those waiting in the backlog are taken
    /// out to be counted (the kernel keeps them there even after their client has gone).
    pub fn connections(&self) -> usize {
        if let Some(backlog) = &self.backlog {
            let mut guard = lock(backlog);
            let (listener, held) = &mut *guard;
            if listener.set_nonblocking(true).is_ok() {
                while let Ok((stream, _)) = listener.accept() {
                    held.push(stream);
                }
            }
            return held.len();
        }
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// The request line of each request read so far.
    pub fn requests(&self) -> Vec<String> {
        lock(&self.shared.requests).clone()
    }

    /// How many times a client tried: requests, or connections where none can be read.
    pub fn attempts(&self) -> usize {
        match self.shared.fault {
            Fault::NeverAccept => self.connections(),
            _ => self.requests().len(),
        }
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            // `accept` has no timeout, so wake it with a throwaway connection.
            let _ = TcpStream::connect_timeout(&self.shared.addr, Duration::from_secs(1));
            let _ = acceptor.join();
        }
        // Shut every connection down: parked reads return at once and writes fail, so each
        // worker ends within one `DRIP_EVERY` at most.
        for (_, stream) in lock(&self.shared.open).drain() {
            let _ = stream.shutdown(Shutdown::Both);
        }
        let workers: Vec<JoinHandle<()>> = lock(&self.shared.workers).drain(..).collect();
        for worker in workers {
            let _ = worker.join();
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
        shared.connections.fetch_add(1, Ordering::SeqCst);
        if let Ok(clone) = stream.try_clone() {
            lock(&shared.open).insert(id, clone);
        }
        let for_worker = Arc::clone(&shared);
        let worker = thread::spawn(move || {
            let _ = serve(stream, &for_worker);
            // The last descriptor of the socket: closing it sends the FIN (or the RST).
            lock(&for_worker.open).remove(&id);
        });
        lock(&shared.workers).push(worker);
    }
}

/// What happens to a connection once an answer (or part of one) is written.
enum Then {
    /// Read the next request on it.
    KeepAlive,
    /// Close it cleanly (FIN).
    Close,
    /// Say nothing more until the client hangs up or the server is dropped.
    Hold,
    /// Reset it (RST).
    Reset,
}

/// One request: its line and target; headers and body are read and dropped.
struct Request {
    line: String,
    path: String,
}

fn serve(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let Some(request) = read_request(&mut reader)? else {
            return Ok(());
        };
        lock(&shared.requests).push(request.line.clone());
        match answer(shared, &request, &mut out)? {
            Then::KeepAlive => continue,
            Then::Close => return out.shutdown(Shutdown::Write),
            Then::Hold => {
                // Reading returns when the client closes or Drop shuts the socket down.
                let mut sink = [0u8; 4096];
                while matches!(reader.read(&mut sink), Ok(n) if n > 0) {}
                return Ok(());
            }
            Then::Reset => return reset(&out),
        }
    }
}

/// Write the fault's answer to one request.
fn answer(shared: &Shared, request: &Request, out: &mut TcpStream) -> io::Result<Then> {
    let body = identity();
    let ok = |length: usize| head("200 OK", "text/xml", length, "");
    match shared.fault {
        Fault::SlowDrip => {
            let whole = [ok(body.len()).as_bytes(), body].concat();
            for piece in whole.chunks(whole.len().div_ceil(DRIP_TICKS)) {
                out.write_all(piece)?;
                out.flush()?;
                thread::sleep(DRIP_EVERY);
            }
            Ok(Then::KeepAlive)
        }
        Fault::StallAfterHeaders => {
            out.write_all(ok(body.len()).as_bytes())?;
            Ok(Then::Hold)
        }
        Fault::StallMidBody => {
            send(out, &ok(body.len()), &body[..body.len() / 2])?;
            Ok(Then::Hold)
        }
        Fault::ResetBeforeAnswer => Ok(Then::Reset),
        Fault::ResetMidAnswer => {
            send(out, &ok(body.len()), &body[..body.len() / 2])?;
            thread::sleep(BEFORE_RESET);
            Ok(Then::Reset)
        }
        Fault::CloseBeforeAnswer => Ok(Then::Close),
        Fault::BadStatusCode => {
            let normal = ok(body.len());
            let garbled = normal.replacen("200 OK", "2OO OK", 1);
            send(out, &garbled, body)?;
            Ok(Then::Close)
        }
        Fault::NotHttp => {
            out.write_all(b"garbage\r\n\r\n")?;
            Ok(Then::Close)
        }
        Fault::LongContentLength => {
            send(out, &ok(body.len() + 100), body)?;
            Ok(Then::Close)
        }
        Fault::ShortContentLength => {
            send(out, &ok(body.len() / 2), body)?;
            Ok(Then::KeepAlive)
        }
        Fault::BadChunked => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\
                 x-amzn-RequestId: {REQUEST_ID}\r\n\r\n"
            );
            let chunk = [b"zz\r\n", body, b"\r\n0\r\n\r\n"].concat();
            send(out, &head, &chunk)?;
            Ok(Then::Close)
        }
        Fault::Gzip => {
            let compressed = gzip(body);
            let head = head(
                "200 OK",
                "text/xml",
                compressed.len(),
                "Content-Encoding: gzip\r\n",
            );
            send(out, &head, &compressed)?;
            Ok(Then::KeepAlive)
        }
        Fault::Redirect302 | Fault::Redirect307 => {
            if request.path.starts_with(REDIRECTED) {
                send(out, &ok(body.len()), body)?;
            } else {
                let status = match shared.fault {
                    Fault::Redirect302 => "302 Found",
                    _ => "307 Temporary Redirect",
                };
                let location = format!("Location: http://{}{REDIRECTED}\r\n", shared.addr);
                out.write_all(head(status, "text/plain", 0, &location).as_bytes())?;
            }
            Ok(Then::KeepAlive)
        }
        Fault::PlainText400 => plain(out, "400 Bad Request", "text/plain", b"Bad Request"),
        Fault::PlainText500 => plain(
            out,
            "500 Internal Server Error",
            "text/plain",
            b"Internal Server Error",
        ),
        Fault::Html502 => plain(
            out,
            "502 Bad Gateway",
            "text/html",
            b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
              <center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
        ),
        Fault::ErrorIn200 => plain(out, "200 OK", "text/xml", ERROR_DOCUMENT.as_bytes()),
        Fault::Huge => {
            huge(out)?;
            Ok(Then::KeepAlive)
        }
        // Never reached: nobody accepts its connections.
        Fault::NeverAccept => Ok(Then::Hold),
    }
}

const REQUEST_ID: &str = "01234567-89ab-cdef-0123-456789abcdef";

const ERROR_DOCUMENT: &str = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  \
    <Error>\n    <Type>Receiver</Type>\n    <Code>InternalFailure</Code>\n    \
    <Message>An internal error occurred</Message>\n  </Error>\n  \
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>\n</ErrorResponse>\n";

fn head(status: &str, content_type: &str, length: usize, extra: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n\
         x-amzn-RequestId: {REQUEST_ID}\r\n{extra}\r\n"
    )
}

/// Head and body in one write, so that a client never sees the two apart by accident.
fn send(out: &mut TcpStream, head: &str, body: &[u8]) -> io::Result<()> {
    out.write_all(&[head.as_bytes(), body].concat())?;
    out.flush()
}

fn plain(out: &mut TcpStream, status: &str, content_type: &str, body: &[u8]) -> io::Result<Then> {
    send(out, &head(status, content_type, body.len(), ""), body)?;
    Ok(Then::KeepAlive)
}

/// The normal answer with whitespace after its root's start tag up to `HUGE_BYTES`, written
/// in slices of one small buffer (the 50 MB never exist in memory).
fn huge(out: &mut TcpStream) -> io::Result<()> {
    let body = identity();
    let split = body
        .iter()
        .position(|&b| b == b'\n')
        .map_or(body.len(), |at| at + 1);
    let (start, end) = body.split_at(split);
    let padding = HUGE_BYTES.saturating_sub(body.len());
    out.write_all(head("200 OK", "text/xml", HUGE_BYTES.max(body.len()), "").as_bytes())?;
    out.write_all(start)?;
    let spaces = [b' '; 64 * 1024];
    let mut left = padding;
    while left > 0 {
        let n = left.min(spaces.len());
        out.write_all(&spaces[..n])?;
        left -= n;
    }
    out.write_all(end)?;
    out.flush()
}

/// Read one request; `Ok(None)` when the client closed the connection between requests.
fn read_request(reader: &mut BufReader<TcpStream>) -> io::Result<Option<Request>> {
    let Some(line) = read_line(reader)? else {
        return Ok(None);
    };
    let path = line.split(' ').nth(1).unwrap_or_default().to_string();
    let mut length = 0usize;
    for _ in 0..MAX_HEADERS {
        let header = read_line(reader)?.ok_or_else(|| invalid("eof in headers"))?;
        if header.is_empty() {
            let mut body = vec![0; length.min(MAX_BODY)];
            reader.read_exact(&mut body)?;
            return Ok(Some(Request { line, path }));
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value
                .trim()
                .parse()
                .map_err(|_| invalid("bad content-length"))?;
        }
    }
    Err(invalid("too many headers"))
}

/// A line without its CRLF; `None` at end of stream.
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

fn invalid(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.to_string())
}

/// Make the coming close a reset: SO_LINGER on, with a zero timeout, drops the connection
/// with an RST instead of a FIN. Std has no stable setter (`tcp_linger` is unstable).
#[cfg(unix)]
fn reset(stream: &TcpStream) -> io::Result<()> {
    use std::ffi::{c_int, c_void};
    use std::os::fd::AsRawFd;
    #[cfg(target_os = "linux")]
    const LEVEL_AND_NAME: (c_int, c_int) = (1, 13); // SOL_SOCKET, SO_LINGER
    #[cfg(not(target_os = "linux"))]
    const LEVEL_AND_NAME: (c_int, c_int) = (0xffff, 0x80); // the BSDs' and macOS's values
    #[repr(C)]
    struct Linger {
        l_onoff: c_int,
        l_linger: c_int,
    }
    unsafe extern "C" {
        fn setsockopt(
            fd: c_int,
            level: c_int,
            name: c_int,
            value: *const c_void,
            length: u32,
        ) -> c_int;
    }
    let linger = Linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: a valid descriptor (the stream is borrowed) and a pointer to a live `Linger`
    // with its exact size, as setsockopt(2) takes them.
    let status = unsafe {
        setsockopt(
            stream.as_raw_fd(),
            LEVEL_AND_NAME.0,
            LEVEL_AND_NAME.1,
            (&raw const linger).cast(),
            std::mem::size_of::<Linger>() as u32,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Elsewhere a plain close (FIN): no reset without the socket option.
#[cfg(not(unix))]
fn reset(_stream: &TcpStream) -> io::Result<()> {
    Ok(())
}

/// `data` as a gzip member of stored (uncompressed) deflate blocks: valid gzip for any
/// decoder, without a compressor in the tests.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    // ID1 ID2, CM = deflate, no flags, no mtime, no extra flags, OS unknown.
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    let blocks: Vec<&[u8]> = if data.is_empty() {
        vec![&[]]
    } else {
        data.chunks(usize::from(u16::MAX)).collect()
    };
    for (i, block) in blocks.iter().enumerate() {
        // BFINAL on the last block, BTYPE 00 (stored), then LEN and its complement.
        out.push(u8::from(i + 1 == blocks.len()));
        let length = u16::try_from(block.len()).unwrap_or(u16::MAX);
        out.extend(length.to_le_bytes());
        out.extend((!length).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend(crc32(data).to_le_bytes());
    // ISIZE: the length modulo 2^32, as RFC 1952 defines it.
    out.extend((data.len() as u32).to_le_bytes());
    out
}

/// CRC-32 (IEEE 802.3, reflected), bit by bit: the bodies here are small.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
