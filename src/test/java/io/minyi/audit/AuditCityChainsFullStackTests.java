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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision 0044: one hash chain per city — each event in the chain of its city (the writer's, else its record's, else
 * its staff actor's, else the platform's), positions dense per city, cities linked under their own locks, checked and
 * anchored one by one.
 */
@FullStackTest
class AuditCityChainsFullStackTests {

    @Autowired
    AuditTrail audit;
    @Autowired
    AuditChainer chainer;
    @Autowired
    AuditCheckpoints checkpoints;
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

    /** Two cities nobody else writes to: ids far above the demo's, different on every run. */
    private static long[] twoCities() {
        long a = 5_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 2;
        return new long[]{a, a + 1};
    }

    private long write(long city, String recordId) {
        String actor = "city-chain-" + city;
        tx.executeWithoutResult(s -> audit.recordAs(actor, "", AuditEntry.of("TEST_EVENT", "test", recordId)
                .withChange(null, "城市 " + city + " " + recordId).inCity(city)));
        return jdbc.queryForObject("SELECT max(id) FROM audit_event WHERE actor = ? AND record_id = ?", Long.class,
                actor, recordId);
    }

    private List<Map<String, Object>> chainOf(long city) {
        return jdbc.queryForList("SELECT id, chain_seq, prev_hash, hash FROM audit_event WHERE city_id = ? "
                + "ORDER BY chain_seq", city);
    }

