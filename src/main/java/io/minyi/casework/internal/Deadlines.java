package io.minyi.casework.internal;

import io.minyi.casework.CaseType;
import io.minyi.platform.WorkingDays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Default deadlines: N working days after dispatch, N from {@code case_deadline_rule} (type + category beats type
 * alone). The raiser has {@code minyi.casework.feedback-days} calendar days to rate the handling.
 */
@Component
public class Deadlines {

    private final JdbcClient jdbc;
    private final WorkingDays calendar;
    private final Clock clock;
    private final int feedbackDays;

    public Deadlines(JdbcClient jdbc, WorkingDays calendar, Clock clock,
                     @Value("${minyi.casework.feedback-days:7}") int feedbackDays) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.clock = clock;
        this.feedbackDays = feedbackDays;
    }

    public int workingDaysFor(CaseType type, String category) {
        return jdbc.sql("""
                        SELECT working_days FROM case_deadline_rule
                        WHERE type = ? AND (category = ? OR category IS NULL)
                        ORDER BY category NULLS LAST LIMIT 1""")
                .params(type.name(), category).query(Integer.class).optional().orElse(15);
    }

    /**
     * The rule's deadline for dispatching {@code c} now, or the one a higher level set when it handed the case down
     * if that comes first (and is still ahead): what a dispatch sets unless the dispatcher changes it.
     */
    public LocalDate forDispatch(Case c, java.time.Instant at) {
        LocalDate byRule = dispatchDeadline(c.type(), c.category());
        LocalDate set = c.levelDeadline();
        boolean binding = set != null && set.isAfter(LocalDate.ofInstant(at, Case.CHINA));
        return binding && set.isBefore(byRule) ? set : byRule;
    }

    public LocalDate dispatchDeadline(CaseType type, String category) {
        return calendar.plusWorkingDays(LocalDate.now(clock), workingDaysFor(type, category));
    }

    /**
     * The deadline after a clue's first interim report (核查中): {@code extension_working_days} of the most specific
     * rule after the current deadline; null when the rule grants none.
     */
    public LocalDate extendedDeadline(CaseType type, String category, LocalDate current) {
        int days = jdbc.sql("""
                        SELECT extension_working_days FROM case_deadline_rule
                        WHERE type = ? AND (category = ? OR category IS NULL)
                        ORDER BY category NULLS LAST LIMIT 1""")
                .params(type.name(), category).query(Integer.class).optional().orElse(0);
        return days == 0 || current == null ? null : calendar.plusWorkingDays(current, days);
    }

    public LocalDate feedbackDue() {
        return LocalDate.now(clock).plusDays(feedbackDays);
    }
}
