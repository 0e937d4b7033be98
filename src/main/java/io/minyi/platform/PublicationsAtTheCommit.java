package io.minyi.platform;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Spring Modulith's JDBC registry, except that the publications created inside a transaction are written when it
 * commits, all of them in one multi-row {@code INSERT} (issue 11, decision 0053): Modulith writes one {@code INSERT}
 * per listener of an event, each a round trip inside the publisher's transaction — two or three for a new case's
 * {@code CaseReceived}, on the request thread of every Open311 POST. A decorator of Modulith's repository (its code
 * untouched); the rows are Modulith's own: the same columns, ids, dates and JSON (the same serializer).
 *
 * <p>The rows are written in the transaction's {@code beforeCommit}, so they commit with the publisher's work or not
 * at all, and the listeners, which run after the commit, find them. They are written earlier when anything in the
 * same transaction asks the registry for anything (every other method writes them first), and not deferred at all
 * outside a transaction, in a read-only one, after the transaction has begun to commit (a publication made in a later
 * {@code beforeCommit} or an after-commit callback is written at once, as Modulith writes it) or inside a savepoint
 * ({@code NESTED}): a savepoint rolled back must take its publications with it, which a list kept in memory would
 * not. The list is one of the transaction's synchronizations (found among them, ended with it, suspended with it),
 * so a {@code REQUIRES_NEW} transaction inside keeps its own.
 * {@code minyi.events.publications-at-the-commit=false} restores Modulith's repository (to compare in a bench).
 */
@Component
@Primary
@ConditionalOnProperty(name = "minyi.events.publications-at-the-commit", havingValue = "true", matchIfMissing = true)
@RequiredArgsConstructor
class PublicationsAtTheCommit implements EventPublicationRepository, TransactionExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PublicationsAtTheCommit.class);

    /** PostgreSQL takes at most 65 535 parameters in a statement; five per row. */
    static final int ROWS_PER_STATEMENT = 1000;

    @Qualifier("jdbcEventPublicationRepository")
    private final EventPublicationRepository modulith;
    private final JdbcTemplate jdbc;
    private final EventSerializer serializer;

    @Override
    public TargetEventPublication create(TargetEventPublication publication) {
        Pending pending = deferring();
        if (pending == null) {
            writePending();
            return modulith.create(publication);
        }
        pending.rows.add(new Object[]{publication.getIdentifier(), publication.getEvent().getClass().getName(),
                publication.getTargetIdentifier().getValue(), Timestamp.from(publication.getPublicationDate()),
                serializer.serialize(publication.getEvent()).toString()});
        return publication;
    }

    /** The transaction's list when publications may wait for its commit; null when they are written at once. */
    private Pending deferring() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return null;
        }
        Pending pending = bound();
        return pending.deferring() ? pending : null;
    }

    /** This transaction's list: among its synchronizations (which end with it), made and registered when missing. */
    private Pending bound() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Pending p && p.of(this)) {
                return p;
            }
        }
        Pending pending = new Pending();
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    /** Whatever this transaction's publications still wait, before anything else reads or changes the registry. */
    private void writePending() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
                if (s instanceof Pending p && p.of(this)) {
                    p.write();
                }
            }
        }
    }

    @Override
    public void beforeBegin(TransactionExecution transaction) {
        if (transaction.isNested() && TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            Pending pending = bound();
            pending.write();
            pending.savepoints++;
        }
    }

    /**
     * The commit has begun (the synchronizations' {@code beforeCommit} have run): what is published from now on, in a
     * later callback or after the commit while the transaction is still bound, is written at once — also in a
     * transaction that had published nothing before, whose list would otherwise be made now and never written.
     */
    @Override
    public void beforeCommit(TransactionExecution transaction) {
        if (transaction.isNewTransaction() && !transaction.isNested()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            Pending pending = bound();
            pending.write();
            pending.committing = true;
        }
    }

    @Override
    public void afterCommit(TransactionExecution transaction, Throwable failure) {
        savepointEnded(transaction);
    }

    @Override
    public void afterRollback(TransactionExecution transaction, Throwable failure) {
        savepointEnded(transaction);
    }

    private void savepointEnded(TransactionExecution transaction) {
        if (transaction.isNested() && TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            Pending p = bound();
            if (p.savepoints > 0) {
                p.savepoints--;
            }
        }
    }

    /** The publications of one transaction not yet written; a synchronization of that transaction. */
    private final class Pending implements TransactionSynchronization {

        private final List<Object[]> rows = new ArrayList<>();
        private boolean committing;
        private int savepoints;

        boolean deferring() {
            return !committing && savepoints == 0;
        }

        void write() {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                List<Object[]> some = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
                jdbc.update("INSERT INTO event_publication (id, event_type, listener_id, publication_date, "
                        + "serialized_event) VALUES " + String.join(", ", Collections.nCopies(some.size(),
                        "(?, ?, ?, ?, ?)")), some.stream().flatMap(java.util.Arrays::stream).toArray());
            }
            rows.clear();
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            write();
            committing = true;
        }

        /** Never expected: rows left when the transaction committed would be publications lost. */
        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED && !rows.isEmpty()) {
                log.error("{} event publications were not written before the commit", rows.size());
            }
        }

        boolean of(PublicationsAtTheCommit registry) {
            return registry == PublicationsAtTheCommit.this;
        }
    }

    @Override
    public void markProcessing(UUID identifier) {
        writePending();
        modulith.markProcessing(identifier);
    }

    @Override
    public void markCompleted(TargetEventPublication publication, Instant completionDate) {
        writePending();
        modulith.markCompleted(publication, completionDate);
    }

    @Override
    public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
        writePending();
        modulith.markCompleted(event, identifier, completionDate);
    }

    @Override
    public void markCompleted(UUID identifier, Instant completionDate) {
        writePending();
        modulith.markCompleted(identifier, completionDate);
    }

    @Override
    public void markFailed(UUID identifier) {
        writePending();
        modulith.markFailed(identifier);
    }

    @Override
    public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
        writePending();
        return modulith.markResubmitted(identifier, resubmissionDate);
    }

    @Override
    public List<TargetEventPublication> findIncompletePublications() {
        writePending();
        return modulith.findIncompletePublications();
    }

    @Override
    public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
        writePending();
        return modulith.findIncompletePublicationsPublishedBefore(instant);
    }

    @Override
    public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(
            Object event, PublicationTargetIdentifier targetIdentifier) {
        writePending();
        return modulith.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
    }

    @Override
    public List<TargetEventPublication> findCompletedPublications() {
        writePending();
        return modulith.findCompletedPublications();
    }

    @Override
    public void deletePublications(List<UUID> identifiers) {
        writePending();
        modulith.deletePublications(identifiers);
    }

    @Override
    public void deleteCompletedPublications() {
        writePending();
        modulith.deleteCompletedPublications();
    }

    @Override
    public void deleteCompletedPublicationsBefore(Instant instant) {
        writePending();
        modulith.deleteCompletedPublicationsBefore(instant);
    }

    @Override
    public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
        writePending();
        return modulith.findFailedPublications(criteria);
    }

    @Override
    public List<TargetEventPublication> findByStatus(EventPublication.Status status) {
        writePending();
        return modulith.findByStatus(status);
    }

    @Override
    public int countByStatus(EventPublication.Status status) {
        writePending();
        return modulith.countByStatus(status);
    }
}
