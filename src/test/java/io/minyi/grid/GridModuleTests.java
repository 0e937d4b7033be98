package io.minyi.grid;

import io.minyi.casework.CaseEvents.CaseAwaitingFeedback;
import io.minyi.casework.CaseEvents.CaseConcluded;
import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;
import io.minyi.casework.SourceChannel;
import io.minyi.grid.internal.Disposition;
import io.minyi.grid.internal.NewGridEvent;
import io.minyi.grid.internal.ReportGridEvent;
import io.minyi.grid.internal.ReportGridEvent.Reported;
import io.minyi.org.DemoStaff;
import io.minyi.org.StaffUser;
import io.minyi.support.PatientScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grid governance with the modules it stands on (casework, notification, org's demo city, audit, platform): a grid
 * worker's escalated event goes into casework's pool as a GRID_EVENT case (one resolved on the spot does not), and
 * casework's events come back — approved handling asks the worker who reported it to confirm on site, a concluded
 * case closes the event. The phone's pages and the loop end to end are {@code GridFullStackTests}' business.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@DirtiesContext
@ExtendWith(PatientScenarios.class)
class GridModuleTests {

    @Autowired
    ReportGridEvent reports;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    DemoStaff staff;
    @Autowired
    JdbcClient jdbc;

    private StaffUser worker() {
        return (StaffUser) accounts.loadUserByUsername("gridworker");
    }

    private long gridOf(StaffUser worker) {
        return jdbc.sql("SELECT min(grid_id) FROM org_grid_worker WHERE staff_id = ?").param(worker.id())
                .query(Long.class).single();
    }

    private Reported report(StaffUser worker, Disposition disposition, String marker) {
        NewGridEvent e = new NewGridEvent(UUID.randomUUID().toString(), gridOf(worker), "FIRE",
                "楼道堆放杂物堵塞消防通道 " + marker, "张三", 30.605, 114.305, null, null, disposition,
                disposition == Disposition.SELF_RESOLVED ? "已督促清理" : null, List.of(), null);
        return staff.as(worker, () -> reports.report(worker, e));
    }

    private boolean closed(long eventId) {
        return jdbc.sql("SELECT closed_at IS NOT NULL FROM grid_event WHERE id = ?").param(eventId)
                .query(Boolean.class).single();
    }

    @Test
    void an_escalated_event_enters_the_pool_as_a_grid_case_and_one_resolved_on_the_spot_does_not(
            Scenario scenario, AssertablePublishedEvents events) {
        StaffUser worker = worker();

        scenario.stimulate(() -> report(worker, Disposition.ESCALATED, "上报-" + System.nanoTime()))
                .andWaitForEventOfType(CaseReceived.class)
                .toArriveAndVerify((received, reported) -> {
                    assertThat(reported.caseId()).isEqualTo(received.caseId());
                    assertThat(received.type()).isEqualTo(CaseType.GRID_EVENT);
                    assertThat(received.channel()).isEqualTo(SourceChannel.GRID_VISIT);
                    assertThat(closed(reported.eventId())).isFalse();
                });

        Reported resolved = report(worker, Disposition.SELF_RESOLVED, "化解-" + System.nanoTime());
        assertThat(resolved.caseId()).isNull();
        assertThat(closed(resolved.eventId())).as("closed when reported").isTrue();
        assertThat(events.ofType(CaseReceived.class)).as("only the escalated one").hasSize(1);
    }

    @Test
    void approved_handling_asks_the_reporter_to_confirm_and_the_concluded_case_closes_the_event(Scenario scenario) {
        StaffUser worker = worker();
        Reported reported = report(worker, Disposition.ESCALATED, "核实-" + System.nanoTime());
        long caseId = reported.caseId();
        long jurisdiction = jdbc.sql("SELECT jurisdiction_id FROM cases WHERE id = ?").param(caseId)
                .query(Long.class).single();
        long unit = jdbc.sql("SELECT min(id) FROM org_unit").query(Long.class).single();

        scenario.publish(new CaseAwaitingFeedback(caseId, CaseType.GRID_EVENT, unit, jurisdiction, false,
                        Instant.now()))
                .andWaitForStateChange(() -> jdbc.sql("""
                                SELECT count(*) FROM notification WHERE channel = 'INBOX' AND staff_id = ?
                                AND dedup_key LIKE ?""")
                        .params(worker.id(), "grid-confirm:" + caseId + ":%").query(Long.class).single(), n -> n > 0)
                .andVerify(n -> assertThat(n).isEqualTo(1));

        scenario.publish(new CaseConcluded(caseId, CaseType.GRID_EVENT, unit, jurisdiction, CaseState.CLOSED, true,
                        true, Outcome.RESOLVED, false, Instant.now()))
                .andWaitForStateChange(() -> closed(reported.eventId()))
                .andVerify(isClosed -> assertThat(isClosed).isTrue());
    }
}
