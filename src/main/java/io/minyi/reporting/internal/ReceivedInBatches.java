package io.minyi.reporting.internal;

import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.platform.DrainedListener;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reporting's roll-ups of received cases, counted many cases a transaction (issue 11, decision 0055): the
 * publications of {@link RollupProjection}'s {@code CaseReceived} listener are drained in batches instead of one
 * transaction per case. {@code minyi.reporting.received-in-batches=false} counts each case in its listener's own
 * transaction again. Only with the registry that leaves a drained listener's completion to its drain (0053).
 */
@Component
@RequiredArgsConstructor
@ConditionalOnProperty(name = {"minyi.reporting.received-in-batches", "minyi.events.completion-with-the-listener"},
        havingValue = "true", matchIfMissing = true)
class ReceivedInBatches implements DrainedListener<CaseReceived> {

    private final RollupProjection projection;

    @Override
    public String listenerId() {
        return RollupProjection.RECEIVED_LISTENER;
    }

    @Override
    public Class<CaseReceived> eventType() {
        return CaseReceived.class;
    }

    @Override
    public void apply(List<CaseReceived> events) {
        projection.received(events);
    }
}
