package io.minyi.supervision.internal;

import io.minyi.org.DemoActivity;
import io.minyi.org.DemoDay;
import io.minyi.org.DemoStaff;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.RefusedException;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Random;

/**
 * Supervision's part of the demo city's past: the ladder's scan at the end of every working day (reminders before
 * deadlines, supervision letters after, circulars for repeated lateness), most units acknowledging their letters a
 * day or two later, and the supervisor turning some high-frequency alerts into letters — the rest stay open for the
 * supervisor's home page.
 */
@Component
@Order(30)
@RequiredArgsConstructor
class SupervisionDemo implements DemoActivity {

    private final SupervisionLadder ladder;
    private final Letters letters;
    private final Alerts alerts;
    private final DemoStaff staff;
    private final JdbcClient jdbc;

    @Override
    public void day(DemoDay day) {
        if (!day.isWorkingDay()) {
            return;
        }
        Random rnd = day.random("supervision");
        day.settle();
        day.at(9, 30, () -> acknowledgeOlderLetters(day, rnd));
        day.at(10, 0, () -> actOnOldAlerts(day, rnd));
        day.at(17, 45, ladder::scan);
    }

    private void acknowledgeOlderLetters(DemoDay day, Random rnd) {
        List<Object[]> open = jdbc.sql("""
                        SELECT id, addressee_unit_id FROM supervision_letter
                        WHERE acknowledged_at IS NULL AND issued_at < ? ORDER BY id""")
                .param(Timestamp.from(day.moment(0, 0).minusSeconds(86_400)))
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getLong(2)}).list();
        for (Object[] l : open) {
            if (rnd.nextInt(100) < 60) {
                StaffUser leader = staff.of((long) l[1], Role.UNIT_LEADER);
                try {
                    staff.as(leader, () -> letters.acknowledge(leader, (long) l[0]));
                } catch (RefusedException e) {
                    // already acknowledged, or not this unit's: nothing to do
                }
            }
        }
    }

    private void actOnOldAlerts(DemoDay day, Random rnd) {
        StaffUser supervisor = staff.account("supervisor");
        List<Long> open = jdbc.sql("SELECT id FROM supervision_alert WHERE status = 'OPEN' AND raised_at < ? ORDER BY id")
                .param(Timestamp.from(day.moment(0, 0).minusSeconds(3 * 86_400))).query(Long.class).list();
        for (long id : open) {
            if (rnd.nextInt(100) < 35) {
                try {
                    staff.as(supervisor, () -> alerts.toLetter(supervisor, id));
                } catch (RefusedException e) {
                    // closed meanwhile
                }
            }
        }
    }
}
