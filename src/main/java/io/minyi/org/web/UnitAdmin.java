package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitType;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.platform.RefusedException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** 政法单位: type, parent unit (which reviews its conclusions) and the jurisdiction it serves. */
@Service
class UnitAdmin {

    record Row(long id, Long parentId, String parentName, long jurisdictionId, String jurisdictionCode,
               String jurisdictionName, UnitType type, String code, String name, String phone, String address,
               boolean active, long officers) {
        String summary() {
            return "编码=" + code + "，名称=" + name + "，类型=" + type.label() + "，区划=" + jurisdictionName
                    + "，上级=" + (parentName == null ? "无" : parentName) + (active ? "" : "，已停用");
        }
    }

    record Filter(String q, String type, Long jurisdiction, String status) {
    }

    record Form(String code, String name, String type, String jurisdictionCode, Long parentId, String phone,
                String address) {
        static Form of(Row r) {
            return new Form(r.code(), r.name(), r.type().name(), r.jurisdictionCode(), r.parentId(), r.phone(),
                    r.address());
        }
    }

    private static final String FROM = " " + """
             FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id LEFT JOIN unit p ON p.id = u.parent_id""";
    private static final String SELECT = """
            SELECT u.*, p.name AS parent_name, j.code AS jurisdiction_code, j.name AS jurisdiction_name,
                   (SELECT count(*) FROM officer o WHERE o.unit_id = u.id AND o.active) AS officers""" + FROM;
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"), (Long) rs.getObject("parent_id"),
            rs.getString("parent_name"), rs.getLong("jurisdiction_id"), rs.getString("jurisdiction_code"),
            rs.getString("jurisdiction_name"), UnitType.valueOf(rs.getString("type")), rs.getString("code"),
            rs.getString("name"), rs.getString("phone"), rs.getString("address"), rs.getBoolean("active"),
            rs.getLong("officers"));

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Lookups lookups;

    UnitAdmin(JdbcClient jdbc, AuditTrail audit, Lookups lookups) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.lookups = lookups;
    }

    private Where where(StaffUser me, Filter f) {
        return Where.scopedTo("j.path", me.scopePathPattern())
                .and("j.path LIKE ?", lookups.subtreePattern(me, f.jurisdiction()))
                .contains(f.q(), "u.name", "u.code")
                .andIf(UnitType.parse(f.type()).isPresent(), "u.type = ?",
                        UnitType.parse(f.type()).map(Enum::name).orElse(null))
                .status(f.status(), "u.active");
    }

    /** Units of higher jurisdictions first, then by code. */
    private static final String ORDER = "length(j.path) - length(replace(j.path, '/', '')), u.code";

    @Transactional(readOnly = true)
    PageResult<Row> page(StaffUser me, Filter f, PageResult.Request page) {
        return where(me, f).page(jdbc, "SELECT count(*)" + FROM, SELECT, ORDER, ROW, page);
    }

    @Transactional(readOnly = true)
    List<Row> all(StaffUser me, Filter f) {
        return where(me, f).all(jdbc, SELECT, ORDER, ROW);
    }

    @Transactional(readOnly = true)
    Row get(StaffUser me, long id) {
        return jdbc.sql(SELECT + " WHERE u.id = ? AND j.path LIKE ?").params(id, me.scopePathPattern())
                .query(ROW).optional().orElseThrow(() -> new NotFoundException("unit " + id));
    }

    @Transactional
    long create(StaffUser me, Form form) {
        Valid v = validate(me, form, null);
        long id = jdbc.sql("""
                        INSERT INTO unit (parent_id, jurisdiction_id, type, code, name, phone, address)
                        VALUES (?,?,?,?,?,?,?) RETURNING id""")
                .params(v.parentId(), v.jurisdictionId(), v.type().name(), v.code(), v.name(), v.phone(), v.address())
                .query(Long.class).single();
        audit.record(AuditEntry.of("UNIT_CREATED", "unit", id).withChange(null, get(me, id).summary()));
        return id;
    }

    @Transactional
    void update(StaffUser me, long id, Form form) {
        Row before = lock(me, id);
        Valid v = validate(me, form, id);
        if (v.type().system() != before.type().system() && before.officers() > 0) {
            // badge numbers are unique per system, so moving a unit with officers across systems could clash
            throw new io.minyi.platform.InvalidInputException("单位下有干警，不能改为其他系统的单位类型");
        }
        jdbc.sql("""
                        UPDATE unit SET parent_id = ?, jurisdiction_id = ?, type = ?, code = ?, name = ?, phone = ?,
                               address = ?, updated_at = now() WHERE id = ?""")
                .params(v.parentId(), v.jurisdictionId(), v.type().name(), v.code(), v.name(), v.phone(), v.address(),
                        id)
                .update();
        audit.record(AuditEntry.of("UNIT_UPDATED", "unit", id).withChange(before.summary(), get(me, id).summary()));
    }

    @Transactional
    void setActive(StaffUser me, long id, boolean active) {
        Row before = lock(me, id);
        if (before.active() == active) {
            return;
        }
        if (!active) {
            long busy = jdbc.sql("""
                            SELECT (SELECT count(*) FROM officer WHERE unit_id = ? AND active)
                                 + (SELECT count(*) FROM staff_account WHERE unit_id = ? AND active)
                                 + (SELECT count(*) FROM unit WHERE parent_id = ? AND active)""")
                    .params(id, id, id).query(Long.class).single();
            if (busy > 0) {
                throw new RefusedException("该单位下仍有在用的干警、账号或下级单位，请先调整后再停用");
            }
        }
        jdbc.sql("UPDATE unit SET active = ?, updated_at = now() WHERE id = ?").params(active, id).update();
        audit.record(AuditEntry.of(active ? "UNIT_ACTIVATED" : "UNIT_DEACTIVATED", "unit", id)
                .withChange(before.summary(), get(me, id).summary()));
    }

    private Row lock(StaffUser me, long id) {
        Row row = get(me, id);
        jdbc.sql("SELECT id FROM unit WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
        return row;
    }

    private record Valid(String code, String name, UnitType type, long jurisdictionId, Long parentId, String phone,
                         String address) {
    }

    private Valid validate(StaffUser me, Form form, Long selfId) {
        Problems p = new Problems();
        String code = p.text(form.code(), "单位编码", true, 30);
        String name = p.text(form.name(), "单位名称", true, 100);
        String phone = p.text(form.phone(), "电话", false, 30);
        String address = p.text(form.address(), "地址", false, 200);
        UnitType type = UnitType.parse(form.type()).orElse(null);
        p.check(type != null, "单位类型为空或不正确");
        String jcode = p.text(form.jurisdictionCode(), "所在区划编码", true, 30);
        Long jurisdictionId = null;
        if (jcode != null) {
            jurisdictionId = lookups.jurisdiction(me, jcode).map(Lookups.Place::id).orElse(null);
            p.check(jurisdictionId != null, "所在区划编码" + jcode + "不存在或不在您的管辖范围内");
        }
        if (form.parentId() != null) {
            if (lookups.unit(me, form.parentId()).isEmpty()) {
                p.add("上级单位不存在或不在您的管辖范围内");
            } else if (selfId != null && isSelfOrBelow(selfId, form.parentId())) {
                p.add("上级单位不能是本单位或其下级单位");
            }
        }
        if (code != null) {
            boolean taken = jdbc.sql("SELECT count(*) FROM unit WHERE code = ? AND id <> ?")
                    .params(code, selfId == null ? -1 : selfId).query(Long.class).single() > 0;
            p.check(!taken, "单位编码" + code + "已被使用");
        }
        p.throwIfAny();
        return new Valid(code, name, type, jurisdictionId, form.parentId(), phone, address);
    }

    /** True when {@code candidate} is the unit itself or lies under it, which would make the tree a loop. */
    private boolean isSelfOrBelow(long self, long candidate) {
        return jdbc.sql("""
                        WITH RECURSIVE up AS (SELECT id, parent_id FROM unit WHERE id = ?
                                              UNION SELECT u.id, u.parent_id FROM unit u JOIN up ON u.id = up.parent_id)
                        SELECT count(*) FROM up WHERE id = ?""")
                .params(candidate, self).query(Long.class).single() > 0;
    }
}
