package io.minyi.grid.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 走访: a grid worker records a visit to a household or a site. A dispute found on the visit goes straight into the
 * dispute flow as a DISPUTE case carrying the grid. Idempotent on the draft's key, like events.
 */
@Service
@RequiredArgsConstructor
public class RecordVisit {

    public static final ZoneId CHINA = io.minyi.platform.CityTime.ZONE;

    private final GridScope scope;
    private final Households households;
    private final CaseIntake intake;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    private final org.springframework.context.MessageSource messages;

    /** The dispute category of the seeded taxonomy (case_category): a data value, not a text. */
    private static final String DISPUTE_CATEGORY = "矛盾纠纷";

    public record NewVisit(String key, Long gridId, Long householdId, Long buildingId, LocalDate visitedOn,
                           VisitKind kind, String findings, String dispute) {
    }

    public record Recorded(long visitId, boolean replay, Long disputeCaseId) {
    }

    @Transactional
    public Recorded record(StaffUser me, NewVisit v) {
        String key = DraftKey.of(me, v.key()).stored();
        Optional<Recorded> seen = byKey(key);
        if (seen.isPresent()) {
            return seen.get();
        }
        Checked c = check(me, v);
        Optional<Long> id = jdbc.sql("""
                        INSERT INTO grid_visit (idempotency_key, grid_id, path, staff_id, household_id, building_id,
                            visited_on, kind, findings, created_at)
                        VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (idempotency_key, city_id) DO NOTHING RETURNING id""")
                .params(key, c.grid().id(), c.grid().villagePath(), me.id(),
                        c.household() == null ? null : c.household().id(),
                        c.building() == null ? null : c.building().id(), v.visitedOn(), v.kind().name(),
                        c.findings(), Timestamp.from(clock.instant()))
                .query(Long.class).optional();
        if (id.isEmpty()) {
            return byKey(key).orElseThrow();
        }
        audit.record(AuditEntry.of("grid.visit.record", "grid_visit", id.get()).withChange(null,
                c.household() != null ? "household " + c.household().id() : "building " + c.building().id()));
        Long caseId = c.dispute() == null ? null : handOverDispute(id.get(), c);
        return new Recorded(id.get(), false, caseId);
    }

    /** A visit's input once checked: the place is in one of the worker's grids, the texts are stripped. */
    private record Checked(GridRef grid, Households.Household household, Households.Building building,
                           String findings, String dispute) {
    }

    /** Every problem at once, so the worker fixes the form in one go. */
    private Checked check(StaffUser me, NewVisit v) {
        List<String> problems = new ArrayList<>();
        GridRef grid = v.gridId() == null ? null
                : scope.own(me).stream().filter(g -> g.id() == v.gridId()).findFirst().orElse(null);
        if (grid == null) {
            problems.add("grid.invalid.grid");
        }
        Households.Household household = grid == null || v.householdId() == null ? null
                : households.inGrid(v.householdId(), grid.id()).orElse(null);
        Households.Building building = grid == null || v.buildingId() == null ? null
                : households.buildingInGrid(v.buildingId(), grid.id()).orElse(null);
        if (grid != null && (household == null && building == null || v.householdId() != null && household == null
                || v.buildingId() != null && building == null)) {
            problems.add("grid.invalid.visitPlace");
        }
        LocalDate today = today();
        if (v.visitedOn() == null || v.visitedOn().isAfter(today) || v.visitedOn().isBefore(today.minusDays(30))) {
            problems.add("grid.invalid.visitedOn");
        }
        if (v.kind() == null) {
            problems.add("grid.invalid.visitKind");
        }
        String findings = ReportGridEvent.strip(v.findings());
        if (findings == null) {
            problems.add("grid.invalid.findingsEmpty");
        } else if (findings.length() > 2000) {
            problems.add("grid.invalid.findingsTooLong");
        }
        String dispute = ReportGridEvent.strip(v.dispute());
        if (dispute != null && dispute.length() > 2000) {
            problems.add("grid.invalid.descriptionTooLong");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(grid, household, building, findings, dispute);
    }

    /** A dispute found on the visit enters the dispute flow as a DISPUTE case carrying the grid. */
    private long handOverDispute(long visitId, Checked c) {
        String place = c.household() != null ? c.household().address() : c.building().name();
        var receipt = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.GRID_VISIT, c.grid().villageId(),
                null, null, null, null, io.minyi.platform.CityLanguage.text(messages, "grid.caseText.visitDispute", c.dispute(), place),
                DISPUTE_CATEGORY,
                "grid-visit:" + visitId, null, c.grid().id()));
        jdbc.sql("UPDATE grid_visit SET dispute_case_id = ? WHERE id = ?").params(receipt.caseId(), visitId).update();
        return receipt.caseId();
    }

    private Optional<Recorded> byKey(String key) {
        return jdbc.sql("SELECT id, dispute_case_id FROM grid_visit WHERE idempotency_key = ?").param(key)
                .query((rs, i) -> new Recorded(rs.getLong(1), true, (Long) rs.getObject(2))).optional();
    }

    public record VisitView(long id, long gridId, String place, LocalDate visitedOn, VisitKind kind, String findings,
                            Long disputeCaseId) {
    }

    public List<VisitView> recent(StaffUser me, int limit) {
        return jdbc.sql("""
                        SELECT v.id, v.grid_id, coalesce(h.address, b.name), v.visited_on, v.kind, v.findings,
                               v.dispute_case_id
                        FROM grid_visit v LEFT JOIN grid_household h ON h.id = v.household_id
                             LEFT JOIN grid_building b ON b.id = v.building_id
                        WHERE v.staff_id = ? ORDER BY v.visited_on DESC, v.id DESC LIMIT ?""")
                .params(me.id(), limit)
                .query((rs, i) -> new VisitView(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), VisitKind.valueOf(rs.getString(5)), rs.getString(6),
                        (Long) rs.getObject(7))).list();
    }

    /** The city's today on the application's clock: the visit form's default date and the newest it accepts. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }
}
