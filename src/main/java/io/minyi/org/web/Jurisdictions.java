package io.minyi.org.web;

import io.minyi.org.JurisdictionCache;
import io.minyi.org.JurisdictionLevel;
import io.minyi.org.StaffUser;
import io.minyi.platform.SqlFilter;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.FieldValues;
import io.minyi.platform.fields.Problems;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 行政区划: the tree is browsed one level at a time. A node keeps its place in the tree for life (its path is in
 * every record below it), so a change touches code and name only; the level follows from the parent.
 */
@Component
class Jurisdictions extends OrgKind<Jurisdictions.Row, Jurisdictions.Filter> {

    record Row(long id, Long parentId, String parentCode, JurisdictionLevel level, String code, String name,
               String path, boolean active, long children) implements OrgKind.Record {
    }

    /** {@code parent}: whose children to list; with {@code q} or {@code level}, the whole subtree is searched. */
    record Filter(Long parent, String level, String q, String status) implements ListFilter {
        public boolean searching() {
            return (q != null && !q.isBlank()) || (level != null && !level.isBlank());
        }
    }

    static final Field<String> CODE = Field.text("code", "org.jurisdiction.code", true, 30);
    static final Field<String> NAME = Field.text("name", "org.name", true, 100);
    /** Required for a new place only: the top of a tree has none, and an existing place never moves. */
    static final Field<String> PARENT = Field.text("parentCode", "org.jurisdiction.parentCode", false, 30).fixed();
    private static final FieldSpec SPEC = FieldSpec.of(CODE, NAME, PARENT);

    private static final String SELECT = """
            SELECT j.*, p.code AS parent_code,
                   (SELECT count(*) FROM jurisdiction c WHERE c.parent_id = j.id) AS children
            FROM jurisdiction j LEFT JOIN jurisdiction p ON p.id = j.parent_id""";
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"), (Long) rs.getObject("parent_id"),
            rs.getString("parent_code"), JurisdictionLevel.valueOf(rs.getString("level")), rs.getString("code"),
            rs.getString("name"), rs.getString("path"), rs.getBoolean("active"), rs.getLong("children"));

    Jurisdictions(Deps deps, JurisdictionCache cache) {
        super(new Definition<>("jurisdictions", "jurisdiction", SPEC, CODE,
                new Queries<>(SELECT, " FROM jurisdiction j", "j.code", "j.id", ROW)), deps, cache);
    }

    @Override
    SqlFilter where(SqlFilter scoped, StaffUser me, Filter f) {
        long parent = f.parent() == null ? me.jurisdictionId() : f.parent();
        Optional<String> level = Arrays.stream(JurisdictionLevel.values()).map(Enum::name)
                .filter(l -> l.equals(f.level())).findFirst();
        if (f.searching()) {
            scoped.and("j.path LIKE ?", Refs.subtreePattern(jdbc, me, parent))
                    .contains(f.q(), "j.name", "j.code")
                    .andPresent("j.level = ?", level);
        } else if (f.parent() == null) {
            // the top of the caller's own tree: their jurisdiction itself
            scoped.and("j.id = ?", me.jurisdictionId());
        } else {
            scoped.and("j.parent_id = ?", parent);
        }
        return scoped.status(f.status(), "j.active");
    }

    @Override
    List<Extra<Row>> extras() {
        return List.of(new Extra<>("org.jurisdiction.level", r -> r.level().label()),
                new Extra<>("org.jurisdiction.children", Row::children));
    }

    @Override
    FieldValues values(Row r) {
        return new FieldValues().put(CODE, r.code()).put(NAME, r.name()).put(PARENT, r.parentCode());
    }

    @Override
    Checked check(StaffUser me, FieldValues v, Row existing, Refs refs, Problems p) {
        Checked c = new Checked().set("code", v.get(CODE)).set("name", v.get(NAME));
        String parentCode = v.get(PARENT);
        if (existing != null) {
            if (parentCode != null && !Objects.equals(parentCode, existing.parentCode())) {
                p.about(PARENT).problem("org.problem.placeMoves", existing.parentCode() == null ? "" : existing.parentCode());
            }
            if (v.get(CODE) != null) {
                refs.register(new Refs.Place(existing.id(), existing.level(), v.get(CODE), existing.path(), true));
            }
            return c;
        }
        if (parentCode == null) {
            // reported as missing with every field given when a record is made
            return c;
        }
        Refs.Place parent = refs.place(parentCode).filter(Refs.Place::active).orElse(null);
        if (parent == null) {
            p.about(PARENT).problem("org.problem.notFoundEarlier", parentCode);
            return c;
        }
        JurisdictionLevel level = parent.level().childLevel();
        if (level == null) {
            p.about(PARENT).problem("org.problem.belowVillage", parentCode);
            return c;
        }
        String path = parent.path() + refs.plannedId + "/";
        if (v.get(CODE) != null) {
            refs.register(new Refs.Place(refs.plannedId, level, v.get(CODE), path, true));
        }
        return c.set("parent_id", parent.id()).set("level", level.name()).set("path", path);
    }

    @Override
    Optional<String> refuseDeactivation(StaffUser me, long id) {
        if (id == me.jurisdictionId()) {
            return Optional.of("org.refused.ownJurisdiction");
        }
        return refusedWhileReferenced(id, "org.refused.jurisdictionBusy", "jurisdiction.parent_id",
                "unit.jurisdiction_id", "grid.village_id");
    }
}
