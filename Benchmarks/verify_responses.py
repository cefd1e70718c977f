#!/usr/bin/env python3
"""Checks every response a benchmark load run received (Benchmarks/echo.lua with EWP_BENCH_RESPONSES):
each must be a 200 whose srvauth-httpsig signature verifies with the node's server key, echoes the
X-Request-Id and X-Request-Signature of a request of the run, and whose Digest matches its body.
Verification goes through Scripts/httpsig.py (independent of the Swift code).

  verify_responses.py --server-key keys/server.pub.pem --requests requests.tsv --path /hei/x/echo responses.0 ...

Prints one line: "<n> responses, <v> verified, <f> failed" (then the first failures) and exits 1 if
any failed or none were recorded.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Scripts"))
import httpsig  # noqa: E402

RECORDED = ["Signature", "Original-Date", "Digest", "X-Request-Id", "X-Request-Signature", "Content-Type"]


def request_signatures(path):
    """X-Request-Id -> the signature parameter of the request's Authorization header."""
    out = {}
    with open(path) as f:
        for line in f:
            headers = dict(h.split(": ", 1) for h in line.rstrip("\n").split("\t")[3:])
            params = httpsig.parse_params(headers["Authorization"].split(" ", 1)[1])
            out[headers["X-Request-Id"]] = params["signature"]
    return out


def records(path):
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        fields = data[pos:end].decode().split("\t")
        length = int(fields[-1])
        body = data[end + 1:end + 1 + length]
        pos = end + 1 + length
        headers = [(name, value) for name, value in zip(RECORDED, fields[1:-1]) if value != "-"]
        yield int(fields[0]), headers, body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server-key", required=True)
    ap.add_argument("--requests", required=True)
    ap.add_argument("--path", required=True)
    ap.add_argument("responses", nargs="+")
    args = ap.parse_args()
    key = httpsig.load_public_key(args.server_key)
    signatures = request_signatures(args.requests)
    total, failures = 0, []
    for path in args.responses:
        for status, headers, body in records(path):
            total += 1
            try:
                if status != 200:
                    raise ValueError("HTTP %d" % status)
                ids = httpsig.header_values(headers, "X-Request-Id")
                if len(ids) != 1 or ids[0] not in signatures:
                    raise ValueError("X-Request-Id %r is not one of the run's requests" % ids)
                httpsig.verify_response(key, "POST", args.path, ids[0], signatures[ids[0]], headers, body, window=3600)
            except ValueError as e:
                failures.append(str(e).splitlines()[0])
    print("%d responses, %d verified, %d failed" % (total, total - len(failures), len(failures)))
    for failure in failures[:5]:
        print("  " + failure)
    return 1 if failures or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
