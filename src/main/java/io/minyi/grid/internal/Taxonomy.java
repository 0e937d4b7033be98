package io.minyi.grid.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The two configuration tables of the grid (decision 0020): the grid-event categories (网格事项清单) a worker
 * reports under and the grid kinds. An admin lists, adds, renames and deactivates entries; an entry that records
 * point at (events of the category, grids of the kind) is never deleted, only deactivated, so old records keep
 * their label. Every change is audited with the old and new value.
 */
@Service
@RequiredArgsConstructor
public class Taxonomy {

    static final Pattern CODE = Pattern.compile("[A-Z_]{2,30}");

    public enum Table {
        /** grid_event_category: the case category an escalated event carries decides its deadline rule. */
        CATEGORY("grid_event_category", "grid_event", "category"),
        /** grid_kind: labels of org's grid types. */
        KIND("grid_kind", "org_grid", "type");

        final String table;
        final String usedIn;
        final String usedColumn;

        Table(String table, String usedIn, String usedColumn) {
            this.table = table;
            this.usedIn = usedIn;
            this.usedColumn = usedColumn;
        }
    }

    /** {@code caseCategory} is null for kinds; {@code inUse}: records point at it, so it can only be deactivated. */
    public record Entry(String code, String label, String labelEn, String caseCategory, int sort, boolean active,
                        boolean inUse) {
    }

    /** As typed into the admin form. */
    public record Form(String code, String label, String labelEn, String caseCategory, Integer sort) {
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    public List<Entry> list(Table t) {
        return jdbc.sql("SELECT x.code, x.label, x.label_en, " + (t == Table.CATEGORY ? "x.case_category" : "NULL")
                        + ", x.sort, x.active, EXISTS (SELECT 1 FROM " + t.usedIn + " u WHERE u." + t.usedColumn
                        + " = x.code) FROM " + t.table + " x ORDER BY x.sort, x.code")
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getBoolean(6), rs.getBoolean(7))).list();
    }

    @Transactional
    public void add(Table t, Form f) {
        String code = f.code() == null ? "" : f.code().strip().toUpperCase(java.util.Locale.ROOT);
        List<String> problems = new ArrayList<>();
        if (!CODE.matcher(code).matches()) {
            problems.add("grid.admin.invalid.code");
        } else if (find(t, code) != null) {
            problems.add("grid.admin.invalid.codeTaken");
        }
        Form clean = check(t, f, problems);
        int sort = clean.sort() != null ? clean.sort()
                : jdbc.sql("SELECT coalesce(max(sort), 0) + 1 FROM " + t.table).query(Integer.class).single();
        if (t == Table.CATEGORY) {
            jdbc.sql("INSERT INTO grid_event_category (code, label, label_en, case_category, sort) VALUES (?,?,?,?,?)")
                    .params(code, clean.label(), clean.labelEn(), clean.caseCategory(), sort).update();
        } else {
            jdbc.sql("INSERT INTO grid_kind (code, label, label_en, sort) VALUES (?,?,?,?)")
                    .params(code, clean.label(), clean.labelEn(), sort).update();
        }
        audit.record(AuditEntry.of(t == Table.CATEGORY ? "grid.category.add" : "grid.kind.add", t.table, code).withChange(null, describe(clean)));
    }

    /** A new label (and, for a category, the case category it hands to the pool); the code never changes. */
    @Transactional
    public void rename(Table t, String code, Form f) {
        Entry old = existing(t, code);
        Form clean = check(t, f, new ArrayList<>());
        int sort = clean.sort() != null ? clean.sort() : old.sort();
        jdbc.sql("UPDATE " + t.table + " SET label = ?, label_en = ?, sort = ?"
                        + (t == Table.CATEGORY ? ", case_category = ?" : "") + " WHERE code = ?")
                .params(t == Table.CATEGORY ? List.of(clean.label(), clean.labelEn(), sort, clean.caseCategory(), code)
                        : List.of(clean.label(), clean.labelEn(), sort, code))
                .update();
        audit.record(AuditEntry.of(t == Table.CATEGORY ? "grid.category.rename" : "grid.kind.rename", t.table, code)
                .withChange(describe(new Form(code, old.label(), old.labelEn(), old.caseCategory(), old.sort())),
                        describe(clean)));
    }

    /** Deactivated: no longer offered on the forms; records that carry it keep it and its label. */
    @Transactional
    public void setActive(Table t, String code, boolean active) {
        Entry old = existing(t, code);
        if (!active && t == Table.CATEGORY && list(t).stream().filter(Entry::active).count() <= 1 && old.active()) {
            throw new InvalidInputException("grid.admin.invalid.lastActive");
        }
        jdbc.sql("UPDATE " + t.table + " SET active = ? WHERE code = ?").params(active, code).update();
        audit.record(AuditEntry.of(t == Table.CATEGORY ? active ? "grid.category.activate" : "grid.category.deactivate"
                        : active ? "grid.kind.activate" : "grid.kind.deactivate", t.table, code)
                .withChange(String.valueOf(old.active()), String.valueOf(active)));
    }

    /** Only an entry no record points at; one in use is refused with the reason (deactivate it instead). */
    @Transactional
    public void delete(Table t, String code) {
        Entry old = existing(t, code);
        // lock the entry so no event takes the category between the check and the delete
        jdbc.sql("SELECT code FROM " + t.table + " WHERE code = ? FOR UPDATE").param(code).query(String.class).single();
        if (old.inUse() || find(t, code).inUse()) {
            throw new InvalidInputException("grid.admin.invalid.inUse");
        }
        jdbc.sql("DELETE FROM " + t.table + " WHERE code = ?").param(code).update();
        audit.record(AuditEntry.of(t == Table.CATEGORY ? "grid.category.delete" : "grid.kind.delete", t.table, code).withChange(describe(
                new Form(code, old.label(), old.labelEn(), old.caseCategory(), old.sort())), null));
    }

    private Form check(Table t, Form f, List<String> problems) {
        String label = strip(f.label());
        if (label == null || label.length() > 30) {
            problems.add("grid.admin.invalid.label");
        }
        String labelEn = strip(f.labelEn());
        if (labelEn == null || labelEn.length() > 60) {
            problems.add("grid.admin.invalid.labelEn");
        }
        String caseCategory = t == Table.CATEGORY ? strip(f.caseCategory()) : null;
        if (t == Table.CATEGORY && (caseCategory == null || caseCategory.length() > 30)) {
            problems.add("grid.admin.invalid.caseCategory");
        }
        if (f.sort() != null && (f.sort() < 0 || f.sort() > 9999)) {
            problems.add("grid.admin.invalid.sort");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Form(f.code(), label, labelEn, caseCategory, f.sort());
    }

    private Entry existing(Table t, String code) {
        Entry e = code == null ? null : find(t, code);
        if (e == null) {
            throw new NotFoundException(t.table + " " + code);
        }
        return e;
    }

    private Entry find(Table t, String code) {
        return list(t).stream().filter(e -> e.code().equals(code)).findFirst().orElse(null);
    }

    private static String describe(Form f) {
        return f.label() + " / " + f.labelEn() + (f.caseCategory() == null ? "" : " → " + f.caseCategory())
                + (f.sort() == null ? "" : " #" + f.sort());
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
