#!/usr/bin/env python3
"""Regroups a pg_dump of the schema the old migrations left into one baseline file per module (decision 0063).

Input: a schema-only dump (pg_dump --schema-only --no-owner --no-privileges) of a database that Flyway migrated with the
old lineage, a data-only dump (--column-inserts --rows-per-insert) of its reference tables, and the folder of the old
migration files (to tell which module created each table, function and view). Output: the nine baseline files.

Why a script and not hand-written files: the dump is the schema as PostgreSQL holds it, so the baseline cannot drift
from what an upgraded installation has; the script only moves statements between files, folds each table's keys,
identity and foreign keys into its CREATE TABLE, and drops pg_dump's noise. scripts/schema-equivalence.sh checks the
result against the old lineage, object by object.

Usage: squash-baseline.py SCHEMA.sql DATA.sql OLD_MIGRATIONS_DIR OUT_DIR
  SCHEMA.sql  pg_dump --schema-only --no-owner --no-privileges --exclude-table=flyway_schema_history of a database the
              old jar migrated (scripts/schema-equivalence.sh makes one: minyi_lineage)
  DATA.sql    pg_dump --data-only --column-inserts --rows-per-insert=1000 -t <each table a migration fills> of it,
              without evaluation_receipt_key (made per installation) and scheduled_tasks (the scheduler's own)
  OLD_MIGRATIONS_DIR  git archive 180b595 src/main/resources/db/migration | tar x -C /tmp/old
"""
import collections
import os
import re
import sys

FILES = {
    1: ("platform_and_org", "the platform (sessions, events, scheduler, imports, sign-in throttle) and the organisation"),
    2: ("audit", "the audit trail"),
    3: ("casework", "the pool and its closed loop"),
    4: ("evaluation", "QR evaluation: forms, receipts, totals, ballot-stuffing counters"),
    5: ("supervision", "supervision, notification and reporting"),
    6: ("dispute", "dispute mediation"),
    7: ("integration", "12345, discipline and Open311 connections"),
    8: ("grid", "the grid worker's tool"),
    9: ("survey_and_lists", "surveys, the three lists, leader-led work and typical cases"),
}
# Objects first made by the cross-cutting V10 migrations, placed with the module that owns them.
V10_HOMES = (("evaluation", 4), ("city", 1), ("notify_change", 1))


# Functions no code calls any more, dropped by V10_43 on installations of the old lineage: the baseline leaves them out.
LEFT_OUT = ("evaluation_store_batch", "evaluation_write_batch")

# What the dump cannot carry: the receipt key is made on each installation, never copied (decision 0062).
EXTRA = {
    # V2_40's grant, kept: on a server whose default privileges let an application role insert events, that role may
    # link them too (column privileges only; the trigger refuses every other change). pg_dump --no-privileges drops it.
    2: "\n-- A role that may append events may also link them (column privileges only: it still may not UPDATE the\n"
       "-- content, and the trigger refuses everything but the first linking). Roles granted later: docs/operations.md §6.\n"
       "DO $$\n"
       "DECLARE\n"
       "    r record;\n"
       "BEGIN\n"
       "    FOR r IN SELECT DISTINCT a.grantee::regrole AS role\n"
       "             FROM pg_class c, aclexplode(c.relacl) a\n"
       "             WHERE c.oid = 'audit_event'::regclass AND a.privilege_type = 'INSERT'\n"
       "               AND a.grantee <> 0 AND a.grantee <> c.relowner\n"
       "    LOOP\n"
       "        EXECUTE format('GRANT UPDATE (chain_seq, prev_hash, hash, keyed) ON audit_event TO %s', r.role);\n"
       "    END LOOP;\n"
       "END $$;\n",
    4: "\n-- Each installation's own key for the receipt codes (decision 0062): made here, from the server's strong random\n"
       "-- source, and never a setting with a default, because a known key would turn row ids into residents' codes.\n"
       "INSERT INTO evaluation_receipt_key (id, secret)\n"
       "SELECT 1, sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8'));\n",
}


def module_of_file(name):
    major = int(re.match(r"V(\d+)_", name).group(1))
    return major


