package io.minyi.org.web;

import io.minyi.org.StaffUser;
import io.minyi.platform.SqlFilter;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.FieldValues;
import io.minyi.platform.fields.Problems;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** 政法干警. A badge number is unique within the unit's system (each system numbers its own people). */
@Component
class Officers extends OrgKind<Officers.Row, Officers.Filter> {

    record Row(long id, long unitId, String unitCode, String unitName, String badgeNo, String name, String position,
               boolean active, String jurisdictionName) implements OrgKind.Record {
    }

    record Filter(String q, Long unit, String status) implements ListFilter {
    }

    static final Field<String> BADGE = Field.text("badgeNo", "org.officer.badgeNo", true, 30);
    static final Field<String> NAME = Field.text("name", "org.personName", true, 50);
    static final Field<String> UNIT = Field.text("unitCode", "org.unitCode", true, 30).pickedBy("unitId", "org.unit");
    static final Field<String> POSITION = Field.text("position", "org.officer.position", false, 50);
    private static final FieldSpec SPEC = FieldSpec.of(BADGE, NAME, UNIT, POSITION);

    private static final String FROM = " " + """
             FROM officer o JOIN unit u ON u.id = o.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id""";
    private static final String SELECT = """
            SELECT o.id, o.unit_id, u.code AS unit_code, u.name AS unit_name, o.badge_no, o.name, o.position,
                   o.active, j.name AS jurisdiction_name""" + FROM;
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"), rs.getLong("unit_id"),
            rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("badge_no"), rs.getString("name"),
            rs.getString("position"), rs.getBoolean("active"), rs.getString("jurisdiction_name"));
    private static final String ORDER = "u.code, o.badge_no";

    Officers(Deps deps) {
        super(new Definition<>("officers", "officer", SPEC, BADGE, new Queries<>(SELECT, FROM, ORDER, "o.id", ROW)),
                deps);
    }

    @Override
    SqlFilter where(SqlFilter scoped, StaffUser me, Filter f) {
        return scoped.contains(f.q(), "o.name", "o.badge_no", "o.position")
                .andIf(f.unit() != null, "o.unit_id = ?", f.unit())
                .status(f.status(), "o.active");
    }

    @Override
    List<Extra<Row>> extras() {
        return List.of(new Extra<>("org.jurisdiction", Row::jurisdictionName), new Extra<>("org.unit", Row::unitName));
    }

    @Override
    FieldValues values(Row r) {
        return new FieldValues().put(BADGE, r.badgeNo()).put(NAME, r.name()).put(UNIT, r.unitCode())
                .put(POSITION, r.position());
    }

    @Override
    Optional<Long> holderOfKey(FieldValues v, Refs refs) {
        String unitCode = v.get(UNIT);
        return unitCode == null ? Optional.empty()
                : refs.unit(unitCode).flatMap(u -> refs.officer(u.system(), v.get(BADGE)));
    }

    @Override
    String keyInFile(FieldValues v, Refs refs) {
        String unitCode = v.get(UNIT);
        Optional<Refs.UnitKey> unit = unitCode == null ? Optional.empty() : refs.unit(unitCode);
        return unit.map(u -> u.system() + ":").orElse("") + v.get(BADGE);
    }

    @Override
    String takenKey() {
        return "org.problem.takenInSystem";
    }

    @Override
    Checked check(StaffUser me, FieldValues v, Row existing, Refs refs, Problems p) {
        Refs.UnitKey unit = refs.named(v, UNIT, c -> refs.unit(c).filter(Refs.UnitKey::active),
                "org.problem.notFoundActive", p);
        return new Checked().set("unit_id", unit == null ? null : unit.id())
                .set("unit_system", unit == null ? null : unit.system().name())
                .set("badge_no", v.get(BADGE)).set("name", v.get(NAME)).set("position", v.get(POSITION));
    }
}
