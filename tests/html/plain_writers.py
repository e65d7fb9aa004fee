#!/usr/bin/env python3
"""plain_writers.py GALLEY SHARED FIXTURE... — plain HTML pages (fragments,
exports, a page of one paragraph, list, table or <pre>) through every
writer: every word the reader kept is in the Markdown (as cmark --unsafe renders it: tables are raw HTML)
and in the TEI, the TEI validates against tei_all in one run of
../shared/tools/validate (when ../shared is there), and no document is empty.
Exit 0 ok, 1 a failure, 77 when cmark is missing."""
import html, json, os, re, shutil, subprocess, sys, tempfile

galley, shared, fixtures = sys.argv[1], sys.argv[2], sys.argv[3:]
if not shutil.which("cmark"):
    print("SKIP: cmark is not installed")
    sys.exit(77)
failed = []
work = tempfile.mkdtemp()
teis = []


def words(s):
    return re.findall(r"[^\W_]+", s)


def texts(node, out):
    if isinstance(node, dict):
        if node.get("type") in ("text", "code") and "text" in node:
            out.append(node["text"])
        for v in node.values():
            texts(v, out)
    elif isinstance(node, list):
        for v in node:
            texts(v, out)
    return out


for f in fixtures:
    name = os.path.basename(f)
    tree = json.loads(subprocess.run([galley, "-q", "-f", "html", "-t", "json", f], check=True,
                                     capture_output=True).stdout)
    kept = words(" ".join(texts(tree["blocks"], [])))
    if not kept:
        failed.append(f"{name}: the reader kept no text")
        continue
    md = subprocess.run([galley, "-q", "-f", "html", "-t", "markdown", "--no-front-matter", f], check=True,
                        capture_output=True).stdout
    rendered = subprocess.run(["cmark", "--unsafe"], input=md, check=True, capture_output=True).stdout.decode()
    rendered = html.unescape(re.sub(r"<[^>]*>", " ", rendered))
    tei_path = os.path.join(work, name + ".tei.xml")
    subprocess.run([galley, "-q", "-f", "html", "-o", tei_path, f], check=True)
    teis.append(tei_path)
    tei = html.unescape(re.sub(r"<[^>]*>", " ", open(tei_path, encoding="utf-8").read()))
    for label, out in (("markdown", rendered), ("tei", tei)):
        have = set(words(out))
        missing = [w for w in kept if w not in have]
        if missing:
            failed.append(f"{name}: {label} lacks {missing[:5]}")

validate = os.path.join(shared, "tools", "validate")
if os.path.exists(validate) and teis:
    r = subprocess.run([validate, "tei"] + teis, capture_output=True, text=True)
    if r.returncode != 0:
        failed.append("TEI not valid: " + (r.stdout + r.stderr)[-800:])
else:
    print(f"note: {validate} is missing: TEI not validated (the other checks ran)")
shutil.rmtree(work)
for line in failed:
    print("FAIL:", line)
print(f"{len(fixtures)} plain pages through json, markdown and tei: {'FAILED' if failed else 'ok'}")
sys.exit(1 if failed else 0)