def creators(old_dir):
    """name -> module of the first old migration that creates it (tables, views, functions, sequences)."""
    made = {}
    files = sorted(os.listdir(old_dir), key=lambda f: [int(x) for x in re.match(r"V([\d_]+)__", f).group(1).split("_")])
    pattern = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:UNLOGGED\s+)?(TABLE|VIEW|FUNCTION|SEQUENCE)\s+"
                         r"(?:IF\s+NOT\s+EXISTS\s+)?(?:public\.)?(\w+)", re.I)
    rename = re.compile(r"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:public\.)?(\w+)\s+RENAME\s+TO\s+(\w+)", re.I)
    for f in files:
        if not f.endswith(".sql"):
            continue
        text = open(os.path.join(old_dir, f), encoding="utf-8").read()
        module = module_of_file(f)
        for kind, name in pattern.findall(text):
            made.setdefault(name, (module, f))
        for old, new in rename.findall(text):
            if old in made:
                made.setdefault(new, made[old])
    return made


def blocks(dump):
    """pg_dump's objects: (name, type, body) in the dump's order."""
    header = re.compile(r"^--\n-- Name: (.*?); Type: (.*?); Schema: .*?; Owner: .*\n--\n", re.M)
    parts = header.split(dump)
    out = []
    for i in range(1, len(parts), 3):
        body = parts[i + 2]
        body = re.sub(r"\n--\n-- PostgreSQL database dump complete\n--\n.*", "", body, flags=re.S)
        body = re.sub(r"^(\\unrestrict|SET ).*$", "", body, flags=re.M).strip()
        out.append((parts[i], parts[i + 1], body.strip() + "\n"))
    return out


def unqualify(sql):
    return re.sub(r"\bpublic\.", "", sql)


class Table:
    def __init__(self, name, body):
        self.name = name
        self.head, self.columns, self.tail = self.split(body)
        self.keys = []
        self.foreign = []
        self.comment = None

    @staticmethod
    def split(body):
        m = re.match(r"(CREATE TABLE \w+ \(\n)(.*)(\n\)(?:.*);\n)$", body, re.S)
        if not m:
            raise SystemExit("cannot read table:\n" + body)
        return m.group(1), m.group(2).split(",\n"), m.group(3)

    def identity(self, column, always, sequence):
        for i, col in enumerate(self.columns):
            if col.strip().split()[0].strip('"') == column:
                generated = "GENERATED ALWAYS AS IDENTITY" if always else "GENERATED BY DEFAULT AS IDENTITY"
                if sequence != f"{self.name}_{column}_seq":
                    generated = generated.replace("IDENTITY", f"IDENTITY (SEQUENCE NAME {sequence})")
                # identity columns are NOT NULL already; pg_dump writes the NOT NULL on the column
                self.columns[i] = col.replace(" NOT NULL", "") + " " + generated
                return
        raise SystemExit(f"no column {column} in {self.name}")

    def render(self):
        lines = [c for c in self.columns] + ["    " + k for k in self.keys + self.foreign]
        return self.head + ",\n".join(lines) + self.tail


