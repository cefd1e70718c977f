#!/usr/bin/env python3
"""Writes a generated block into Benchmarks/RESULTS.md between its markers; text outside them is kept.

  results_block.py RESULTS.md generated.md "<!-- begin marker -->" "<!-- end marker -->" [ANCHOR]

When the markers are not there yet the block goes right after ANCHOR (a line in the file, e.g. another
block's end marker) if given and present, else at the start (no ANCHOR) or at the end (ANCHOR missing).
"""
import os
import sys


def main():
    path, generated, begin, end = sys.argv[1:5]
    anchor = sys.argv[5] if len(sys.argv) > 5 else None
    text = open(generated).read()
    old = open(path).read() if os.path.exists(path) else ""
    if begin in old and end in old:
        before, rest = old.split(begin, 1)
        after = rest.split(end, 1)[1]
    elif anchor is None:
        before, after = "", ("\n\n" + old if old else "\n")
    elif anchor in old:
        before, after = old.split(anchor, 1)
        before += anchor + "\n\n"
    else:
        before, after = old + ("\n" if old else ""), "\n"
    with open(path, "w") as f:
        f.write(before + begin + "\n" + text + end + after)


if __name__ == "__main__":
    main()
