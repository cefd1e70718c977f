#!/usr/bin/env python3
"""A fake EWP Registry for tests: serves one catalogue file on 127.0.0.1 only.

  python3 Scripts/test_registry.py --catalogue FILE [--port 0] [--max-age 300] [--mode ok]

Prints the bound port alone on the first line of stdout (then serves until killed; SIGTERM/SIGINT exit 0;
with --exit-on-stdin-eof also when stdin closes).

GET of any path not under /_control/ answers the catalogue with a strong ETag (SHA-256 of the bytes),
`Cache-Control: max-age=N, must-revalidate`, `Expires` (now + N) and `Date`; a matching If-None-Match
(list, weak W/"…" or *) gets 304 with the same caching headers and no body. The file is re-read when its
mtime/size changes, or on SIGHUP.

Control (POST, or GET for convenience), for tests that need the registry to misbehave:
  /_control/mode?mode=ok|fail|garbage|invalid|hang   fail: 503; garbage: 200 with non-XML bytes;
                                                       invalid: 200 with a well-formed non-catalogue
                                                       document; hang: wait 30 s, then 503
  /_control/max-age?seconds=N                         change the advertised lifetime
  /_control/delay?seconds=S                           wait S seconds (float) before each catalogue answer
  /_control/stats                                     JSON counters: requests, ok, not_modified,
                                                       failed, last_if_none_match, etag, mode
  /_control/reset                                     zero the counters, mode=ok
"""
import argparse
import email.utils
import hashlib
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MODES = ("ok", "fail", "garbage", "invalid", "hang")
INVALID_DOC = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
               b'<catalogue xmlns="https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1">'
               b'<not-a-host/></catalogue>\n')
GARBAGE = b"\x00\x01 this is not XML at all <<<<\xff\xfe"


class State:
    def __init__(self, path, max_age, mode):
        self.lock = threading.Lock()
        self.path = path
        self.max_age = max_age
        self.mode = mode
        self.delay = 0.0
        self.sig = None
        self.body = b""
        self.etag = None
        self.stats = {}
        self.reset_stats()
        self.reload(force=True)

    def reset_stats(self):
        self.stats = {"requests": 0, "ok": 0, "not_modified": 0, "failed": 0, "last_if_none_match": None}

    def reload(self, force=False):
        with self.lock:
            st = os.stat(self.path)
            sig = (st.st_mtime_ns, st.st_size, st.st_ino)
            if not force and sig == self.sig:
                return
            with open(self.path, "rb") as f:
                body = f.read()
            self.sig = sig
            self.body = body
            self.etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(header, etag):
    if header is None:
        return False
    for part in header.split(","):
        p = part.strip()
        if p == "*":
            return True
        if p.startswith("W/"):
            p = p[2:]
        if p == etag:
            return True
    return False


def make_handler(state):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "test-registry/1"

        def log_message(self, fmt, *args):   # quiet: tests read stdout for the port only
            if os.environ.get("TEST_REGISTRY_VERBOSE"):
                sys.stderr.write("test_registry: " + (fmt % args) + "\n")

        def send(self, status, body=b"", headers=()):
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body and self.command != "HEAD":
                self.wfile.write(body)

        def caching_headers(self, etag):
            now = time.time()
            return [("ETag", etag), ("Cache-Control", f"max-age={state.max_age}, must-revalidate"),
                    ("Expires", email.utils.formatdate(now + state.max_age, usegmt=True))]

        def control(self, path, query):
            q = {k: v[-1] for k, v in parse_qs(query).items()}
            with state.lock:
                if path == "/_control/mode":
                    mode = q.get("mode", "")
                    if mode not in MODES:
                        return self.send(400, f"mode must be one of {MODES}\n".encode())
                    state.mode = mode
                elif path == "/_control/max-age":
                    state.max_age = int(q.get("seconds", "300"))
                elif path == "/_control/delay":
                    state.delay = float(q.get("seconds", "0"))
                elif path == "/_control/reset":
                    state.reset_stats()
                    state.mode = "ok"
                    state.delay = 0.0
                elif path != "/_control/stats":
                    return self.send(404, b"unknown control\n")
                body = json.dumps(dict(state.stats, etag=state.etag, mode=state.mode, max_age=state.max_age,
                                       delay=state.delay)).encode()
            self.send(200, body, [("Content-Type", "application/json")])

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            u = urlsplit(self.path)
            if u.path.startswith("/_control/"):
                return self.control(u.path, u.query)
            self.send(405, b"", [("Allow", "GET")])

        def do_GET(self):
            u = urlsplit(self.path)
            if u.path.startswith("/_control/"):
                return self.control(u.path, u.query)
            try:
                state.reload()
            except OSError as e:
                return self.send(500, f"cannot read catalogue: {e}\n".encode())
            inm = self.headers.get("If-None-Match")
            with state.lock:
                state.stats["requests"] += 1
                state.stats["last_if_none_match"] = inm
                mode, body, etag, delay = state.mode, state.body, state.etag, state.delay
                if mode in ("fail", "hang"):
                    state.stats["failed"] += 1
                elif mode == "ok" and etag_matches(inm, etag):
                    state.stats["not_modified"] += 1
                else:
                    state.stats["ok"] += 1
            if delay > 0:
                time.sleep(delay)
            if mode == "hang":
                time.sleep(30)
                return self.send(503, b"registry hung\n", [("Content-Type", "text/plain")])
            if mode == "fail":
                return self.send(503, b"registry unavailable\n", [("Content-Type", "text/plain"), ("Retry-After", "60")])
            if mode == "garbage":
                return self.send(200, GARBAGE, [("Content-Type", "application/xml")])
            if mode == "invalid":
                return self.send(200, INVALID_DOC, [("Content-Type", "application/xml"),
                                                    ("ETag", '"invalid"'), ("Cache-Control", "max-age=300")])
            if etag_matches(inm, etag):
                return self.send(304, b"", self.caching_headers(etag))
            self.send(200, body, [("Content-Type", "application/xml; charset=utf-8")] + self.caching_headers(etag))

        do_HEAD = do_GET

    return Handler


class QuietServer(ThreadingHTTPServer):
    """Clients that drop a connection (pools closing, tests ending) are normal here, not tracebacks."""
    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def main():
    # A child spawned from a Swift test thread inherits that thread's signal mask, in which SIGTERM
    # is blocked: unblock everything so that terminate() stops this server.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--catalogue", required=True, help="catalogue XML file to serve")
    ap.add_argument("--port", type=int, default=0, help="0 = any free port (printed on stdout)")
    ap.add_argument("--max-age", type=int, default=300, help="Cache-Control max-age advertised (seconds)")
    ap.add_argument("--mode", choices=MODES, default="ok")
    ap.add_argument("--exit-on-stdin-eof", action="store_true",
                    help="exit when stdin closes (a test harness that dies cannot leak the server)")
    args = ap.parse_args()
    # A parent may spawn us with signals blocked (threads of a test runner often block them): unblock.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    state = State(os.path.abspath(args.catalogue), args.max_age, args.mode)
    server = QuietServer(("127.0.0.1", args.port), make_handler(state))
    server.daemon_threads = True
    signal.signal(signal.SIGHUP, lambda *_: state.reload(force=True))

    print(server.server_address[1], flush=True)
    if args.exit_on_stdin_eof:
        def watch_stdin():
            while os.read(0, 4096):   # unbuffered: no stdin lock for interpreter shutdown to trip on
                pass
            os._exit(0)   # no signal involved: works whatever the inherited signal mask
        threading.Thread(target=watch_stdin, daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
