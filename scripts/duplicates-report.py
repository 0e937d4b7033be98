#!/usr/bin/env python3
"""Counts the copy detector's pairs over src/main in three honest groups (issue 16).

    scripts/duplicates-report.py [--repo src/main] [--seconds 120] [--list rest|injection|all]

Runs the `duplicates` command (not part of this repository; see its README) and prints
  - boilerplate: the pairs the detector itself marks boilerplate;
  - constructor-injection shapes: pairs whose shared lines on both sides are the field / constructor / assignment
    lines of a Spring bean (`private final X x;`, `Ctor(X x, ...) {`, `this.x = x;`), classified here by the line
    pattern, since two classes that each take five collaborators look alike without sharing any logic;
  - the rest: pairs that share markup or logic, where a shared piece may serve both places.

The command shows at most 200 rows. When it says more pairs were cut and some of them are not boilerplate, this
script loads the same command's code and asks it for every row (the same computation with a higher row limit), so
that no pair is left unclassified; it says so on the output.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import zipfile

HEADER = re.compile(r"^(\d+) pairs? of places .*?\((\d+) by shape alone, (\d+) of those marked boilerplate\)")
ROW = re.compile(r"^D\d+ (\S+):(\d+)-(\d+) ~ (\S+):(\d+)-(\d+)(.*)$")

# Lines a bean's wiring consists of. A place counts as wiring when nearly all its lines are of these kinds.
WIRING = [
    re.compile(r"^(private |protected |public )?(static )?final [\w<>?,. \[\]]+ \w+;$"),  # a collaborator field
    re.compile(r"^this\.\w+ = [\w.():, \"]+;$"),  # its assignment
    re.compile(r"^super\([^;]*\);$"),
    re.compile(r"^(public |protected |private )?[A-Z]\w*\((@\w+(\([^)]*\))? )?[\w<>?,. \[\]@\"()=]*[,{]$"),  # ctor
    re.compile(r"^(@\w+(\([^)]*\))? )?[\w<>?.\[\]]+ \w+(, (@\w+(\([^)]*\))? )?[\w<>?.\[\]]+ \w+)*[,)]( \{)?$"),
    re.compile(r"^(public |final |abstract )*(class|record|interface) \w+.*\{$"),
    re.compile(r"^@\w+(\(.*\))?$"),  # annotations on the class or the next member
    re.compile(r"^[{}();]*$"),
]


# The frame every page repeats before its own content: the layout call, the head, the body, the main element and
# the heading (with the flash notice or the link back that pages put right under it).
FRAME = [
    re.compile(r"^<!DOCTYPE html>$", re.I),
    re.compile(r"^<html\b.*"), re.compile(r"^(xmlns:\w+|th:fragment|lang)=.*>?$"),
    re.compile(r"^<head>.*"), re.compile(r"^</?head>$"), re.compile(r"^<title\b.*</title>$"),
    re.compile(r"^<(meta|link)\b[^>]*>$"), re.compile(r"^<script\b[^>]*></script>$"),
    re.compile(r"^</?body\b[^>]*>$"), re.compile(r"^</?main\b[^>]*>$"), re.compile(r"^<h1\b.*</h1>$"),
    re.compile(r"^<(div|p) class=\"alert ok\"[^>]*>[^<]*</(div|p)>$"), re.compile(r"^<p><a th:href=[^>]*>[^<]*</a></p>$"),
]


def significant(line):
    text = line.strip()
    return text and not text.startswith(("//", "/*", "*", "import ", "package ")) and re.search(r"\w", text)


def is_wiring(path, first, last):
    if not path.endswith(".java"):
        return False
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")[first - 1:last]
    except OSError:
        return False
    lines = [l.strip() for l in lines if significant(l)]
    wired = sum(any(p.match(l) for p in WIRING) for l in lines)
    # the collaborators themselves must be there: a record's or an enum's list of components alone is not wiring
    collaborators = sum(bool(WIRING[0].match(l) or WIRING[1].match(l)) for l in lines)
    return bool(lines) and wired >= 0.8 * len(lines) and collaborators >= 2


def is_frame(path, first, last):
    if not path.endswith(".html"):
        return False
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")[first - 1:last]
    except OSError:
        return False
    lines = [l.strip() for l in lines if significant(l)]
    return bool(lines) and all(any(p.match(l) for p in FRAME) for l in lines)


def run_cli(repo, seconds):
    out = subprocess.run(["duplicates", "--repo", repo, "--most", "200", "--seconds", str(seconds)],
                         capture_output=True, text=True, check=False).stdout
    return out.splitlines()


def run_all_rows(repo, seconds):
    """The same command's computation with no 200-row cap (its code is a Python zip application)."""
    tool = shutil.which("duplicates")
    with zipfile.ZipFile(tool) as z:
        code = z.read("__main__.py")
    space = {"__name__": "duplicates_tool"}
    exec(compile(code, tool, "exec"), space)
    capped = space["whole"]
    space["whole"] = lambda word, low, high, flag: capped(word, low, 999 if flag == "--most" else high, flag)
    return space["main"](["--repo", repo, "--most", "999", "--seconds", str(seconds)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", default="src/main")
    ap.add_argument("--seconds", type=int, default=120)
    ap.add_argument("--list", choices=["rest", "injection", "all"])
    args = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    if shutil.which("duplicates") is None:
        sys.exit("the `duplicates` command is not installed on this machine")

    lines = run_cli(args.repo, args.seconds)
    head = HEADER.match(lines[0]) if lines else None
    if not head:
        sys.exit("duplicates said: " + "\n".join(lines[:5]))
    total, boilerplate = int(head.group(1)), int(head.group(3))
    shown = [l for l in lines if ROW.match(l) and " boilerplate" not in ROW.match(l).group(7)]
    note = ""
    if len(shown) < total - boilerplate:
        every = run_all_rows(args.repo, args.seconds)
        again = HEADER.match(every[0]) if every else None
        if not again or int(again.group(1)) != total:
            note = f"  (rows beyond the command's 200 could not be read: {total - boilerplate - len(shown)} unclassified)"
        else:
            shown = [l for l in every if ROW.match(l) and " boilerplate" not in ROW.match(l).group(7)]
            note = "  (all rows read through the command's own code: its output stops at 200 rows)"

    injection, rest = [], []
    for line in shown:
        m = ROW.match(line)
        a = is_wiring(os.path.join(args.repo, m.group(1)), int(m.group(2)), int(m.group(3)))
        b = is_wiring(os.path.join(args.repo, m.group(4)), int(m.group(5)), int(m.group(6)))
        (injection if a and b else rest).append(line)

    migrations = [l for l in rest if "/db/migration/" in l]
    frames = []
    for line in rest:
        m = ROW.match(line)
        if is_frame(os.path.join(args.repo, m.group(1)), int(m.group(2)), int(m.group(3))) and is_frame(
                os.path.join(args.repo, m.group(4)), int(m.group(5)), int(m.group(6))):
            frames.append(line)

    print(lines[0])
    print(f"boilerplate (marked by the detector):   {boilerplate}")
    print(f"constructor-injection shapes:           {len(injection)}")
    print(f"the rest (markup or logic written again): {len(rest)}")
    print(f"  of which in the migrations (tables of one shape, the survey tally triggers): {len(migrations)}")
    print(f"  of which page frames (only the head, body, main and heading lines of two templates): {len(frames)}")
    if note:
        print(note)
    if args.list in ("injection", "all"):
        print("\n# constructor-injection shapes", *injection, sep="\n")
    if args.list in ("rest", "all"):
        print("\n# the rest", *rest, sep="\n")
        print("\n# of the rest: page frames", *frames, sep="\n")


if __name__ == "__main__":
    main()
