package io.minyi.audit;

import io.minyi.audit.AuditTrail.AuditEvent;
import io.minyi.audit.AuditTrail.AuditQuery;
import io.minyi.audit.AuditTrail.ChainCheck;
import io.minyi.audit.AuditTrail.Problem;
import io.minyi.platform.PageResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit module on its own (with the platform it stands on) over its own database: no organisation, no cases.
 * Rows written under a former action name (before decision 0025) keep verifying beside rows under the current name,
 * and are found and shown under the current one; rewriting such a row's name would break the chain.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@DirtiesContext
class AuditModuleTests {

    /** The organisation module decides who reads which events; here the reader is the whole city's auditor. */
    @TestConfiguration
    static class WholeCityReader {
        @Bean
        AuditReaders wholeCity() {
            return () -> AuditReaders.Visible.EVERYTHING;
        }
    }

    @Autowired
    AuditTrail audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    private void write(String action, String recordId) {
        tx.executeWithoutResult(s -> audit.recordAs("module-test", "SUPERVISOR",
                AuditEntry.of(action, "supervision_letter", recordId).withChange(null, action)));
    }

    private List<AuditEvent> found(String action, String recordId) {
        return audit.search(new AuditQuery(null, action, "supervision_letter", recordId, null, null),
                PageResult.Request.of(1, 50)).items();
    }

    @Test
    void a_row_under_a_former_name_verifies_beside_rows_under_the_current_name_and_is_found_by_either() {
        String letter = "letter-" + UUID.randomUUID();
        write("letter.issue", letter);
        write("supervision.letter.issue", letter);
        write("supervision.letter.acknowledge", letter);

        ChainCheck check = audit.verifyChain();
        assertThat(check.intact()).as(check.toString()).isTrue();
        assertThat(check.eventsChecked()).isGreaterThanOrEqualTo(3);

        List<AuditEvent> issued = found("supervision.letter.issue", letter);
        assertThat(issued).extracting(AuditEvent::storedAction)
                .containsExactlyInAnyOrder("letter.issue", "supervision.letter.issue");
        assertThat(issued).extracting(AuditEvent::action).containsOnly("supervision.letter.issue");
        assertThat(found("letter.issue", letter)).hasSize(2);
        assertThat(audit.historyOf("supervision_letter", letter)).extracting(AuditEvent::action)
                .containsExactly("supervision.letter.issue", "supervision.letter.issue",
                        "supervision.letter.acknowledge");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE record_id = ? ORDER BY id").param(letter)
                .query(String.class).list()).first().isEqualTo("letter.issue");
    }

    @Test
    void renaming_a_signed_row_to_its_current_name_breaks_the_chain_at_that_row() {
        String letter = "letter-" + UUID.randomUUID();
        write("letter.issue", letter);
        write("supervision.letter.reply", letter);
        long renamed = jdbc.sql("SELECT min(id) FROM audit_event WHERE record_id = ?").param(letter)
                .query(Long.class).single();
        // signed, i.e. linked into the chain, which happens after commit (decision 0033)
        assertThat(audit.verifyChain().intact()).isTrue();

        ChainCheck check = tx.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update").update();
            jdbc.sql("UPDATE audit_event SET action = ? WHERE id = ?")
                    .params(AuditActions.current("letter.issue"), renamed).update();
            return audit.verifyChain();
        });

        assertThat(check.problem()).isEqualTo(Problem.ALTERED);
        assertThat(check.firstBrokenId()).isEqualTo(renamed);
        assertThat(audit.verifyChain().intact()).isTrue();
    }
}
