package io.minyi.platform;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drains the publications of the {@link DrainedListener}s: per listener one thread on this node takes up to
 * {@code minyi.events.drain.batch} of its incomplete publications, oldest first, {@code FOR UPDATE SKIP LOCKED},
 * marks them completed and applies them, all in one transaction (issue 11, decision 0055). A publication is therefore
 * applied exactly once: its work and its completion commit together; a crash or a failure rolls both back and the
 * next take finds it again — also after a restart, from the same table. Several nodes drain side by side: a row one
 * has taken is skipped by the others until its transaction ends, and then it is complete. The transaction commits
 * without waiting for the disk ({@link ReplayedOnLoss}): a crash loses the work with its completion.
 *
 * <p>The thread wakes when a listener's method is called ({@link #nudge}, after the publisher's commit), waits
 * {@code linger} so that a burst gathers, and takes batches until one comes back short; it also looks every
 * {@code poll} for publications nobody nudged it about (another node's, or left by a failure). A batch that fails is
 * taken again one publication at a time; a publication that fails alone is left incomplete and skipped on this node
 * until it restarts, as Spring Modulith leaves a failed listener's publication (and logged).
 */
@Component
@RequiredArgsConstructor
public class PublicationDrains implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublicationDrains.class);

    private final ObjectProvider<DrainedListener<?>> listeners;
    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final EventSerializer serializer;
    private final ObjectProvider<Clock> clocks;
    @Value("${minyi.events.drain.batch:500}") private final int batch;
    @Value("${minyi.events.drain.linger:50ms}") private final Duration linger;
    @Value("${minyi.events.drain.poll:1s}") private final Duration poll;

    private final Map<String, Drain> drains = new ConcurrentHashMap<>();
    private volatile @Nullable Map<String, DrainedListener<?>> byId;
    private volatile boolean running;

    /** Wakes the listener's drain; false when the listener is not drained (the caller then does the work itself). */
    public boolean nudge(String listenerId) {
        if (!drained(listenerId)) {
            return false;
        }
        Drain d = drains.get(listenerId);
        if (d != null) {
            d.wake.release();
        }
        return true;
    }

    /** Whether the listener's publications are completed by a drain, not after its method. */
    public boolean drained(String listenerId) {
        return listeners().containsKey(listenerId);
    }

    /**
     * Takes one batch of the listener's publications, applies it and completes it in one transaction; returns how
     * many were taken. The drains' threads call it; tests call it to play several nodes at once.
     */
    public int drainOnce(String listenerId, int size) {
        return drainOnce(listeners().get(listenerId), size, Set.of());
    }

    private <E> int drainOnce(DrainedListener<E> listener, int size, Set<UUID> skipped) {
        List<UUID> taken = new ArrayList<>();
        try {
            Integer n = transaction().execute(s -> {
                List<Taken> rows = take(listener.listenerId(), size, skipped);
                rows.forEach(r -> taken.add(r.id()));
                if (!rows.isEmpty()) {
                    listener.apply(rows.stream()
                            .map(r -> serializer.deserialize(r.json(), listener.eventType())).toList());
                }
                return rows.size();
            });
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            throw new BatchFailed(taken, e);
        }
    }

    private record Taken(UUID id, String json) {
    }

    /** Taken and completed at once: the completion commits with the work, or the rollback reopens them. */
    private List<Taken> take(String listenerId, int size, Set<UUID> skipped) {
        return jdbc.sql("""
                        UPDATE event_publication SET completion_date = ?
                        WHERE id IN (SELECT id FROM event_publication
                                     WHERE listener_id = ? AND completion_date IS NULL AND NOT id = ANY (?::uuid[])
                                     ORDER BY publication_date LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id, serialized_event, %s""".formatted(ReplayedOnLoss.IN_STATEMENT))
                .params(Timestamp.from(clock().instant()), listenerId, skipped.stream().map(UUID::toString).toArray(String[]::new), size)
                .query((rs, i) -> new Taken(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    private TransactionTemplate transaction() {
        return new TransactionTemplate(transactions);
    }

    private Clock clock() {
        return clocks.getIfAvailable(Clock::systemUTC);
    }

    private Map<String, DrainedListener<?>> listeners() {
        Map<String, DrainedListener<?>> m = byId;
        if (m == null) {
            m = listeners.orderedStream().collect(Collectors.toUnmodifiableMap(DrainedListener::listenerId,
                    Function.identity()));
            byId = m;
        }
        return m;
    }

    /** A batch that failed, with the publications it had taken (rolled back, incomplete again). */
    static final class BatchFailed extends RuntimeException {
        final transient List<UUID> taken;

        BatchFailed(List<UUID> taken, RuntimeException cause) {
            super(cause);
            this.taken = taken;
        }
    }

    /** One listener's thread. */
    private final class Drain implements Runnable {
        final DrainedListener<?> listener;
        final Semaphore wake = new Semaphore(0);
        final Set<UUID> skipped = ConcurrentHashMap.newKeySet();
        volatile @Nullable Thread thread;

        Drain(DrainedListener<?> listener) {
            this.listener = listener;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    boolean nudged = wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                    if (nudged && !linger.isZero()) {
                        Thread.sleep(linger.toMillis());
                    }
                    wake.drainPermits();
                    drainAll();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("draining {} failed; it is taken again at the next poll", listener.listenerId(), e);
                }
            }
        }

        private void drainAll() {
            int n;
            do {
                try {
                    n = drainOnce(listener, batch, skipped);
                } catch (BatchFailed failed) {
                    one(failed.taken);
                    n = 0;
                }
            } while (running && n == batch);
        }

        /** After a failed batch: its publications one at a time, so that one that cannot be applied stops no other. */
        private void one(List<UUID> taken) {
            for (UUID id : taken) {
                Set<UUID> others = new java.util.HashSet<>(skipped);
                taken.stream().filter(t -> !t.equals(id)).forEach(others::add);
                try {
                    drainOnce(listener, 1, others);
                } catch (BatchFailed failed) {
                    if (!failed.taken.isEmpty()) {
                        skipped.addAll(failed.taken);
                        log.error("publication {} of {} cannot be applied; left incomplete until this node restarts",
                                failed.taken, listener.listenerId(), failed.getCause());
                    }
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        listeners().values().forEach(l -> {
            Drain d = new Drain(l);
            Thread t = new Thread(d, "drain-" + l.eventType().getSimpleName());
            t.setDaemon(true);
            d.thread = t;
            drains.put(l.listenerId(), d);
            t.start();
        });
    }

    @Override
    public void stop() {
        running = false;
        drains.values().forEach(d -> NodeThread.interruptAndWait(d.thread));
        drains.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
