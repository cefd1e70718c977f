#!/usr/bin/env python3
"""Generate a realistic EWP Registry catalogue (catalogue-v1.xml) for benchmarks.

Default shape: 5,000 HEIs on 3,000 hosts. Most hosts cover one HEI, some providers cover many, a few
HEIs are covered by two hosts (migrations). Every host has its own client key and its own server key
(real RSA-2048 SubjectPublicKeyInfo keys, all distinct), some hosts publish a second client key
(rotation), a few use one key for both roles. Hosts implement a realistic subset of the EWP APIs
(several versions side by side for some), each entry with its http-security block, URLs and max-*.

Generating thousands of RSA keys takes minutes, so the key pool is cached under Benchmarks/out/
(git-ignored) and reused by later runs; only missing keys are generated (2 processes in parallel).

Usage:
  python3 Benchmarks/generate_catalogue.py [--heis 5000] [--hosts 3000] [--seed 1]
      [--out Benchmarks/out/catalogue-5000.xml] [--key-pool Benchmarks/out/key-pool.txt] [--jobs 2]
Needs PyPI `cryptography` (make py-deps) or, failing that, the `openssl` command.
"""
import argparse
import base64
import hashlib
import os
import random
import subprocess
import sys
import time
from multiprocessing import Pool
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
GH = "https://github.com/erasmus-without-paper"
NS_REGISTRY = f"{GH}/ewp-specs-api-registry/tree/stable-v1"
NS_EWP = f"{GH}/ewp-specs-architecture/blob/stable-v1/common-types.xsd"
NS_SEC = f"{GH}/ewp-specs-sec-intro/tree/stable-v2"
NS_CLI_HTTPSIG = f"{GH}/ewp-specs-sec-cliauth-httpsig/tree/stable-v1"
NS_SRV_TLSCERT = f"{GH}/ewp-specs-sec-srvauth-tlscert/tree/stable-v1"
NS_SRV_HTTPSIG = f"{GH}/ewp-specs-sec-srvauth-httpsig/tree/stable-v1"


def entry_ns(repo, major):
    return f"{GH}/ewp-specs-api-{repo}/blob/stable-v{major}/manifest-entry.xsd"


# (prefix, repo, element, version, [(child, kind)], probability a host implements it)
# kind: "url:<path>" → URL child, "max:<n>" → limit child, "bool:<v>" → plain child.
APIS = [
    ("d6", "discovery", "discovery", "6.0.0", [("url", "url:manifest.xml")], 1.0),
    ("e2", "echo", "echo", "2.0.1", [("url", "url:echo")], 0.95),
    ("in2", "institutions", "institutions", "2.1.0", [("url", "url:institutions"), ("max-hei-ids", "max:1")], 0.9),
    ("ou2", "ounits", "organizational-units", "2.1.0",
     [("url", "url:ounits"), ("max-ounit-ids", "max:100"), ("max-ounit-codes", "max:100")], 0.6),
    ("fs1", "factsheet", "factsheet", "1.0.0", [("url", "url:factsheet"), ("max-hei-ids", "max:1")], 0.75),
    ("f1", "file", "file", "1.0.0", [("url", "url:file")], 0.5),
    ("ia7", "iias", "iias", "7.0.0",
     [("get-url", "url:iias/get"), ("max-iia-ids", "max:50"), ("index-url", "url:iias/index"),
      ("stats-url", "url:iias/stats")], 0.85),
    ("ia6", "iias", "iias", "6.2.0",
     [("get-url", "url:v6/iias/get"), ("max-iia-ids", "max:20"), ("index-url", "url:v6/iias/index"),
      ("stats-url", "url:v6/iias/stats")], 0.25),
    ("iaa2", "iias-approval", "iias-approval", "2.0.0", [("url", "url:iias-approval"), ("max-iia-ids", "max:50")], 0.8),
    ("iac3", "iia-cnr", "iia-cnr", "3.0.0", [("url", "url:cnr/iia")], 0.85),
    ("iaac2", "iia-approval-cnr", "iia-approval-cnr", "2.0.0", [("url", "url:cnr/iia-approval")], 0.75),
    ("ola1", "omobility-las", "omobility-las", "1.2.0",
     [("get-url", "url:omobility-las/get"), ("index-url", "url:omobility-las/index"),
      ("update-url", "url:omobility-las/update"), ("stats-url", "url:omobility-las/stats"),
      ("max-omobility-ids", "max:100")], 0.7),
    ("olac1", "omobility-la-cnr", "omobility-la-cnr", "1.1.0",
     [("url", "url:cnr/omobility-la"), ("stats-url", "url:cnr/omobility-la/stats"), ("max-omobility-ids", "max:100")], 0.65),
    ("it2", "imobility-tors", "imobility-tors", "2.0.0",
     [("get-url", "url:imobility-tors/get"), ("index-url", "url:imobility-tors/index"),
      ("max-omobility-ids", "max:50"), ("sends-notifications", "flag")], 0.45),
    ("itc1", "imobility-tor-cnr", "imobility-tor-cnr", "1.0.0",
     [("url", "url:cnr/imobility-tor"), ("max-omobility-ids", "max:100")], 0.4),
    ("mo1", "monitoring", "monitoring", "1.0.0", [("url", "url:monitoring")], 0.1),
]

