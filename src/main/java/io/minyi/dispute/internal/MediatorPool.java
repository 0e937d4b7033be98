package io.minyi.dispute.internal;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Mediation organisations, the mediator pool, assignments and declared conflicts of interest. */
@Repository
@RequiredArgsConstructor
public class MediatorPool {

    private final JdbcClient jdbc;

    public record Org(long id, String code, String name, OrgKind kind, long jurisdictionId, String jurisdictionPath,
                      String jurisdictionName, Long headStaffId, String headName, boolean active, int mediators) {
    }

    public record Mediator(long id, String code, String name, MediatorKind kind, long orgId, String orgName,
                           String orgCode, String orgPath, Long staffId, String phone, List<String> specialties,
                           List<String> servedPaths, boolean active, int openLoad) {
    }

    /** A ranked candidate for a dispute. */
    public record Suggestion(Mediator mediator, boolean specialtyMatch, boolean servesJurisdiction) {
    }

    public record Assignment(long id, long mediatorId, String mediatorName, String orgName, Instant assignedAt,
                             String assignedBy, Instant endedAt, String endReason, String note) {
        public boolean active() {
            return endedAt == null;
        }
    }

    public record Conflict(long mediatorId, String mediatorName, String reason, Instant declaredAt) {
    }

    private static final String MEDIATOR = """
            SELECT m.*, o.name AS oname, o.code AS ocode, o.jurisdiction_path AS opath FROM mediator m
            JOIN mediation_org o ON o.id = m.org_id""";

    // ---- organisations ------------------------------------------------------------------------------------------

    public List<Org> orgsWithin(String scopePattern) {
        return jdbc.sql("""
                        SELECT o.*, j.name AS jname, s.display_name AS head,
                            (SELECT count(*) FROM mediator m WHERE m.org_id = o.id AND m.active) AS n
                        FROM mediation_org o JOIN org_jurisdiction j ON j.id = o.jurisdiction_id
                        LEFT JOIN org_staff s ON s.id = o.head_staff_id
                        WHERE o.jurisdiction_path LIKE ? ORDER BY o.jurisdiction_path, o.code""")
                .param(scopePattern).query(MediatorPool::org).list();
    }

    public Optional<Org> org(long id) {
        return jdbc.sql("""
                        SELECT o.*, j.name AS jname, s.display_name AS head, 0 AS n
                        FROM mediation_org o JOIN org_jurisdiction j ON j.id = o.jurisdiction_id
                        LEFT JOIN org_staff s ON s.id = o.head_staff_id WHERE o.id = ?""")
                .param(id).query(MediatorPool::org).optional();
    }

    public Optional<Org> orgByCode(String code) {
        return jdbc.sql("SELECT id FROM mediation_org WHERE code = ?").param(code).query(Long.class).optional()
                .flatMap(this::org);
    }

    public List<Long> orgsHeadedBy(long staffId) {
        return jdbc.sql("SELECT id FROM mediation_org WHERE head_staff_id = ? AND active").param(staffId)
                .query(Long.class).list();
    }

    /** The form never names a head, so a saved organisation keeps the head it has; a new one has none yet. */
    long upsertOrg(String code, String name, OrgKind kind, long jurisdictionId, String path) {
        return jdbc.sql("""
                        INSERT INTO mediation_org (code, name, kind, jurisdiction_id, jurisdiction_path, active)
                        VALUES (?,?,?,?,?, true)
                        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
                            jurisdiction_id = EXCLUDED.jurisdiction_id, jurisdiction_path = EXCLUDED.jurisdiction_path,
                            active = true
                        RETURNING id""")
                .params(code, name, kind.name(), jurisdictionId, path).query(Long.class).single();
    }

    // ---- mediators ----------------------------------------------------------------------------------------------

    public List<Mediator> mediatorsWithin(String scopePattern, int limit, int offset) {
        return jdbc.sql(MEDIATOR + " WHERE o.jurisdiction_path LIKE ? ORDER BY o.code, m.code LIMIT ? OFFSET ?")
                .params(scopePattern, limit, offset).query(MediatorPool::mediator).list();
    }

