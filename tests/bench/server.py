#!/usr/bin/env python3
# Benchmark stand-in for STS: answers every POST on 127.0.0.1 with a canned GetCallerIdentity,
# or an AssumeRole whose credentials never expire (so that a role profile's cache stays warm).
#
# Usage: server.py [--cert CERT --key KEY]
# Binds a free port on 127.0.0.1, prints the port on stdout (one line), serves until SIGTERM.
# Stdlib only. It is built to add as little and as steady a cost as possible to each request,
# because every contender in the benchmark pays it: the smaller it is, the harder the
# sts/curl ratios are to meet.

import argparse
import http.server
import signal
import socket
import ssl
import sys

BODY = (
    b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
    b"<GetCallerIdentityResult>"
    b"<Arn>arn:aws:iam::123456789012:user/bench</Arn>"
    b"<UserId>AIDAEXAMPLE</UserId>"
    b"<Account>123456789012</Account>"
    b"</GetCallerIdentityResult>"
    b"<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
    b"</GetCallerIdentityResponse>"
)

ASSUMED = (
    b'<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
    b"<AssumeRoleResult><Credentials>"
    b"<AccessKeyId>ASIABENCHEXAMPLE</AccessKeyId>"
    b"<SecretAccessKey>benchRoleSecretExample000000000000000000</SecretAccessKey>"
    b"<SessionToken>benchRoleToken</SessionToken>"
    b"<Expiration>2099-01-01T00:00:00Z</Expiration>"
    b"</Credentials><AssumedRoleUser>"
    b"<Arn>arn:aws:sts::123456789012:assumed-role/bench/bench</Arn>"
    b"<AssumedRoleId>AROAEXAMPLE:bench</AssumedRoleId>"
    b"</AssumedRoleUser></AssumeRoleResult>"
    b"<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
    b"</AssumeRoleResponse>"
)


def response(body):
    """The whole answer, prebuilt so that it goes out in one write (see do_POST)."""
    return (
        b"HTTP/1.1 200 OK\r\n"
        b"Content-Type: text/xml\r\n"
        b"x-amzn-RequestId: r\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n"
        b"\r\n" + body
    )


RESPONSE = response(BODY)
ASSUMED_RESPONSE = response(ASSUMED)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real STS does
    # Without TCP_NODELAY, a response written in pieces can meet the peer's delayed ACK
    # and stall for ~40 ms; the single write below avoids it too, this is belt and braces.
    disable_nagle_algorithm = True

    def setup(self):
        # The listening socket is wrapped without handshaking on accept (which would run
        # in the accepting thread and serialise connections): handshake here, per thread.
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()
        super().setup()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        form = self.rfile.read(length) if length else b""
        self.wfile.write(ASSUMED_RESPONSE if b"Action=AssumeRole&" in form else RESPONSE)

    def do_GET(self):
        self.do_POST()

    def log_message(self, *args):
        pass  # no per-request logging: it would cost time and fill the terminal


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True  # connections left open by clients must not delay exit
    request_queue_size = 128

    def handle_error(self, request, client_address):
        pass  # a client that hangs up mid-handshake is not worth a traceback


def main():
    parser = argparse.ArgumentParser(description="Canned GetCallerIdentity server for the benchmark.")
    parser.add_argument("--cert", help="PEM certificate chain: serve HTTPS")
    parser.add_argument("--key", help="PEM private key for --cert")
    args = parser.parse_args()

    server = Server(("127.0.0.1", 0), Handler)
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        server.socket = context.wrap_socket(
            server.socket, server_side=True, do_handshake_on_connect=False
        )
    # SIGTERM ends serve_forever through SystemExit in the main thread.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
