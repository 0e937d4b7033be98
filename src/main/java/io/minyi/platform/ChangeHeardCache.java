package io.minyi.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rows that change rarely but are read on every request, kept in memory on each node and forgotten as soon as the
 * node hears that they changed (issue 11, decision 0048). A trigger on each table read notifies one of
 * {@link #channels()} at every commit that writes it, on any node and by any writer; {@link ChangeFeed} LISTENs and
 * calls {@link #changed()}.
 * The cache is trusted only while this node hears every change:
 * <ul>
 *   <li>while the feed is not listening (starting, or its connection lost) nothing is served from the cache nor put in
 *   it — every read goes to the database; the feed asks its connection every second whether it is alive, and the
 *   cache stops trusting it when it has not answered for {@link #CONFIRMED_FOR} (a connection that died silently);</li>
 *   <li>a write on this node that calls {@link #changing()} empties the cache when its transaction ends, committed or
 *   not, without waiting for the notification; until then that transaction neither reads from the cache nor fills
 *   it, so it sees its own writes and nothing uncommitted is ever kept.</li>
 * </ul>
 * Each entry carries the generation it was read in; emptying the cache starts a new generation, so an entry read from
 * the database before a change but stored after it is never served. A row not found is not remembered: one created a
 * moment ago on another node must be found.
 */
public abstract class ChangeHeardCache {

    /** How long a confirmation from the feed that it still listens stays good. */
    static final long CONFIRMED_FOR = 3_000_000_000L;

    /** A value as read in one generation. */
    public record Entry<V>(V value, long generation) {
    }

    private final Object writing = new Object();
    private final AtomicLong generation = new AtomicLong();
    private final List<Map<?, ?>> maps = new CopyOnWriteArrayList<>();
    private volatile boolean enabled = true;
    private volatile boolean trusted;
    private volatile long confirmedAt;

    /** The notification channels the triggers of the tables read notify. */
    public abstract List<String> channels();

    /** Off: every read goes to the database, as without the cache (to compare the two in a bench). */
    @Value("${minyi.change-heard-caches.enabled:true}")
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
        changed();
    }

    /** A map of this cache's, emptied with it. */
    protected <K, V> Map<K, Entry<V>> newMap() {
        Map<K, Entry<V>> m = new ConcurrentHashMap<>();
        maps.add(m);
        return m;
    }

    /** The value for {@code key}: from memory when it may be, else {@code read} from the database (and kept). */
    protected <K, V> Optional<V> cached(Map<K, Entry<V>> map, K key, Supplier<Optional<V>> read) {
        // the generation is taken before the database is read: a change heard meanwhile outdates what is read
        long g = generation.get();
        boolean usable = usable();
        Entry<V> e = map.get(key);
        if (usable && e != null && e.generation() == g) {
            return Optional.of(e.value());
        }
        Optional<V> found = read.get();
        if (usable && found.isPresent()) {
            map.put(key, new Entry<>(found.get(), g));
        }
        return found;
    }

    /**
     * Tells the cache that the current transaction writes its table: it is emptied when the transaction ends (also
     * for this node's other threads, before the notification comes back), and the transaction bypasses it.
     */
    public void changing() {
        changed();
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(writing)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(writing, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(writing);
                changed();
            }
        });
    }

    /** A change was heard (or made here): forget everything. */
    public void changed() {
        generation.incrementAndGet();
        maps.forEach(Map::clear);
    }

    /** The feed listens: what was cached before may have missed a change, so start afresh. */
    void trust() {
        changed();
        confirmedAt = System.nanoTime();
        trusted = true;
    }

    /** The feed's connection answered: every change committed before now has been heard. */
    void confirm() {
        confirmedAt = System.nanoTime();
    }

    /** The feed stopped listening: changes may go unheard, so read the database every time. */
    void distrust() {
        trusted = false;
        changed();
    }

    /** Whether the feed listens and has lately said so. */
    public boolean trusted() {
        return enabled && trusted && System.nanoTime() - confirmedAt < CONFIRMED_FOR;
    }

    /** Whether this thread may be served from the cache now. */
    public boolean usable() {
        return trusted() && !TransactionSynchronizationManager.hasResource(writing);
    }
}
