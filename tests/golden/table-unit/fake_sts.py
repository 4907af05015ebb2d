# Fake STS on 127.0.0.1: answers each POST with the canned XML for its Action, taken from
# tests/fixtures/xml/<Action>.xml. Prints the port, serves until killed.
import http.server, os, urllib.parse

XML_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "xml")

class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        action = urllib.parse.parse_qs(body).get("Action", ["GetCallerIdentity"])[0]
        data = open(f"{XML_DIR}/{action}.xml", "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
