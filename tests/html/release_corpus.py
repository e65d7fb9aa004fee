#!/usr/bin/env python3
"""release_corpus.py GALLEY SHARED FIELD CASE-GLOB... — one family of
../shared/corpora/releases-html checked as score-releases checks it: FIELD
(title, date, issuer or body) of every case whose folder matches one of the
globs. Exit 0 when every case is right, 1 naming each miss, 77 (SKIPPED)
when ../shared or its corpus is absent. The pages stay in ../shared."""
import collections, fnmatch, json, os, re, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from release_facts import body_texts, date_is, fold, issuer_matches, title_is  # noqa: E402


def words(s):
    return re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W_]+", fold(s))


def f1(got, want):
    g, w = collections.Counter(words(got)), collections.Counter(words(want))
    common = sum((g & w).values())
    if not common:
        return 0.0
    p, r = common / sum(g.values()), common / sum(w.values())
    return 2 * p * r / (p + r)


def check(field, doc, gt):
    meta = doc.get("meta") or {}
    if field == "title":
        return title_is(meta, gt.get("title"), gt.get("title_in_page")), f"{meta.get('title')!r} want {gt.get('title')!r}"
    if field == "date":
        return date_is(meta, gt["date"]), f"{meta.get('date')!r} want {gt['date']!r}"
    if field == "issuer":
        return issuer_matches(meta, gt["issuer"]), f"{meta.get('issuer')!r} want {gt['issuer']!r}"
    body = " ".join(body_texts(doc))
    want = gt.get("paragraphs") or [b.get("text", "") for b in gt.get("body_blocks") or []]
    s = f1(body, " ".join(want))
    return s >= 0.9, f"body F1 {s:.2f}"


def main():
    if len(sys.argv) < 5:
        print(__doc__)
        return 2
    galley, shared, field, globs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    corpus = os.path.join(shared, "corpora", "releases-html")
    if not os.path.isdir(corpus):
        print(f"SKIP: {corpus} is missing (the ../shared folder is not here)")
        return 77
    cases = sorted(c for c in os.listdir(corpus) if any(fnmatch.fnmatch(c, g) for g in globs))
    if not cases:
        print(f"no case of {corpus} matches {globs}")
        return 1
    bad = checked = 0
    for c in cases:
        gt = json.load(open(os.path.join(corpus, c, "expected.json"), encoding="utf-8"))
        r = subprocess.run([galley, "-f", "html", "-t", "json", os.path.join(corpus, c, "source.html")],
                           capture_output=True, timeout=120)
        if r.returncode != 0:
            print(f"{c}: galley failed: {r.stderr.decode('utf-8', 'replace')[:200]}")
            bad += 1
            continue
        if field != "body" and not gt.get(field):
            continue  # the case states no such fact
        checked += 1
        ok, why = check(field, json.loads(r.stdout), gt)
        if not ok:
            print(f"{c}: {field}: {why}")
            bad += 1
    print(f"{field}: {checked - bad}/{checked} cases right")
    if checked == 0:
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
