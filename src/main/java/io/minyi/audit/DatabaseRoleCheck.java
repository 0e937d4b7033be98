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

    @EventListener(ApplicationReadyEvent.class)
    void check() {
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
