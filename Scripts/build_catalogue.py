#!/usr/bin/env python3
"""Build an EWP Registry catalogue (catalogue-v1.xml, Registry API v1) for tests and benchmarks.

Inputs:
  * one or more Discovery v6 manifest files (--manifest FILE, repeatable): each <host> becomes a
    catalogue <host> the way the Registry imports it (admin-*, apis-implemented copied; the
    institutions-covered <hei> elements become <hei-id>s plus entries in <institutions>; every
    <rsa-public-key> body becomes a <binaries> entry referenced by its sha-256 fingerprint);
  * extra hosts described on the command line (--host SPEC, repeatable), e.g. a test client:
        --host "hei=validator.example.org,name=Validator,client-key=c.pub.pem,server-key=s.pub.pem"
    keys of SPEC (comma-separated key=value, each key repeatable where it makes sense):
        hei=ID             a covered HEI (repeatable)
        name=TEXT          English name of the preceding hei= (defaults to the id)
        client-key=PEM     a PEM public key (SPKI) or a PEM private key file -> client-credentials-in-use
        server-key=PEM     same -> server-credentials-in-use
        admin-email=ADDR   (default admin@<first hei>)
        admin-provider=TEXT
    A private-key PEM is accepted for convenience; its public half is derived with the `openssl` CLI.

Output: --out FILE (default stdout). Standard library only (no third-party modules).
The fingerprint is the lowercase hex SHA-256 of the DER SubjectPublicKeyInfo (the EWP keyId).
"""

import argparse
import base64
import hashlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS_R = "https://github.com/erasmus-without-paper/ewp-specs-api-registry/tree/stable-v1"
NS_D = "https://github.com/erasmus-without-paper/ewp-specs-api-discovery/tree/stable-v6"
NS_EWP = "https://github.com/erasmus-without-paper/ewp-specs-architecture/blob/stable-v1/common-types.xsd"
NS_XML = "http://www.w3.org/XML/1998/namespace"

PREFIXES = {
    "": NS_R,
    "ewp": NS_EWP,
    "sec": "https://github.com/erasmus-without-paper/ewp-specs-sec-intro/tree/stable-v2",
}


def q(ns, name):
    return "{%s}%s" % (ns, name)


class Host:
    def __init__(self):
        self.admin_emails = []
        self.admin_provider = None
        self.admin_notes = None
        self.apis = []            # ET elements (copied API entries)
        self.hei_ids = []
        self.client_keys = []     # DER bytes
        self.server_keys = []


def der_from_base64_text(text):
    return base64.b64decode(re.sub(r"\s+", "", text or ""), validate=True)


def der_from_pem_file(path):
    with open(path, "r", encoding="ascii") as f:
        pem = f.read()
    if "PRIVATE KEY" in pem:
        pem = subprocess.run(["openssl", "pkey", "-in", path, "-pubout"], check=True,
                             capture_output=True, text=True).stdout
    m = re.search(r"-----BEGIN PUBLIC KEY-----(.*?)-----END PUBLIC KEY-----", pem, re.S)
    if not m:
        raise SystemExit("build_catalogue: %s holds no PEM public key (SubjectPublicKeyInfo)" % path)
    return der_from_base64_text(m.group(1))


def fingerprint(der):
    return hashlib.sha256(der).hexdigest()


def read_manifest(path, institutions):
    root = ET.parse(path).getroot()
    if root.tag != q(NS_D, "manifest"):
        raise SystemExit("build_catalogue: %s is not a Discovery v6 <manifest> (root %s)" % (path, root.tag))
    hosts = []
    for h in root.findall(q(NS_D, "host")):
        host = Host()
        host.admin_emails = [e.text.strip() for e in h.findall(q(NS_EWP, "admin-email")) if e.text]
        ap = h.find(q(NS_EWP, "admin-provider"))
        host.admin_provider = ap.text.strip() if ap is not None and ap.text else None
        an = h.find(q(NS_EWP, "admin-notes"))
        host.admin_notes = an.text.strip() if an is not None and an.text else None
        apis = h.find(q(NS_R, "apis-implemented"))
        if apis is not None:
            host.apis = list(apis)
        ic = h.find(q(NS_D, "institutions-covered"))
        if ic is not None:
            for hei in ic.findall(q(NS_R, "hei")):
                hid = hei.get("id")
                host.hei_ids.append(hid)
                institutions.setdefault(hid, hei)
        for group, target in (("client-credentials-in-use", host.client_keys),
                              ("server-credentials-in-use", host.server_keys)):
            g = h.find(q(NS_D, group))
            if g is not None:
                for k in g.findall(q(NS_D, "rsa-public-key")):
                    target.append(der_from_base64_text(k.text))
        hosts.append(host)
    return hosts


