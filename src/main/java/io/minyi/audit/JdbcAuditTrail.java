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

    JdbcAuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
        String hash = hash(prev, at, actor, roles, entry.action(), entry.recordType(), entry.recordId(),
                entry.before(), entry.after(), address);
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, actor_roles, action, record_type, record_id,
                                         before_state, after_state, address, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
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
            where.append(" AND action = ?");
            params.add(q.action().strip());
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
        var state = new Object() {
            String prev = GENESIS;
            long checked;
            Long broken;
        };
        jdbc.sql("SELECT * FROM audit_event ORDER BY id").query(rs -> {
            if (state.broken != null) {
                return;
            }
            Instant at = rs.getTimestamp("occurred_at").toInstant();
            String expected = hash(state.prev, at, rs.getString("actor"), rs.getString("actor_roles"),
                    rs.getString("action"), rs.getString("record_type"), rs.getString("record_id"),
                    rs.getString("before_state"), rs.getString("after_state"), rs.getString("address"));
            state.checked++;
            if (!state.prev.equals(rs.getString("prev_hash")) || !expected.equals(rs.getString("hash"))) {
                state.broken = rs.getLong("id");
            }
            state.prev = rs.getString("hash");
        });
        return new ChainCheck(state.broken == null, state.checked, state.broken);
    }

    private static AuditEvent event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("actor_roles"), rs.getString("action"), rs.getString("record_type"),
                rs.getString("record_id"), rs.getString("before_state"), rs.getString("after_state"),
                rs.getString("address"));
    }

    private static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            return attrs.getRequest().getRemoteAddr();
        }
        return null;
    }

    static String hash(String prev, Instant at, String... fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prev.getBytes(StandardCharsets.UTF_8));
            sha.update(("|" + at.toEpochMilli() * 1000 + at.getNano() / 1000 % 1000).getBytes(StandardCharsets.UTF_8));
            for (String f : fields) {
                // length-prefixed so that ("ab","c") and ("a","bc") hash differently
                String v = Objects.toString(f, "\u0000");
                sha.update(("|" + v.length() + ":" + v).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
