package io.minyi.evaluation.internal;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Makes the writers' commits durable before their receipts are shown (decision 0054). A writer's batch commits
 * without waiting for its WAL flush and is handed here; this thread takes every batch committed so far, runs one
 * synchronous commit of its own — which returns only when all WAL written before it is on disk (and on a synchronous
 * standby), the batches' commits included — and only then answers their residents. The writers meanwhile store the next batches instead of each
 * waiting for a flush of its own, and one flush serves every batch committed while the previous one ran.
 * If that commit fails, the residents get the failure (503, retry with the same form); their rows may or may not be
 * stored, and the form's idempotency key makes the retry safe either way.
 * While a flush is owed, the writers let forms gather ({@link #awaitSettled}) instead of storing them one by one.
 */
@Component
@RequiredArgsConstructor
class BatchFlusher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchFlusher.class);

    /**
     * A commit flushes the WAL (and waits for a synchronous standby) only if its transaction wrote WAL before its
     * commit record: PostgreSQL commits a transaction that merely took a transaction id asynchronously, whatever
     * {@code synchronous_commit} says (xact.c, {@code RecordTransactionCommit}; the first version of this statement,
     * {@code pg_current_xact_id()} alone, flushed nothing, and the cluster drill's failover lost acknowledged forms).
     * A transactional logical message writes one small WAL record, takes the transaction id, and needs no table and no
     * privilege. The server's start time tells whether this commit ran where the batches did ({@link #answerOrFail}).
     */
    private static final String FLUSH = "SELECT set_config('synchronous_commit', 'on', true),"
            + " pg_logical_emit_message(true, 'minyi.evaluation.flush', ''), pg_postmaster_start_time()";

    private final JdbcTemplate jdbc;
    private final BlockingQueue<SubmissionBatches.Written> committed = new LinkedBlockingQueue<>();
    /** Batches handed here and not answered yet: while there are any, a flush runs or is about to. */
    private final AtomicInteger owed = new AtomicInteger();
    private final ReentrantLock settledLock = new ReentrantLock();
    private final Condition settled = settledLock.newCondition();
    private volatile boolean running;
    private Thread thread;
    private long flushes;
    private long batchesFlushed;
    private long flushNanos;
    private long lastReport = System.nanoTime();

    /** Answers the batch's residents once a flush that began after this call has returned. */
    void answerWhenDurable(SubmissionBatches.Written batch) {
        owed.incrementAndGet();
        committed.add(batch);
    }

    /** Whether a batch handed here still waits for its flush. */
    boolean owesFlush() {
        return owed.get() > 0;
    }

    /**
     * Returns once {@code enough} holds, or no batch handed here waits for its flush and {@code lingerUntil} has
     * passed, or at {@code deadline} ({@link System#nanoTime()} values): a writer gathers the forms that arrive
     * meanwhile into its next batch (decision 0054, "gathering").
     */
    void awaitSettled(BooleanSupplier enough, long lingerUntil, long deadline) throws InterruptedException {
        settledLock.lock();
        try {
            while (!enough.getAsBoolean()) {
                long now = System.nanoTime();
                boolean owes = owed.get() > 0;
                if (now - deadline >= 0 || (!owes && now - lingerUntil >= 0)) {
                    return;
                }
                settled.awaitNanos(owes ? deadline - now : Math.min(lingerUntil, deadline) - now);
            }
        } finally {
            settledLock.unlock();
        }
    }

    /** Wakes the writers gathering in {@link #awaitSettled} to look at their condition again. */
    void wakeGatherers() {
        settledLock.lock();
        try {
            settled.signalAll();
        } finally {
            settledLock.unlock();
        }
    }

    private void run() {
        List<SubmissionBatches.Written> taken = new ArrayList<>();
        while (running || !committed.isEmpty()) {
            try {
                SubmissionBatches.Written first = committed.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                committed.drainTo(taken);
                long t0 = System.nanoTime();
                OffsetDateTime server = flush();
                taken.forEach(batch -> answerOrFail(batch, server));
                account(taken.size(), System.nanoTime() - t0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("evaluation flush failed for {} batches", taken.size(), e);
                taken.forEach(w -> w.fail(e));
            } finally {
                if (!taken.isEmpty() && owed.addAndGet(-taken.size()) == 0) {
                    wakeGatherers();
                }
                taken.clear();
            }
        }
    }

    /** Every ten seconds of activity, one line that tells how many batches a flush serves (only this thread counts). */
    private void account(int batches, long nanos) {
        flushes++;
        batchesFlushed += batches;
        flushNanos += nanos;
        long now = System.nanoTime();
        if (now - lastReport > 10_000_000_000L) {
            log.info("evaluation flusher: {} batches in {} flushes (avg {} per flush, {} µs per flush)", batchesFlushed,
                    flushes, String.format("%.1f", (double) batchesFlushed / flushes), flushNanos / flushes / 1000);
            lastReport = now;
            flushes = 0;
            batchesFlushed = 0;
            flushNanos = 0;
        }
    }

    /**
     * A flush makes durable only what was committed before it on the same server, as started then. Behind a
     * multi-host URL the connection may reach a standby promoted after the batch's server went down, or the batch's
     * server restarted after a crash: there the batch's commit, which did not wait for its WAL, may be gone, and this
     * flush proves nothing. Its residents get the failure (503, retry the same form: the key finds the row if it is
     * there, stores it if not). The cluster drill (bench/cluster-test.sh, phase D) lost 17 acknowledged forms this way.
     */
    static void answerOrFail(SubmissionBatches.Written batch, OffsetDateTime server) {
        if (server.isEqual(batch.server())) {
            batch.answer();
        } else {
            batch.fail(new DataAccessResourceFailureException("the batch was committed on a server started at "
                    + batch.server() + ", the flush ran on one started at " + server));
        }
    }

    OffsetDateTime flush() {
        return jdbc.execute((ConnectionCallback<OffsetDateTime>) c -> {
            try (Statement s = c.createStatement()) {
                // as the writer's call: no timer armed per statement (SubmissionBatches.store)
                s.setQueryTimeout(0);
                try (ResultSet rs = s.executeQuery(FLUSH)) {
                    rs.next();
                    return rs.getObject(3, OffsetDateTime.class);
                }
            }
        });
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("evaluation-flusher").start(this::run);
    }

    /** After the writers (a lower phase stops later): every batch they committed is answered first. */
    @Override
    public void stop() {
        running = false;
        if (thread == null) {
            return;
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
