package io.minyi.integration.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.platform.CityLanguage;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.SecretBox;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where the 12345 platform listens and how Minyi talks to it, as ADMIN set it (decision 0021). Read from the database
 * on every call — one primary-key row — so a change takes effect on the next message on every node, without a
 * restart; what ADMIN left empty falls back to {@code minyi.hotline.*}. The secret is stored encrypted
 * ({@link SecretBox}); after a rotation the previous one is still accepted inbound until its grace period ends.
 */
@Service
@RequiredArgsConstructor
public class HotlineSettings {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final HotlineProperties props;
    private final SecretBox box;
    private final AuditTrail audit;
    private final Clock clock;
    private final MessageSource messages;

    /** The settings in force; {@code secretFromDatabase} false while the configured secret is used. */
    public record Settings(String baseUrl, boolean enabled, String secret, String previousSecret,
                           Instant previousValidUntil, Duration connectTimeout, Duration readTimeout,
                           int breakerFailures, Duration breakerOpenFor, boolean secretFromDatabase,
                           Instant secretRotatedAt, String updatedBy, Instant updatedAt) {

        /** The secrets an inbound message may be signed with at {@code now}: the current one, and during a rotation's grace the previous. */
        public List<String> acceptedSecrets(Instant now) {
            List<String> out = new ArrayList<>(List.of(secret));
            if (previousSecret != null && previousValidUntil != null && now.isBefore(previousValidUntil)) {
                out.add(previousSecret);
            }
            return out;
        }

        /** What the circuit breaker and the HTTP client are built from: a change rebuilds them. */
        public Transport transport() {
            return new Transport(connectTimeout, breakerFailures, breakerOpenFor);
        }
    }

    public record Transport(Duration connectTimeout, int breakerFailures, Duration breakerOpenFor) {
    }

    /** The form ADMIN edits; numbers in milliseconds and seconds as people type them. */
    public record EndpointForm(String baseUrl, Boolean enabled, Integer connectTimeoutMs, Integer readTimeoutMs,
                               Integer breakerFailures, Integer breakerOpenSeconds) {
    }

    @Transactional(readOnly = true)
    public Settings current() {
        return jdbc.sql("SELECT * FROM hotline_endpoint WHERE id = 1").query((rs, i) -> settings(rs)).single();
    }

    private Settings settings(ResultSet rs) throws SQLException {
        String secret = rs.getString("secret_enc");
        String previous = rs.getString("previous_secret_enc");
        return new Settings(rs.getString("base_url"), rs.getBoolean("enabled"),
                secret == null ? props.secret() : box.decrypt(secret), previous == null ? null : box.decrypt(previous),
                instant(rs.getTimestamp("previous_valid_until")),
                millis(rs.getObject("connect_timeout_ms", Integer.class), props.connectTimeout()),
                millis(rs.getObject("read_timeout_ms", Integer.class), props.readTimeout()),
                orDefault(rs.getObject("breaker_failures", Integer.class), props.breakerFailures()),
                seconds(rs.getObject("breaker_open_seconds", Integer.class), props.breakerOpenFor()),
                secret != null, instant(rs.getTimestamp("secret_rotated_at")), rs.getString("updated_by"),
                instant(rs.getTimestamp("updated_at")));
    }

    /** Saves the endpoint and its transport settings; every field is checked, all problems reported at once. */
    @Transactional
    public void update(EndpointForm form, String by) {
        List<String> problems = new ArrayList<>();
        String url = url(form.baseUrl(), problems);
        int connect = range(form.connectTimeoutMs(), 100, 60_000, "integration.hotline.invalid.connectTimeout", problems);
        int read = range(form.readTimeoutMs(), 100, 120_000, "integration.hotline.invalid.readTimeout", problems);
        int failures = range(form.breakerFailures(), 1, 100, "integration.hotline.invalid.breakerFailures", problems);
        int open = range(form.breakerOpenSeconds(), 1, 3600, "integration.hotline.invalid.breakerOpen", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Settings before = current();
        boolean enabled = Boolean.TRUE.equals(form.enabled());
        jdbc.sql("""
                        UPDATE hotline_endpoint SET base_url = ?, enabled = ?, connect_timeout_ms = ?, read_timeout_ms = ?,
                               breaker_failures = ?, breaker_open_seconds = ?, updated_by = ?, updated_at = ?
                        WHERE id = 1""")
                .params(url, enabled, connect, read, failures, open, by, Timestamp.from(clock.instant())).update();
        audit.record(AuditEntry.of("integration.hotline_settings.update", "hotline_endpoint", 1).withChange(
                describe(before.baseUrl(), before.enabled(), before.connectTimeout().toMillis(),
                        before.readTimeout().toMillis(), before.breakerFailures(), before.breakerOpenFor().toSeconds()),
                describe(url, enabled, connect, read, failures, open)));
    }

    /**
     * Replaces the shared secret: the one given (the hotline vendor's), or 32 random bytes when blank. The old secret
     * stays valid inbound for {@code graceHours} (0–168). Returns the new secret to be shown once; the audit trail
     * records that it changed, never the value.
     */
    @Transactional
    public String rotateSecret(String given, Integer graceHours, String by) {
        List<String> problems = new ArrayList<>();
        String secret = given == null || given.isBlank() ? newSecret() : given.strip();
        if (secret.length() < 16 || secret.length() > 200 || !secret.matches("[\\x21-\\x7E]+")) {
            problems.add("integration.hotline.invalid.secret");
        }
        int grace = range(graceHours, 0, 168, "integration.hotline.invalid.grace", problems);
        Settings before = current();
        if (secret.equals(before.secret())) {
            problems.add("integration.hotline.invalid.secretSame");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE hotline_endpoint SET secret_enc = ?, previous_secret_enc = ?, previous_valid_until = ?,
                               secret_rotated_at = ?, updated_by = ?, updated_at = ? WHERE id = 1""")
                .params(box.encrypt(secret), box.encrypt(before.secret()),
                        Timestamp.from(now.plus(Duration.ofHours(grace))), Timestamp.from(now), by, Timestamp.from(now))
                .update();
        audit.record(AuditEntry.of("integration.hotline_secret.rotate", "hotline_endpoint", 1)
                .withChange(null, "grace=" + grace + "h"));
        return secret;
    }

    private static String url(String given, List<String> problems) {
        String u = given == null ? "" : given.strip().replaceAll("/+$", "");
        try {
            URI uri = URI.create(u);
            if (u.length() > 300 || uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null
                    || uri.getFragment() != null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                problems.add("integration.hotline.invalid.url");
            }
        } catch (IllegalArgumentException e) {
            problems.add("integration.hotline.invalid.url");
        }
        return u;
    }

    private static int range(Integer value, int min, int max, String problem, List<String> problems) {
        if (value == null || value < min || value > max) {
            problems.add(problem);
            return min;
        }
        return value;
    }

    /** The audit trail's before/after, stored once for every later reader: in the city's language (decision 0039). */
    private String describe(String url, boolean enabled, long connectMs, long readMs, int failures, long open) {
        String state = CityLanguage.text(messages, enabled ? "integration.audit.enabled" : "integration.audit.disabled");
        return url + " " + state + " connect=" + connectMs + "ms read=" + readMs + "ms breaker=" + failures + "/" + open
                + "s";
    }

    static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Duration millis(Integer ms, Duration fallback) {
        return ms == null ? fallback : Duration.ofMillis(ms);
    }

    private static Duration seconds(Integer s, Duration fallback) {
        return s == null ? fallback : Duration.ofSeconds(s);
    }

    private static int orDefault(Integer v, int fallback) {
        return v == null ? fallback : v;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
