package io.minyi.casework.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseType;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * 类别目录: the categories per case type that registration and triage offer, kept by the administrator. A category
 * is a name (what cases, reports and deadline rules carry) with an optional parent of the same type; retiring one
 * stops it being offered and leaves the cases that carry it as they are.
 */
@Service
@RequiredArgsConstructor
public class CaseCategories {

    public record Category(long id, CaseType type, Long parentId, String parentName, String name, boolean active,
                           int sort) {
        /** "公共安全 / 消防" for a child, the name alone otherwise. */
        public String path() {
            return parentName == null ? name : parentName + " / " + name;
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    /** Every category, by type, parents before their children. */
    public Map<CaseType, List<Category>> all() {
        Map<CaseType, List<Category>> out = new EnumMap<>(CaseType.class);
        for (CaseType t : CaseType.values()) {
            out.put(t, new ArrayList<>());
        }
        jdbc.sql("""
                        SELECT c.*, p.name AS parent_name FROM case_category c
                        LEFT JOIN case_category p ON p.id = c.parent_id
                        ORDER BY c.type, coalesce(p.sort, c.sort), coalesce(p.id, c.id), c.parent_id NULLS FIRST,
                                 c.sort, c.id""")
                .query((rs, i) -> new Category(rs.getLong("id"), CaseType.valueOf(rs.getString("type")),
                        rs.getObject("parent_id", Long.class), rs.getString("parent_name"), rs.getString("name"),
                        rs.getBoolean("active"), rs.getInt("sort")))
                .list().forEach(c -> out.get(c.type()).add(c));
        return out;
    }

    /** What a form offers for a type: its active categories. */
    public List<Category> offered(CaseType type) {
        return all().get(type).stream().filter(Category::active).toList();
    }

    /** The names a form offers, per type, for registration (where the type is chosen on the same form). */
    public Map<CaseType, List<Category>> offered() {
        Map<CaseType, List<Category>> out = new EnumMap<>(CaseType.class);
        all().forEach((t, list) -> out.put(t, list.stream().filter(Category::active).toList()));
        return out;
    }

    public boolean isOffered(CaseType type, String name) {
        return type != null && name != null && jdbc.sql(
                        "SELECT count(*) FROM case_category WHERE type = ? AND name = ? AND active")
                .params(type.name(), name.strip()).query(Long.class).single() > 0;
    }

    @Transactional
    public long add(CaseType type, String name, Long parentId) {
        String n = name == null ? "" : name.strip();
        if (type == null) {
            throw new InvalidInputException("casework.category.typeRequired");
        }
        if (n.isEmpty() || n.length() > CaseLimits.CATEGORY) {
            throw new InvalidInputException("casework.category.nameRequired");
        }
        if (parentId != null) {
            boolean parentOk = jdbc.sql(
                            "SELECT count(*) FROM case_category WHERE id = ? AND type = ? AND parent_id IS NULL")
                    .params(parentId, type.name()).query(Long.class).single() > 0;
            if (!parentOk) {
                throw new InvalidInputException("casework.category.badParent");
            }
        }
        boolean taken = jdbc.sql("SELECT count(*) FROM case_category WHERE type = ? AND name = ?")
                .params(type.name(), n).query(Long.class).single() > 0;
        if (taken) {
            throw new InvalidInputException("casework.category.taken");
        }
        long id = jdbc.sql("""
                        INSERT INTO case_category (type, parent_id, name, sort)
                        VALUES (?, ?, ?, (SELECT coalesce(max(sort), 0) + 10 FROM case_category WHERE type = ?))
                        RETURNING id""")
                .params(type.name(), parentId, n, type.name()).query(Long.class).single();
        audit.record(AuditEntry.of("casework.case_category.create", "case_category", id).withChange(null, type.name() + " " + n));
        return id;
    }

    /** Offers a category again, or stops offering it (its cases keep it). */
    @Transactional
    public void setActive(long id, boolean active) {
        Category c = all().values().stream().flatMap(List::stream).filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("category"));
        if (c.active() == active) {
            return;
        }
        jdbc.sql("UPDATE case_category SET active = ? WHERE id = ?").params(active, id).update();
        audit.record(AuditEntry.of(active ? "casework.case_category.activate" : "casework.case_category.deactivate", "case_category", id)
                .withChange(LoopWords.of(c.active() ? "categoryOn" : "categoryOff", c.path()),
                        LoopWords.of(active ? "categoryOn" : "categoryOff", c.path())));
    }
}
