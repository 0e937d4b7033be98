package io.minyi.platform;

import java.util.List;
import java.util.function.Consumer;

/**
 * An event listener whose publications are drained in batches instead of one transaction per event (issue 11,
 * decision 0055). Its method still receives each event after the publisher's commit, but only wakes
 * {@link PublicationDrains} ({@link PublicationDrains#nudge}); the drain takes the listener's incomplete publications
 * from Spring Modulith's table, hands them to {@link #apply} and completes them in the same transaction.
 *
 * @param <E> the event the listener takes
 */
public interface DrainedListener<E> {

    /** The listener's id as Spring Modulith stores it: its method's qualified name and parameter types. */
    String listenerId();

    Class<E> eventType();

    /**
     * Applies the events inside the drain's transaction, which completes their publications: both commit or neither
     * does. Must count each event once whatever else the batch holds (the same case twice, other cities).
     */
    void apply(List<E> events);

    /** A drained listener whose batch is applied by {@code apply}, e.g. a projection's method for many events. */
    static <E> DrainedListener<E> of(String listenerId, Class<E> eventType, Consumer<List<E>> apply) {
        record Drained<E>(String listenerId, Class<E> eventType, Consumer<List<E>> applier) implements DrainedListener<E> {
            @Override
            public void apply(List<E> events) {
                applier.accept(events);
            }
        }
        return new Drained<>(listenerId, eventType, apply);
    }
}
