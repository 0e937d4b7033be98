package io.minyi.platform;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Decision 0075: a publication's completion, written at the start of its listener's transaction (0053), is a claim.
 * Two runs of one publication at once — a node republishing its incomplete publications at start-up while another
 * node still runs one — do the work once: the second waits for the first's transaction, then finds the publication
 * completed and stops before the listener's method.
 */
@FullStackTest
class PublicationClaimTests {

    private static final String METHOD = PublicationClaimTests.class.getName() + ".on";
    private static final PublicationTargetIdentifier LISTENER = PublicationTargetIdentifier.of(METHOD + "(java.lang.Object)");

    record Happened(UUID id) {
    }

    @Autowired EventPublicationRegistry registry;
    @Autowired EventSerializer serializer;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void the_second_of_two_runs_at_once_finds_the_publication_taken_and_does_nothing() throws Exception {
        Happened event = new Happened(UUID.randomUUID());
        UUID publication = stored(event);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> listenersTransaction().executeWithoutResult(s -> {
            registry.markProcessing(event, LISTENER);
            claimed.countDown();
            await(release); // the first run's work, still going on
        }));
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(() -> {
            try {
                listenersTransaction().executeWithoutResult(s -> registry.markProcessing(event, LISTENER));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(300);
        assertThat(second).as("the second run waits for the first's transaction").isNotDone();
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(second.get(10, TimeUnit.SECONDS)).isInstanceOf(CompletionWithTheListener.TakenByAnotherRun.class);
        assertThat(jdbc.sql("SELECT completion_date IS NOT NULL FROM event_publication WHERE id = ?").param(publication)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void a_run_whose_first_try_rolled_back_takes_the_publication_again() {
        Happened event = new Happened(UUID.randomUUID());
        UUID publication = stored(event);
        TransactionTemplate failing = listenersTransaction();
        assertThatThrownBy(() -> failing.executeWithoutResult(s -> {
            registry.markProcessing(event, LISTENER);
            throw new IllegalStateException("the listener failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("SELECT completion_date IS NULL FROM event_publication WHERE id = ?").param(publication)
                .query(Boolean.class).single()).isTrue();
        listenersTransaction().executeWithoutResult(s -> registry.markProcessing(event, LISTENER));
        assertThat(jdbc.sql("SELECT completion_date IS NOT NULL FROM event_publication WHERE id = ?").param(publication)
                .query(Boolean.class).single()).isTrue();
        assertThatThrownBy(() -> listenersTransaction().executeWithoutResult(s -> registry.markProcessing(event, LISTENER)))
                .isInstanceOf(CompletionWithTheListener.TakenByAnotherRun.class);
    }

    /** A transaction named as a listener method's own, as Spring names it. */
    private TransactionTemplate listenersTransaction() {
        TransactionTemplate t = new TransactionTemplate(transactions);
        t.setName(METHOD);
        return t;
    }

    /** The publication as the publisher's transaction stores it, not yet completed. */
    private UUID stored(Happened event) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date)
                        VALUES (?, ?, ?, ?, now())""")
                .params(id, LISTENER.getValue(), Happened.class.getName(), serializer.serialize(event).toString()).update();
        return id;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
