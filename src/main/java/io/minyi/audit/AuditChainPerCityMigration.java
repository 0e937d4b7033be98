package io.minyi.audit;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Migration V10_5 (decision 0044): {@code audit_event} gets the city key and one chain per city. Java, not SQL,
 * because re-linking needs the chain key, which is kept outside the database.
 * <ol>
 *   <li>Each event gets the city of {@link EventCities}' rule — its record's, else its staff actor's, else the
 *       platform's — the same rule the writer applies from now on.</li>
 *   <li>The chain as it was (one for the installation) is verified first, link by link, seals included, and against
 *       the {@code v1} lines of the checkpoint file: a chain that does not verify is not re-linked (that would sign
 *       over the tampering) — the migration fails and says where.</li>
 *   <li>Walking the old order, each event becomes the next position of its city's chain. An event whose position and
 *       predecessor stay the same keeps its link as it is (so a single-city installation's chain, its checkpoints and
 *       the heads its daily reports printed are unchanged); the others are linked again, keyed, in the same order.
 *       For each checkpoint line whose event was linked again, a {@code v2} line for its new link is appended.</li>
 *   <li>The keys: {@code (id, city_id)}, {@code (hash, city_id)}, {@code (city_id, chain_seq)}.</li>
 * </ol>
 */
@Component
class AuditChainPerCityMigration implements JavaMigration {

    private static final int PAGE = 10_000;

    private final AuditKeys keys;
    private final ObjectProvider<AuditedRecords> records;
    private final ObjectProvider<AuditActors> actors;
    private final Path checkpointFile;

    AuditChainPerCityMigration(AuditKeys keys, ObjectProvider<AuditedRecords> records,
                               ObjectProvider<AuditActors> actors,
                               @Value("${minyi.audit.checkpoint-file:}") String checkpointFile) {
        this.keys = keys;
        this.records = records;
        this.actors = actors;
        this.checkpointFile = checkpointFile.isBlank() ? null : Path.of(checkpointFile);
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("10.5");
    }

    @Override
    public String getDescription() {
        return "audit chain per city";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        migrate(jdbc, new EventCities(records.orderedStream().toList(), actors.orderedStream().toList()));
    }

    /** The migration on the connection of {@code jdbc}, inside its transaction. */
    void migrate(JdbcTemplate jdbc, EventCities cities) {
        jdbc.execute("ALTER TABLE audit_event ADD COLUMN city_id bigint");
        jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
        String numericId = "(CASE WHEN e.record_id ~ '^[0-9]{1,18}$' THEN e.record_id::bigint END)";
        for (String type : cities.recordTypes()) {
            jdbc.update("UPDATE audit_event e SET city_id = " + cities.ofRecord(type, numericId)
                    + " WHERE e.record_type = ?", type);
        }
        String ofActor = cities.ofActor("e.actor");
        jdbc.update("UPDATE audit_event e SET city_id = COALESCE(" + (ofActor == null ? "" : ofActor + ", ")
                + AuditTrail.PLATFORM_CITY + ") WHERE e.city_id IS NULL");
        // positions become per city: the old unique index would refuse a city's position 1 next to the old one; a plain
        // index keeps the walk's pages (old positions after the last one read) index scans while it runs
        jdbc.execute("DROP INDEX audit_event_chain_seq");
        jdbc.execute("CREATE INDEX audit_event_chain_seq_walk ON audit_event (chain_seq)");
        List<AuditCheckpoints.Checkpoint> lines = new ArrayList<>();
        if (!AuditCheckpoints.read(checkpointFile, keys, lines)) {
            throw new IllegalStateException("V10_5: the audit checkpoint file " + checkpointFile
                    + " has lines not signed with this installation's key; resolve that before upgrading");
        }
        relink(jdbc, lines.stream().filter(c -> c.city() == null).toList());
        jdbc.execute("DROP INDEX audit_event_chain_seq_walk");
        jdbc.execute("ALTER TABLE audit_event ALTER COLUMN city_id SET NOT NULL");
        jdbc.execute("ALTER TABLE audit_event DROP CONSTRAINT audit_event_pkey, ADD PRIMARY KEY (id, city_id)");
        jdbc.execute("""
                ALTER TABLE audit_event DROP CONSTRAINT audit_event_hash_key,
                    ADD CONSTRAINT audit_event_hash_key UNIQUE (hash, city_id)""");
        jdbc.execute("CREATE UNIQUE INDEX audit_event_chain_seq ON audit_event (city_id, chain_seq)");
        jdbc.execute("DROP INDEX audit_event_unlinked");
        jdbc.execute("CREATE INDEX audit_event_unlinked ON audit_event (city_id, id) WHERE hash IS NULL");
        jdbc.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");
    }

