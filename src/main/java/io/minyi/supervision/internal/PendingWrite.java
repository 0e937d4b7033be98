package io.minyi.supervision.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A listener's write that may ride along with the next one in the same statement, as a {@code WITH} sub-statement
 * (issue 11: the case's projection and its raised-about rows are one round trip instead of two). Whoever takes it
 * runs it; {@link #flush} runs it alone if nobody did. Used within one listener's call, never shared.
 */
final class PendingWrite {

    private final String sql;
    private final List<Object> params;
    private boolean done;

    PendingWrite(String sql, Object... params) {
        this.sql = sql;
        this.params = Arrays.asList(params);
    }

    /**
     * Runs {@code statement} with this write in front of it, or alone if this write has already run. The statement
     * must not read what this write changes: sub-statements of one WITH share the statement's snapshot.
     */
    void with(JdbcClient jdbc, String statement, Object... statementParams) {
        if (done) {
            jdbc.sql(statement).params(statementParams).update();
            return;
        }
        done = true;
        List<Object> all = new ArrayList<>(params);
        all.addAll(Arrays.asList(statementParams));
        jdbc.sql("WITH pending AS (" + sql + ")\n" + statement).params(all).update();
    }

    /** Runs this write alone unless a statement took it. */
    void flush(JdbcClient jdbc) {
        if (!done) {
            done = true;
            jdbc.sql(sql).params(params).update();
        }
    }
}
