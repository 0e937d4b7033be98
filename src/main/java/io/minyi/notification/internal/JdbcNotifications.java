package io.minyi.notification.internal;

import io.minyi.notification.Notifications;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.StaffContact;
import io.minyi.org.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

@Service
@Transactional
class JdbcNotifications implements Notifications {

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final Clock clock;
    private final EmailChannel email;

    JdbcNotifications(JdbcClient jdbc, OrgDirectory org, Clock clock, EmailChannel email) {
        this.jdbc = jdbc;
        this.org = org;
        this.clock = clock;
        this.email = email;
    }

    @Override
    public void toStaff(long staffId, Message m) {
        insert("INBOX", staffId, null, m, key(m, "S" + staffId), "SENT");
    }

    @Override
    public int toUnit(long unitId, Role role, Message m) {
        return fanOut(org.staffOfUnit(unitId, role), m);
    }

    @Override
    public int toJurisdiction(long jurisdictionId, Role role, Message m) {
        return fanOut(org.staffOfJurisdiction(jurisdictionId, role), m);
    }

    private int fanOut(List<StaffContact> staff, Message m) {
        for (StaffContact s : staff) {
            toStaff(s.id(), m);
            if (email.enabled() && s.email() != null && !s.email().isBlank()) {
                insert("EMAIL", s.id(), s.email(), m, key(m, "E" + s.id()), "PENDING");
            }
        }
        return staff.size();
    }

    @Override
    public int alertUnit(long unitId, Message m, java.util.Set<Long> withheldFrom) {
        java.util.Map<Long, StaffContact> reached = new java.util.LinkedHashMap<>();
        for (Role role : List.of(Role.UNIT_LEADER, Role.UNIT_HANDLER)) {
            for (StaffContact s : org.staffOfUnit(unitId, role)) {
                if (s.officerId() == null || !withheldFrom.contains(s.officerId())) {
                    reached.putIfAbsent(s.id(), s);
                }
            }
        }
        fanOut(List.copyOf(reached.values()), m);
        for (StaffContact s : reached.values()) {
            if (s.phone() != null && !s.phone().isBlank()) {
                insert("SMS", s.id(), s.phone(), new Message(m.title(), m.title() + "：" + m.body(), m.link(),
                        m.dedupKey()), key(m, "P" + s.id()), "PENDING");
            }
        }
        return reached.size();
    }

    @Override
    public void smsToResident(String phone, String text, String dedupKey) {
        if (phone == null || phone.isBlank()) {
            return;
        }
        insert("SMS", null, phone, new Message("短信", text, null, dedupKey), dedupKey, "PENDING");
    }

    @Override
    @Transactional(readOnly = true)
    public long unreadCount(long staffId) {
        return jdbc.sql("SELECT count(*) FROM notification WHERE channel = 'INBOX' AND staff_id = ? AND read_at IS NULL")
                .param(staffId).query(Long.class).single();
    }

    private static String key(Message m, String recipient) {
        return m.dedupKey() == null ? null : m.dedupKey() + "#" + recipient;
    }

    private void insert(String channel, Long staffId, String address, Message m, String dedupKey, String status) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        INSERT INTO notification (channel, staff_id, address, title, body, link, dedup_key, status,
                                                  next_attempt_at, created_at, sent_at)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (dedup_key) DO NOTHING""")
                .params(channel, staffId, address, m.title(), m.body(), m.link(), dedupKey, status,
                        "PENDING".equals(status) ? now : null, now, "SENT".equals(status) ? now : null)
                .update();
    }
}
