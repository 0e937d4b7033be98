package io.minyi.org;

import io.minyi.platform.ListeningConnection;
import lombok.RequiredArgsConstructor;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;

/**
 * Empties this node's {@link JurisdictionCache} whenever a commit anywhere wrote a jurisdiction: a connection of its own
 * LISTENs on {@code minyi_org_jurisdiction} (V10_21's trigger notifies at every such commit). It asks the connection
 * every second whether it is alive, and tells the cache: a notification can only be missed while nobody listens, and
 * then the cache is not used.
 */
@Component
@RequiredArgsConstructor
class JurisdictionFeed implements SmartLifecycle {

    static final String CHANNEL = "minyi_org_jurisdiction";
    private static final Logger log = LoggerFactory.getLogger(JurisdictionFeed.class);
    private static final int LOOK_MS = 1000;
    private static final int ANSWER_WITHIN_MS = 2000;
    private static final long RECONNECT_MS = 1000;

    private final DataSource dataSource;
    private final JurisdictionCache cache;
    private volatile boolean running;
    private volatile Thread thread;

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::listen, "jurisdiction-feed");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        cache.distrust();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early: the demo city and the listeners read jurisdictions as soon as the context is up. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void listen() {
        boolean failing = false;
        var timeouts = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jurisdiction-feed-timeout");
            t.setDaemon(true);
            return t;
        });
        try {
            while (running) {
                try (Connection c = ListeningConnection.open(dataSource, "minyi-jurisdiction-feed")) {
                    c.setNetworkTimeout(timeouts, ANSWER_WITHIN_MS);
                    try (Statement st = c.createStatement()) {
                        st.execute("LISTEN " + CHANNEL);
                        cache.trust();
                        if (failing) {
                            log.info("jurisdiction feed listening again");
                            failing = false;
                        }
                        hear(c.unwrap(PGConnection.class), st);
                    }
                } catch (SQLException | RuntimeException e) {
                    cache.distrust();
                    if (!running) {
                        return;
                    }
                    if (!failing) {
                        log.warn("jurisdiction feed lost its connection, jurisdictions read from the database until it"
                                + " listens again: {}", e.toString());
                        failing = true;
                    }
                    Thread.sleep(RECONNECT_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cache.distrust();
            timeouts.shutdownNow();
        }
    }

    private void hear(PGConnection pg, Statement st) throws SQLException {
        while (running) {
            clearIfHeard(pg.getNotifications(LOOK_MS));
            // a round trip proves the connection alive; notifications of earlier commits arrive before its answer
            st.execute("SELECT 1");
            clearIfHeard(pg.getNotifications());
            cache.confirm();
        }
    }

    private void clearIfHeard(PGNotification[] heard) {
        if (heard != null && heard.length > 0) {
            cache.clear();
        }
    }
}
