package io.minyi.audit;

import io.minyi.platform.PageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

@Service
class JdbcAuditTrail implements AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(JdbcAuditTrail.class);

    static final String GENESIS = AuditChainer.GENESIS;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditKeys keys;
    private final AuditCheckpoints checkpoints;
    private final AuditChainer chainer;
    private final TransactionTemplate reading;
    private final Duration unlinkedAlarm;
    private final EventCities cities;
    private final ThreadLocal<Together> togethers = new ThreadLocal<>();

    JdbcAuditTrail(JdbcClient jdbc, Clock clock, AuditKeys keys, AuditCheckpoints checkpoints, AuditChainer chainer,
                   PlatformTransactionManager transactions,
                   @Value("${minyi.audit.unlinked-alarm:5m}") Duration unlinkedAlarm,
                   List<AuditedRecords> records, List<AuditActors> actors) {
        this.cities = new EventCities(records, actors);
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.chainer = chainer;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.unlinkedAlarm = unlinkedAlarm;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())) {
            recordAs("anonymous", "", entry);
        } else {
            String roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .map(a -> a.startsWith("ROLE_") ? a.substring(5) : a).sorted().collect(Collectors.joining(","));
            recordAs(auth.getName(), roles, entry);
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAs(String actor, String roles, AuditEntry entry) {
        // No lock and no link here: the chainer links the event after it has committed (decision 0033), so audited
        // transactions no longer wait for each other. The seal makes the event tamper-evident until then.
        // Microsecond precision is what PostgreSQL keeps; seal what is stored so the check can recompute it.
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String address = currentAddress();
        String seal = seal(keys, at, actor, roles, entry.action(), entry.recordType(), entry.recordId(),
                entry.before(), entry.after(), address);
        List<Object> params = new ArrayList<>(ROW_PARAMS);
        java.util.Collections.addAll(params, Timestamp.from(at), actor, roles, entry.action(), entry.recordType(),
                entry.recordId(), entry.before(), entry.after(), address, seal);
        String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + city(entry, actor, params) + ")";
        Together together = togethers.get();
        if (together != null && together.isCurrent()) {
            together.add(row, params);
        } else {
            jdbc.sql(INSERT + row).params(params).update();
        }
    }

    /**
     * A failure inside the work leaves its events unwritten: it marks the transaction rollback-only on its way out
     * of this method (a caller that catches it cannot commit), so they would be rolled back with its changes anyway.
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> T together(Supplier<T> work) {
        if (togethers.get() != null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            // inside another call (its end writes them), or a transaction without synchronizations: written at once
            return work.get();
        }
        Together together = new Together();
        TransactionSynchronizationManager.registerSynchronization(together);
        togethers.set(together);
        T result;
        try {
            result = work.get();
        } finally {
            togethers.remove();
        }
        together.write(jdbc);
        return result;
    }

    private static final String INSERT = """
            INSERT INTO audit_event (occurred_at, actor, actor_roles, action, record_type, record_id,
                                     before_state, after_state, address, seal, city_id)
            VALUES """;
    private static final int ROW_PARAMS = 13;

    /**
     * The events recorded inside one {@link #together} call, written as one multi-row INSERT at its end. It is also
     * a synchronization of the transaction it began in: an event recorded in another transaction (one started
     * inside the work with its own propagation, which suspends this one's synchronizations) is written at once, in
     * its own transaction, as always.
     */
    private static final class Together implements TransactionSynchronization {
        private final StringBuilder rows = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        boolean isCurrent() {
            return TransactionSynchronizationManager.isSynchronizationActive()
                    && TransactionSynchronizationManager.getSynchronizations().contains(this);
        }

        void add(String row, List<Object> rowParams) {
            rows.append(rows.isEmpty() ? "" : ", ").append(row);
            params.addAll(rowParams);
        }

        void write(JdbcClient jdbc) {
            if (!rows.isEmpty()) {
                jdbc.sql(INSERT + rows).params(params).update();
                rows.setLength(0);
                params.clear();
            }
        }
    }

    /**
     * The SQL for the event's city (decision 0044), its parameters added to {@code params}: the writer's, else the
     * record's, else the actor's, else the platform's. Computed inside the insert: no extra round trip.
     */
    private String city(AuditEntry entry, String actor, List<Object> params) {
        if (entry.cityId() != null) {
            params.add(entry.cityId());
            return "?";
        }
        StringBuilder sql = new StringBuilder("COALESCE(");
        Long numeric = EventCities.numeric(entry.recordId());
        String ofRecord = numeric == null ? null : cities.ofRecord(entry.recordType(), "?");
        if (ofRecord != null) {
            sql.append(ofRecord).append(", ");
            params.add(numeric);
        }
        String ofActor = cities.ofActor("?");
        if (ofActor != null) {
            sql.append(ofActor).append(", ");
            params.add(actor);
        }
        return sql.append(PLATFORM_CITY).append(")").toString();
    }

    /** An event's own MAC over its content, independent of the chain: what the writer can compute without a lock. */
    static String seal(AuditKeys keys, Instant at, String... fields) {
        return keyedHash(keys.sealMac(), "seal", at, fields);
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<AuditEvent> search(AuditQuery q, AuditReaders.Visible visible, PageResult.Request page) {
        StringBuilder where = new StringBuilder(" WHERE (" + visible.sql() + ")");
        List<Object> params = new ArrayList<>(visible.args());
        if (q.actor() != null && !q.actor().isBlank()) {
            where.append(" AND actor = ?");
            params.add(q.actor().strip());
        }
        if (q.action() != null && !q.action().isBlank()) {
            // rows keep the name they were signed under: a search by either name finds both (decision 0025)
            where.append(" AND action = ANY(?::text[])");
            params.add(AuditActions.storedAs(q.action().strip()).toArray(String[]::new));
        }
        if (q.recordType() != null && !q.recordType().isBlank()) {
            where.append(" AND record_type = ?");
            params.add(q.recordType().strip());
        }
        if (q.recordId() != null && !q.recordId().isBlank()) {
            where.append(" AND record_id = ?");
            params.add(q.recordId().strip());
        }
        if (q.from() != null) {
            where.append(" AND occurred_at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND occurred_at < ?");
            params.add(Timestamp.from(q.to()));
        }
        long total = jdbc.sql("SELECT count(*) FROM audit_event" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        List<AuditEvent> items = jdbc.sql("SELECT * FROM audit_event" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(pageParams).query(JdbcAuditTrail::event).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEvent> historyOf(String recordType, String recordId) {
        return jdbc.sql("SELECT * FROM audit_event WHERE record_type = ? AND record_id = ? ORDER BY id")
                .params(recordType, recordId).query(JdbcAuditTrail::event).list();
    }

    @Override
    public ChainCheck verifyChain() {
        return verify(null);
    }

    @Override
    public ChainCheck verifyChain(long city) {
        return verify(city);
    }

    /** One city's chain, or every city's ({@code only} null), against the checkpoints and this node's last links. */
    private ChainCheck verify(Long only) {
        try {
            if (only == null) {
                chainer.chainPending(true);
            } else {
                chainer.chainPending(only, true);
            }
        } catch (RuntimeException e) {
            // checked all the same: what stays unlinked for long is reported below
            log.warn("audit chain: could not link pending events before the check: {}", e.toString());
        }
        List<AuditCheckpoints.Checkpoint> signed = new ArrayList<>();
        boolean forged = !checkpoints.readVerified(signed);
        return reading.execute(status -> {
            var anchors = new java.util.TreeMap<Long, java.util.TreeMap<Long, AuditCheckpoints.Checkpoint>>();
            Long lost = anchorsByCity(signed, anchors);
            // what this node linked last is an anchor too: rows unlinked and linked again with other content miss it
            for (AuditChainer.Link l : chainer.lastSeen()) {
                anchors.computeIfAbsent(l.city(), c -> new java.util.TreeMap<>()).putIfAbsent(l.seq(),
                        new AuditCheckpoints.Checkpoint(clock.instant(), l.city(), l.id(), l.hash(), l.seq()));
            }
            java.util.TreeSet<Long> chains = new java.util.TreeSet<>(only == null ? chainer.cities() : List.of(only));
            if (only == null) {
                chains.addAll(anchors.keySet());
            }
            long checked = 0;
            int compared = 0;
            Walk first = null;
            for (long city : chains) {
                var mine = anchors.getOrDefault(city, new java.util.TreeMap<>());
                compared += (int) signed.stream().filter(c -> mine.containsValue(c)).count();
                Walk w = walk(city, List.copyOf(mine.values()));
                checked += w.checked();
                if (first == null && w.problem() != Problem.NONE) {
                    first = w;
                }
            }
            if (first == null && lost != null && only == null) {
                // a line from before 0044 names an event that is no longer there at all
                first = new Walk(0, lost, Problem.TRUNCATED, null);
            }
            if (first == null) {
                // events are linked about a second after they commit; one left alone this long means linking stopped
                var stale = jdbc.sql("""
                                SELECT id, city_id FROM audit_event WHERE hash IS NULL AND occurred_at < ?
                                  AND (?::bigint IS NULL OR city_id = ?) ORDER BY id LIMIT 1""")
                        .params(Timestamp.from(clock.instant().minus(unlinkedAlarm)), only, only)
                        .query((rs, n) -> new Walk(0, rs.getLong(1), Problem.UNLINKED, rs.getLong(2))).optional();
                first = stale.orElse(null);
            }
            if (first == null && forged) {
                first = new Walk(0, null, Problem.CHECKPOINT_FORGED, null);
            }
            Problem problem = first == null ? Problem.NONE : first.problem();
            return new ChainCheck(problem == Problem.NONE, checked, first == null ? null : first.brokenId(), problem,
                    compared, chains.size(), first == null ? null : first.city());
        });
    }

    /**
     * The signed checkpoints by city and position. A line from before decision 0044 has no city: it anchors the chain
     * of the city its event belongs to now, unless V10_5 linked that event again and wrote a newer line for it.
     *
     * @return the id named by such an old line whose event is gone from every chain, or null
     */
    private Long anchorsByCity(List<AuditCheckpoints.Checkpoint> signed,
                               java.util.Map<Long, java.util.TreeMap<Long, AuditCheckpoints.Checkpoint>> into) {
        java.util.Set<Long> relinked = new java.util.HashSet<>();
        signed.stream().filter(c -> c.city() != null).forEach(c -> relinked.add(c.id()));
        // the cities of the events old lines name, in one query
        java.util.Map<Long, Long> cityOf = new java.util.HashMap<>();
        Long[] old = signed.stream().filter(c -> c.city() == null && !relinked.contains(c.id()))
                .map(AuditCheckpoints.Checkpoint::id).distinct().toArray(Long[]::new);
        if (old.length > 0) {
            jdbc.sql("SELECT id, city_id FROM audit_event WHERE id = ANY(?::bigint[])").param(old)
                    .query(rs -> {
                        cityOf.put(rs.getLong(1), rs.getLong(2));
                    });
        }
        Long lost = null;
        for (AuditCheckpoints.Checkpoint c : signed) {
            Long city = c.city();
            if (city == null) {
                if (relinked.contains(c.id())) {
                    continue;
                }
                city = cityOf.get(c.id());
                if (city == null) {
                    lost = lost == null ? c.id() : Math.min(lost, c.id());
                    continue;
                }
            }
            into.computeIfAbsent(city, k -> new java.util.TreeMap<>()).put(c.events(), c);
        }
        return lost;
    }

    private record Walk(long checked, Long brokenId, Problem problem, Long city) {
    }

    /** The walk of one city's chain in its order: each link recomputed, each anchor compared, no position skipped. */
    private Walk walk(long city, List<AuditCheckpoints.Checkpoint> anchors) {
        var state = new Object() {
            String prev = GENESIS;
            long checked;
            boolean keyedSeen;
            boolean sealedSeen;
            Long broken;
            Problem problem = Problem.NONE;
            int anchor;
        };
        jdbc.sql("SELECT * FROM audit_event WHERE city_id = ? AND chain_seq IS NOT NULL ORDER BY chain_seq")
                .param(city).query(rs -> {
            if (state.broken != null) {
                return;
            }
            long id = rs.getLong("id");
            long seq = rs.getLong("chain_seq");
            // an anchored link that is missing while later ones exist: deleted from the middle, or renumbered
            if (state.anchor < anchors.size() && anchors.get(state.anchor).events() < seq) {
                state.broken = anchors.get(state.anchor).id();
                state.problem = Problem.ALTERED;
                return;
            }
            Instant at = rs.getTimestamp("occurred_at").toInstant();
            boolean keyed = rs.getBoolean("keyed");
            String[] fields = {rs.getString("actor"), rs.getString("actor_roles"), rs.getString("action"),
                    rs.getString("record_type"), rs.getString("record_id"), rs.getString("before_state"),
                    rs.getString("after_state"), rs.getString("address")};
            String expected = keyed ? keyedHash(keys.chainMac(), state.prev, at, fields) : hash(state.prev, at, fields);
            String seal = rs.getString("seal");
            state.checked++;
            // positions are dense from 1; plain links are accepted only as the chain's beginning, written before it
            // was keyed, and unsealed events only before the first sealed one (decision 0033)
            if (seq != state.checked || !state.prev.equals(rs.getString("prev_hash"))
                    || !expected.equals(rs.getString("hash")) || (!keyed && state.keyedSeen)
                    || (seal == null ? state.sealedSeen : !seal.equals(seal(keys, at, fields)))) {
                state.broken = id;
                state.problem = Problem.ALTERED;
                return;
            }
            state.keyedSeen |= keyed;
            state.sealedSeen |= seal != null;
            if (state.anchor < anchors.size() && anchors.get(state.anchor).events() == seq) {
                AuditCheckpoints.Checkpoint c = anchors.get(state.anchor++);
                if (c.id() != id || !c.hash().equals(rs.getString("hash"))) {
                    state.broken = id;
                    state.problem = Problem.RECHAINED;
                    return;
                }
            }
            state.prev = rs.getString("hash");
        });
        if (state.broken == null && state.anchor < anchors.size()) {
            state.broken = anchors.get(state.anchor).id();
            state.problem = Problem.TRUNCATED;
        }
        return new Walk(state.checked, state.broken, state.problem, state.broken == null ? null : city);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<ChainHead> head(long city) {
        return jdbc.sql("""
                        SELECT id, hash, occurred_at, chain_seq FROM audit_event
                        WHERE city_id = ? AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1""")
                .param(city)
                .query((rs, n) -> new ChainHead(city, rs.getLong("id"), rs.getString("hash"), rs.getLong("chain_seq"),
                        rs.getTimestamp("occurred_at").toInstant())).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<ChainHead> headBefore(long city, Instant before) {
        // what has committed is linked first, so the head a report records does not depend on whether the chainer's
        // last round happened to run (decision 0033): a report regenerated later names the same head
        try {
            chainer.chainPending(city, true);
        } catch (RuntimeException e) {
            log.warn("audit chain: could not link pending events before reading the head: {}", e.toString());
        }
        return jdbc.sql("""
                        SELECT id, hash, occurred_at, chain_seq FROM audit_event
                        WHERE city_id = ? AND chain_seq IS NOT NULL AND occurred_at < ?
                        ORDER BY chain_seq DESC LIMIT 1""")
                .params(city, Timestamp.from(before))
                .query((rs, n) -> new ChainHead(city, rs.getLong("id"), rs.getString("hash"), rs.getLong("chain_seq"),
                        rs.getTimestamp("occurred_at").toInstant())).optional();
    }

    private static AuditEvent event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String stored = rs.getString("action");
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("actor_roles"), AuditActions.current(stored), rs.getString("record_type"),
                rs.getString("record_id"), rs.getString("before_state"), rs.getString("after_state"),
                rs.getString("address"), stored);
    }

    private static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            return attrs.getRequest().getRemoteAddr();
        }
        return null;
    }

    /** The plain SHA-256 link of rows written before the chain was keyed (V2_10). */
    static String hash(String prev, Instant at, String... fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            feed(sha::update, prev, at, fields);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same content under HMAC-SHA256: without the key nobody can compute a link that verifies. */
    static String keyedHash(Mac mac, String prev, Instant at, String... fields) {
        feed(mac::update, prev, at, fields);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private static void feed(java.util.function.Consumer<byte[]> out, String prev, Instant at, String... fields) {
        out.accept(prev.getBytes(StandardCharsets.UTF_8));
        out.accept(("|" + at.toEpochMilli() * 1000 + at.getNano() / 1000 % 1000).getBytes(StandardCharsets.UTF_8));
        for (String f : fields) {
            // length-prefixed so that ("ab","c") and ("a","bc") hash differently
            String v = Objects.toString(f, "\u0000");
            out.accept(("|" + v.length() + ":" + v).getBytes(StandardCharsets.UTF_8));
        }
    }
}
