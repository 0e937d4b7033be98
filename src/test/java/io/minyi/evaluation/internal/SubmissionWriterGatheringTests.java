package io.minyi.evaluation.internal;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision 0054, "gathering": while a flush is owed, or for a short linger after its first form came, a writer does
 * not store that form on its own; it lets forms gather until the flusher has answered (and the linger is over) or
 * enough forms wait, so that they share one batch call and one commit.
 * One writer and a flusher that is started only when the test says so: the first form is committed and owed a flush;
 * the next two are then held (not stored) while that flush is owed, and stored together — one transaction, one
 * {@code xmin} — once it has been answered. With enough forms waiting, the writer does not wait for the flush.
 */
@FullStackTest
class SubmissionWriterGatheringTests {

    @Autowired
    EvaluationProperties properties;
    @Autowired
    EvaluationTargets targets;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ClueHandover clues;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReceiptCodes codes;

    private final ExecutorService residents = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void closeResidents() {
        residents.shutdownNow();
    }

    @Test
    void forms_arriving_while_a_flush_is_owed_wait_for_it_and_share_one_batch() throws Exception {
        BatchFlusher flusher = new BatchFlusher(jdbcTemplate);
        SubmissionWriter writer = writer(flusher, 4);
        writer.start();
        try {
            Submission first = form();
            CompletableFuture<Receipt> firstReceipt = submit(writer, first);
            awaitStored(first);

            Submission second = form();
            Submission third = form();
            CompletableFuture<Receipt> secondReceipt = submit(writer, second);
            CompletableFuture<Receipt> thirdReceipt = submit(writer, third);
            Thread.sleep(500);
            assertThat(stored(second) + stored(third)).as("held while the first form's flush is owed").isZero();
            assertThat(firstReceipt).isNotDone();

            flusher.start();
            assertThat(firstReceipt.get(20, TimeUnit.SECONDS).trackingCode()).isEqualTo(receiptCodeOf(first));
            assertThat(secondReceipt.get(20, TimeUnit.SECONDS).trackingCode()).isEqualTo(receiptCodeOf(second));
            assertThat(thirdReceipt.get(20, TimeUnit.SECONDS).trackingCode()).isEqualTo(receiptCodeOf(third));
            assertThat(transactions(second, third)).as("stored in one batch").isEqualTo(1);
        } finally {
            writer.stop();
            flusher.stop();
        }
    }

    @Test
    void with_enough_forms_waiting_the_writer_does_not_wait_for_the_flush() throws Exception {
        BatchFlusher flusher = new BatchFlusher(jdbcTemplate);
        SubmissionWriter writer = writer(flusher, 3);
        writer.start();
        try {
            Submission first = form();
            CompletableFuture<Receipt> firstReceipt = submit(writer, first);
            awaitStored(first);

            List<Submission> next = List.of(form(), form(), form());
            List<CompletableFuture<Receipt>> receipts = next.stream().map(f -> submit(writer, f)).toList();
            next.forEach(this::awaitStored);
            assertThat(firstReceipt).as("the flush has not run").isNotDone();
            assertThat(receipts).as("nobody answered before the flush").noneMatch(CompletableFuture::isDone);

            flusher.start();
            for (int i = 0; i < next.size(); i++) {
                assertThat(receipts.get(i).get(20, TimeUnit.SECONDS).trackingCode())
                        .isEqualTo(receiptCodeOf(next.get(i)));
            }
            assertThat(firstReceipt.get(20, TimeUnit.SECONDS).trackingCode()).isEqualTo(receiptCodeOf(first));
        } finally {
            writer.stop();
            flusher.stop();
        }
    }

    private SubmissionWriter writer(BatchFlusher flusher, int gather) {
        return writer(flusher, gather, Duration.ZERO);
    }

    @Test
    void with_no_flush_owed_the_first_form_lingers_for_the_next_ones() throws Exception {
        BatchFlusher flusher = new BatchFlusher(jdbcTemplate);
        flusher.start();
        SubmissionWriter writer = writer(flusher, 10, Duration.ofSeconds(3));
        writer.start();
        try {
            Submission first = form();
            Submission second = form();
            CompletableFuture<Receipt> firstReceipt = submit(writer, first);
            Thread.sleep(100);
            CompletableFuture<Receipt> secondReceipt = submit(writer, second);
            Thread.sleep(400);
            assertThat(stored(first) + stored(second)).as("the first form lingers for others").isZero();

            assertThat(firstReceipt.get(20, TimeUnit.SECONDS).trackingCode()).isEqualTo(receiptCodeOf(first));
            assertThat(secondReceipt.get(20, TimeUnit.SECONDS).trackingCode()).isEqualTo(receiptCodeOf(second));
            assertThat(transactions(first, second)).as("stored in one batch").isEqualTo(1);
        } finally {
            writer.stop();
            flusher.stop();
        }
    }

    /** One writer with the shared flush, gathering until {@code gather} forms wait; no time bound within a test. */
    private SubmissionWriter writer(BatchFlusher flusher, int gather, Duration linger) {
        var w = properties.writer();
        EvaluationProperties own = new EvaluationProperties(properties.unitDimensions(),
                properties.officerDimensions(), properties.rateLimit(), properties.stuffing(),
                new EvaluationProperties.Writer(w.batchSize(), 1, w.queueCapacity(), Duration.ofSeconds(60), true,
                        gather, linger, Duration.ofSeconds(60)),
                properties.sourceKeySecret());
        return new SubmissionWriter(new SubmissionBatches(jdbcTemplate, tx, own, clues, codes), flusher, own);
    }

    private CompletableFuture<Receipt> submit(SubmissionWriter writer, Submission form) {
        return CompletableFuture.supplyAsync(() -> writer.submit(form), residents);
    }

    private void awaitStored(Submission form) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stored(form) == 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(stored(form)).as("committed, visible to another connection").isEqualTo(1);
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

    /** How many transactions wrote the forms' rows (a batch is one). */
    private long transactions(Submission... forms) {
        return jdbc.sql("SELECT count(DISTINCT xmin::text) FROM evaluation WHERE idempotency_key = ANY(?::uuid[])")
                .param(java.util.Arrays.stream(forms).map(f -> f.idempotencyKey().toString())
                        .toArray(String[]::new))
                .query(Long.class).single();
    }

    /** A resident's form on a unit's code, from a device and address of its own (nothing flagged). */
    private Submission form() {
        long targetId = jdbc.sql("SELECT id FROM evaluation_target WHERE active AND officer_id IS NULL"
                + " ORDER BY id OFFSET 7 LIMIT 1").query(Long.class).single();
        Target target = targets.byId(targetId).orElseThrow();
        UUID key = UUID.randomUUID();
        return new Submission(key, target, Rating.SATISFIED,
                Map.of(), null, null, null, List.of(), TestSourceKeys.of("dev-" + key), null,
                TestSourceKeys.of("addr-" + key), Instant.now(), LocalDate.now(), null);
    }
}
