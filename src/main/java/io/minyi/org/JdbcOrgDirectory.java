package io.minyi.org;

import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.OfficerRef;
import io.minyi.org.OrgRefs.StaffContact;
import io.minyi.org.OrgRefs.UnitRef;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
class JdbcOrgDirectory implements OrgDirectory {

    static final RowMapper<JurisdictionRef> JURISDICTION = (rs, i) -> new JurisdictionRef(rs.getLong("id"),
            (Long) rs.getObject("parent_id"), JurisdictionLevel.valueOf(rs.getString("level")), rs.getString("code"),
            rs.getString("name"), rs.getString("path"));

    static final RowMapper<UnitRef> UNIT = (rs, i) -> new UnitRef(rs.getLong("id"), (Long) rs.getObject("parent_id"),
            rs.getLong("jurisdiction_id"), rs.getString("jurisdiction_path"), rs.getString("type"),
            rs.getString("code"), rs.getString("name"), rs.getBoolean("active"));

    private static final String UNIT_SELECT = """
            SELECT u.*, j.path AS jurisdiction_path FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id""";

    private static final RowMapper<OfficerRef> OFFICER = (rs, i) -> new OfficerRef(rs.getLong("id"),
            rs.getLong("unit_id"), rs.getString("unit_name"), rs.getString("badge_no"), rs.getString("name"),
            rs.getString("position"), rs.getBoolean("active"));

    private static final String OFFICER_SELECT = """
            SELECT o.*, u.name AS unit_name FROM officer o JOIN unit u ON u.id = o.unit_id""";

    private static final RowMapper<StaffContact> CONTACT = (rs, i) -> new StaffContact(rs.getLong("id"),
            rs.getString("username"), rs.getString("display_name"), rs.getLong("unit_id"), rs.getString("phone"),
            rs.getString("email"), (Long) rs.getObject("officer_id"));

    private final JdbcClient jdbc;
    private final JurisdictionCache cache;
    private final UnitCache units;

    @Override
    public Optional<JurisdictionRef> jurisdiction(long id) {
        return cache.byId(id, () -> jdbc.sql("SELECT * FROM jurisdiction WHERE id = ?").param(id).query(JURISDICTION)
                .optional());
    }

    @Override
    public Optional<JurisdictionRef> jurisdictionByCode(String code) {
        return cache.byCode(code, () -> jdbc.sql("SELECT * FROM jurisdiction WHERE code = ?").param(code)
                .query(JURISDICTION).optional());
    }

    @Override
    public JurisdictionRef root() {
        return cache.root(() -> jdbc.sql("SELECT * FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1")
                        .query(JURISDICTION).optional())
                .orElseThrow(() -> new IllegalStateException("no root jurisdiction: load the demo city or import one"));
    }

    @Override
    public List<JurisdictionRef> children(long jurisdictionId) {
        return jdbc.sql("SELECT * FROM jurisdiction WHERE parent_id = ? AND active ORDER BY code")
                .param(jurisdictionId).query(JURISDICTION).list();
    }

    @Override
    public List<JurisdictionRef> lineage(long jurisdictionId) {
        Optional<JurisdictionRef> self = jurisdiction(jurisdictionId);
        if (self.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (String part : self.get().path().split("/")) {
            if (!part.isEmpty()) {
                ids.add(Long.parseLong(part));
            }
        }
        List<JurisdictionRef> found = new ArrayList<>();
        if (cache.usable()) {
            // each level from the cache: the places above a case are the same few for thousands of cases
            ids.forEach(id -> jurisdiction(id).ifPresent(found::add));
        } else {
            found.addAll(jdbc.sql("SELECT * FROM jurisdiction WHERE id = ANY(?)").param(ids.toArray(Long[]::new))
                    .query(JURISDICTION).list());
        }
        found.sort((a, b) -> Integer.compare(a.path().length(), b.path().length()));
        return Collections.unmodifiableList(found);
    }

    @Override
    public Optional<UnitRef> unit(long id) {
        return jdbc.sql(UNIT_SELECT + " WHERE u.id = ?").param(id).query(UNIT).optional();
    }

    @Override
    public Optional<UnitRef> unitByCode(String code) {
        return jdbc.sql(UNIT_SELECT + " WHERE u.code = ?").param(code).query(UNIT).optional();
    }

    @Override
    public List<UnitRef> unitsWithin(String jurisdictionPath) {
        return jdbc.sql(UNIT_SELECT + " WHERE u.active AND j.path LIKE ? ORDER BY j.path, u.code")
                .param(jurisdictionPath + "%").query(UNIT).list();
    }

    @Override
    public List<UnitRef> unitsOf(long jurisdictionId, String kind) {
        return units.unitsOf(jurisdictionId, kind, () -> jdbc
                .sql(UNIT_SELECT + " WHERE u.active AND u.jurisdiction_id = ? AND u.type = ? ORDER BY u.code")
                .params(jurisdictionId, kind).query(UNIT).list());
    }

    @Override
    public Optional<UnitRef> parentUnit(long unitId) {
        return jdbc.sql(UNIT_SELECT + " WHERE u.id = (SELECT parent_id FROM unit WHERE id = ?)").param(unitId)
                .query(UNIT).optional();
    }

    @Override
    public List<OfficerRef> officersOfUnit(long unitId) {
        return jdbc.sql(OFFICER_SELECT + " WHERE o.unit_id = ? AND o.active ORDER BY o.badge_no").param(unitId)
                .query(OFFICER).list();
    }

    @Override
    public Optional<OfficerRef> officer(long id) {
        return jdbc.sql(OFFICER_SELECT + " WHERE o.id = ?").param(id).query(OFFICER).optional();
    }

    @Override
    public List<StaffContact> staffOfUnit(long unitId, Role role) {
        return jdbc.sql("SELECT * FROM staff_account WHERE active AND unit_id = ? AND ? = ANY(roles) ORDER BY id")
                .params(unitId, role.name()).query(CONTACT).list();
    }

    @Override
    public List<StaffContact> staffOfJurisdiction(long jurisdictionId, Role role) {
        return jdbc.sql("SELECT * FROM staff_account WHERE active AND jurisdiction_id = ? AND ? = ANY(roles) ORDER BY id")
                .params(jurisdictionId, role.name()).query(CONTACT).list();
    }

    @Override
    public OrgRefs.GridCounts gridsWithin(String jurisdictionPath) {
        return jdbc.sql("""
                        SELECT count(DISTINCT g.id), count(DISTINCT s.id)
                        FROM grid g JOIN jurisdiction j ON j.id = g.village_id
                        LEFT JOIN grid_worker gw ON gw.grid_id = g.id
                        -- a worker who has left keeps the link, but not an active account (as the grid's own figures)
                        LEFT JOIN staff_account s ON s.id = gw.staff_id AND s.active
                        WHERE g.active AND j.path LIKE ?""")
                .param(jurisdictionPath + "%")
                .query((rs, i) -> new OrgRefs.GridCounts(rs.getLong(1), rs.getLong(2))).single();
    }
}
