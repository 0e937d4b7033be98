package io.minyi.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The routing on a real PostgreSQL: the "replica" is a second database on the same server (read-only, as the
 * replica's pool makes every connection), so which one answered shows in {@code current_database()}.
 */
class ReadReplicaRoutingTests {

    static EmbeddedPostgres pg;
    static HikariDataSource primary;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setLocaleConfig("locale", "C.UTF-8").start();
        JdbcClient.create(pg.getPostgresDatabase()).sql("CREATE DATABASE replica_copy").update();
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        c.setMaximumPoolSize(1); // one connection: the read-only marking must be undone before the next borrower
        primary = new HikariDataSource(c);
    }

    @AfterAll
    static void stop() throws Exception {
        primary.close();
        pg.close();
    }

    @Test
    void stale_reads_go_to_the_replica_and_everything_else_to_the_primary() {
        try (ReadReplica replica = ReadReplica.at(pg.getJdbcUrl("postgres", "replica_copy"), "postgres", null, 2,
                Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ZERO, primary)) {
            JdbcClient jdbc = JdbcClient.create(routing(replica));

            assertThat(database(jdbc)).isEqualTo("postgres");
            assertThat(StaleReads.call(() -> database(jdbc))).isEqualTo("replica_copy");
            assertThat(StaleReads.call(() -> readOnly(jdbc))).isEqualTo("on");
            assertThat(readOnly(jdbc)).isEqualTo("off");
            assertThat(replica.status().state()).isEqualTo(ReadReplica.State.UNKNOWN);

            replica.check(primary);
            // not a standby: nothing to replay, so no lag
            assertThat(replica.status().state()).isEqualTo(ReadReplica.State.UP);
            assertThat(replica.status().lag()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void without_a_replica_stale_reads_use_the_primary_read_only_and_leave_it_writable_afterwards() {
        JdbcClient jdbc = JdbcClient.create(routing(ReadReplica.none()));
        jdbc.sql("CREATE TABLE IF NOT EXISTS scratch (n int)").update();

        assertThat(StaleReads.call(() -> database(jdbc))).isEqualTo("postgres");
        assertThatThrownBy(() -> StaleReads.run(() -> jdbc.sql("INSERT INTO scratch VALUES (1)").update()))
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause().hasMessageContaining("read-only");

        // the pool's only connection went back to normal when the section returned it
        assertThat(jdbc.sql("INSERT INTO scratch VALUES (2)").update()).isEqualTo(1);
        assertThat(readOnly(jdbc)).isEqualTo("off");
    }

    @Test
    void a_replica_that_does_not_answer_is_left_alone_and_the_primary_answers_within_about_a_second() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (ReadReplica replica = ReadReplica.at("jdbc:postgresql://127.0.0.1:" + closedPort + "/minyi", "postgres",
                null, 2, Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ZERO, primary)) {
            JdbcClient jdbc = JdbcClient.create(routing(replica));

            long t0 = System.nanoTime();
            assertThat(StaleReads.call(() -> database(jdbc))).isEqualTo("postgres");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
            assertThat(replica.status().state()).isEqualTo(ReadReplica.State.DOWN);
            assertThat(replica.status().serving()).isFalse();

            // while it is left alone, no time is spent on it
            long t1 = System.nanoTime();
            assertThat(StaleReads.call(() -> readOnly(jdbc))).isEqualTo("on");
            assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofMillis(500));

            // and the lag check keeps it marked down
            replica.check(primary);
            assertThat(replica.status().state()).isEqualTo(ReadReplica.State.DOWN);
        }
    }

    @Test
    void a_section_inside_a_transaction_keeps_the_transactions_primary_connection() {
        try (ReadReplica replica = ReadReplica.at(pg.getJdbcUrl("postgres", "replica_copy"), "postgres", null, 2,
                Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ZERO, primary)) {
            var ds = routing(replica);
            var tx = new org.springframework.transaction.support.TransactionTemplate(
                    new org.springframework.jdbc.datasource.DataSourceTransactionManager(ds));
            JdbcClient jdbc = JdbcClient.create(ds);
            String inside = tx.execute(s -> StaleReads.call(() -> database(jdbc)));
            assertThat(inside).isEqualTo("postgres");
        }
    }

    private static ReplicaRoutingDataSource routing(ReadReplica replica) {
        var beans = new StaticListableBeanFactory();
        beans.addBean("readReplica", replica);
        ObjectProvider<ReadReplica> provider = beans.getBeanProvider(ReadReplica.class);
        return new ReplicaRoutingDataSource(primary, provider);
    }

    private static String database(JdbcClient jdbc) {
        return jdbc.sql("SELECT current_database()").query(String.class).single();
    }

    private static String readOnly(JdbcClient jdbc) {
        return jdbc.sql("SHOW transaction_read_only").query(String.class).single();
    }
}
