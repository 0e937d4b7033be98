package io.minyi.reporting.internal;

import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.platform.DrainedListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reporting's roll-ups of received cases, counted many cases a transaction (issue 11, decision 0055): the
 * publications of {@link RollupProjection}'s {@code CaseReceived} listener are drained in batches instead of one
 * transaction per case. {@code minyi.reporting.received-in-batches=false} counts each case in its listener's own
 * transaction again. Only with the registry that leaves a drained listener's completion to its drain (0053).
 */
@Configuration(proxyBeanMethods = false)
class ReceivedInBatches {

    @Bean
    @ConditionalOnProperty(name = {"minyi.reporting.received-in-batches", "minyi.events.completion-with-the-listener"},
            havingValue = "true", matchIfMissing = true)
    DrainedListener<CaseReceived> receivedRollupsInBatches(RollupProjection projection) {
        return DrainedListener.of(RollupProjection.RECEIVED_LISTENER, CaseReceived.class, projection::received);
    }
}
