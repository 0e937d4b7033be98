package io.minyi.audit;

import io.minyi.audit.AuditTrail.ChainCheck;
import io.minyi.support.FullStackTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migration V10_5 on a database that has events in one chain for the installation (a scratch database on the same
 * embedded server, migrated to V10_4, with a chain written the way the previous version wrote it): a tampered chain
 * is refused; otherwise each event goes to its city's chain, links that can stay stay, the rest are linked again, the
 * old checkpoint lines still verify (a re-linked one through the v2 line the migration wrote), and every chain
 * verifies with the real check.
 */
@FullStackTest
class AuditChainPerCityMigrationTests {

    @Autowired
    EmbeddedPostgres pg;
    @Autowired
    AuditKeys keys;
    @Autowired
    JdbcTemplate main;

    @TempDir
    Path dir;

    /** city of each event of the old chain, in its order: a jurisdiction of city 101 or 202, or none (the platform) */
    private static final long[] CITIES = {101, 101, 101, 202, 101, 0, 202, 101};

    @Test
    void the_old_chain_is_checked_then_split_into_one_chain_per_city_that_verifies() throws Exception {
        String db = "audit_v10_5_" + UUID.randomUUID().toString().replace("-", "");
        main.execute("CREATE DATABASE " + db);
        try {
            DataSource ds = pg.getDatabase("postgres", db);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").outOfOrder(true)
                    .target("10.4").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            jdbc.update("""
                    INSERT INTO jurisdiction (id, level, code, name, path)
                    VALUES (101, 'CITY', 'm101', '甲市', '/101/'), (202, 'CITY', 'm202', '乙市', '/202/')""");
            List<Long> ids = writeOldChain(jdbc);
            Map<Long, String> oldHash = hashes(jdbc);
            Path file = dir.resolve("checkpoints.log");
            // the old format: the global position, as the previous version anchored it
            Files.writeString(file, v1Line(jdbc, 3) + "\n" + v1Line(jdbc, 7) + "\n", StandardCharsets.UTF_8);
            AuditedRecords jurisdictions = AuditedRecords.of("jurisdiction", "jurisdiction", "path");
            EventCities cities = new EventCities(List.of(jurisdictions), List.of());
            StaticListableBeanFactory none = new StaticListableBeanFactory();
            AuditChainPerCityMigration migration = new AuditChainPerCityMigration(keys,
                    none.getBeanProvider(AuditedRecords.class), none.getBeanProvider(AuditActors.class),
                    file.toString());

            // an event of the old chain edited: nothing is re-linked, the migration fails and says where
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
                jdbc.update("UPDATE audit_event SET after_state = '改过' WHERE id = ?", ids.get(4));
                migration.migrate(jdbc, cities);
            })).hasMessageContaining("does not verify at event " + ids.get(4));
            assertThat(hashes(jdbc)).isEqualTo(oldHash);

            tx.executeWithoutResult(s -> migration.migrate(jdbc, cities));

            Map<Long, Long> cityOf = new HashMap<>();
            Map<Long, Long> seqOf = new HashMap<>();
            jdbc.query("SELECT id, city_id, chain_seq FROM audit_event", rs -> {
                cityOf.put(rs.getLong(1), rs.getLong(2));
                seqOf.put(rs.getLong(1), rs.getLong(3));
            });
            for (int i = 0; i < ids.size(); i++) {
                assertThat(cityOf.get(ids.get(i))).as("event " + i).isEqualTo(CITIES[i]);
            }
            assertThat(ids.stream().map(seqOf::get).toList()).containsExactly(1L, 2L, 3L, 1L, 4L, 1L, 2L, 5L);
            Map<Long, String> newHash = hashes(jdbc);
            assertThat(ids.subList(0, 3)).as("city 101's beginning keeps its links, plain ones too")
                    .allSatisfy(id -> assertThat(newHash.get(id)).isEqualTo(oldHash.get(id)));
            assertThat(ids.subList(3, 8)).as("the rest is linked again")
                    .allSatisfy(id -> assertThat(newHash.get(id)).isNotEqualTo(oldHash.get(id)));
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(3);
            assertThat(lines.get(2)).startsWith("v2 ").contains(" 202 " + ids.get(6) + " " + newHash.get(ids.get(6)) + " 2 ");

            JdbcClient client = JdbcClient.create(ds);
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
            AuditChainer chainer = new AuditChainer(client, keys, transactions, Duration.ofSeconds(1), 5000);
            AuditCheckpoints checkpoints = new AuditCheckpoints(client, chainer, keys, Clock.systemUTC(),
                    file.toString(), Duration.ofHours(1));
            JdbcAuditTrail trail = new JdbcAuditTrail(client, Clock.systemUTC(), keys, checkpoints, chainer,
                    transactions, Duration.ofMinutes(5), List.of(jurisdictions), List.of());
            ChainCheck check = trail.verifyChain();
            assertThat(check.intact()).as(check.toString()).isTrue();
            assertThat(check.eventsChecked()).isEqualTo(8);
            assertThat(check.chains()).isEqualTo(3);
            assertThat(check.checkpoints()).as("the kept v1 line and the v2 line of the re-linked event").isEqualTo(2);

            // and the chains go on: a new event about a record of city 202 is its third link
            tx.executeWithoutResult(s -> trail.recordAs("system", "SYSTEM",
                    AuditEntry.of("TEST_EVENT", "jurisdiction", 202)));
            chainer.chainPending(true);
            assertThat(trail.head(202)).get().satisfies(h -> assertThat(h.events()).isEqualTo(3));
            assertThat(trail.verifyChain().intact()).isTrue();
        } finally {
            main.execute("DROP DATABASE " + db + " WITH (FORCE)");
        }
    }

    /** Eight events linked one after another in one chain, the first two with plain links and without seals. */
    private List<Long> writeOldChain(JdbcTemplate jdbc) {
        List<Long> ids = new ArrayList<>();
        String prev = AuditChainer.GENESIS;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(1, ChronoUnit.HOURS);
        for (int i = 0; i < CITIES.length; i++) {
            at = at.plusMillis(1);
            boolean keyed = i >= 2;
            String type = CITIES[i] == 0 ? "test" : "jurisdiction";
            String record = CITIES[i] == 0 ? "none" : String.valueOf(CITIES[i]);
            String[] fields = {"system", "SYSTEM", "TEST_EVENT", type, record, null, "第" + i + "条", null};
            String hash = keyed ? JdbcAuditTrail.keyedHash(keys.chainMac(), prev, at, fields)
                    : JdbcAuditTrail.hash(prev, at, fields);
            String seal = keyed ? JdbcAuditTrail.seal(keys, at, fields) : null;
            ids.add(jdbc.queryForObject("""
                            INSERT INTO audit_event (occurred_at, actor, actor_roles, action, record_type, record_id,
                                                     after_state, prev_hash, hash, keyed, chain_seq, seal)
                            VALUES (?, 'system', 'SYSTEM', 'TEST_EVENT', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    Long.class, Timestamp.from(at), type, record, fields[6], prev, hash, keyed, i + 1, seal));
            prev = hash;
        }
        return ids;
    }

    private Map<Long, String> hashes(JdbcTemplate jdbc) {
        Map<Long, String> hashes = new HashMap<>();
        jdbc.query("SELECT id, hash FROM audit_event", rs -> {
            hashes.put(rs.getLong(1), rs.getString(2));
        });
        return hashes;
    }

    private String v1Line(JdbcTemplate jdbc, long position) {
        Map<String, Object> row = jdbc.queryForMap("SELECT id, hash FROM audit_event WHERE chain_seq = ?", position);
        AuditCheckpoints.Checkpoint c = new AuditCheckpoints.Checkpoint(Instant.now(), null, (Long) row.get("id"),
                (String) row.get("hash"), position);
        return c.text() + " " + keys.signCheckpoint(c.text());
    }
}
