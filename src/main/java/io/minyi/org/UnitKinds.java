package io.minyi.org;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The configured unit kinds, read once and again after each change (a few dozen rows, read on every unit form and
 * import row). On a cluster another node's change is seen after {@link #REREAD_MILLIS} at the latest.
 */
@Component
@RequiredArgsConstructor
public class UnitKinds {

    static final long REREAD_MILLIS = 60_000;

    private record Cached(List<UnitKind> kinds, long readAt) {
    }

    private final JdbcClient jdbc;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    /** Every kind, active or not, in the administrators' order. */
    public List<UnitKind> all() {
        Cached c = cache.get();
        if (c == null || System.currentTimeMillis() - c.readAt() > REREAD_MILLIS) {
            c = new Cached(jdbc.sql("SELECT * FROM unit_kind ORDER BY sort, code")
                    .query((rs, i) -> new UnitKind(rs.getString("code"), rs.getString("label"),
                            UnitSystem.valueOf(rs.getString("system")), rs.getBoolean("built_in"),
                            rs.getBoolean("active"), rs.getInt("sort")))
                    .list(), System.currentTimeMillis());
            cache.set(c);
        }
        return c.kinds();
    }

    /** The kinds a unit may be given now. */
    public List<UnitKind> active() {
        return all().stream().filter(UnitKind::active).toList();
    }

    public Optional<UnitKind> byCode(String code) {
        return all().stream().filter(k -> k.code().equals(code)).findFirst();
    }

    /** Accepts the code (POLICE_STATION) or the label (派出所), as people type either in spreadsheets. */
    public Optional<UnitKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return active().stream().filter(k -> k.code().equalsIgnoreCase(t) || k.label().equals(t)).findFirst();
    }

    /**
     * After an administrator's change: the next read goes to the table — after the change commits, so that no read in
     * between caches the old rows.
     */
    public void changed() {
        cache.set(null);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.set(null);
                }
            });
        }
    }
}