    @Test
    void interleaved_events_of_two_cities_make_two_chains_each_dense_from_one() {
        long[] city = twoCities();
        for (int i = 0; i < 6; i++) {
            write(city[i % 2], "e" + i);
        }
        chainer.chainPending(true);
        for (long c : city) {
            List<Map<String, Object>> chain = chainOf(c);
            assertThat(chain).hasSize(3);
            assertThat(chain).extracting(r -> r.get("chain_seq")).containsExactly(1L, 2L, 3L);
            assertThat(chain.getFirst().get("prev_hash")).isEqualTo(AuditChainer.GENESIS);
            assertThat(chain.get(1).get("prev_hash")).isEqualTo(chain.get(0).get("hash"));
            assertThat(chain.get(2).get("prev_hash")).isEqualTo(chain.get(1).get("hash"));
            ChainCheck check = audit.verifyChain(c);
            assertThat(check.intact()).as(check.toString()).isTrue();
            assertThat(check.eventsChecked()).isEqualTo(3);
            assertThat(audit.head(c)).get().satisfies(h -> {
                assertThat(h.city()).isEqualTo(c);
                assertThat(h.events()).isEqualTo(3);
                assertThat(h.hash()).isEqualTo(chain.get(2).get("hash"));
            });
        }
        ChainCheck all = audit.verifyChain();
        assertThat(all.intact()).as(all.toString()).isTrue();
        assertThat(all.chains()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void an_event_is_in_the_chain_of_its_record_else_of_its_staff_actor_else_of_the_platform() {
        Map<String, Object> someCase = jdbc.queryForMap("SELECT id, city_id FROM cases ORDER BY id LIMIT 1");
        Map<String, Object> staff = jdbc.queryForMap("""
                SELECT s.username, city_of_path(j.path) AS city FROM staff_account s
                JOIN jurisdiction j ON j.id = s.jurisdiction_id ORDER BY s.id LIMIT 1""");
        String mark = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> {
            audit.recordAs("system", "SYSTEM", AuditEntry.of("TEST_EVENT", "case", someCase.get("id"))
                    .withChange(null, mark));
            audit.recordAs((String) staff.get("username"), "", AuditEntry.of("TEST_EVENT", "test", "by-staff")
                    .withChange(null, mark));
            audit.recordAs("system", "SYSTEM", AuditEntry.of("TEST_EVENT", "test", "nobody's")
                    .withChange(null, mark));
            audit.recordAs("system", "SYSTEM", AuditEntry.of("TEST_EVENT", "case", "not-a-number")
                    .withChange(null, mark));
        });
        Map<String, Long> byRecord = new java.util.HashMap<>();
        jdbc.query("SELECT record_id, city_id FROM audit_event WHERE after_state = ?",
                rs -> { byRecord.put(rs.getString(1), rs.getLong(2)); }, mark);
        assertThat(byRecord).containsEntry(String.valueOf(someCase.get("id")), (Long) someCase.get("city_id"))
                .containsEntry("by-staff", (Long) staff.get("city"))
                .containsEntry("nobody's", AuditTrail.PLATFORM_CITY)
                .containsEntry("not-a-number", AuditTrail.PLATFORM_CITY);
    }

    @Test
    void a_city_whose_chain_is_being_linked_elsewhere_does_not_hold_up_another_city() throws Exception {
        long[] city = twoCities();
        long first = write(city[0], "held");
        long second = write(city[1], "free");
        AuditChainer other = new AuditChainer(client, keys, transactions, Duration.ofSeconds(1), 5000);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService node = Executors.newSingleThreadExecutor();
        try {
            Future<?> linking = node.submit(() -> tx.executeWithoutResult(s -> {
                jdbc.queryForList("SELECT pg_advisory_xact_lock(?, ?)", AuditChainer.CHAIN_LOCK,
                        Long.hashCode(city[0]));
                held.countDown();
                try {
                    assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            other.chainPending(city[0], false);
            other.chainPending(city[1], false);
            assertThat(jdbc.queryForObject("SELECT chain_seq FROM audit_event WHERE id = ?", Long.class, first))
                    .as("left to the node holding that city's lock").isNull();
            assertThat(jdbc.queryForObject("SELECT chain_seq FROM audit_event WHERE id = ?", Long.class, second))
                    .as("the other city is linked meanwhile").isEqualTo(1L);
            release.countDown();
            linking.get(30, TimeUnit.SECONDS);
        } finally {
            node.shutdownNow();
        }
        chainer.chainPending(true);
        assertThat(jdbc.queryForObject("SELECT chain_seq FROM audit_event WHERE id = ?", Long.class, first))
                .isEqualTo(1L);
    }

    @Test
    void each_city_is_anchored_and_checked_on_its_own_and_a_problem_names_its_city() {
        long[] city = twoCities();
        for (int i = 0; i < 4; i++) {
            write(city[0], "a" + i);
            write(city[1], "b" + i);
        }
        List<AuditCheckpoints.Checkpoint> anchored = checkpoints.anchor();
        assertThat(anchored).extracting(AuditCheckpoints.Checkpoint::city).contains(city[0], city[1]);
        AuditCheckpoints.Checkpoint b = anchored.stream().filter(c -> c.city() == city[1]).findFirst().orElseThrow();
        assertThat(b.events()).isEqualTo(4);
        assertThat(b.text()).startsWith("v2 ").contains(" " + city[1] + " " + b.id() + " " + b.hash() + " 4");

        ChainCheck check = audit.verifyChain(city[1]);
        assertThat(check.intact()).as(check.toString()).isTrue();
        assertThat(check.checkpoints()).isPositive();

        // the newest events of one city deleted: that city's chain is cut short
        ChainCheck cut = tx.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
            jdbc.update("DELETE FROM audit_event WHERE city_id = ? AND chain_seq >= 3", city[1]);
            return audit.verifyChain(city[1]);
        });
        assertThat(cut.intact()).isFalse();
        assertThat(cut.problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(cut.brokenCity()).isEqualTo(city[1]);
        assertThat(cut.firstBrokenId()).isEqualTo(b.id());

        // an event of the other city edited: the check of every chain names that city and that event
        long edited = jdbc.queryForObject("SELECT id FROM audit_event WHERE city_id = ? AND chain_seq = 2",
                Long.class, city[0]);
        ChainCheck altered = tx.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
            jdbc.update("UPDATE audit_event SET after_state = '改过' WHERE id = ?", edited);
            return audit.verifyChain();
        });
        assertThat(altered.problem()).isEqualTo(Problem.ALTERED);
        assertThat(altered.brokenCity()).isEqualTo(city[0]);
        assertThat(altered.firstBrokenId()).isEqualTo(edited);
        assertThat(audit.verifyChain(city[0]).intact()).isTrue();
        assertThat(audit.verifyChain(city[1]).intact()).isTrue();
    }
}
