package io.minyi.platform;

import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseType;
import io.minyi.supervision.EventFixture;
import io.minyi.supervision.SupervisionTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.minyi.supervision.EventFixture.received;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, decision 0053: the publications made in a transaction are written at its commit, all in one
 * {@code INSERT}, and are Modulith's own rows: committed with the publisher's work, rolled back with it (or with a
 * savepoint), seen by the registry's other methods in the same transaction, and replayed by Modulith after a crash
 * with each listener run once.
 */
@SupervisionTestContext
class PublicationsAtTheCommitTests {

    private static final String ROLLUP_LISTENER =
            "io.minyi.reporting.internal.RollupProjection.on(io.minyi.casework.CaseEvents$CaseReceived)";
    private static final String PROJECTION_LISTENER =
            "io.minyi.supervision.internal.CaseProjection.on(io.minyi.casework.CaseEvents$CaseReceived)";

    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired EventSerializer serializer;
    @Autowired IncompleteEventPublications incomplete;
    @Autowired EventPublicationRepository registry;
    @Autowired @Qualifier("jdbcEventPublicationRepository") EventPublicationRepository modulith;

    @Test
    void the_registry_is_this_decorator() {
        assertThat(registry).isInstanceOf(PublicationsAtTheCommit.class);
    }

    @Test
    void an_events_publications_wait_for_the_commit_and_are_written_in_one_insert_as_modulith_writes_them() {
        AtomicInteger statements = new AtomicInteger();
        var counted = new PublicationsAtTheCommit(modulith, counting(statements), serializer);
        CaseReceived event = received(7_954_001L, CaseType.PETITION, 1, null, null, null, "提交时写入甲", now());
        Instant when = now();
        List<TargetEventPublication> made = List.of(publication(event, "a.A.on(x)", when),
                publication(event, "b.B.on(x)", when), publication(event, "c.C.on(x)", when));
        tx.executeWithoutResult(s -> {
            made.forEach(counted::create);
            assertThat(statements).hasValue(0);
            assertThat(rowsOf(7_954_001L)).isZero();
        });
        assertThat(statements).hasValue(1);
        assertThat(rowsOf(7_954_001L)).isEqualTo(3);

        TargetEventPublication byModulith = modulith.create(publication(event, "d.D.on(x)", when));
        Map<String, Object> theirs = row(byModulith);
        for (TargetEventPublication p : made) {
            Map<String, Object> ours = row(p);
            assertThat(ours.get("listener_id")).isEqualTo(p.getTargetIdentifier().getValue());
            assertThat(ours).containsEntry("event_type", theirs.get("event_type"))
                    .containsEntry("serialized_event", theirs.get("serialized_event"))
                    .containsEntry("publication_date", theirs.get("publication_date"))
                    .containsEntry("completion_date", null);
        }
    }

    @Test
    void outside_a_transaction_a_publication_is_written_at_once() {
        AtomicInteger statements = new AtomicInteger();
        var counted = new PublicationsAtTheCommit(modulith, counting(statements), serializer);
        CaseReceived event = received(7_954_011L, CaseType.PETITION, 1, null, null, null, "提交时写入乙", now());
        counted.create(publication(event, "a.A.on(x)"));
        assertThat(rowsOf(7_954_011L)).isEqualTo(1);
    }

    @Test
    void rolled_back_with_the_transaction() {
        CaseReceived event = received(7_954_021L, CaseType.PETITION, 1, null, null, null, "提交时写入丙", now());
        tx.executeWithoutResult(s -> {
            registry.create(publication(event, "a.A.on(x)"));
            registry.create(publication(event, "b.B.on(x)"));
            s.setRollbackOnly();
        });
        assertThat(rowsOf(7_954_021L)).isZero();
    }

    @Test
    void a_savepoint_rolled_back_takes_its_publications_and_a_new_transaction_inside_keeps_its_own() {
        CaseReceived event = received(7_954_031L, CaseType.PETITION, 1, null, null, null, "提交时写入丁", now());
        TransactionTemplate savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        TransactionTemplate separately = new TransactionTemplate(transactions);
        separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        tx.executeWithoutResult(s -> {
            registry.create(publication(event, "before.Savepoint.on(x)"));
            savepoint.executeWithoutResult(n -> {
                registry.create(publication(event, "in.Savepoint.on(x)"));
                n.setRollbackOnly();
            });
            separately.executeWithoutResult(n -> registry.create(publication(event, "in.NewTransaction.on(x)")));
            registry.create(publication(event, "after.Savepoint.on(x)"));
        });
        assertThat(listenersOf(7_954_031L))
                .containsExactlyInAnyOrder("before.Savepoint.on(x)", "in.NewTransaction.on(x)", "after.Savepoint.on(x)");

        tx.executeWithoutResult(s -> {
            registry.create(publication(event, "rolled.Back.on(x)"));
            separately.executeWithoutResult(n -> registry.create(publication(event, "committed.Inside.on(x)")));
            s.setRollbackOnly();
        });
        assertThat(listenersOf(7_954_031L)).contains("committed.Inside.on(x)").doesNotContain("rolled.Back.on(x)");
    }

