"""A fake STS endpoint over HTTPS for the transport tests (Python's ssl does the TLS).

Usage: https_server.py CERT KEY BODY_FILE

Answers every POST with the XML in BODY_FILE. Prints its port on stdout once it listens,
and exits when its standard input closes, so a test that dies cannot leave it behind.
"""

import http.server
import os
import ssl
import sys
import threading


def main():
    cert, key, body_file = sys.argv[1:4]
    with open(body_file, "rb") as f:
        body = f.read()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            # A client that rejects the certificate is what some tests expect: no traceback.
            pass

    server = Server(("127.0.0.1", 0), Handler)
    # Handshakes happen in the handler threads: a client that rejects the certificate
    # must not hold up the others.
    server.socket = context.wrap_socket(
        server.socket, server_side=True, do_handshake_on_connect=False
    )

    def exit_when_stdin_closes():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
