package io.minyi.casework.internal;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps this node's {@link DuplicateIndex} in step with the pool: built from PostgreSQL when the application is
 * ready, updated after each commit on this node, and caught up with other nodes' commits before a search when the
 * last look is older than a few seconds (see the class comment of {@link DuplicateIndex}).
 */
@Component
public class DuplicateSuggestions implements AutoCloseable {

    private static final Duration CATCH_UP_EVERY = Duration.ofSeconds(5);
    /** Transactions commit out of updated_at order; re-reading a margin makes a late commit visible anyway. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final Cases cases;
    private final Clock clock;
    private final DuplicateIndex index = new DuplicateIndex();
    private volatile Instant lastSeen;
    private volatile Instant lastLook = Instant.EPOCH;
    private volatile boolean built;

    public DuplicateSuggestions(Cases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void rebuild() {
        Instant[] max = {null};
        cases.forEachChangedSince(null, r -> {
            index.put(r.id(), r.content(), r.jurisdictionPath(), r.state());
            max[0] = DuplicateIndex.later(max[0], r.updatedAt());
        });
        index.refresh();
        lastSeen = max[0] == null ? clock.instant() : max[0];
        lastLook = clock.instant();
        built = true;
    }

    /** Registers an index update to run once the current transaction has committed. */
    public void afterCommit(Case c) {
        long id = c.id();
        String content = c.content();
        String path = c.jurisdictionPath();
        var state = c.state();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    index.put(id, content, path, state);
                    index.refresh();
                }
            });
        } else {
            index.put(id, content, path, state);
            index.refresh();
        }
    }

    public List<DuplicateIndex.Hit> similar(Case c, int limit) {
        return similar(c.content(), c.jurisdictionPath(), c.id(), limit);
    }

    /** Open cases like this text in the county of {@code jurisdictionPath}, leaving out {@code excludeId}. */
    public List<DuplicateIndex.Hit> similar(String content, String jurisdictionPath, long excludeId, int limit) {
        if (!built) {
            rebuild();
        } else if (Duration.between(lastLook, clock.instant()).compareTo(CATCH_UP_EVERY) > 0) {
            catchUp();
        }
        return index.similar(content, jurisdictionPath, excludeId, limit);
    }

    public int indexedCases() {
        return index.size();
    }

    synchronized void catchUp() {
        Instant since = lastSeen == null ? null : lastSeen.minus(MARGIN);
        Instant[] max = {lastSeen};
        cases.forEachChangedSince(since, r -> {
            index.put(r.id(), r.content(), r.jurisdictionPath(), r.state());
            max[0] = DuplicateIndex.later(max[0], r.updatedAt());
        });
        index.refresh();
        lastSeen = max[0];
        lastLook = clock.instant();
    }

    @Override
    public void close() throws Exception {
        index.close();
    }
}
