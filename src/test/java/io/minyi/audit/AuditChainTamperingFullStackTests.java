package io.minyi.audit;

import io.minyi.audit.AuditTrail.ChainCheck;
import io.minyi.audit.AuditTrail.Problem;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Someone with write access to the database (a superuser, who can switch the append-only trigger off) edits, deletes
 * and recomputes audit rows. Each attempt runs in a transaction that is rolled back, so the shared database keeps
 * its real chain.
 */
@FullStackTest
class AuditChainTamperingFullStackTests {

    @Autowired
    AuditTrail audit;
    @Autowired
    AuditCheckpoints checkpoints;
    @Autowired
    AuditChainer chainer;
    @Autowired
    AuditKeys keys;
    @Autowired
    DatabaseRoleCheck roles;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    private ChainCheck tampered(Runnable tampering) {
        return tx.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
            tampering.run();
            return audit.verifyChain();
        });
    }

    @org.junit.jupiter.api.BeforeEach
    void some_events_exist() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            tx.executeWithoutResult(s -> audit.recordAs("chain-test", "", AuditEntry.of("TEST_EVENT", "test", n)
                    .withChange(null, "第" + n + "条")));
        }
        // linked after commit (decision 0033): what is tampered with below is a linked row
        chainer.chainPending(true);
    }

    private <T> T rolledBack(Supplier<T> work) {
        return tx.execute(status -> {
            status.setRollbackOnly();
            return work.get();
        });
    }

    @Test
    void the_live_chain_is_keyed_and_verifies_against_its_checkpoints() {
        checkpoints.anchor();
        ChainCheck check = audit.verifyChain();
        assertThat(check.intact()).as(check.toString()).isTrue();
        assertThat(check.checkpoints()).isPositive();
        Map<String, Object> newest = jdbc.queryForMap(
                "SELECT * FROM audit_event WHERE city_id = 0 AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1");
        assertThat(newest.get("keyed")).isEqualTo(true);
        assertThat(newest.get("hash")).isNotEqualTo(plainHash(newest, (String) newest.get("prev_hash")));
    }

    @Test
    void a_row_edited_with_its_plain_sha256_link_recomputed_is_detected() {
        long id = newestId();
        ChainCheck check = tampered(() -> {
            Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_event WHERE id = ?", id);
            row.put("after_state", "伪造的内容");
            // what passed on main: recompute the plain chain link of the edited row
            jdbc.update("UPDATE audit_event SET after_state = ?, hash = ?, keyed = false WHERE id = ?",
                    "伪造的内容", plainHash(row, (String) row.get("prev_hash")), id);
        });
        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).isEqualTo(Problem.ALTERED);
        assertThat(check.firstBrokenId()).isEqualTo(id);
    }

    @Test
    void deleting_the_newest_rows_is_detected_against_the_checkpoint() {
        long anchored = checkpoints.anchor(AuditTrail.PLATFORM_CITY).orElseThrow().id();
        ChainCheck check = tampered(
                () -> jdbc.update("DELETE FROM audit_event WHERE city_id = 0 AND id >= ?", anchored - 2));
        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).isIn(Problem.TRUNCATED, Problem.ALTERED);
        assertThat(check.firstBrokenId()).isLessThanOrEqualTo(anchored);
    }

    @Test
    void a_chain_recomputed_even_with_the_key_is_detected_by_the_anchored_head() {
        AuditCheckpoints.Checkpoint anchor = checkpoints.anchor(AuditTrail.PLATFORM_CITY).orElseThrow();
        long anchored = anchor.id();
        ChainCheck check = tampered(() -> {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT * FROM audit_event WHERE city_id = 0 AND chain_seq >= ? ORDER BY chain_seq",
                    anchor.events() - 3);
            String prev = (String) rows.getFirst().get("prev_hash");
            rows.getFirst().put("after_state", "改写的历史");
            for (Map<String, Object> row : rows) {
                // with the key, the events' own seals can be recomputed too (decision 0033)
                String seal = JdbcAuditTrail.seal(keys, instant(row), fields(row));
                String hash = JdbcAuditTrail.keyedHash(keys.chainMac(), prev, instant(row), fields(row));
                jdbc.update("UPDATE audit_event SET after_state = ?, seal = ?, prev_hash = ?, hash = ? WHERE id = ?",
                        row.get("after_state"), seal, prev, hash, row.get("id"));
                prev = hash;
            }
        });
        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).isEqualTo(Problem.RECHAINED);
        assertThat(check.firstBrokenId()).isLessThanOrEqualTo(anchored);
    }

    @Test
    void a_restricted_application_role_can_neither_rewrite_rows_nor_switch_the_trigger_off() {
        assertThat(roles.problem()).as("the embedded database runs as its superuser").isEqualTo("is a superuser");
        String asRestricted = rolledBack(() -> {
            jdbc.execute("CREATE ROLE minyi_app_probe NOLOGIN");
            jdbc.execute("GRANT SELECT, INSERT ON audit_event TO minyi_app_probe");
            jdbc.execute("SET LOCAL ROLE minyi_app_probe");
            return roles.problem();
        });
        assertThat(asRestricted).isNull();
        // linking after commit needs UPDATE on the chain columns only; with it the role still cannot rewrite content
        String linking = rolledBack(() -> {
            jdbc.execute("CREATE ROLE minyi_app_probe3 NOLOGIN");
            jdbc.execute("GRANT SELECT, INSERT ON audit_event TO minyi_app_probe3");
            jdbc.execute("SET LOCAL ROLE minyi_app_probe3");
            return roles.linkingProblem();
        });
        assertThat(linking).startsWith("may not link audit events");
        String linker = rolledBack(() -> {
            jdbc.execute("CREATE ROLE minyi_app_probe4 NOLOGIN");
            jdbc.execute("GRANT SELECT, INSERT ON audit_event TO minyi_app_probe4");
            jdbc.execute("GRANT UPDATE (chain_seq, prev_hash, hash, keyed) ON audit_event TO minyi_app_probe4");
            jdbc.execute("SET LOCAL ROLE minyi_app_probe4");
            return String.valueOf(roles.problem()) + "/" + roles.linkingProblem();
        });
        assertThat(linker).isEqualTo("null/null");
        assertThatThrownBy(() -> rolledBack(() -> {
            jdbc.execute("CREATE ROLE minyi_app_probe5 NOLOGIN");
            jdbc.execute("GRANT SELECT, INSERT ON audit_event TO minyi_app_probe5");
            jdbc.execute("GRANT UPDATE (chain_seq, prev_hash, hash, keyed) ON audit_event TO minyi_app_probe5");
            jdbc.execute("SET LOCAL ROLE minyi_app_probe5");
            return jdbc.update("UPDATE audit_event SET after_state = 'x' WHERE id = ?", newestId());
        })).hasRootCauseMessage("ERROR: permission denied for table audit_event");
        assertThatThrownBy(() -> rolledBack(() -> {
            jdbc.execute("CREATE ROLE minyi_app_probe2 NOLOGIN");
            jdbc.execute("GRANT SELECT, INSERT ON audit_event TO minyi_app_probe2");
            jdbc.execute("SET LOCAL ROLE minyi_app_probe2");
            jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
            return null;
        })).hasRootCauseMessage("ERROR: must be owner of table audit_event");
    }

    /** The newest linked event. */
    private long newestId() {
        return jdbc.queryForObject(
                "SELECT id FROM audit_event WHERE city_id = 0 AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1",
                Long.class);
    }

    private static Instant instant(Map<String, Object> row) {
        return ((Timestamp) row.get("occurred_at")).toInstant();
    }

    private static String[] fields(Map<String, Object> row) {
        return new String[]{(String) row.get("actor"), (String) row.get("actor_roles"), (String) row.get("action"),
                (String) row.get("record_type"), (String) row.get("record_id"), (String) row.get("before_state"),
                (String) row.get("after_state"), (String) row.get("address")};
    }

    private static String plainHash(Map<String, Object> row, String prev) {
        return JdbcAuditTrail.hash(prev, instant(row), fields(row));
    }
}
