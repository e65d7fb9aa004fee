#!/usr/bin/env python3
"""Write a large plain-text release for the text reader's benchmark.

usage: gen_release.py MEGABYTES OUT

The text has everything the reader looks at: chrome and a header, then
sections under ALL-CAPS headings, each a run of 40 numbered paragraphs
(one ordered list each), hard-wrapped lines, sub-items, notes, Korean and Japanese
paragraphs, and a trailer."""
import sys

mb, out = float(sys.argv[1]), sys.argv[2]
target = int(mb * 1024 * 1024)
head = ("본문 바로가기\nKOR\n\nPress Releases\n\nA Very Long Release for Benchmarking the Text Reader\n\n"
        "Date\n2024-01-18\nhit\n191\n\n")
en = ("The two sides agreed to step up comprehensive efforts to dissuade nuclear and missile\n"
      "developments, based on the international community's solid commitment, and to\n"
      "continue exploring practical measures to block key revenue streams.\n")
subs = "° first sub-item of the paragraph\n° second sub-item, a little longer than the first one\n"
ko = "양측은 앞으로도 긴밀히 소통해 나가기로 하였으며, 국제사회와의 공조를 강화하기로 하였다.\n"
ja = "両外相は、日韓関係の改善に向けて緊密に連携していくことで一致しました。\n"
with open(out, "w", encoding="utf-8") as f:
    f.write(head)
    n, part, size = 1, 1, len(head.encode())
    while size < target:
        block = ""
        if n > 40:
            n, part = 1, part + 1
            block = f"PART {part}\n\n"
        block += f"{n}. {en}"
        if n % 3 == 0:
            block += subs
        if n % 5 == 0:
            block += "\n* A note between two numbered paragraphs.\n"
        if n % 7 == 0:
            block += "\n" + ko + ja
        block += "\n\n"
        f.write(block)
        size += len(block.encode())
        n += 1
    f.write("Spokesperson and Deputy Minister for Public Relations of MOFA\n\nList\nPrint\n")
