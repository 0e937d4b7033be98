package io.minyi.platform;

import org.springframework.modulith.events.core.DefaultEventPublicationRegistry;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Spring Modulith's registry, except that a publication is marked completed in its listener's own transaction when
 * the marking runs inside it (issue 11, decision 0053): the listener's work and its completion then commit together
 * or not at all. Modulith marks in a transaction of its own ({@code REQUIRES_NEW}) after the listener's has
 * committed — a second transaction, a second commit waiting for the disk, per listener and event; and a crash between
 * the two commits ran the listener again. Which of the two happens depends on the order of Modulith's completion
 * advisor and the transaction advisor ({@link ListenerTransactionOutside}).
 *
 * <p>Inside the listener's transaction the completion is written when Modulith marks the publication as being
 * processed, just before the listener's method runs, not after it: the transaction's commit is what completes it,
 * wherever in the transaction the row is written, and a listener that fails rolls it back with its work. Written at
 * the end, it would lengthen every lock the listener holds until its commit — supervision's lock on a matter, which
 * every listener of that matter queues for, by one more round trip (measured: the wait for that lock grew five to
 * nine times under a burst about one matter). The completion date is therefore the moment the listener started.
 * This presumes a listener that has done its work when its method returns (ours return nothing; one returning a
 * future would be completed before its future).
 *
 * <p>Joined only when the current transaction is the listener method's own (its name is the method's, as Spring
 * names it): a synchronous after-commit listener runs while the publisher's committed transaction is still bound to
 * the thread, and a completion written there would never commit. Anything else is completed after the method, in a
 * new transaction, as in Modulith. Marking a publication failed writes nothing with the registry's legacy structure
 * (decision 0048), so it opens no transaction — inside a listener's it would take a second connection. A listener
 * drained in batches ({@link PublicationDrains}, decision 0055) is completed by its drain: here only written.
 */
class CompletionWithTheListener extends DefaultEventPublicationRegistry {

    private final TransactionTemplate separately;
    private final ClaimedCompletions events;
    private final Clock clock;
    private final Predicate<String> drained;

    CompletionWithTheListener(ClaimedCompletions events, Clock clock, PlatformTransactionManager transactions,
                              Predicate<String> drained) {
        super(events, clock);
        this.events = events;
        this.clock = clock;
        this.drained = drained;
        this.separately = new TransactionTemplate(transactions);
        separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A drained listener's publication (decision 0055) is written as Modulith writes it but not kept among the
     * publications in progress: the drain completes it, never this registry, which would otherwise keep it in memory.
     */
    @Override
    public Collection<TargetEventPublication> store(Object event, Stream<PublicationTargetIdentifier> listeners) {
        Map<Boolean, List<PublicationTargetIdentifier>> split = listeners
                .collect(Collectors.partitioningBy(id -> drained.test(id.getValue())));
        if (split.get(true).isEmpty()) {
            return super.store(event, split.get(false).stream());
        }
        List<TargetEventPublication> stored = new ArrayList<>(super.store(event, split.get(false).stream()));
        for (PublicationTargetIdentifier id : split.get(true)) {
            stored.add(events.create(TargetEventPublication.of(event, id, clock.instant())));
        }
        return stored;
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public void markProcessing(Object event, PublicationTargetIdentifier identifier) {
        if (drained.test(identifier.getValue())) {
            return;
        }
        if (insideTheListenersOwnTransaction(identifier)) {
            super.markCompleted(event, identifier);
            if (!events.lastCompletionClaimed()) {
                // another run completed it first (decision 0075): this one's work would be done twice
                throw new TakenByAnotherRun(identifier);
            }
        } else {
            super.markProcessing(event, identifier);
        }
    }

    /** Already written inside the listener's transaction, before its method ran; otherwise now, separately. */
    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public void markCompleted(Object event, PublicationTargetIdentifier identifier) {
        if (!drained.test(identifier.getValue()) && !insideTheListenersOwnTransaction(identifier)) {
            separately.executeWithoutResult(s -> super.markCompleted(event, identifier));
            events.lastCompletionClaimed(); // after the work, nothing to undo: only forgotten
        }
    }

    @Override
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void markFailed(Object event, PublicationTargetIdentifier identifier) {
        super.markFailed(event, identifier);
    }

    /**
     * A publication's run that found it completed by another run (a node's republication at start-up meeting another
     * node's run): thrown before the listener's method, so that its transaction, rolled back, did nothing.
     */
    static final class TakenByAnotherRun extends RuntimeException {
        TakenByAnotherRun(PublicationTargetIdentifier identifier) {
            super("publication for " + identifier.getValue() + " completed by another run; this one did nothing", null,
                    false, false);
        }
    }

    /** The listener's id is its method's qualified name and parameter types; its transaction's name, the method's. */
    static boolean insideTheListenersOwnTransaction(PublicationTargetIdentifier identifier) {
        String name = TransactionSynchronizationManager.getCurrentTransactionName();
        return TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()
                && name != null && identifier.getValue().startsWith(name + "(");
    }
}