def parse_host_spec(spec, institutions):
    host = Host()
    last_hei = None
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise SystemExit("build_catalogue: --host item %r is not key=value" % part)
        key, value = part.split("=", 1)
        key, value = key.strip(), value.strip()
        if key == "hei":
            host.hei_ids.append(value)
            last_hei = value
            if value not in institutions:
                institutions[value] = value   # name filled below / later
        elif key == "name":
            if last_hei is None:
                raise SystemExit("build_catalogue: name= must follow a hei=")
            institutions[last_hei] = (value,)
        elif key == "client-key":
            host.client_keys.append(der_from_pem_file(value))
        elif key == "server-key":
            host.server_keys.append(der_from_pem_file(value))
        elif key == "admin-email":
            host.admin_emails.append(value)
        elif key == "admin-provider":
            host.admin_provider = value
        else:
            raise SystemExit("build_catalogue: unknown --host key %r" % key)
    if not host.admin_emails and host.hei_ids:
        host.admin_emails.append("admin@" + host.hei_ids[0])
    return host


def build(hosts, institutions):
    for prefix, uri in PREFIXES.items():
        ET.register_namespace(prefix, uri)
    cat = ET.Element(q(NS_R, "catalogue"))
    binaries = {}
    for host in hosts:
        h = ET.SubElement(cat, q(NS_R, "host"))
        for e in host.admin_emails:
            ET.SubElement(h, q(NS_EWP, "admin-email")).text = e
        if host.admin_provider:
            ET.SubElement(h, q(NS_EWP, "admin-provider")).text = host.admin_provider
        if host.admin_notes:
            ET.SubElement(h, q(NS_EWP, "admin-notes")).text = host.admin_notes
        if host.apis:
            apis = ET.SubElement(h, q(NS_R, "apis-implemented"))
            for api in host.apis:
                apis.append(api)
        if host.hei_ids:
            ic = ET.SubElement(h, q(NS_R, "institutions-covered"))
            for hid in host.hei_ids:
                ET.SubElement(ic, q(NS_R, "hei-id")).text = hid
        for group, keys in (("client-credentials-in-use", host.client_keys),
                            ("server-credentials-in-use", host.server_keys)):
            if keys:
                g = ET.SubElement(h, q(NS_R, group))
                for der in keys:
                    fp = fingerprint(der)
                    ET.SubElement(g, q(NS_R, "rsa-public-key"), {"sha-256": fp})
                    binaries[fp] = der
    inst = ET.SubElement(cat, q(NS_R, "institutions"))
    for hid, value in institutions.items():
        if isinstance(value, ET.Element):
            inst.append(value)      # the manifest's <r:hei> (same namespace as the catalogue's)
        else:
            name = value[0] if isinstance(value, tuple) else hid
            hei = ET.SubElement(inst, q(NS_R, "hei"), {"id": hid})
            ET.SubElement(hei, q(NS_R, "name"), {q(NS_XML, "lang"): "en"}).text = name
    if binaries:
        b = ET.SubElement(cat, q(NS_R, "binaries"))
        for fp, der in binaries.items():
            ET.SubElement(b, q(NS_R, "rsa-public-key"), {"sha-256": fp}).text = \
                base64.b64encode(der).decode("ascii")
    return cat


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--manifest", action="append", default=[], help="Discovery v6 manifest.xml (repeatable)")
    ap.add_argument("--host", action="append", default=[], help="extra host spec (repeatable), see --help text")
    ap.add_argument("--out", help="output file (default: stdout)")
    args = ap.parse_args(argv)
    if not args.manifest and not args.host:
        ap.error("give at least one --manifest or --host")
    institutions = {}
    hosts = []
    for path in args.manifest:
        hosts.extend(read_manifest(path, institutions))
    for spec in args.host:
        hosts.append(parse_host_spec(spec, institutions))
    if not hosts:
        raise SystemExit("build_catalogue: no <host> found in the inputs")
    cat = build(hosts, institutions)
    ET.indent(cat)
    data = ET.tostring(cat, encoding="UTF-8", xml_declaration=True)
    if args.out:
        with open(args.out, "wb") as f:
            f.write(data + b"\n")
    else:
        sys.stdout.buffer.write(data + b"\n")


if __name__ == "__main__":
    main()
