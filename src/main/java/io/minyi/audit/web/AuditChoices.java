package io.minyi.audit.web;

import io.minyi.audit.AuditReaders;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the audit page's filters offer: the actions, record kinds and people that occur in the trail. Read from the
 * trail itself (so a new module's actions appear without anyone listing them) and kept for a minute, because the
 * trail only grows and an administrator does not need the newest action in a drop-down within the second. People's
 * names come from org's read view {@code org_staff} (decision 0013). The people offered are only those whose events the
 * reader may see: a county administrator must not learn from a drop-down who works in another county.
 */
@Component
@RequiredArgsConstructor
class AuditChoices {

    private static final Duration KEEP = Duration.ofMinutes(1);

    record Choices(List<String> actions, List<String> recordTypes, Map<String, String> people) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Choices cached;
    private volatile Instant readAt = Instant.EPOCH;
    private final Map<AuditReaders.Visible, Scoped> people = new ConcurrentHashMap<>();

    private record Scoped(Map<String, String> people, Instant readAt) {
    }

    /** The filters for a reader: actions and record kinds of the whole trail, people within what the reader sees. */
    Choices choices(AuditReaders.Visible visible) {
        Choices c = all();
        Scoped p = people.get(visible);
        if (p == null || Duration.between(p.readAt(), clock.instant()).compareTo(KEEP) > 0) {
            if (people.size() > 500) {
                people.clear(); // one entry per administrator scope; never more than a city's counties in practice
            }
            p = new Scoped(peopleVisible(visible), clock.instant());
            people.put(visible, p);
        }
        return new Choices(c.actions(), c.recordTypes(), p.people());
    }

    private Choices all() {
        Choices c = cached;
        if (c == null || Duration.between(readAt, clock.instant()).compareTo(KEEP) > 0) {
            c = read();
            cached = c;
            readAt = clock.instant();
        }
        return c;
    }

    private Map<String, String> peopleVisible(AuditReaders.Visible visible) {
        Map<String, String> found = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT a.actor, s.display_name
                        FROM (SELECT DISTINCT actor FROM audit_event WHERE (%s)) a
                        LEFT JOIN org_staff s ON s.username = a.actor
                        ORDER BY s.display_name NULLS LAST, a.actor""".formatted(visible.sql()))
                .params(visible.args())
                .query((rs, i) -> found.put(rs.getString(1), rs.getString(2) == null ? rs.getString(1)
                        : rs.getString(2)))
                .list();
        return found;
    }

    /**
     * A person's name for an account name; the account name itself for system actors and unknown accounts. Only asked
     * for the actors of rows the reader may see.
     */
    String nameOf(String actor) {
        return all().people().getOrDefault(actor, actor);
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
