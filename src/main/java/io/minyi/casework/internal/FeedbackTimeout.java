package io.minyi.casework.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Duration;

/**
 * Closes cases whose raiser did not rate the handling in time (CLOSED_NO_FEEDBACK). A db-scheduler task, so that with
 * several nodes exactly one runs it; each case closes in its own transaction, so one failure does not stop the rest.
 */
@Configuration(proxyBeanMethods = false)
class FeedbackTimeout {

    private static final Logger log = LoggerFactory.getLogger(FeedbackTimeout.class);

    @Bean
    RecurringTask<Void> closeCasesWithoutFeedback(Cases cases, CaseWorkflow workflow, Clock clock) {
        return Tasks.recurring("casework-close-without-feedback", FixedDelay.of(Duration.ofMinutes(30)))
                .execute((instance, ctx) -> {
                    int closed = 0;
                    for (long id : cases.feedbackOverdue(LocalDate.now(clock), 500)) {
                        try {
                            if (workflow.closeWithoutFeedback(id)) {
                                closed++;
                            }
                        } catch (RuntimeException e) {
                            log.warn("could not close case {} without feedback: {}", id, e.getMessage());
                        }
                    }
                    if (closed > 0) {
                        log.info("closed {} cases without feedback", closed);
                    }
                });
    }
}
