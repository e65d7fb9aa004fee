"""The release facts the corpus tests compare, with the rules of
../shared/tools/score-releases: one module for the text reader's families
(tests/text/corpus_family.py) and the HTML reader's (tests/html/release_corpus.py).

A tree is the JSON form galley writes (README, "The JSON form")."""
import re

# Divisions whose text is not the release's body.
NOT_BODY = ("signature", "contact", "note", "dateline", "footer", "disclaimer")


def norm(s):
    """Runs of white space (NBSP included) as one space, trimmed."""
    return re.sub(r"\s+", " ", (s or "").replace("\u00a0", " ")).strip()


def fold(s):
    return norm(s).casefold()


def inl_text(inlines):
    """The text of a list of inlines, breaks as spaces."""
    out = []
    for i in inlines or []:
        if i.get("type") in ("text", "code"):
            out.append(i.get("text", ""))
        elif i.get("type") in ("break", "softbreak", "linebreak"):
            out.append(" ")
        out.append(inl_text(i.get("inlines")))
    return "".join(out)


def block_texts(blocks, out=None, role=None):
    """(role, text) of every paragraph, heading, code block, table cell and
    figure caption in reading order; role is the nearest division's role."""
    if out is None:
        out = []
    for b in blocks or []:
        t = b.get("type")
        if t in ("paragraph", "heading"):
            out.append((role, inl_text(b.get("inlines"))))
        elif t == "code":
            out.append((role, b.get("text", "")))
        elif t == "list":
            for item in b.get("items", []):
                block_texts(item, out, role)
        elif t in ("quote", "div"):
            block_texts(b.get("blocks"), out, b.get("role") or role)
        elif t == "table":
            for row in b.get("rows", []):
                for cell in row:
                    block_texts(cell.get("blocks"), out, role)
        elif t == "figure":
            out.append((role, inl_text(b.get("caption"))))
    return out


def body_texts(doc):
    """The body's texts, normalised, without the NOT_BODY divisions."""
    return [norm(x) for r, x in block_texts(doc.get("blocks")) if norm(x) and r not in NOT_BODY]


def title_is(meta, *wanted):
    want = {fold(w) for w in wanted} - {""}
    return fold(meta.get("title")) in want


def date_is(meta, want):
    return (meta.get("date") or "")[:10] == want


def issuer_matches(meta, want):
    """The issuer wanted contains the one found, or is contained in it."""
    gi, mi = fold(want), fold(meta.get("issuer"))
    return bool(mi) and (gi in mi or mi in gi)
