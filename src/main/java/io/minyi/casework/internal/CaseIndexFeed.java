package io.minyi.casework.internal;

import io.minyi.platform.ListeningConnection;
import io.minyi.platform.NodeThread;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Brings this node's duplicate index up to date within about a second of another node's commit: a connection of its
 * own LISTENs on {@code minyi_case_index}, which the trigger on {@code cases} notifies at every commit that wrote a
 * case (V9_90); each notification starts a {@link DuplicateSuggestions#catchUp()}. A look every {@code safetyPoll}
 * covers notifications lost while the connection was being re-opened (database restarted, failed over).
 */
@Component
public class CaseIndexFeed extends NodeThread {

    static final String CHANNEL = "minyi_case_index";
    private static final Logger log = LoggerFactory.getLogger(CaseIndexFeed.class);
    /** Bursts of commits are read together instead of one look per commit. */
    private static final long MIN_GAP_MS = 200;
    private static final long RECONNECT_MS = 2000;

    private final DataSource dataSource;
    private final DuplicateSuggestions suggestions;
    private final Duration safetyPoll;
    private volatile long catchUps;

    public CaseIndexFeed(DataSource dataSource, DuplicateSuggestions suggestions,
                         @Value("${minyi.casework.index-feed.safety-poll:30s}") Duration safetyPoll) {
        this.dataSource = dataSource;
        this.suggestions = suggestions;
        this.safetyPoll = safetyPoll;
    }

    @Override
    protected String threadName() {
        return "case-index-feed";
    }

    @Override
    protected void work() {
        listen();
    }

    /** After the web server and everything else: the index is built on ApplicationReadyEvent anyway. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** How many catch-ups this feed has started (for tests and the log). */
    long catchUps() {
        return catchUps;
    }

    private void listen() {
        boolean failing = false;
        while (isRunning()) {
            try (Connection c = open()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                if (failing) {
                    log.info("duplicate index feed listening again");
                    failing = false;
                }
                // whatever was committed while nobody listened
                catchUp();
                long last = System.nanoTime();
                while (isRunning()) {
                    long waitMs = Math.max(1, Math.min(1000,
                            safetyPoll.toMillis() - (System.nanoTime() - last) / 1_000_000));
                    PGNotification[] heard = pg.getNotifications((int) waitMs);
                    boolean due = (System.nanoTime() - last) / 1_000_000 >= safetyPoll.toMillis();
                    if ((heard != null && heard.length > 0) || due) {
                        catchUp();
                        last = System.nanoTime();
                        Thread.sleep(MIN_GAP_MS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                if (!isRunning()) {
                    return;
                }
                if (!failing) {
                    log.warn("duplicate index feed lost its connection, retrying every {} ms: {}", RECONNECT_MS,
                            e.toString());
                    failing = true;
                }
                try {
                    Thread.sleep(RECONNECT_MS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void catchUp() {
        suggestions.catchUp();
        catchUps++;
    }

    private Connection open() throws SQLException {
        return ListeningConnection.open(dataSource, "minyi-case-index-feed");
    }
}
