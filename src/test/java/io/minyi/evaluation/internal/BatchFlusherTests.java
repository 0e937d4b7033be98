package io.minyi.evaluation.internal;

import io.minyi.platform.DatabaseFailures;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision 0054: a batch without clues commits without waiting for its WAL flush, and its residents are answered only
 * after the flusher's own synchronous commit (which flushes everything written before it) has returned. A writer of
 * its own is given a flusher that is not started yet: the form is committed — another connection sees its row — and
 * still nobody has been answered; once the flusher runs, the receipt comes, for that row. A form with a clue is
 * stored in a transaction that waits for its own flush, so it is answered without the flusher.
 */
@FullStackTest
class BatchFlusherTests {

    @Autowired
    SubmissionBatches batches;
    @Autowired
    EvaluationProperties properties;
    @Autowired
    EvaluationTargets targets;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;
    @Autowired
    ClueHandover clues;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReceiptCodes codes;

    @Test
    void a_receipt_is_shown_only_after_the_flusher_has_flushed_the_commit() throws Exception {
        BatchFlusher flusher = new BatchFlusher(jdbcTemplate);
        EvaluationProperties shared = flush(true);
        SubmissionWriter writer = new SubmissionWriter(new SubmissionBatches(jdbcTemplate, tx, shared, clues, codes), flusher,
                shared);
        writer.start();
        try {
            Submission form = form(null);
            CompletableFuture<Receipt> receipt = CompletableFuture.supplyAsync(() -> writer.submit(form));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (stored(form) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(stored(form)).as("committed, visible to another connection").isEqualTo(1);
            Thread.sleep(300);
            assertThat(receipt).as("not answered before the flush").isNotDone();

            flusher.start();
            Receipt shown = receipt.get(20, TimeUnit.SECONDS);
            assertThat(shown.trackingCode()).isEqualTo(receiptCodeOf(form));
            assertThat(shown.evaluationId()).isEqualTo(jdbc.sql("SELECT id FROM evaluation WHERE idempotency_key = ?")
                    .param(form.idempotencyKey()).query(Long.class).single());
        } finally {
            writer.stop();
            flusher.stop();
        }
    }

    @Test
    void a_form_with_a_clue_is_answered_after_its_own_synchronous_commit() throws Exception {
        BatchFlusher idle = new BatchFlusher(jdbcTemplate); // never started
        SubmissionWriter writer = new SubmissionWriter(batches, idle, properties);
        writer.start();
        try {
            Submission form = form("路灯坏了，晚上很黑");
            Receipt shown = CompletableFuture.supplyAsync(() -> writer.submit(form)).get(20, TimeUnit.SECONDS);
            assertThat(shown.trackingCode()).isEqualTo(receiptCodeOf(form));
            assertThat(stored(form)).isEqualTo(1);
        } finally {
            writer.stop();
        }
    }

    @Test
    void with_the_shared_flush_off_each_commit_waits_for_its_own_flush_and_is_answered_without_the_flusher()
            throws Exception {
        EvaluationProperties own = flush(false);
        BatchFlusher idle = new BatchFlusher(jdbcTemplate); // never started
        SubmissionWriter writer = new SubmissionWriter(new SubmissionBatches(jdbcTemplate, tx, own, clues, codes), idle, own);
        writer.start();
        try {
            Submission form = form(null);
            Receipt shown = CompletableFuture.supplyAsync(() -> writer.submit(form)).get(20, TimeUnit.SECONDS);
            assertThat(shown.trackingCode()).isEqualTo(receiptCodeOf(form));
            assertThat(stored(form)).isEqualTo(1);
        } finally {
            writer.stop();
        }
    }

    /**
     * A flush proves nothing for a batch committed on another server, or on the same one before it restarted (the
     * cluster drill's failover lost 17 acknowledged forms that way): the residents get a 503 and send the form again.
     */
    @Test
    void a_batch_committed_on_another_server_than_the_flush_ran_on_is_refused_not_answered() {
        OffsetDateTime started = jdbc.sql("SELECT pg_postmaster_start_time()").query(OffsetDateTime.class).single();
        Submission form = form(null);
        var here = new SubmissionWriter.Pending(form, new CompletableFuture<>());
        var elsewhere = new SubmissionWriter.Pending(form, new CompletableFuture<>());
        var stored = Map.of(form.idempotencyKey(), new SubmissionBatches.Stored(1, "ABCDEFGHJKM", false, true));

        BatchFlusher.answerOrFail(new SubmissionBatches.Written(Map.of(form.idempotencyKey(), List.of(here)), stored,
                true, started), started);
        BatchFlusher.answerOrFail(new SubmissionBatches.Written(Map.of(form.idempotencyKey(), List.of(elsewhere)),
                stored, true, started.minusSeconds(5)), started);

        assertThat(here.result()).isCompletedWithValueMatching(r -> r.trackingCode().equals("ABCDEFGHJKM"));
        assertThat(elsewhere.result()).isCompletedExceptionally();
        Throwable refused = elsewhere.result().handle((r, e) -> e).join();
        assertThat(DatabaseFailures.unavailable(refused)).as("answered 503, try again").isTrue();
    }

    /**
     * What the flush is for: once it returns, the WAL of every commit before it is on disk. A flush that only took a
     * transaction id committed asynchronously and left the batch's commit to the WAL writer (up to 200 ms later).
     */
    @Test
    void after_a_flush_the_wal_of_a_batch_committed_before_it_is_on_disk() {
        BatchFlusher flusher = new BatchFlusher(jdbcTemplate); // its thread is not needed to flush once
        SubmissionBatches shared = new SubmissionBatches(jdbcTemplate, tx, flush(true), clues, codes);
        for (int i = 0; i < 5; i++) {
            Submission form = form(null);
            var written = shared.write(List.of(new SubmissionWriter.Pending(form, new CompletableFuture<>())), 0);
            assertThat(written.awaitsFlush()).as("committed without waiting for its WAL").isTrue();
            String committed = jdbc.sql("SELECT pg_current_wal_insert_lsn()::text").query(String.class).single();
            flusher.flush();
            assertThat(jdbc.sql("SELECT pg_current_wal_flush_lsn() >= ?::pg_lsn").param(committed)
                    .query(Boolean.class).single()).as("flushed up to the batch's commit").isTrue();
        }
    }

    @Test
    void a_batch_carries_the_start_time_of_the_server_that_committed_it() {
        Submission form = form(null);
        var written = batches.write(List.of(new SubmissionWriter.Pending(form, new CompletableFuture<>())), 0);
        assertThat(written.server()).isEqualTo(
                jdbc.sql("SELECT pg_postmaster_start_time()").query(OffsetDateTime.class).single());
    }

    /** The context's settings with the shared flush on or off, whichever is the default (decision 0054). */
    private EvaluationProperties flush(boolean shared) {
        var w = properties.writer();
        return new EvaluationProperties(properties.unitDimensions(), properties.officerDimensions(),
                properties.rateLimit(), properties.stuffing(),
                new EvaluationProperties.Writer(w.batchSize(), w.writers(), w.queueCapacity(), w.waitAtMost(), shared,
                        w.gather(), w.linger(), w.gatherAtMost()),
                properties.sourceKeySecret());
    }

    /** The receipt code of the row stored under the form's key: its id's (ReceiptCodes, decision 0062). */
    private String receiptCodeOf(Submission form) {
        return codes.of(jdbc.sql("SELECT id FROM evaluation WHERE idempotency_key = ?").param(form.idempotencyKey())
                .query(Long.class).single()).value();
    }

    private long stored(Submission form) {
        return jdbc.sql("SELECT count(*) FROM evaluation WHERE idempotency_key = ?").param(form.idempotencyKey())
                .query(Long.class).single();
    }

    /** A resident's form on a unit's code, from a device and address of its own (nothing flagged). */
    private Submission form(String clue) {
        long targetId = jdbc.sql("SELECT id FROM evaluation_target WHERE active AND officer_id IS NULL"
                + " ORDER BY id OFFSET 7 LIMIT 1").query(Long.class).single();
        Target target = targets.byId(targetId).orElseThrow();
        UUID key = UUID.randomUUID();
        return new Submission(key, target, Rating.SATISFIED,
                Map.of(), null, null, clue, List.of(), TestSourceKeys.of("dev-" + key), null,
                TestSourceKeys.of("addr-" + key), Instant.now(), LocalDate.now(), null);
    }
}
