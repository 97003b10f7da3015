#!/usr/bin/env python3
"""The import graph of src/, and the layering rules ARCHITECTURE.md promises.

usage: scripts/imports.py [--check] [--stages] [SRC]

Reads every .rs file of SRC (default: src) except main.rs, resolves `crate::`, `super::`,
`self::` and child-module paths to the files that define them (test modules left out), and
prints:
  - every loop of files (a strongly connected component of more than one file);
  - every import from a lower stage to a higher one, in the order
    base < settings/load < discover < facts < checks < report < workflows < cli < commands;
  - every file other than cli.rs and main.rs that names clap.
--stages prints the stage-to-stage edges with their file counts (the graph in ARCHITECTURE.md).
--check exits 1 when anything above is found (the test `layering` runs it).
"""
import os
import re
import sys
from collections import defaultdict

STAGES = ['base', 'error', 'settings', 'load', 'discover', 'facts', 'checks', 'report', 'workflows', 'cli',
          'commands', 'lib']
RANK = {'base': 0, 'error': 0, 'settings': 1, 'load': 1, 'discover': 2, 'facts': 3, 'checks': 4, 'report': 5,
        'workflows': 6, 'cli': 7, 'commands': 8, 'lib': 9}
TEST_MODULE = re.compile(r'#\[cfg\(test\)\]\s*(?:pub(?:\(crate\))?\s+)?mod\s+\w+\s*\{')


def stage(path):
    return path.split('/')[0].removesuffix('.rs')


def modules(root):
    """Module path (tuple) -> file, for every .rs file but main.rs (its own crate)."""
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            if not name.endswith('.rs') or os.path.relpath(full, root) == 'main.rs':
                continue
            rel = os.path.relpath(full, root)
            parts = rel[:-3].split('/')
            if parts[-1] in ('mod', 'lib'):
                parts = parts[:-1]
            files[tuple(parts)] = rel
    return files


def expand(use):
    """`a::{b, c::{d}}` -> [`a::b`, `a::c::d`]."""
    use = use.strip()
    match = re.match(r'^(.*?)\{(.*)\}$', use, re.S)
    if not match:
        return [use]
    prefix, inner = match.groups()
    items, depth, current = [], 0, ''
    for char in inner:
        depth += char == '{'
        depth -= char == '}'
        if char == ',' and depth == 0:
            items.append(current)
            current = ''
        else:
            current += char
    items.append(current)
    return [prefix + item for part in items if part.strip() for item in expand(part.strip())]


def graph(root):
    files = modules(root)
    edges = defaultdict(set)
    clap = []

    def resolve(parts):
        for n in range(len(parts), -1, -1):
            if tuple(parts[:n]) in files:
                return files[tuple(parts[:n])]
        return None

    for module, rel in files.items():
        text = open(os.path.join(root, rel), encoding='utf-8').read()
        text = re.sub(r'//[^\n]*', '', text)
        text = TEST_MODULE.split(text)[0]
        if re.search(r'\bclap(?:_complete|_mangen)?::', text) and rel != 'cli.rs':
            clap.append(rel)
        here = list(module)
        paths = [p for use in re.findall(r'\buse\s+([^;]+);', text) for p in expand(use)]
        paths += re.findall(r'\b(?:crate|super)(?:::\w+)+', text)
        paths += re.findall(r'(?<![:\w])\w+(?:::\w+)+', text)
        for path in paths:
            path = re.sub(r'\s+as\s+\w+$', '', path.strip())
            parts = [p for p in path.split('::') if p]
            if not parts:
                continue
            if parts[0] == 'crate':
                target = parts[1:]
            elif parts[0] in ('super', 'self'):
                base, i = list(here), 0
                while i < len(parts) and parts[i] in ('super', 'self'):
                    if parts[i] == 'super':
                        base = base[:-1]
                    i += 1
                target = base + parts[i:]
            elif tuple(here + [parts[0]]) in files:
                target = here + parts
            else:
                continue
            found = resolve(target)
            if found and found != rel:
                edges[rel].add(found)
    return files, edges, clap


def loops(files, edges):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(files.values()):
        if v not in index:
            visit(v)
    return found


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    root = args[0] if args else 'src'
    files, edges, clap = graph(root)
    problems = []
    for component in loops(files, edges):
        problems.append(f'loop of {len(component)} files: ' + ' '.join(component))
    for source in sorted(edges):
        for target in sorted(edges[source]):
            if RANK[stage(target)] > RANK[stage(source)]:
                problems.append(f'up: {source} imports {target}')
    for rel in clap:
        problems.append(f'clap: {rel} names clap (only cli.rs and main.rs may)')
    if '--stages' in sys.argv:
        counts = defaultdict(int)
        for source, targets in edges.items():
            for target in targets:
                if stage(source) != stage(target):
                    counts[(stage(source), stage(target))] += 1
        for (a, b), n in sorted(counts.items(), key=lambda kv: (RANK[kv[0][0]], RANK[kv[0][1]])):
            print(f'{a} -> {b}: {n}')
    for problem in problems:
        print(problem)
    if '--check' in sys.argv and problems:
        sys.exit(1)
    if not problems and '--stages' not in sys.argv:
        print(f'{len(files)} files, {sum(len(t) for t in edges.values())} imports: no loop, no import up, clap only in cli.rs')


if __name__ == '__main__':
    main()
