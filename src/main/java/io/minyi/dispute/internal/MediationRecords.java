package io.minyi.dispute.internal;

import io.minyi.platform.PageResult;
import io.minyi.platform.SqlFilter;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Sessions, the agreement, judicial confirmation and follow-up visits of a dispute. */
@Repository
@RequiredArgsConstructor
public class MediationRecords {

    private final JdbcClient jdbc;

    public record Session(long id, Long mediatorId, String mediatorName, Instant startsAt, Instant endsAt, String place,
                          boolean online, String attendees, String record, String createdBy) {
    }

    public record Attachment(long id, long sessionId, String fileName, String contentType, int size) {
    }

    public record Agreement(long id, long disputeId, String number, String facts, String terms,
                            String performanceManner, LocalDate performanceDeadline, String mediators, String orgName,
                            Signature signature, String signatureFileName, String signedAttestedBy,
                            LocalDate effectiveOn, Instant createdAt) {
        public boolean signed() {
            return signature != null;
        }
    }

    public record Confirmation(long id, long disputeId, long courtUnitId, String courtName, LocalDate appliedOn,
                               ConfirmationStatus status, String rulingNo, LocalDate ruledOn, String ruledBy) {
    }

    public record FollowUp(long id, long disputeId, LocalDate dueOn, LocalDate doneOn, Performance performance,
                           Boolean satisfied, Boolean lawsuit, String remainingRisk, String action, String note,
                           String visitor) {
        public boolean done() {
            return doneOn != null;
        }
    }

    // ---- sessions -----------------------------------------------------------------------------------------------

