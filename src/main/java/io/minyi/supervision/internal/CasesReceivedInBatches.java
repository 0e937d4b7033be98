package io.minyi.supervision.internal;

import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.platform.DrainedListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Supervision's projection of received cases and their high-frequency alerts, many cases a transaction (issue 11,
 * decision 0060): the publications of {@link CaseProjection}'s {@code CaseReceived} listener are drained in batches
 * (decision 0055) instead of one transaction per case, so a burst about one matter takes the matter's lock and is
 * judged once per batch, not once per case. {@code minyi.supervision.received-in-batches=false} runs each case in its
 * listener's own transaction again. Only with the registry that leaves a drained listener's completion to its drain.
 */
@Configuration(proxyBeanMethods = false)
class CasesReceivedInBatches {

    @Bean
    @ConditionalOnProperty(name = {"minyi.supervision.received-in-batches", "minyi.events.completion-with-the-listener"},
            havingValue = "true", matchIfMissing = true)
    DrainedListener<CaseReceived> receivedCasesInBatches(CaseProjection projection) {
        return DrainedListener.of(CaseProjection.RECEIVED_LISTENER, CaseReceived.class, projection::received);
    }
}
