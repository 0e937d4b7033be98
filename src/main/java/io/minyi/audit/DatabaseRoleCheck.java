package io.minyi.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The append-only trigger on {@code audit_event} only binds an account that can neither disable it nor drop it: not a
 * superuser, not the table's owner. The embedded database runs as its superuser (a warning); the prod profile sets
 * {@code minyi.audit.require-restricted-role} and refuses to start otherwise. Roles: docs/operations.md.
 */
@Component
class DatabaseRoleCheck {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoleCheck.class);

    private final JdbcClient jdbc;
    private final boolean required;

    DatabaseRoleCheck(JdbcClient jdbc, @Value("${minyi.audit.require-restricted-role:false}") boolean required) {
        this.jdbc = jdbc;
        this.required = required;
    }

    /** Why the connected role could rewrite the audit trail, or null when it cannot. */
    String problem() {
        return jdbc.sql("""
                        SELECT CASE WHEN r.rolsuper THEN 'is a superuser'
                                    WHEN pg_has_role(current_user, c.relowner, 'MEMBER') THEN 'owns audit_event'
                                    WHEN has_table_privilege('audit_event', 'UPDATE')
                                      OR has_table_privilege('audit_event', 'DELETE')
                                      OR has_table_privilege('audit_event', 'TRUNCATE')
                                      OR has_table_privilege('audit_event', 'TRIGGER') THEN 'may change audit_event'
                               END
                        FROM pg_roles r, pg_class c
                        WHERE r.rolname = current_user AND c.oid = 'audit_event'::regclass""")
                .query(String.class).optional().orElse(null);
    }

    /**
     * Why the connected role cannot link events into the chain (decision 0033), or null when it can: it needs UPDATE
     * on the chain columns only, which the append-only trigger limits to the first linking of a row.
     */
    String linkingProblem() {
        boolean mayLink = jdbc.sql("""
                        SELECT bool_and(has_column_privilege('audit_event', c, 'UPDATE'))
                        FROM unnest(ARRAY['chain_seq', 'prev_hash', 'hash', 'keyed']) AS c""")
                .query(Boolean.class).single();
        return mayLink ? null : "may not link audit events (GRANT UPDATE (chain_seq, prev_hash, hash, keyed) ON "
                + "audit_event TO " + jdbc.sql("SELECT current_user").query(String.class).single() + ")";
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        String linking = linkingProblem();
        if (linking != null) {
            // without it every event stays unlinked and the check reports it after minutes: say so at start instead
            String message = "the database account " + linking + ": the audit chain cannot grow (docs/operations.md §6)";
            if (required) {
                throw new IllegalStateException(message);
            }
            log.error(message);
        }
        String problem = problem();
        if (problem == null) {
            return;
        }
        String message = "the database account " + problem + ": it could switch off the audit trail's "
                + "append-only trigger. Run the application as a restricted role (docs/operations.md).";
        if (required) {
            throw new IllegalStateException(message);
        }
        log.warn(message);
    }
}
