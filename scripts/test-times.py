#!/usr/bin/env python3
"""Seconds each test class took in the last Maven run, by layer, from target/surefire-reports/TEST-*.xml.

Usage: scripts/test-times.py [reports-dir] [--classes]
A module test's time includes its own Spring context and embedded PostgreSQL (every @ApplicationModuleTest class has
a context of its own); the first class of a JVM also pays for class loading and, for module tests, the module model.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

LAYERS = [("module (@ApplicationModuleTest)", lambda n: n.endswith("ModuleTests")),
          ("input (@WebMvcTest)", lambda n: n.endswith("InputTests")),
          ("browser", lambda n: n.endswith("BrowserTests")),
          ("full stack and other Spring contexts", lambda n: True)]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = args[0] if args else "target/surefire-reports"
    rows = []
    for path in glob.glob(os.path.join(folder, "TEST-*.xml")):
        suite = ET.parse(path).getroot()
        rows.append((suite.get("name"), float(suite.get("time", "0")), int(suite.get("tests", "0")),
                     int(suite.get("failures", "0")) + int(suite.get("errors", "0"))))
    if not rows:
        sys.exit("no reports in " + folder)
    totals = {}
    for name, secs, tests, bad in rows:
        layer = next(label for label, test in LAYERS if test(name.rsplit(".", 1)[-1]))
        t = totals.setdefault(layer, [0, 0.0, 0, 0])
        t[0] += 1
        t[1] += secs
        t[2] += tests
        t[3] += bad
    if "--classes" in sys.argv:
        for name, secs, tests, bad in sorted(rows, key=lambda r: -r[1]):
            print(f"{secs:8.1f} s  {tests:4d} tests  {bad} failed  {name}")
        print()
    for label, _ in LAYERS:
        if label in totals:
            c, s, t, b = totals[label]
            print(f"{label:40s} {c:4d} classes {t:5d} tests {b:3d} failed {s:8.1f} s")
    print(f"{'all':40s} {len(rows):4d} classes {sum(r[2] for r in rows):5d} tests "
          f"{sum(r[3] for r in rows):3d} failed {sum(r[1] for r in rows):8.1f} s")


if __name__ == "__main__":
    main()
