package io.minyi.platform;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure means "the database cannot take this now, try again shortly" (503 with Retry-After) rather than
 * a fault of the request or of the program: no connection, a connection lost, a server shutting down or starting,
 * or a server that is read-only — a standby not yet promoted during a failover, or a primary set read-only for
 * maintenance. Lock conflicts and query time-outs are not counted: they concern one request, not the database.
 */
public final class DatabaseFailures {

    /** admin_shutdown, crash_shutdown, cannot_connect_now, read_only_sql_transaction, too_many_connections. */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "25006", "53300");

    private DatabaseFailures() {
    }

    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
