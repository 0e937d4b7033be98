package io.minyi.org;

import io.minyi.org.OrgRefs.JurisdictionRef;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The jurisdictions this node has read, so that a case's place and lineage cost no round trip to the database (an
 * Open311 POST asked for them four times; issue 11, decision 0048). A jurisdiction changes rarely, but a rename must be
 * seen at once everywhere, so the cache is trusted only while this node hears every change:
 * <ul>
 *   <li>every commit that wrote {@code jurisdiction}, on any node and by any writer, notifies
 *   {@code minyi_org_jurisdiction} (trigger, V10_21); {@link JurisdictionFeed} LISTENs and empties the cache;</li>
 *   <li>while the feed is not listening (starting, or its connection lost) nothing is served from the cache nor put in
 *   it — every read goes to the database; the feed asks its connection every second whether it is alive, and the
 *   cache stops trusting it when it has not answered for {@link #CONFIRMED_FOR} (a connection that died silently);</li>
 *   <li>a write on this node through the organisation pages ({@link #changing()}) empties the cache when its
 *   transaction ends, committed or not, without waiting for the notification; until then that transaction neither
 *   reads from the cache nor fills it, so it sees its own writes and nothing uncommitted is ever kept.</li>
 * </ul>
 * Each entry carries the generation it was read in; emptying the cache starts a new generation, so an entry read from
 * the database before a change but stored after it is never served.
 */
@Component
public final class JurisdictionCache {

    private record Entry(JurisdictionRef ref, long generation) {
    }

    /** How long a confirmation from the feed that it still listens stays good. */
    static final long CONFIRMED_FOR = 3_000_000_000L;

    /** The transaction resource marking a transaction that has written jurisdictions. */
    private static final Object WRITING = new Object();

    private final Map<Long, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, Entry> byCode = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    /** Off: every read goes to the database, as before the cache (to compare the two in a bench). */
    @Value("${minyi.org.jurisdiction-cache.enabled:true}")
    private boolean enabled = true;
    private volatile boolean trusted;
    private volatile long confirmedAt;
    private volatile Entry root;

    Optional<JurisdictionRef> byId(long id, Supplier<Optional<JurisdictionRef>> read) {
        return cached(byId, id, read);
    }

    Optional<JurisdictionRef> byCode(String code, Supplier<Optional<JurisdictionRef>> read) {
        return cached(byCode, code, read);
    }

    JurisdictionRef root(Supplier<JurisdictionRef> read) {
        Entry e = root;
        long g = generation.get();
        if (e != null && e.generation() == g && usable()) {
            return e.ref();
        }
        boolean keep = usable();
        JurisdictionRef r = read.get();
        if (keep) {
            root = new Entry(r, g);
        }
        return r;
    }

    /**
     * Tells the cache that the current transaction writes jurisdictions: it is emptied when the transaction ends
     * (also on this node's other threads, before the notification comes back), and the transaction bypasses it.
     */
    public void changing() {
        clear();
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(WRITING)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(WRITING, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WRITING);
                clear();
            }
        });
    }

    /** The feed listens: what was cached before may have missed a change, so start afresh. */
    void trust() {
        clear();
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
        clear();
    }

    /** A change was heard (or made here). */
    void clear() {
        generation.incrementAndGet();
        byId.clear();
        byCode.clear();
        root = null;
    }

    boolean trusted() {
        return enabled && trusted && System.nanoTime() - confirmedAt < CONFIRMED_FOR;
    }

    private <K> Optional<JurisdictionRef> cached(Map<K, Entry> map, K key, Supplier<Optional<JurisdictionRef>> read) {
        // the generation is taken before the database is read: a change heard meanwhile outdates what is read
        long g = generation.get();
        boolean usable = usable();
        Entry e = map.get(key);
        if (usable && e != null && e.generation() == g) {
            return Optional.of(e.ref());
        }
        Optional<JurisdictionRef> found = read.get();
        // an absent place is not remembered: one created a moment ago on another node must be found
        if (usable && found.isPresent()) {
            map.put(key, new Entry(found.get(), g));
        }
        return found;
    }

    /** Whether this thread may be served from the cache now. */
    boolean usable() {
        return trusted() && !TransactionSynchronizationManager.hasResource(WRITING);
    }
}
