package io.minyi.audit;

import io.minyi.platform.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

@Service
class JdbcAuditTrail implements AuditTrail {

    static final String GENESIS = "0".repeat(64);
    // One lock id for the whole chain: appends are serialised so every event links to exactly one predecessor.
    private static final long CHAIN_LOCK = 0x4D494E5949L;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditKeys keys;
    private final AuditCheckpoints checkpoints;

    JdbcAuditTrail(JdbcClient jdbc, Clock clock, AuditKeys keys, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
        this.checkpoints = checkpoints;
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
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleRow();
        String prev = jdbc.sql("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1")
                .query(String.class).optional().orElse(GENESIS);
        // Microsecond precision is what PostgreSQL keeps; hash what is stored so the check can recompute it.
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String address = currentAddress();
        String hash = keyedHash(keys.chainMac(), prev, at, actor, roles, entry.action(), entry.recordType(),
                entry.recordId(), entry.before(), entry.after(), address);
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, actor_roles, action, record_type, record_id,
                                         before_state, after_state, address, prev_hash, hash, keyed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)""")
                .params(Timestamp.from(at), actor, roles, entry.action(), entry.recordType(), entry.recordId(),
                        entry.before(), entry.after(), address, prev, hash)
                .update();
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
    @Transactional(readOnly = true)
    public ChainCheck verifyChain() {
        List<AuditCheckpoints.Checkpoint> anchors = new ArrayList<>();
        boolean forged = !checkpoints.readVerified(anchors);
        var state = new Object() {
            String prev = GENESIS;
            long checked;
            long lastId;
            boolean keyedSeen;
            Long broken;
            Problem problem = Problem.NONE;
            int anchor;
        };
        jdbc.sql("SELECT * FROM audit_event ORDER BY id").query(rs -> {
            if (state.broken != null) {
                return;
            }
            long id = rs.getLong("id");
            // an anchored row that is missing while later rows exist: deleted from the middle, or renumbered
            if (state.anchor < anchors.size() && anchors.get(state.anchor).id() < id) {
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
            state.checked++;
            // plain links are accepted only as the chain's beginning, written before it was keyed
            if (!state.prev.equals(rs.getString("prev_hash")) || !expected.equals(rs.getString("hash"))
                    || (!keyed && state.keyedSeen)) {
                state.broken = id;
                state.problem = Problem.ALTERED;
                return;
            }
            state.keyedSeen |= keyed;
            if (state.anchor < anchors.size() && anchors.get(state.anchor).id() == id) {
                AuditCheckpoints.Checkpoint c = anchors.get(state.anchor++);
                if (!c.hash().equals(rs.getString("hash")) || c.events() != state.checked) {
                    state.broken = id;
                    state.problem = Problem.RECHAINED;
                    return;
                }
            }
            state.prev = rs.getString("hash");
            state.lastId = id;
        });
        if (state.broken == null && state.anchor < anchors.size()) {
            state.broken = anchors.get(state.anchor).id();
            state.problem = Problem.TRUNCATED;
        }
        if (state.broken == null && forged) {
            state.problem = Problem.CHECKPOINT_FORGED;
        }
        boolean intact = state.problem == Problem.NONE;
        return new ChainCheck(intact, state.checked, state.broken, state.problem, anchors.size());
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<ChainHead> head() {
        return jdbc.sql("""
                        SELECT id, hash, occurred_at, (SELECT count(*) FROM audit_event) AS events
                        FROM audit_event ORDER BY id DESC LIMIT 1""")
                .query((rs, n) -> new ChainHead(rs.getLong("id"), rs.getString("hash"), rs.getLong("events"),
                        rs.getTimestamp("occurred_at").toInstant())).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<ChainHead> headBefore(Instant before) {
        return jdbc.sql("""
                        SELECT id, hash, occurred_at, (SELECT count(*) FROM audit_event a WHERE a.id <= e.id) AS events
                        FROM audit_event e WHERE occurred_at < ? ORDER BY id DESC LIMIT 1""")
                .param(Timestamp.from(before))
                .query((rs, n) -> new ChainHead(rs.getLong("id"), rs.getString("hash"), rs.getLong("events"),
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
