#!/usr/bin/env python3
"""corpus_family.py GALLEY CORPUS FAMILY

Regression test for one family of real releases (issue 14): read the cases
of FAMILY from the releases-text corpus of ../shared with `GALLEY -f text -t
json` and check the facts that family is about against each case's
hand-written JSON, with the rules of ../shared/tools/score-releases (titles
and dates equal, an issuer that contains or is contained in the one wanted,
top-level body blocks counted without signature, contact, note, dateline,
footer and disclaimer divs, the first and last words of the body, no chrome
line in it). Exit 77 (skipped) with the reason when the corpus is absent."""
import glob, json, os, re, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from release_facts import NOT_BODY, body_texts, date_is, fold, issuer_matches, norm  # noqa: E402

# The cases each family holds (the corpus's numbers) and the facts checked.
FAMILIES = {
    # 1. the title when chrome comes first (region labels, section names,
    #    page-top links, banners, status lines, label prefixes, trailing dashes)
    "title": (["05", "06", "07", "10", "12", "14", "17", "18", "19", "20", "22", "25", "26", "27", "31", "34",
               "38", "40"], ["title"]),
    # 2. the issuer: title, letterhead, signature, attribution, label, ticker, profile, footer
    "issuer": (["01", "02", "09", "12", "13", "14", "15", "17", "18", "19", "21", "27", "29", "30", "32", "33",
                "34", "35", "37"], ["issuer"]),
    # 3. header metadata layouts and date forms
    "date": (["06", "09", "14", "17", "18", "24", "26", "29", "30", "33", "34", "36", "37", "39"], ["date"]),
    # 4. paragraphs without blank lines between them
    "paragraphs": (["12", "13", "14", "17", "39"], ["paragraphs", "first_words", "last_words"]),
    # 5. chrome kept in the body
    "chrome": (["07", "13", "15", "21", "22", "24", "27", "30", "31", "32", "33", "34"],
               ["no_chrome", "paragraphs"]),
    # 6. numbering and structure: bare numbers, lettered points, Q&A turns
    "numbering": (["16", "23", "39"], ["paragraphs", "first_words"]),
}

MARK = re.compile(r"^\s*(?:\d{1,3}[.)]\s*)+|^\s*[□■◦○●•·°ㅇo\-–▲△※*]\s+")


def top_count(blocks):
    n = 0
    for b in blocks or []:
        t = b.get("type")
        if t == "list":
            n += len(b.get("items", []))
        elif t == "div" and b.get("role") in NOT_BODY:
            continue
        elif t in ("paragraph", "quote", "table", "code", "figure", "heading", "div"):
            n += 1
    return n


def check(doc, gt, fact):
    meta = doc.get("meta") or {}
    body = body_texts(doc)
    if fact == "title":
        if gt.get("title"):
            return fold(meta.get("title")) == fold(gt["title"]), f"title {meta.get('title')!r}, want {gt['title']!r}"
        return not meta.get("title"), f"title {meta.get('title')!r}, want none"
    if fact == "date":
        if gt.get("date"):
            return date_is(meta, gt["date"]), f"date {meta.get('date')!r}, want {gt['date']!r}"
        return not meta.get("date"), f"date {meta.get('date')!r}, want none"
    if fact == "issuer":
        if not fold(gt.get("issuer")):
            return True, ""
        return issuer_matches(meta, gt["issuer"]), f"issuer {meta.get('issuer')!r}, want {gt['issuer']!r}"
    if fact == "paragraphs":
        n = top_count(doc.get("blocks"))
        return n == gt["paragraphs"], f"{n} body blocks, want {gt['paragraphs']}"
    if fact == "first_words":
        first = MARK.sub("", body[0]) if body else ""
        return first.startswith(norm(gt["first_words"])), f"body starts {first[:60]!r}, want {gt['first_words']!r}"
    if fact == "last_words":
        return any(x.endswith(norm(gt["last_words"])) for x in body[-4:]), f"body ends {body[-1][-60:] if body else ''!r}"
    if fact == "no_chrome":
        chrome = {norm(c) for c in gt.get("chrome", [])}
        bad = [x for x in body if x in chrome]
        return not bad, f"chrome in the body: {bad[:3]}"
    raise SystemExit(f"corpus_family.py: no fact {fact}")


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in FAMILIES:
        print(__doc__, file=sys.stderr)
        print("families: " + ", ".join(FAMILIES), file=sys.stderr)
        return 2
    galley, corpus, family = sys.argv[1:]
    if not os.path.isdir(corpus):
        print(f"SKIPPED: no corpus {corpus} (../shared is absent)")
        return 77
    cases, facts = FAMILIES[family]
    failed = 0
    for num in cases:
        found = glob.glob(os.path.join(corpus, num + "-*.json"))
        if len(found) != 1:
            print(f"{family}: case {num}: not in {corpus}")
            failed += 1
            continue
        gt = json.load(open(found[0], encoding="utf-8"))
        r = subprocess.run([galley, "-f", "text", "-t", "json", found[0][:-5] + ".txt"], capture_output=True)
        if r.returncode != 0:
            print(f"{family}: {os.path.basename(found[0])[:-5]}: galley failed: {r.stderr.decode()[:200]}")
            failed += 1
            continue
        doc = json.loads(r.stdout)
        for fact in facts:
            ok, why = check(doc, gt, fact)
            if not ok:
                print(f"{family}: {os.path.basename(found[0])[:-5]}: {why}")
                failed += 1
    print(f"{family}: {len(cases)} cases, {len(facts)} fact(s) each, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
