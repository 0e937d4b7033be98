package io.minyi.lists.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseProgress;
import io.minyi.casework.CaseState;
import io.minyi.casework.RaiserContacts;
import io.minyi.org.Role;
import io.minyi.org.SubjectShield;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typical cases (正反典型): a supervisor proposes a concluded case as a positive or negative example with a write-up in
 * their own words; a leader (another person) publishes or rejects it. The write-up is refused when it carries a phone
 * number, an ID number or the raiser's own phone: the public page names no raiser and no party.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class TypicalCases {

    public record Proposal(Long caseId, String kind, String title, String writeUp) {
    }

    public record Typical(long id, long caseId, String kind, String title, String writeUp, String status,
                          String proposedBy, Instant proposedAt, String decidedBy, Instant decidedAt, String note) {
    }

    static final Set<CaseState> CONCLUDED = Set.of(CaseState.CLOSED, CaseState.CLOSED_NO_FEEDBACK);
    /** Phone numbers (7–15 digits) and the 18-character resident ID number. */
    private static final Pattern PERSONAL = Pattern.compile("\\d{7,15}|\\d{17}[\\dXx]");

    private final JdbcClient jdbc;
    private final SubjectShield shield;
    private final CaseProgress cases;
    private final RaiserContacts raisers;
    private final AuditTrail audit;
    private final Clock clock;

    @Transactional
    public long propose(StaffUser me, Proposal p) {
        List<String> problems = new ArrayList<>();
        if (!Set.of("POSITIVE", "NEGATIVE").contains(String.valueOf(p.kind()))) {
            problems.add("lists.error.typicalKind");
        }
        String title = LeaderWork.text(p.title(), 100, "lists.error.title", problems);
        String text = LeaderWork.text(p.writeUp(), 3000, "lists.error.writeUp", problems);
        var progress = p.caseId() == null ? List.<CaseProgress.Progress>of() : cases.of(List.of(p.caseId()));
        String path = p.caseId() == null ? null : jdbc.sql("SELECT j.path FROM cases c JOIN org_jurisdiction j ON j.id = c.jurisdiction_id WHERE c.id = ?")
                .param(p.caseId()).query(String.class).optional().orElse(null);
        // a case about the proposer is unknown to them (decision 0010)
        if (progress.isEmpty() || path == null || !me.covers(path)
                || shield.isAbout(me, SubjectShield.Kind.CASE, p.caseId())) {
            problems.add("lists.error.typicalCase");
        } else if (!CONCLUDED.contains(progress.getFirst().state())) {
            problems.add("lists.error.typicalNotConcluded");
        }
        String raiserPhone = p.caseId() == null ? null : raisers.phoneFor(p.caseId()).orElse(null);
        if (PERSONAL.matcher(title + " " + text).find() || raiserPhone != null && (title + text).contains(raiserPhone)) {
            problems.add("lists.error.typicalPersonal");
        }
        LeaderWork.fail(problems);
        if (jdbc.sql("SELECT count(*) FROM typical_case WHERE case_id = ? AND kind = ?").params(p.caseId(), p.kind())
                .query(Long.class).single() > 0) {
            throw new InvalidInputException("lists.error.typicalTwice");
        }
        long id = jdbc.sql("""
                        INSERT INTO typical_case (case_id, jurisdiction_path, kind, title, write_up, proposed_by, proposed_at)
                        VALUES (?,?,?,?,?,?,?) RETURNING id""")
                .params(p.caseId(), path, p.kind(), title, text, me.displayName(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(AuditEntry.of("lists.typical_case.propose", "typical_case", id).withChange(null, p.kind() + " " + title));
        return id;
    }

    /** A leader other than the proposer publishes or rejects (a reason is required to reject). */
    @Transactional
    public void decide(StaffUser me, long id, boolean publish, String note) {
        Typical t = get(me, id);
        List<String> problems = new ArrayList<>();
        if (!me.has(Role.LEADER) || me.displayName().equals(t.proposedBy())) {
            problems.add("lists.error.typicalDecider");
        }
        if (!t.status().equals("PROPOSED")) {
            problems.add("lists.error.typicalDecided");
        }
        String n = publish && (note == null || note.isBlank()) ? null : LeaderWork.text(note, 500, "lists.error.reason", problems);
        LeaderWork.fail(problems);
        jdbc.sql("UPDATE typical_case SET status = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?")
                .params(publish ? "PUBLISHED" : "REJECTED", me.displayName(), Timestamp.from(clock.instant()), n, id)
                .update();
        audit.record(AuditEntry.of(publish ? "lists.typical_case.publish" : "lists.typical_case.reject", "typical_case", id)
                .withChange("PROPOSED", (publish ? "PUBLISHED" : "REJECTED") + (n == null ? "" : " " + n)));
    }

    /** The examples in my scope, but those about a case that names me: I neither read nor decide them (0010). */
    public PageResult<Typical> list(StaffUser me, PageResult.Request page) {
        return InScope.newestFirst(jdbc, me, "typical_case", "proposed_at",
                shield.hides(me, SubjectShield.Kind.CASE, "case_id"), page, (rs, n) -> row(rs));
    }

    public Typical get(StaffUser me, long id) {
        SubjectShield.Clause notMine = shield.hides(me, SubjectShield.Kind.CASE, "case_id");
        List<Object> args = new ArrayList<>(List.of(id, me.scopePathPattern()));
        args.addAll(notMine.args());
        return jdbc.sql("SELECT * FROM typical_case WHERE id = ? AND jurisdiction_path LIKE ? AND " + notMine.sql())
                .params(args).query((rs, n) -> row(rs)).optional()
                .orElseThrow(() -> new NotFoundException("typical case " + id));
    }

    /** The public page: published examples only, newest first, and only their title and write-up. */
    public List<Typical> published(int limit) {
        return jdbc.sql("SELECT * FROM typical_case WHERE status = 'PUBLISHED' ORDER BY decided_at DESC LIMIT ?")
                .param(limit).query((rs, n) -> row(rs)).list();
    }

    private static Typical row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Typical(rs.getLong("id"), rs.getLong("case_id"), rs.getString("kind"), rs.getString("title"),
                rs.getString("write_up"), rs.getString("status"), rs.getString("proposed_by"),
                rs.getTimestamp("proposed_at").toInstant(), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(), rs.getString("decision_note"));
    }
}
