#!/usr/bin/env python3
"""Where the CPU of a flight recording goes, by layer (issue 14, docs/performance.md "Where each millisecond goes").

    jfr print --events jdk.ExecutionSample --stack-depth 256 app.jfr > samples.txt
    python3 bench/jfr-layers.py samples.txt [thread-name-prefix]

Counts, for each layer below, the share of execution samples whose stack contains one of its frames (inclusive, so
nested layers add up to more than 100 %), then the top self frames. Only samples of threads whose name starts with the
prefix count (default: Tomcat's request threads "http-nio"; use "" for all threads).
"""
import re
import sys
from collections import Counter

LAYERS = [
    ("all request-thread samples", r"."),
    ("Tomcat: socket read/write, HTTP parsing (NioEndpoint, Http11)", r"org\.apache\.(tomcat\.util\.net|coyote)\."),
    ("servlet filters before Spring Security (all)", r"org\.apache\.catalina\.core\.ApplicationFilterChain\.doFilter"),
    ("  observation (ServerHttpObservationFilter)", r"ServerHttpObservationFilter\.doFilterInternal"),
    ("  Spring Session (SessionRepositoryFilter)", r"SessionRepositoryFilter\.doFilterInternal"),
    ("  parameter parsing (Request.getParameter*/parseParameters)", r"org\.apache\.catalina\.connector\.Request\.parse(Parameters|Parts)"),
    ("  multipart parsing (parseParts)", r"org\.apache\.catalina\.connector\.Request\.parseParts"),
    ("Spring Security filter chain (FilterChainProxy)", r"FilterChainProxy\.doFilterInternal"),
    ("  CSRF (CsrfFilter)", r"web\.csrf\.CsrfFilter\.doFilterInternal"),
    ("  headers (HeaderWriterFilter)", r"HeaderWriterFilter\.doFilterInternal"),
    ("  security context (SecurityContextHolderFilter)", r"SecurityContextHolderFilter\.doFilter"),
    ("DispatcherServlet (MVC)", r"DispatcherServlet\.doDispatch"),
    ("  handler lookup (getHandler)", r"DispatcherServlet\.getHandler"),
    ("  argument resolution", r"InvocableHandlerMethod\.getMethodArgumentValues"),
    ("  static resource (ResourceHttpRequestHandler)", r"ResourceHttpRequestHandler\.handleRequest"),
    ("  RatingController.submit (before decision 0036)", r"RatingController\.submit"),
    ("  lean path: RatingIntake (decision 0036)", r"RatingIntake\.handleRequest"),
    ("    RatingIntakeMapping (target lookup)", r"RatingIntakeMapping\.getHandler"),
    ("    ReceiptPage (receipt without a template pass)", r"ReceiptPage\.write"),
    ("    SubmitEvaluation.submit (validation, burst check, hand-over)", r"SubmitEvaluation\.submit"),
    ("    waiting for the group commit (SubmissionWriter.submit)", r"SubmissionWriter\.submit"),
    ("  view rendering (Thymeleaf)", r"org\.thymeleaf\."),
    ("  message lookup (MessageSource)", r"MessageSource\.getMessage"),
    ("response commit / flush", r"org\.apache\.catalina\.connector\.(OutputBuffer|Response)\.(flush|finishResponse|close)"),
    ("logging", r"ch\.qos\.logback|org\.slf4j"),
]


# Self time by owner: each sample is charged to the innermost frame that belongs to a known library or to Minyi;
# JDK frames (java., jdk., sun.) are charged to their caller, so a HashMap lookup inside Spring MVC counts as MVC.
OWNERS = [
    ("Thymeleaf (rendering)", r"^org\.thymeleaf\.|^org\.attoparser\."),
    ("Spring Security", r"^org\.springframework\.security\."),
    ("Micrometer observation", r"^io\.micrometer\.|ServerHttpObservationFilter|observation"),
    ("Spring Session", r"^org\.springframework\.session\."),
    ("Spring MVC: static resources", r"^org\.springframework\.web\.servlet\.resource\."),
    ("Spring MVC: handler mapping", r"^org\.springframework\.web\.servlet\.(handler|mvc\.method\.RequestMappingInfo|mvc\.condition)|^org\.springframework\.web\.util\.pattern\."),
    ("Spring MVC: invocation, binding, views", r"^org\.springframework\.web\.|^org\.springframework\.validation\.|^org\.springframework\.http\."),
    ("Spring core (beans, annotations, SpEL, context)", r"^org\.springframework\."),
    ("Tomcat (network, HTTP, servlet container)", r"^org\.apache\.(tomcat|coyote|catalina)\."),
    ("Minyi code", r"^io\.minyi\."),
    ("JDBC (pgjdbc, Hikari)", r"^org\.postgresql\.|^com\.zaxxer\."),
    ("Bucket4j", r"^io\.github\.bucket4j\."),
    ("logging", r"^ch\.qos\.logback|^org\.slf4j"),
]


def owner(stack, owners):
    for frame in stack:
        for name, rx in owners:
            if rx.search(frame):
                return name
    return "JDK only (no library frame in the stack)"


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


def main():
    path = sys.argv[1]
    prefix = sys.argv[2] if len(sys.argv) > 2 else "http-nio"
    layers = [(name, re.compile(rx)) for name, rx in LAYERS]
    owners = [(name, re.compile(rx)) for name, rx in OWNERS]
    counts, total, top, by_owner = Counter(), 0, Counter(), Counter()
    for thread, stack in samples(path):
        if not thread.startswith(prefix) or not stack:
            continue
        total += 1
        top[stack[0]] += 1
        by_owner[owner(stack, owners)] += 1
        for name, rx in layers:
            if any(rx.search(frame) for frame in stack):
                counts[name] += 1
    print(f"{total} samples of threads '{prefix}*'")
    print("| layer (inclusive) | share of samples |")
    print("|---|---|")
    for name, _ in layers:
        print(f"| {name} | {100.0 * counts[name] / max(1, total):.1f} % |")
    print()
    print("| self time by owner (JDK frames charged to their caller) | share of samples |")
    print("|---|---|")
    for name, n in by_owner.most_common():
        print(f"| {name} | {100.0 * n / max(1, total):.1f} % |")
    print()
    print("| top self frames | share |")
    print("|---|---|")
    for frame, n in top.most_common(25):
        print(f"| {frame[:110]} | {100.0 * n / max(1, total):.1f} % |")


if __name__ == "__main__":
    main()
