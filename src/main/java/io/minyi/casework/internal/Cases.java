package io.minyi.casework.internal;

import io.minyi.casework.CaseProgress;
import io.minyi.casework.TransferTarget;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.Outcome;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.SourceChannel;
import io.minyi.org.Role;
import io.minyi.platform.CityKey;
import io.minyi.platform.PageResult;
import io.minyi.platform.RefusedException;
import io.minyi.platform.SqlFilter;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pool in PostgreSQL. Every read on behalf of a staff member carries the visibility rule of
 * {@link CasePolicy#canView} in its WHERE clause, so a case outside someone's scope is never loaded (the web answers 404).
 */
@Repository
@RequiredArgsConstructor
public class Cases {

    /** Counting stops here: a pager does not need to know whether there are 20,000 or 900,000 rows. */
    static final int COUNT_CAP = 10_000;

    private final JdbcClient jdbc;

    /** A new case, straight into RECEIVED; the raiser's contact arrives already encrypted. */
    public record NewRow(String trackingCode, String idempotencyKey, CaseType type, SourceChannel channel,
                         long jurisdictionId, String jurisdictionPath, Long subjectUnitId, Long subjectOfficerId,
                         String raiserNameEnc, String raiserNameMasked, String raiserPhoneEnc,
                         String raiserPhoneMasked, String raiserKey, String content, String category, Instant at,
                         Long gridId) {
    }

    /** @return the new id, or empty when the idempotency key was seen before */
    /**
     * The new case's row as stored (triggers included), or empty when a hand-in with the same key is already there.
     * Read back by the insert itself: the intake used to read it again at once, two more round trips per case.
     */
    public Optional<CaseSnapshot> insert(NewRow r) {
        return jdbc.sql("""
                        INSERT INTO cases (tracking_code, idempotency_key, type, channel, jurisdiction_id,
                            jurisdiction_path, city_id, subject_unit_id, subject_officer_id, raiser_name_enc,
                            raiser_name_masked, raiser_phone_enc, raiser_phone_masked, raiser_key, content, category,
                            state, received_at, updated_at, grid_id)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'RECEIVED',?,?,?)
                        ON CONFLICT (idempotency_key, city_id) DO NOTHING RETURNING *""")
                .params(r.trackingCode(), r.idempotencyKey(), r.type().name(), r.channel().name(), r.jurisdictionId(),
                        r.jurisdictionPath(), CityKey.of(r.jurisdictionPath()), r.subjectUnitId(),
                        r.subjectOfficerId(), r.raiserNameEnc(), r.raiserNameMasked(), r.raiserPhoneEnc(),
                        r.raiserPhoneMasked(), r.raiserKey(), r.content(), r.category(), Timestamp.from(r.at()),
                        Timestamp.from(r.at()), r.gridId())
                .query(Cases::map).optional();
    }

    /**
     * The case's own row without its assisting units' parts: for whoever needs only what the case says and where
     * (what it resembles, decision 0041), one round trip instead of two.
     */
    public Optional<String> content(long id) {
        return jdbc.sql("SELECT content FROM cases WHERE id = ?").param(id).query(String.class).optional();
    }

    public Optional<CaseSnapshot> row(long id) {
        return jdbc.sql("SELECT * FROM cases WHERE id = ?").param(id).query(Cases::map).optional();
    }

    /** A hand-in's key is unique within its city (the path it was handed in for). */
    public Optional<Map.Entry<Long, String>> byIdempotencyKey(String key, String jurisdictionPath) {
        return jdbc.sql("SELECT id, tracking_code FROM cases WHERE idempotency_key = ? AND city_id = ?")
                .params(key, CityKey.of(jurisdictionPath))
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2))).optional();
    }

    /** Unscoped: for the resident's tracking code and for scheduled jobs only. */
    public Optional<Case> find(long id) {
        return jdbc.sql("SELECT * FROM cases WHERE id = ?").param(id).query(Cases::map).optional().map(this::load);
    }

    public Optional<Case> findByTrackingCode(String code) {
        return jdbc.sql("SELECT * FROM cases WHERE tracking_code = ?").param(code).query(Cases::map).optional()
                .map(this::load);
    }

    /** The case if this staff member may see it. */
    public Optional<Case> findVisible(long id, Actor actor) {
        Where w = visibleTo(actor);
        w.and("c.id = :id", "id", id);
        return jdbc.sql("SELECT c.* FROM cases c WHERE " + w.sql()).params(w.params).query(Cases::map).optional()
                .map(this::load);
    }

    /** The case if it came from one of the grids this grid worker (by user name) belongs to. */
    public Optional<Case> findForGridWorker(long id, String username) {
        return jdbc.sql("""
                        SELECT c.* FROM cases c WHERE c.id = ? AND c.grid_id IN (
                            SELECT gw.grid_id FROM org_grid_worker gw JOIN org_staff s ON s.id = gw.staff_id
                            WHERE s.username = ?)""").params(id, username).query(Cases::map).optional().map(this::load);
    }

    /** A case with its assisting units' parts (协办), which live in their own table. */
    private Case load(CaseSnapshot row) {
        List<CaseAssist> parts = jdbc.sql("SELECT * FROM case_assist WHERE case_id = ? AND city_id = ? ORDER BY id")
                .params(row.id(), CityKey.of(row.jurisdictionPath()))
                .query((rs, i) -> new CaseAssist(rs.getLong("id"), rs.getLong("unit_id"),
                        rs.getObject("deadline", LocalDate.class), CaseAssist.State.valueOf(rs.getString("state")),
                        rs.getString("report"), instant(rs, "assigned_at"), instant(rs, "reported_at")))
                .list();
        return new Case(row, parts.isEmpty() ? row.assists() : parts);
    }

    /** The parts as they stand now: new ones inserted, the others brought up to date. */
    private void saveAssists(CaseSnapshot s, long city) {
        for (CaseAssist p : s.assists()) {
            if (p.id() == null) {
                jdbc.sql("""
                                INSERT INTO case_assist (case_id, city_id, unit_id, deadline, state, report,
                                    assigned_at, reported_at)
                                VALUES (?,?,?,?,?,?,?,?)""")
                        .params(s.id(), city, p.unitId(), p.deadline(), p.state().name(), p.report(),
                                timestamp(p.assignedAt()), timestamp(p.reportedAt()))
                        .update();
            } else {
                jdbc.sql("""
                                UPDATE case_assist SET state = ?, report = ?, reported_at = ?
                                WHERE id = ? AND case_id = ? AND city_id = ?""")
                        .params(p.state().name(), p.report(), timestamp(p.reportedAt()), p.id(), s.id(), city).update();
            }
        }
    }

    /** Where each case stands, for the module that handed it in. */
    public List<CaseProgress.Progress> progress(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT c.id, c.tracking_code, c.state, c.deadline, u.name AS unit_name, c.closed_at
                        FROM cases c LEFT JOIN org_unit u ON u.id = c.unit_id WHERE c.id IN (:ids)""")
                .param("ids", ids)
                .query((rs, i) -> new CaseProgress.Progress(rs.getLong(1), rs.getString(2),
                        CaseState.valueOf(rs.getString(3)), rs.getObject(4, LocalDate.class), rs.getString(5),
                        instant(rs, "closed_at"))).list();
    }

    public Optional<Contact> contact(long id) {
        return jdbc.sql("SELECT raiser_name_enc, raiser_phone_enc, tracking_code FROM cases WHERE id = ?").param(id)
                .query((rs, i) -> new Contact(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    public record Contact(String nameEnc, String phoneEnc, String trackingCode) {
    }

    /** The stored (encrypted) phones of the given cases that have one, in one query. */
    public Map<Long, String> phonesEnc(Collection<Long> ids) {
        Map<Long, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT id, raiser_phone_enc FROM cases WHERE id = ANY(?) AND raiser_phone_enc IS NOT NULL")
                .param(ids.stream().distinct().toArray(Long[]::new))
                .query((rs, i) -> out.put(rs.getLong(1), rs.getString(2))).list();
        return out;
    }

    /** Of the given cases, the open ones in exactly this jurisdiction, oldest first. */
    public List<io.minyi.casework.CaseEvents.SimilarCase> similarInJurisdiction(List<Long> ids, long jurisdictionId) {
        return jdbc.sql("""
                        SELECT id, raiser_key, received_at FROM cases
                        WHERE id = ANY(?) AND jurisdiction_id = ? AND state IN
                              ('RECEIVED','ACCEPTED','TRIAGED','DISPATCHED','SIGNED','RETURN_REQUESTED','REPORTED',
                               'UNDER_REVIEW','REOPENED')
                        ORDER BY received_at, id""")
                .params(ids.toArray(Long[]::new), jurisdictionId)
                .query((rs, i) -> new io.minyi.casework.CaseEvents.SimilarCase(rs.getLong(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant())).list();
    }

    /** Saves the moves made on a loaded case: its new state (optimistically locked) and its new ledger steps. */
    public void save(Case c) {
        CaseSnapshot s = c.snapshot();
        long city = CityKey.of(s.jurisdictionPath());
        int n = jdbc.sql("""
                        UPDATE cases SET category = ?, risk_level = ?, proposed_unit_id = ?, unit_id = ?,
                            review_unit_id = ?, state = ?, deadline = ?, dispatched_at = ?, reported_at = ?, outcome = ?,
                            findings = ?, persons_disciplined = ?, disciplined_names = ?, satisfaction = ?,
                            feedback_comment = ?, feedback_due = ?, reopen_count = ?, merged_into = ?,
                            transfer_target = ?, reject_reason = ?, updated_at = ?, closed_at = ?, verifying_since = ?,
                            deadline_extended = ?, follow_up_verdict = ?, feedback_by_staff = ?,
                            handling_unit_id = ?, handling_deadline = ?, level_jurisdiction_id = ?, level_path = ?,
                            level_deadline = ?, version = version + 1
                        WHERE id = ? AND city_id = ? AND version = ?""")
                .params(s.category(), name(s.risk()), s.proposedUnitId(), s.unitId(), s.reviewUnitId(),
                        s.state().name(), s.deadline(), timestamp(s.dispatchedAt()), timestamp(s.reportedAt()), name(s.outcome()),
                        s.findings(), s.personsDisciplined(), s.disciplinedNames(), name(s.satisfaction()),
                        s.feedbackComment(), s.feedbackDue(), s.reopenCount(), s.mergedInto(),
                        name(s.transferTarget()), s.rejectReason(), timestamp(s.updatedAt()), timestamp(s.closedAt()),
                        timestamp(s.verifyingSince()), s.deadlineExtended(), name(s.followUpVerdict()), s.feedbackByStaff(),
                        s.handlingUnitId(), s.handlingDeadline(), s.levelJurisdictionId(), s.levelPath(),
                        s.levelDeadline(), s.id(), city, s.version())
                .update();
        if (n != 1) {
            throw new RefusedException("casework.refused.concurrent");
        }
        saveAssists(s, city);
        for (CaseStep step : c.newSteps()) {
            insertStep(city, s.id(), step);
        }
    }

    public void insertStep(long city, long caseId, CaseStep step) {
        jdbc.sql("""
                        INSERT INTO case_step (case_id, city_id, at, actor, actor_unit_id, actor_unit, action,
                            from_state, to_state, comment, evidence_ids, public_note, outcome, persons_disciplined)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?::bigint[],?,?,?)""")
                .params(caseId, city, Timestamp.from(step.at()), step.actor(), step.actorUnitId(),
                        step.actorUnit(), step.action().name(), step.from() == null ? null : step.from().name(), step.to().name(),
                        step.comment(), toArrayLiteral(step.evidenceIds()), step.publicNote(), name(step.outcome()),
                        step.personsDisciplined())
                .update();
    }

    public record StepRow(long id, Instant at, String actor, String actorUnit, Move action, CaseState from,
                          CaseState to, String comment, List<Long> evidenceIds, String publicNote) {
    }

    public List<StepRow> steps(long caseId) {
        return jdbc.sql("SELECT * FROM case_step WHERE case_id = ? ORDER BY id").param(caseId)
                .query((rs, i) -> new StepRow(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("actor_unit"), Move.valueOf(rs.getString("action")),
                        rs.getString("from_state") == null ? null : CaseState.valueOf(rs.getString("from_state")),
                        CaseState.valueOf(rs.getString("to_state")), rs.getString("comment"),
                        longs(rs.getArray("evidence_ids")), rs.getString("public_note")))
                .list();
    }

    // ---- lists ---------------------------------------------------------------------------------------------------

    public record PoolFilter(CaseType type, CaseState state, String jurisdictionPath, String category,
                             RiskLevel risk, boolean overdue, String text) {
    }

    public record Row(long id, String trackingCode, CaseType type, SourceChannel channel, String jurisdictionName,
                      String category, RiskLevel risk, CaseState state, String unitName, LocalDate deadline,
                      boolean overdue, Instant receivedAt, String excerpt) {
    }

    /** The dispatcher's pool: everything in the user's jurisdiction, filtered, newest first. */
    public PageResult<Row> pool(Actor actor, PoolFilter f, LocalDate today, PageResult.Request page) {
        Where w = new Where();
        w.and("c.jurisdiction_path LIKE :scope", "scope", actor.jurisdictionPath() + "%");
        conflictRule(actor, w);
        if (f.jurisdictionPath() != null) {
            w.and("c.jurisdiction_path LIKE :jpath", "jpath", f.jurisdictionPath() + "%");
        }
        if (f.type() != null) {
            w.and("c.type = :type", "type", f.type().name());
        }
        if (f.state() != null) {
            w.and("c.state = :state", "state", f.state().name());
        }
        if (f.category() != null && !f.category().isBlank()) {
            w.and("c.category = :category", "category", f.category().strip());
        }
        if (f.risk() != null) {
            w.and("c.risk_level = :risk", "risk", f.risk().name());
        }
        if (f.overdue()) {
            overdue(w, today);
        }
        if (f.text() != null && !f.text().isBlank()) {
            w.and("(c.tracking_code = :code OR c.content LIKE :text)", "code", f.text().strip().toUpperCase());
            w.params.put("text", SqlFilter.containing(f.text()));
        }
        return page(w, today, page, f.overdue() ? MOST_OVERDUE_FIRST : NEWEST_FIRST);
    }

    /** The unit's inbox: what it holds (DISPATCHED … REPORTED, REOPENED). */
    public PageResult<Row> inbox(Actor actor, LocalDate today, boolean overdueOnly, PageResult.Request page) {
        Where w = new Where();
        // its own cases, and those it assists in (协办) while its part is open. The assisted ones as a list of ids
        // read once, not a correlated EXISTS: so each branch is an index scan and PostgreSQL ORs the bitmaps, where the
        // EXISTS made it test every case of the city (0.5 s for the home page's count at 1 M cases; 20 ms now).
        w.and("""
                ((c.unit_id = :unit OR c.handling_unit_id = :unit)
                  AND c.state IN ('DISPATCHED','SIGNED','RETURN_REQUESTED','REPORTED','REOPENED')
                 OR c.state IN ('DISPATCHED','SIGNED','REOPENED','REPORTED','UNDER_REVIEW') AND c.id = ANY (ARRAY(
                    SELECT a.case_id FROM case_assist a WHERE a.unit_id = :unit AND a.state = 'OPEN')))""",
                "unit", actor.unitId());
        conflictRule(actor, w);
        if (overdueOnly) {
            overdue(w, today);
        }
        return page(w, today, page, overdueOnly ? MOST_OVERDUE_FIRST : NEWEST_FIRST);
    }

    /**
     * The handlers' reports waiting for this unit leader's approval (the unit's own cases in 已上报): the part of the
     * inbox only the responsible unit's leader can move (单位领导审批).
     */
    public PageResult<Row> awaitingUnitApproval(Actor actor, LocalDate today, PageResult.Request page) {
        Where w = new Where();
        w.and("c.state = 'REPORTED' AND c.unit_id = :unit", "unit", actor.unitId());
        conflictRule(actor, w);
        return page(w, today, page, NEWEST_FIRST);
    }

    /** What waits for this user's superior review. */
    public PageResult<Row> reviewQueue(Actor actor, LocalDate today, PageResult.Request page) {
        Where w = new Where();
        w.and("c.state = 'UNDER_REVIEW'", null, null);
        if (actor.has(Role.UNIT_LEADER)) {
            w.and("c.review_unit_id = :unit", "unit", actor.unitId());
        } else {
            w.and("c.review_unit_id IS NULL AND c.jurisdiction_path LIKE :scope", "scope",
                    actor.jurisdictionPath() + "%");
        }
        conflictRule(actor, w);
        return page(w, today, page);
    }

    public List<Long> feedbackOverdue(LocalDate today, int limit) {
        return jdbc.sql("SELECT id FROM cases WHERE state = 'AWAITING_FEEDBACK' AND feedback_due < ? ORDER BY id LIMIT ?")
                .params(today, limit).query(Long.class).list();
    }

    public record IndexRow(long id, String content, String jurisdictionPath, CaseState state) {
    }

    /**
     * The oldest transaction id still running now ({@code pg_snapshot_xmin}): every write not yet committed carries
     * this id or a larger one, so a reader that next reads the rows stamped from here on misses none (V9_90).
     */
    public long oldestRunningTransaction() {
        return jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint").query(Long.class).single();
    }

    /** The open cases (all of them), for a full build of the duplicate index. */
    public void forEachOpen(java.util.function.Consumer<IndexRow> each) {
        jdbc.sql("SELECT id, content, jurisdiction_path, state FROM cases WHERE state IN (" + openStates() + ")")
                .query(rs -> {
                    each.accept(indexRow(rs));
                });
    }

    /** Cases written by transaction {@code fromTx} or later (open or not: a closed one leaves the index). */
    public void forEachWrittenSince(long fromTx, java.util.function.Consumer<IndexRow> each) {
        jdbc.sql("SELECT id, content, jurisdiction_path, state FROM cases WHERE index_tx >= ?").param(fromTx)
                .query(rs -> {
                    each.accept(indexRow(rs));
                });
    }

    private static IndexRow indexRow(ResultSet rs) throws SQLException {
        return new IndexRow(rs.getLong(1), rs.getString(2), rs.getString(3), CaseState.valueOf(rs.getString(4)));
    }

    public List<Row> byIds(List<Long> ids, Actor actor, LocalDate today) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Where w = visibleTo(actor);
        w.and("c.id IN (:ids)", "ids", ids);
        return jdbc.sql(select(w) + " ORDER BY c.received_at DESC").params(w.params)
                .query((rs, i) -> row(rs, today)).list();
    }

    static final String NEWEST_FIRST = "c.received_at DESC, c.id DESC";
    /** Overdue lists put the longest overdue first: that is what a dispatcher chases, and it is an index order. */
    static final String MOST_OVERDUE_FIRST = "c.deadline ASC, c.id ASC";

    private PageResult<Row> page(Where w, LocalDate today, PageResult.Request page) {
        return page(w, today, page, NEWEST_FIRST);
    }

    private PageResult<Row> page(Where w, LocalDate today, PageResult.Request page, String order) {
        Map<String, Object> p = new LinkedHashMap<>(w.params);
        p.put("limit", page.size());
        p.put("offset", page.offset());
        // Deferred join: pick the page's ids with an index-only scan, then read only those rows.
        String ids = "SELECT c.id FROM cases c WHERE " + w.sql() + " ORDER BY " + order + " LIMIT :limit OFFSET :offset";
        List<Row> rows = jdbc.sql(select(new Where().with("c.id IN (" + ids + ")")) + " ORDER BY " + order)
                .params(p).query((rs, i) -> row(rs, today)).list();
        Map<String, Object> cp = new LinkedHashMap<>(w.params);
        cp.put("cap", COUNT_CAP + 1);
        long total = rows.size() < page.size() && page.page() == 1 ? rows.size()
                : jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM cases c WHERE " + w.sql() + " LIMIT :cap) x")
                .params(cp).query(Long.class).single();
        return new PageResult<>(rows, page.page(), page.size(), total);
    }

    private static String select(Where w) {
        return """
                SELECT c.id, c.tracking_code, c.type, c.channel,
                       j.name || coalesce(' · ' || g.name, '') AS jurisdiction_name, c.category, c.risk_level,
                       c.state, u.name AS unit_name, c.deadline, c.received_at, left(c.content, 60) AS excerpt
                FROM cases c JOIN org_jurisdiction j ON j.id = c.jurisdiction_id LEFT JOIN org_unit u ON u.id = c.unit_id
                     LEFT JOIN org_grid g ON g.id = c.grid_id
                WHERE\s""" + w.sql();
    }

    private static Row row(ResultSet rs, LocalDate today) throws SQLException {
        CaseState state = CaseState.valueOf(rs.getString("state"));
        LocalDate deadline = rs.getObject("deadline", LocalDate.class);
        return new Row(rs.getLong("id"), rs.getString("tracking_code"), CaseType.valueOf(rs.getString("type")),
                SourceChannel.valueOf(rs.getString("channel")), rs.getString("jurisdiction_name"),
                rs.getString("category"), rs.getString("risk_level") == null ? null
                : RiskLevel.valueOf(rs.getString("risk_level")), state, rs.getString("unit_name"), deadline,
                deadline != null && CaseState.WITH_UNIT.contains(state) && deadline.isBefore(today),
                rs.getTimestamp("received_at").toInstant(), rs.getString("excerpt"));
    }

    private static void overdue(Where w, LocalDate today) {
        w.and("c.state IN ('DISPATCHED','SIGNED','RETURN_REQUESTED','REPORTED','REOPENED') AND c.deadline < :today",
                "today", today);
    }

    /** The SQL twin of {@link CasePolicy#canView}. */
    static Where visibleTo(Actor actor) {
        Where w = new Where();
        List<String> any = new ArrayList<>();
        if (actor.hasAny(Role.DISPATCHER, Role.SUPERVISOR, Role.LEADER, Role.ADMIN, Role.DISCIPLINE)) {
            any.add("c.jurisdiction_path LIKE :scope");
            w.params.put("scope", actor.jurisdictionPath() + "%");
        }
        if (actor.hasAny(Role.UNIT_HANDLER, Role.UNIT_LEADER) && actor.unitId() != null) {
            // the assisted cases as ids read once, as in the inbox: each branch an index scan
            any.add("c.unit_id = :myUnit OR c.review_unit_id = :myUnit OR c.handling_unit_id = :myUnit"
                    + " OR c.id = ANY (ARRAY(SELECT a.case_id FROM case_assist a WHERE a.unit_id = :myUnit))");
            w.params.put("myUnit", actor.unitId());
        }
        w.and(any.isEmpty() ? "false" : "(" + String.join(" OR ", any) + ")", null, null);
        conflictRule(actor, w);
        return w;
    }

    /**
     * The whistle-blower rule on the case's own subject column: the same clause {@code SubjectShield} builds for
     * tables that carry their subject, kept inline so the covering indexes (which include the column) still serve.
     */
    private static void conflictRule(Actor actor, Where w) {
        if (actor.officerId() != null) {
            w.and("(c.subject_officer_id IS NULL OR c.subject_officer_id <> :me)", "me", actor.officerId());
        }
    }

    private static String openStates() {
        return String.join(",", CaseState.OPEN.stream().map(s -> "'" + s.name() + "'").toList());
    }

    static final class Where {
        final List<String> parts = new ArrayList<>();
        final Map<String, Object> params = new LinkedHashMap<>();

        void and(String sql, String name, Object value) {
            parts.add(sql);
            if (name != null) {
                params.put(name, value);
            }
        }

        String sql() {
            return parts.isEmpty() ? "true" : String.join(" AND ", parts);
        }

        Where with(String sql) {
            parts.add(sql);
            return this;
        }
    }

    static CaseSnapshot map(ResultSet rs, int i) throws SQLException {
        return new CaseSnapshot(rs.getLong("id"), rs.getString("tracking_code"),
                CaseType.valueOf(rs.getString("type")), SourceChannel.valueOf(rs.getString("channel")),
                rs.getLong("jurisdiction_id"), rs.getString("jurisdiction_path"), nullableLong(rs, "subject_unit_id"),
                nullableLong(rs, "subject_officer_id"), rs.getString("raiser_name_masked"), rs.getString("raiser_phone_masked"),
                rs.getString("raiser_key"), rs.getString("content"), rs.getString("category"),
                enumOf(RiskLevel.class, rs.getString("risk_level")), nullableLong(rs, "proposed_unit_id"), nullableLong(rs, "unit_id"),
                nullableLong(rs, "review_unit_id"), CaseState.valueOf(rs.getString("state")),
                rs.getObject("deadline", LocalDate.class), instant(rs, "dispatched_at"), instant(rs, "reported_at"),
                enumOf(Outcome.class, rs.getString("outcome")), rs.getString("findings"),
                rs.getInt("persons_disciplined"), rs.getString("disciplined_names"),
                enumOf(Satisfaction.class, rs.getString("satisfaction")), rs.getString("feedback_comment"),
                rs.getObject("feedback_due", LocalDate.class), rs.getInt("reopen_count"), nullableLong(rs, "merged_into"),
                enumOf(TransferTarget.class, rs.getString("transfer_target")), rs.getString("reject_reason"),
                instant(rs, "received_at"), instant(rs, "updated_at"), instant(rs, "closed_at"), instant(rs, "verifying_since"),
                rs.getBoolean("deadline_extended"), enumOf(Satisfaction.class, rs.getString("follow_up_verdict")),
                rs.getBoolean("feedback_by_staff"), nullableLong(rs, "handling_unit_id"),
                rs.getObject("handling_deadline", LocalDate.class), rs.getInt("version"),
                nullableLong(rs, "level_jurisdiction_id"), rs.getString("level_path"),
                rs.getObject("level_deadline", LocalDate.class), List.of());
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String v) {
        return v == null ? null : Enum.valueOf(type, v);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static String toArrayLiteral(List<Long> ids) {
        return "{" + String.join(",", ids.stream().map(String::valueOf).toList()) + "}";
    }

    private static List<Long> longs(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(((Number) o).longValue());
        }
        return out;
    }
}
