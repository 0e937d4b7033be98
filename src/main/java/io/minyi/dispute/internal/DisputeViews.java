package io.minyi.dispute.internal;

import io.minyi.platform.CityTime;
import io.minyi.platform.SecretBox;
import io.minyi.casework.RiskLevel;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseHistory;
import io.minyi.casework.RaiserContacts;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.UnitKind;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pages read. Party data is shown masked to everyone but a mediator assigned now, and every view of it is
 * written to the audit trail (who saw which dispute's parties, in clear or masked).
 */
@Service
@Transactional
@RequiredArgsConstructor
public class DisputeViews {

    private final Disputes disputes;
    private final MediatorPool pool;
    private final MediationRecords records;
    private final SecretBox cipher;
    private final AuditTrail audit;
    private final CaseHistory history;
    private final RaiserContacts contacts;
    private final OrgDirectory org;
    private final JdbcClient jdbc;
    private final Clock clock;

    public record PartyView(PartyRole role, PartyKind kind, String name, String idNumber, String phone, String address) {
    }

    public record Page(Disputes.Row dispute, String trackingCode, List<PartyView> parties, boolean clear,
                       List<Disputes.Assessment> assessments, List<Disputes.Task> tasks,
                       List<MediatorPool.Assignment> assignments, List<MediatorPool.Conflict> conflicts,
                       List<MediatorPool.Suggestion> suggestions, List<MediationRecords.Session> sessions,
                       MediationRecords.Agreement agreement, MediationRecords.Confirmation confirmation,
                       List<MediationRecords.FollowUp> followUps, List<CaseHistory.Step> loop, boolean mayAssign,
                       boolean assigned, boolean mayRule, boolean mayAssess, List<UnitRef> courts,
                       LocalDate confirmationDeadline, LocalDate today,
                       List<MediationRecords.Attachment> attachments) {
    }

    public Page page(long id, Viewer v, DisputeProperties props) {
        Disputes.Row d = disputes.findVisible(id, v).orElseThrow(() -> new NotFoundException("dispute"));
        List<Long> active = pool.activeMediators(id);
        boolean assigned = v.mediatorId() != null && active.contains(v.mediatorId());
        List<PartyView> parties = disputes.parties(id).stream().map(p -> new PartyView(p.role(), p.kind(), p.name(),
                assigned ? cipher.decrypt(p.idNumberEnc()) : p.idNumberMasked(),
                assigned ? cipher.decrypt(p.phoneEnc()) : p.phoneMasked(), p.address())).toList();
        audit.record(AuditEntry.of("dispute.dispute.view_parties", "dispute", id)
                .withChange(null, (assigned ? "clear" : "masked") + " " + parties.size()));
        boolean mayAssign = MediationRules.mayAssign(v, d).and(() -> MediationRules.open(d)).isAllowed();
        List<MediatorPool.Suggestion> suggestions = mayAssign ? pool.suggest(id, d.jurisdictionPath(),
                d.categoryName(), v.dispatcher() && v.covers(d.jurisdictionPath()) ? null : v.headedOrgs(),
                v.scopePath(), 10) : List.of();
        var agreement = records.agreement(id).orElse(null);
        var confirmation = records.confirmation(id).orElse(null);
        boolean mayRule = confirmation != null && v.courtHandler() && v.unitId() == confirmation.courtUnitId()
                && confirmation.status() == ConfirmationStatus.APPLIED;
        List<UnitRef> courts = assigned && agreement != null && confirmation == null ? courtsFor(d) : List.of();
        return new Page(d, contacts.trackingCodeFor(d.caseId()).orElse(null), parties, assigned,
                disputes.assessments(id), disputes.tasks(id), pool.assignments(id), pool.conflicts(id), suggestions,
                records.sessions(id), agreement, confirmation, records.followUps(id), history.stepsOf(d.caseId()),
                mayAssign, assigned, mayRule, v.covers(d.jurisdictionPath()) || assigned, courts,
                agreement == null || agreement.effectiveOn() == null ? null
                        : agreement.effectiveOn().plusDays(props.confirmationDays()),
                LocalDate.now(clock.withZone(DisputeIntake.CHINA)), records.attachments(id));
    }

    /** A session attachment of a dispute the viewer may see; the download is audited. */
    public MediationRecords.Attachment attachment(long id, long attachmentId, Viewer v) {
        disputes.findVisible(id, v).orElseThrow(() -> new NotFoundException("dispute"));
        MediationRecords.Attachment a = records.attachments(id).stream().filter(x -> x.id() == attachmentId)
                .findFirst().orElseThrow(() -> new NotFoundException("attachment"));
        audit.record(AuditEntry.of("dispute.dispute.view_attachment", "dispute", id).withChange(null, a.fileName()));
        return a;
    }

    public byte[] attachmentContent(long id, long attachmentId) {
        return records.attachmentContent(id, attachmentId).orElseThrow(() -> new NotFoundException("attachment"));
    }

    /** Basic courts and tribunals of the county the dispute lies in. */
    private List<UnitRef> courtsFor(Disputes.Row d) {
        String[] parts = d.jurisdictionPath().split("/");
        String county = parts.length >= 3 ? "/" + parts[1] + "/" + parts[2] + "/" : d.jurisdictionPath();
        return org.unitsWithin(county).stream()
                .filter(u -> u.is(UnitKind.PEOPLES_TRIBUNAL, UnitKind.COURT)).toList();
    }

    // ---- the ledger ---------------------------------------------------------------------------------------------

    public record Filter(DisputeStatus status, String category, RiskLevel risk, LocalDate from, LocalDate to,
                         Boolean prevented) {
    }

    public record LedgerRow(long id, long caseId, String jurisdictionName, String categoryName, DisputeSource source,
                            String summary, RiskLevel risk, DisputeStatus status, String orgName, String mediators,
                            java.time.Instant registeredAt, LocalDate mediationDue, String caseState,
                            boolean prevented) {
    }

    @Transactional(readOnly = true)
    public PageResult<LedgerRow> ledger(Viewer v, Filter f, PageResult.Request page) {
        Where w = where(v, f);
        long total = jdbc.sql("SELECT count(*) FROM dispute d WHERE " + w.sql).params(w.args).query(Long.class).single();
        List<Object> args = new ArrayList<>(w.args);
        args.add(page.size());
        args.add(page.offset());
        List<LedgerRow> rows = jdbc.sql("""
                        SELECT d.*, j.name AS jname, c.name AS cname, o.name AS oname,
                            (SELECT string_agg(m.name, '、' ORDER BY a.id) FROM dispute_assignment a
                             JOIN mediator m ON m.id = a.mediator_id WHERE a.dispute_id = d.id AND a.ended_at IS NULL) AS mediators
                        FROM dispute d JOIN org_jurisdiction j ON j.id = d.jurisdiction_id
                        LEFT JOIN dispute_category c ON c.code = d.category_code
                        LEFT JOIN mediation_org o ON o.id = d.org_id
                        WHERE """ + " " + w.sql + " ORDER BY d.registered_at DESC, d.id DESC LIMIT ? OFFSET ?")
                .params(args)
                .query((rs, n) -> new LedgerRow(rs.getLong("id"), rs.getLong("case_id"), rs.getString("jname"),
                        rs.getString("cname"), DisputeSource.valueOf(rs.getString("source")), rs.getString("summary"),
                        rs.getString("risk_level") == null ? null : RiskLevel.valueOf(rs.getString("risk_level")),
                        DisputeStatus.valueOf(rs.getString("status")), rs.getString("oname"),
                        rs.getString("mediators"), rs.getTimestamp("registered_at").toInstant(),
                        rs.getDate("mediation_due").toLocalDate(), rs.getString("case_state"),
                        rs.getBoolean("prevented")))
                .list();
        return new PageResult<>(rows, page.page(), page.size(), total);
    }

    record Where(String sql, List<Object> args) {
    }

    static Where where(Viewer v, Filter f) {
        Viewer.Condition c = v.visibleDisputes();
        StringBuilder sql = new StringBuilder(c.sql());
        List<Object> args = new ArrayList<>(c.args());
        if (f.status() != null) {
            sql.append(" AND d.status = ?");
            args.add(f.status().name());
        }
        if (f.category() != null && !f.category().isBlank()) {
            sql.append(" AND d.category_code = ?");
            args.add(f.category());
        }
        if (f.risk() != null) {
            sql.append(" AND d.risk_level = ?");
            args.add(f.risk().name());
        }
        if (f.from() != null) {
            sql.append(" AND d.accepted_on >= ?");
            args.add(Date.valueOf(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND d.accepted_on <= ?");
            args.add(Date.valueOf(f.to()));
        }
        if (Boolean.TRUE.equals(f.prevented())) {
            sql.append(" AND d.prevented");
        }
        return new Where(sql.toString(), args);
    }

    // ---- the mediator's workbench -------------------------------------------------------------------------------

    public record Workbench(MediatorPool.Mediator me, List<LedgerRow> disputes, List<TodaySession> sessions,
                            List<DueFollowUp> followUps, List<DueConfirmation> confirmations, List<Disputes.Task> tasks) {
    }

    public record TodaySession(long disputeId, String summary, java.time.Instant startsAt, java.time.Instant endsAt,
                               String place, boolean online) {
    }

    public record DueFollowUp(long disputeId, String summary, LocalDate dueOn) {
    }

    /** An effective agreement not yet sent for confirmation: the window closes on {@code lastDay}. */
    public record DueConfirmation(long disputeId, String summary, LocalDate effectiveOn, LocalDate lastDay) {
    }

    @Transactional(readOnly = true)
    public Workbench workbench(Viewer v, DisputeProperties props) {
        MediatorPool.Mediator me = v.mediatorId() == null ? null : pool.mediator(v.mediatorId()).orElse(null);
        LocalDate today = LocalDate.now(clock.withZone(DisputeIntake.CHINA));
        PageResult<LedgerRow> mine = ledger(v, new Filter(null, null, null, null, null, null), PageResult.Request.of(1, 50));
        List<LedgerRow> open = mine.items().stream()
                .filter(r -> r.status() == DisputeStatus.MEDIATING || r.status() == DisputeStatus.REGISTERED
                        || r.status() == DisputeStatus.AGREED).toList();
        Viewer.Condition c = v.visibleDisputes();
        List<Object> args = new ArrayList<>(c.args());
        args.add(java.sql.Timestamp.from(CityTime.startOf(today)));
        args.add(java.sql.Timestamp.from(CityTime.startOf(today.plusDays(1))));
        List<TodaySession> sessions = jdbc.sql("""
                        SELECT s.*, d.summary FROM mediation_session s JOIN dispute d ON d.id = s.dispute_id
                        WHERE """ + " " + c.sql() + " AND s.starts_at >= ? AND s.starts_at < ? ORDER BY s.starts_at")
                .params(args)
                .query((rs, n) -> new TodaySession(rs.getLong("dispute_id"), rs.getString("summary"),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("place"), rs.getBoolean("online")))
                .list();
        List<Object> fargs = new ArrayList<>(c.args());
        fargs.add(Date.valueOf(today.plusDays(3)));
        List<DueFollowUp> followUps = jdbc.sql("""
                        SELECT f.dispute_id, f.due_on, d.summary FROM follow_up f JOIN dispute d ON d.id = f.dispute_id
                        WHERE """ + " " + c.sql() + " AND f.done_on IS NULL AND f.due_on <= ? ORDER BY f.due_on LIMIT 50")
                .params(fargs)
                .query((rs, n) -> new DueFollowUp(rs.getLong(1), rs.getString(3), rs.getDate(2).toLocalDate()))
                .list();
        List<Object> cargs = new ArrayList<>(c.args());
        cargs.add(Date.valueOf(today.minusDays(props.confirmationDays())));
        List<DueConfirmation> confirmations = jdbc.sql("""
                        SELECT a.dispute_id, a.effective_on, d.summary FROM mediation_agreement a
                        JOIN dispute d ON d.id = a.dispute_id
                        WHERE """ + " " + c.sql() + """
                         AND a.effective_on IS NOT NULL AND a.effective_on >= ?
                          AND NOT EXISTS (SELECT 1 FROM judicial_confirmation jc WHERE jc.dispute_id = a.dispute_id)
                        ORDER BY a.effective_on LIMIT 50""")
                .params(cargs)
                .query((rs, n) -> new DueConfirmation(rs.getLong(1), rs.getString(3), rs.getDate(2).toLocalDate(),
                        rs.getDate(2).toLocalDate().plusDays(props.confirmationDays())))
                .list();
        List<Disputes.Task> tasks = open.stream().flatMap(r -> disputes.tasks(r.id()).stream()).filter(Disputes.Task::open)
                .toList();
        return new Workbench(me, open, sessions, followUps, confirmations, tasks);
    }
}
