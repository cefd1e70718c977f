/// A small HTTP/1.1 server for the EWPHTTP tests (Python's standard library only, 127.0.0.1 only).
///
/// Prints one line `http=PORT hang=PORT closed=PORT`: the HTTP server, a listener that accepts and
/// never answers, and a port that was bound and released (nothing listens there). Exits when its
/// stdin closes, so a crashed test run leaves no server behind. `--tls CERT KEY` serves HTTPS.
let testServerScript = #"""
import base64, json, os, signal, socket, ssl, sys, threading, time
# Spawned from a Swift test thread, this process inherits a mask that blocks SIGTERM: unblock it
# so that terminate() stops the server.
signal.pthread_sigmask(signal.SIG_SETMASK, [])
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

lock = threading.Lock()
connections = [0]

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        with lock:
            connections[0] += 1
        self.connection_number = connections[0]

    def reply(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def handle_any(self):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        body = self.read_body()
        if url.path == "/echo":
            doc = {
                "method": self.command,
                "target": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": base64.b64encode(body).decode(),
                "connection": self.connection_number,
            }
            self.reply(200, json.dumps(doc).encode(), [("Content-Type", "application/json")])
        elif url.path == "/status":
            code = int(query.get("code", ["404"])[0])
            self.reply(code, b"<error-response/>", [("Content-Type", "application/xml")])
        elif url.path == "/sleep":
            time.sleep(int(query.get("ms", ["1000"])[0]) / 1000)
            self.reply(200, b"slept")
        elif url.path == "/bytes":
            n = int(query.get("n", ["0"])[0])
            self.reply(200, bytes(i % 251 for i in range(n)))
        elif url.path == "/chunked":
            n = int(query.get("n", ["0"])[0])
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            sent = 0
            try:
                while sent < n:
                    chunk = b"x" * min(65536, n - sent)
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                self.close_connection = True
        elif url.path == "/headers":
            self.reply(200, b"", [("X-Multi", "one"), ("X-Multi", "two"), ("X-Spaced", "  padded  "), ("X-Empty", "")])
        elif url.path == "/continue":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n")
            self.reply(200, b"final", [("X-Final", "yes")])
        elif url.path == "/connections":
            self.reply(200, str(connections[0]).encode())
        else:
            self.reply(404, b"no such path")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

server = Server(("127.0.0.1", 0), Handler)
if len(sys.argv) == 4 and sys.argv[1] == "--tls":
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)

hang = socket.socket()
hang.bind(("127.0.0.1", 0))
hang.listen(16)
held = []
def hold():
    while True:
        conn, _ = hang.accept()
        held.append(conn)
threading.Thread(target=hold, daemon=True).start()

closed = socket.socket()
closed.bind(("127.0.0.1", 0))
closed_port = closed.getsockname()[1]
closed.close()

def watch_stdin():
    sys.stdin.read()
    os._exit(0)
threading.Thread(target=watch_stdin, daemon=True).start()

print("http=%d hang=%d closed=%d" % (server.server_address[1], hang.getsockname()[1], closed_port), flush=True)
server.serve_forever()
"""#