    public long countWithin(String scopePattern) {
        return jdbc.sql("SELECT count(*) FROM mediator m JOIN mediation_org o ON o.id = m.org_id WHERE o.jurisdiction_path LIKE ?")
                .param(scopePattern).query(Long.class).single();
    }

    public Optional<Mediator> mediator(long id) {
        return jdbc.sql(MEDIATOR + " WHERE m.id = ?").param(id).query(MediatorPool::mediator).optional();
    }

    public Optional<Mediator> mediatorByCode(String code) {
        return jdbc.sql(MEDIATOR + " WHERE m.code = ?").param(code).query(MediatorPool::mediator).optional();
    }

    public Optional<Mediator> mediatorOfStaff(long staffId) {
        return jdbc.sql(MEDIATOR + " WHERE m.staff_id = ?").param(staffId).query(MediatorPool::mediator).optional();
    }

    /** A sheet or a form never names a staff account, so it keeps the one a mediator is linked to. */
    long upsertMediator(String code, String name, MediatorKind kind, long orgId, Long staffId, String phone,
                        List<String> specialties, List<String> servedPaths, boolean active) {
        return jdbc.sql("""
                        INSERT INTO mediator (code, name, kind, org_id, staff_id, phone, specialties, served_paths, active)
                        VALUES (?,?,?,?,?,?, string_to_array(?, '|'), string_to_array(?, '|'), ?)
                        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
                            org_id = EXCLUDED.org_id, staff_id = coalesce(EXCLUDED.staff_id, mediator.staff_id),
                            phone = EXCLUDED.phone,
                            specialties = EXCLUDED.specialties, served_paths = EXCLUDED.served_paths,
                            active = EXCLUDED.active
                        RETURNING id""")
                .params(code, name, kind.name(), orgId, staffId, phone, String.join("|", specialties),
                        String.join("|", servedPaths), active)
                .query(Long.class).single();
    }

    /**
     * Ranked candidates: specialty matching the category first, then those serving the dispute's jurisdiction, then
     * the lightest open load. One pass over the active pool (5,000 rows at most per city) with the load read from
     * the kept counter, never from the disputes.
     *
     * @param orgIds when not null, only mediators of these organisations (an organisation head's choice)
     * @param scopePattern otherwise, mediators of organisations under this path or serving the dispute's place
     */
    public List<Suggestion> suggest(long disputeId, String disputePath, String categoryName, List<Long> orgIds,
                                    String scopePattern, int limit) {
        List<Object> args = new ArrayList<>(List.of(categoryName == null ? "" : categoryName, disputePath, disputeId,
                disputeId));
        String who;
        if (orgIds != null) {
            who = orgIds.isEmpty() ? "false"
                    : "m.org_id IN (" + String.join(",", java.util.Collections.nCopies(orgIds.size(), "?")) + ")";
            args.addAll(orgIds);
        } else {
            who = "(m.opath LIKE ? OR s.serves)";
            args.add(scopePattern);
        }
        args.add(limit);
        return jdbc.sql("""
                        SELECT * FROM (
                            SELECT m.*, o.name AS oname, o.code AS ocode, o.jurisdiction_path AS opath,
                                (? = ANY (m.specialties)) AS specialty_match
                            FROM mediator m JOIN mediation_org o ON o.id = m.org_id
                            WHERE m.active AND o.active) m
                        CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM unnest(m.served_paths) p
                            WHERE ? LIKE p || '%') AS serves) s
                        WHERE NOT EXISTS (SELECT 1 FROM mediator_conflict c WHERE c.dispute_id = ? AND c.mediator_id = m.id)
                          AND NOT EXISTS (SELECT 1 FROM dispute_assignment a WHERE a.dispute_id = ? AND a.mediator_id = m.id
                              AND a.ended_at IS NULL)
                          AND """ + " " + who + """

                        ORDER BY m.specialty_match DESC, s.serves DESC, m.open_load, m.id LIMIT ?""")
                .params(args)
                .query((rs, n) -> new Suggestion(mediator(rs, n), rs.getBoolean("specialty_match"),
                        rs.getBoolean("serves")))
                .list();
    }

    // ---- assignments --------------------------------------------------------------------------------------------

