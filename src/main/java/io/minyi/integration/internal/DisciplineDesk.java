package io.minyi.integration.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseDigests;
import io.minyi.casework.CaseEvents;
import io.minyi.casework.ExternalCaseMoves;
import io.minyi.casework.TransferTarget;
import io.minyi.notification.Notifications;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.org.SubjectShield;
import io.minyi.platform.CityTexts;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.platform.SqlFilter;
import io.minyi.platform.TrackingCode;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hand-overs to discipline inspection (纪检监察): a case transferred at intake, or a clue handed over after it was
 * substantiated (查实). Discipline lists what reached it in its jurisdiction, opens the package (ledger PDF, evidence
 * zip) and records its decision — 立案 with the kind of sanction (处分) and its date, or 不予立案 — which lands on the
 * case's ledger and on the officer's record. The whistle-blower rule holds here too: an account never sees a
 * hand-over about its own officer.
 */
@Component
@RequiredArgsConstructor
public class DisciplineDesk {

    /** 处分 kinds of the Civil Servants Sanctions Law (政务处分法 art. 7) and the Party's 组织处理. */
    public static final List<String> SANCTIONS = List.of("警告", "记过", "记大过", "降级", "撤职", "开除", "诫勉",
            "批评教育", "组织处理");

    public enum State { PENDING, FILED, NOT_FILED }

    public record Transfer(long id, long caseId, String trackingCode, String route, String reason,
                           String jurisdictionName, String subjectUnitName, String subjectOfficerName,
                           Instant transferredAt, State state, String sanction, LocalDate decidedOn,
                           String decidedBy, String note) {
    }

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final CaseDigests digests;
    private final ExternalCaseMoves moves;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Clock clock;
    private final SubjectShield shield;

    private final CityTexts cityTexts;

    @ApplicationModuleListener
    void on(CaseEvents.CaseTransferred e) {
        if (e.target() == TransferTarget.DISCIPLINE) {
            digests.byId(e.caseId()).ifPresent(d -> open(e.caseId(), "AT_INTAKE", e.reason(), e.jurisdictionId(),
                    null, null, e.at()));
        }
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseHandedToDiscipline e) {
        open(e.caseId(), "AFTER_SUBSTANTIATION", e.reason(), e.jurisdictionId(), e.subjectUnitId(),
                e.subjectOfficerId(), e.at());
    }

    private void open(long caseId, String route, String reason, long jurisdictionId, Long unitId, Long officerId,
                      Instant at) {
        JurisdictionRef j = org.jurisdiction(jurisdictionId).orElseThrow();
        Long unit = unitId;
        Long officer = officerId;
        if (officer == null && unit == null) {
            // a transfer at intake: the subject is on the case
            var subject = jdbc.sql("SELECT subject_unit_id, subject_officer_id FROM cases WHERE id = ?").param(caseId)
                    .query((rs, i) -> new Long[]{nullableLong(rs, 1), nullableLong(rs, 2)}).single();
            unit = subject[0];
            officer = subject[1];
        }
        int n = jdbc.sql("""
                        INSERT INTO discipline_transfer (case_id, route, reason, jurisdiction_id, jurisdiction_path,
                            subject_unit_id, subject_officer_id, transferred_at, state)
                        VALUES (?,?,?,?,?,?,?,?,'PENDING') ON CONFLICT (case_id, city_id) DO NOTHING""")
                .params(caseId, route, reason, jurisdictionId, j.path(), unit, officer, Timestamp.from(at)).update();
        if (n == 1) {
            for (JurisdictionRef up : org.lineage(jurisdictionId)) {
                notifications.toJurisdiction(up.id(), Role.DISCIPLINE, new Notifications.Message(
                        cityTexts.of("integration.disciplineText.handedOver"),
                                cityTexts.of("integration.disciplineText.handedOverBody"), "/discipline",
                        "discipline:" + caseId).about(java.util.Collections.singleton(officer)));
            }
        }
    }

