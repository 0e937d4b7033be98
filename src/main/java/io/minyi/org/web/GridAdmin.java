package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.GridType;
import io.minyi.org.JurisdictionLevel;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.List;

/** 网格: a patch of a village or community, and the grid workers who walk it. */
@Service
class GridAdmin {

    record Row(long id, long villageId, String villageCode, String villageName, GridType type, String code,
               String name, Integer households, boolean active, String workers) {
        String summary() {
            return "编码=" + code + "，名称=" + name + "，类型=" + type.label() + "，村（社区）=" + villageName
                    + "，户数=" + (households == null ? "" : households) + (active ? "" : "，已停用");
        }
    }

    record Worker(long id, String username, String displayName, boolean active) {
    }

    record Filter(String q, String type, Long jurisdiction, String status) {
    }

    record Form(String code, String name, String type, String villageCode, String households) {
        static Form of(Row r) {
            return new Form(r.code(), r.name(), r.type().name(), r.villageCode(),
                    r.households() == null ? null : String.valueOf(r.households()));
        }
    }

    private static final String FROM = " FROM grid g JOIN jurisdiction j ON j.id = g.village_id";
    private static final String SELECT = """
            SELECT g.*, j.code AS village_code, j.name AS village_name,
                   (SELECT string_agg(s.display_name, '、' ORDER BY s.display_name) FROM grid_worker w
                    JOIN staff_account s ON s.id = w.staff_id WHERE w.grid_id = g.id) AS workers""" + FROM;
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"), rs.getLong("village_id"),
            rs.getString("village_code"), rs.getString("village_name"), GridType.valueOf(rs.getString("type")),
            rs.getString("code"), rs.getString("name"), (Integer) rs.getObject("households"),
            rs.getBoolean("active"), rs.getString("workers"));

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Lookups lookups;

    GridAdmin(JdbcClient jdbc, AuditTrail audit, Lookups lookups) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.lookups = lookups;
    }

    static GridType parseType(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return Arrays.stream(GridType.values()).filter(g -> g.name().equalsIgnoreCase(t) || g.label().equals(t))
                .findFirst().orElse(null);
    }

    private Where where(StaffUser me, Filter f) {
        GridType type = parseType(f.type());
        return Where.scopedTo("j.path", me.scopePathPattern())
                .and("j.path LIKE ?", lookups.subtreePattern(me, f.jurisdiction()))
                .contains(f.q(), "g.name", "g.code", "j.name")
                .andIf(type != null, "g.type = ?", type == null ? null : type.name())
                .status(f.status(), "g.active");
    }

    @Transactional(readOnly = true)
    PageResult<Row> page(StaffUser me, Filter f, PageResult.Request page) {
        return where(me, f).page(jdbc, "SELECT count(*)" + FROM, SELECT, "g.code", ROW, page);
    }

    @Transactional(readOnly = true)
    List<Row> all(StaffUser me, Filter f) {
        return where(me, f).all(jdbc, SELECT, "g.code", ROW);
    }

    @Transactional(readOnly = true)
    Row get(StaffUser me, long id) {
        return jdbc.sql(SELECT + " WHERE g.id = ? AND j.path LIKE ?").params(id, me.scopePathPattern())
                .query(ROW).optional().orElseThrow(() -> new NotFoundException("grid " + id));
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
    long create(StaffUser me, Form form) {
        Valid v = validate(me, form, null);
        long id = jdbc.sql("""
                        INSERT INTO grid (village_id, type, code, name, households) VALUES (?,?,?,?,?) RETURNING id""")
                .params(v.villageId(), v.type().name(), v.code(), v.name(), v.households()).query(Long.class).single();
        audit.record(AuditEntry.of("GRID_CREATED", "grid", id).withChange(null, get(me, id).summary()));
        return id;
    }

    @Transactional
    void update(StaffUser me, long id, Form form) {
        Row before = lock(me, id);
        Valid v = validate(me, form, id);
        jdbc.sql("""
                        UPDATE grid SET village_id = ?, type = ?, code = ?, name = ?, households = ?, updated_at = now()
                        WHERE id = ?""")
                .params(v.villageId(), v.type().name(), v.code(), v.name(), v.households(), id).update();
        audit.record(AuditEntry.of("GRID_UPDATED", "grid", id).withChange(before.summary(), get(me, id).summary()));
    }

    @Transactional
    void setActive(StaffUser me, long id, boolean active) {
        Row before = lock(me, id);
        if (before.active() == active) {
            return;
        }
        jdbc.sql("UPDATE grid SET active = ?, updated_at = now() WHERE id = ?").params(active, id).update();
        audit.record(AuditEntry.of(active ? "GRID_ACTIVATED" : "GRID_DEACTIVATED", "grid", id)
                .withChange(before.summary(), get(me, id).summary()));
    }

    @Transactional
    void addWorker(StaffUser me, long gridId, String username) {
        lock(me, gridId);
        String name = Problems.clean(username);
        Worker w = name == null ? null : jdbc.sql("""
                        SELECT s.id, s.username, s.display_name, s.active FROM staff_account s
                        JOIN jurisdiction j ON j.id = s.jurisdiction_id
                        WHERE s.username = ? AND j.path LIKE ? AND 'GRID_WORKER' = ANY(s.roles)""")
                .params(name, me.scopePathPattern())
                .query((rs, i) -> new Worker(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), rs.getBoolean("active")))
                .optional().orElse(null);
        if (w == null) {
            throw new InvalidInputException("用户名" + (name == null ? "" : name) + "不存在、不在您的管辖范围内或不是网格员");
        }
        int added = jdbc.sql("INSERT INTO grid_worker (grid_id, staff_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(gridId, w.id()).update();
        if (added > 0) {
            audit.record(AuditEntry.of("GRID_WORKER_ADDED", "grid", gridId)
                    .withChange(null, "网格员=" + w.username() + "（" + w.displayName() + "）"));
        }
    }

    @Transactional
    void removeWorker(StaffUser me, long gridId, long staffId) {
        lock(me, gridId);
        int removed = jdbc.sql("DELETE FROM grid_worker WHERE grid_id = ? AND staff_id = ?").params(gridId, staffId)
                .update();
        if (removed > 0) {
            audit.record(AuditEntry.of("GRID_WORKER_REMOVED", "grid", gridId)
                    .withChange("网格员账号id=" + staffId, null));
        }
    }

    private Row lock(StaffUser me, long id) {
        Row row = get(me, id);
        jdbc.sql("SELECT id FROM grid WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
        return row;
    }

    private record Valid(String code, String name, GridType type, long villageId, Integer households) {
    }

    private Valid validate(StaffUser me, Form form, Long selfId) {
        Problems p = new Problems();
        String code = p.text(form.code(), "网格编码", true, 30);
        String name = p.text(form.name(), "网格名称", true, 100);
        GridType type = parseType(form.type());
        p.check(type != null, "网格类型为空或不正确");
        String vcode = p.text(form.villageCode(), "所在村（社区）编码", true, 30);
        Long villageId = null;
        if (vcode != null) {
            Lookups.Place place = lookups.jurisdiction(me, vcode).orElse(null);
            if (place == null) {
                p.add("所在村（社区）编码" + vcode + "不存在或不在您的管辖范围内");
            } else if (place.level() != JurisdictionLevel.VILLAGE) {
                p.add("编码" + vcode + "不是村（社区）级区划");
            } else {
                villageId = place.id();
            }
        }
        Integer households = households(p, form.households());
        if (code != null) {
            boolean taken = jdbc.sql("SELECT count(*) FROM grid WHERE code = ? AND id <> ?")
                    .params(code, selfId == null ? -1 : selfId).query(Long.class).single() > 0;
            p.check(!taken, "网格编码" + code + "已被使用");
        }
        p.throwIfAny();
        return new Valid(code, name, type, villageId, households);
    }

    static Integer households(Problems p, String text) {
        String t = Problems.clean(text);
        if (t == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(t.endsWith(".0") ? t.substring(0, t.length() - 2) : t);
            p.check(n >= 0 && n <= 1_000_000, "户数应在0到1000000之间");
            return n;
        } catch (NumberFormatException e) {
            p.add("户数应为整数");
            return null;
        }
    }
}
