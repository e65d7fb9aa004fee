#!/usr/bin/env python3
"""The language tags galley gives every fixture and corpus page, to compare two builds
after a change to language identification (issue 17: the tags must stay unchanged).

  tests/bench/shell/lang-tags.py BUILD            one line a file: meta.language, and
                                                  with --filter lang the document's and
                                                  its blocks' lang marks
  tests/bench/shell/lang-tags.py BUILD-A BUILD-B  the files whose tags differ; exit 1 if any

Files: tests/**/*.html|*.htm|*.txt and ../shared/corpora/**/*.html|*.txt (GALLEY_SHARED_DIR)."""
import glob, json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, '..', '..', '..'))
shared = os.environ.get('GALLEY_SHARED_DIR', os.path.join(root, '..', 'shared'))


def files():
    found = []
    for pat in ('tests/**/*.html', 'tests/**/*.htm', 'tests/**/*.txt'):
        found += glob.glob(os.path.join(root, pat), recursive=True)
    for pat in ('corpora/**/*.html', 'corpora/**/*.txt'):
        found += glob.glob(os.path.join(shared, pat), recursive=True)
    return sorted(set(found))


def marks(node, acc):
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ('lang', 'language') and isinstance(v, str):
                acc.append(v)
            else:
                marks(v, acc)
    elif isinstance(node, list):
        for v in node:
            marks(v, acc)


def tags(build, path):
    fmt = 'text' if path.endswith('.txt') else 'html'
    out = []
    for extra in ([], ['--filter', 'lang']):
        p = subprocess.run([os.path.join(build, 'galley'), '-f', fmt, '-t', 'json'] + extra + [path],
                           capture_output=True)
        if p.returncode != 0:
            out.append('exit %d' % p.returncode)
            continue
        doc = json.loads(p.stdout)
        acc = []
        marks(doc.get('blocks', []), acc)
        out.append((doc.get('meta', {}).get('language') or '-') + (' ' + ','.join(acc) if acc else ''))
    return '\t'.join(out)


def main():
    builds = sys.argv[1:]
    if len(builds) not in (1, 2):
        sys.exit(__doc__)
    if not os.path.isdir(os.path.join(shared, 'corpora')):
        print('no corpora under %s: fixtures only' % shared, file=sys.stderr)
    names = files()
    differ = 0
    for f in names:
        name = os.path.relpath(f, root)
        a = tags(builds[0], f)
        if len(builds) == 1:
            print('%s\t%s' % (name, a))
            continue
        b = tags(builds[1], f)
        if a != b:
            differ += 1
            print('%s\n  %s: %s\n  %s: %s' % (name, builds[0], a, builds[1], b))
    if len(builds) == 2:
        print('%d files, %d with different tags' % (len(names), differ))
    return 1 if differ else 0


if __name__ == '__main__':
    sys.exit(main())
