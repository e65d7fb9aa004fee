#!/usr/bin/env python3
"""Hostile-input benchmark (issue 16): every reader stays linear and memory
stays bounded. Each generator makes an input of size n, 2n and 4n; galley
converts it (CPU time = user + sys of the child, from wait4; peak RSS from
the same rusage). A case passes when each doubling costs at most 2.6x the CPU
time of the one before (linear, with noise; quadratic is 4x) once the time is
above 0.05 s. Memory: peak RSS / input size at each size (rss/in, which
includes the ~5 MB a galley process takes before it reads anything), and
per case the memory each further input byte costs, (peak(4n) - peak(n)) /
(size(4n) - size(n)) (per byte): how peak memory grows with the input. The
target (issue 16) is 5x for the tiny-paragraph text and the JSON cases; the
summary at the end gives both figures against it.

    tests/bench/hostile/run.py [BUILD_DIR]     (default: build)

Exit 0 when every case is linear, 1 otherwise (memory is reported, not a
verdict)."""
import json, os, subprocess, sys, tempfile

build = sys.argv[1] if len(sys.argv) > 1 else "build"
galley = os.path.join(build, "galley")
tmp = tempfile.mkdtemp(prefix="galley-bench-hostile.")


def keywords(n):
    return "<html><head><title>t</title>" + "".join('<meta name="keywords" content="k%d, x%d">' % (i, i) for i in range(n)) + \
        "".join('<meta property="article:tag" content="tag%d">' % i for i in range(n)) + "</head><body><p>x</p></body></html>"


def jsonld(n):
    ld = json.dumps({"@type": "NewsArticle", "headline": "h", "keywords": ["kw%d" % i for i in range(n)]})
    return '<html><head><script type="application/ld+json">%s</script></head><body><p>x</p></body></html>' % ld


def attributes(n):  # many elements at the attribute limit
    el = "<p " + " ".join('a%d="1"' % i for i in range(1000)) + ">x</p>"
    return "<html><body>" + el * (n // 1000) + "</body></html>"


def deep_divs(n):
    return "<html><body>" + "<div>" * n + "<p>deep</p>" + "</div>" * n + "</body></html>"


def deep_lists(n):
    return "<html><body>" + "<ul><li>item " * n + "</body></html>"


def text_run(n):
    return "<html><body><p>" + "word " * n + "</p><p>tail</p></body></html>"


def links(n):
    return "<html><body><p>" + "".join('<a href="/a%d">a <a href="/b">b</a></a> ' % i for i in range(n)) + "</p></body></html>"


def tiny_paragraphs(n):
    return "Title\n\n" + "".join("p%d.\n\n" % i for i in range(n))


def header_lines(n):
    return "".join("Key%d: value %d\n" % (i, i) for i in range(n)) + "\nBody.\n"


def json_meta(n):
    return json.dumps({"galley-ir": 1, "meta": {"k%d" % i: "v" for i in range(n)}, "blocks": []})


def json_blocks(n):
    return json.dumps({"galley-ir": 1, "meta": {}, "blocks": [
        {"type": "paragraph", "inlines": [{"type": "text", "text": "p%d" % i}]} for i in range(n)]})


CASES = [  # name, generator, extension, output format, base n
    ("html-keywords", keywords, "html", "json", 20000),
    ("html-jsonld-keywords", jsonld, "html", "json", 20000),
    ("html-attributes", attributes, "html", "json", 200000),
    ("html-deep-divs", deep_divs, "html", "json", 50000),
    ("html-deep-lists", deep_lists, "html", "json", 5000),
    ("html-text-run", text_run, "html", "markdown", 1000000),
    ("html-nested-links", links, "html", "markdown", 20000),
    ("text-tiny-paragraphs", tiny_paragraphs, "txt", "json", 100000),
    # the same to Markdown: the JSON form of a 9-byte paragraph is 140 bytes,
    # and a writer's output is held in memory until it is complete
    ("text-tiny-paragraphs-md", tiny_paragraphs, "txt", "markdown", 100000),
    ("text-header-lines", header_lines, "txt", "json", 50000),
    ("json-meta-keys", json_meta, "json", "markdown", 20000),
    ("json-blocks", json_blocks, "json", "markdown", 100000),
]


def run(path, fmt):
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execv(galley, [galley, path, "-t", fmt])
    _, status, ru = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), ru.ru_utime + ru.ru_stime, ru.ru_maxrss * 1024


MEMORY_TARGET = 5.0
MEMORY_CASES = ("text-tiny-paragraphs", "text-tiny-paragraphs-md", "json-meta-keys", "json-blocks")

bad = 0
memory = []
print("%-24s %9s %8s %8s %8s %8s  %s" % ("case", "n", "cpu s", "ratio", "peak MB", "rss/in", "verdict"))
for name, gen, ext, fmt, n in CASES:
    prev = None
    verdict = "linear"
    peaks = []
    for k in (1, 2, 4):
        path = os.path.join(tmp, "%s-%d.%s" % (name, k, ext))
        with open(path, "w") as f:
            f.write(gen(n * k))
        size = os.path.getsize(path)
        rc, cpu, rss = run(path, fmt)
        ratio = cpu / prev if prev and prev > 0.05 else None
        if rc != 0:
            verdict = "exit %d" % rc
        elif ratio is not None and ratio > 2.6:
            verdict = "NOT LINEAR"
        peaks.append((size, rss))
        print("%-24s %9d %8.3f %8s %8.1f %8.1f  %s" % (name, n * k, cpu, "%.2f" % ratio if ratio else "-",
                                                       rss / 1e6, rss / size, verdict if k == 4 else ""))
        prev = cpu
        os.unlink(path)
    bad += verdict != "linear"
    (s1, r1), (s4, r4) = peaks[0], peaks[-1]
    memory.append((name, r4 / s4, (r4 - r1) / (s4 - s1)))
os.rmdir(tmp)

print("\npeak memory against the input (target %.0fx for %s):" % (MEMORY_TARGET, ", ".join(MEMORY_CASES)))
print("%-24s %8s %9s  %s" % ("case", "rss/in", "per byte", ""))
for name, whole, marginal in memory:
    mark = ""
    if name in MEMORY_CASES:
        mark = "within %.0fx" % MEMORY_TARGET if whole <= MEMORY_TARGET else \
            "OVER %.0fx (per byte %s)" % (MEMORY_TARGET, "within" if marginal <= MEMORY_TARGET else "over")
    print("%-24s %7.1fx %8.1fx  %s" % (name, whole, marginal, mark))
sys.exit(1 if bad else 0)
