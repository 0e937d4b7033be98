package io.minyi.notification.internal;

import io.minyi.notification.Notifications;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.StaffContact;
import io.minyi.org.Role;
import io.minyi.org.SubjectShield;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * The outbox writer. A message about officers is never written for their accounts (the whistle-blower rule is
 * applied here, once, for every module that sends), and is registered with the shield so that no listing shows it
 * to them either.
 */
@Service
@Transactional
class JdbcNotifications implements Notifications {

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final Clock clock;
    private final EmailChannel email;
    private final SubjectShield shield;
    private final JdbcTemplate batch;

    /** The outbox row's title of a text message (an SMS has none): in the city's language. */
    private final String smsTitle;

    JdbcNotifications(JdbcClient jdbc, OrgDirectory org, Clock clock, EmailChannel email, SubjectShield shield,
                      JdbcTemplate batch, org.springframework.context.MessageSource messages) {
        this.smsTitle = io.minyi.platform.CityLanguage.text(messages, "notification.sms.title");
        this.batch = batch;
        this.jdbc = jdbc;
        this.org = org;
        this.clock = clock;
        this.email = email;
        this.shield = shield;
    }

    @Override
    public void toStaff(long staffId, Message m) {
        if (!shield.isSubject(staffId, m.about())) {
            insert("INBOX", staffId, null, m, key(m, "S" + staffId), "SENT", null, null);
        }
    }

    @Override
    public int toUnit(long unitId, Role role, Message m) {
        return fanOut(org.staffOfUnit(unitId, role), m);
    }

    @Override
    public int toJurisdiction(long jurisdictionId, Role role, Message m) {
        return fanOut(org.staffOfJurisdiction(jurisdictionId, role), m);
    }

    private int fanOut(List<StaffContact> all, Message m) {
        List<StaffContact> staff = shield.notAbout(all, m.about());
        for (StaffContact s : staff) {
            insert("INBOX", s.id(), null, m, key(m, "S" + s.id()), "SENT", null, null);
            if (email.enabled() && s.email() != null && !s.email().isBlank()) {
                insert("EMAIL", s.id(), s.email(), m, key(m, "E" + s.id()), "PENDING", null, null);
            }
        }
        return staff.size();
    }

    @Override
    public int alertUnit(long unitId, Message m) {
        java.util.Map<Long, StaffContact> all = new java.util.LinkedHashMap<>();
        for (Role role : List.of(Role.UNIT_LEADER, Role.UNIT_HANDLER)) {
            org.staffOfUnit(unitId, role).forEach(s -> all.putIfAbsent(s.id(), s));
        }
        List<StaffContact> staff = shield.notAbout(List.copyOf(all.values()), m.about());
        fanOut(staff, m);
        for (StaffContact s : staff) {
            if (s.phone() != null && !s.phone().isBlank()) {
                insert("SMS", s.id(), s.phone(), new Message(m.title(), m.title() + "：" + m.body(), m.link(),
                        m.dedupKey(), m.about()), key(m, "P" + s.id()), "PENDING", null, null);
            }
        }
        return staff.size();
    }

    @Override
    public void smsToResident(String phone, String text, String dedupKey, Long jurisdictionId) {
        if (phone == null || phone.isBlank()) {
            return;
        }
        String path = jurisdictionId == null ? null
                : org.jurisdiction(jurisdictionId).map(j -> j.path()).orElse(null);
        insert("SMS", null, phone, new Message(smsTitle, text, null, dedupKey), dedupKey, "PENDING", path, null);
    }

    @Override
    public void smsToResidents(List<ResidentSms> messages) {
        Timestamp now = Timestamp.from(clock.instant());
        // one JDBC batch: a survey of 100,000 invitations queues in seconds, not in 100,000 round trips
        batch.batchUpdate("""
                        INSERT INTO notification (channel, address, title, body, dedup_key, status, next_attempt_at,
                                                  created_at, city_id)
                        VALUES ('SMS', ?, ?, ?, ?, 'PENDING', ?, ?, ?)
                        ON CONFLICT (dedup_key, city_id) DO NOTHING""",
                messages.stream().filter(m -> m.phone() != null && !m.phone().isBlank())
                        .map(m -> new Object[]{m.phone(), smsTitle, m.text(), m.dedupKey(), now, now, m.cityId()})
                        .toList());
    }

    @Override
    public void toEndpoint(String channel, String address, String title, String body, String dedupKey,
                           long cityId) {
        if (channel == null || !channel.matches("[A-Z][A-Z0-9_]{1,19}") || List.of("INBOX", "SMS", "EMAIL")
                .contains(channel)) {
            throw new IllegalArgumentException("not an endpoint channel: " + channel);
        }
        // a machine endpoint belongs to no jurisdiction: only the city's administrators list it
        insert(channel, null, address, new Message(title, body, null, dedupKey), dedupKey, "PENDING", null, cityId);
    }

    @Override
    @Transactional(readOnly = true)
    public long unreadCount(long staffId) {
        SubjectShield.Clause shown = shield.hidesFromAccount(SubjectShield.Kind.NOTIFICATION, "n.id", "n.staff_id");
        return jdbc.sql("SELECT count(*) FROM notification n WHERE channel = 'INBOX' AND staff_id = ? AND read_at IS NULL AND "
                        + shown.sql())
                .params(java.util.stream.Stream.concat(java.util.stream.Stream.of((Object) staffId), shown.args().stream()).toList())
                .query(Long.class).single();
    }

    private static String key(Message m, String recipient) {
        return m.dedupKey() == null ? null : m.dedupKey() + "#" + recipient;
    }

    /**
     * A staff message belongs to the recipient's jurisdiction; a resident's to the one given. The city is the one
     * of that jurisdiction (filled on insert) unless the writer gives it (a machine message has no jurisdiction).
     */
    private void insert(String channel, Long staffId, String address, Message m, String dedupKey, String status,
                        String residentPath, Long city) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Long> ids = jdbc.sql("""
                        INSERT INTO notification (channel, staff_id, address, title, body, link, dedup_key, status,
                                                  next_attempt_at, created_at, sent_at, jurisdiction_path, city_id)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?, coalesce(?, (SELECT j.path FROM org_staff s
                                JOIN org_jurisdiction j ON j.id = s.jurisdiction_id WHERE s.id = ?)), ?)
                        ON CONFLICT (dedup_key, city_id) DO NOTHING RETURNING id""")
                .params(channel, staffId, address, m.title(), m.body(), m.link(), dedupKey, status,
                        "PENDING".equals(status) ? now : null, now, "SENT".equals(status) ? now : null,
                        residentPath, staffId, city)
                .query(Long.class).list();
        for (long id : ids) {
            shield.register(SubjectShield.Kind.NOTIFICATION, id, m.about());
        }
    }
}
