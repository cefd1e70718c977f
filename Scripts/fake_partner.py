#!/usr/bin/env python3
"""A fake EWP partner host (one HEI) on 127.0.0.1, plain HTTP, for process tests of ewp-node.

It verifies every EWP request with Scripts/httpsig.py (cliauth-httpsig: signature, Digest, Date,
Host, X-Request-Id, keyId among the client keys of the registry catalogue), logs it, signs its
responses when asked (srvauth-httpsig), and misbehaves on command. Prints `port=N` once listening;
exits when stdin closes, or with --watch-parent when its parent process ends.

  fake_partner.py --hei partner.example --server-key s.pem --client-key c.pem \
      --catalogue catalogue-v1.xml --manifest-out manifest.xml [--apis iia-cnr,iias] [--watch-parent]

--catalogue is read lazily (it may not exist yet when the partner starts: the catalogue is built
from the manifest this host writes) and re-read whenever it changes. The client keys trusted are
the catalogue's client-credentials-in-use, each with the HEIs its host covers.

EWP endpoints (only those of the declared --apis; default all):
  POST /iia-cnr             iia-cnr v3           iia_id                        -> <iia-cnr-response/>
  POST /iia-approval-cnr    iia-approval-cnr v2  iia_id                        -> <iia-approval-cnr-response/>
  POST /omobility-la-cnr    omobility-la-cnr v1  sending_hei_id, omobility_id+ -> <omobility-la-cnr-response/>
  POST /imobility-tor-cnr   imobility-tor-cnr v1 receiving_hei_id, omobility_id+ -> <imobility-tor-cnr-response/>
  POST /imobility-tor-cnr-v2  imobility-tor-cnr v2 omobility_id+ only          -> <imobility-tor-cnr-response/> (v2 ns)
  GET|POST /iias/get        iias v7     iia_id+ (max 3)                  objects of api "iias"
  GET|POST /iias/index      iias v7     modified_since?                  ids of api "iias"
  GET|POST /iias-approval   iias-approval v2  iia_id+ (max 3)            objects of api "iias-approval"
  GET|POST /omobility-las/get    sending_hei_id (ours) + omobility_id+ (max 3)
  GET|POST /omobility-las/index  sending_hei_id (ours), modified_since?
  POST /omobility-las/update     logged, answered with an empty omobility-las-update-response
  GET|POST /imobility-tors/get   receiving_hei_id (ours) + omobility_id+ (max 3)
  GET|POST /imobility-tors/index receiving_hei_id (ours), modified_since?
  GET|POST /imobility-tors-v3/get    ToRs v3: omobility_id+ only (max 3)   objects of api "imobility-tors-v3"
  GET|POST /imobility-tors-v3/index  ToRs v3: modified_since? only
  POST /monitoring               monitoring v1 (only when --apis names it: a stand-in EWP Stats Portal)
                                 server_hei_id, api_name required   -> <monitoring-response/>
  GET /manifest.xml              the manifest (unsigned)
Unknown ids are left out; a HEI parameter naming another HEI gives an empty answer. The v2/v3
endpoints (ToR CNR v2, ToRs v3) name no HEI and answer 400 to any parameter they do not define.
The entries imobility-tor-cnr-v2 and imobility-tors-v3 (manifest elements imobility-tor-cnr and
imobility-tors in their stable-v2/v3 namespaces) are declared only when --apis names them.
Failures: no/unsupported Authorization -> 401 (WWW-Authenticate); keyId not in the catalogue -> 403;
any other verification failure (Host, Date, X-Request-Id, replayed X-Request-Id, signature, Digest)
-> 400; every error an error-response, signed when the request asked.

Control (unsigned, JSON):
  GET  /control/log       list of logged EWP requests, oldest first: {seq, method, path, target,
                          params: [[k, v]...], body (non-form bodies, truncated), key_id,
                          caller_heis, verified, reason, status, action, request_id,
                          received_at, answered_at (epoch seconds)}
  POST /control/reset     forget log, scripts and objects (?only=log: the log only)
  POST /control/script    {"path": "/iia-cnr", "responses": [500, "500", "hang", "close", "sleep:2", 400, "replay"]}
                          the next VERIFIED requests to that path get these in order (appended to
                          any left): a status with a (signed) error-response (2xx: the normal
                          answer); "hang": no answer, the socket is held until the client gives
                          up; "close": the connection is dropped; "sleep:S": the normal answer
                          after S seconds; "replay": 400 saying the X-Request-Id was used before
                          (as if an earlier copy of the request had been seen). Then normal again.
  POST /control/objects   {"api": "iias", "id": "X", "xml": "<iia>...</iia>" | null, "modified": ISO}
                          set (or with null delete) an object the get/index endpoints serve; xml is
                          spliced into the response under its root, whose namespace is the default
                          one (so <iia> without xmlns lands in the right namespace). modified
                          defaults to now. api is one of iias, iias-approval, omobility-las,
                          imobility-tors, imobility-tors-v3.
"""
import argparse
import base64
import datetime
import json
import os
import select
import signal
import socket
import sys
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import httpsig  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from signed_responder import error_body  # noqa: E402
from test_registry import QuietServer  # noqa: E402

