package io.minyi.platform;

import lombok.RequiredArgsConstructor;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Tells every {@link ChangeHeardCache} of this node when a commit anywhere wrote its table: one connection of its own
 * LISTENs on every cache's channel (each table's trigger notifies it at commit). It asks the connection every second
 * whether it is alive, and tells the caches: a notification can only be missed while nobody listens, and then no
 * cache is used.
 */
@Component
@RequiredArgsConstructor
public class ChangeFeed extends NodeThread {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int LOOK_MS = 1000;
    private static final int ANSWER_WITHIN_MS = 2000;
    private static final long RECONNECT_MS = 1000;

    private final DataSource dataSource;
    private final List<ChangeHeardCache> caches;

    @Override
    protected String threadName() {
        return "change-feed";
    }

    @Override
    protected void work() {
        listen();
    }

    @Override
    protected void stopping() {
        caches.forEach(ChangeHeardCache::distrust);
    }

    /** Early: the demo city and the listeners read cached rows as soon as the context is up. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void listen() {
        boolean failing = false;
        var timeouts = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "change-feed-timeout");
            t.setDaemon(true);
            return t;
        });
        try {
            while (isRunning()) {
                try (Connection c = ListeningConnection.open(dataSource, "minyi-change-feed")) {
                    c.setNetworkTimeout(timeouts, ANSWER_WITHIN_MS);
                    try (Statement st = c.createStatement()) {
                        for (String channel : caches.stream().flatMap(x -> x.channels().stream()).distinct().toList()) {
                            st.execute("LISTEN " + channel);
                        }
                        caches.forEach(ChangeHeardCache::trust);
                        if (failing) {
                            log.info("change feed listening again");
                            failing = false;
                        }
                        hear(c.unwrap(PGConnection.class), st);
                    }
                } catch (SQLException | RuntimeException e) {
                    caches.forEach(ChangeHeardCache::distrust);
                    if (!isRunning()) {
                        return;
                    }
                    if (!failing) {
                        log.warn("change feed lost its connection, cached rows read from the database until it listens"
                                + " again: {}", e.toString());
                        failing = true;
                    }
                    Thread.sleep(RECONNECT_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            caches.forEach(ChangeHeardCache::distrust);
            timeouts.shutdownNow();
        }
    }

    private void hear(PGConnection pg, Statement st) throws SQLException {
        while (isRunning()) {
            tell(pg.getNotifications(LOOK_MS));
            // a round trip proves the connection alive; notifications of earlier commits arrive before its answer
            st.execute("SELECT 1");
            tell(pg.getNotifications());
            caches.forEach(ChangeHeardCache::confirm);
        }
    }

    private void tell(PGNotification[] heard) {
        if (heard == null) {
            return;
        }
        for (PGNotification n : heard) {
            for (ChangeHeardCache cache : caches) {
                if (cache.channels().contains(n.getName())) {
                    cache.changed();
                }
            }
        }
    }
}
