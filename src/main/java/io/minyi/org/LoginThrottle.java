package io.minyi.org;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Growing delays after failed sign-ins instead of a hard lock, counted per address, per account name and per (account
 * name, address) — for names that exist and names that do not alike, so the answer never tells which accounts exist.
 * <ul>
 *   <li>one address guessing one account is slowed down after a few failures, up to 15 minutes between tries;</li>
 *   <li>one address trying many accounts is slowed down after 20 failures;</li>
 *   <li>an account attacked from many addresses is slowed down for everyone, but never by more than a minute, so an
 *   attacker cannot lock its owner out the way the old five-strikes lock allowed.</li>
 * </ul>
 * The counters live in the database so that every node of a cluster applies them.
 */
@Component
@RequiredArgsConstructor
public class LoginThrottle {

    /** A counter: failures beyond {@code free} wait {@code first}, doubling with each further failure up to {@code cap}. */
    record Rule(String kind, int free, Duration first, Duration cap, Duration window) {
        Duration delayAfter(int failures) {
            if (failures <= free) {
                return Duration.ZERO;
            }
            int doublings = Math.min(30, failures - free - 1);
            Duration d = first.multipliedBy(1L << doublings);
            return d.compareTo(cap) > 0 ? cap : d;
        }
    }

    static final Rule ACCOUNT_FROM_ADDRESS = new Rule("ua", 4, Duration.ofSeconds(15), Duration.ofMinutes(15),
            Duration.ofHours(1));
    static final Rule ADDRESS = new Rule("a", 20, Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofHours(1));
    static final Rule ACCOUNT = new Rule("u", 50, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1));

    private final JdbcClient jdbc;
    private final Clock clock;

    /** How long this attempt must still wait, if any counter that applies to it is over its allowance. */
    @Transactional(readOnly = true)
    public Optional<Duration> waitBefore(String username, String address) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT max(next_allowed) FROM login_throttle WHERE key IN (?, ?, ?) AND next_allowed > ?")
                .params(key(ACCOUNT_FROM_ADDRESS, username, address), key(ADDRESS, null, address),
                        key(ACCOUNT, username, null), Timestamp.from(now))
                .query((rs, i) -> rs.getTimestamp(1)).optional()
                .filter(t -> t != null)
                .map(t -> Duration.between(now, t.toInstant()));
    }

    @Transactional
    public void failed(String username, String address) {
        Instant now = clock.instant();
        for (Rule rule : List.of(ACCOUNT_FROM_ADDRESS, ADDRESS, ACCOUNT)) {
            String key = key(rule, username, address);
            int failures = jdbc.sql("""
                            INSERT INTO login_throttle (key, failures, last_failure, next_allowed) VALUES (?, 1, ?, ?)
                            ON CONFLICT (key) DO UPDATE SET
                                failures = CASE WHEN login_throttle.last_failure < ? THEN 1
                                                ELSE login_throttle.failures + 1 END,
                                last_failure = excluded.last_failure
                            RETURNING failures""")
                    .params(key, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now.minus(rule.window())))
                    .query(Integer.class).single();
            Duration delay = rule.delayAfter(failures);
            if (!delay.isZero()) {
                jdbc.sql("UPDATE login_throttle SET next_allowed = ? WHERE key = ?")
                        .params(Timestamp.from(now.plus(delay)), key).update();
            }
        }
        if (ThreadLocalRandom.current().nextInt(100) == 0) {
            // names that do not exist leave rows behind; an occasional sweep keeps the table small
            jdbc.sql("DELETE FROM login_throttle WHERE last_failure < ?")
                    .param(Timestamp.from(now.minus(Duration.ofDays(1)))).update();
        }
    }

    /** The right password from this address: its own counters for the account start again. */
    @Transactional
    public void succeeded(String username, String address) {
        jdbc.sql("DELETE FROM login_throttle WHERE key IN (?, ?)")
                .params(key(ACCOUNT_FROM_ADDRESS, username, address), key(ACCOUNT, username, null)).update();
    }

    /** An administrator lifts every delay on an account name (from all addresses). */
    @Transactional
    public void clear(String username) {
        String name = name(username);
        jdbc.sql("DELETE FROM login_throttle WHERE key = ? OR left(key, ?) = ?")
                .params("u:" + name, ("ua:" + name + "@").length(), "ua:" + name + "@").update();
    }

    private static String key(Rule rule, String username, String address) {
        return switch (rule.kind()) {
            case "a" -> "a:" + address;
            case "u" -> "u:" + name(username);
            default -> "ua:" + name(username) + "@" + address;
        };
    }

    private static String name(String username) {
        String n = username == null ? "" : username.strip();
        return n.length() > 100 ? n.substring(0, 100) : n;
    }
}
