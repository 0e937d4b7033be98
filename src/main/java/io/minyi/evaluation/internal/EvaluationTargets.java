package io.minyi.evaluation.internal;

import io.minyi.platform.SqlFilter;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public codes behind QR posters and badge cards. Lookups by code are kept in memory because every submission
 * needs one, until a change to the codes, units, officers or places is heard ({@link EvaluationTargetCache}).
 */
@Component
@RequiredArgsConstructor
public class EvaluationTargets {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int CODE_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compiled once: every submission checks its code, and {@code String.matches} compiles on every call. */
    private static final Pattern CODE_SHAPE = Pattern.compile("[a-z0-9]{12,40}");

    static final String SELECT = """
            SELECT t.id, t.code, t.unit_id, u.name AS unit_name, u.jurisdiction_id, j.path, t.officer_id,
                   o.name AS officer_name, o.position, o.badge_no, t.active, t.revoked_at, t.reissued_by
            FROM evaluation_target t
            JOIN org_unit u ON u.id = t.unit_id
            JOIN org_jurisdiction j ON j.id = u.jurisdiction_id
            LEFT JOIN org_officer o ON o.id = t.officer_id
            """;

    static final RowMapper<Target> TARGET = (rs, n) -> {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        Long officer = rs.getObject("officer_id", Long.class);
        return new Target(rs.getLong("id"), rs.getString("code"), rs.getLong("unit_id"), rs.getString("unit_name"),
                rs.getLong("jurisdiction_id"), rs.getString("path"), officer,
                rs.getString("officer_name"), rs.getString("position"), rs.getString("badge_no"),
                rs.getBoolean("active"), revoked == null ? null : revoked.toInstant(),
                rs.getObject("reissued_by") != null);
    };

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final EvaluationTargetCache cache;

    public Optional<Target> byCode(String code) {
        if (code == null || !CODE_SHAPE.matcher(code).matches()) {
            return Optional.empty();
        }
        return cache.byCode(code, () -> jdbc.sql(SELECT + " WHERE t.code = ?").param(code).query(TARGET).optional());
    }

    /** Some active code, for the start-up warm-up of the rating form; empty before the first codes are issued. */
    public Optional<String> anyActiveCode() {
        return jdbc.sql("SELECT code FROM evaluation_target WHERE active ORDER BY id LIMIT 1").query(String.class).optional();
    }

    public Optional<Target> byId(long id) {
        return jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query(TARGET).optional();
    }

    public Optional<Target> activeForUnit(long unitId) {
        return jdbc.sql(SELECT + " WHERE t.unit_id = ? AND t.officer_id IS NULL AND t.active").param(unitId)
                .query(TARGET).optional();
    }

    /** Active codes of a unit's officers, in badge order, for the badge-card sheet. */
    public List<Target> activeOfficersOfUnit(long unitId) {
        return jdbc.sql(SELECT + " WHERE o.unit_id = ? AND o.active AND t.active ORDER BY o.badge_no").param(unitId)
                .query(TARGET).list();
    }

    /** Active unit codes under a jurisdiction path, for a county's bulk poster file. */
    public List<Target> activeUnitsWithin(String jurisdictionPath) {
        return jdbc.sql(SELECT + " WHERE t.officer_id IS NULL AND t.active AND u.active AND j.path LIKE ? ORDER BY j.path, u.code")
                .param(jurisdictionPath + "%").query(TARGET).list();
    }

    public PageResult<Target> search(String scopePattern, String text, boolean officers, PageResult.Request page) {
        String where = " WHERE j.path LIKE :scope AND (t.officer_id IS NOT NULL) = :officers"
                + " AND (:q = '' OR u.name LIKE :like OR o.name LIKE :like OR t.code = :q)";
        String q = text == null ? "" : text.strip();
        long total = jdbc.sql("SELECT count(*) FROM (" + SELECT + where + ") x")
                .param("scope", scopePattern).param("officers", officers).param("q", q).param("like", SqlFilter.containing(q))
                .query(Long.class).single();
        List<Target> items = jdbc.sql(SELECT + where + " ORDER BY j.path, u.code, o.badge_no NULLS FIRST, t.active DESC, t.id LIMIT :limit OFFSET :offset")
                .param("scope", scopePattern).param("officers", officers).param("q", q).param("like", SqlFilter.containing(q))
                .param("limit", page.size()).param("offset", page.offset())
                .query(TARGET).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /**
     * Gives every active unit and officer that has none an active code: new units and officers appear in the
     * organisation module without telling us, so this runs at start-up, on a schedule and before codes are listed.
     *
     * @return how many codes were issued
     */
    @Transactional
    public int issueMissing() {
        List<Long> units = jdbc.sql("""
                SELECT u.id FROM org_unit u WHERE u.active AND NOT EXISTS
                  (SELECT 1 FROM evaluation_target t WHERE t.unit_id = u.id AND t.officer_id IS NULL AND t.active)
                """).query(Long.class).list();
        List<long[]> officers = jdbc.sql("""
                SELECT o.id, o.unit_id FROM org_officer o WHERE o.active AND NOT EXISTS
                  (SELECT 1 FROM evaluation_target t WHERE t.officer_id = o.id AND t.active)
                """).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).list();
        for (long unit : units) {
            jdbc.sql("INSERT INTO evaluation_target (code, unit_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(newCode(), unit).update();
        }
        for (long[] o : officers) {
            jdbc.sql("INSERT INTO evaluation_target (code, unit_id, officer_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(newCode(), o[1], o[0]).update();
        }
        return units.size() + officers.size();
    }

    /**
     * Retires a code (lost poster, a code passed around to stuff ballots) and issues a new one for the same unit or
     * officer. Scoped: a target outside the admin's jurisdiction is not found.
     */
    @Transactional
    public Target revokeAndReissue(long targetId, String scopePattern) {
        Target old = jdbc.sql(SELECT + " WHERE t.id = ? AND j.path LIKE ? FOR UPDATE OF t").params(targetId, scopePattern)
                .query(TARGET).optional().orElseThrow(() -> new NotFoundException("evaluation target"));
        if (!old.active()) {
            throw new io.minyi.platform.RefusedException("evaluation.admin.alreadyRevoked");
        }
        cache.changing();
        Instant now = clock.instant();
        jdbc.sql("UPDATE evaluation_target SET active = false, revoked_at = ? WHERE id = ?")
                .params(Timestamp.from(now), targetId).update();
        long newId = jdbc.sql("INSERT INTO evaluation_target (code, unit_id, officer_id) VALUES (?, ?, ?) RETURNING id")
                .params(newCode(), old.unitId(), old.officerId()).query(Long.class).single();
        jdbc.sql("UPDATE evaluation_target SET reissued_by = ? WHERE id = ?").params(newId, targetId).update();
        Target fresh = byId(newId).orElseThrow();
        audit.record(AuditEntry.of("evaluation.code.reissue", "evaluation_target", targetId)
                .withChange("code=" + old.code() + ",active=true", "active=false,reissuedBy=" + fresh.code()));
        return fresh;
    }

    static String newCode() {
        char[] c = new char[CODE_LENGTH];
        for (int i = 0; i < CODE_LENGTH; i++) {
            c[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(c);
    }
}
