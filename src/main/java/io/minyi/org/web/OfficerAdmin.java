package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitType;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** 政法干警: browse within the caller's scope, create, edit, deactivate. A badge number is unique per unit system. */
@Service
class OfficerAdmin {

    record Row(long id, long unitId, String unitName, String unitSystem, String badgeNo, String name,
               String position, boolean active, String jurisdictionName) {
        String summary() {
            return "警号=" + badgeNo + "，姓名=" + name + "，职务=" + (position == null ? "" : position)
                    + "，单位=" + unitName + (active ? "" : "，已停用");
        }
    }

    record Filter(String q, Long unit, String status) {
    }

    record Form(String badgeNo, String name, String position, Long unitId) {
        static Form of(Row r) {
            return new Form(r.badgeNo(), r.name(), r.position(), r.unitId());
        }
    }

    private static final String FROM = " " + """
             FROM officer o JOIN unit u ON u.id = o.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id""";
    private static final String SELECT = """
            SELECT o.id, o.unit_id, u.name AS unit_name, o.unit_system, o.badge_no, o.name, o.position, o.active,
                   j.name AS jurisdiction_name""" + FROM;
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"), rs.getLong("unit_id"),
            rs.getString("unit_name"), rs.getString("unit_system"), rs.getString("badge_no"), rs.getString("name"),
            rs.getString("position"), rs.getBoolean("active"), rs.getString("jurisdiction_name"));

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    OfficerAdmin(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    private static Where where(StaffUser me, Filter f) {
        return Where.scopedTo("j.path", me.scopePathPattern())
                .contains(f.q(), "o.name", "o.badge_no", "o.position")
                .andIf(f.unit() != null, "o.unit_id = ?", f.unit())
                .status(f.status(), "o.active");
    }

    @Transactional(readOnly = true)
    PageResult<Row> page(StaffUser me, Filter f, PageResult.Request page) {
        return where(me, f).page(jdbc, "SELECT count(*)" + FROM, SELECT, "u.code, o.badge_no", ROW, page);
    }

    @Transactional(readOnly = true)
    List<Row> all(StaffUser me, Filter f) {
        return where(me, f).all(jdbc, SELECT, "u.code, o.badge_no", ROW);
    }

    @Transactional(readOnly = true)
    Row get(StaffUser me, long id) {
        return jdbc.sql(SELECT + " WHERE o.id = ? AND j.path LIKE ?").params(id, me.scopePathPattern())
                .query(ROW).optional().orElseThrow(() -> new NotFoundException("officer " + id));
    }

    @Transactional
    long create(StaffUser me, Form form) {
        Valid v = validate(me, form, null);
        long id = jdbc.sql("""
                        INSERT INTO officer (unit_id, unit_system, badge_no, name, position) VALUES (?,?,?,?,?)
                        RETURNING id""")
                .params(form.unitId(), v.system(), v.badgeNo(), v.name(), v.position()).query(Long.class).single();
        audit.record(AuditEntry.of("OFFICER_CREATED", "officer", id).withChange(null, get(me, id).summary()));
        return id;
    }

    @Transactional
    void update(StaffUser me, long id, Form form) {
        Row before = lock(me, id);
        Valid v = validate(me, form, id);
        jdbc.sql("""
                        UPDATE officer SET unit_id = ?, unit_system = ?, badge_no = ?, name = ?, position = ?,
                               updated_at = now() WHERE id = ?""")
                .params(form.unitId(), v.system(), v.badgeNo(), v.name(), v.position(), id).update();
        audit.record(AuditEntry.of("OFFICER_UPDATED", "officer", id)
                .withChange(before.summary(), get(me, id).summary()));
    }

    @Transactional
    void setActive(StaffUser me, long id, boolean active) {
        Row before = lock(me, id);
        if (before.active() == active) {
            return;
        }
        jdbc.sql("UPDATE officer SET active = ?, updated_at = now() WHERE id = ?").params(active, id).update();
        audit.record(AuditEntry.of(active ? "OFFICER_ACTIVATED" : "OFFICER_DEACTIVATED", "officer", id)
                .withChange(before.summary(), get(me, id).summary()));
    }

    private Row lock(StaffUser me, long id) {
        Row row = get(me, id);
        jdbc.sql("SELECT id FROM officer WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
        return row;
    }

    private record Valid(String badgeNo, String name, String position, String system) {
    }

    private Valid validate(StaffUser me, Form form, Long selfId) {
        Problems p = new Problems();
        String badge = p.text(form.badgeNo(), "警号", true, 30);
        String name = p.text(form.name(), "姓名", true, 50);
        String position = p.text(form.position(), "职务", false, 50);
        String system = null;
        if (form.unitId() == null) {
            p.add("单位为空");
        } else {
            String type = jdbc.sql("""
                            SELECT u.type FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                            WHERE u.id = ? AND j.path LIKE ?""")
                    .params(form.unitId(), me.scopePathPattern()).query(String.class).optional().orElse(null);
            if (type == null) {
                p.add("单位不存在或不在您的管辖范围内");
            } else {
                system = UnitType.valueOf(type).system().name();
            }
        }
        if (badge != null && system != null) {
            boolean taken = jdbc.sql("SELECT count(*) FROM officer WHERE unit_system = ? AND badge_no = ? AND id <> ?")
                    .params(system, badge, selfId == null ? -1 : selfId).query(Long.class).single() > 0;
            p.check(!taken, "警号" + badge + "在本系统内已被使用");
        }
        p.throwIfAny();
        return new Valid(badge, name, position, system);
    }
}
