package io.minyi.audit;

import io.minyi.platform.PageResult;
import org.jspecify.annotations.Nullable;
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
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
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

    JdbcAuditTrail(JdbcClient jdbc, Clock clock, AuditKeys keys, AuditCheckpoints checkpoints, AuditChainer chainer,
                   PlatformTransactionManager transactions,
                   @Value("${minyi.audit.unlinked-alarm:5m}") Duration unlinkedAlarm) {
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
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, actor_roles, action, record_type, record_id,
                                         before_state, after_state, address, seal)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(at), actor, roles, entry.action(), entry.recordType(), entry.recordId(),
                        entry.before(), entry.after(), address, seal)
                .update();
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
        try {
            chainer.chainPending(true);
        } catch (RuntimeException e) {
            // checked all the same: what stays unlinked for long is reported below
            log.warn("audit chain: could not link pending events before the check: {}", e.toString());
        }
        List<AuditCheckpoints.Checkpoint> signed = new ArrayList<>();
        boolean forged = !checkpoints.readVerified(signed);
        java.util.TreeMap<Long, AuditCheckpoints.Checkpoint> bySeq = new java.util.TreeMap<>();
        signed.forEach(c -> bySeq.put(c.events(), c));
        // what this node linked last is an anchor too: rows unlinked and linked again with other content miss it
        chainer.lastSeen().ifPresent(l -> bySeq.putIfAbsent(l.seq(),
                new AuditCheckpoints.Checkpoint(clock.instant(), l.id(), l.hash(), l.seq())));
        List<AuditCheckpoints.Checkpoint> anchors = List.copyOf(bySeq.values());
        return reading.execute(status -> walk(anchors, signed.size(), forged));
    }

    /** The walk in the chain's order: each link recomputed, each anchor compared, no position skipped. */
    private ChainCheck walk(List<AuditCheckpoints.Checkpoint> anchors, int signed, boolean forged) {
        ChainWalk state = new ChainWalk(anchors);
        jdbc.sql("SELECT * FROM audit_event WHERE chain_seq IS NOT NULL ORDER BY chain_seq").query(state::step);
        if (state.broken == null && state.anchor < anchors.size()) {
            state.broken = anchors.get(state.anchor).id();
            state.problem = Problem.TRUNCATED;
        }
        if (state.broken == null) {
            // events are linked about a second after they commit; one left alone this long means linking stopped
            Long stale = jdbc.sql("SELECT min(id) FROM audit_event WHERE hash IS NULL AND occurred_at < ?")
                    .param(Timestamp.from(clock.instant().minus(unlinkedAlarm))).query(Long.class).optional()
                    .orElse(null);
            if (stale != null) {
                state.broken = stale;
                state.problem = Problem.UNLINKED;
            }
        }
        if (state.broken == null && forged) {
            state.problem = Problem.CHECKPOINT_FORGED;
        }
        boolean intact = state.problem == Problem.NONE;
        return new ChainCheck(intact, state.checked, state.broken, state.problem, signed);
    }

    /** Where a walk along the chain stands: the link before, what it has seen, the next anchor, the first break. */
    private final class ChainWalk {
        private final List<AuditCheckpoints.Checkpoint> anchors;
        String prev = GENESIS;
        long checked;
        boolean keyedSeen;
        boolean sealedSeen;
        @Nullable Long broken;
        Problem problem = Problem.NONE;
        int anchor;

        ChainWalk(List<AuditCheckpoints.Checkpoint> anchors) {
            this.anchors = anchors;
        }

        /** One link, in the chain's order; after the first break the rest are not looked at. */
        void step(ResultSet rs) throws SQLException {
            if (broken != null) {
                return;
            }
            long id = rs.getLong("id");
            long seq = rs.getLong("chain_seq");
            // an anchored link that is missing while later ones exist: deleted from the middle, or renumbered
            if (anchor < anchors.size() && anchors.get(anchor).events() < seq) {
                broken = anchors.get(anchor).id();
                problem = Problem.ALTERED;
                return;
            }
            Instant at = rs.getTimestamp("occurred_at").toInstant();
            boolean keyed = rs.getBoolean("keyed");
            String[] fields = {rs.getString("actor"), rs.getString("actor_roles"), rs.getString("action"),
                    rs.getString("record_type"), rs.getString("record_id"), rs.getString("before_state"),
                    rs.getString("after_state"), rs.getString("address")};
            String expected = keyed ? keyedHash(keys.chainMac(), prev, at, fields) : hash(prev, at, fields);
            String seal = rs.getString("seal");
            checked++;
            // positions are dense from 1; plain links are accepted only as the chain's beginning, written before it
            // was keyed, and unsealed events only before the first sealed one (decision 0033)
            if (seq != checked || !prev.equals(rs.getString("prev_hash"))
                    || !expected.equals(rs.getString("hash")) || (!keyed && keyedSeen)
                    || (seal == null ? sealedSeen : !seal.equals(seal(keys, at, fields)))) {
                broken = id;
                problem = Problem.ALTERED;
                return;
            }
            keyedSeen |= keyed;
            sealedSeen |= seal != null;
            if (anchor < anchors.size() && anchors.get(anchor).events() == seq) {
                AuditCheckpoints.Checkpoint c = anchors.get(anchor++);
                if (c.id() != id || !c.hash().equals(rs.getString("hash"))) {
                    broken = id;
                    problem = Problem.RECHAINED;
                    return;
                }
            }
            prev = rs.getString("hash");
        }
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<ChainHead> head() {
        return jdbc.sql("""
                        SELECT id, hash, occurred_at, chain_seq FROM audit_event
                        WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1""")
                .query((rs, n) -> new ChainHead(rs.getLong("id"), rs.getString("hash"), rs.getLong("chain_seq"),
                        rs.getTimestamp("occurred_at").toInstant())).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<ChainHead> headBefore(Instant before) {
        // what has committed is linked first, so the head a report records does not depend on whether the chainer's
        // last round happened to run (decision 0033): a report regenerated later names the same head
        try {
            chainer.chainPending(true);
        } catch (RuntimeException e) {
            log.warn("audit chain: could not link pending events before reading the head: {}", e.toString());
        }
        return jdbc.sql("""
                        SELECT id, hash, occurred_at, chain_seq FROM audit_event
                        WHERE chain_seq IS NOT NULL AND occurred_at < ? ORDER BY chain_seq DESC LIMIT 1""")
                .param(Timestamp.from(before))
                .query((rs, n) -> new ChainHead(rs.getLong("id"), rs.getString("hash"), rs.getLong("chain_seq"),
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
