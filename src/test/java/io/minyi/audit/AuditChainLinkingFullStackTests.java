package io.minyi.audit;

import io.minyi.audit.AuditTrail.ChainCheck;
import io.minyi.audit.AuditTrail.Problem;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Events are written without a lock and linked after they commit (decision 0033): concurrent writers, a transaction
 * that commits after a younger one, two chainers at once and the append-only trigger's one exception.
 */
@FullStackTest
class AuditChainLinkingFullStackTests {

    @Autowired
    AuditTrail audit;
    @Autowired
    AuditChainer chainer;
    @Autowired
    AuditKeys keys;
    @Autowired
    JdbcClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    PlatformTransactionManager transactions;

    private AuditChainer secondChainer(int batch) {
        return new AuditChainer(client, keys, transactions, Duration.ofSeconds(1), batch);
    }

    private long write(String actor, String recordId) {
        tx.executeWithoutResult(s -> audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", recordId)
                .withChange(null, "内容 " + recordId)));
        return jdbc.queryForObject("SELECT max(id) FROM audit_event WHERE actor = ? AND record_id = ?", Long.class,
                actor, recordId);
    }

    private Long seqOf(long id) {
        return jdbc.queryForObject("SELECT chain_seq FROM audit_event WHERE id = ?", Long.class, id);
    }

    @Test
    void sixteen_concurrent_writers_and_two_chainers_make_one_chain_without_gaps_or_duplicates() throws Exception {
        String actor = "chain-concurrent-" + UUID.randomUUID();
        AuditChainer second = secondChainer(7);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong linkedBySecond = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(17);
        try {
            Future<?> linking = pool.submit(() -> {
                while (writing.get()) {
                    linkedBySecond.addAndGet(second.chainPending(false));
                    Thread.sleep(5);
                }
                return null;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        int n = i;
                        // two events per transaction, as a case change with its ledger note would write
                        tx.executeWithoutResult(s -> {
                            audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", thread + "-" + n));
                            audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", thread + "-" + n + "b"));
                        });
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            linking.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        ChainCheck check = audit.verifyChain();
        assertThat(check.intact()).as(check.toString()).isTrue();
        assertThat(second.halted()).isNull();
        assertThat(linkedBySecond.get()).as("the second chainer took part").isPositive();
        Map<String, Object> ours = jdbc.queryForMap("""
                SELECT count(*) AS events, count(chain_seq) AS linked FROM audit_event WHERE actor = ?""", actor);
        assertThat(ours).containsEntry("events", 1600L).containsEntry("linked", 1600L);
        Map<String, Object> chain = jdbc.queryForMap("""
                SELECT count(*) AS links, count(DISTINCT chain_seq) AS positions, max(chain_seq) AS last,
                       count(DISTINCT prev_hash) AS predecessors
                FROM audit_event WHERE city_id = 0 AND chain_seq IS NOT NULL""");
        long links = (Long) chain.get("links");
        assertThat(chain).as("every position once, none skipped, every link follows a different one")
                .containsEntry("positions", links).containsEntry("last", links).containsEntry("predecessors", links);
        assertThat(check.eventsChecked()).isGreaterThanOrEqualTo(links);
    }

    @Test
    void an_event_with_a_smaller_id_that_commits_later_is_linked_later_and_verifies() throws Exception {
        String actor = "chain-late-" + UUID.randomUUID();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService slow = Executors.newSingleThreadExecutor();
        long early;
        long late;
        try {
            Future<?> slowTransaction = slow.submit(() -> tx.executeWithoutResult(s -> {
                audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", "slow").withChange(null, "慢事务"));
                inserted.countDown();
                try {
                    assertThat(commit.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            late = write(actor, "fast");
            chainer.chainPending(true);
            assertThat(seqOf(late)).as("the younger event committed first and is linked").isNotNull();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE actor = ? AND record_id = 'slow'",
                    Long.class, actor)).as("not committed yet").isZero();
            commit.countDown();
            slowTransaction.get(30, TimeUnit.SECONDS);
            early = jdbc.queryForObject("SELECT id FROM audit_event WHERE actor = ? AND record_id = 'slow'",
                    Long.class, actor);
        } finally {
            slow.shutdownNow();
        }
        assertThat(early).isLessThan(late);

        ChainCheck check = audit.verifyChain();
        assertThat(check.intact()).as(check.toString()).isTrue();
        assertThat(seqOf(early)).as("linked after the younger event").isGreaterThan(seqOf(late));

        ChainCheck tampered = tx.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
            jdbc.update("UPDATE audit_event SET after_state = '改过的慢事务' WHERE id = ?", early);
            return audit.verifyChain();
        });
        assertThat(tampered.problem()).isEqualTo(Problem.ALTERED);
        assertThat(tampered.firstBrokenId()).isEqualTo(early);
    }

    @Test
    void a_second_chainer_skips_while_another_node_links_and_nothing_is_linked_twice() throws Exception {
        String actor = "chain-second-" + UUID.randomUUID();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService otherNode = Executors.newSingleThreadExecutor();
        AuditChainer second = secondChainer(5000);
        long event;
        try {
            Future<?> linking = otherNode.submit(() -> tx.executeWithoutResult(s -> {
                jdbc.queryForList("SELECT pg_advisory_xact_lock(?, ?)", AuditChainer.CHAIN_LOCK,
                        Long.hashCode(AuditTrail.PLATFORM_CITY));
                held.countDown();
                try {
                    assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            event = write(actor, "while-locked");
            assertThat(second.chainPending(false)).as("skips the round").isZero();
            assertThat(seqOf(event)).as("left for the holder of the lock").isNull();
            release.countDown();
            linking.get(30, TimeUnit.SECONDS);
        } finally {
            otherNode.shutdownNow();
        }
        second.chainPending(true);
        chainer.chainPending(true);
        assertThat(seqOf(event)).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE city_id = 0 AND chain_seq = ?",
                Long.class, seqOf(event))).isOne();
        ChainCheck check = audit.verifyChain();
        assertThat(check.intact()).as(check.toString()).isTrue();
    }

    @Test
    void the_trigger_allows_linking_a_row_once_and_nothing_else() {
        String actor = "chain-trigger-" + UUID.randomUUID();
        long fresh = 900_000_000_000L + (System.nanoTime() & 0xFFFFFF);
        // linking an unlinked row: allowed (in a transaction rolled back, so the chainer links the real one later)
        Integer linked = tx.execute(status -> {
            status.setRollbackOnly();
            audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", "link-once"));
            return jdbc.update("""
                    UPDATE audit_event SET chain_seq = ?, prev_hash = 'p', hash = ?, keyed = true
                    WHERE actor = ? AND hash IS NULL""", fresh, "h-" + actor, actor);
        });
        assertThat(linked).isOne();

        refusedOnAFreshRow(actor, "UPDATE audit_event SET after_state = '改' WHERE actor = ?");
        refusedOnAFreshRow(actor, """
                UPDATE audit_event SET chain_seq = %d, prev_hash = 'p', hash = 'h', after_state = '改'
                WHERE actor = ?""".formatted(fresh));
        refusedOnAFreshRow(actor, "DELETE FROM audit_event WHERE actor = ?");

        long event = write(actor, "linked");
        chainer.chainPending(true);
        assertThat(seqOf(event)).isNotNull();
        for (String sql : List.of(
                "UPDATE audit_event SET hash = 'other' WHERE id = ?",
                "UPDATE audit_event SET chain_seq = NULL, prev_hash = NULL, hash = NULL WHERE id = ?",
                "UPDATE audit_event SET after_state = '改' WHERE id = ?",
                "DELETE FROM audit_event WHERE id = ?")) {
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.update(sql, event)))
                    .as(sql).rootCause().hasMessageContaining("audit_event is append-only");
        }
    }

    private void refusedOnAFreshRow(String actor, String sql) {
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            s.setRollbackOnly();
            audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", "fresh"));
            jdbc.update(sql, actor);
        })).as(sql).rootCause().hasMessageContaining("audit_event is append-only");
    }

    @Test
    void an_event_inserted_without_the_key_is_caught_even_once_linked() {
        for (String seal : new String[]{"0".repeat(64), null}) {
            ChainCheck check = tx.execute(status -> {
                status.setRollbackOnly();
                // someone with the application's database account but not the key appends an event; the chainer
                // links whatever is there, as it would after the next commit
                long id = jdbc.queryForObject("""
                        INSERT INTO audit_event (occurred_at, actor, action, record_type, record_id, seal, city_id)
                        VALUES (date_trunc('milliseconds', now()), 'chain-forger', 'STAFF_LOGIN', 'test', 'forged', ?, 0)
                        RETURNING id""", Long.class, seal);
                Map<String, Object> head = jdbc.queryForMap(
                        "SELECT chain_seq, hash FROM audit_event WHERE city_id = 0 AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1");
                Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_event WHERE id = ?", id);
                String prev = (String) head.get("hash");
                String hash = JdbcAuditTrail.keyedHash(keys.chainMac(), prev,
                        ((java.sql.Timestamp) row.get("occurred_at")).toInstant(),
                        (String) row.get("actor"), (String) row.get("actor_roles"), (String) row.get("action"),
                        (String) row.get("record_type"), (String) row.get("record_id"), null, null, null);
                jdbc.update("UPDATE audit_event SET chain_seq = ?, prev_hash = ?, hash = ?, keyed = true WHERE id = ?",
                        (Long) head.get("chain_seq") + 1, prev, hash, id);
                ChainCheck c = audit.verifyChain();
                assertThat(c.firstBrokenId()).isEqualTo(id);
                return c;
            });
            assertThat(check.problem()).as("seal " + seal).isEqualTo(Problem.ALTERED);
        }
    }

    @Test
    void an_event_left_unlinked_for_minutes_is_reported() {
        ChainCheck check = tx.execute(status -> {
            status.setRollbackOnly();
            // as if no node had linked for ten minutes: the chainer cannot see this uncommitted row
            jdbc.update("""
                    INSERT INTO audit_event (occurred_at, actor, action, record_type, record_id, city_id)
                    VALUES (now() - interval '10 minutes', 'chain-stale', 'TEST_EVENT', 'test', 'stale', 0)""");
            return audit.verifyChain();
        });
        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).isEqualTo(Problem.UNLINKED);
    }

    @Test
    void rows_unlinked_to_be_linked_again_are_missed_and_the_chainer_stops() {
        write("chain-unlinked-" + UUID.randomUUID(), "x");
        chainer.chainPending(true);
        AuditChainer.Link head = chainer.lastSeen(AuditTrail.PLATFORM_CITY).orElseThrow();
        // someone who can switch the trigger off empties the chain fields of the newest link, to have it re-linked
        // with other content; no checkpoint covers it yet, but this node has seen it
        ChainCheck check = tx.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
            jdbc.update("""
                    UPDATE audit_event SET chain_seq = NULL, prev_hash = NULL, hash = NULL, keyed = false
                    WHERE city_id = 0 AND chain_seq >= ?""", head.seq());
            return audit.verifyChain();
        });
        assertThat(check.problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(check.firstBrokenId()).isEqualTo(head.id());

        // a chainer that finds its last link changed links nothing more
        AuditChainer second = secondChainer(5000);
        // a round over the platform's chain, even with nothing to link, shows this node its head
        second.chainPending(AuditTrail.PLATFORM_CITY, true);
        AuditChainer.Link seen = second.lastSeen(AuditTrail.PLATFORM_CITY).orElseThrow();
        second.remember(new AuditChainer.Link(seen.city(), seen.seq(), seen.id(), "f".repeat(64)));
        long event = write("chain-halted-" + UUID.randomUUID(), "y");
        assertThat(second.chainPending(true)).isZero();
        assertThat(second.halted()).contains("#" + seen.seq());
        chainer.chainPending(true);
        assertThat(seqOf(event)).isNotNull();
    }
}
