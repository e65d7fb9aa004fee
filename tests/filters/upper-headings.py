#!/usr/bin/env python3
# A JSON filter for the tests: upper-cases the text of every heading and
# adds a keyword, reading the JSON form on stdin and writing it on stdout.
import json
import sys

doc = json.load(sys.stdin)


def walk(blocks):
    for b in blocks:
        if b.get("type") == "heading":
            for i in b.get("inlines", []):
                if i.get("type") == "text":
                    i["text"] = i["text"].upper()
        for key in ("blocks",):
            walk(b.get(key, []))
        for item in b.get("items", []):
            walk(item)


walk(doc.get("blocks", []))
doc.setdefault("meta", {}).setdefault("keywords", []).append("filtered")
json.dump(doc, sys.stdout)
