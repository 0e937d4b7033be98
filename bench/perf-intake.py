#!/usr/bin/env python3
"""Tables of a system-wide `perf script` (bench/perf-intake.sh): where the machine's CPU went during the closed loop.

Usage: perf-intake.py PERF_SCRIPT_OUTPUT APP_PID PG_PIDS_FILE RECEIPTS [HZ=499]
Each sample is one tick of one CPU; its first frame tells the code that ran (kernel or user), its thread the owner.
PERF_FRAMES="Request.parseParts,NumberFormatException,...": also the share of each thread group's samples with a
frame containing that text anywhere on the stack (inclusive: the frame and everything it called), for the app's
request threads and writers.
"""
import collections
import os
import re
import sys

path, app_pid, pg_file, receipts = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4] or 0)
hz = int(sys.argv[5]) if len(sys.argv) > 5 else 499

pg_kind = {}
try:
    for line in open(pg_file):
        parts = line.split()
        if len(parts) == 2:
            pg_kind[parts[0]] = parts[1]
except OSError:
    pass

HEADER = re.compile(r'^(\S.*?)\s+(\d+)/(\d+)\s*$')
FRAME = re.compile(r'^\s+([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$')


def app_group(comm):
    for prefix, name in (('http-nio', 'app: request threads + poller (Tomcat)'),
                         ('evaluation-wri', 'app: evaluation writers'),
                         ('evaluation-flu', 'app: evaluation flusher'),
                         ('C2 Compiler', 'app: JIT (C2)'), ('C1 Compiler', 'app: JIT (C1)'),
                         ('G1 ', 'app: GC (G1)'), ('GC Thread', 'app: GC (G1)'), ('VM Thread', 'app: VM thread'),
                         ('HikariPool', 'app: connection pool')):
        if comm.startswith(prefix):
            return name
    return 'app: other threads (' + re.sub(r'[-#]?\d+$', '', comm) + ')'


def group(comm, pid):
    if pid == app_pid:
        return app_group(comm)
    if comm == 'postgres' or pid in pg_kind:
        return 'PostgreSQL: ' + pg_kind.get(pid, 'other (exited or not listed)').replace('_', ' ')
    if comm.startswith('wrk'):
        return 'wrk (the client)'
    if comm.startswith('swapper'):
        return None  # idle
    return 'other: ' + comm


def where(frame):
    if frame is None:
        return 'unknown', '?'
    sym, dso = frame
    if 'kernel' in dso or dso.startswith('[k'):
        return 'kernel', sym
    if dso.startswith('/tmp/perf-') or 'JIT' in dso:
        return 'JIT-compiled Java', sym
    base = dso.rsplit('/', 1)[-1]
    if base.startswith('libjvm'):
        return 'JVM (libjvm)', sym
    return base, sym


groups = collections.Counter()
code = collections.defaultdict(collections.Counter)
self_syms = collections.defaultdict(collections.Counter)
kernel_entry = collections.defaultdict(collections.Counter)
wanted = [w.strip() for w in os.environ.get('PERF_FRAMES', '').split(',') if w.strip()]
inclusive = collections.defaultdict(collections.Counter)
idle = 0
total = 0


def flush(head, frames):
    global idle, total
    if head is None:
        return
    comm, pid = head
    total += 1
    g = group(comm, pid)
    if g is None:
        idle += 1
        return
    groups[g] += 1
    first = frames[0] if frames else None
    kind, sym = where(first)
    code[g][kind] += 1
    self_syms[g][kind + ': ' + sym] += 1
    for w in wanted:
        if any(w in f[0] for f in frames):
            inclusive[g][w] += 1
    if kind == 'kernel':
        # the first user frame below the kernel's: which call into the kernel (send, receive, futex, epoll ...)
        entry = next((f for f in frames if where(f)[0] != 'kernel'), None)
        kernel_entry[g][where(entry)[1] if entry else '(kernel thread)'] += 1


head, frames = None, []
with open(path, errors='replace') as f:
    for line in f:
        if not line.strip():
            flush(head, frames)
            head, frames = None, []
            continue
        m = HEADER.match(line.rstrip('\n'))
        if m and not line[0].isspace():
            flush(head, frames)
            head, frames = (m.group(1).strip(), m.group(2)), []
            continue
        m = FRAME.match(line)
        if m and head is not None:
            frames.append((m.group(2), m.group(3)))
    flush(head, frames)

busy = total - idle
print(f'{total} samples at {hz} Hz on all CPUs; {idle} idle ({100 * idle / max(total, 1):.1f} %); {receipts} receipts')
print()
print('| process / threads | share of busy samples | CPU µs per receipt | kernel share of its own |')
print('|---|---|---|---|')
by_top = collections.Counter()
for g, n in groups.items():
    by_top[g.split(':')[0]] += n
for g, n in sorted(groups.items(), key=lambda x: -x[1]):
    if n / busy < 0.003:
        continue
    us = n / hz / receipts * 1e6 if receipts else 0
    print(f'| {g} | {100 * n / busy:.1f} % | {us:.0f} | {100 * code[g]["kernel"] / n:.0f} % |')
print()
print('| process | share of busy samples | CPU µs per receipt |')
print('|---|---|---|')
for g, n in by_top.most_common():
    us = n / hz / receipts * 1e6 if receipts else 0
    print(f'| {g} | {100 * n / busy:.1f} % | {us:.0f} |')
for g, n in sorted(groups.items(), key=lambda x: -x[1])[:8]:
    print()
    print(f'### {g}: {n} samples — by code: ' + ', '.join(
        f'{k} {100 * v / n:.0f} %' for k, v in code[g].most_common(5)))
    for s, v in self_syms[g].most_common(14):
        print(f'  {100 * v / n:5.1f} %  {s[:150]}')
    if kernel_entry[g]:
        print('  kernel entered from: ' + '; '.join(
            f'{s[:60]} {100 * v / n:.1f} %' for s, v in kernel_entry[g].most_common(6)))
if wanted:
    for g in ('app: request threads + poller (Tomcat)', 'app: evaluation writers'):
        n = groups.get(g, 0)
        if not n:
            continue
        print()
        print(f'### {g}: samples with the frame anywhere on the stack (inclusive), of {n}')
        for w in wanted:
            v = inclusive[g][w]
            us = v / hz / receipts * 1e6 if receipts else 0
            print(f'  {100 * v / n:5.1f} %  {us:6.0f} µs per receipt  {w}')