GH = "https://github.com/erasmus-without-paper/"
NS_DISCOVERY = GH + "ewp-specs-api-discovery/tree/stable-v6"
NS_REGISTRY = GH + "ewp-specs-api-registry/tree/stable-v1"
NS_EWP = GH + "ewp-specs-architecture/blob/stable-v1/common-types.xsd"
NS_SEC = GH + "ewp-specs-sec-intro/tree/stable-v2"
NS_CLIAUTH_HTTPSIG = GH + "ewp-specs-sec-cliauth-httpsig/tree/stable-v1"
NS_SRVAUTH_HTTPSIG = GH + "ewp-specs-sec-srvauth-httpsig/tree/stable-v1"
MAX_IDS = 3
WINDOW = 300

# name -> (manifest-entry namespace, version, [(element, path or literal)], endpoints)
#   endpoints: path -> (kind, response root, response namespace)
APIS = {
    "iia-cnr": (GH + "ewp-specs-api-iia-cnr/blob/stable-v3/manifest-entry.xsd", "3.0.0",
                [("url", "/iia-cnr")],
                {"/iia-cnr": ("cnr", "iia-cnr-response", GH + "ewp-specs-api-iia-cnr/tree/stable-v3")}),
    "iia-approval-cnr": (GH + "ewp-specs-api-iia-approval-cnr/blob/stable-v2/manifest-entry.xsd", "2.0.0",
                         [("url", "/iia-approval-cnr")],
                         {"/iia-approval-cnr": ("cnr", "iia-approval-cnr-response",
                                                GH + "ewp-specs-api-iia-approval-cnr/tree/stable-v2")}),
    "omobility-la-cnr": (GH + "ewp-specs-api-omobility-la-cnr/blob/stable-v1/manifest-entry.xsd", "1.0.0",
                         [("url", "/omobility-la-cnr"), ("max-omobility-ids", MAX_IDS)],
                         {"/omobility-la-cnr": ("cnr", "omobility-la-cnr-response",
                                                GH + "ewp-specs-api-omobility-la-cnr/tree/stable-v1")}),
    "imobility-tor-cnr": (GH + "ewp-specs-api-imobility-tor-cnr/blob/stable-v1/manifest-entry.xsd", "1.0.0",
                          [("url", "/imobility-tor-cnr"), ("max-omobility-ids", MAX_IDS)],
                          {"/imobility-tor-cnr": ("cnr", "imobility-tor-cnr-response",
                                                  GH + "ewp-specs-api-imobility-tor-cnr/tree/stable-v1")}),
    "imobility-tor-cnr-v2": (GH + "ewp-specs-api-imobility-tor-cnr/blob/stable-v2/manifest-entry.xsd", "2.0.0",
                             [("url", "/imobility-tor-cnr-v2"), ("max-omobility-ids", MAX_IDS)],
                             {"/imobility-tor-cnr-v2": ("cnr", "imobility-tor-cnr-response",
                                                        GH + "ewp-specs-api-imobility-tor-cnr/tree/stable-v2")}),
    "iias": (GH + "ewp-specs-api-iias/blob/stable-v7/manifest-entry.xsd", "7.0.0",
             [("get-url", "/iias/get"), ("max-iia-ids", MAX_IDS), ("index-url", "/iias/index")],
             {"/iias/get": ("get", "iias-get-response", GH + "ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"),
              "/iias/index": ("index", "iias-index-response",
                              GH + "ewp-specs-api-iias/blob/stable-v7/endpoints/index-response.xsd")}),
    "iias-approval": (GH + "ewp-specs-api-iias-approval/blob/stable-v2/manifest-entry.xsd", "2.0.0",
                      [("url", "/iias-approval"), ("max-iia-ids", MAX_IDS)],
                      {"/iias-approval": ("get", "iias-approval-response",
                                          GH + "ewp-specs-api-iias-approval/tree/stable-v2")}),
    "omobility-las": (GH + "ewp-specs-api-omobility-las/blob/stable-v1/manifest-entry.xsd", "1.0.0",
                      [("get-url", "/omobility-las/get"), ("index-url", "/omobility-las/index"),
                       ("update-url", "/omobility-las/update"), ("max-omobility-ids", MAX_IDS)],
                      {"/omobility-las/get": ("get", "omobility-las-get-response",
                                              GH + "ewp-specs-api-omobility-las/blob/stable-v1/endpoints/get-response.xsd"),
                       "/omobility-las/index": ("index", "omobility-las-index-response",
                                                GH + "ewp-specs-api-omobility-las/blob/stable-v1/endpoints/index-response.xsd"),
                       "/omobility-las/update": ("update", "omobility-las-update-response",
                                                 GH + "ewp-specs-api-omobility-las/blob/stable-v1/endpoints/update-response.xsd")}),
    "imobility-tors": (GH + "ewp-specs-api-imobility-tors/blob/stable-v2/manifest-entry.xsd", "2.0.0",
                       [("get-url", "/imobility-tors/get"), ("index-url", "/imobility-tors/index"),
                        ("max-omobility-ids", MAX_IDS)],
                       {"/imobility-tors/get": ("get", "imobility-tors-get-response",
                                                GH + "ewp-specs-api-imobility-tors/blob/stable-v2/endpoints/get-response.xsd"),
                        "/imobility-tors/index": ("index", "imobility-tors-index-response",
                                                  GH + "ewp-specs-api-imobility-tors/blob/stable-v2/endpoints/index-response.xsd")}),
    "imobility-tors-v3": (GH + "ewp-specs-api-imobility-tors/blob/stable-v3/manifest-entry.xsd", "3.0.0",
                          [("get-url", "/imobility-tors-v3/get"), ("index-url", "/imobility-tors-v3/index"),
                           ("max-omobility-ids", MAX_IDS)],
                          {"/imobility-tors-v3/get": ("get", "imobility-tors-get-response",
                                                      GH + "ewp-specs-api-imobility-tors/blob/stable-v3/endpoints/get-response.xsd"),
                           "/imobility-tors-v3/index": ("index", "imobility-tors-index-response",
                                                        GH + "ewp-specs-api-imobility-tors/blob/stable-v3/endpoints/index-response.xsd")}),
    # The Stats Portal's API (a stand-in portal is a fake partner with --hei stats.erasmuswithoutpaper.eu).
    "monitoring": (GH + "ewp-specs-api-monitoring/blob/stable-v1/manifest-entry.xsd", "1.0.0",
                   [("url", "/monitoring")],
                   {"/monitoring": ("monitoring", "monitoring-response", GH + "ewp-specs-api-monitoring/tree/stable-v1")}),
}
# Entries of a second major version: their manifest element name; declared only when asked for.
ELEMENT = {"imobility-tor-cnr-v2": "imobility-tor-cnr", "imobility-tors-v3": "imobility-tors"}
# Declared only when --apis names them.
ONLY_WHEN_ASKED = set(ELEMENT) | {"monitoring"}
DEFAULT_APIS = [a for a in APIS if a not in ONLY_WHEN_ASKED]
# Endpoints that define every parameter they take (v2/v3 name no HEI): anything else is a 400.
ONLY_PARAMS = {
    "/imobility-tor-cnr-v2": {"omobility_id"},
    "/imobility-tors-v3/get": {"omobility_id"},
    "/imobility-tors-v3/index": {"modified_since"},
}

