package io.minyi.dispute.internal;

import io.minyi.casework.RiskLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Dispute rows, their parties, risk assessments and stabilisation tasks. */
@Repository
@RequiredArgsConstructor
public class Disputes {

    private final JdbcClient jdbc;

    /** One dispute as its page and the rules need it. */
    public record Row(long id, long caseId, long jurisdictionId, String jurisdictionPath, String jurisdictionName,
                      String categoryCode, String categoryName, DisputeSource source, String summary,
                      int peopleInvolved, BigDecimal amountInvolved, RiskLevel risk, RiskLevel peakRisk,
                      boolean prevented, DisputeStatus status, Long orgId, String orgName, Long screeningRoundId,
                      LocalDate acceptedOn, LocalDate mediationDue, Instant outcomeAt, String guidance,
                      String caseState, LocalDate caseDeadline, String registeredBy, Instant registeredAt,
                      int version) {
    }

    public record Party(long id, PartyRole role, PartyKind kind, String name, String idNumberEnc,
                        String idNumberMasked, String phoneEnc, String phoneMasked, String address) {
    }

    public record NewParty(PartyRole role, PartyKind kind, String name, String idNumberEnc, String idNumberMasked,
                           String phoneEnc, String phoneMasked, String address) {
    }

    public record Assessment(long id, Set<RiskFactor> factors, int score, RiskLevel level, String note,
                             String assessedBy, Instant assessedAt) {
    }

    public record Task(long id, long disputeId, Instant openedAt, LocalDate dueOn, Instant closedAt, String closingNote) {
        public boolean open() {
            return closedAt == null;
        }
    }

    static final String SELECT = """
            SELECT d.*, j.name AS jname, c.name AS cname, o.name AS oname FROM dispute d
            JOIN org_jurisdiction j ON j.id = d.jurisdiction_id
            LEFT JOIN dispute_category c ON c.code = d.category_code
            LEFT JOIN mediation_org o ON o.id = d.org_id""";

    /** Inserts the dispute of a case unless one exists; returns its id either way. */
    long insertIfAbsent(long caseId, long jurisdictionId, String path, String category, DisputeSource source,
                        String summary, int people, BigDecimal amount, Long roundId, LocalDate acceptedOn,
                        LocalDate due, String by, Instant at) {
        // the new row's id from the insert itself (issue 11: one round trip per dispute received); a row already there
        // is read after, in a statement of its own, which also sees one a concurrent insert has just committed
        Optional<Long> inserted = jdbc.sql("""
                        INSERT INTO dispute (case_id, jurisdiction_id, jurisdiction_path, category_code, source, summary,
                            people_involved, amount_involved, status, screening_round_id, accepted_on, mediation_due,
                            registered_by, registered_at, case_state)
                        VALUES (?,?,?,?,?,?,?,?,'REGISTERED',?,?,?,?,?,'RECEIVED') ON CONFLICT (case_id, city_id) DO NOTHING
                        RETURNING id""")
                .params(caseId, jurisdictionId, path, category, source.name(), summary, people, amount, roundId,
                        Date.valueOf(acceptedOn), Date.valueOf(due), by, Timestamp.from(at))
                .query(Long.class).optional();
        return inserted.orElseGet(() -> jdbc.sql("SELECT id FROM dispute WHERE case_id = ?").param(caseId)
                .query(Long.class).single());
    }

    public Optional<Row> find(long id) {
        return jdbc.sql(SELECT + " WHERE d.id = ?").param(id).query(Disputes::row).optional();
    }

    /** The dispute if the viewer may see it; empty (→ 404) otherwise. */
    public Optional<Row> findVisible(long id, Viewer v) {
        Viewer.Condition c = v.visibleDisputes();
        List<Object> args = new ArrayList<>();
        args.add(id);
        args.addAll(c.args());
        return jdbc.sql(SELECT + " WHERE d.id = ? AND " + c.sql()).params(args).query(Disputes::row).optional();
    }

    public Optional<Long> idOfCase(long caseId) {
        return jdbc.sql("SELECT id FROM dispute WHERE case_id = ?").param(caseId).query(Long.class).optional();
    }

