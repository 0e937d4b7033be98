package io.minyi.dispute.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The module's scheduled work, on db-scheduler so that exactly one node of a cluster runs it. */
@Configuration
class DisputeTasks {

    @Bean
    RecurringTask<Void> disputeConfirmationReminders(ConfirmationReminders reminders) {
        return Tasks.recurring("dispute-confirmation-reminders", FixedDelay.ofMinutes(60))
                .execute((instance, ctx) -> reminders.remindDue());
    }
}
