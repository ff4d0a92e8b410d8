#!/usr/bin/env python3
"""The repository's Markdown links lead somewhere: every relative link of a
Markdown file names a file or folder of the repository, and a link to a
heading (`file.md#some-heading`, or `#some-heading` in the same file) names
a heading that file has, spelled as GitHub spells its anchors (lower case,
punctuation dropped, spaces as hyphens, `-1`, `-2` for repeats). Links to
other sites are not followed (there is no network to follow them on).
The vendored grammars and node_modules are not ours.

Usage: doc_links.py SOURCE_DIR
"""
import os
import re
import subprocess
import sys

LINK = re.compile(r'(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)')
HEADING = re.compile(r'^(#{1,6})\s+(.*?)\s*#*\s*$')
FENCE = re.compile(r'^\s*(```|~~~)')


def markdown_files(src):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith('GIT_')}
    try:
        top = subprocess.run(['git', 'rev-parse', '--show-toplevel'], cwd=src, env=env,
                             capture_output=True, text=True, check=True).stdout.strip()
        inside = os.path.realpath(top) == os.path.realpath(src)
    except (OSError, subprocess.CalledProcessError):
        inside = False
    if inside:
        out = subprocess.run(['git', 'ls-files', '-co', '--exclude-standard', '-z'], cwd=src,
                             env=env, capture_output=True, check=True).stdout
        names = [n.decode() for n in out.split(b'\0') if n]
    else:
        names = []
        for root, dirs, files in os.walk(src):
            dirs[:] = [d for d in dirs if d not in ('.git', 'node_modules', 'build')]
            names += [os.path.relpath(os.path.join(root, f), src) for f in files]
    return sorted(n for n in names if n.endswith('.md') and not n.startswith('grammars/')
                  and '/node_modules/' not in '/' + n and os.path.isfile(os.path.join(src, n)))


def slug(text):
    text = re.sub(r'`([^`]*)`', r'\1', text)
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', text)
    text = text.strip().lower()
    text = ''.join(c for c in text if c.isalnum() or c in ' -_')
    return text.replace(' ', '-')


def lines_outside_fences(text):
    fenced = False
    for number, line in enumerate(text.split('\n'), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def anchors(path, cache):
    if path not in cache:
        seen = {}
        found = set()
        with open(path, encoding='utf-8') as f:
            for _, line in lines_outside_fences(f.read()):
                m = HEADING.match(line)
                if not m:
                    continue
                s = slug(m.group(2))
                n = seen.get(s, 0)
                seen[s] = n + 1
                found.add(s if n == 0 else f'{s}-{n}')
        cache[path] = found
    return cache[path]


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().split('\n')[-1], file=sys.stderr)
        return 2
    src = os.path.realpath(sys.argv[1])
    bad = []
    cache = {}
    files = markdown_files(src)
    links = 0
    for name in files:
        path = os.path.join(src, name)
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for number, line in lines_outside_fences(text):
            for m in LINK.finditer(re.sub(r'`[^`]*`', '', line)):
                target = m.group(1)
                if re.match(r'^[a-z][a-z0-9+.-]*:', target, re.I):
                    continue  # another site, mailto:, a file: URL
                links += 1
                file_part, _, anchor = target.partition('#')
                dest = path if file_part == '' else os.path.normpath(
                    os.path.join(os.path.dirname(path), file_part))
                where = f'{name}:{number}: {target}'
                if not dest.startswith(src + os.sep) and dest != src:
                    bad.append(f'{where}: outside the repository')
                elif not os.path.exists(dest):
                    bad.append(f'{where}: no such file')
                elif anchor and dest.endswith('.md') and anchor not in anchors(dest, cache):
                    bad.append(f'{where}: {os.path.relpath(dest, src)} has no heading #{anchor}')
    if bad:
        print('links that lead nowhere:', file=sys.stderr)
        for b in bad:
            print('  ' + b, file=sys.stderr)
        return 1
    print(f'{links} relative links in {len(files)} Markdown files lead somewhere')
    return 0


if __name__ == '__main__':
    sys.exit(main())