    /** Locks the row for a move, so that two moves on one dispute are applied one after the other. */
    Row lock(long id) {
        jdbc.sql("SELECT id FROM dispute WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
        return find(id).orElseThrow();
    }

    void insertParty(long disputeId, NewParty p) {
        jdbc.sql("""
                        INSERT INTO dispute_party (dispute_id, role, kind, name, id_number_enc, id_number_masked,
                            phone_enc, phone_masked, address) VALUES (?,?,?,?,?,?,?,?,?)""")
                .params(disputeId, p.role().name(), p.kind().name(), p.name(), p.idNumberEnc(), p.idNumberMasked(),
                        p.phoneEnc(), p.phoneMasked(), p.address())
                .update();
    }

    public List<Party> parties(long disputeId) {
        return jdbc.sql("SELECT * FROM dispute_party WHERE dispute_id = ? ORDER BY role, id").param(disputeId)
                .query((rs, n) -> new Party(rs.getLong("id"), PartyRole.valueOf(rs.getString("role")),
                        PartyKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("id_number_enc"),
                        rs.getString("id_number_masked"), rs.getString("phone_enc"), rs.getString("phone_masked"),
                        rs.getString("address")))
                .list();
    }

    void insertAssessment(long disputeId, Set<RiskFactor> factors, int score, RiskLevel level, String note, String by,
                          Instant at) {
        jdbc.sql("""
                        INSERT INTO dispute_risk (dispute_id, factors, score, level, note, assessed_by, assessed_at)
                        VALUES (?, string_to_array(?, ','), ?, ?, ?, ?, ?)""")
                .params(disputeId, String.join(",", factors.stream().map(Enum::name).toList()), score, level.name(),
                        note, by, Timestamp.from(at))
                .update();
        jdbc.sql("""
                        UPDATE dispute SET risk_level = ?, version = version + 1,
                            peak_risk = CASE WHEN peak_risk IS NULL OR ? > (CASE peak_risk WHEN 'LOW' THEN 0
                                WHEN 'MEDIUM' THEN 1 ELSE 2 END) THEN ? ELSE peak_risk END
                        WHERE id = ?""")
                .params(level.name(), level.ordinal(), level.name(), disputeId).update();
    }

    public List<Assessment> assessments(long disputeId) {
        return jdbc.sql("SELECT * FROM dispute_risk WHERE dispute_id = ? ORDER BY id").param(disputeId)
                .query((rs, n) -> {
                    Set<RiskFactor> f = EnumSet.noneOf(RiskFactor.class);
                    Arrays.stream((String[]) rs.getArray("factors").getArray()).filter(s -> !s.isEmpty())
                            .map(RiskFactor::valueOf).forEach(f::add);
                    return new Assessment(rs.getLong("id"), f, rs.getInt("score"),
                            RiskLevel.valueOf(rs.getString("level")), rs.getString("note"),
                            rs.getString("assessed_by"), rs.getTimestamp("assessed_at").toInstant());
                }).list();
    }

    /** Opens a stabilisation task unless one is open; true when a new one was opened. */
    boolean openTask(long disputeId, Instant at, LocalDate due) {
        return jdbc.sql("""
                        INSERT INTO stabilisation_task (dispute_id, opened_at, due_on) VALUES (?,?,?)
                        ON CONFLICT (dispute_id, city_id) WHERE closed_at IS NULL DO NOTHING""")
                .params(disputeId, Timestamp.from(at), Date.valueOf(due)).update() == 1;
    }

    int closeTasks(long disputeId, Instant at, String note) {
        return jdbc.sql("UPDATE stabilisation_task SET closed_at = ?, closing_note = ? WHERE dispute_id = ? AND closed_at IS NULL")
                .params(Timestamp.from(at), note, disputeId).update();
    }

    public List<Task> tasks(long disputeId) {
        return jdbc.sql("SELECT * FROM stabilisation_task WHERE dispute_id = ? ORDER BY id").param(disputeId)
                .query((rs, n) -> new Task(rs.getLong("id"), rs.getLong("dispute_id"), rs.getTimestamp("opened_at").toInstant(),
                        rs.getDate("due_on").toLocalDate(),
                        rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant(),
                        rs.getString("closing_note")))
                .list();
    }

    void setStatus(long id, DisputeStatus status, Instant outcomeAt, String guidance, Boolean prevented) {
        jdbc.sql("""
                        UPDATE dispute SET status = ?, outcome_at = ?, guidance = coalesce(?, guidance),
                            prevented = coalesce(?, prevented), version = version + 1 WHERE id = ?""")
                .params(status.name(), outcomeAt == null ? null : Timestamp.from(outcomeAt), guidance, prevented, id)
                .update();
    }

    void setOrg(long id, long orgId) {
        jdbc.sql("UPDATE dispute SET org_id = ?, version = version + 1 WHERE id = ?").params(orgId, id).update();
    }

    void setMediationDue(long id, LocalDate due) {
        jdbc.sql("UPDATE dispute SET mediation_due = ?, version = version + 1 WHERE id = ?")
                .params(Date.valueOf(due), id).update();
    }

    /** The loop's state as casework last reported it (events may arrive twice or late: a state is just overwritten). */
    void projectCase(long caseId, String state, LocalDate deadline) {
        jdbc.sql("UPDATE dispute SET case_state = ?, case_deadline = coalesce(?, case_deadline) WHERE case_id = ?")
                .params(state, deadline == null ? null : Date.valueOf(deadline), caseId).update();
    }

    public List<Category> categories() {
        return jdbc.sql("SELECT code, name FROM dispute_category WHERE active ORDER BY sort")
                .query((rs, n) -> new Category(rs.getString(1), rs.getString(2))).list();
    }

    public Optional<Category> category(String code) {
        return jdbc.sql("SELECT code, name FROM dispute_category WHERE code = ? AND active").param(code)
                .query((rs, n) -> new Category(rs.getString(1), rs.getString(2))).optional();
    }

    public record Category(String code, String name) {
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("case_id"), rs.getLong("jurisdiction_id"),
                rs.getString("jurisdiction_path"), rs.getString("jname"), rs.getString("category_code"),
                rs.getString("cname"), DisputeSource.valueOf(rs.getString("source")), rs.getString("summary"),
                rs.getInt("people_involved"), rs.getBigDecimal("amount_involved"), level(rs.getString("risk_level")),
                level(rs.getString("peak_risk")), rs.getBoolean("prevented"),
                DisputeStatus.valueOf(rs.getString("status")), (Long) rs.getObject("org_id"), rs.getString("oname"),
                (Long) rs.getObject("screening_round_id"), rs.getDate("accepted_on").toLocalDate(),
                rs.getDate("mediation_due").toLocalDate(),
                rs.getTimestamp("outcome_at") == null ? null : rs.getTimestamp("outcome_at").toInstant(),
                rs.getString("guidance"), rs.getString("case_state"),
                rs.getDate("case_deadline") == null ? null : rs.getDate("case_deadline").toLocalDate(),
                rs.getString("registered_by"), rs.getTimestamp("registered_at").toInstant(), rs.getInt("version"));
    }

    private static RiskLevel level(String s) {
        return s == null ? null : RiskLevel.valueOf(s);
    }
}
