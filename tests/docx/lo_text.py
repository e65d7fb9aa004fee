#!/usr/bin/env python3
"""lo_text.py EXPECTED.json TXTDIR — the text LibreOffice exported from the DOCX writer's
documents holds the release's lines in order, with the numbers Word numbering gives."""
import json
import sys

exp = json.load(open(sys.argv[1], encoding="utf-8"))
bad = 0


def lines(name):
    return [l.strip().lstrip("\ufeff") for l in open(f"{sys.argv[2]}/{name}.txt", encoding="utf-8")]


def in_order(name, want):
    global bad
    got, i = lines(name), 0
    for w in want:
        while i < len(got) and got[i] != w:
            i += 1
        if i == len(got):
            print(f"FAIL: {name}: {w[:60]!r} missing or out of order")
            bad = 1
            return


for name in ("seed-text", "seed-html"):
    in_order(name, ["Press Releases", exp["title"], *[f"{p['number']}. {p['text']}" for p in exp["paragraphs"]]])
in_order("features", ["Press Releases", "Minister Holds Talks on Trade & <Security>", "Joint statement issued",
                      "2024-03-05 · Ministry of Testing", "Overview", "3. Third paragraph.", "4. Fourth paragraph.",
                      "a. Sub one.", "b. Sub two.", "5. Fifth paragraph.", "1. Another list, from one.",
                      "2. Its second item.", "Details", "A quoted sentence.", "first line", "indented line",
                      "last line", "Table 1. Results", "Name", "Q1–Q2", "Spokesperson", "Ministry of Testing",
                      "Contact: press@example.org"])
if not bad:
    print("ok: LibreOffice reads the text in order, with the lists' numbers")
sys.exit(bad)
