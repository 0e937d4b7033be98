package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.org.GridType;
import io.minyi.org.JurisdictionLevel;
import io.minyi.org.StaffUser;
import io.minyi.platform.SqlFilter;
import io.minyi.platform.fields.Choices;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.FieldValues;
import io.minyi.platform.fields.Problems;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** 网格: a patch of a village or community, and the grid workers who walk it. */
@Component
class Grids extends OrgKind<Grids.Row, OrgKind.TypeAndPlace> {

    record Row(long id, long villageId, String villageCode, String villageName, GridType type, String code,
               String name, Integer households, boolean active, String workers, String workerUsernames)
            implements OrgKind.Record {
    }

    record Worker(long id, String username, String displayName, boolean active) {
    }

    static final Field<String> CODE = Field.text("code", "org.grid.code", true, 30);
    static final Field<String> NAME = Field.text("name", "org.grid.name", true, 100);
    static final Choices<GridType> TYPES = Choices.of(GridType.class, GridType::label);
    static final Field<GridType> TYPE = Field.choice("type", "org.grid.type", true, TYPES);
    static final Field<String> VILLAGE = Field.text("villageCode", "org.grid.villageCode", true, 30);
    static final Field<Integer> HOUSEHOLDS = Field.integer("households", "org.grid.households", false, 0, 1_000_000);
    static final Field<Set<String>> WORKERS = Field.keys("workers", "org.grid.workerUsername", 400);
    private static final FieldSpec SPEC = FieldSpec.of(CODE, NAME, TYPE, VILLAGE, HOUSEHOLDS, WORKERS);

    private static final String FROM = " FROM grid g JOIN jurisdiction j ON j.id = g.village_id";
    private static final String SELECT = """
            SELECT g.*, j.code AS village_code, j.name AS village_name,
                   (SELECT string_agg(s.display_name, '、' ORDER BY s.display_name) FROM grid_worker w
                    JOIN staff_account s ON s.id = w.staff_id WHERE w.grid_id = g.id) AS workers,
                   (SELECT string_agg(s.username, '、' ORDER BY s.username) FROM grid_worker w
                    JOIN staff_account s ON s.id = w.staff_id WHERE w.grid_id = g.id) AS worker_usernames""" + FROM;
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"), rs.getLong("village_id"),
            rs.getString("village_code"), rs.getString("village_name"), GridType.valueOf(rs.getString("type")),
            rs.getString("code"), rs.getString("name"), (Integer) rs.getObject("households"),
            rs.getBoolean("active"), rs.getString("workers"), rs.getString("worker_usernames"));

    Grids(Deps deps) {
        super(new Definition<>("grids", "grid", SPEC, CODE, new Queries<>(SELECT, FROM, "g.code", "g.id", ROW)), deps);
    }

    @Override
    SqlFilter where(SqlFilter scoped, StaffUser me, TypeAndPlace f) {
        return scoped.and("j.path LIKE ?", Refs.subtreePattern(jdbc, me, f.jurisdiction()))
                .contains(f.q(), "g.name", "g.code", "j.name")
                .andPresent("g.type = ?", TYPES.parse(f.type()).map(Enum::name))
                .status(f.status(), "g.active");
    }

    @Override
    List<Extra<Row>> extras() {
        return List.of(new Extra<>("org.grid.village", Row::villageName),
                new Extra<>("org.grid.workers", r -> r.workers() == null ? "" : r.workers()));
    }

    /** The page changes the workers one by one in a section of its own, not as the file's list. */
    @Override
    List<Field<?>> formFields(Row row) {
        return super.formFields(row).stream().filter(f -> f != WORKERS).toList();
    }

    @Override
    FieldValues values(Row r) {
        Set<String> workers = r.workerUsernames() == null ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(r.workerUsernames().split("、")));
        return new FieldValues().put(CODE, r.code()).put(NAME, r.name()).put(TYPE, r.type())
                .put(VILLAGE, r.villageCode()).put(HOUSEHOLDS, r.households()).put(WORKERS, workers);
    }

    @Override
    Checked check(StaffUser me, FieldValues v, Row existing, Refs refs, Problems p) {
        Refs.Place village = refs.named(v, VILLAGE, refs::place, "org.problem.notFound", p);
        if (village != null && village.level() != JurisdictionLevel.VILLAGE) {
            p.about(VILLAGE).problem("org.problem.notVillage", v.get(VILLAGE));
        }
        Checked c = new Checked().set("village_id", village == null ? null : village.id())
                .set("type", v.get(TYPE) == null ? null : v.get(TYPE).name()).set("code", v.get(CODE))
                .set("name", v.get(NAME)).set("households", v.get(HOUSEHOLDS));
        Set<String> workers = v.get(WORKERS);
        for (String username : workers == null ? Set.<String>of() : workers) {
            refs.gridWorker(username).ifPresentOrElse(c.links::add,
                    () -> p.about(WORKERS).problem("org.problem.notGridWorker", username));
        }
        return c;
    }

    /** A file says who walks the grid (a blank cell: nobody); the form changes workers one by one instead. */
    @Override
    void afterWrite(long id, FieldValues v, Checked c, Refs refs, boolean fromSheet) {
        if (fromSheet) {
            jdbc.sql("DELETE FROM grid_worker WHERE grid_id = ?").param(id).update();
            c.links.forEach(staff -> jdbc.sql("INSERT INTO grid_worker (grid_id, staff_id) VALUES (?, ?)")
                    .params(id, staff).update());
        }
    }

    @Transactional(readOnly = true)
    List<Worker> workers(StaffUser me, long gridId) {
        get(me, gridId);
        return jdbc.sql("""
                        SELECT s.id, s.username, s.display_name, s.active FROM grid_worker w
                        JOIN staff_account s ON s.id = w.staff_id WHERE w.grid_id = ? ORDER BY s.username""")
                .param(gridId)
                .query((rs, i) -> new Worker(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), rs.getBoolean("active")))
                .list();
    }

    @Transactional
    void addWorker(StaffUser me, long gridId, String username) {
        lock(me, gridId);
        String name = username == null ? "" : username.strip();
        Long staff = name.isEmpty() ? null : new Refs(jdbc, me).gridWorker(name).orElse(null);
        if (staff == null) {
            Problems p = Problems.ofForm(messages);
            p.about(WORKERS).problem("org.problem.notGridWorker", name);
            p.throwIfAny();
        }
        int added = jdbc.sql("INSERT INTO grid_worker (grid_id, staff_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(gridId, staff).update();
        if (added > 0) {
            audit.record(AuditEntry.of(auditAction("add_worker"), "grid", gridId).withChange(null, "username=" + name));
        }
    }

    @Transactional
    void removeWorker(StaffUser me, long gridId, long staffId) {
        lock(me, gridId);
        int removed = jdbc.sql("DELETE FROM grid_worker WHERE grid_id = ? AND staff_id = ?").params(gridId, staffId)
                .update();
        if (removed > 0) {
            audit.record(AuditEntry.of(auditAction("remove_worker"), "grid", gridId).withChange("staff=" + staffId, null));
        }
    }
}