COUNTRIES = ["pl", "de", "fr", "it", "es", "pt", "nl", "be", "at", "cz", "sk", "hu", "ro", "bg", "gr", "se",
             "fi", "dk", "no", "ie", "lt", "lv", "ee", "si", "hr", "tr", "rs", "is", "lu", "mt", "cy", "mk"]
WORDS = ["polytechnic", "university", "academy", "college", "institute", "conservatory", "school", "tech",
         "arts", "medical", "business", "agricultural", "maritime", "pedagogical", "applied", "sciences"]
CITIES = ["warsaw", "krakow", "berlin", "munich", "paris", "lyon", "milan", "rome", "madrid", "porto",
          "leiden", "ghent", "vienna", "brno", "kosice", "szeged", "cluj", "sofia", "patras", "lund", "turku",
          "aarhus", "bergen", "cork", "vilnius", "riga", "tartu", "ljubljana", "zagreb", "ankara", "nis",
          "reykjavik", "valletta", "nicosia", "skopje", "bologna", "seville", "lille", "graz", "delft"]
PROVIDERS = ["dashboard", "cloud-sis", "mobility-online", "ewp-connect", "hub"]


# ---------------------------------------------------------------------------------------------- keys

def _new_key_b64(_):
    try:
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.hazmat.primitives import serialization
        k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        der = k.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
    except ImportError:
        priv = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
                              check=True, capture_output=True).stdout
        der = subprocess.run(["openssl", "pkey", "-pubout", "-outform", "DER"], input=priv,
                             check=True, capture_output=True).stdout
    return base64.b64encode(der).decode("ascii")


def key_pool(path, needed, jobs):
    keys = []
    if os.path.exists(path):
        with open(path) as f:
            keys = [line.strip() for line in f if line.strip()]
    missing = needed - len(keys)
    if missing > 0:
        print(f"generating {missing} RSA-2048 keys ({len(keys)} cached in {path}) ...", file=sys.stderr)
        started = time.time()
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "a") as out, Pool(jobs) as pool:
            for i, k in enumerate(pool.imap_unordered(_new_key_b64, range(missing), chunksize=8), 1):
                out.write(k + "\n")
                keys.append(k)
                if i % 500 == 0:
                    out.flush()
                    print(f"  {i}/{missing} in {time.time() - started:.0f} s", file=sys.stderr)
    if len(set(keys)) != len(keys):
        sys.exit(f"key pool {path} holds duplicate keys; delete it")
    return keys[:needed]


def wrap76(b64):
    return "\n".join(b64[i:i + 76] for i in range(0, len(b64), 76))


# ---------------------------------------------------------------------------------------------- model

def make_heis(rng, n):
    seen = set()
    heis = []
    while len(heis) < n:
        country = rng.choice(COUNTRIES)
        name = f"{rng.choice(WORDS)}-{rng.choice(CITIES)}"
        hei_id = f"{name}{rng.randint(1, 99) if rng.random() < 0.5 else ''}.edu.{country}"
        if hei_id in seen:
            continue
        seen.add(hei_id)
        heis.append({
            "id": hei_id,
            "country": country,
            "names": [("en", " ".join(w.capitalize() for w in name.split("-")) + f" ({country.upper()})")],
            "erasmus": f"{country.upper()} {name[:8].upper()}{rng.randint(1, 20):02d}",
            "pic": str(rng.randint(900000000, 999999999)),
            "charter": f"{rng.randint(10000, 299999)}-EPP-1-2014-1-{country.upper()}-EPPKA3-ECHE",
        })
        if rng.random() < 0.6:
            heis[-1]["names"].append((country, name.replace("-", " ").title()))
    return heis


