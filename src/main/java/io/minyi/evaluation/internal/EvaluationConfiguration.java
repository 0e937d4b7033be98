package io.minyi.evaluation.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.LocalDate;

/** Settings and the module's cluster-safe background jobs (db-scheduler runs each on one node at a time). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvaluationProperties.class)
@PropertySource(value = "classpath:evaluation/evaluation-defaults.properties", encoding = "UTF-8")
class EvaluationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EvaluationConfiguration.class);

    /** Clues stored while casework was absent or refusing are handed over as soon as it takes them. */
    @Bean
    RecurringTask<Void> evaluationClueHandover(ClueHandover clues) {
        return Tasks.recurring("evaluation-clue-handover", FixedDelay.ofSeconds(30))
                .execute((instance, context) -> {
                    int n = clues.retryPending();
                    if (n > 0) {
                        log.info("handed {} waiting clues over to casework", n);
                    }
                });
    }

    /** New units and officers get their codes without anyone having to ask. */
    @Bean
    RecurringTask<Void> evaluationCodeIssue(EvaluationTargets targets) {
        return Tasks.recurring("evaluation-code-issue", FixedDelay.ofMinutes(5))
                .execute((instance, context) -> targets.issueMissing());
    }

    /** The repeat counters are only needed for the current day. */
    @Bean
    RecurringTask<Void> evaluationSourceCounterCleanup(JdbcClient jdbc, Clock clock) {
        return Tasks.recurring("evaluation-source-counter-cleanup", FixedDelay.ofHours(1))
                .execute((instance, context) -> jdbc.sql("DELETE FROM evaluation_source_day WHERE day < ?")
                        .param(LocalDate.now(clock).minusDays(2)).update());
    }

    /** After the demo city (an ApplicationRunner) has been loaded, so its units and officers get codes at once. */
    @EventListener(ApplicationReadyEvent.class)
    void issueCodesOnStart(ApplicationReadyEvent event) {
        int n = event.getApplicationContext().getBean(EvaluationTargets.class).issueMissing();
        if (n > 0) {
            log.info("issued {} evaluation codes", n);
        }
    }
}
