package io.minyi.integration.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open311 API clients and their keys. A key is 32 random bytes shown once at creation; only its SHA-256 is stored.
 * Each client has its own token bucket (Bucket4j) sized by its per-minute allowance; revoking a key takes effect on
 * the next call.
 */
@Service
@RequiredArgsConstructor
public class Open311Clients {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final Open311Cache cache;
    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Instant> lastTouched = new ConcurrentHashMap<>();

    public record Client(long id, String name, long jurisdictionId, int perMinute) {
        /** How the client appears in the ledger and the audit trail. */
        public String actor() {
            return "open311:" + name;
        }
    }

    public record ClientRow(long id, String name, String keyPrefix, long jurisdictionId, int perMinute,
                            boolean active, String createdBy, Instant createdAt, Instant revokedAt,
                            Instant lastUsedAt) {
    }

    public record IssuedKey(long clientId, String apiKey) {
    }

    /** The active client holding this key, if any. */
    public Optional<Client> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(apiKey.strip());
        return cache.client(hash, () -> jdbc
                .sql("SELECT id, name, jurisdiction_id, per_minute FROM open311_client WHERE key_hash = ? AND active")
                .param(hash)
                .query((rs, i) -> new Client(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4))).optional());
    }

    /** Takes one call from the client's bucket; false means "slow down" (429). */
    public boolean allow(Client c) {
        return buckets.computeIfAbsent(c.id(), id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(c.perMinute()).refillGreedy(c.perMinute(), Duration.ofMinutes(1))
                        .build())
                .build()).tryConsume(1);
    }

    @Transactional
    public IssuedKey create(String name, long jurisdictionId, int perMinute, String createdBy) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 80) {
            throw new InvalidInputException("integration.client.invalid.name");
        }
        if (perMinute < 1 || perMinute > 100_000) {
            throw new InvalidInputException("integration.client.invalid.rate");
        }
        if (jdbc.sql("SELECT count(*) FROM open311_client WHERE name = ?").param(n).query(Long.class).single() > 0) {
            throw new InvalidInputException("integration.client.invalid.duplicate");
        }
        return insert(n, newKey(), jurisdictionId, perMinute, createdBy);
    }

    /** For the demo city: a client with a known key, so the console can print it like the demo passwords. */
    @Transactional
    public Optional<IssuedKey> ensure(String name, String apiKey, long jurisdictionId, int perMinute) {
        if (jdbc.sql("SELECT count(*) FROM open311_client WHERE name = ?").param(name).query(Long.class).single() > 0) {
            return Optional.empty();
        }
        return Optional.of(insert(name, apiKey, jurisdictionId, perMinute, "system"));
    }

    private IssuedKey insert(String name, String key, long jurisdictionId, int perMinute, String createdBy) {
        long id = jdbc.sql("""
                        INSERT INTO open311_client (name, key_hash, key_prefix, jurisdiction_id, per_minute, created_by,
                                                    created_at)
                        VALUES (?,?,?,?,?,?,?) RETURNING id""")
                .params(name, hash(key), key.substring(0, 6), jurisdictionId, perMinute, createdBy,
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(AuditEntry.of("integration.open311_client.create", "open311_client", id).withChange(null, name));
        return new IssuedKey(id, key);
    }

    @Transactional
    public void revoke(long id) {
        cache.changing();
        int n = jdbc.sql("UPDATE open311_client SET active = false, revoked_at = ? WHERE id = ? AND active")
                .params(Timestamp.from(clock.instant()), id).update();
        if (n == 0) {
            throw new NotFoundException("open311_client");
        }
        buckets.remove(id);
        audit.record(AuditEntry.of("integration.open311_client.revoke", "open311_client", id).withChange("active", "revoked"));
    }

    public List<ClientRow> list() {
        return jdbc.sql("SELECT * FROM open311_client ORDER BY active DESC, name")
                .query((rs, i) -> new ClientRow(rs.getLong("id"), rs.getString("name"), rs.getString("key_prefix"),
                        rs.getLong("jurisdiction_id"), rs.getInt("per_minute"), rs.getBoolean("active"),
                        rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_used_at"))))
                .list();
    }

    /** Every call made with a key is audited (in the caller's transaction when there is one). */
    @Transactional
    public void audit(Client c, String action, String recordType, Object recordId) {
        record(c, AuditEntry.of(action, recordType, recordId));
    }

    /** {@link #audit(Client, String, String, Object)} of a call about a record whose city the caller knows. */
    @Transactional
    public void audit(Client c, String action, String recordType, Object recordId, long city) {
        record(c, AuditEntry.of(action, recordType, recordId).inCity(city));
    }

    private void record(Client c, AuditEntry entry) {
        audit.recordAs(c.actor(), "OPEN311_CLIENT", entry);
        Instant now = clock.instant();
        Instant before = lastTouched.get(c.id());
        // once a minute is enough for "last used", and spares the client's row a lock on every call
        if (before == null || before.isBefore(now.minusSeconds(60))) {
            lastTouched.put(c.id(), now);
            jdbc.sql("UPDATE open311_client SET last_used_at = ? WHERE id = ?").params(Timestamp.from(now), c.id())
                    .update();
        }
    }

    static String newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