    public List<Assignment> assignments(long disputeId) {
        return jdbc.sql("""
                        SELECT a.*, m.name AS mname, o.name AS oname FROM dispute_assignment a
                        JOIN mediator m ON m.id = a.mediator_id JOIN mediation_org o ON o.id = m.org_id
                        WHERE a.dispute_id = ? ORDER BY a.id""")
                .param(disputeId)
                .query((rs, n) -> new Assignment(rs.getLong("id"), rs.getLong("mediator_id"), rs.getString("mname"),
                        rs.getString("oname"), rs.getTimestamp("assigned_at").toInstant(), rs.getString("assigned_by"),
                        rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toInstant(),
                        rs.getString("end_reason"), rs.getString("note")))
                .list();
    }

    public List<Long> activeMediators(long disputeId) {
        return jdbc.sql("SELECT mediator_id FROM dispute_assignment WHERE dispute_id = ? AND ended_at IS NULL ORDER BY id")
                .param(disputeId).query(Long.class).list();
    }

    void assign(long disputeId, long mediatorId, String by, Instant at, String note) {
        jdbc.sql("INSERT INTO dispute_assignment (dispute_id, mediator_id, assigned_at, assigned_by, note) VALUES (?,?,?,?,?)")
                .params(disputeId, mediatorId, Timestamp.from(at), by, note).update();
    }

    /** Ends an active assignment; true if there was one. */
    boolean endAssignment(long disputeId, long mediatorId, Instant at, String reason, String note) {
        return jdbc.sql("""
                        UPDATE dispute_assignment SET ended_at = ?, end_reason = ?, note = coalesce(?, note)
                        WHERE dispute_id = ? AND mediator_id = ? AND ended_at IS NULL""")
                .params(Timestamp.from(at), reason, note, disputeId, mediatorId).update() == 1;
    }

    void changeLoad(List<Long> mediatorIds, int delta) {
        for (long id : mediatorIds) {
            jdbc.sql("UPDATE mediator SET open_load = greatest(0, open_load + ?) WHERE id = ?").params(delta, id).update();
        }
    }

    void declareConflict(long disputeId, long mediatorId, String reason, Instant at) {
        jdbc.sql("""
                        INSERT INTO mediator_conflict (dispute_id, mediator_id, reason, declared_at) VALUES (?,?,?,?)
                        ON CONFLICT (dispute_id, mediator_id, city_id) DO NOTHING""")
                .params(disputeId, mediatorId, reason, Timestamp.from(at)).update();
    }

    public boolean conflicted(long disputeId, long mediatorId) {
        return jdbc.sql("SELECT count(*) FROM mediator_conflict WHERE dispute_id = ? AND mediator_id = ?")
                .params(disputeId, mediatorId).query(Long.class).single() > 0;
    }

    public List<Conflict> conflicts(long disputeId) {
        return jdbc.sql("""
                        SELECT c.*, m.name FROM mediator_conflict c JOIN mediator m ON m.id = c.mediator_id
                        WHERE c.dispute_id = ? ORDER BY c.declared_at""")
                .param(disputeId)
                .query((rs, n) -> new Conflict(rs.getLong("mediator_id"), rs.getString("name"), rs.getString("reason"),
                        rs.getTimestamp("declared_at").toInstant()))
                .list();
    }

    static Org org(ResultSet rs, int n) throws SQLException {
        return new Org(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                OrgKind.valueOf(rs.getString("kind")), rs.getLong("jurisdiction_id"),
                rs.getString("jurisdiction_path"), rs.getString("jname"), (Long) rs.getObject("head_staff_id"),
                rs.getString("head"), rs.getBoolean("active"), rs.getInt("n"));
    }

    static Mediator mediator(ResultSet rs, int n) throws SQLException {
        return new Mediator(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                MediatorKind.valueOf(rs.getString("kind")), rs.getLong("org_id"), rs.getString("oname"),
                rs.getString("ocode"), rs.getString("opath"), (Long) rs.getObject("staff_id"), rs.getString("phone"),
                Arrays.asList((String[]) rs.getArray("specialties").getArray()),
                Arrays.asList((String[]) rs.getArray("served_paths").getArray()), rs.getBoolean("active"),
                rs.getInt("open_load"));
    }
}
