package io.minyi.audit;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Events recorded inside {@link AuditTrail#together} are written in one statement at its end (decision 0052): each
 * with the content and seal it was recorded with, in the order recorded, committed with the transaction or not at all;
 * an event recorded in a transaction of its own inside the work is written in that one.
 */
@FullStackTest
class AuditTogetherFullStackTests {

    @Autowired
    AuditTrail audit;
    @Autowired
    AuditKeys keys;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void events_recorded_together_are_stored_in_the_order_recorded_each_with_its_own_content_and_seal() {
        String actor = "together-" + UUID.randomUUID();
        long city = jdbc.queryForObject("SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1",
                Long.class);
        tx.executeWithoutResult(s -> audit.together(() -> {
            audit.recordAs(actor, "OPEN311_CLIENT", AuditEntry.of("TEST_EVENT", "test", "first").withChange(null, "一"));
            // nothing is written before the work returns: one statement for all of them
            assertThat(rows(actor)).isEmpty();
            audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", "second").withChange("一", "二").inCity(city));
            return null;
        }));

        List<Map<String, Object>> rows = rows(actor);
        assertThat(rows).extracting(r -> r.get("record_id")).containsExactly("first", "second");
        assertThat(rows).extracting(r -> r.get("actor_roles")).containsExactly("OPEN311_CLIENT", "");
        assertThat(rows).extracting(r -> r.get("after_state")).containsExactly("一", "二");
        assertThat(rows).extracting(r -> ((Number) r.get("city_id")).longValue())
                .containsExactly(AuditTrail.PLATFORM_CITY, city);
        for (Map<String, Object> r : rows) {
            String[] fields = {(String) r.get("actor"), (String) r.get("actor_roles"), (String) r.get("action"),
                    (String) r.get("record_type"), (String) r.get("record_id"), (String) r.get("before_state"),
                    (String) r.get("after_state"), (String) r.get("address")};
            assertThat(r.get("seal")).as("the seal of %s", r.get("record_id"))
                    .isEqualTo(JdbcAuditTrail.seal(keys, ((Timestamp) r.get("occurred_at")).toInstant(), fields));
        }
    }

    @Test
    void events_recorded_together_roll_back_with_their_transaction() {
        String actor = "together-" + UUID.randomUUID();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> audit.together(() -> {
            audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", "lost"));
            throw new IllegalStateException("the change fails");
        }))).hasMessage("the change fails");
        tx.executeWithoutResult(s -> {
            audit.together(() -> {
                audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", "undone"));
                return null;
            });
            s.setRollbackOnly();
        });

        assertThat(rows(actor)).isEmpty();
    }

    @Test
    void a_failure_caught_by_its_caller_still_rolls_the_transaction_back_with_its_events() {
        String actor = "together-" + UUID.randomUUID();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            try {
                audit.together(() -> {
                    audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", "refused"));
                    throw new IllegalArgumentException("refused after the event");
                });
            } catch (IllegalArgumentException expected) {
                // the caller tries to go on and commit
            }
        })).isInstanceOf(UnexpectedRollbackException.class);

        assertThat(rows(actor)).isEmpty();
    }

    @Test
    void an_event_recorded_in_a_transaction_of_its_own_inside_the_work_commits_with_that_one() {
        String actor = "together-" + UUID.randomUUID();
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        tx.executeWithoutResult(s -> {
            audit.together(() -> {
                audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", "outer"));
                own.executeWithoutResult(i -> audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", "inner")));
                // written by the inner transaction's commit, not held for the outer one
                assertThat(rows(actor)).extracting(r -> r.get("record_id")).containsExactly("inner");
                return null;
            });
            s.setRollbackOnly();
        });

        assertThat(rows(actor)).extracting(r -> r.get("record_id")).containsExactly("inner");
    }

    private List<Map<String, Object>> rows(String actor) {
        return jdbc.queryForList("SELECT * FROM audit_event WHERE actor = ? ORDER BY id", actor);
    }
}
