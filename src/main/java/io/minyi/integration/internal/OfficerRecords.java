package io.minyi.integration.internal;

import io.minyi.platform.SqlFilter;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseDigests;
import io.minyi.evaluation.EvaluationFigures;
import io.minyi.evaluation.EvaluationFigures.DimensionSatisfaction;
import io.minyi.evaluation.EvaluationFigures.Satisfaction;
import io.minyi.org.StaffUser;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The organisation department's read-only view of an officer for cadre selection (干部考察): public ratings by aspect
 * and by quarter, substantiated clues and what discipline inspection decided — never a clue's words or who raised it.
 * Every opening of a record and every certificate is audited.
 */
@Component
@RequiredArgsConstructor
public class OfficerRecords {

    private final JdbcClient jdbc;
    private final EvaluationFigures evaluations;
    private final CaseDigests cases;
    private final DisciplineDesk discipline;
    private final AuditTrail audit;

    public record OfficerRow(long id, String name, String badgeNo, String position, String unitName) {
    }

    public record Period(String label, Satisfaction satisfaction) {
    }

    public record Record(OfficerRow officer, int year, Satisfaction wholeYear, List<Period> quarters,
                         List<DimensionSatisfaction> dimensions, List<CaseDigests.Finding> findings,
                         List<Map<String, Object>> disciplinary) {
    }

    /** Officers in the account's jurisdiction, by name or badge number. */
    @Transactional(readOnly = true)
    public PageResult<OfficerRow> search(StaffUser me, String text, PageResult.Request page) {
        String q = text == null || text.isBlank() ? null : SqlFilter.containing(text);
        String where = """
                FROM org_officer o JOIN org_unit u ON u.id = o.unit_id JOIN org_jurisdiction j ON j.id = u.jurisdiction_id
                WHERE j.path LIKE :scope AND (CAST(:q AS text) IS NULL OR o.name LIKE :q OR o.badge_no LIKE :q)""";
        List<OfficerRow> rows = jdbc.sql("SELECT o.id, o.name, o.badge_no, o.position, u.name " + where
                        + " ORDER BY u.name, o.badge_no LIMIT :limit OFFSET :offset")
                .param("scope", me.jurisdictionPath() + "%").param("q", q).param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, i) -> new OfficerRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
        long total = jdbc.sql("SELECT count(*) " + where).param("scope", me.jurisdictionPath() + "%").param("q", q)
                .query(Long.class).single();
        return new PageResult<>(rows, page.page(), page.size(), total);
    }

    /**
     * One officer's record for a year (404 outside the account's jurisdiction, and for the officer's own account: it
     * lists the clues found true about them, decision 0010); the view is audited.
     */
    @Transactional
    public Record record(StaffUser me, long officerId, int year, String purpose) {
        if (me.officerId() != null && me.officerId() == officerId) {
            throw new NotFoundException("officer");
        }
        OfficerRow o = jdbc.sql("""
                        SELECT o.id, o.name, o.badge_no, o.position, u.name FROM org_officer o JOIN org_unit u ON u.id = o.unit_id
                        JOIN org_jurisdiction j ON j.id = u.jurisdiction_id WHERE o.id = ? AND j.path LIKE ?""")
                .params(officerId, me.jurisdictionPath() + "%")
                .query((rs, i) -> new OfficerRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .optional().orElseThrow(() -> new NotFoundException("officer"));
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        List<Period> quarters = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            LocalDate start = from.plusMonths(3L * q);
            quarters.add(new Period(year + " Q" + (q + 1),
                    evaluations.forOfficer(officerId, start, start.plusMonths(3).minusDays(1))));
        }
        audit.record(AuditEntry.of(purpose, "officer", officerId).withChange(null, String.valueOf(year)));
        return new Record(o, year, evaluations.forOfficer(officerId, from, to), quarters,
                evaluations.byDimensionForOfficer(officerId, from, to), cases.substantiatedAbout(officerId),
                discipline.officerRecord(officerId));
    }
}
