#!/usr/bin/env python3
"""The official IIAs v7 iia-hash of every IIA in a get-response, by the official XSLT 2.0 stylesheet.

    python3 Scripts/iia_hash_official.py RESPONSE.xml [OUT.json]

Runs Saxon-HE (Debian's libsaxonhe-java; `make deps` installs it) ONCE with Scripts/iia_hash_batch.xsl,
which applies the unmodified official transform_version_7.xsl to each IIA alone (found in
$EWP_SPECS_DIR, else ../shared/ewp-specs beside the repository; see Tests/SPECS.md). Prints (or writes
to OUT.json) a JSON list, one object per IIA in document order:
    {"iia_id": ..., "text_to_hash": ..., "iia_hash": sha256 hex, "valid_for_approval": bool}
The hash is computed here, with hashlib over the UTF-8 text. Exit 3 when Java or Saxon is missing.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SAXON_JAR = os.environ.get("SAXON_JAR", "/usr/share/java/Saxon-HE.jar")
SPECS = os.environ.get("EWP_SPECS_DIR") or os.path.join(HERE, "..", "..", "shared", "ewp-specs")
TRANSFORM = "ewp-specs-api-iias/resources/xsltKit/transform_version_7.xsl"


def batch_stylesheet(directory):
    """iia_hash_batch.xsl with its import pointed at the official transform in SPECS."""
    transform = os.path.abspath(os.path.join(SPECS, TRANSFORM))
    if not os.path.isfile(transform):
        sys.exit(f"the official {TRANSFORM} is not in {SPECS}: set EWP_SPECS_DIR (see Tests/SPECS.md)")
    with open(os.path.join(HERE, "iia_hash_batch.xsl"), encoding="utf-8") as f:
        text = f.read()
    text = text.replace('href="OFFICIAL-TRANSFORM"', 'href="%s"' % urllib.parse.urljoin("file:", urllib.request.pathname2url(transform)))
    path = os.path.join(directory, "iia_hash_batch.xsl")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    java = shutil.which("java")
    if java is None or not os.path.isfile(SAXON_JAR):
        missing = "java" if java is None else SAXON_JAR
        print(f"Saxon-HE is not installed ({missing} missing): run `make deps` "
              "(Debian packages libsaxonhe-java and default-jre-headless)", file=sys.stderr)
        sys.exit(3)
    with tempfile.TemporaryDirectory(prefix="iia-hash-") as directory:
        run = subprocess.run(
            [java, "-jar", SAXON_JAR, "-s:" + sys.argv[1],
             "-xsl:" + batch_stylesheet(directory), "-im:each-iia"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    if run.returncode != 0:
        print(run.stderr.decode("utf-8", "replace"), file=sys.stderr)
        sys.exit(f"Saxon failed with exit code {run.returncode}")
    results = []
    for iia in ET.fromstring(run.stdout).iter("iia"):
        text = iia.findtext("text-to-hash") or ""
        results.append({
            "iia_id": iia.findtext("iia-id") or "",
            "text_to_hash": text,
            "iia_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "valid_for_approval": iia.find("valid-for-approval") is None,
        })
    out = json.dumps(results, ensure_ascii=False, indent=1)
    if len(sys.argv) == 3:
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(out)
    else:
        print(out)


if __name__ == "__main__":
    main()
