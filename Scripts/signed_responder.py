#!/usr/bin/env python3
"""A tiny EWP-style signed responder on 127.0.0.1, for testing clients (EWPClient tests).

It verifies each request's HTTP signature with the given client public key (cliauth-httpsig) and
signs every response with the given server private key (srvauth-httpsig), using Scripts/httpsig.py
- an implementation independent of the Swift code. Prints `port=N` once listening; exits when its
stdin closes, or with --watch-parent when its parent process ends (so a crashed test leaves
nothing behind).

Paths:
  /echo      200 <response> with one <echo> per `echo` parameter (query for GET, form body for POST);
             an XML POST body is returned as is
  /error     400 <error-response> with a developer-message
  /unsigned  200 XML without any signature headers
  /tampered  200 signed, then the body is changed
  /wrongkey  200 signed with a key the client does not know
  /badxml    200 signed, body is not well-formed XML
  /slow      like /echo after 3 seconds
A request whose signature does not verify gets a signed 400 whose developer-message says why.

  signed_responder.py --server-key server.pem --client-key client-pub.pem
"""
import argparse
import signal
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import httpsig  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402

ECHO_NS = "https://github.com/erasmus-without-paper/ewp-specs-api-echo/tree/stable-v2"
ERROR_NS = "https://github.com/erasmus-without-paper/ewp-specs-architecture/blob/stable-v1/common-types.xsd"


def error_body(message):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<error-response xmlns="%s"><developer-message>%s'
            '</developer-message></error-response>' % (ERROR_NS, escape(message))).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_key = client_key = other_key = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_any(b"")

    def do_POST(self):
        self.handle_any(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def do_PUT(self):
        self.handle_any(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def handle_any(self, body):
        headers = list(self.headers.items())
        path = urlsplit(self.path).path
        try:
            httpsig.verify_request(self.client_key, self.command, self.path, headers, body)
        except ValueError as e:
            return self.reply(400, error_body("request signature: %s" % e), headers)
        if path == "/error":
            return self.reply(400, error_body("Missing required parameter: iia_id"), headers)
        if path == "/slow":
            time.sleep(3)
        if self.command == "POST" and "xml" in (self.headers.get("Content-Type") or ""):
            content = body
        else:
            source = body.decode() if self.command == "POST" else urlsplit(self.path).query
            echoes = [v for k, v in parse_qsl(source, keep_blank_values=True) if k == "echo"]
            content = ('<?xml version="1.0" encoding="UTF-8"?>\n<response xmlns="%s">%s</response>'
                       % (ECHO_NS, "".join("<echo>%s</echo>" % escape(e) for e in echoes))).encode()
        if path == "/badxml":
            content = b"<response><unclosed></response>"
        self.reply(200, content, headers, unsigned=path == "/unsigned", tamper=path == "/tampered",
                   key=self.other_key if path == "/wrongkey" else self.server_key)

    def reply(self, status, body, request_headers, unsigned=False, tamper=False, key=None):
        extra = [("Content-Type", "application/xml; charset=utf-8")]
        signed = [] if unsigned else httpsig.sign_response(key or self.server_key, self.command, self.path,
                                                           request_headers, body)
        if tamper:
            body = body.replace(b"<echo>", b"<echo>x")
        # send_response_only: send_response would add a second, unsigned Date header, and the
        # signing string joins repeated headers, so the signature would no longer verify.
        self.send_response_only(status)
        for name, value in extra + signed:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    # A child spawned from a Swift test thread inherits that thread's signal mask, in which SIGTERM
    # is blocked: unblock everything so that terminate() stops this server.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server-key", required=True, help="PEM private key to sign responses with")
    ap.add_argument("--client-key", required=True, help="PEM public key of the only accepted client")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--watch-parent", action="store_true", help="exit when the parent process ends (ignore stdin)")
    args = ap.parse_args()
    Handler.server_key = httpsig.load_private_key(args.server_key)
    Handler.client_key = httpsig.load_public_key(args.client_key)
    Handler.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("port=%d" % server.server_address[1], flush=True)
    if args.watch_parent:
        parent = os.getppid()
        while os.getppid() == parent:
            time.sleep(0.5)
    else:
        sys.stdin.read()  # until the parent closes our stdin
    server.shutdown()


if __name__ == "__main__":
    main()
