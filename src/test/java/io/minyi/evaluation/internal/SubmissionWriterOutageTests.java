package io.minyi.evaluation.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The database is away (stopped, restarting): the group-commit writer must turn every waiting resident away at once
 * with an error the web layer answers as 503 + Retry-After, instead of retrying each item of a failed batch alone —
 * which waited out the pool's connection timeout once per item and kept the writer and its queue stuck.
 */
class SubmissionWriterOutageTests {

    @Test
    void without_a_database_a_batch_fails_at_once_with_a_database_unavailable_error() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres");
        config.setUsername("postgres");
        config.setConnectionTimeout(1000);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource away = new HikariDataSource(config)) {
            EvaluationProperties properties = new EvaluationProperties(List.of(), List.of(), null,
                    new EvaluationProperties.Stuffing(3, 3, 3),
                    new EvaluationProperties.Writer(100, 1, 1000, Duration.ofSeconds(30), true, 16,
                            Duration.ZERO, Duration.ofMillis(20)), "test");
            SubmissionBatches batches = new SubmissionBatches(new JdbcTemplate(away),
                    new TransactionTemplate(new DataSourceTransactionManager(away)), properties, null,
                    new ReceiptCodes(org.springframework.jdbc.core.simple.JdbcClient.create(away)));
            SubmissionWriter writer = new SubmissionWriter(batches, new BatchFlusher(new JdbcTemplate(away)), properties);
            writer.start();
            try (ExecutorService residents = Executors.newFixedThreadPool(12)) {
                long t0 = System.nanoTime();
                List<CompletableFuture<Throwable>> answers = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    answers.add(CompletableFuture.supplyAsync(() -> catchThrowable(() -> writer.submit(submission())),
                            residents));
                }
                for (CompletableFuture<Throwable> a : answers) {
                    assertThat(a.get()).isInstanceOf(DataAccessResourceFailureException.class);
                }
                // one connection timeout for the first batch and one for the rest, not one per resident
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
            } finally {
                writer.stop();
            }
        }
    }

    private static Submission submission() {
        Target target = new Target(1, "code", 1, "派出所", 1, "/1/", null, null, null, null, true, null, false);
        return new Submission(UUID.randomUUID(), target, Rating.SATISFIED, Map.of(), null, null, null,
                List.of(), TestSourceKeys.of("device"), null, TestSourceKeys.of("address"), Instant.now(), LocalDate.now(), null);
    }
}
