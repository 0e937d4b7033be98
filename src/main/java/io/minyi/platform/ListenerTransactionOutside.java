package io.minyi.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

import java.time.Clock;

/**
 * Puts a method's transaction outside Spring Modulith's completion advisor (order {@code HIGHEST_PRECEDENCE + 10}),
 * so that an event listener's publication is completed before its transaction commits, in it
 * ({@link CompletionWithTheListener}; issue 11, decision 0053). Spring Boot's own {@code @EnableTransactionManagement}
 * (order: lowest) backs off for this one; it proxies classes as Boot's does. {@code @Async} stays outermost (its
 * advisor goes before every other). Elsewhere the only difference is that a transactional bean also guarded by
 * {@code @PreAuthorize} begins its transaction before the check, which a refusal rolls back.
 * {@code minyi.events.completion-with-the-listener=false} restores Modulith's own order and registry (to compare in a
 * bench).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "minyi.events.completion-with-the-listener", havingValue = "true", matchIfMissing = true)
@EnableTransactionManagement(proxyTargetClass = true, order = Ordered.HIGHEST_PRECEDENCE + 9)
class ListenerTransactionOutside {

    @Bean
    @Primary
    CompletionWithTheListener completionWithTheListener(EventPublicationRepository events, ObjectProvider<Clock> clock,
                                                        PlatformTransactionManager transactions,
                                                        ObjectProvider<PublicationDrains> drains,
                                                        JdbcOperations jdbc, EventSerializer serializer) {
        return new CompletionWithTheListener(new ClaimedCompletions(events, jdbc, serializer),
                clock.getIfAvailable(Clock::systemUTC), transactions, id -> drains.getObject().drained(id));
    }
}
