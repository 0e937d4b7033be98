#!/usr/bin/env python3
"""Where Open311 POST requests.json spends its CPU (issue 11, docs/performance.md), from a flight recording:

    jfr print --events jdk.ExecutionSample --stack-depth 256 app.jfr > samples.txt
    python3 bench/jfr-open311.py samples.txt [thread-cpu-before.txt thread-cpu-after.txt]

Prints (1) the share of execution samples per thread group (request threads, asynchronous event listeners, the
duplicate index feed, Lucene merges, ...), (2) for the request threads, the inclusive share of each step of the
POST, and (3) the top self frames. With two snapshots of /proc/<pid>/task/*/stat (see bench/profile-open311.sh) it
also prints the CPU seconds per thread group, which includes what JFR does not sample (GC, JIT compilers).
"""
import re
import sys
from collections import Counter

GROUPS = [
    ("request threads (Tomcat)", r"^http-nio"),
    ("async event listeners (task executor)", r"^task-|^applicationTaskExecutor|^SimpleAsyncTaskExecutor"),
    ("duplicate index feed (LISTEN + catch-up)", r"^case-index-feed"),
    ("Lucene merges", r"^Lucene Merge"),
    ("audit chainer", r"audit"),
    ("GC", r"^GC |^G1 |^VM Thread|^VM Periodic"),
    ("JIT compilers", r"^C[12] Compiler"),
]

STEPS = [
    ("all request-thread samples", r"."),
    ("Open311Controller.post (the POST handler)", r"Open311Controller\.post\b"),
    ("  API key: Open311Clients.authenticate", r"Open311Clients\.authenticate"),
    ("  service catalogue read: Open311Catalogue", r"Open311Catalogue\.(find|active|services)"),
    ("  Open311Desk.post", r"Open311Desk\.post\b"),
    ("    casework intake: JdbcCaseIntake.receive", r"JdbcCaseIntake\.receive"),
    ("      checks (jurisdiction, phone, tracking code)", r"JdbcCaseIntake\.check\b"),
    ("      INSERT cases", r"Cases\.insert\b"),
    ("      first step, shield, audit (record)", r"JdbcCaseIntake\.record\b"),
    ("        audit: AuditTrail.record", r"JdbcAuditTrail\.record"),
    ("        events published (listeners' registry entries)", r"PersistentApplicationEventMulticaster|EventPublicationRegistry|JdbcEventPublicationRepository"),
    ("      duplicate search: JdbcCaseIntake.resemblance", r"JdbcCaseIntake\.resemblance"),
    ("        Lucene search: DuplicateIndex.similar", r"DuplicateIndex\.similar"),
    ("        catch-up inside a search: DuplicateSuggestions.catchUp", r"DuplicateSuggestions\.catchUp"),
    ("        tokenising: DuplicateIndex.terms", r"DuplicateIndex\.terms"),
    ("        similarInJurisdiction query", r"Cases\.similarInJurisdiction"),
    ("    Open311Clients.audit", r"Open311Clients\.audit"),
    ("  response: Open311Output.write", r"Open311Output\.write"),
    ("transaction commit (incl. after-commit work)", r"AbstractPlatformTransactionManager\.(commit|processCommit)"),
    ("  after commit: index update (DuplicateSuggestions)", r"DuplicateSuggestions\$\d+\.afterCommit|DuplicateSuggestions.*afterCommit"),
    ("  Lucene refresh (SearcherManager / reopen)", r"ReferenceManager\.maybeRefresh|DirectoryReader\.openIfChanged|StandardDirectoryReader\.open"),
    ("  async listener hand-off (TransactionalApplicationListener)", r"TransactionalApplicationListenerSynchronization|AsyncExecutionInterceptor"),
    ("Modulith event publication registry (any)", r"org\.springframework\.modulith\.events"),
    ("Jackson (any)", r"^tools\.jackson\.|^com\.fasterxml\.jackson\."),
    ("SmartChineseAnalyzer (any)", r"org\.apache\.lucene\.analysis\.cn"),
    ("Lucene (any)", r"^org\.apache\.lucene\."),
    ("pgjdbc + Hikari (any)", r"^org\.postgresql\.|^com\.zaxxer\."),
    ("Spring Security (any)", r"^org\.springframework\.security\."),
    ("Tomcat network + HTTP parsing", r"^org\.apache\.(tomcat\.util\.net|coyote)\."),
    ("parameter parsing (Request.parseParameters)", r"org\.apache\.catalina\.connector\.Request\.parseParameters"),
    ("logging", r"ch\.qos\.logback|org\.slf4j"),
]


def samples(path):
    thread, stack, inside = None, [], False
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            s = line.strip()
            if s.startswith("jdk.ExecutionSample"):
                thread, stack, inside = None, [], False
            elif s.startswith("sampledThread"):
                m = re.search(r'"([^"]*)"', s)
                thread = m.group(1) if m else ""
            elif s.startswith("stackTrace = ["):
                inside = True
            elif inside and s.startswith("]"):
                inside = False
                yield thread or "", stack
            elif inside and s and not s.startswith("..."):
                stack.append(re.sub(r"\s+line:.*$", "", s))


def group(name):
    for g, rx in GROUPS:
        if re.search(rx, name):
            return g
    return "other: " + re.sub(r"[-#]?\d+$", "", name)


def thread_cpu(path):
    """name -> CPU ticks from `cat /proc/<pid>/task/*/stat` output."""
    out = Counter()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"(\d+) \((.*)\) (.*)$", line.strip())
            if m:
                fields = m.group(3).split()
                out[m.group(1) + "|" + m.group(2)] += int(fields[11]) + int(fields[12])
    return out


def main():
    steps = [(name, re.compile(rx)) for name, rx in STEPS]
    groups, total, counts, top, req = Counter(), 0, Counter(), Counter(), 0
    for thread, stack in samples(sys.argv[1]):
        if not stack:
            continue
        total += 1
        groups[group(thread)] += 1
        if not thread.startswith("http-nio"):
            continue
        req += 1
        top[stack[0]] += 1
        for name, rx in steps:
            if any(rx.search(frame) for frame in stack):
                counts[name] += 1
    print(f"{total} execution samples, {req} on request threads")
    print("| thread group | share of all samples |")
    print("|---|---|")
    for g, n in groups.most_common(12):
        print(f"| {g} | {100.0 * n / max(1, total):.1f} % |")
    if len(sys.argv) > 3:
        before, after = thread_cpu(sys.argv[2]), thread_cpu(sys.argv[3])
        by = Counter()
        for k, v in after.items():
            by[group(k.split("|", 1)[1])] += v - before.get(k, 0)
        all_ticks = sum(by.values())
        print()
        print("| thread group | share of the JVM's CPU time (/proc, GC and JIT included) |")
        print("|---|---|")
        for g, n in by.most_common(12):
            print(f"| {g} | {100.0 * n / max(1, all_ticks):.1f} % |")
    print()
    print("| step of the POST, request threads (inclusive) | share of request-thread samples |")
    print("|---|---|")
    for name, _ in steps:
        print(f"| {name} | {100.0 * counts[name] / max(1, req):.1f} % |")
    print()
    print("| top self frames, request threads | share |")
    print("|---|---|")
    for frame, n in top.most_common(20):
        print(f"| {frame[:110]} | {100.0 * n / max(1, req):.1f} % |")


if __name__ == "__main__":
    main()