def assign_hosts(rng, heis, n_hosts):
    """Most hosts cover one HEI; ~3% of hosts are providers covering many; ~2% of HEIs on two hosts."""
    n_heis = len(heis)
    n_providers = max(1, n_hosts // 33)
    singles = n_hosts - n_providers
    assert singles <= n_heis, "more single-HEI hosts than HEIs"
    order = list(range(n_heis))
    rng.shuffle(order)
    hosts = [[order[i]] for i in range(singles)]
    rest = order[singles:]
    provider_lists = [[] for _ in range(n_providers)]
    for j, h in enumerate(rest):
        provider_lists[j % n_providers].append(h)
    hosts += provider_lists
    for _ in range(n_heis // 50):   # migrations: a HEI also covered by a provider
        rng.choice(hosts[singles:]).append(rng.randrange(n_heis))
    return hosts


def api_xml(rng, prefix, repo, elem, version, children, base):
    ns_major = version.split(".")[0]
    lines = [f'        <{prefix}:{elem} version="{version}">']
    if elem != "discovery":
        lines += [f'          <{prefix}:http-security>',
                  '            <sec:client-auth-methods><cliauth-httpsig:httpsig/></sec:client-auth-methods>',
                  '            <sec:server-auth-methods><srvauth-tlscert:tlscert/><srvauth-httpsig:httpsig/></sec:server-auth-methods>',
                  f'          </{prefix}:http-security>']
    for child, kind in children:
        if kind.startswith("url:"):
            path = kind[4:]
            lines.append(f"          <{prefix}:{child}>{base}/{path}</{prefix}:{child}>")
        elif kind.startswith("max:"):
            lines.append(f"          <{prefix}:{child}>{kind[4:]}</{prefix}:{child}>")
        else:
            lines.append(f"          <{prefix}:{child}/>")
    lines.append(f"        </{prefix}:{elem}>")
    return "\n".join(lines)


def generate(args):
    rng = random.Random(args.seed)
    heis = make_heis(rng, args.heis)
    hosts = assign_hosts(rng, heis, args.hosts)

    # Keys: a client and a server key per host; ~8% hosts a second client key (rotation); ~3% hosts use
    # their client key as server key too (allowed, as in catalogue-example.xml).
    plan = []
    for h in range(len(hosts)):
        shared = rng.random() < 0.03
        rotated = rng.random() < 0.08
        plan.append((shared, rotated))
    needed = sum(1 + (0 if s else 1) + (1 if r else 0) for s, r in plan)
    pool = key_pool(args.key_pool, needed, args.jobs)
    fingerprints = [hashlib.sha256(base64.b64decode(k)).hexdigest() for k in pool]
    if len(set(fingerprints)) != len(fingerprints):
        sys.exit("duplicate fingerprints in the key pool")

    prefixes = {p: entry_ns(repo, v.split(".")[0]) for p, repo, _, v, _, _ in APIS}
    out = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8"?>')
    decl = [f'xmlns="{NS_REGISTRY}"', f'xmlns:ewp="{NS_EWP}"', f'xmlns:sec="{NS_SEC}"',
            f'xmlns:cliauth-httpsig="{NS_CLI_HTTPSIG}"', f'xmlns:srvauth-tlscert="{NS_SRV_TLSCERT}"',
            f'xmlns:srvauth-httpsig="{NS_SRV_HTTPSIG}"']
    decl += [f'xmlns:{p}="{ns}"' for p, ns in prefixes.items()]
    w("<catalogue\n    " + "\n    ".join(decl) + ">")
    k = 0
    for h, covered in enumerate(hosts):
        shared, rotated = plan[h]
        first = heis[covered[0]]
        provider = len(covered) > 1
        domain = f"{rng.choice(PROVIDERS)}{h}.eu" if provider else f"ewp.{first['id']}"
        w("  <host>")
        w(f"    <ewp:admin-email>ewp-admin@{domain}</ewp:admin-email>")
        if provider:
            w(f"    <ewp:admin-provider>{escape(domain)} EWP service</ewp:admin-provider>")
        w("    <apis-implemented>")
        for i, (p, repo, elem, version, children, prob) in enumerate(APIS):
            if i == 0 or rng.random() < prob:
                w(api_xml(rng, p, repo, elem, version, children, f"https://{domain}/ewp"))
        w("    </apis-implemented>")
        w("    <institutions-covered>")
        for hi in covered:
            w(f"      <hei-id>{heis[hi]['id']}</hei-id>")
        w("    </institutions-covered>")
        client = [fingerprints[k]]
        k += 1
        if rotated:
            client.append(fingerprints[k])
            k += 1
        if shared:
            server = [client[0]]
        else:
            server = [fingerprints[k]]
            k += 1
        w("    <client-credentials-in-use>")
        for f in client:
            w(f'      <rsa-public-key sha-256="{f}"/>')
        w("    </client-credentials-in-use>")
        w("    <server-credentials-in-use>")
        for f in server:
            w(f'      <rsa-public-key sha-256="{f}"/>')
        w("    </server-credentials-in-use>")
        w("  </host>")
    w("  <institutions>")
    for hei in heis:
        w(f'    <hei id="{hei["id"]}">')
        w(f'      <other-id type="erasmus">{escape(hei["erasmus"])}</other-id>')
        w(f'      <other-id type="erasmus-charter">{hei["charter"]}</other-id>')
        w(f'      <other-id type="pic">{hei["pic"]}</other-id>')
        for lang, name in hei["names"]:
            w(f'      <name xml:lang="{lang}">{escape(name)}</name>')
        w("    </hei>")
    w("  </institutions>")
    w("  <binaries>")
    for i in range(k):
        w(f'    <rsa-public-key sha-256="{fingerprints[i]}">\n{wrap76(pool[i])}\n    </rsa-public-key>')
    w("  </binaries>")
    w("</catalogue>")
    data = ("\n".join(out) + "\n").encode("utf-8")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(data)
    print(f"wrote {args.out}: {len(data)} bytes, {len(hosts)} hosts, {len(heis)} HEIs, {k} keys", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--heis", type=int, default=5000)
    ap.add_argument("--hosts", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "out", "catalogue-5000.xml"))
    ap.add_argument("--key-pool", default=os.path.join(HERE, "out", "key-pool.txt"))
    ap.add_argument("--jobs", type=int, default=max(1, os.cpu_count() or 1))
    args = ap.parse_args()
    generate(args)


if __name__ == "__main__":
    main()
