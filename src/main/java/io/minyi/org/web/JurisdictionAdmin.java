package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.JurisdictionLevel;
import io.minyi.org.StaffUser;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.platform.RefusedException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.List;

/**
 * 行政区划: the tree is browsed one level at a time. A node keeps its place in the tree for life (its path is in
 * every record below it), so editing changes code and name only.
 */
@Service
class JurisdictionAdmin {

    record Row(long id, Long parentId, String parentCode, JurisdictionLevel level, String code, String name,
               String path, boolean active, long children) {
        String summary() {
            return "编码=" + code + "，名称=" + name + "，级别=" + level.label() + (active ? "" : "，已停用");
        }
    }

    /** {@code parent}: whose children to list; with {@code q} or {@code level}, the whole subtree is searched. */
    record Filter(Long parent, String level, String q, String status) {
        public boolean searching() {
            return (q != null && !q.isBlank()) || (level != null && !level.isBlank());
        }
    }

    record Form(String parentCode, String code, String name) {
        static Form of(Row r) {
            return new Form(r.parentCode(), r.code(), r.name());
        }
    }

    private static final String SELECT = """
            SELECT j.*, p.code AS parent_code,
                   (SELECT count(*) FROM jurisdiction c WHERE c.parent_id = j.id) AS children
            FROM jurisdiction j LEFT JOIN jurisdiction p ON p.id = j.parent_id""";
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"), (Long) rs.getObject("parent_id"),
            rs.getString("parent_code"), JurisdictionLevel.valueOf(rs.getString("level")), rs.getString("code"),
            rs.getString("name"), rs.getString("path"), rs.getBoolean("active"), rs.getLong("children"));

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Lookups lookups;

    JurisdictionAdmin(JdbcClient jdbc, AuditTrail audit, Lookups lookups) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.lookups = lookups;
    }

    private Where where(StaffUser me, Filter f) {
        long parent = f.parent() == null ? me.jurisdictionId() : f.parent();
        Where w = Where.scopedTo("j.path", me.scopePathPattern());
        if (f.searching()) {
            w.and("j.path LIKE ?", lookups.subtreePattern(me, parent))
                    .contains(f.q(), "j.name", "j.code")
                    .andIf(level(f.level()) != null, "j.level = ?", level(f.level()));
        } else if (f.parent() == null) {
            // the top of the caller's own tree: their jurisdiction itself
            w.and("j.id = ?", me.jurisdictionId());
        } else {
            w.and("j.parent_id = ?", parent);
        }
        return w.status(f.status(), "j.active");
    }

    private static String level(String text) {
        return Arrays.stream(JurisdictionLevel.values()).filter(l -> l.name().equals(text)).map(Enum::name)
                .findFirst().orElse(null);
    }

    @Transactional(readOnly = true)
    PageResult<Row> page(StaffUser me, Filter f, PageResult.Request page) {
        return where(me, f).page(jdbc, "SELECT count(*) FROM jurisdiction j", SELECT, "j.code", ROW, page);
    }

    @Transactional(readOnly = true)
    List<Row> all(StaffUser me, Filter f) {
        return where(me, f).all(jdbc, SELECT, "j.code", ROW);
    }

    @Transactional(readOnly = true)
    Row get(StaffUser me, long id) {
        return jdbc.sql(SELECT + " WHERE j.id = ? AND j.path LIKE ?").params(id, me.scopePathPattern())
                .query(ROW).optional().orElseThrow(() -> new NotFoundException("jurisdiction " + id));
    }

    @Transactional
    long create(StaffUser me, Form form) {
        Problems p = new Problems();
        String parentCode = p.text(form.parentCode(), "上级区划编码", true, 30);
        String code = p.text(form.code(), "区划编码", true, 30);
        String name = p.text(form.name(), "名称", true, 100);
        Lookups.Place parent = parentCode == null ? null : lookups.jurisdiction(me, parentCode).orElse(null);
        if (parentCode != null && parent == null) {
            p.add("上级区划编码" + parentCode + "不存在或不在您的管辖范围内");
        } else if (parent != null && parent.level().childLevel() == null) {
            p.add("村（社区）之下不再设区划，请改建网格");
        }
        checkCodeFree(p, code, null);
        p.throwIfAny();
        long id = jdbc.sql("SELECT nextval(pg_get_serial_sequence('jurisdiction', 'id'))").query(Long.class).single();
        jdbc.sql("INSERT INTO jurisdiction (id, parent_id, level, code, name, path) VALUES (?,?,?,?,?,?)")
                .params(id, parent.id(), parent.level().childLevel().name(), code, name, parent.path() + id + "/")
                .update();
        audit.record(AuditEntry.of("JURISDICTION_CREATED", "jurisdiction", id).withChange(null, get(me, id).summary()));
        return id;
    }

    @Transactional
    void update(StaffUser me, long id, Form form) {
        Row before = lock(me, id);
        Problems p = new Problems();
        String code = p.text(form.code(), "区划编码", true, 30);
        String name = p.text(form.name(), "名称", true, 100);
        checkCodeFree(p, code, id);
        p.throwIfAny();
        jdbc.sql("UPDATE jurisdiction SET code = ?, name = ?, updated_at = now() WHERE id = ?").params(code, name, id)
                .update();
        audit.record(AuditEntry.of("JURISDICTION_UPDATED", "jurisdiction", id)
                .withChange(before.summary(), get(me, id).summary()));
    }

    @Transactional
    void setActive(StaffUser me, long id, boolean active) {
        Row before = lock(me, id);
        if (before.active() == active) {
            return;
        }
        if (!active && id == me.jurisdictionId()) {
            throw new RefusedException("不能停用您自己的管辖区划");
        }
        if (!active) {
            long busy = jdbc.sql("""
                            SELECT (SELECT count(*) FROM jurisdiction WHERE parent_id = ? AND active)
                                 + (SELECT count(*) FROM unit WHERE jurisdiction_id = ? AND active)
                                 + (SELECT count(*) FROM grid WHERE village_id = ? AND active)""")
                    .params(id, id, id).query(Long.class).single();
            if (busy > 0) {
                throw new RefusedException("该区划下仍有在用的下级区划、单位或网格，请先停用它们");
            }
        }
        jdbc.sql("UPDATE jurisdiction SET active = ?, updated_at = now() WHERE id = ?").params(active, id).update();
        audit.record(AuditEntry.of(active ? "JURISDICTION_ACTIVATED" : "JURISDICTION_DEACTIVATED", "jurisdiction", id)
                .withChange(before.summary(), get(me, id).summary()));
    }

    private void checkCodeFree(Problems p, String code, Long selfId) {
        if (code != null) {
            boolean taken = jdbc.sql("SELECT count(*) FROM jurisdiction WHERE code = ? AND id <> ?")
                    .params(code, selfId == null ? -1 : selfId).query(Long.class).single() > 0;
            p.check(!taken, "区划编码" + code + "已被使用");
        }
    }

    private Row lock(StaffUser me, long id) {
        Row row = get(me, id);
        jdbc.sql("SELECT id FROM jurisdiction WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
        return row;
    }
}
