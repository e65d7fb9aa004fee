#!/usr/bin/env python3
"""The real-world sweep of issue 16 (run through tests/bench/sweep/run.sh).

Gathers thousands of plain-text and HTML pages into WORK/src/SOURCE/ (real ones from Debian
documentation packages and /usr/share/doc, derived ones from ../shared/corpora read at run
time), converts each source with one `galley batch -t json,markdown,tei,docx,epub` under a
watchdog (a per-file timeout: a run whose report stops growing is killed, the file in flight
is found by single-mode runs under `timeout`, set aside as a hang or crash, and the batch
resumed with --skip-existing), then checks every output: JSON read back by galley to the same
bytes, no empty document from a page with text, Markdown valid UTF-8 without control
characters, TEI against tei_all with one jing run, every DOCX part against the ECMA-376
schemas with one xmllint run per schema (and a sample through ../shared/tools/validate docx),
every EPUB's mimetype and XML well-formed (and a sample through epubcheck). Prints counts per
source and format, the findings and the CPU time; writes WORK/summary.json.
"""
import argparse
import collections
import gzip
import html.parser
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
FORMATS = ['json', 'markdown', 'tei', 'docx', 'epub']
EXT = {'json': '.json', 'markdown': '.md', 'tei': '.tei.xml', 'docx': '.docx', 'epub': '.epub'}
DEBIAN_HTML = [('postgresql-doc-15', '/usr/share/doc/postgresql-doc-15/html'),
               ('python3.11-doc', '/usr/share/doc/python3.11/html')]
SOURCES = ['debian-html', 'debian-text', 'gen-text', 'gen-html', 'via-galley']


def log(*a):
    print(*a, flush=True)


# ---------------------------------------------------------------- gathering

class TextOf(html.parser.HTMLParser):
    """The words of a page outside script, style and head: is there text at all?"""
    HIDDEN = ('script', 'style', 'head', 'title', 'template', 'svg', 'math', 'select', 'button', 'iframe', 'object')

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.words = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.words += len(re.findall(r'\w{2,}', data))


def html_words(data):
    p = TextOf()
    try:
        # no close(): it would hand a tag cut short at the end of a truncated page over as text
        p.feed(data.decode('utf-8', 'replace') if isinstance(data, bytes) else data)
    except Exception:
        pass
    return p.words


def text_words(s):
    return len(re.findall(r'\w{2,}', s))


