package io.minyi.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Links audit events into the keyed chain of their city after they have committed (decisions 0033, 0044). Writers
 * only insert; linking them one by one under a lock held until commit serialised every audited transaction of the
 * whole cluster.
 * <p>
 * Every node runs this every {@code minyi.audit.chain-interval}; one cluster-wide advisory lock per city makes sure
 * only one node links a city's events at a time (the others skip that city in that round). A run takes the city's
 * unlinked events in id order and gives each the next {@code chain_seq} of that city, the previous link and its HMAC.
 * The chain's order is the order of linking, not of ids: an event whose transaction committed late is simply linked
 * in a later run. Cities never wait for each other, so on Citus each city's linking stays on its own shard.
 * <p>
 * The chainer also remembers the newest link it has seen. If the chain is ever shorter than that, or that link has
 * changed, someone has unlinked rows in order to have them re-linked with other content: it stops linking (the rows
 * stay unlinked and the check reports them) instead of signing what was changed.
 */
@Component
class AuditChainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

    static final String GENESIS = "0".repeat(64);
    /**
     * The advisory lock of a city's chain is the pair (this, the city's hash): the two-key form, so it can never be
     * taken by a one-key lock of other code. Two cities whose hashes collide only take turns.
     */
    static final int CHAIN_LOCK = 0x4D494E59;

    /** A link of a city's chain: its city, position, row and hash. */
    record Link(long city, long seq, long id, String hash) {
    }

    private final JdbcClient jdbc;
    private final AuditKeys keys;
    private final TransactionTemplate tx;
    private final Duration interval;
    private final int batchSize;
    private final Object linking = new Object();
    private final java.util.Map<Long, Link> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Long, String> halted = new java.util.concurrent.ConcurrentSkipListMap<>();
    private ScheduledExecutorService timer;

    AuditChainer(JdbcClient jdbc, AuditKeys keys, PlatformTransactionManager transactions,
                 @Value("${minyi.audit.chain-interval:1s}") Duration interval,
                 @Value("${minyi.audit.chain-batch:5000}") int batchSize) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.tx = new TransactionTemplate(transactions);
        // its own transaction even when called from one: what it links must commit whatever the caller does
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.interval = interval;
        this.batchSize = batchSize;
    }

    /**
     * Links every event committed so far.
     *
     * @param wait true to wait for another chainer that is linking right now (then link what it left); false to
     *             skip this round when one is
     * @return how many events this call linked
     */
    long chainPending(boolean wait) {
        long linked = 0;
        for (long city : unlinkedCities()) {
            linked += chainPending(city, wait);
        }
        return linked;
    }

    /** Links every event of {@code city}'s chain committed so far; see {@link #chainPending(boolean)}. */
    long chainPending(long city, boolean wait) {
        long linked = 0;
        while (true) {
            int n = chainBatch(city, wait);
            linked += Math.max(n, 0);
            if (n < batchSize) {
                return linked;
            }
        }
    }

    /** The cities with events waiting to be linked: read from the small index of unlinked events. */
    private List<Long> unlinkedCities() {
        return jdbc.sql("SELECT DISTINCT city_id FROM audit_event WHERE hash IS NULL ORDER BY city_id")
                .query(Long.class).list();
    }

    /**
     * The cities that have a chain, in the order of their ids (the platform's, 0, first): a skip scan over the
     * {@code (city_id, chain_seq)} index, one probe per city however long the chains are.
     */
    List<Long> cities() {
        return jdbc.sql("""
                WITH RECURSIVE c(city) AS (
                    SELECT min(city_id) FROM audit_event
                    UNION ALL
                    SELECT (SELECT min(city_id) FROM audit_event WHERE city_id > c.city) FROM c WHERE c.city IS NOT NULL)
                SELECT city FROM c WHERE city IS NOT NULL""").query(Long.class).list();
    }

    /** The newest link of {@code city}'s chain this node has made or seen, if any. */
    java.util.Optional<Link> lastSeen(long city) {
        return java.util.Optional.ofNullable(lastSeen.get(city));
    }

    /** The newest link of every city's chain this node has made or seen. */
    java.util.Collection<Link> lastSeen() {
        return List.copyOf(lastSeen.values());
    }

    /** Why linking has stopped in some city (the first city's reason), or null while it works everywhere. */
    String halted() {
        return halted.values().stream().findFirst().orElse(null);
    }

    /** Only for tests: pretend this node has seen {@code link}. */
    void remember(Link link) {
        lastSeen.put(link.city(), link);
    }

    /** One batch in one transaction; -1 when another chainer held the city's lock and {@code wait} was false. */
    private int chainBatch(long city, boolean wait) {
        // one at a time in this JVM too, so that lastSeen only moves forward
        synchronized (linking) {
            if (halted.containsKey(city)) {
                return 0;
            }
            Batch done = tx.execute(status -> {
                // a DBA's table lock (or a tampering test's) must not hang the chainer and the callers waiting on it
                jdbc.sql("SET LOCAL lock_timeout = '5s'").update();
                if (wait) {
                    jdbc.sql("SELECT pg_advisory_xact_lock(?, ?)").params(CHAIN_LOCK, Long.hashCode(city))
                            .query().singleRow();
                } else if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(?, ?)").params(CHAIN_LOCK, Long.hashCode(city))
                        .query(Boolean.class).single()) {
                    return new Batch(-1, null);
                }
                Link head = jdbc.sql("""
                                SELECT chain_seq, id, hash FROM audit_event
                                WHERE city_id = ? AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1""")
                        .param(city)
                        .query((rs, r) -> new Link(city, rs.getLong("chain_seq"), rs.getLong("id"),
                                rs.getString("hash")))
                        .optional().orElse(new Link(city, 0, 0, GENESIS));
                String regression = regression(head);
                if (regression != null) {
                    return new Batch(0, null, regression);
                }
                return link(head);
            });
            if (done.halt() != null) {
                halted.put(city, done.halt());
                log.error("audit chain: stopped linking the events of city {}: {}. The unlinked events stay as they "
                        + "are for inspection; verify the chain (page /admin/audit, chain check) and the checkpoints.",
                        city, done.halt());
                return 0;
            }
            if (done.head() != null) {
                lastSeen.put(city, done.head());
            }
            return done.linked();
        }
    }

    private record Batch(int linked, Link head, String halt) {
        Batch(int linked, Link head) {
            this(linked, head, null);
        }
    }

    /** Why the chain is not the continuation of what this node saw before, or null when it is. */
    private String regression(Link head) {
        Link seen = lastSeen.get(head.city());
        if (seen == null || head.equals(seen) || head.seq() > seen.seq() && seen.equals(linkAt(seen))) {
            return null;
        }
        return "city " + head.city() + ": the chain's link #" + seen.seq() + " (event " + seen.id() + ", " + seen.hash()
                + ") is no longer there as this node linked or saw it; the chain's head is now #" + head.seq()
                + " (event " + head.id() + ")";
    }

    private Link linkAt(Link seen) {
        return jdbc.sql("SELECT chain_seq, id, hash FROM audit_event WHERE city_id = ? AND chain_seq = ?")
                .params(seen.city(), seen.seq())
                .query((rs, r) -> new Link(seen.city(), rs.getLong("chain_seq"), rs.getLong("id"),
                        rs.getString("hash")))
                .optional().orElse(null);
    }

    private Batch link(Link head) {
        List<Long> ids = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        List<String> prevs = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        var at = new Object() {
            long seq = head.seq();
            long id = head.id();
            String prev = head.hash();
        };
        jdbc.sql("""
                        SELECT id, occurred_at, actor, actor_roles, action, record_type, record_id, before_state,
                               after_state, address
                        FROM audit_event WHERE city_id = ? AND hash IS NULL ORDER BY id LIMIT ?""")
                .params(head.city(), batchSize)
                .query(rs -> {
                    Instant occurred = rs.getTimestamp("occurred_at").toInstant();
                    String hash = JdbcAuditTrail.keyedHash(keys.chainMac(), at.prev, occurred,
                            rs.getString("actor"), rs.getString("actor_roles"), rs.getString("action"),
                            rs.getString("record_type"), rs.getString("record_id"), rs.getString("before_state"),
                            rs.getString("after_state"), rs.getString("address"));
                    at.seq++;
                    at.id = rs.getLong("id");
                    ids.add(at.id);
                    seqs.add(at.seq);
                    prevs.add(at.prev);
                    hashes.add(hash);
                    at.prev = hash;
                });
        if (ids.isEmpty()) {
            return new Batch(0, head);
        }
        int updated = jdbc.sql("""
                        UPDATE audit_event e SET chain_seq = l.seq, prev_hash = l.prev, hash = l.hash, keyed = true
                        FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS l(id, seq, prev, hash)
                        WHERE e.id = l.id AND e.city_id = ? AND e.hash IS NULL""")
                .params(ids.toArray(Long[]::new), seqs.toArray(Long[]::new), prevs.toArray(String[]::new),
                        hashes.toArray(String[]::new), head.city())
                .update();
        if (updated != ids.size()) {
            // only a chainer links, and only under the lock: anything else is a second writer of the chain
            throw new IllegalStateException("audit chain: linked " + updated + " of " + ids.size() + " events");
        }
        return new Batch(ids.size(), new Link(head.city(), at.seq, at.id, at.prev));
    }

    /** One round of the timer: nothing to do costs one index probe, and a failure waits for the next round. */
    private void tick() {
        try {
            if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_event WHERE hash IS NULL)").query(Boolean.class).single()) {
                chainPending(false);
            }
        } catch (RuntimeException e) {
            log.warn("audit chain: linking failed, retrying in {}: {}", interval, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "audit-chainer");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdown();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
            // the requests drained by the web server's graceful shutdown may have written events: link them now
            try {
                chainPending(false);
            } catch (RuntimeException e) {
                log.warn("audit chain: could not link the last events before stopping (the next node or start will): {}",
                        e.toString());
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** Started before the web server and stopped after it (and after its graceful shutdown). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