    /**
     * A publication made after the commit while the transaction is still bound (a synchronous after-commit callback)
     * is written at once, as Modulith writes it, not kept for a commit that has already happened.
     */
    @Test
    void a_publication_made_after_the_commit_is_written_at_once() {
        CaseReceived event = received(7_954_071L, CaseType.PETITION, 1, null, null, null, "提交时写入辛", now());
        tx.executeWithoutResult(s -> TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        registry.create(publication(event, "after.Commit.on(x)"));
                    }
                }));
        assertThat(listenersOf(7_954_071L)).containsExactly("after.Commit.on(x)");
    }

    @Test
    void the_registry_asked_in_the_same_transaction_sees_the_waiting_publications() {
        CaseReceived event = received(7_954_041L, CaseType.PETITION, 1, null, null, null, "提交时写入戊", now());
        PublicationTargetIdentifier listener = PublicationTargetIdentifier.of("a.A.on(x)");
        tx.executeWithoutResult(s -> {
            registry.create(TargetEventPublication.of(event, listener, now()));
            assertThat(registry.findIncompletePublicationsByEventAndTargetIdentifier(event, listener)).isPresent();
            registry.markCompleted(event, listener, now());
        });
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NOT NULL "
                + "AND serialized_event LIKE ?").param("%\"caseId\":7954041,%").query(Long.class).single()).isOne();
    }

    /** A real event: nothing of it is written before the commit, and each listener's row is completed once. */
    @Test
    void a_published_events_rows_commit_with_the_publishers_work() {
        long caseId = 7_954_051L;
        tx.executeWithoutResult(s -> {
            events.publishEvent(received(caseId, CaseType.PETITION, village(), null, null, null, "提交时写入己",
                    at(LocalDate.of(2031, 8, 1))));
            assertThat(rowsOf(caseId)).isZero();
        });
        new EventFixture(events, tx, jdbc).awaitListeners();
        assertThat(jdbc.sql("SELECT listener_id FROM event_publication WHERE serialized_event LIKE ? "
                        + "AND completion_date IS NOT NULL").param("%\"caseId\":" + caseId + ",%")
                .query(String.class).list()).contains(ROLLUP_LISTENER, PROJECTION_LISTENER).doesNotHaveDuplicates();
    }

    /**
     * A crash right after the commit, before any listener ran: the rows written at the commit are all there is, and
     * Modulith's replay reads them back (type, JSON) and runs each listener once; a second replay runs none.
     */
    @Test
    void a_replay_after_a_crash_runs_each_listener_once() {
        long caseId = 7_954_061L;
        long village = village();
        LocalDate day = LocalDate.of(2031, 8, 2);
        CaseReceived event = received(caseId, CaseType.PETITION, village, null, null, null, "提交时写入庚", at(day));
        var crashed = new PublicationsAtTheCommit(modulith, new JdbcTemplate(dataSource), serializer);
        tx.executeWithoutResult(s -> {
            crashed.create(publication(event, ROLLUP_LISTENER));
            crashed.create(publication(event, PROJECTION_LISTENER));
        });
        assertThat(rowsOf(caseId)).isEqualTo(2);

        for (int replay = 0; replay < 2; replay++) {
            incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof CaseReceived r
                    && r.caseId() == caseId);
            new EventFixture(events, tx, jdbc).awaitListeners();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL "
                + "AND serialized_event LIKE ?").param("%\"caseId\":" + caseId + ",%").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT coalesce(sum(received), 0) FROM case_rollup_daily WHERE jurisdiction_id = ? "
                        + "AND day = ? AND category = '提交时写入庚'").params(village, Date.valueOf(day))
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM supervised_case WHERE case_id = ?").param(caseId)
                .query(Long.class).single()).isOne();
    }

    private JdbcTemplate counting(AtomicInteger statements) {
        return new JdbcTemplate(dataSource) {
            @Override
            public int update(String sql, Object... args) {
                statements.incrementAndGet();
                return super.update(sql, args);
            }
        };
    }

    private static TargetEventPublication publication(Object event, String listener) {
        return publication(event, listener, now());
    }

    private static TargetEventPublication publication(Object event, String listener, Instant when) {
        return TargetEventPublication.of(event, PublicationTargetIdentifier.of(listener), when);
    }

    private long rowsOf(long caseId) {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE ?")
                .param("%\"caseId\":" + caseId + ",%").query(Long.class).single();
    }

    private List<String> listenersOf(long caseId) {
        return jdbc.sql("SELECT listener_id FROM event_publication WHERE serialized_event LIKE ?")
                .param("%\"caseId\":" + caseId + ",%").query(String.class).list();
    }

    private Map<String, Object> row(TargetEventPublication p) {
        return jdbc.sql("SELECT event_type, listener_id, publication_date, serialized_event, completion_date "
                + "FROM event_publication WHERE id = ?").param(p.getIdentifier()).query().singleRow();
    }

    private long village() {
        return jdbc.sql("SELECT id FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id LIMIT 1").query(Long.class)
                .single();
    }

    /** PostgreSQL keeps microseconds. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant at(LocalDate day) {
        return day.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }
}
