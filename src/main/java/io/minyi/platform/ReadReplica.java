package io.minyi.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The read-only replica for {@link StaleReads} sections (a PostgreSQL hot standby fed by streaming replication), and
 * how far it is behind the primary. Without {@code minyi.replica.url} there is none and every read goes to the
 * primary, which is the default and what the embedded database does.
 *
 * <p>The replica is used while it answers and its lag is within {@code minyi.replica.max-lag}; a replica that refused
 * a connection is left alone for {@code minyi.replica.retry-after} and the reads go to the primary meanwhile. The lag
 * is measured every {@code minyi.replica.check-every}: zero when the replica has replayed everything the primary has
 * written (so an idle primary does not look like a late replica), otherwise the age of the last replayed commit.
 */
public class ReadReplica implements AutoCloseable {

    public enum State { NOT_CONFIGURED, UNKNOWN, UP, BEHIND, DOWN }

    /** {@code lag} is null while unknown, down or not configured. */
    public record Status(State state, @Nullable Duration lag, @Nullable Instant checkedAt) {

        /** Whether stale reads go to the replica now. */
        public boolean serving() {
            return state == State.UP || state == State.UNKNOWN;
        }

        public @Nullable Long lagSeconds() {
            return lag == null ? null : lag.toSeconds();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);

    private final @Nullable DataSource replica;
    private final Duration maxLag;
    private final Duration retryAfter;
    private final Clock clock;
    private volatile Status status;
    private volatile @Nullable Instant downSince;
    private final @Nullable ScheduledExecutorService checker;

    /** No replica: every read goes to the primary. */
    public static ReadReplica none() {
        return new ReadReplica(null, Duration.ZERO, Duration.ZERO, Clock.systemUTC(), null, null);
    }

    /** A replica at this JDBC URL, checked against {@code primary} every {@code checkEvery} (zero: never). */
    public static ReadReplica at(String url, @Nullable String user, @Nullable String password, int poolSize,
                                 Duration maxLag, Duration retryAfter, Duration checkEvery, DataSource primary) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setPoolName("minyi-replica");
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(0);
        c.setReadOnly(true);
        // enforced by the server for every statement, also outside transactions and if the URL names a primary
        c.setConnectionInitSql("SET SESSION default_transaction_read_only = on");
        // a replica that does not answer within a second is taken as down: the primary answers instead
        c.setConnectionTimeout(1000);
        c.setValidationTimeout(1000);
        // start even when the replica is away
        c.setInitializationFailTimeout(-1);
        return new ReadReplica(new HikariDataSource(c), maxLag, retryAfter, Clock.systemUTC(), primary, checkEvery);
    }

    ReadReplica(@Nullable DataSource replica, Duration maxLag, Duration retryAfter, Clock clock,
                @Nullable DataSource primary, @Nullable Duration checkEvery) {
        this.replica = replica;
        this.maxLag = maxLag;
        this.retryAfter = retryAfter;
        this.clock = clock;
        this.status = new Status(replica == null ? State.NOT_CONFIGURED : State.UNKNOWN, null, null);
        if (replica != null && primary != null && checkEvery != null && checkEvery.isPositive()) {
            checker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "replica-lag-check");
                t.setDaemon(true);
                return t;
            });
            checker.scheduleWithFixedDelay(() -> check(primary), 0, checkEvery.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            checker = null;
        }
    }

    public Status status() {
        return status;
    }

    /** A connection to the replica, or null when stale reads should go to the primary now. */
    @Nullable Connection connection() {
        if (replica == null || status.state() == State.BEHIND) {
            return null;
        }
        Instant down = downSince;
        if (status.state() == State.DOWN && down != null && clock.instant().isBefore(down.plus(retryAfter))) {
            return null;
        }
        try {
            Connection c = replica.getConnection();
            if (status.state() == State.DOWN) {
                status = new Status(State.UNKNOWN, null, clock.instant());
                downSince = null;
                log.info("read replica answers again");
            }
            return c;
        } catch (SQLException e) {
            markDown(e);
            return null;
        }
    }

    private void markDown(Exception e) {
        if (status.state() != State.DOWN) {
            log.warn("read replica unavailable, stale reads go to the primary: {}", e.toString());
        }
        downSince = clock.instant();
        status = new Status(State.DOWN, null, clock.instant());
    }

    /** Measures the replica's lag behind {@code primary}. */
    void check(DataSource primary) {
        if (replica == null) {
            return;
        }
        try {
            String primaryLsn = null;
            try (Connection p = primary.getConnection(); Statement st = p.createStatement();
                 ResultSet rs = st.executeQuery(
                         "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END")) {
                rs.next();
                primaryLsn = rs.getString(1);
            } catch (SQLException | RuntimeException e) {
                // the primary away says nothing about the replica: judge it by its last replayed commit alone
                log.debug("lag check could not ask the primary: {}", e.toString());
            }
            Duration lag;
            try (Connection r = replica.getConnection(); var st = r.prepareStatement("""
                    SELECT pg_is_in_recovery(),
                           coalesce(pg_wal_lsn_diff(?::pg_lsn, pg_last_wal_replay_lsn()) <= 0, false),
                           extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())""")) {
                st.setString(1, primaryLsn);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    boolean standby = rs.getBoolean(1);
                    boolean caughtUp = rs.getBoolean(2);
                    double behind = rs.getDouble(3);
                    lag = !standby || caughtUp || rs.wasNull() ? Duration.ZERO
                            : Duration.ofMillis((long) (behind * 1000));
                }
            }
            Instant now = clock.instant();
            if (status.state() == State.DOWN) {
                log.info("read replica answers again");
            }
            downSince = null;
            status = new Status(lag.compareTo(maxLag) > 0 ? State.BEHIND : State.UP, lag, now);
        } catch (SQLException | RuntimeException e) {
            markDown(e);
        }
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
        if (replica instanceof HikariDataSource h) {
            h.close();
        }
    }
}