    long insertSession(long disputeId, Long mediatorId, Instant start, Instant end, String place, boolean online,
                       String attendees, String record, String by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO mediation_session (dispute_id, mediator_id, starts_at, ends_at, place, online, attendees,
                            record, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(disputeId, mediatorId, Timestamp.from(start), Timestamp.from(end), place, online, attendees,
                        record, by, Timestamp.from(at))
                .query(Long.class).single();
    }

    /** Sessions of the same mediator (any dispute) that overlap the given time. */
    public long overlapping(long mediatorId, Instant start, Instant end) {
        return jdbc.sql("SELECT count(*) FROM mediation_session WHERE mediator_id = ? AND starts_at < ? AND ends_at > ?")
                .params(mediatorId, Timestamp.from(end), Timestamp.from(start)).query(Long.class).single();
    }

    public List<Session> sessions(long disputeId) {
        return jdbc.sql("""
                        SELECT s.*, m.name AS mname FROM mediation_session s LEFT JOIN mediator m ON m.id = s.mediator_id
                        WHERE s.dispute_id = ? ORDER BY s.starts_at""")
                .param(disputeId).query(MediationRecords::session).list();
    }

    void insertAttachment(long sessionId, long disputeId, String name, String type, byte[] content, String by,
                          Instant at) {
        jdbc.sql("""
                        INSERT INTO mediation_attachment (session_id, dispute_id, file_name, content_type, size_bytes,
                            content, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?)""")
                .params(sessionId, disputeId, name, type, content.length, content, by, Timestamp.from(at)).update();
    }

    public List<Attachment> attachments(long disputeId) {
        return jdbc.sql("""
                        SELECT id, session_id, file_name, content_type, size_bytes FROM mediation_attachment
                        WHERE dispute_id = ? ORDER BY id""")
                .param(disputeId)
                .query((rs, n) -> new Attachment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5)))
                .list();
    }

    public Optional<byte[]> attachmentContent(long disputeId, long attachmentId) {
        return jdbc.sql("SELECT content FROM mediation_attachment WHERE dispute_id = ? AND id = ?")
                .params(disputeId, attachmentId).query(byte[].class).optional();
    }

    // ---- agreement ----------------------------------------------------------------------------------------------

    long insertAgreement(long disputeId, String number, String facts, String terms, String manner, LocalDate deadline,
                         String mediators, String orgName, String by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO mediation_agreement (dispute_id, number, facts, terms, performance_manner,
                            performance_deadline, mediators, org_name, created_by, created_at)
                        VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(disputeId, number, facts, terms, manner, Date.valueOf(deadline), mediators, orgName, by,
                        Timestamp.from(at))
                .query(Long.class).single();
    }

    long nextAgreementNumber() {
        return jdbc.sql("SELECT nextval('mediation_agreement_number')").query(Long.class).single();
    }

    void sign(long disputeId, Signature signature, byte[] file, String fileName, String attestedBy, LocalDate on) {
        jdbc.sql("""
                        UPDATE mediation_agreement SET signature = ?, signature_file = ?, signature_file_name = ?,
                            signed_attested_by = ?, effective_on = ? WHERE dispute_id = ?""")
                .params(signature.name(), file, fileName, attestedBy, Date.valueOf(on), disputeId).update();
    }

    public Optional<Agreement> agreement(long disputeId) {
        return jdbc.sql("SELECT * FROM mediation_agreement WHERE dispute_id = ?").param(disputeId)
                .query((rs, n) -> new Agreement(rs.getLong("id"), rs.getLong("dispute_id"), rs.getString("number"),
                        rs.getString("facts"), rs.getString("terms"), rs.getString("performance_manner"),
                        rs.getDate("performance_deadline").toLocalDate(), rs.getString("mediators"),
                        rs.getString("org_name"),
                        rs.getString("signature") == null ? null : Signature.valueOf(rs.getString("signature")),
                        rs.getString("signature_file_name"), rs.getString("signed_attested_by"),
                        rs.getDate("effective_on") == null ? null : rs.getDate("effective_on").toLocalDate(),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    public Optional<byte[]> signatureScan(long disputeId) {
        return jdbc.sql("SELECT signature_file FROM mediation_agreement WHERE dispute_id = ? AND signature_file IS NOT NULL")
                .param(disputeId).query(byte[].class).optional();
    }

    // ---- judicial confirmation ----------------------------------------------------------------------------------

    void apply(long disputeId, long courtUnitId, LocalDate appliedOn, String by, Instant at) {
        jdbc.sql("""
                        INSERT INTO judicial_confirmation (dispute_id, court_unit_id, applied_on, status, recorded_by, recorded_at)
                        VALUES (?,?,?,'APPLIED',?,?)""")
                .params(disputeId, courtUnitId, Date.valueOf(appliedOn), by, Timestamp.from(at)).update();
    }

    void rule(long disputeId, ConfirmationStatus status, String rulingNo, LocalDate ruledOn, String by) {
        jdbc.sql("UPDATE judicial_confirmation SET status = ?, ruling_no = ?, ruled_on = ?, ruled_by = ? WHERE dispute_id = ?")
                .params(status.name(), rulingNo, Date.valueOf(ruledOn), by, disputeId).update();
    }

    public Optional<Confirmation> confirmation(long disputeId) {
        return jdbc.sql(CONFIRMATION + " WHERE jc.dispute_id = ?").param(disputeId)
                .query(MediationRecords::confirmation).optional();
    }

    /** A court's inbox: applications addressed to the unit, open ones first, a page at a time. */
    public PageResult<Confirmation> confirmationsForCourt(long unitId, PageResult.Request page) {
        return SqlFilter.empty().and("jc.court_unit_id = ?", unitId).page(jdbc,
                "SELECT count(*) FROM judicial_confirmation jc", CONFIRMATION,
                "(jc.status = 'APPLIED') DESC, jc.applied_on DESC, jc.dispute_id DESC", MediationRecords::confirmation,
                page);
    }

    /** How many applications addressed to the unit wait for the court's ruling. */
    public long confirmationsAwaitingRuling(long unitId) {
        return jdbc.sql("SELECT count(*) FROM judicial_confirmation WHERE court_unit_id = ? AND status = ?")
                .params(unitId, ConfirmationStatus.APPLIED.name()).query(Long.class).single();
    }

    private static final String CONFIRMATION = """
            SELECT jc.*, u.name AS uname FROM judicial_confirmation jc JOIN org_unit u ON u.id = jc.court_unit_id""";

    // ---- follow-ups ---------------------------------------------------------------------------------------------

    void scheduleFollowUp(long disputeId, LocalDate due) {
        jdbc.sql("INSERT INTO follow_up (dispute_id, due_on) VALUES (?,?)").params(disputeId, Date.valueOf(due)).update();
    }

    void recordFollowUp(long followUpId, LocalDate doneOn, Performance performance, Boolean satisfied, Boolean lawsuit,
                        String remainingRisk, String action, String note, String visitor) {
        jdbc.sql("""
                        UPDATE follow_up SET done_on = ?, performance = ?, satisfied = ?, lawsuit = ?, remaining_risk = ?,
                            action = ?, note = ?, visitor = ? WHERE id = ?""")
                .params(Date.valueOf(doneOn), performance.name(), satisfied, lawsuit, remainingRisk, action, note,
                        visitor, followUpId)
                .update();
    }

    public List<FollowUp> followUps(long disputeId) {
        return jdbc.sql("SELECT * FROM follow_up WHERE dispute_id = ? ORDER BY due_on, id").param(disputeId)
                .query(MediationRecords::followUp).list();
    }

    static Session session(ResultSet rs, int n) throws SQLException {
        return new Session(rs.getLong("id"), (Long) rs.getObject("mediator_id"), rs.getString("mname"),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("place"),
                rs.getBoolean("online"), rs.getString("attendees"), rs.getString("record"), rs.getString("created_by"));
    }

    static Confirmation confirmation(ResultSet rs, int n) throws SQLException {
        return new Confirmation(rs.getLong("id"), rs.getLong("dispute_id"), rs.getLong("court_unit_id"),
                rs.getString("uname"), rs.getDate("applied_on").toLocalDate(),
                ConfirmationStatus.valueOf(rs.getString("status")), rs.getString("ruling_no"),
                rs.getDate("ruled_on") == null ? null : rs.getDate("ruled_on").toLocalDate(), rs.getString("ruled_by"));
    }

    static FollowUp followUp(ResultSet rs, int n) throws SQLException {
        return new FollowUp(rs.getLong("id"), rs.getLong("dispute_id"), rs.getDate("due_on").toLocalDate(),
                rs.getDate("done_on") == null ? null : rs.getDate("done_on").toLocalDate(),
                rs.getString("performance") == null ? null : Performance.valueOf(rs.getString("performance")),
                (Boolean) rs.getObject("satisfied"), (Boolean) rs.getObject("lawsuit"),
                rs.getString("remaining_risk"), rs.getString("action"), rs.getString("note"), rs.getString("visitor"));
    }
}
