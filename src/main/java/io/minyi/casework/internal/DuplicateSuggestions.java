package io.minyi.casework.internal;

import io.minyi.casework.CaseState;
import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.core.Ordered;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps this node's {@link DuplicateIndex} in step with the pool: built from PostgreSQL when the application is
 * ready, updated after each commit on this node, and caught up with other nodes' commits when {@link CaseIndexFeed}
 * hears of them — and, should that feed be down, before a search when the last look is older than a few seconds.
 *
 * <p>The catch-up cursor is a transaction id, not a time: each case row carries the id of the transaction that last
 * wrote it (V9_90), and a look reads the rows stamped at or after the oldest transaction that was still running at
 * the previous look. A transaction that commits late therefore is read late, never skipped, and the nodes' clocks
 * play no part. The price is that rows written since that oldest transaction are read again on every look until it
 * ends, which is a handful of rows unless a transaction stays open for minutes.
 */
@Component
@RequiredArgsConstructor
public class DuplicateSuggestions implements AutoCloseable {

    private static final Duration CATCH_UP_EVERY = Duration.ofSeconds(5);

    private final Cases cases;
    private final Clock clock;
    private final DuplicateIndex index = new DuplicateIndex();
    /** Rows stamped by this transaction id or later have not been read yet (or may have changed since). */
    private volatile long cursor;
    /**
     * The index write of each case received on this node that nobody has searched for yet (its sequence number): the
     * search for what that case resembles waits for that write to be visible, not for every write made since
     * (decision 0041). Cases with a named subject are never searched for and are not kept; a case whose entry is
     * gone (a restart) waits for the last write instead.
     */
    private final Map<Long, Long> unseen = new ConcurrentHashMap<>();
    private static final int MAX_UNSEEN = 100_000;
    /**
     * What this node last wrote to the index for a case after its own commit, until the feed's next look reads the
     * case back: a row that reads the same is already in the index. The feed reads every case written since its last
     * look, this node's too; writing each of them again (the text tokenised again, the document replaced: one more
     * deleted document per case for the merges) doubled the index work of every intake (issue 11).
     */
    private final Map<Long, Cases.IndexRow> writtenHere = new ConcurrentHashMap<>();
    private volatile Instant lastLook = Instant.EPOCH;
    private volatile boolean built;
    /**
     * The index writes of cases committed on this node, in the order they were handed over, not made yet: the
     * committing thread only queues them (issue 11, decision 0052). The index's own thread writes them in batches, and
     * whoever needs them visible first — a search, a catch-up, a look at the index — writes what is queued itself, so
     * a case is found right after its commit exactly as when the committing thread wrote it.
     */
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** One writer of queued cases at a time, so that two writes of one case are made in the order they were queued. */
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "duplicate-index-writer");
        t.setDaemon(true);
        return t;
    });

    /** Off: the committing thread writes its case itself, as before decision 0052 (to compare in a bench). */
    @Value("${minyi.duplicate-index.write-behind:true}")
    private boolean writeBehind = true;

    private record Pending(long id, String content, String path, CaseState state, boolean searchedFor) {
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void rebuild() {
        // taken before the read: whatever commits after it is read again by the next catch-up
        long from = cases.oldestRunningTransaction();
        cases.forEachOpen(r -> index.put(r.id(), r.content(), r.jurisdictionPath(), r.state()));
        index.refresh();
        cursor = from;
        lastLook = clock.instant();
        built = true;
    }

    /**
     * Hands the case's index update over once the current transaction has committed, before the commit's events are
     * handed to their listeners: a listener that searches writes what is still queued first, so it finds the case.
     * The committing thread (a request's) only queues it; the index's own thread tokenises and writes the queued cases
     * in batches, and the write is only buffered in the index writer: searches make it visible by waiting for a shared
     * reopen (one for many commits instead of one per commit, which cost more than the search itself).
     */
    public void afterCommit(Case c) {
        long id = c.id();
        String content = c.content();
        String path = c.jurisdictionPath();
        var state = c.state();
        boolean searchedFor = state == CaseState.RECEIVED && c.snapshot().subjectUnitId() == null
                && c.snapshot().subjectOfficerId() == null;
        Pending p = new Pending(id, content, path, state, searchedFor);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue(p);
                }

                @Override
                public int getOrder() {
                    return Ordered.HIGHEST_PRECEDENCE;
                }
            });
        } else {
            queue(p);
        }
    }

    private void queue(Pending p) {
        pending.add(p);
        if (!writeBehind) {
            writePending();
            return;
        }
        // one batch scheduled at a time: what is queued while it waits is written with it
        if (writeScheduled.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    writeScheduled.set(false);
                    writePending();
                });
            } catch (RejectedExecutionException closing) {
                writeScheduled.set(false);
                writePending();
            }
        }
    }

    /** Writes every case queued so far to the index (in the order queued); returns once they are written. */
    private void writePending() {
        // a case taken off the queue is being written while the lock is held: only then is nothing left to wait for
        if (pending.isEmpty() && !writing.isLocked()) {
            return;
        }
        writing.lock();
        try {
            for (Pending p; (p = pending.poll()) != null; ) {
                put(p.id(), p.content(), p.path(), p.state(), p.searchedFor());
            }
        } finally {
            writing.unlock();
        }
    }

    private void put(long id, String content, String path, CaseState state, boolean searchedFor) {
        long seq = index.put(id, content, path, state);
        if (writtenHere.size() >= MAX_UNSEEN) {
            // the feed is not reading (not running): forgetting only means writing those cases once more
            writtenHere.clear();
        }
        writtenHere.put(id, new Cases.IndexRow(id, content, path, state));
        if (searchedFor) {
            if (unseen.size() >= MAX_UNSEEN) {
                // nobody asks for these (listeners not running): forgetting only makes a later search wait longer
                unseen.clear();
            }
            unseen.put(id, seq);
        }
    }

    /** Makes every write handed over before this call (queued ones included) visible to searches. */
    private void refresh() {
        writePending();
        index.awaitVisible(index.lastWritten());
    }

    public List<DuplicateIndex.Hit> similar(Case c, int limit) {
        return similar(c.content(), c.jurisdictionPath(), c.id(), limit);
    }

    /**
     * The oldest open cases of the case's own jurisdiction received before it that read like it (see {@link
     * DuplicateIndex#oldestSimilarBefore}).
     */
    public List<DuplicateIndex.Hit> oldestSimilarBefore(Case c, int limit) {
        writePending();
        Long written = unseen.remove(c.id());
        if (written == null) {
            upToDate();
        } else {
            // the cases this node wrote to the index before this one are visible with it
            catchUpIfDue();
            index.awaitVisible(written);
        }
        return index.oldestSimilarBefore(c.content(), c.jurisdictionPath(), c.id(), limit);
    }

    /** Open cases like this text in the county of {@code jurisdictionPath}, leaving out {@code excludeId}. */
    public List<DuplicateIndex.Hit> similar(String content, String jurisdictionPath, long excludeId, int limit) {
        upToDate();
        return index.similar(content, jurisdictionPath, excludeId, limit);
    }

    private void upToDate() {
        catchUpIfDue();
        // what this node committed before the search is found by it (read your own writes, as before)
        refresh();
    }

    private void catchUpIfDue() {
        if (!built) {
            rebuild();
        } else if (Duration.between(lastLook, clock.instant()).compareTo(CATCH_UP_EVERY) > 0) {
            catchUp();
        }
    }

    public int indexedCases() {
        refresh();
        return index.size();
    }

    /** Whether this node's index holds the case now, without catching up first. */
    boolean indexes(long caseId) {
        refresh();
        return index.contains(caseId);
    }

    /** How many committed cases wait for their index write (without writing them). */
    int queuedWrites() {
        return pending.size();
    }

    /** This node's index as it stands (this node's queued writes made), for looking without catching up first. */
    DuplicateIndex index() {
        writePending();
        return index;
    }

    /** Reads the cases written since the last look into the index. */
    synchronized void catchUp() {
        if (!built) {
            // the build at start reads everything; a look before it would only read it twice
            return;
        }
        // this node's queued writes first: a later version read back below must not be overwritten by an older one
        writePending();
        long next = cases.oldestRunningTransaction();
        cases.forEachWrittenSince(cursor, r -> {
            if (!r.equals(writtenHere.remove(r.id()))) {
                index.put(r.id(), r.content(), r.jurisdictionPath(), r.state());
            }
        });
        refresh();
        cursor = next;
        lastLook = clock.instant();
    }

    @Override
    public void close() throws Exception {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
        writePending();
        index.close();
    }
}