# Which request parameters name the objects, and which names our HEI (None: no HEI parameter).
OBJECT_APIS = {
    "iias": ("iia_id", None),
    "iias-approval": ("iia_id", None),
    "omobility-las": ("omobility_id", "sending_hei_id"),
    "imobility-tors": ("omobility_id", "receiving_hei_id"),
    "imobility-tors-v3": ("omobility_id", None),
}
# Required parameters of the CNR endpoints (single, repeatable).
CNR_PARAMS = {
    "/iia-cnr": (["iia_id"], []),
    "/iia-approval-cnr": (["iia_id"], []),
    "/omobility-la-cnr": (["sending_hei_id"], ["omobility_id"]),
    "/imobility-tor-cnr": (["receiving_hei_id"], ["omobility_id"]),
    "/imobility-tor-cnr-v2": ([], ["omobility_id"]),
}


def public_der(key):
    return key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def b64_lines(der):
    text = base64.b64encode(der).decode()
    return "\n".join(text[i:i + 64] for i in range(0, len(text), 64))


def manifest_xml(base, hei, name, admin_email, apis, client_key, server_key):
    security = ('<http-security><sec:client-auth-methods><httpsig xmlns="%s"/></sec:client-auth-methods>'
                '<sec:server-auth-methods><httpsig xmlns="%s"/></sec:server-auth-methods></http-security>'
                % (NS_CLIAUTH_HTTPSIG, NS_SRVAUTH_HTTPSIG))
    entries = ['<discovery xmlns="%s" version="6.0.0"><url>%s/manifest.xml</url></discovery>'
               % (GH + "ewp-specs-api-discovery/blob/stable-v6/manifest-entry.xsd", base)]
    for api in apis:
        ns, version, elements, _ = APIS[api]
        body = "".join("<%s>%s</%s>" % (e, (base + v) if isinstance(v, str) else v, e) for e, v in elements)
        element = ELEMENT.get(api, api)
        entries.append('<%s xmlns="%s" version="%s">%s%s</%s>' % (element, ns, version, security, body, element))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest xmlns="%s" xmlns:ewp="%s" xmlns:sec="%s" xmlns:r="%s">\n'
            '<host>\n<ewp:admin-email>%s</ewp:admin-email>\n<ewp:admin-provider>fake_partner.py</ewp:admin-provider>\n'
            '<r:apis-implemented>\n%s\n</r:apis-implemented>\n'
            '<institutions-covered><r:hei id="%s"><r:name xml:lang="en">%s</r:name></r:hei></institutions-covered>\n'
            '<client-credentials-in-use><rsa-public-key>\n%s\n</rsa-public-key></client-credentials-in-use>\n'
            '<server-credentials-in-use><rsa-public-key>\n%s\n</rsa-public-key></server-credentials-in-use>\n'
            '</host>\n</manifest>\n'
            % (NS_DISCOVERY, NS_EWP, NS_SEC, NS_REGISTRY, escape(admin_email), "\n".join(entries), escape(hei),
               escape(name), b64_lines(public_der(client_key)), b64_lines(public_der(server_key))))


