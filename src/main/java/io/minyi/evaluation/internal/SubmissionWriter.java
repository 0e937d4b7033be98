package io.minyi.evaluation.internal;

import io.minyi.platform.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for the hottest path of the system. A request thread puts its validated evaluation on a queue and
 * waits; a writer thread takes whatever has gathered (up to the batch size), writes it all in one transaction,
 * commits, and only then wakes the waiting requests — so a receipt is never shown for an evaluation that is not
 * durably stored, and one commit (one WAL flush) serves hundreds of residents. A batch without clues commits without
 * waiting for its flush and is answered by {@link BatchFlusher} after one flush for every batch committed meanwhile
 * (decision 0054): the writers go on to the next batch instead of waiting, so two of them keep the cores busy.
 * A writer starts a batch only once enough forms wait, or no flush is owed and its first form has lingered a few
 * milliseconds, so that forms arriving at a moderate rate gather into batches instead of each paying a batch call,
 * a commit and a share of a flush (decision 0054, "gathering").
 */
@Component
public class SubmissionWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubmissionWriter.class);

    private final SubmissionBatches batches;
    private final BatchFlusher flusher;
    private final EvaluationProperties.Writer settings;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private final java.util.concurrent.atomic.LongAdder batchCount = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder itemCount = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder batchNanos = new java.util.concurrent.atomic.LongAdder();
    /** Time a writer held its first form while a flush was owed (decision 0054, "gathering"). */
    private final java.util.concurrent.atomic.LongAdder gatherNanos = new java.util.concurrent.atomic.LongAdder();
    private volatile long lastReport = System.nanoTime();
    /** Writers waiting in {@link #gather()}: only then does a request look whether enough forms wait. */
    private final java.util.concurrent.atomic.AtomicInteger gathering = new java.util.concurrent.atomic.AtomicInteger();
    /** Held by the writer that takes forms from the queue (see {@link #take}). */
    private final java.util.concurrent.locks.ReentrantLock seat = new java.util.concurrent.locks.ReentrantLock();

    SubmissionWriter(SubmissionBatches batches, BatchFlusher flusher, EvaluationProperties properties) {
        this.batches = batches;
        this.flusher = flusher;
        this.settings = properties.writer();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    /**
     * Stores the evaluation (or finds the one stored under the same idempotency key) and returns after the commit.
     *
     * @throws RefusedException (503) when the queue is full or the database did not answer in time; the resident
     *                          may send the same form again without creating a second evaluation
     */
    public Receipt submit(Submission submission) {
        if (!running) {
            throw new RefusedException("evaluation.busy", 503);
        }
        Pending pending = new Pending(submission, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new RefusedException("evaluation.busy", 503);
        }
        if (gathering.get() > 0 && enoughWaiting()) {
            flusher.wakeGatherers();
        }
        try {
            return pending.result().get(settings.waitAtMost().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RefusedException("evaluation.busy", 503);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException("evaluation.busy", 503);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** @param writer this writer's number, which its batches pass on (its own rows of the monthly totals) */
    private void drain(int writer) {
        List<Pending> batch = new ArrayList<>(settings.batchSize());
        while (running || !queue.isEmpty()) {
            try {
                long gathered = take(batch);
                if (batch.isEmpty()) {
                    continue;
                }
                long t0 = System.nanoTime();
                write(batch, writer);
                account(batch.size(), System.nanoTime() - t0, gathered);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("evaluation writer failed on a batch of {}", batch.size(), e);
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Fills the batch: the first form that comes, then, after gathering, whatever waits. One writer gathers at a
     * time (the other one writes meanwhile), so that two writers do not split the forms of one gathering between them.
     *
     * @return the nanoseconds spent gathering
     */
    private long take(List<Pending> batch) throws InterruptedException {
        seat.lockInterruptibly();
        try {
            Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
            if (first == null) {
                return 0;
            }
            long g0 = System.nanoTime();
            gather(g0);
            batch.add(first);
            queue.drainTo(batch, settings.batchSize() - 1);
            return System.nanoTime() - g0;
        } finally {
            seat.unlock();
        }
    }

    /**
     * With the shared flush, lets forms gather before a batch starts: the writer holds the form it took until
     * {@code gather} forms wait, or until no flush is owed and the form has waited {@code linger}; never longer than
     * {@code gather-at-most}. Without the shared flush a writer's own commit already makes it wait for a flush.
     */
    private void gather(long since) throws InterruptedException {
        if (!settings.sharedFlush() || enoughWaiting()
                || (settings.linger().isZero() && !flusher.owesFlush())) {
            return;
        }
        gathering.incrementAndGet();
        try {
            flusher.awaitSettled(this::enoughWaiting, since + settings.linger().toNanos(),
                    since + settings.gatherAtMost().toNanos());
        } finally {
            gathering.decrementAndGet();
        }
    }

    /** The queue and the form a writer holds make a batch worth starting without waiting for the flush. */
    private boolean enoughWaiting() {
        return queue.size() + 1 >= settings.gather();
    }

    /** Every ten seconds of activity, one line: how well commits are shared, and how long forms gathered. */
    private void account(int items, long nanos, long gatheredNanos) {
        batchCount.increment();
        itemCount.add(items);
        batchNanos.add(nanos);
        gatherNanos.add(gatheredNanos);
        long now = System.nanoTime();
        if (now - lastReport > 10_000_000_000L) {
            synchronized (this) {
                if (now - lastReport > 10_000_000_000L) {
                    lastReport = now;
                    long b = batchCount.sumThenReset(), n = itemCount.sumThenReset(), t = batchNanos.sumThenReset();
                    long g = gatherNanos.sumThenReset();
                    log.info("evaluation writer: {} evaluations in {} batches (avg {} per batch, {} ms per batch,"
                                    + " {} µs gathering per batch), queue {}", n, b, b == 0 ? 0 : n / b,
                            b == 0 ? 0 : t / b / 1_000_000, b == 0 ? 0 : g / b / 1000, queue.size());
                }
            }
        }
    }

    private void write(List<Pending> batch, int writer) {
        try {
            settle(batches.write(batch, writer));
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1 || databaseAway(batchFailure)) {
                // Without a database each single write would wait out the pool's connection timeout again, so a
                // batch of a hundred would keep the writer (and every queued resident) stuck for minutes: fail the
                // batch at once; every resident gets a 503 with a retry hint and may send the same form again.
                batch.forEach(p -> p.result().completeExceptionally(batchFailure));
                return;
            }
            if (batch.size() == 1) {
                batch.getFirst().result().completeExceptionally(batchFailure);
                return;
            }
            // One bad item must not cost the others their evaluation: write each on its own.
            log.warn("batch of {} failed ({}); writing one by one", batch.size(), batchFailure.toString());
            for (Pending p : batch) {
                try {
                    settle(batches.write(List.of(p), writer));
                } catch (RuntimeException single) {
                    p.result().completeExceptionally(single);
                }
            }
        }
    }

    /** Answered now when the commit waited for its flush (a batch with clues), else after the flusher's next flush. */
    private void settle(SubmissionBatches.Written written) {
        if (written.awaitsFlush()) {
            flusher.answerWhenDurable(written);
        } else {
            written.answer();
        }
    }

    static boolean databaseAway(Throwable failure) {
        return io.minyi.platform.DatabaseFailures.unavailable(failure);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < Math.max(1, settings.writers()); i++) {
            int writer = i;
            Thread t = Thread.ofPlatform().name("evaluation-writer-" + i).unstarted(() -> drain(writer));
            threads.add(t);
            t.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    record Pending(Submission submission, CompletableFuture<Receipt> result) {
    }
}
