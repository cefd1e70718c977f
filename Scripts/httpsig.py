#!/usr/bin/env python3
"""EWP HTTP Signatures, independently of the Swift code: a cross-check and a test client.

Implements ewp-specs-sec-cliauth-httpsig (signing requests) and ewp-specs-sec-srvauth-httpsig
(verifying signed responses) on draft-cavage-http-signatures-07 with rsa-sha256, using only the
Python standard library and PyPI `cryptography` (`make py-deps` installs it into .venv).

Subcommands
  sign-request     sign a request; print its headers as a JSON object (name -> value, in order)
  verify-response  verify a signed response; exit 0 and print "OK: ..." if valid, else exit 1
  (as a module: sign_request, verify_request, sign_response, verify_response; used by
   Scripts/signed_responder.py)
  request          sign AND send a request with urllib; print one JSON object
                   {"status", "headers": [[name, value], ...], "body", "body_base64",
                    "request_headers", "verification"}; with --server-key, also verify the
                   response signature (exit 2 if it does not verify; exit 1 on transport errors)

Examples
  httpsig.py sign-request --key client.pem --method POST --url https://h/ewp/echo --body 'echo=a' \
      --header 'Content-Type: application/x-www-form-urlencoded'
  httpsig.py verify-response --server-key server-pub.pem --method POST --url https://h/ewp/echo \
      --request-id <uuid> --request-signature <sig> --headers-file resp.json --body-file resp.xml
  httpsig.py request --key client.pem --url https://127.0.0.1:8443/ewp/echo --data 'echo=a&echo=b' \
      --cafile ca.pem --server-key server-pub.pem
"""
import argparse
import base64
import email.utils
import hashlib
import json
import re
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PARAM_RE = re.compile(r'\s*([A-Za-z]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)')


# ---------------------------------------------------------------- primitives

def load_private_key(path):
    with open(path, "rb") as f:
        return serialization.load_pem_private_key(f.read(), password=None)


