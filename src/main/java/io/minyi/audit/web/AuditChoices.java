package io.minyi.audit.web;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the audit page's filters offer: the actions, record kinds and people that occur in the trail. Read from the
 * trail itself (so a new module's actions appear without anyone listing them) and kept for a minute, because the
 * trail only grows and an administrator does not need the newest action in a drop-down within the second. People's
 * names come from org's read view {@code org_staff} (decision 0013).
 */
@Component
class AuditChoices {

    private static final Duration KEEP = Duration.ofMinutes(1);

    record Choices(List<String> actions, List<String> recordTypes, Map<String, String> people) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Choices cached;
    private volatile Instant readAt = Instant.EPOCH;

    AuditChoices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Choices choices() {
        Choices c = cached;
        if (c == null || Duration.between(readAt, clock.instant()).compareTo(KEEP) > 0) {
            c = read();
            cached = c;
            readAt = clock.instant();
        }
        return c;
    }

    /** A person's name for an account name; the account name itself for system actors and unknown accounts. */
    String nameOf(String actor) {
        return choices().people().getOrDefault(actor, actor);
    }

    private Choices read() {
        // rows keep the name they were written under; they are shown and found under the current one (decision 0025)
        List<String> actions = jdbc.sql("SELECT DISTINCT action FROM audit_event").query(String.class).list().stream()
                .map(io.minyi.audit.AuditActions::current).distinct().sorted().toList();
        List<String> types = jdbc.sql("SELECT DISTINCT record_type FROM audit_event ORDER BY record_type")
                .query(String.class).list();
        Map<String, String> people = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT a.actor, s.display_name
                        FROM (SELECT DISTINCT actor FROM audit_event) a
                        LEFT JOIN org_staff s ON s.username = a.actor
                        ORDER BY s.display_name NULLS LAST, a.actor""")
                .query((rs, i) -> people.put(rs.getString(1), rs.getString(2) == null ? rs.getString(1)
                        : rs.getString(2)))
                .list();
        return new Choices(actions, types, people);
    }
}