class Gatherer:
    def __init__(self, work, rng, manifest):
        self.work = work
        self.rng = rng
        self.manifest = manifest

    def put(self, source, rel, data, words, origin, how):
        path = os.path.join(self.work, 'src', source, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        self.manifest[os.path.join(source, rel)] = {'source': source, 'origin': origin, 'how': how,
                                                     'words': words, 'bytes': len(data)}


def sample(rng, items, n):
    items = sorted(items)
    if n is None or len(items) <= n:
        return items
    return sorted(rng.sample(items, n))


def gather_debian_html(g, dirs, cap):
    files = []
    for name, d in dirs:
        for root, subdirs, names in os.walk(d):
            subdirs.sort()
            for n in names:
                if n.endswith('.html'):
                    files.append((name, os.path.relpath(os.path.join(root, n), d), os.path.join(root, n)))
    for name, rel, path in sample(g.rng, files, cap):
        with open(path, 'rb') as f:
            data = f.read()
        g.put('debian-html', os.path.join(name, rel), data, html_words(data), path, 'as installed')


def is_text(data):
    if b'\0' in data[:65536]:
        return False
    try:
        data.decode('utf-8')
        return True
    except UnicodeDecodeError:
        return True  # legacy charsets are text too; the reader must detect them


def gather_debian_text(g, cap):
    groups = collections.defaultdict(list)
    py_sources = '/usr/share/doc/python3.11/html/_sources'
    for root, subdirs, names in os.walk('/usr/share/doc'):
        subdirs.sort()
        if root.startswith('/usr/share/doc/python3.11/html') and not root.startswith(py_sources):
            continue
        if root.startswith('/usr/share/doc/postgresql-doc-15/html'):
            continue
        for n in names:
            p = os.path.join(root, n)
            if os.path.islink(p) or not os.path.isfile(p):
                continue
            if root.startswith(py_sources) and n.endswith('.txt'):
                groups['rst'].append(p)
            elif n == 'copyright':
                groups['copyright'].append(p)
            elif n.startswith('changelog') and n.endswith('.gz'):
                groups['changelog'].append(p)
            elif re.match(r'(README|NEWS|TODO|AUTHORS|THANKS|BUGS|FAQ|HISTORY|CHANGES)', n) or n.endswith('.txt') \
                    or n.endswith('.txt.gz'):
                groups['readme'].append(p)
    share = {'rst': 0.3, 'copyright': 0.25, 'readme': 0.25, 'changelog': 0.2}
    for kind, paths in sorted(groups.items()):
        n = None if cap is None else max(1, int(cap * share[kind]))
        for p in sample(g.rng, paths, n):
            with open(p, 'rb') as f:
                data = f.read()
            if p.endswith('.gz'):
                try:
                    data = gzip.decompress(data)
                except OSError:
                    continue
            if len(data) > 2 * 1024 * 1024 or not data.strip() or not is_text(data):
                continue
            rel = os.path.relpath(p, '/usr/share/doc')
            rel = re.sub(r'\.gz$', '', rel)
            if not rel.endswith('.txt'):
                rel += '.txt'
            g.put('debian-text', os.path.join(kind, rel), data,
                  text_words(data.decode('utf-8', 'replace')), p, 'as installed')


LEGACY = ['cp1252', 'latin-1', 'euc-kr', 'shift_jis', 'gb18030']


def legacy(s):
    for enc in LEGACY:
        try:
            return s.encode(enc), enc
        except UnicodeEncodeError:
            pass
    return None, None


def paragraphs(s):
    return [p for p in re.split(r'\n\s*\n', s) if p.strip()]


def text_variants(rng, name, s, others):
    """Honest transformations of one plain-text release (s: str)."""
    b = s.encode('utf-8')
    out = [('crlf', s.replace('\n', '\r\n').encode()), ('cr', s.replace('\n', '\r').encode()),
           ('utf8-bom', b'\xef\xbb\xbf' + b),
           ('utf16le-bom', s.encode('utf-16')), ('utf16be-bom', b'\xfe\xff' + s.encode('utf-16-be')),
           ('utf16le-nobom', s.encode('utf-16-le')), ('utf16be-nobom', s.encode('utf-16-be'))]
    lb, enc = legacy(s)
    if lb is not None:
        out.append(('legacy-' + enc, lb))
    for i in range(3):
        cut = rng.randint(max(1, len(b) // 10), max(2, len(b) * 95 // 100))
        out.append(('trunc%d-at-%d' % (i + 1, cut), b[:cut]))
    ps = paragraphs(s)
    head, body = ps[:3], ps[3:]
    shuffled = body[:]
    rng.shuffle(shuffled)
    out.append(('shuffle', '\n\n'.join(head + shuffled).encode()))
    other_name, other = rng.choice(others)
    ops = paragraphs(other)
    out.append(('merge-head-of-%s' % other_name[:20], '\n\n'.join(ops[:3] + body).encode()))
    out.append(('concat-%s' % other_name[:20], (s + '\n\n' + other).encode()))
    lines = s.split('\n')
    k = rng.randint(1, 5)
    out.append(('nohead%d' % k, '\n'.join(lines[k:]).encode()))
    out.append(('duphead', '\n'.join(lines[:6] + lines[:6] + lines).encode()))
    joined = []
    for i in range(0, len(ps), 2):
        joined.append('\n'.join(ps[i:i + 2]))
    out.append(('joined', '\n\n'.join(joined).encode()))
    out.append(('indented', '\n'.join(('\t' if i % 3 == 0 else '\u00a0\u00a0') + l + '  ' for i, l in
                                      enumerate(lines)).encode()))
    out.append(('nobreaks', re.sub(r'\n\s*\n', '\n', s).encode()))
    return out


CHARSET = re.compile(rb'''(<meta[^>]*charset\s*=\s*["']?)([\w-]+)''', re.I)


def set_charset(h, enc):
    """h: bytes of a UTF-8 page; every charset declaration now names enc (one added if none)."""
    if CHARSET.search(h):
        return CHARSET.sub(lambda m: m.group(1) + enc.encode(), h)
    m = re.search(rb'<head[^>]*>', h, re.I)
    tag = b'<meta charset="' + enc.encode() + b'">'
    return h[:m.end()] + tag + h[m.end():] if m else tag + h


PARA = re.compile(r'<p[\s>].*?</p>', re.I | re.S)


def html_variants(rng, name, h, others):
    """Honest transformations of one HTML page (h: bytes, UTF-8)."""
    s = h.decode('utf-8', 'surrogateescape')
    out = []
    for i in range(2):
        cut = rng.randint(max(1, len(h) // 10), max(2, len(h) * 95 // 100))
        out.append(('trunc%d-at-%d' % (i + 1, cut), h[:cut]))
    out.append(('crlf', re.sub(rb'\r?\n', b'\r\n', h)))
    u = h.decode('utf-8', 'replace')
    out.append(('cp1252', set_charset(u.encode('utf-8'), 'windows-1252').decode('utf-8').encode('cp1252', 'xmlcharrefreplace')))
    out.append(('utf16', set_charset(u.encode('utf-8'), 'utf-16').decode('utf-8').encode('utf-16')))
    paras = PARA.findall(s)
    if len(paras) > 2:
        shuffled = paras[:]
        rng.shuffle(shuffled)
        it = iter(shuffled)
        out.append(('shuffle', PARA.sub(lambda m: next(it), s).encode('utf-8', 'surrogateescape')))
    other_name, other = rng.choice(others)
    o = other.decode('utf-8', 'surrogateescape')
    m = re.search(r'<body[^>]*>(.*)</body>', o, re.I | re.S)
    inner = m.group(1) if m else o
    pos = s.lower().rfind('</body>')
    if pos < 0:
        pos = len(s)
    out.append(('merge-%s' % other_name[:20], (s[:pos] + inner + s[pos:]).encode('utf-8', 'surrogateescape')))
    out.append(('nohead', re.sub(r'<head[\s>].*?</head>', '', s, count=1, flags=re.I | re.S)
                .encode('utf-8', 'surrogateescape')))
    m = re.search(r'<h1[\s>].*?</h1>', s, re.I | re.S) or re.search(r'<header[\s>].*?</header>', s, re.I | re.S)
    if m:
        out.append(('duphead', (s[:m.end()] + m.group(0) + m.group(0) + s[m.end():]).encode('utf-8', 'surrogateescape')))
    # the end tags HTML lets a page leave out (not </div>: an unclosed hidden div hides the rest in
    # a browser too)
    out.append(('noclose', re.sub(r'</(p|li|dt|dd|td|th|tr|thead|tbody|tfoot|option)>', '', s, flags=re.I)
                .encode('utf-8', 'surrogateescape')))
    return out


def corpus_pages(shared):
    pages = []
    for c in ('releases-html', 'readability/test-pages'):
        d = os.path.join(shared, 'corpora', c)
        if os.path.isdir(d):
            for n in sorted(os.listdir(d)):
                p = os.path.join(d, n, 'source.html')
                if os.path.isfile(p):
                    with open(p, 'rb') as f:
                        pages.append((c.split('/')[0] + '-' + n, f.read()))
    return pages


def corpus_texts(shared):
    d = os.path.join(shared, 'corpora', 'releases-text')
    texts = []
    if os.path.isdir(d):
        for n in sorted(os.listdir(d)):
            if n.endswith('.txt'):
                with open(os.path.join(d, n), 'rb') as f:
                    texts.append((n[:-4], f.read().decode('utf-8')))
    return texts


def capped(rng, items, cap):
    return items if cap is None or len(items) <= cap else sorted(rng.sample(items, cap))


def gather_generated(g, shared, cap):
    texts = corpus_texts(shared)
    allv = []
    for name, s in texts:
        for how, data in text_variants(g.rng, name, s, [t for t in texts if t[0] != name]):
            allv.append((name, how, data))
    for name, how, data in capped(g.rng, allv, cap):
        g.put('gen-text', os.path.join(name, how + '.txt'), data,
              text_words(data.decode('utf-8', 'replace')) if not how.startswith(('utf16', 'legacy'))
              else text_words(dict(texts)[name]) if not how.startswith('trunc') else 1,
              'releases-text/' + name + '.txt', how)
    pages = corpus_pages(shared)
    allv = []
    for name, h in pages:
        for how, data in html_variants(g.rng, name, h, [p for p in pages if p[0] != name]):
            allv.append((name, how, data))
    for name, how, data in capped(g.rng, allv, cap):
        words = html_words(data) if how not in ('utf16', 'cp1252') else html_words(dict(pages)[name])
        g.put('gen-html', os.path.join(name, how + '.html'), data, words, name, how)
    return texts, pages


def gather_via_galley(g, galley, texts, pages, cap, env):
    """Pages converted by galley itself: HTML to Markdown read back as text, and text and HTML
    to EPUB whose XHTML chapters are read back as HTML."""
    tmp = os.path.join(g.work, 'via')
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.join(tmp, 'in'))
    for name, s in texts:
        with open(os.path.join(tmp, 'in', 't-' + name + '.txt'), 'w') as f:
            f.write(s)
    for name, h in pages:
        with open(os.path.join(tmp, 'in', 'h-' + name + '.html'), 'wb') as f:
            f.write(h)
    subprocess.run([galley, 'batch', '-q', '-t', 'markdown,epub', '-o', os.path.join(tmp, 'out'),
                    os.path.join(tmp, 'in')], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    made = []
    for n in sorted(os.listdir(os.path.join(tmp, 'out'))):
        p = os.path.join(tmp, 'out', n)
        base = n.rsplit('.', 1)[0]
        if n.endswith('.md') and n.startswith('h-'):
            with open(p, 'rb') as f:
                data = f.read()
            made.append((os.path.join('md-as-text', base + '.txt'), data,
                         text_words(data.decode('utf-8', 'replace')), base, 'html -> markdown, read as text'))
        elif n.endswith('.epub'):
            with zipfile.ZipFile(p) as z:
                for m in z.namelist():
                    if m.endswith('.xhtml') and not m.endswith('nav.xhtml'):
                        data = z.read(m)
                        made.append((os.path.join('epub-xhtml-as-html', base, os.path.basename(m)[:-6] + '.html'),
                                     data, html_words(data), base, 'epub chapter, read as html'))
    for rel, data, words, origin, how in capped(g.rng, made, cap):
        g.put('via-galley', rel, data, words, origin, how)
    shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- converting

def walk_order(d):
    """Files below d in the order galley batch walks them: entries in strcmp order of names."""
    out = []
    for n in sorted(os.listdir(d), key=os.fsencode):
        p = os.path.join(d, n)
        if os.path.isdir(p):
            out.extend(walk_order(p))
        else:
            out.append(p)
    return out


def read_report(path):
    recs = {}
    if os.path.exists(path):
        with open(path, encoding='utf-8', errors='replace') as f:
            for line in f:
                try:
                    r = json.loads(line)
                except ValueError:
                    continue
                recs[r['input']] = r
    return recs


def single(galley, path, fmt, timeout, env):
    """One single-mode conversion under timeout: ('ok'|'failed'|'hang'|'crash', detail)."""
    try:
        p = subprocess.run(['timeout', '-s', 'KILL', str(timeout), galley, '-q', '-t', fmt, '-o', '/dev/null', path],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout + 30)
    except subprocess.TimeoutExpired:
        return 'hang', 'no end after %d s' % timeout
    err = p.stderr.decode('utf-8', 'replace')
    if p.returncode == 137 or p.returncode == -9:
        return 'hang', 'killed after %d s' % timeout
    if p.returncode < 0 or p.returncode > 3 or 'Sanitizer' in err or 'runtime error' in err:
        return 'crash', 'exit %d: %s' % (p.returncode, err.strip()[-2000:])
    return ('ok' if p.returncode == 0 else 'failed'), err.strip()


def convert_source(args, env, source, findings, stats):
    src = os.path.join(args.work, 'src', source)
    dest = os.path.join(args.work, 'out', source)
    quarantine = os.path.join(args.work, 'set-aside', source)
    os.makedirs(os.path.join(args.work, 'out'), exist_ok=True)
    records = {}
    cpu = 0.0
    wall = 0.0
    attempt = 0
    while True:
        attempt += 1
        rep = os.path.join(args.work, 'out', '%s.report.%d.jsonl' % (source, attempt))
        errlog = os.path.join(args.work, 'out', '%s.stderr.%d' % (source, attempt))
        cmd = [args.galley, 'batch', '-q', '-j', str(args.jobs), '-t', ','.join(FORMATS), '-o', dest,
               '--report', rep, '--skip-existing', src]
        t0 = os.times()
        w0 = time.monotonic()
        with open(errlog, 'wb') as ef:
            p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=ef, start_new_session=True)
            seen, last, why = -1, time.monotonic(), None
            while p.poll() is None:
                time.sleep(0.5)
                n = os.path.getsize(rep) if os.path.exists(rep) else 0
                if n != seen:
                    seen, last = n, time.monotonic()
                elif time.monotonic() - last > args.timeout:
                    why = 'hang'
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
                    break
        t1 = os.times()
        cpu += (t1.children_user - t0.children_user) + (t1.children_system - t0.children_system)
        wall += time.monotonic() - w0
        for k, r in read_report(rep).items():
            if r.get('status') != 'skipped' or k not in records:
                records[k] = r
        with open(errlog, 'rb') as f:
            err = f.read().decode('utf-8', 'replace')
        sanitizer = 'Sanitizer' in err or 'runtime error:' in err
        if why is None and p.returncode in (0, 1) and not sanitizer:
            break
        if why is None and not sanitizer and p.returncode == 3:
            findings.append({'kind': 'batch', 'source': source, 'detail': 'exit 3: ' + err.strip()[-500:]})
            break
        # a hang, a crash or a sanitizer report: find the file in flight by single-mode runs
        pending = [f for f in walk_order(src) if f not in records]
        if not pending:
            findings.append({'kind': 'crash' if why is None else why, 'source': source, 'file': None,
                             'detail': 'batch exit %s after the last document: %s' % (p.returncode, err.strip()[-1500:])})
            break
        culprit = None
        for f in pending[:16 * args.jobs + 2 * args.jobs]:
            for fmt in FORMATS:
                status, detail = single(args.galley, f, fmt, args.timeout, env)
                if status in ('hang', 'crash'):
                    culprit = (f, fmt, status, detail)
                    break
            if culprit:
                break
        if culprit is None:
            f = pending[0]
            culprit = (f, None, why or 'crash', 'batch %s (exit %s) with this file in flight; single mode passes: %s' %
                       (why or 'crash', p.returncode, err.strip()[-1500:]))
        f, fmt, status, detail = culprit
        findings.append({'kind': status, 'source': source, 'file': os.path.relpath(f, os.path.join(args.work, 'src')),
                         'format': fmt, 'detail': detail})
        target = os.path.join(quarantine, os.path.relpath(f, src))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.rename(f, target)
        records[f] = {'input': f, 'status': status, 'error': detail}
        if attempt > 50:
            findings.append({'kind': 'batch', 'source': source, 'detail': 'gave up after 50 restarts'})
            break
    stats['cpu'][source] = cpu
    stats['wall'][source] = wall
    return records


# ---------------------------------------------------------------- checking

def json_text(node, acc):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == 'text' and isinstance(v, str):
                acc.append(v)
            else:
                json_text(v, acc)
    elif isinstance(node, list):
        for v in node:
            json_text(v, acc)
    return acc


CONTROL = re.compile('[\x00-\x08\x0b-\x1f\x7f-\x9f]')


def check_markdown(path):
    with open(path, 'rb') as f:
        data = f.read()
    try:
        s = data.decode('utf-8')
    except UnicodeDecodeError as e:
        return 'not UTF-8: %s' % e
    m = CONTROL.search(s)
    if m:
        return 'control character U+%04X at %d' % (ord(m.group(0)), m.start())
    return None


def chunks(items, n):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def run_tool(cmd, files, chunk=400):
    """Runs cmd + files in chunks; returns the combined output."""
    out = []
    for part in chunks(files, chunk):
        p = subprocess.run(cmd + part, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out.append(p.stdout.decode('utf-8', 'replace'))
    return ''.join(out)


def validate_tei(schemas, files):
    """One jing run (per chunk) over all TEI files: {file: first error}."""
    rng = os.path.join(schemas, 'tei', 'tei_all.rng')
    bad = {}
    out = run_tool(['jing', rng], files, 2000)
    for line in out.splitlines():
        if 'Unable to locate' in line:
            continue
        m = re.match(r'(/[^:]+):(\d+):(\d+): (.*)', line)
        if m:
            bad.setdefault(m.group(1), line)
        elif line.strip():
            bad.setdefault('?', line)
    return bad


def docx_schema(ooxml, part):
    if part == '[Content_Types].xml':
        return os.path.join(ooxml, 'OpenPackagingConventions-XMLSchema', 'opc-contentTypes.xsd')
    if part.endswith('.rels'):
        return os.path.join(ooxml, 'OpenPackagingConventions-XMLSchema', 'opc-relationships.xsd')
    if part == 'docProps/core.xml':
        return os.path.join(ooxml, 'core-offline.xsd')
    if part == 'docProps/app.xml':
        return os.path.join(ooxml, 'app-offline.xsd')
    if part.startswith(('word/theme/', 'customXml/')) or part == 'docProps/custom.xml':
        return None
    if part.startswith('word/') and part.endswith('.xml'):
        return os.path.join(ooxml, 'wml-offline.xsd')
    return None


def validate_docx(schemas, files, tmp):
    """Every part of every package against the schema ../shared/tools/validate uses for it, one
    xmllint run per schema (and chunk); package structure and relationship targets in Python."""
    import xml.etree.ElementTree as ET
    ooxml = os.path.join(schemas, 'ooxml')
    bad = {}
    by_schema = collections.defaultdict(list)
    owner = {}
    for i, f in enumerate(files):
        d = os.path.join(tmp, str(i))
        try:
            with zipfile.ZipFile(f) as z:
                names = z.namelist()
                for req in ('[Content_Types].xml', '_rels/.rels', 'word/document.xml'):
                    if req not in names:
                        bad.setdefault(f, 'missing part ' + req)
                z.extractall(d)
        except (zipfile.BadZipFile, OSError) as e:
            bad[f] = 'not a zip package: %s' % e
            continue
        for n in names:
            if not (n.endswith('.xml') or n.endswith('.rels')):
                continue
            p = os.path.join(d, n)
            owner[p] = f
            by_schema[docx_schema(ooxml, n)].append(p)
            if n.endswith('.rels'):
                base = os.path.dirname(os.path.dirname(p))
                try:
                    for r in ET.parse(p).getroot():
                        if r.get('TargetMode') == 'External':
                            continue
                        t = r.get('Target', '')
                        q = os.path.join(d, t.lstrip('/')) if t.startswith('/') else os.path.join(base, t)
                        if not os.path.exists(q):
                            bad.setdefault(f, '%s points at missing %s' % (n, t))
                except ET.ParseError as e:
                    bad.setdefault(f, '%s: %s' % (n, e))
    for schema, parts in by_schema.items():
        cmd = ['xmllint', '--nonet', '--noout'] + (['--schema', schema] if schema else [])
        out = run_tool(cmd, parts, 500)
        for line in out.splitlines():
            if line.endswith(' validates') or 'Schemas parser warning' in line or 'Skipping import' in line:
                continue
            m = re.match(r'(/[^:]+?)(:\d+)?: ', line) or re.match(r'(/\S+) fails to validate', line)
            f = owner.get(m.group(1)) if m else None
            bad.setdefault(f or '?', '%s: %s' % (os.path.relpath(m.group(1), tmp) if m else '', line[:300]))
    return bad


def check_epub(path, tmp):
    """mimetype first and stored, every XML entry well-formed (xmllint later): None or error."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if not infos or infos[0].filename != 'mimetype' or infos[0].compress_type != zipfile.ZIP_STORED \
                    or z.read('mimetype') != b'application/epub+zip':
                return 'mimetype is not the first, stored entry', []
            if 'META-INF/container.xml' not in z.namelist():
                return 'no META-INF/container.xml', []
            bad = z.testzip()
            if bad:
                return 'damaged entry ' + bad, []
            xml = [n for n in z.namelist() if n.endswith(('.xml', '.xhtml', '.opf', '.ncx'))]
            z.extractall(tmp, xml)
            return None, [os.path.join(tmp, n) for n in xml]
    except (zipfile.BadZipFile, OSError) as e:
        return 'not a zip: %s' % e, []


def check_all(args, env, records, manifest, findings, stats):
    src_root = os.path.join(args.work, 'src')
    out_root = os.path.join(args.work, 'out')
    counts = collections.defaultdict(lambda: collections.Counter())
    outputs = collections.defaultdict(list)  # fmt -> [(source, rel, path)]
    for path, r in sorted(records.items()):
        rel = os.path.relpath(path, src_root)
        source = rel.split(os.sep)[0]
        m = manifest.get(rel, {})
        counts[source]['pages'] += 1
        st = r.get('status')
        if st != 'ok':
            for fmt in FORMATS:
                counts[(source, fmt)][st or 'missing'] += 1
            if st not in ('hang', 'crash'):  # those are findings already
                findings.append({'kind': 'refused' if st == 'failed' else st, 'source': source, 'file': rel,
                                 'how': m.get('how'), 'detail': r.get('error')})
            continue
        stem = os.path.join(out_root, os.path.splitext(rel)[0])
        for fmt in FORMATS:
            p = stem + EXT[fmt]
            if fmt == 'markdown' and os.path.isfile(p) and os.path.getsize(p) == 0 and \
                    os.path.getsize(stem + EXT['json']) > 0 and \
                    not json_text(json.load(open(stem + EXT['json'], 'rb')), []):
                outputs[fmt].append((source, rel, p))  # an empty document: no Markdown at all is right
            elif not os.path.isfile(p) or os.path.getsize(p) == 0:
                counts[(source, fmt)]['missing'] += 1
                findings.append({'kind': 'missing output', 'source': source, 'file': rel, 'format': fmt})
            else:
                outputs[fmt].append((source, rel, p))
    verdict = {}  # (fmt, path) -> error or None

    # JSON: parses, has text when the page has, and galley reads it back to the same bytes
    jt = []
    for source, rel, p in outputs['json']:
        try:
            with open(p, 'rb') as f:
                data = f.read()
            doc = json.loads(data)
            words = len(re.findall(r'\w+', ' '.join(json_text(doc.get('blocks', []), []))))
            words_in = manifest.get(rel, {}).get('words', 0)
            stats['words_in'] += words_in
            stats['words_out'] += words
            if words == 0 and words_in >= 3:
                findings.append({'kind': 'empty document', 'source': source, 'file': rel,
                                 'how': manifest.get(rel, {}).get('how'), 'detail': 'the page has %d words' % words_in})
            elif words_in >= 200 and words * 20 < words_in:
                stats['thin'].append((rel, words_in, words))
            jt.append((source, rel, p))
            verdict[('json', p)] = None
        except ValueError as e:
            verdict[('json', p)] = 'not JSON: %s' % e
    rt = os.path.join(args.work, 'roundtrip')
    shutil.rmtree(rt, ignore_errors=True)
    lst = os.path.join(args.work, 'roundtrip.list')
    rtin = os.path.join(args.work, 'json-tree')
    shutil.rmtree(rtin, ignore_errors=True)
    for source, rel, p in jt:
        q = os.path.join(rtin, os.path.splitext(rel)[0] + '.json')
        os.makedirs(os.path.dirname(q), exist_ok=True)
        os.link(p, q)
    t0 = os.times()
    p = subprocess.run([args.galley, 'batch', '-q', '-j', str(args.jobs), '-f', 'json', '-t', 'json', '-o', rt,
                        '--report', lst, rtin], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t1 = os.times()
    err = p.stderr.decode('utf-8', 'replace')
    if p.returncode not in (0, 1) or 'Sanitizer' in err or 'runtime error:' in err:
        findings.append({'kind': 'crash', 'source': 'json read-back', 'file': None,
                         'detail': 'exit %d: %s' % (p.returncode, err.strip()[-1500:])})
    stats['cpu']['json read-back'] = (t1.children_user - t0.children_user) + (t1.children_system - t0.children_system)
    back = read_report(lst)
    for source, rel, p in jt:
        q = os.path.join(rtin, os.path.splitext(rel)[0] + '.json')
        r = back.get(q)
        o = os.path.join(rt, os.path.splitext(rel)[0] + '.json')
        if not r or r.get('status') != 'ok':
            verdict[('json', p)] = 'galley -f json refuses it: %s' % (r or {}).get('error')
        else:
            with open(p, 'rb') as f1, open(o, 'rb') as f2:
                if f1.read() != f2.read():
                    verdict[('json', p)] = 'read back and written again, the bytes differ'
    shutil.rmtree(rt, ignore_errors=True)
    shutil.rmtree(rtin, ignore_errors=True)

    for source, rel, p in outputs['markdown']:
        verdict[('markdown', p)] = check_markdown(p)

    schemas = os.path.join(args.shared, 'schemas')
    if args.quick:
        for fmt in ('tei', 'docx', 'epub'):
            for source, rel, p in outputs[fmt]:
                counts[(source, fmt)]['written'] += 1
            outputs[fmt] = []
    log('sweep: JSON and Markdown checked')
    tei_files = [p for _, _, p in outputs['tei']]
    t0 = time.monotonic()
    if shutil.which('jing') and os.path.isfile(os.path.join(schemas, 'tei', 'tei_all.rng')):
        bad = validate_tei(schemas, tei_files)
        for p in tei_files:
            verdict[('tei', p)] = bad.get(p)
        if '?' in bad:
            findings.append({'kind': 'validator', 'format': 'tei', 'detail': bad['?']})
    else:
        log('sweep: no jing or no tei_all.rng: TEI not validated')
    stats['validate_s']['tei (jing)'] = time.monotonic() - t0
    log('sweep: TEI validated')

    t0 = time.monotonic()
    tmp = tempfile.mkdtemp(prefix='docx-', dir=args.work)
    docx_files = [p for _, _, p in outputs['docx']]
    bad = validate_docx(schemas, docx_files, tmp)
    for p in docx_files:
        verdict[('docx', p)] = bad.get(p)
    if '?' in bad:
        findings.append({'kind': 'validator', 'format': 'docx', 'detail': bad['?']})
    shutil.rmtree(tmp, ignore_errors=True)
    stats['validate_s']['docx (xmllint, ECMA-376)'] = time.monotonic() - t0
    log('sweep: DOCX validated')

    t0 = time.monotonic()
    tmp = tempfile.mkdtemp(prefix='epub-', dir=args.work)
    xml_of = {}
    for i, (source, rel, p) in enumerate(outputs['epub']):
        err, xml = check_epub(p, os.path.join(tmp, str(i)))
        verdict[('epub', p)] = err
        for x in xml:
            xml_of[x] = p
    out = run_tool(['xmllint', '--nonet', '--noout'], sorted(xml_of), 1000)
    for line in out.splitlines():
        m = re.match(r'(/[^:]+):\d+: ', line)
        if m and m.group(1) in xml_of:
            verdict[('epub', xml_of[m.group(1)])] = verdict.get(('epub', xml_of[m.group(1)])) or line[:300]
    shutil.rmtree(tmp, ignore_errors=True)
    stats['validate_s']['epub (zip, XML)'] = time.monotonic() - t0

    # samples through the formats' own tools, spread over the sources
    rng = random.Random(args.seed)
    def spread(fmt, k):
        by = collections.defaultdict(list)
        for source, rel, p in outputs[fmt]:
            if verdict.get((fmt, p)) is None:
                by[source].append(p)
        pick = []
        while len(pick) < k and any(by.values()):
            for s in sorted(by):
                if by[s] and len(pick) < k:
                    pick.append(by[s].pop(rng.randrange(len(by[s]))))
        return pick
    validate = os.path.join(args.shared, 'tools', 'validate')
    for fmt, k, label in (('docx', args.docx_sample, 'docx (validate tool sample)'),
                          ('epub', args.epub_sample, 'epub (epubcheck sample)')):
        pick = spread(fmt, k)
        if not pick or not os.access(validate, os.X_OK):
            continue
        t0 = time.monotonic()
        p = subprocess.run([validate, fmt] + pick, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = p.stdout.decode('utf-8', 'replace')
        cur = None
        for line in out.splitlines():
            for f in pick:
                if line.startswith(f + ': '):
                    cur = f
                    if ': FAIL' in line:
                        verdict[(fmt, f)] = line[len(f) + 2:][:300]
            if cur and not line.startswith(cur) and verdict.get((fmt, cur)):
                verdict[(fmt, cur)] += ' | ' + line[:200]
        stats['sampled'][fmt] = (len(pick), sum(1 for f in pick if verdict.get((fmt, f)) is None))
        stats['validate_s'][label] = time.monotonic() - t0

    for fmt in FORMATS:
        for source, rel, p in outputs[fmt]:
            e = verdict.get((fmt, p))
            counts[(source, fmt)]['valid' if e is None else 'invalid'] += 1
            if e is not None:
                findings.append({'kind': 'invalid ' + fmt, 'source': source, 'file': rel,
                                 'how': manifest.get(rel, {}).get('how'), 'detail': e})
    return counts


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(prog='tests/bench/sweep/run.sh',
                                 description='The real-world sweep: every page to every format, every output checked.')
    ap.add_argument('build', help='the build folder (build, build-asan)')
    ap.add_argument('n', nargs='?', type=int, help='at most N pages in all (spread over the five sources); default all')
    ap.add_argument('--work', default=os.path.join(os.environ.get('TMPDIR') or
                                                   ('/dev/shm' if os.path.isdir('/dev/shm') else '/tmp'), 'galley-sweep'),
                    help='scratch folder, emptied first (default $TMPDIR/galley-sweep, else /dev/shm/galley-sweep: '
                         'tens of thousands of small files, best in memory)')
    ap.add_argument('--shared', default=os.environ.get('GALLEY_SHARED_DIR', os.path.join(REPO, '..', 'shared')))
    ap.add_argument('--html-dir', action='append', default=[], metavar='DIR',
                    help='more real HTML pages (repeatable); the Debian documentation packages are used too')
    ap.add_argument('--no-install', action='store_true',
                    help='never apt-get install the documentation packages (postgresql-doc-15, python3.11-doc)')
    ap.add_argument('--sources', default=','.join(SOURCES), help='a comma-separated subset of ' + ','.join(SOURCES))
    ap.add_argument('--timeout', type=int, default=None, help='seconds a file may take (default 60, 300 under sanitizers)')
    ap.add_argument('-j', '--jobs', type=int, default=2)
    ap.add_argument('--seed', type=int, default=16)
    ap.add_argument('--docx-sample', type=int, default=20, help='DOCX files through ../shared/tools/validate (default 20)')
    ap.add_argument('--epub-sample', type=int, default=12, help='EPUB files through epubcheck (default 12)')
    ap.add_argument('--keep', action='store_true', help='keep WORK (outputs, reports) afterwards')
    ap.add_argument('--quick', action='store_true',
                    help='no TEI, DOCX or EPUB validation (crashes, hangs, sanitizer reports, refusals, empty '
                         'documents, JSON and Markdown are still checked): for the sanitizer build')
    ap.add_argument('--show', type=int, default=40, help='findings to print (default 40; all are in WORK/summary.json)')
    args = ap.parse_args()
    args.galley = os.path.abspath(os.path.join(args.build, 'galley'))
    if not os.access(args.galley, os.X_OK):
        sys.exit('run.sh: no %s: build first (cmake --build %s)' % (args.galley, args.build))
    sanitized = False
    cache = os.path.join(args.build, 'CMakeCache.txt')
    if os.path.exists(cache):
        with open(cache) as f:
            sanitized = 'GALLEY_SANITIZE:BOOL=ON' in f.read()
    if args.timeout is None:
        args.timeout = 300 if sanitized else 60
    args.shared = os.path.abspath(args.shared)
    if not os.path.isdir(os.path.join(args.shared, 'corpora')):
        log('run.sh: SKIPPED: no %s/corpora (../shared is absent)' % args.shared)
        return 0
    env = dict(os.environ)
    env.setdefault('ASAN_OPTIONS', 'detect_leaks=1:abort_on_error=0')
    env.setdefault('UBSAN_OPTIONS', 'print_stacktrace=1:halt_on_error=1')
    env['GALLEY_REGISTRY_CACHE'] = 'none'
    sources = args.sources.split(',')
    cap = None if args.n is None else max(1, args.n // len(sources))

    work = args.work = os.path.abspath(args.work)
    marker = os.path.join(work, '.galley-sweep')
    if os.path.exists(work):
        if not os.path.exists(marker):
            sys.exit('run.sh: %s exists and is not a sweep folder; not emptied' % work)
        shutil.rmtree(work)
    os.makedirs(work)
    open(marker, 'w').close()

    dirs = []
    for pkg, d in DEBIAN_HTML:
        if not os.path.isdir(d) and not args.no_install and os.geteuid() == 0 and shutil.which('apt-get'):
            log('sweep: installing %s (apt-get)' % pkg)
            subprocess.run(['apt-get', 'install', '-y', '-qq', pkg], stdout=subprocess.DEVNULL,
                           env=dict(env, DEBIAN_FRONTEND='noninteractive'))
        if os.path.isdir(d):
            dirs.append((pkg, d))
        else:
            log('sweep: %s is not installed (apt-get install %s): its pages are left out' % (d, pkg))
    dirs += [(os.path.basename(os.path.normpath(d)), os.path.abspath(d)) for d in args.html_dir]

    t0 = time.monotonic()
    manifest = {}
    g = Gatherer(work, random.Random(args.seed), manifest)
    if 'debian-html' in sources:
        gather_debian_html(g, dirs, cap)
    if 'debian-text' in sources:
        gather_debian_text(g, cap)
    texts, pages = gather_generated(g, args.shared, cap) if ('gen-text' in sources or 'gen-html' in sources) \
        else (corpus_texts(args.shared), corpus_pages(args.shared))
    for s in ('gen-text', 'gen-html'):
        if s not in sources:
            shutil.rmtree(os.path.join(work, 'src', s), ignore_errors=True)
            for k in [k for k in manifest if k.startswith(s + os.sep)]:
                del manifest[k]
    if 'via-galley' in sources:
        gather_via_galley(g, args.galley, texts, pages, cap, env)
    with open(os.path.join(work, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    log('sweep: %d pages gathered in %.0f s (%s) with %s' % (
        len(manifest), time.monotonic() - t0,
        ', '.join('%s %d' % (s, sum(1 for v in manifest.values() if v['source'] == s)) for s in sources),
        args.galley))

    findings = []
    stats = {'cpu': {}, 'wall': {}, 'validate_s': {}, 'sampled': {}, 'thin': [], 'words_in': 0, 'words_out': 0}
    records = {}
    for s in sources:
        if os.path.isdir(os.path.join(work, 'src', s)):
            records.update(convert_source(args, env, s, findings, stats))
            log('sweep: %-12s converted, %.1f s CPU' % (s, stats['cpu'][s]))
    counts = check_all(args, env, records, manifest, findings, stats)

    # the table
    log('')
    log('%-12s %6s  %s' % ('source', 'pages', '  '.join('%-16s' % f for f in FORMATS)) + '  CPU s')
    total = collections.Counter()
    for s in sources:
        if not counts[s]['pages']:
            continue
        cells = []
        for fmt in FORMATS:
            c = counts[(s, fmt)]
            total[fmt + ' valid'] += c['valid']
            total[fmt + ' written'] += c['written']
            bad = sum(v for k, v in c.items() if k != 'valid')
            bad -= c['written']
            ok = '%d written' % c['written'] if c['written'] else '%d ok' % c['valid']
            cells.append('%-16s' % (ok + (', %d bad' % bad if bad else '')))
        total['pages'] += counts[s]['pages']
        log('%-12s %6d  %s  %.1f' % (s, counts[s]['pages'], '  '.join(cells), stats['cpu'].get(s, 0)))
    log('%-12s %6d  %s  %.1f' % ('all', total['pages'], '  '.join(
        '%-16s' % ('%d written' % total[f + ' written'] if total[f + ' written'] else '%d ok' % total[f + ' valid'])
        for f in FORMATS), sum(v for k, v in stats['cpu'].items() if k in sources)))
    for fmt, (n, ok) in stats['sampled'].items():
        log('sample through %s: %d of %d valid' % ('epubcheck' if fmt == 'epub' else 'validate docx', ok, n))
    log('validators (wall s): ' + ', '.join('%s %.0f' % kv for kv in stats['validate_s'].items()))
    log('words: %d in the pages, %d in the documents; %d page(s) kept under 5%% of their words' % (
        stats['words_in'], stats['words_out'], len(stats['thin'])))
    kinds = collections.Counter(f['kind'] for f in findings)
    log('findings: %d%s' % (len(findings), ''.join(' — %s %d' % kv for kv in sorted(kinds.items()))))
    for f in findings[:args.show]:
        log('  %s: %s%s%s: %s' % (f['kind'], f.get('file') or f.get('source', ''),
                                  ' [%s]' % f['how'] if f.get('how') else '',
                                  ' (-t %s)' % f['format'] if f.get('format') else '',
                                  str(f.get('detail', ''))[:400].replace('\n', ' | ')))
    if len(findings) > args.show:
        log('  ... %d more in %s' % (len(findings) - args.show, os.path.join(work, 'summary.json')))
    with open(os.path.join(work, 'summary.json'), 'w') as f:
        json.dump({'counts': {('%s/%s' % k if isinstance(k, tuple) else k): dict(v) for k, v in counts.items()},
                   'findings': findings, 'stats': stats, 'galley': args.galley}, f, indent=1)
    if not args.keep:
        for d in ('out', 'src', 'set-aside'):
            shutil.rmtree(os.path.join(work, d), ignore_errors=True)
    return 1 if findings else 0


if __name__ == '__main__':
    sys.exit(main())
