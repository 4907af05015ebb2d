"""A fake STS endpoint over HTTPS for the transport tests (Python's ssl does the TLS).

Usage: https_server.py CERT KEY BODY_FILE
       https_server.py CERT KEY http://127.0.0.1:PORT

Answers every POST with the XML in BODY_FILE, or passes it on to the plain-HTTP server at
the URL (the tests' fixture server, which records it) and relays its answer. Prints its port
on stdout once it listens, and exits when its standard input closes, so a test that dies
cannot leave it behind.
"""

import http.client
import http.server
import os
import ssl
import sys
import threading
import urllib.parse


def main():
    cert, key, answer = sys.argv[1:4]
    upstream = urllib.parse.urlsplit(answer) if answer.startswith("http://") else None
    if upstream is None:
        with open(answer, "rb") as f:
            body = f.read()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            request = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status, content_type, reply = 200, "text/xml", body if upstream is None else None
            if upstream is not None:
                connection = http.client.HTTPConnection(upstream.hostname, upstream.port)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                connection.request("POST", self.path, request, headers)
                answered = connection.getresponse()
                status, reply = answered.status, answered.read()
                content_type = answered.getheader("Content-Type", "text/xml")
                connection.close()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

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
