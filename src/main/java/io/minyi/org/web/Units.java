package io.minyi.org.web;

import io.minyi.org.StaffUser;
import io.minyi.org.UnitCache;
import io.minyi.org.UnitKind;
import io.minyi.org.UnitKinds;
import io.minyi.org.UnitSystem;
import io.minyi.platform.SqlFilter;
import io.minyi.platform.fields.Choices;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.FieldValues;
import io.minyi.platform.fields.Problems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** 政法单位: type, parent unit (which reviews its conclusions) and the jurisdiction it serves. */
@Component
class Units extends OrgKind<Units.Row, OrgKind.TypeAndPlace> {

    record Row(long id, Long parentId, String parentCode, String parentName, long jurisdictionId,
               String jurisdictionCode, String jurisdictionName, String type, String typeLabel, UnitSystem system,
               String code, String name, String phone, String address, boolean active, long officers)
            implements OrgKind.Record {
    }

    static final Field<String> CODE = Field.text("code", "org.unit.code", true, 30);
    static final Field<String> NAME = Field.text("name", "org.unit.name", true, 100);
    static final Field<String> PLACE = Field.text("jurisdictionCode", "org.jurisdictionCode", true, 30);
    static final Field<String> PARENT = Field.text("parentCode", "org.unit.parentCode", false, 30)
            .pickedBy("parentId", "org.unit.parent");
    static final Field<String> PHONE = Field.text("phone", "org.phone", false, 30);
    static final Field<String> ADDRESS = Field.text("address", "org.address", false, 200);
    /** The kinds come from configuration (unit_kind), typed as code or label; written as the label. */
    private final Field<UnitKind> type;

    private static final String FROM = " " + """
             FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id LEFT JOIN unit p ON p.id = u.parent_id
                  JOIN unit_kind k ON k.code = u.type""";
    private static final String SELECT = """
            SELECT u.*, p.code AS parent_code, p.name AS parent_name, j.code AS jurisdiction_code,
                   j.name AS jurisdiction_name, k.label AS type_label, k.system AS type_system,
                   (SELECT count(*) FROM officer o WHERE o.unit_id = u.id AND o.active) AS officers""" + FROM;
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"), (Long) rs.getObject("parent_id"),
            rs.getString("parent_code"), rs.getString("parent_name"), rs.getLong("jurisdiction_id"),
            rs.getString("jurisdiction_code"), rs.getString("jurisdiction_name"),
            rs.getString("type"), rs.getString("type_label"), UnitSystem.valueOf(rs.getString("type_system")),
            rs.getString("code"), rs.getString("name"),
            rs.getString("phone"), rs.getString("address"), rs.getBoolean("active"), rs.getLong("officers"));
    /** Units of higher jurisdictions first, then by code. */
    private static final String ORDER = "length(j.path) - length(replace(j.path, '/', '')), u.code";

    private final UnitKinds kinds;

    @Autowired
    Units(Deps deps, UnitKinds kinds, UnitCache cache) {
        this(deps, kinds, Field.choice("type", "org.unit.type", true,
                new Choices<>(kinds::active, UnitKind::code, UnitKind::label)), cache);
    }

    private Units(Deps deps, UnitKinds kinds, Field<UnitKind> type, UnitCache cache) {
        super(new Definition<>("units", "unit", FieldSpec.of(CODE, NAME, type, PLACE, PARENT, PHONE, ADDRESS), CODE,
                new Queries<>(SELECT, FROM, ORDER, "u.id", ROW)), deps, cache);
        this.kinds = kinds;
        this.type = type;
    }

    @Override
    SqlFilter where(SqlFilter scoped, StaffUser me, TypeAndPlace f) {
        return scoped.and("j.path LIKE ?", Refs.subtreePattern(jdbc, me, f.jurisdiction()))
                .contains(f.q(), "u.name", "u.code")
                .andPresent("u.type = ?", kinds.parse(f.type()).map(UnitKind::code))
                .status(f.status(), "u.active");
    }

    @Override
    List<Extra<Row>> extras() {
        return List.of(new Extra<>("org.jurisdiction", Row::jurisdictionName),
                new Extra<>("org.unit.parent", r -> r.parentName() == null ? "" : r.parentName()),
                new Extra<>("org.unit.officers", Row::officers));
    }

    @Override
    FieldValues values(Row r) {
        return new FieldValues().put(CODE, r.code()).put(NAME, r.name())
                .put(type, kinds.byCode(r.type()).orElse(new UnitKind(r.type(), r.typeLabel(), r.system(), false, false, 0)))
                .put(PLACE, r.jurisdictionCode()).put(PARENT, r.parentCode()).put(PHONE, r.phone())
                .put(ADDRESS, r.address());
    }

    @Override
    Checked check(StaffUser me, FieldValues v, Row existing, Refs refs, Problems p) {
        Refs.Place place = refs.named(v, PLACE, refs::place, "org.problem.notFound", p);
        Refs.UnitKey parent = refs.named(v, PARENT, refs::unit, "org.problem.notFoundEarlier", p);
        if (parent != null && existing != null && isSelfOrBelow(existing.id(), parent.id())) {
            p.about(PARENT).problem("org.problem.unitLoop");
        }
        UnitKind kind = v.get(type);
        if (existing != null && kind != null && kind.system() != existing.system() && existing.officers() > 0) {
            // badge numbers are unique per system, so moving a unit with officers across systems could clash
            p.about(type).problem("org.problem.unitSystem");
        }
        if (kind != null && v.get(CODE) != null) {
            refs.register(new Refs.UnitKey(refs.plannedId, kind.code(), kind.system(), v.get(CODE), true));
        }
        return new Checked().set("parent_id", parent == null ? null : parent.id())
                .set("jurisdiction_id", place == null ? null : place.id())
                .set("type", kind == null ? null : kind.code()).set("code", v.get(CODE)).set("name", v.get(NAME))
                .set("phone", v.get(PHONE)).set("address", v.get(ADDRESS));
    }

    /** True when {@code candidate} is the unit itself or lies under it, which would make the tree a loop. */
    private boolean isSelfOrBelow(long self, long candidate) {
        return jdbc.sql("""
                        WITH RECURSIVE up AS (SELECT id, parent_id FROM unit WHERE id = ?
                                              UNION SELECT u.id, u.parent_id FROM unit u JOIN up ON u.id = up.parent_id)
                        SELECT count(*) FROM up WHERE id = ?""")
                .params(candidate, self).query(Long.class).single() > 0;
    }

    @Override
    Optional<String> refuseDeactivation(StaffUser me, long id) {
        return refusedWhileReferenced(id, "org.refused.unitBusy", "officer.unit_id", "staff_account.unit_id",
                "unit.parent_id");
    }
}
