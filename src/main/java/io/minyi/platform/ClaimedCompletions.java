package io.minyi.platform;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Modulith's repository (legacy structure, decision 0048) with its completions made conditional: a publication is
 * completed only while it is not yet, and whether the last completion on this thread changed its row is kept for
 * {@link CompletionWithTheListener}. That registry completes a publication at the start of its listener's own
 * transaction (decision 0053), so the completion is a claim: a second run of the same publication — a node that
 * republishes its incomplete publications at start-up while another node still runs one of them — waits for the
 * first run's transaction and then finds the publication completed, and does none of the work (decision 0075). Without
 * the condition both runs would write the completion and do the work: the roll-ups' counters would count twice.
 * The statements are the legacy repository's own, with {@code completion_date IS NULL} added.
 */
final class ClaimedCompletions implements EventPublicationRepository {

    private final EventPublicationRepository repository;
    private final JdbcOperations jdbc;
    private final EventSerializer serializer;
    private final ThreadLocal<Boolean> changed = new ThreadLocal<>();

    ClaimedCompletions(EventPublicationRepository repository, JdbcOperations jdbc, EventSerializer serializer) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Whether the last completion written on this thread changed its publication's row (read once). */
    boolean lastCompletionClaimed() {
        Boolean c = changed.get();
        changed.remove();
        return c == null || c;
    }

    @Override
    public void markCompleted(TargetEventPublication publication, Instant completionDate) {
        markCompleted(publication.getIdentifier(), completionDate);
    }

    @Override
    public void markCompleted(UUID identifier, Instant completionDate) {
        changed.set(jdbc.update("UPDATE event_publication SET completion_date = ? WHERE id = ? AND completion_date IS NULL",
                Timestamp.from(completionDate), identifier) > 0);
    }

    @Override
    public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
        changed.set(jdbc.update("""
                        UPDATE event_publication SET completion_date = ?
                        WHERE listener_id = ? AND completion_date IS NULL AND serialized_event = ?""",
                Timestamp.from(completionDate), identifier.getValue(), serializer.serialize(event).toString()) > 0);
    }

    // ---- everything else as the repository does it ------------------------------------------------------------------

    @Override
    public TargetEventPublication create(TargetEventPublication publication) {
        return repository.create(publication);
    }

    @Override
    public void markProcessing(UUID identifier) {
        repository.markProcessing(identifier);
    }

    @Override
    public void markFailed(UUID identifier) {
        repository.markFailed(identifier);
    }

    @Override
    public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
        return repository.markResubmitted(identifier, resubmissionDate);
    }

    @Override
    public List<TargetEventPublication> findIncompletePublications() {
        return repository.findIncompletePublications();
    }

    @Override
    public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
        return repository.findIncompletePublicationsPublishedBefore(instant);
    }

    @Override
    public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
            PublicationTargetIdentifier targetIdentifier) {
        return repository.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
    }

    @Override
    public List<TargetEventPublication> findCompletedPublications() {
        return repository.findCompletedPublications();
    }

    @Override
    public void deletePublications(List<UUID> identifiers) {
        repository.deletePublications(identifiers);
    }

    @Override
    public void deleteCompletedPublications() {
        repository.deleteCompletedPublications();
    }

    @Override
    public void deleteCompletedPublicationsBefore(Instant instant) {
        repository.deleteCompletedPublicationsBefore(instant);
    }

    @Override
    public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
        return repository.findFailedPublications(criteria);
    }

    @Override
    public List<TargetEventPublication> findByStatus(EventPublication.Status status) {
        return repository.findByStatus(status);
    }

    @Override
    public int countByStatus(EventPublication.Status status) {
        return repository.countByStatus(status);
    }
}
