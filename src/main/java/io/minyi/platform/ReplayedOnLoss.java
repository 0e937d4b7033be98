package io.minyi.platform;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For a transaction whose loss in a crash is made good by running it again: an asynchronous event listener's, whose
 * event publication (committed, and flushed, with the change it reports) is completed in the listener's own
 * transaction (decision 0053) and is published again on restart until it is. Such a transaction may commit without
 * waiting for its WAL to reach the disk: a crash can lose only its last few hundred milliseconds of such commits,
 * whole — the work with its completion — and the registry runs them again; nothing an acknowledgement promised
 * depends on them. The WAL writer flushes them within a fraction of a second, the next synchronous commit on any
 * connection at once. What it saves is the wait for
 * the disk while the listener still holds its locks (a matter's advisory lock, the roll-up rows of a day), which made
 * the listeners of one matter or one day take turns at the speed of the disk (issue 11, decision 0046).
 */
public final class ReplayedOnLoss {

    private ReplayedOnLoss() {
    }

    /**
     * The same, as an SQL expression for a statement the listener runs anyway (a {@code RETURNING} or a select list):
     * the setting is read at the commit, so setting it halfway through the transaction is enough, and it saves the
     * {@code SET LOCAL} statement, one round trip per listener and case (issue 11, decision 0051). It must be
     * evaluated: in a row that the statement always produces.
     */
    public static final String IN_STATEMENT = "set_config('synchronous_commit', 'off', true)";

    /** Lets the current transaction commit without waiting for the disk (PostgreSQL {@code synchronous_commit}). */
    public static void commitWithoutWaitingForDisk(JdbcClient jdbc) {
        jdbc.sql("SET LOCAL synchronous_commit TO off").update();
    }
}
