package io.minyi.dispute;

import io.minyi.casework.CaseEvents.CaseDispatched;
import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.SourceChannel;
import io.minyi.support.PatientScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.annotation.DirtiesContext;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dispute mediation with the modules it stands on (casework, notification, org's demo city, audit, platform): a
 * dispute handed into casework's pool some other way than the mediation form gets its mediation record, and casework's
 * later events keep the record's view of the loop (state, deadline). A case of another type leaves nothing here — not
 * even a publication for this module's listener, whose condition is read when the event is published (decision 0041).
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@DirtiesContext
@ExtendWith(PatientScenarios.class)
class DisputeModuleTests {

    @Autowired
    CaseIntake intake;
    @Autowired
    JdbcClient jdbc;

    private long village() {
        return jdbc.sql("SELECT min(id) FROM org_jurisdiction WHERE level = 'VILLAGE'").query(Long.class).single();
    }

    private long someUnit() {
        return jdbc.sql("SELECT min(id) FROM org_unit").query(Long.class).single();
    }

    private List<Map<String, Object>> disputeOf(long caseId) {
        return jdbc.sql("SELECT source, summary, case_state, case_deadline, status FROM dispute WHERE case_id = ?")
                .param(caseId).query().listOfRows();
    }

    /** Publications of the case's received event for this module's listener, handled or not. */
    private long mediationPublications(long caseId) {
        return jdbc.sql("""
                        SELECT count(*) FROM event_publication WHERE listener_id LIKE 'io.minyi.dispute.%'
                        AND event_type LIKE '%CaseReceived' AND serialized_event LIKE ?""")
                .param("%\"caseId\":" + caseId + ",%").query(Long.class).single();
    }

    private static NewCase handedIn(CaseType type, long jurisdictionId, String text) {
        return new NewCase(type, SourceChannel.HOTLINE, jurisdictionId, null, null, "张三", "13900000001", text,
                null, null, null);
    }

    @Test
    void a_dispute_entering_the_pool_gets_its_mediation_record_which_follows_the_loop(Scenario scenario) {
        long village = village();
        String text = "邻里宅基地边界纠纷 " + System.nanoTime();

        scenario.stimulate(tx -> tx.execute(s -> intake.receive(handedIn(CaseType.DISPUTE, village,
                        text))).caseId())
                .andWaitForStateChange(() -> jdbc.sql("SELECT count(*) FROM dispute WHERE summary = ?").param(text)
                        .query(Long.class).single(), n -> n > 0)
                .andVerify((n, id) -> assertThat(disputeOf(id)).singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("source", "HOTLINE").containsEntry("status", "REGISTERED")
                            .containsEntry("case_state", "RECEIVED");
                }));
        long id = jdbc.sql("SELECT case_id FROM dispute WHERE summary = ?").param(text).query(Long.class).single();
        assertThat(mediationPublications(id)).as("the listener's publication of a dispute").isEqualTo(1);

        LocalDate deadline = LocalDate.of(2026, 12, 31);
        scenario.publish(new CaseDispatched(id, CaseType.DISPUTE, "邻里纠纷", RiskLevel.MEDIUM, someUnit(), village,
                        deadline, false, java.time.Instant.now(), null))
                .andWaitForStateChange(() -> disputeOf(id).getFirst().get("case_state"), "DISPATCHED"::equals)
                .andVerify(state -> assertThat(disputeOf(id).getFirst().get("case_deadline"))
                        .isEqualTo(java.sql.Date.valueOf(deadline)));
    }

    @Test
    void a_case_of_another_type_leaves_no_record_and_no_publication_for_mediation(Scenario scenario) {
        long village = village();
        String text = "反映民警办事拖拉 " + System.nanoTime();

        scenario.stimulate(tx -> tx.execute(s -> intake.receive(handedIn(CaseType.CLUE, village, text))).caseId())
                .andWaitForEventOfType(CaseReceived.class)
                .toArriveAndVerify((event, caseId) -> {
                    assertThat(event.caseId()).isEqualTo(caseId);
                    assertThat(disputeOf(caseId)).isEmpty();
                    assertThat(mediationPublications(caseId)).isZero();
                });
    }
}