    /** The longest search text: a tracking code, an officer's or a unit's name. */
    public static final int MAX_QUERY = 50;

    /**
     * What reached discipline inspection within this account's jurisdiction, newest first, a page at a time: of one
     * state if given, and matching {@code q} if given — a tracking code as people type it, or part of the subject
     * officer's or unit's name.
     */
    @Transactional(readOnly = true)
    public PageResult<Transfer> page(StaffUser me, @Nullable State state, @Nullable String q,
                                     PageResult.Request page) {
        return filter(me, state, q).page(jdbc, COUNT, SELECT, "t.transferred_at DESC, t.id DESC",
                DisciplineDesk::transfer, page);
    }

    /** How many hand-overs in this account's jurisdiction are in {@code state}, as {@link #page} counts them. */
    @Transactional(readOnly = true)
    public long count(StaffUser me, State state) {
        SqlFilter where = filter(me, state, null);
        return jdbc.sql(COUNT + where.sql()).params(where.params()).query(Long.class).single();
    }

    private SqlFilter filter(StaffUser me, @Nullable State state, @Nullable String q) {
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_QUERY) {
            throw new InvalidInputException("integration.discipline.queryTooLong");
        }
        // the whistle-blower rule (decision 0010): an account linked to the subject officer never sees it
        SubjectShield.Clause shown = shield.hidesOfficerColumn(me, "t.subject_officer_id");
        SqlFilter where = SqlFilter.scopedTo("t.jurisdiction_path", me.jurisdictionPath() + "%")
                .andIf(state != null, "t.state = ?", state == null ? null : state.name())
                .and(shown.sql(), shown.args().toArray());
        if (text == null) {
            return where;
        }
        String code = TrackingCode.parse(text).map(TrackingCode::value).orElse("");
        String like = SqlFilter.containing(text);
        return where.and("(c.tracking_code = ? OR o.name LIKE ? ESCAPE '\\' OR u.name LIKE ? ESCAPE '\\')",
                code, like, like);
    }

    /** One hand-over this account may see (404 otherwise); the view is audited. */
    @Transactional
    public Transfer find(StaffUser me, long id) {
        // the whistle-blower rule (decision 0010): an account linked to the subject officer never sees it
        SubjectShield.Clause shown = shield.hidesOfficerColumn(me, "t.subject_officer_id");
        List<Object> params = new java.util.ArrayList<>(List.of(id, me.jurisdictionPath() + "%"));
        params.addAll(shown.args());
        Transfer t = jdbc.sql(SELECT + " WHERE t.id = ? AND t.jurisdiction_path LIKE ? AND " + shown.sql())
                .params(params).query(DisciplineDesk::transfer).optional().orElseThrow(() -> new NotFoundException("transfer"));
        audit.record(AuditEntry.of("integration.discipline_transfer.view", "case", t.caseId()));
        return t;
    }

    @Transactional
    public byte[] ledgerPdf(StaffUser me, long id) {
        Transfer t = find(me, id);
        return digests.ledgerPdf(t.caseId(), me);
    }

    /** The evidence and photos of the case, zipped; names made unique so no file hides another. */
    @Transactional
    public byte[] evidenceZip(StaffUser me, long id) {
        Transfer t = find(me, id);
        digests.ledgerPdf(t.caseId(), me); // the same sight rule as the ledger: 404 if the case is out of scope
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Set<String> names = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (CaseDigests.CaseFile f : digests.files(t.caseId())) {
                String name = f.fileName();
                for (int i = 2; !names.add(name); i++) {
                    name = i + "-" + f.fileName();
                }
                zip.putNextEntry(new ZipEntry(name));
                zip.write(f.content());
                zip.closeEntry();
            }
            if (names.isEmpty()) {
                zip.putNextEntry(new ZipEntry(cityTexts.of("integration.disciplineText.noEvidenceFile")));
                zip.write(cityTexts.of("integration.disciplineText.noEvidence")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public record Decision(State state, String sanction, LocalDate decidedOn, String note) {
    }

    /** 立案 (with the sanction decided, if any) or 不予立案; recorded once, on the case and the officer's record. */
    @Transactional
    public void decide(StaffUser me, long id, Decision d) {
        Transfer t = find(me, id);
        if (t.state() != State.PENDING) {
            throw new InvalidInputException("integration.discipline.decided");
        }
        if (d.state() == null || d.state() == State.PENDING) {
            throw new InvalidInputException("integration.discipline.stateRequired");
        }
        if (d.decidedOn() == null || d.decidedOn().isAfter(LocalDate.now(clock))) {
            throw new InvalidInputException("integration.discipline.date");
        }
        String sanction = d.sanction() == null || d.sanction().isBlank() ? null : d.sanction().strip();
        if (sanction != null && (d.state() != State.FILED || !SANCTIONS.contains(sanction))) {
            throw new InvalidInputException("integration.discipline.badSanction");
        }
        String note = d.note() == null || d.note().isBlank() ? null : d.note().strip();
        if (note != null && note.length() > 1000) {
            throw new InvalidInputException("integration.discipline.noteTooLong");
        }
        String result = cityTexts.of(d.state() == State.FILED ? "integration.disciplineText.filed"
                : "integration.disciplineText.notFiled")
                + (sanction == null ? "" : cityTexts.of("integration.disciplineText.sanction", sanction))
                + cityTexts.of("integration.disciplineText.decidedOn", d.decidedOn())
                + (note == null ? "" : cityTexts.of("integration.disciplineText.note", note));
        moves.recordDisciplineResult(t.caseId(), me, result);
        jdbc.sql("""
                        UPDATE discipline_transfer SET state = ?, sanction = ?, decided_on = ?, decided_by = ?,
                            decided_at = ?, note = ? WHERE id = ? AND state = 'PENDING'""")
                .params(d.state().name(), sanction, d.decidedOn(), me.getUsername(),
                        Timestamp.from(clock.instant()), note, id)
                .update();
        audit.record(AuditEntry.of("integration.discipline_transfer.decide", "case", t.caseId()).withChange("PENDING", d.state().name()));
    }

    /** A dispatcher hands a substantiated clue over (查实 → 纪检监察). */
    @Transactional
    public void handOver(StaffUser me, long caseId, String reason) {
        moves.handOverToDiscipline(caseId, me, reason == null ? null : reason.strip());
    }

    /** The officer's disciplinary record: transfers and decisions, never the clue's text or its raiser. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> officerRecord(long officerId) {
        return jdbc.sql("""
                        SELECT route, transferred_at, state, sanction, decided_on FROM discipline_transfer
                        WHERE subject_officer_id = ? ORDER BY transferred_at DESC""")
                .param(officerId).query().listOfRows();
    }

    private static final String FROM = """
            FROM discipline_transfer t JOIN cases c ON c.id = t.case_id JOIN org_jurisdiction j ON j.id = t.jurisdiction_id
            LEFT JOIN org_unit u ON u.id = t.subject_unit_id LEFT JOIN org_officer o ON o.id = t.subject_officer_id
            """;
    private static final String COUNT = "SELECT count(*) " + FROM;

    private static final String SELECT = "SELECT t.*, c.tracking_code, j.name AS jurisdiction_name, u.name AS unit_name,"
            + " o.name AS officer_name " + FROM;

    private static Transfer transfer(ResultSet rs, int i) throws SQLException {
        Timestamp decided = rs.getTimestamp("transferred_at");
        return new Transfer(rs.getLong("id"), rs.getLong("case_id"), rs.getString("tracking_code"),
                rs.getString("route"), rs.getString("reason"), rs.getString("jurisdiction_name"),
                rs.getString("unit_name"), rs.getString("officer_name"), decided.toInstant(),
                State.valueOf(rs.getString("state")), rs.getString("sanction"),
                rs.getObject("decided_on", LocalDate.class), rs.getString("decided_by"), rs.getString("note"));
    }

    private static Long nullableLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
