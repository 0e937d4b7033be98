package io.minyi.platform;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A staff form that creates a record is taken once (decision 0075): {@link FormTokens} puts a token of its own into
 * every POST form the console renders, and the handler runs its work through {@link #once}, which writes the token in
 * the work's transaction. The same form posted again — a double click, or a browser sending it again after a timeout
 * — finds the token written and does nothing, however close together the two arrive: the second insert waits for the
 * first's transaction and then conflicts. A refused form (its work threw) writes no token, so it can be sent again.
 */
@Component
public class SubmittedForms {

    /** The hidden field's name. */
    public static final String FIELD = "_form";
    /** The notice of a form sent again: taken once already, nothing changed. */
    public static final String AGAIN = "platform.form.again";
    private static final int MAX_TOKEN = 64;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    SubmittedForms(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Runs {@code work} unless this staff member's form with the request's token was taken before; a request
     * without a token (a client that does not render our pages) always runs it.
     *
     * @param form names the form, for the record
     * @return the work's result, or empty when the form had been taken already
     */
    public <T> Optional<T> once(long staffId, HttpServletRequest request, String form, Supplier<T> work) {
        String token = request.getParameter(FIELD);
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            return Optional.of(work.get());
        }
        return tx.execute(s -> {
            int first = jdbc.sql("INSERT INTO submitted_form (staff_id, token, form) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(staffId, token, form).update();
            return first == 1 ? Optional.of(work.get()) : Optional.<T>empty();
        });
    }

    /** As {@link #once} for work without a result: whether it ran. */
    public boolean ran(long staffId, HttpServletRequest request, String form, Runnable work) {
        return once(staffId, request, form, () -> {
            work.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    @Configuration(proxyBeanMethods = false)
    static class Sweep {
        /** A form is not sent again after 90 days; one task on one node, daily. */
        @Bean
        RecurringTask<Void> sweepSubmittedForms(JdbcClient jdbc) {
            return Tasks.recurring("platform-sweep-submitted-forms", FixedDelay.of(Duration.ofHours(24)))
                    .execute((instance, ctx) -> jdbc.sql(
                            "DELETE FROM submitted_form WHERE submitted_at < now() - interval '90 days'").update());
        }
    }
}