def load_public_key(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        return serialization.load_pem_public_key(data)
    except ValueError:  # also accept a private key file
        return serialization.load_pem_private_key(data, password=None).public_key()


def key_id(public_key):
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def sha256_digest_header(body):
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def http_date(timestamp=None):
    return email.utils.formatdate(timestamp if timestamp is not None else time.time(), usegmt=True)


def split_url(url):
    """(host[:port] as in the URL, path[?query] as sent)."""
    parts = urllib.parse.urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return parts.netloc.rsplit("@", 1)[-1], target


def header_values(headers, name):
    return [v for n, v in headers if n.lower() == name.lower()]


def signing_string(names, method, target, headers):
    lines = []
    for name in names:
        name = name.lower()
        if name == "(request-target)":
            lines.append("(request-target): %s %s" % (method.lower(), target))
            continue
        values = header_values(headers, name)
        if not values:
            raise ValueError("signed header %r is absent" % name)
        lines.append("%s: %s" % (name, ", ".join(v.strip() for v in values)))
    return "\n".join(lines)


def parse_params(text):
    params, pos = {}, 0
    text = text.strip()
    while pos < len(text):
        m = PARAM_RE.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError("cannot parse signature parameters at %r" % text[pos:pos + 20])
        name = m.group(1).lower()
        if name in params:
            raise ValueError("parameter %s repeated" % name)
        value = m.group(2) if m.group(2) is not None else m.group(3)
        params[name] = re.sub(r"\\(.)", r"\1", value)
        pos = m.end()
    return params


def parse_http_date(value):
    parsed = email.utils.parsedate_to_datetime(value)
    if not value.endswith(" GMT") or parsed is None:
        raise ValueError("not an RFC 1123 GMT date: %r" % value)
    return parsed.timestamp()


# ---------------------------------------------------------------- signing

def sign_request(private_key, method, url, body, extra_headers, date=None, request_id=None,
                 accept_signature=True, sign_headers=None):
    """Returns the list of (name, value) headers to send, Authorization last."""
    host, target = split_url(url)
    headers = [("Host", host), ("Date", date or http_date()),
               ("X-Request-Id", request_id or str(uuid.uuid4())), ("Digest", sha256_digest_header(body))]
    if accept_signature:
        headers += [("Accept-Signature", "rsa-sha256"), ("Want-Digest", "SHA-256")]
    ours = {n.lower() for n, _ in headers} | {"authorization"}
    headers += [(n, v) for n, v in extra_headers if n.lower() not in ours]
    names = sign_headers or (["(request-target)"] + list(dict.fromkeys(n.lower() for n, _ in headers)))
    text = signing_string(names, method, target, headers)
    signature = base64.b64encode(private_key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
    headers.append(("Authorization", 'Signature keyId="%s",algorithm="rsa-sha256",headers="%s",signature="%s"'
                    % (key_id(private_key.public_key()), " ".join(names), signature)))
    return headers


def sign_response(private_key, method, target, request_headers, body, extra_headers=(), include_request_target=True):
    """srvauth-httpsig server side: headers to add to a response to (method, target, request_headers)."""
    headers = [("Date", http_date()), ("Digest", sha256_digest_header(body))]
    request_ids = header_values(request_headers, "X-Request-Id")
    if request_ids:
        headers.append(("X-Request-Id", request_ids[0]))
    authorizations = [a for a in header_values(request_headers, "Authorization") if a.lower().startswith("signature ")]
    if authorizations:
        try:
            headers.append(("X-Request-Signature", parse_params(authorizations[0].split(" ", 1)[1])["signature"]))
        except (ValueError, KeyError):
            pass
    headers += list(extra_headers)
    names = (["(request-target)"] if include_request_target else []) + list(dict.fromkeys(n.lower() for n, _ in headers))
    text = signing_string(names, method, target, headers)
    signature = base64.b64encode(private_key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
    headers.append(("Signature", 'keyId="%s",algorithm="rsa-sha256",headers="%s",signature="%s"'
                    % (key_id(private_key.public_key()), " ".join(names), signature)))
    return headers


# ---------------------------------------------------------------- verification

def verify_request(public_key, method, target, headers, body, expected_host=None, window=300, now=None):
    """cliauth-httpsig server verification against one known client key. Returns the signature
    parameter; raises ValueError with the reason when invalid."""
    now = time.time() if now is None else now
    authorizations = [a for a in header_values(headers, "Authorization") if a.lower().startswith("signature ")]
    if len(authorizations) != 1:
        raise ValueError("expected one Authorization: Signature header, found %d" % len(authorizations))
    params = parse_params(authorizations[0].split(" ", 1)[1])
    if params.get("algorithm", "").lower() != "rsa-sha256":
        raise ValueError("algorithm %r is not rsa-sha256" % params.get("algorithm"))
    names = params.get("headers", "date").lower().split()
    missing = [n for n in ("(request-target)", "host", "digest", "x-request-id") if n not in names]
    if "date" not in names and "original-date" not in names:
        missing.append("date|original-date")
    if missing:
        raise ValueError("signature does not cover %s" % ", ".join(missing))
    if params.get("keyid", "").lower() != key_id(public_key):
        raise ValueError("unknown keyId %r" % params.get("keyid"))
    host = header_values(headers, "Host")
    if expected_host is not None and [h.lower() for h in host] != [expected_host.lower()]:
        raise ValueError("Host %r is not %r" % (host, expected_host))
    for name in ("date", "original-date"):
        if name in names:
            for value in header_values(headers, name):
                if abs(parse_http_date(value) - now) > window:
                    raise ValueError("%s %r is outside the %d s window" % (name, value, window))
    request_ids = header_values(headers, "X-Request-Id")
    if len(request_ids) != 1 or not UUID_RE.match(request_ids[0]):
        raise ValueError("X-Request-Id %r is not a canonical lowercase UUID" % request_ids)
    text = signing_string(names, method, target, headers)
    try:
        public_key.verify(base64.b64decode(params.get("signature", ""), validate=True), text.encode(),
                          padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        raise ValueError("request signature does not verify over:\n" + text)
    digests = {}
    for value in header_values(headers, "Digest"):
        for item in value.split(","):
            alg, _, val = item.strip().partition("=")
            digests.setdefault(alg.strip().lower(), val.strip())
    if "SHA-256=" + digests.get("sha-256", "") != sha256_digest_header(body):
        raise ValueError("Digest SHA-256 missing or not matching the body (%d bytes)" % len(body))
    return params["signature"]


def verify_response(public_key, method, target, request_id, request_signature, headers, body, window=300, now=None):
    """srvauth-httpsig client verification. Returns a message; raises ValueError when invalid."""
    now = time.time() if now is None else now
    echoed = header_values(headers, "X-Request-Id")
    if request_id is not None and echoed != [request_id]:
        raise ValueError("X-Request-Id %r does not echo %r" % (echoed, request_id))
    sig_headers = header_values(headers, "Signature")
    if len(sig_headers) != 1:
        raise ValueError("expected one Signature header, found %d" % len(sig_headers))
    params = parse_params(sig_headers[0])
    if params.get("algorithm", "").lower() != "rsa-sha256":
        raise ValueError("algorithm %r is not rsa-sha256" % params.get("algorithm"))
    names = params.get("headers", "date").lower().split()
    required = ["digest"] + (["x-request-id"] if request_id is not None else []) \
        + (["x-request-signature"] if request_signature is not None else [])
    missing = [n for n in required if n not in names]
    if "date" not in names and "original-date" not in names:
        missing.append("date|original-date")
    if missing:
        raise ValueError("signature does not cover %s" % ", ".join(missing))
    if request_signature is not None and header_values(headers, "X-Request-Signature") != [request_signature]:
        raise ValueError("X-Request-Signature does not equal the request's signature")
    for name in ("date", "original-date"):
        for value in header_values(headers, name):
            if abs(parse_http_date(value) - now) > window:
                raise ValueError("%s %r is outside the %d s window" % (name, value, window))
    expected_key_id = key_id(public_key)
    if params.get("keyid") != expected_key_id:
        raise ValueError("keyId %r is not the given server key %s" % (params.get("keyid"), expected_key_id))
    text = signing_string(names, method, target, headers)
    try:
        public_key.verify(base64.b64decode(params.get("signature", ""), validate=True), text.encode(),
                          padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        raise ValueError("signature does not verify over:\n" + text)
    digests = {}
    for value in header_values(headers, "Digest"):
        for item in value.split(","):
            alg, _, val = item.strip().partition("=")
            digests.setdefault(alg.strip().lower(), val.strip())
    if "sha-256" not in digests:
        raise ValueError("Digest has no SHA-256 entry")
    if "SHA-256=" + digests["sha-256"] != sha256_digest_header(body):
        raise ValueError("Digest does not match the body (%d bytes)" % len(body))
    return "response signature valid (keyId %s, headers %s)" % (expected_key_id, " ".join(names))


# ---------------------------------------------------------------- command line

def parse_header_args(values):
    out = []
    for h in values or []:
        name, sep, value = h.partition(":")
        if not sep:
            raise SystemExit("--header must be 'Name: value', got %r" % h)
        out.append((name.strip(), value.strip()))
    return out


def read_body(args):
    if getattr(args, "body_file", None):
        with open(args.body_file, "rb") as f:
            return f.read()
    if getattr(args, "data", None) is not None:
        return args.data.encode()
    if getattr(args, "body", None) is not None:
        return args.body.encode()
    return b""


def load_headers_json(path):
    with open(path) as f:
        data = json.load(f)
    return list(data.items()) if isinstance(data, dict) else [(n, v) for n, v in data]


def cmd_sign_request(args):
    headers = sign_request(load_private_key(args.key), args.method, args.url, read_body(args),
                           parse_header_args(args.header), date=args.date, request_id=args.request_id,
                           accept_signature=not args.no_accept_signature,
                           sign_headers=args.sign_headers.split() if args.sign_headers else None)
    print(json.dumps(dict(headers), indent=1))
    return 0


def cmd_verify_response(args):
    _, target = split_url(args.url)
    with open(args.body_file, "rb") as f:
        body = f.read()
    try:
        message = verify_response(load_public_key(args.server_key), args.method, args.target or target,
                                  args.request_id, args.request_signature, load_headers_json(args.headers_file),
                                  body, window=args.window)
    except ValueError as e:
        print("INVALID: %s" % e)
        return 1
    print("OK: " + message)
    return 0


def cmd_request(args):
    body = read_body(args)
    method = args.method or ("POST" if body or args.data is not None else "GET")
    extra = parse_header_args(args.header)
    if args.data is not None and not any(n.lower() == "content-type" for n, _ in extra):
        extra.append(("Content-Type", "application/x-www-form-urlencoded"))
    private_key = load_private_key(args.key)
    headers = sign_request(private_key, method, args.url, body, extra,
                           accept_signature=not args.no_accept_signature or bool(args.server_key))
    request_id = header_values(headers, "X-Request-Id")[0]
    request_signature = parse_params(header_values(headers, "Authorization")[0].split(" ", 1)[1])["signature"]
    request = urllib.request.Request(args.url, data=body if method != "GET" or body else None, method=method)
    for name, value in headers:
        request.add_header(name, value)
    context = ssl.create_default_context(cafile=args.cafile) if args.url.startswith("https") else None
    try:
        with urllib.request.urlopen(request, timeout=args.timeout, context=context) as response:
            status, response_headers, response_body = response.status, list(response.headers.items()), response.read()
    except urllib.error.HTTPError as e:
        status, response_headers, response_body = e.code, list(e.headers.items()), e.read()
    except (urllib.error.URLError, OSError) as e:
        print(json.dumps({"error": str(e)}))
        return 1
    result = {"status": status, "headers": response_headers,
              "body": response_body.decode("utf-8", "replace"),
              "body_base64": base64.b64encode(response_body).decode(), "request_headers": headers,
              "verification": None}
    code = 0
    if args.server_key:
        _, target = split_url(args.url)
        try:
            result["verification"] = "OK: " + verify_response(load_public_key(args.server_key), method, target, request_id,
                                                              request_signature, response_headers, response_body)
        except ValueError as e:
            result["verification"] = "INVALID: %s" % e
            code = 2
    print(json.dumps(result, indent=1))
    return code


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)

    s = sub.add_parser("sign-request", help="sign a request, print its headers as JSON")
    s.add_argument("--key", required=True, help="PEM private key (PKCS#8 or PKCS#1)")
    s.add_argument("--method", default="GET")
    s.add_argument("--url", required=True)
    s.add_argument("--body", help="body text (UTF-8)")
    s.add_argument("--body-file")
    s.add_argument("--header", action="append", help="extra header 'Name: value' (signed too); repeatable")
    s.add_argument("--date", help="Date header value (default: now)")
    s.add_argument("--request-id", help="X-Request-Id (default: fresh uuid4)")
    s.add_argument("--no-accept-signature", action="store_true", help="do not ask for a signed response")
    s.add_argument("--sign-headers", help="override the signed header list, space-separated")
    s.set_defaults(func=cmd_sign_request)

    v = sub.add_parser("verify-response", help="verify a signed response")
    v.add_argument("--server-key", required=True, help="PEM public key of the server")
    v.add_argument("--method", required=True, help="the request's method")
    v.add_argument("--url", required=True, help="the request's URL")
    v.add_argument("--target", help="the request's path[?query], if not taken from --url")
    v.add_argument("--request-id", help="X-Request-Id the request carried")
    v.add_argument("--request-signature", help="signature parameter of the request's Authorization")
    v.add_argument("--headers-file", required=True, help="response headers: JSON object or list of [name, value]")
    v.add_argument("--body-file", required=True)
    v.add_argument("--window", type=int, default=300)
    v.set_defaults(func=cmd_verify_response)

    r = sub.add_parser("request", help="sign and send a request (urllib), print the response as JSON")
    r.add_argument("--key", required=True, help="PEM private client key")
    r.add_argument("--url", required=True)
    r.add_argument("--method", help="default: POST with a body, else GET")
    r.add_argument("--data", help="form body, e.g. 'echo=a&echo=b' (Content-Type form-urlencoded)")
    r.add_argument("--body-file")
    r.add_argument("--header", action="append")
    r.add_argument("--cafile", help="CA bundle to trust for https")
    r.add_argument("--server-key", help="verify the response signature with this PEM public key")
    r.add_argument("--no-accept-signature", action="store_true")
    r.add_argument("--timeout", type=float, default=10)
    r.set_defaults(func=cmd_request)

    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
