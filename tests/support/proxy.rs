//! One forward proxy on 127.0.0.1 for the tests that need one: it records what it is asked
//! to reach, and relays only to loopback servers the tests started, or refuses.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A forward proxy on 127.0.0.1 that logs each request line (with its Proxy-Authorization,
/// if any). Relaying, CONNECT opens a tunnel and any other request goes to the host in its
/// URL; refusing, every request gets 403 and nothing leaves the machine.
pub struct Proxy {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
    open: Arc<Mutex<Vec<TcpStream>>>,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl Proxy {
    pub fn relaying() -> Proxy {
        Proxy::start(true)
    }

    /// For requests that must not reach their host (an AWS endpoint chosen by the settings).
    pub fn refusing() -> Proxy {
        Proxy::start(false)
    }

    fn start(relays: bool) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let open = Arc::new(Mutex::new(Vec::new()));
        let stopping = Arc::new(AtomicBool::new(false));
        let (log2, open2, stopping2) = (log.clone(), open.clone(), stopping.clone());
        let acceptor = thread::spawn(move || {
            for client in listener.incoming() {
                if stopping2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                if let Ok(clone) = client.try_clone() {
                    open2.lock().expect("open").push(clone);
                }
                let (log, open) = (log2.clone(), open2.clone());
                thread::spawn(move || serve(client, relays, &log, &open));
            }
        });
        Proxy {
            addr,
            log,
            open,
            stopping,
            acceptor: Some(acceptor),
        }
    }

    /// The proxy URL, with `credentials` (`user:password`) in it if given.
    pub fn url(&self, credentials: &str) -> String {
        match credentials {
            "" => format!("http://{}", self.addr),
            _ => format!("http://{credentials}@{}", self.addr),
        }
    }

    /// Each request so far: its request line, and `\nProxy-Authorization: ...` if it had one.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().expect("log").clone()
    }

    pub fn clear_log(&self) {
        self.log.lock().expect("log").clear();
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // `accept` has no timeout, so wake it with a throwaway connection.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        // Relay threads end once their sockets are shut down.
        for stream in self.open.lock().expect("open").drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

fn serve(client: TcpStream, relays: bool, log: &Mutex<Vec<String>>, open: &Mutex<Vec<TcpStream>>) {
    let _ = client.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(reader) = client.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reader);
    let mut head = String::new();
    while reader.read_line(&mut head).is_ok_and(|n| n > 0) && !head.ends_with("\r\n\r\n") {}
    let request_line = head.lines().next().unwrap_or_default().to_string();
    // Header names are case-insensitive (hyper sends them in lower case).
    let auth = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        let credentials = name.eq_ignore_ascii_case("proxy-authorization");
        credentials.then(|| format!("\nProxy-Authorization:{value}"))
    });
    let entry = format!("{request_line}{}", auth.unwrap_or_default());
    log.lock().expect("log").push(entry);
    if !relays {
        let _ = (&client).write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        return;
    }

    let mut parts = request_line.split(' ');
    let (method, target) = (parts.next().unwrap_or_default(), parts.next());
    let host = match method {
        "CONNECT" => target,
        _ => target
            .and_then(|t| t.strip_prefix("http://"))
            .and_then(|t| t.split('/').next()),
    };
    // Never anywhere but this machine, whatever a test gets wrong.
    let host = host.filter(|h| h.starts_with("127.0.0.1:") || h.starts_with("localhost:"));
    let Some(Ok(mut upstream)) = host.map(TcpStream::connect) else {
        let _ = (&client).write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
        return;
    };
    let greeting = match method {
        "CONNECT" => (&client).write_all(b"HTTP/1.1 200 Connection established\r\n\r\n"),
        // The fixture server takes the absolute URL as the request target as it is.
        _ => upstream.write_all(head.as_bytes()),
    };
    let (Ok(()), Ok(down), Ok(up_clone)) = (greeting, upstream.try_clone(), upstream.try_clone())
    else {
        return;
    };
    open.lock().expect("open").push(up_clone);
    let mut client_writer = client;
    let downstream = thread::spawn(move || {
        let mut down = down;
        let _ = std::io::copy(&mut down, &mut client_writer);
        let _ = client_writer.shutdown(Shutdown::Both);
    });
    // Bytes the client sent after its head are already in the reader's buffer.
    let _ = std::io::copy(&mut reader, &mut upstream);
    let _ = upstream.shutdown(Shutdown::Write);
    let _ = downstream.join();
}