class Catalogue:
    """Client keys of a registry catalogue file (keyId -> (public key, covered HEIs)), re-read on change."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.signature = None
        self.keys = {}
        self.error = "catalogue not read yet"

    def lookup(self, key_id):
        with self.lock:
            try:
                st = os.stat(self.path)
            except OSError as e:
                self.error = "catalogue %s: %s" % (self.path, e)
                return None, self.error
            signature = (st.st_mtime_ns, st.st_size, st.st_ino)
            if signature != self.signature:
                try:
                    self.keys = self.read()
                    self.error = None
                except (OSError, ET.ParseError, ValueError) as e:
                    self.keys, self.error = {}, "catalogue %s unreadable: %s" % (self.path, e)
                self.signature = signature
            if self.error:
                return None, self.error
            found = self.keys.get(key_id)
            return found, None if found else "keyId %s is not a client key in the catalogue" % key_id

    def read(self):
        root = ET.parse(self.path).getroot()
        q = lambda name: "{%s}%s" % (NS_REGISTRY, name)  # noqa: E731
        binaries = {}
        b = root.find(q("binaries"))
        for k in (b.findall(q("rsa-public-key")) if b is not None else []):
            der = base64.b64decode("".join((k.text or "").split()))
            binaries[k.get("sha-256")] = serialization.load_der_public_key(der)
        keys = {}
        for host in root.findall(q("host")):
            covered = host.find(q("institutions-covered"))
            heis = [h.text.strip() for h in covered.findall(q("hei-id"))] if covered is not None else []
            creds = host.find(q("client-credentials-in-use"))
            for k in (creds.findall(q("rsa-public-key")) if creds is not None else []):
                fp = k.get("sha-256")
                if fp in binaries:
                    previous = keys.get(fp, (binaries[fp], []))[1]
                    keys[fp] = (binaries[fp], previous + [h for h in heis if h not in previous])
        return keys


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.log = []
        self.seq = 0
        self.scripts = {}     # path -> [action, ...]
        self.objects = {}     # api -> {id: (xml, modified datetime)}
        self.seen_ids = {}    # X-Request-Id -> time first seen (replay check)

    def reset(self, only_log=False):
        with self.lock:
            self.log = []
            if not only_log:
                self.scripts = {}
                self.objects = {}

    def next_action(self, path):
        with self.lock:
            queue = self.scripts.get(path)
            if queue:
                return queue.pop(0)
        return None

    def fresh_request_id(self, request_id, now):
        with self.lock:
            for rid, seen in list(self.seen_ids.items()):
                if now - seen > 2 * WINDOW:
                    del self.seen_ids[rid]
            if request_id in self.seen_ids:
                return False
            self.seen_ids[request_id] = now
            return True


def parse_datetime(text):
    value = datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc)


def parse_action(item):
    if isinstance(item, bool):
        raise ValueError("not an action: %r" % item)
    if isinstance(item, int):
        return item
    if isinstance(item, str):
        if item in ("hang", "close", "replay"):
            return item
        if item.startswith("sleep:"):
            float(item[6:])
            return item
        if item.isdigit():
            return int(item)
    raise ValueError("not an action (status, \"hang\", \"close\", \"replay\", \"sleep:S\"): %r" % (item,))


class EWPError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-partner/1"
    # Set by main().
    hei = server_key = catalogue = state = endpoints = manifest = None
    base = host_header = ""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.dispatch(b"")

    def do_POST(self):
        self.dispatch(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def do_PUT(self):
        self.dispatch(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def dispatch(self, body):
        path = urlsplit(self.path).path
        if path.startswith("/control/"):
            return self.control(path, body)
        if path == "/manifest.xml" and self.command == "GET":
            return self.send(200, self.manifest.encode(), [("Content-Type", "application/xml; charset=utf-8")])
        if path not in self.endpoints:
            return self.send(404, error_body("no EWP endpoint at %s on this fake partner" % path),
                             [("Content-Type", "application/xml; charset=utf-8")])
        self.ewp(path, body)

    # ------------------------------------------------------------------ EWP requests

    def ewp(self, path, body):
        split = urlsplit(self.path)
        content_type = (self.headers.get("Content-Type") or "").lower()
        is_form = self.command == "POST" and content_type.startswith("application/x-www-form-urlencoded")
        params = parse_qsl(body.decode("utf-8", "replace") if is_form else split.query, keep_blank_values=True)
        entry = {"method": self.command, "path": path, "target": self.path, "params": [list(p) for p in params],
                 "body": None if is_form or not body else body[:4000].decode("utf-8", "replace"),
                 "key_id": None, "caller_heis": [], "verified": False, "reason": None, "status": None,
                 "action": None, "request_id": self.headers.get("X-Request-Id"), "received_at": time.time(),
                 "answered_at": None}
        with self.state.lock:
            self.state.seq += 1
            entry["seq"] = self.state.seq
            self.state.log.append(entry)

        status, extra = self.verify(entry, body)
        if status is None:
            action = self.state.next_action(path)
            entry["action"] = None if action is None else str(action)
            if action == "hang":
                return self.hang(entry)
            if action == "close":
                return self.drop(entry)
            if action == "replay":
                entry["reason"] = "X-Request-Id %s was used before (replay)" % entry["request_id"]
                return self.reply(entry, 400, error_body(entry["reason"]))
            if isinstance(action, str) and action.startswith("sleep:"):
                time.sleep(float(action[6:]))
            elif isinstance(action, int) and not 200 <= action < 300:
                return self.reply(entry, action, error_body("scripted %d from the fake partner" % action))
            try:
                return self.reply(entry, 200, self.answer(path, params, body))
            except EWPError as e:
                return self.reply(entry, e.status, error_body(str(e)))
        self.reply(entry, status, error_body(entry["reason"]), extra)

    def verify(self, entry, body):
        """(None, []) when the request is authenticated; else (status, extra headers), reason in entry."""
        auth = [v for n, v in self.headers.items() if n.lower() == "authorization"]
        if len(auth) != 1 or not auth[0].lower().startswith("signature "):
            entry["reason"] = "no Authorization: Signature header (cliauth-httpsig)"
            return 401, [("WWW-Authenticate", 'Signature realm="EWP"'), ("Want-Digest", "SHA-256")]
        try:
            key_id = httpsig.parse_params(auth[0].split(" ", 1)[1]).get("keyid")
        except ValueError as e:
            entry["reason"] = "Authorization: %s" % e
            return 400, []
        entry["key_id"] = key_id
        found, why = self.catalogue.lookup(key_id)
        if found is None:
            entry["reason"] = why
            return 403, []
        public_key, heis = found
        entry["caller_heis"] = heis
        try:
            httpsig.verify_request(public_key, self.command, self.path, list(self.headers.items()), body,
                                   expected_host=self.host_header, window=WINDOW)
        except ValueError as e:
            entry["reason"] = str(e)
            return 400, []
        if not self.state.fresh_request_id(entry["request_id"], time.time()):
            entry["reason"] = "X-Request-Id %s was used before (replay)" % entry["request_id"]
            return 400, []
        entry["verified"] = True
        return None, []

    def answer(self, path, params, body):
        kind, root, ns = self.endpoints[path]
        values = lambda name: [v for k, v in params if k == name]  # noqa: E731
        unexpected = sorted({k for k, _ in params} - ONLY_PARAMS.get(path, {k for k, _ in params}))
        if unexpected:
            raise EWPError(400, "%s takes no parameter %s" % (path, ", ".join(unexpected)))
        if kind == "cnr":
            if self.command != "POST":
                raise EWPError(405, "CNR endpoints take POST only")
            single, repeated = CNR_PARAMS[path]
            for name in single:
                if len(values(name)) != 1:
                    raise EWPError(400, "%s is required exactly once" % name)
            for name in repeated:
                if not values(name):
                    raise EWPError(400, "%s is required" % name)
                if len(values(name)) > MAX_IDS:
                    raise EWPError(400, "more than max-omobility-ids (%d) %s values" % (MAX_IDS, name))
            return self.document(root, ns, "")
        if kind == "monitoring":
            if self.command != "POST":
                raise EWPError(405, "the Monitoring API takes POST only")
            for name in ("server_hei_id", "api_name"):
                if len(values(name)) != 1 or not values(name)[0]:
                    raise EWPError(400, "%s is required exactly once" % name)
            return self.document(root, ns, "")
        if kind == "update":
            if self.command != "POST":
                raise EWPError(405, "update takes POST only")
            return self.document(root, ns, "")
        api = path.split("/")[1]
        id_name, hei_name = OBJECT_APIS[api]
        ours = True
        if hei_name is not None:
            given = values(hei_name)
            if len(given) != 1:
                raise EWPError(400, "%s is required exactly once" % hei_name)
            ours = given[0] == self.hei
        with self.state.lock:
            objects = dict(self.state.objects.get(api, {}))
        if kind == "get":
            ids = values(id_name)
            if not ids:
                raise EWPError(400, "%s is required" % id_name)
            if len(ids) > MAX_IDS:
                raise EWPError(400, "more than %d %s values" % (MAX_IDS, id_name))
            found = [objects[i][0] for i in dict.fromkeys(ids) if ours and i in objects]
            return self.document(root, ns, "".join(found))
        since = values("modified_since")
        if len(since) > 1:
            raise EWPError(400, "modified_since given more than once")
        try:
            cutoff = parse_datetime(since[0]) if since else None
        except ValueError:
            raise EWPError(400, "modified_since %r is not an xs:dateTime" % since[0])
        ids = sorted(i for i, (_, modified) in objects.items() if ours and (cutoff is None or modified > cutoff))
        element = "iia-id" if api == "iias" else "omobility-id"
        return self.document(root, ns, "".join("<%s>%s</%s>" % (element, escape(i), element) for i in ids))

    @staticmethod
    def document(root, ns, inner):
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<%s xmlns="%s">%s</%s>\n' % (root, ns, inner, root)).encode()

    def reply(self, entry, status, body, extra=()):
        wants = any(v.strip().lower() == "rsa-sha256"
                    for h in self.headers.get_all("Accept-Signature") or [] for v in h.split(","))
        signed = httpsig.sign_response(self.server_key, self.command, self.path, list(self.headers.items()),
                                       body) if wants else []
        entry["status"] = status
        entry["answered_at"] = time.time()
        self.send(status, body, [("Content-Type", "application/xml; charset=utf-8")] + list(extra) + signed)

    def hang(self, entry):
        """Holds the connection without answering until the client closes it (or 10 minutes pass)."""
        self.close_connection = True
        deadline = time.time() + 600
        sock = self.connection
        while time.time() < deadline:
            readable, _, _ = select.select([sock], [], [], 0.5)
            if readable:
                try:
                    if not sock.recv(65536):
                        break
                except OSError:
                    break
        entry["answered_at"] = time.time()

    def drop(self, entry):
        self.close_connection = True
        entry["answered_at"] = time.time()
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def send(self, status, body, headers):
        # send_response_only: send_response would add a second, unsigned Date header.
        self.send_response_only(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    # ------------------------------------------------------------------ control

    def control(self, path, body):
        def ok(value):
            self.send(200, json.dumps(value).encode(), [("Content-Type", "application/json")])

        def bad(message):
            self.send(400, json.dumps({"error": message}).encode(), [("Content-Type", "application/json")])

        state = self.state
        if path == "/control/log" and self.command == "GET":
            with state.lock:
                return ok(list(state.log))
        if self.command != "POST":
            return bad("%s %s: use POST (GET only for /control/log)" % (self.command, path))
        if path == "/control/reset":
            state.reset(only_log=dict(parse_qsl(urlsplit(self.path).query)).get("only") == "log")
            return ok({"reset": True})
        try:
            request = json.loads(body or b"{}")
        except ValueError as e:
            return bad("body is not JSON: %s" % e)
        if path == "/control/script":
            target, responses = request.get("path"), request.get("responses")
            if target not in self.endpoints or not isinstance(responses, list):
                return bad("need {\"path\": one of %s, \"responses\": [...]}" % sorted(self.endpoints))
            try:
                actions = [parse_action(r) for r in responses]
            except ValueError as e:
                return bad(str(e))
            with state.lock:
                state.scripts.setdefault(target, []).extend(actions)
                return ok({"path": target, "pending": [str(a) for a in state.scripts[target]]})
        if path == "/control/objects":
            api, oid = request.get("api"), request.get("id")
            if api not in OBJECT_APIS or not isinstance(oid, str) or not oid:
                return bad("need {\"api\": one of %s, \"id\": \"...\"}" % sorted(OBJECT_APIS))
            try:
                modified = parse_datetime(request["modified"]) if request.get("modified") else now_utc()
            except ValueError:
                return bad("modified %r is not an ISO date-time" % request.get("modified"))
            with state.lock:
                objects = state.objects.setdefault(api, {})
                if request.get("xml") is None:
                    objects.pop(oid, None)
                else:
                    objects[oid] = (request["xml"], modified)
                return ok({"api": api, "ids": sorted(objects)})
        return bad("unknown control %s" % path)


class PartnerServer(QuietServer):
    daemon_threads = True
    request_queue_size = 128   # a node delivering in bulk opens many connections at once


def main():
    # A child spawned from a Swift test thread may inherit a mask with SIGTERM blocked.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hei", required=True, help="SCHAC id of the HEI this host covers")
    ap.add_argument("--name", help="English name of the HEI (default: the id)")
    ap.add_argument("--server-key", required=True, help="PEM private key: signs responses")
    ap.add_argument("--client-key", required=True, help="PEM private key: its public half is the manifest's client key")
    ap.add_argument("--catalogue", required=True, help="registry catalogue file whose client keys are trusted")
    ap.add_argument("--manifest-out", help="write this host's Discovery v6 manifest here after binding")
    ap.add_argument("--apis", default=",".join(DEFAULT_APIS), help="comma-separated API entries to declare (default: %s; also %s)"
                    % (",".join(DEFAULT_APIS), ",".join(sorted(ONLY_WHEN_ASKED))))
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--watch-parent", action="store_true", help="exit when the parent process ends (ignore stdin)")
    args = ap.parse_args()
    apis = [a.strip() for a in args.apis.split(",") if a.strip()]
    unknown = [a for a in apis if a not in APIS]
    if unknown:
        ap.error("unknown --apis %s (known: %s)" % (", ".join(unknown), ", ".join(APIS)))

    server = PartnerServer(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    Handler.hei = args.hei
    Handler.server_key = httpsig.load_private_key(args.server_key)
    Handler.catalogue = Catalogue(os.path.abspath(args.catalogue))
    Handler.state = State()
    Handler.base = "http://127.0.0.1:%d" % port
    Handler.host_header = "127.0.0.1:%d" % port
    Handler.endpoints = {p: e for a in apis for p, e in APIS[a][3].items()}
    Handler.manifest = manifest_xml(Handler.base, args.hei, args.name or args.hei, "admin@" + args.hei, apis,
                                    httpsig.load_private_key(args.client_key), Handler.server_key)
    if args.manifest_out:
        tmp = args.manifest_out + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(Handler.manifest)
        os.replace(tmp, args.manifest_out)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    print("port=%d" % port, flush=True)
    if args.watch_parent:
        parent = os.getppid()
        while os.getppid() == parent:
            time.sleep(0.5)
    else:
        while os.read(0, 4096):   # unbuffered: until the parent closes our stdin
            pass
    os._exit(0)


if __name__ == "__main__":
    main()
