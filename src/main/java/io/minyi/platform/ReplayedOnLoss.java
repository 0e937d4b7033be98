package io.minyi.platform;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For a transaction whose loss in a crash is made good by running it again: an asynchronous event listener's, whose
 * event publication (committed, and flushed, with the change it reports) is completed only after the listener's
 * transaction and is published again on restart until it is. Such a transaction may commit without waiting for its
 * WAL to reach the disk: a crash can lose only its last few hundred milliseconds of such commits, whole, and the
 * registry runs them again — nothing an acknowledgement promised depends on them. The next synchronous commit on any
 * connection (the publication's completion right after, at the latest) flushes them. What it saves is the wait for
 * the disk while the listener still holds its locks (a matter's advisory lock, the roll-up rows of a day), which made
 * the listeners of one matter or one day take turns at the speed of the disk (issue 11, decision 0046).
 */
public final class ReplayedOnLoss {

    private ReplayedOnLoss() {
    }

    /** Lets the current transaction commit without waiting for the disk (PostgreSQL {@code synchronous_commit}). */
    public static void commitWithoutWaitingForDisk(JdbcClient jdbc) {
        jdbc.sql("SET LOCAL synchronous_commit TO off").update();
    }
}