def main(schema_path, data_path, old_dir, out_dir):
    made = creators(old_dir)
    dump = unqualify(open(schema_path, encoding="utf-8").read())
    objects = blocks(dump)
    tables = {}
    placed = collections.defaultdict(lambda: collections.defaultdict(list))
    table_module = {}

    def home(name):
        if name not in made:
            raise SystemExit(f"no old migration creates {name}")
        module, f = made[name]
        if module == 10:
            for prefix, target in V10_HOMES:
                if name.startswith(prefix):
                    return target
            raise SystemExit(f"{name} was made by {f}: add it to V10_HOMES")
        return module

    for name, kind, body in objects:
        if kind == "TABLE":
            tables[name] = Table(name, body)
            table_module[name] = home(name)
    deferred = []
    for name, kind, body in objects:
        if kind == "TABLE":
            continue
        if kind == "FUNCTION":
            fname = name.split("(")[0]
            if fname in LEFT_OUT:
                continue
            placed[home(fname)]["functions"].append(body)
        elif kind == "SEQUENCE":
            m = re.match(r"ALTER TABLE (\w+) ALTER COLUMN (\w+) ADD GENERATED (ALWAYS|BY DEFAULT) AS IDENTITY \(\n"
                         r"\s+SEQUENCE NAME (\w+)\n\s+START WITH 1\n\s+INCREMENT BY 1\n\s+NO MINVALUE\n\s+NO MAXVALUE\n"
                         r"\s+CACHE 1\n\);\n$", body)
            if m:
                tables[m.group(1)].identity(m.group(2), m.group(3) == "ALWAYS", m.group(4))
            else:
                placed[home(name)]["sequences"].append(body)
        elif kind == "CONSTRAINT":
            m = re.match(r"ALTER TABLE ONLY (\w+)\n\s+ADD (CONSTRAINT .*);\n$", body, re.S)
            tables[m.group(1)].keys.append(m.group(2))
        elif kind == "FK CONSTRAINT":
            m = re.match(r"ALTER TABLE ONLY (\w+)\n\s+ADD (CONSTRAINT .* REFERENCES (\w+)\(.*);\n$", body, re.S)
            deferred.append((m.group(1), m.group(3), m.group(2), body))
        elif kind == "INDEX":
            table = re.search(r" ON (?:ONLY )?(\w+) ", body).group(1)
            placed[table_module[table]]["indexes"].append(body)
        elif kind == "TRIGGER":
            table = re.search(r" ON (\w+) ", body).group(1)
            function = re.search(r"EXECUTE FUNCTION (\w+)\(", body).group(1)
            placed[max(table_module[table], home(function))]["triggers"].append(body)
        elif kind == "VIEW":
            placed[home(name)]["views"].append(body)
        elif kind == "COMMENT":
            table = re.match(r"TABLE (\w+)", name).group(1)
            tables[table].comment = body
        else:
            raise SystemExit(f"unknown kind {kind} for {name}")

    # Tables in an order where every foreign key can sit in its table's CREATE TABLE: modules in order, and within a
    # module the referenced tables first (a table that references a later module's table keeps that key for later).
    order = []
    for module in sorted(FILES):
        names = sorted(n for n in tables if table_module[n] == module)
        refs = {n: {r for t, r, _, _ in deferred if t == n and r != n and table_module.get(r) == module} for n in names}
        done = set()
        while names:
            ready = [n for n in names if refs[n] <= done] or [names[0]]
            for n in ready:
                order.append(n)
                done.add(n)
                names.remove(n)
    position = {n: i for i, n in enumerate(order)}
    for table, referenced, constraint, body in deferred:
        if position[referenced] <= position[table]:
            tables[table].foreign.append(constraint)
        else:
            module = max(table_module[table], table_module[referenced])
            placed[module]["late keys"].append(f"ALTER TABLE {table}\n    ADD {constraint};\n")
    for name in order:
        placed[table_module[name]]["tables"].append(tables[name].render())
        if tables[name].comment:
            placed[table_module[name]]["comments"].append(tables[name].comment)

    data = unqualify(open(data_path, encoding="utf-8").read())
    for m in re.finditer(r"^(INSERT INTO (\w+) .*?\);)\n", data, re.M | re.S):
        # a time in a reference row is the moment the old migration ran (a now() default): each installation its own
        rows = re.sub(r"'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00'", "now()", m.group(1))
        placed[table_module[m.group(2)]]["data"].append(rows + "\n")
    for m in re.finditer(r"^SELECT pg_catalog\.setval\('(\w+)', (\d+), true\);", data, re.M):
        table = m.group(1).rsplit("_", 2)[0]
        placed[table_module[table]]["data"].append(f"SELECT setval('{m.group(1)}', {m.group(2)});\n")

    sections = ["sequences", "tables", "late keys", "functions", "data", "views", "indexes", "triggers", "comments"]
    for module, (slug, what) in FILES.items():
        path = os.path.join(out_dir, f"V10_42_{module}__{slug}.sql")
        with open(path, "w", encoding="utf-8") as out:
            out.write(f"-- The schema of {what},\n"
                      "-- as migrations V1_1 to V10_42 left it (decision 0063). Made by scripts/squash-baseline.py from the\n"
                      "-- database those migrations built; why each piece is shaped the way it is stands in docs/decisions\n"
                      "-- and in the history of the files this one replaces (git log -- src/main/resources/db/migration).\n")
            for section in sections:
                items = placed[module][section]
                if items:
                    out.write("\n" + "\n".join(items))
                if section == "data":
                    out.write(EXTRA.get(module, ""))


if __name__ == "__main__":
    main(*sys.argv[1:])
