package io.minyi.evaluation;

import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseType;
import io.minyi.casework.SourceChannel;
import io.minyi.evaluation.internal.EvaluationInput;
import io.minyi.evaluation.internal.EvaluationTargets;
import io.minyi.evaluation.internal.Receipt;
import io.minyi.evaluation.internal.SubmitEvaluation;
import io.minyi.evaluation.internal.Target;
import io.minyi.support.PatientScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.annotation.DirtiesContext;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public evaluation with the modules it stands on (casework, org's demo city, audit, platform): a resident's rating
 * of an officer with a problem clue goes into casework's pool as a clue about that officer and unit, through the
 * evaluation channel, under the tracking code the resident's receipt shows; a rating without a clue hands nothing
 * in. Casework is named as an extra include: evaluation takes its intake through an {@code ObjectProvider} (a clue
 * waits while no intake is deployed), which Modulith does not count as a bean dependency. The form, its limits and
 * the group commit are the full-stack and writer tests' business.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES,
        extraIncludes = {"platform", "casework"})
@DirtiesContext
@ExtendWith(PatientScenarios.class)
class EvaluationModuleTests {

    @Autowired
    SubmitEvaluation submissions;
    @Autowired
    EvaluationTargets targets;
    @Autowired
    JdbcClient jdbc;

    private Target officerOfTheStation() {
        long unit = jdbc.sql("SELECT unit_id FROM org_staff WHERE username = 'handler'").query(Long.class).single();
        return targets.activeOfficersOfUnit(unit).getFirst();
    }

    private Receipt submit(Target target, String clue) {
        return submissions.submit(target, new EvaluationInput(UUID.randomUUID().toString(), "DISSATISFIED", Map.of(),
                null, clue, "13912345678", true, List.of()), "device-" + UUID.randomUUID(), "127.0.0.1");
    }

    private String trackingCodeOf(long caseId) {
        return jdbc.sql("SELECT tracking_code FROM cases WHERE id = ?").param(caseId).query(String.class).single();
    }

    @Test
    void a_rating_with_a_clue_hands_a_clue_about_the_officer_into_the_pool_under_the_receipts_code(
            Scenario scenario) {
        Target officer = officerOfTheStation();

        scenario.stimulate(() -> submit(officer, "该民警办理户口时索要好处费 " + System.nanoTime()))
                .andWaitForEventOfType(CaseReceived.class)
                .matchingMappedValue(CaseReceived::subjectOfficerId, officer.officerId())
                .toArriveAndVerify((received, receipt) -> {
                    assertThat(receipt.clue()).isTrue();
                    assertThat(received.type()).isEqualTo(CaseType.CLUE);
                    assertThat(received.channel()).isEqualTo(SourceChannel.EVALUATION);
                    assertThat(received.subjectUnitId()).isEqualTo(officer.unitId());
                    assertThat(received.jurisdictionId()).isEqualTo(officer.jurisdictionId());
                    assertThat(trackingCodeOf(received.caseId())).isEqualTo(receipt.trackingCode());
                });
    }

    @Test
    void a_rating_without_a_clue_hands_nothing_in(AssertablePublishedEvents events) {
        Receipt receipt = submit(officerOfTheStation(), "  ");

        assertThat(receipt.clue()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation WHERE id = ?").param(receipt.evaluationId())
                .query(Long.class).single()).as("the rating itself is stored").isEqualTo(1);
        assertThat(events.ofType(CaseReceived.class)).isEmpty();
    }
}