    /** Where a city's chain has got to while the old chain is walked. */
    private static final class Chain {
        long seq;
        String prev = AuditChainer.GENESIS;
    }

    /** The old chain, checked and walked in its order, page by page; each event to its city's next position. */
    private void relink(JdbcTemplate jdbc, List<AuditCheckpoints.Checkpoint> v1) {
        Map<Long, AuditCheckpoints.Checkpoint> anchored = new HashMap<>();
        v1.forEach(c -> anchored.put(c.events(), c));
        long lastOld = jdbc.queryForObject("SELECT coalesce(max(chain_seq), 0) FROM audit_event", Long.class);
        anchored.values().stream().filter(c -> c.events() > lastOld).findFirst().ifPresent(c -> {
            throw new IllegalStateException("V10_5: the audit chain ends at #" + lastOld + " but the checkpoint of "
                    + c.at() + " anchored event " + c.id() + " at #" + c.events() + " (truncated); resolve before "
                    + "upgrading");
        });
        var old = new Object() {
            long seq;
            String prev = AuditChainer.GENESIS;
            boolean keyedSeen;
            boolean sealedSeen;
        };
        Map<Long, Chain> chains = new HashMap<>();
        Instant now = Clock.systemUTC().instant();
        while (true) {
            List<Long> ids = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            List<String> prevs = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            List<String> relinkedLines = new ArrayList<>();
            long from = old.seq;
            jdbc.query("""
                    SELECT * FROM audit_event WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?""", rs -> {
                long id = rs.getLong("id");
                long seq = rs.getLong("chain_seq");
                Instant at = rs.getTimestamp("occurred_at").toInstant();
                boolean keyed = rs.getBoolean("keyed");
                String hash = rs.getString("hash");
                String seal = rs.getString("seal");
                String[] fields = {rs.getString("actor"), rs.getString("actor_roles"), rs.getString("action"),
                        rs.getString("record_type"), rs.getString("record_id"), rs.getString("before_state"),
                        rs.getString("after_state"), rs.getString("address")};
                // the same rules as the check (JdbcAuditTrail.walk), on the chain as it was
                String expected = keyed ? JdbcAuditTrail.keyedHash(keys.chainMac(), old.prev, at, fields)
                        : JdbcAuditTrail.hash(old.prev, at, fields);
                AuditCheckpoints.Checkpoint line = anchored.get(seq);
                if (seq != old.seq + 1 || !old.prev.equals(rs.getString("prev_hash")) || !expected.equals(hash)
                        || (!keyed && old.keyedSeen)
                        || (seal == null ? old.sealedSeen : !seal.equals(JdbcAuditTrail.seal(keys, at, fields)))
                        || line != null && (line.id() != id || !line.hash().equals(hash))) {
                    throw new IllegalStateException("V10_5: the audit chain does not verify at event " + id
                            + " (#" + seq + "); verify it on /admin/audit with the previous version and resolve "
                            + "that before upgrading: linking it again per city would sign over the change");
                }
                old.seq = seq;
                old.prev = hash;
                old.keyedSeen |= keyed;
                old.sealedSeen |= seal != null;

                long city = rs.getLong("city_id");
                Chain chain = chains.computeIfAbsent(city, c -> new Chain());
                long next = chain.seq + 1;
                String link = hash;
                if (next != seq || !chain.prev.equals(rs.getString("prev_hash"))) {
                    link = JdbcAuditTrail.keyedHash(keys.chainMac(), chain.prev, at, fields);
                    ids.add(id);
                    seqs.add(next);
                    prevs.add(chain.prev);
                    hashes.add(link);
                    if (line != null) {
                        AuditCheckpoints.Checkpoint moved = new AuditCheckpoints.Checkpoint(now, city, id, link, next);
                        relinkedLines.add(moved.text() + " " + keys.signCheckpoint(moved.text()));
                    }
                }
                chain.seq = next;
                chain.prev = link;
            }, from, PAGE);
            if (!ids.isEmpty()) {
                jdbc.update("""
                                UPDATE audit_event e SET chain_seq = l.seq, prev_hash = l.prev, hash = l.hash,
                                                         keyed = true
                                FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS l(id, seq, prev, hash)
                                WHERE e.id = l.id""",
                        ids.toArray(Long[]::new), seqs.toArray(Long[]::new), prevs.toArray(String[]::new),
                        hashes.toArray(String[]::new));
            }
            relinkedLines.forEach(l -> AuditCheckpoints.append(checkpointFile, l));
            if (old.seq == from) {
                return;
            }
        }
    }
}
