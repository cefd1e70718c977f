#!/usr/bin/env python3
"""Pre-sign form POSTs for the throughput benchmarks (Benchmarks/run.sh and cnr.sh, Benchmarks/echo.lua).

Each request is a POST of `echo=…` (or of --body, e.g. `iia_id=bench-%d` for the CNR benchmark) to the URL, signed per EWP HTTP Signature client
authentication (draft-cavage-07, rsa-sha256, keyId = SHA-256 of the DER SPKI) over
(request-target) host date x-request-id digest content-type accept-signature want-digest, with
a unique lowercase UUID X-Request-Id each (the node's replay guard rejects a reused id) and
`Accept-Signature: rsa-sha256` so that every response is signed too.

Output: one request per line, tab-separated: METHOD, PATH, BODY, then `Name: value` headers.
Signing is spread over --jobs processes. Needs PyPI `cryptography` (make py-deps).

  presign.py --key client.key.pem --host 127.0.0.1:8080 --path /hei/x/echo --count 40000 --out reqs.tsv
  presign.py --key p.key.pem --host 127.0.0.1:8081 --path /hei/b/iia-cnr --body 'iia_id=run1-%d' --count 20000 --out cnr.tsv
"""
import argparse
import base64
import hashlib
import os
import sys
import uuid
from email.utils import formatdate
from multiprocessing import Pool

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

_KEY = None
_KEY_ID = None


def _load(path):
    global _KEY, _KEY_ID
    with open(path, "rb") as f:
        _KEY = serialization.load_pem_private_key(f.read(), password=None)
    der = _KEY.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)
    _KEY_ID = hashlib.sha256(der).hexdigest()


def _sign_batch(job):
    key_path, host, path, body_format, start, count = job
    if _KEY is None:
        _load(key_path)
    lines = []
    for i in range(start, start + count):
        body = body_format % i
        digest = "SHA-256=" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        headers = [
            ("Host", host),
            ("Date", formatdate(usegmt=True)),
            ("X-Request-Id", str(uuid.uuid4())),
            ("Digest", digest),
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept-Signature", "rsa-sha256"),
            ("Want-Digest", "SHA-256"),
        ]
        names = ["(request-target)"] + [n.lower() for n, _ in headers]
        signing = "\n".join(["(request-target): post " + path] +
                            ["%s: %s" % (n.lower(), v) for n, v in headers])
        sig = base64.b64encode(_KEY.sign(signing.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
        headers.append(("Authorization",
                        'Signature keyId="%s",algorithm="rsa-sha256",headers="%s",signature="%s"'
                        % (_KEY_ID, " ".join(names), sig)))
        lines.append("\t".join(["POST", path, body] + ["%s: %s" % h for h in headers]))
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--key", required=True)
    ap.add_argument("--host", required=True, help="Host header value, host[:port]")
    ap.add_argument("--path", required=True, help="request path of the Echo endpoint")
    ap.add_argument("--body", default="echo=bench-%d",
                    help="form body, %%d = the request's number (default echo=bench-%%d)")
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    batch = 500
    jobs = [(args.key, args.host, args.path, args.body, s, min(batch, args.count - s)) for s in range(0, args.count, batch)]
    with Pool(args.jobs) as pool, open(args.out, "w") as out:
        for lines in pool.imap(_sign_batch, jobs):
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
