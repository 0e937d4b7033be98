package io.minyi.dispute.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.notification.Notifications;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * On day 20 (configurable) of the 30-day window for judicial confirmation, the mediators of an agreement not yet sent
 * to a court are reminded once — recorded in {@code dispute_reminder}, so a rerun on another node sends nothing twice.
 */
@org.springframework.stereotype.Component
@RequiredArgsConstructor
public class ConfirmationReminders {

    static final String KIND = "CONFIRMATION_WINDOW";

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final DisputeProperties props;
    private final Clock clock;

    private final org.springframework.context.MessageSource messages;

    /** Sends the reminders due today; returns how many disputes were reminded. */
    @Transactional
    public int remindDue() {
        LocalDate today = LocalDate.now(clock.withZone(DisputeIntake.CHINA));
        List<long[]> due = jdbc.sql("""
                        SELECT a.dispute_id, a.effective_on FROM mediation_agreement a
                        WHERE a.effective_on <= ? AND a.effective_on >= ?
                          AND NOT EXISTS (SELECT 1 FROM judicial_confirmation jc WHERE jc.dispute_id = a.dispute_id)
                          AND NOT EXISTS (SELECT 1 FROM dispute_reminder r WHERE r.dispute_id = a.dispute_id AND r.kind = ?)
                        ORDER BY a.dispute_id LIMIT 1000""")
                .params(Date.valueOf(today.minusDays(props.confirmationReminderDay() - 1L)),
                        Date.valueOf(today.minusDays(props.confirmationDays())), KIND)
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getDate(2).toLocalDate().toEpochDay()}).list();
        int sent = 0;
        for (long[] d : due) {
            long disputeId = d[0];
            LocalDate lastDay = LocalDate.ofEpochDay(d[1]).plusDays(props.confirmationDays());
            int fresh = jdbc.sql("INSERT INTO dispute_reminder (dispute_id, kind, sent_at) VALUES (?,?,?) ON CONFLICT DO NOTHING")
                    .params(disputeId, KIND, Timestamp.from(clock.instant())).update();
            if (fresh == 0) {
                continue;
            }
            List<Long> staff = jdbc.sql("""
                            SELECT m.staff_id FROM dispute_assignment a JOIN mediator m ON m.id = a.mediator_id
                            WHERE a.dispute_id = ? AND a.ended_at IS NULL AND m.staff_id IS NOT NULL""")
                    .param(disputeId).query(Long.class).list();
            for (long s : staff) {
                notifications.toStaff(s, new Notifications.Message(
                        io.minyi.platform.CityLanguage.text(messages, "dispute.notice.confirmationDue"),
                        io.minyi.platform.CityLanguage.text(messages, "dispute.notice.confirmationDueBody",
                                props.confirmationReminderDay(), lastDay), "/disputes/" + disputeId, "dispute-confirm-remind-" + disputeId));
            }
            audit.recordAs("system", "", AuditEntry.of("dispute.dispute.remind_confirmation", "dispute", disputeId)
                    .withChange(null, lastDay.toString()));
            sent++;
        }
        return sent;
    }
}
