package io.minyi.dispute.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitKind;
import io.minyi.platform.CityTime;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The duty-lawyer rota of a governance centre (local practice, DOMAIN.md §1) and the legal consultations the lawyer on
 * duty gives, which the figures count.
 */
@Service
@RequiredArgsConstructor
public class DutyRota {

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final MediatorPool pool;
    private final AuditTrail audit;
    private final Clock clock;

    @Transactional
    public void schedule(StaffUser me, Long centreUnitId, LocalDate on, Long lawyerId) {
        long centre = centre(me, centreUnitId);
        MediatorPool.Mediator m = lawyerInScope(me, lawyerId);
        if (m == null || m.kind() != MediatorKind.DUTY_LAWYER || !m.active()) {
            throw new InvalidInputException("dispute.invalid.notDutyLawyer");
        }
        if (on == null || on.isBefore(LocalDate.now(clock.withZone(DisputeIntake.CHINA)))) {
            throw new InvalidInputException("dispute.invalid.date");
        }
        jdbc.sql("INSERT INTO duty_rota (centre_unit_id, on_date, mediator_id) VALUES (?,?,?) ON CONFLICT DO NOTHING")
                .params(centre, Date.valueOf(on), m.id()).update();
        audit.record(AuditEntry.of("dispute.rota.assign", "unit", centre).withChange(null, on + " " + m.name()));
    }

    @Transactional
    public void consultation(StaffUser me, Long centreUnitId, Long lawyerId, String topic, Integer people) {
        long centre = centre(me, centreUnitId);
        MediatorPool.Mediator m = lawyerInScope(me, lawyerId);
        if (m == null || m.kind() != MediatorKind.DUTY_LAWYER) {
            throw new InvalidInputException("dispute.invalid.notDutyLawyer");
        }
        if (DisputeIntake.blankToNull(topic) == null || topic.length() > 500) {
            throw new InvalidInputException("dispute.invalid.topic");
        }
        int n = people == null ? 1 : people;
        if (n < 1 || n > 1000) {
            throw new InvalidInputException("dispute.invalid.people");
        }
        long id = jdbc.sql("""
                        INSERT INTO legal_consultation (centre_unit_id, mediator_id, given_at, topic, people, recorded_by)
                        VALUES (?,?,?,?,?,?) RETURNING id""")
                .params(centre, m.id(), Timestamp.from(clock.instant()), topic.strip(), n, me.getUsername())
                .query(Long.class).single();
        audit.record(AuditEntry.of("dispute.consultation.record", "legal_consultation", id).withChange(null, m.name()));
    }

    /**
     * The lawyer, when their mediation organisation is in my scope: the lawyers the form offers ({@link #lawyers}); one
     * of another county is unknown here, as the form never shows them.
     */
    private MediatorPool.@Nullable Mediator lawyerInScope(StaffUser me, Long lawyerId) {
        if (lawyerId == null || !jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM mediator m JOIN mediation_org o ON o.id = m.org_id
                                       WHERE m.id = ? AND o.jurisdiction_path LIKE ?)""")
                .params(lawyerId, me.scopePathPattern()).query(Boolean.class).single()) {
            return null;
        }
        return pool.mediator(lawyerId).orElse(null);
    }

    private long centre(StaffUser me, Long unitId) {
        return org.unit(unitId == null ? -1 : unitId)
                .filter(u -> u.is(UnitKind.GOVERNANCE_CENTRE) && me.covers(u.jurisdictionPath()))
                .orElseThrow(() -> new InvalidInputException("dispute.invalid.centre")).id();
    }

    /** Who is on duty today at each governance centre in the scope. */
    public record OnDuty(String centre, String lawyer, String phone) {
    }

    /** A duty lawyer who may be put on the rota. */
    public record Lawyer(long id, String name) {
    }

    /** Today's duty lawyers at the centres in {@code scope} (a jurisdiction path pattern); today in the city. */
    public List<OnDuty> onDutyToday(String scope) {
        return jdbc.sql("""
                        SELECT u.name AS centre, m.name AS lawyer, m.phone FROM duty_rota r
                        JOIN org_unit u ON u.id = r.centre_unit_id JOIN mediator m ON m.id = r.mediator_id
                        JOIN org_jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE r.on_date = ? AND j.path LIKE ? ORDER BY u.name""")
                .params(Date.valueOf(LocalDate.now(clock.withZone(CityTime.ZONE))), scope)
                .query((rs, n) -> new OnDuty(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The duty lawyers of the mediation organisations in {@code scope}. */
    public List<Lawyer> lawyers(String scope) {
        return jdbc.sql("""
                        SELECT m.id, m.name FROM mediator m JOIN mediation_org o ON o.id = m.org_id
                        WHERE m.kind = 'DUTY_LAWYER' AND m.active AND o.jurisdiction_path LIKE ? ORDER BY m.code""")
                .param(scope).query((rs, n) -> new Lawyer(rs.getLong(1), rs.getString(2))).list();
    }

    /** How many people the centres in {@code scope} advised since the first of this month in the city. */
    public long peopleAdvisedThisMonth(String scope) {
        Instant monthStart = CityTime.startOf(LocalDate.now(clock.withZone(CityTime.ZONE)).withDayOfMonth(1));
        return jdbc.sql("""
                        SELECT coalesce(sum(c.people), 0) FROM legal_consultation c JOIN org_unit u ON u.id = c.centre_unit_id
                        JOIN org_jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE j.path LIKE ? AND c.given_at >= ?""")
                .params(scope, Timestamp.from(monthStart)).query(Long.class).single();
    }
}
