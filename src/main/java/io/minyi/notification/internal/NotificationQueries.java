package io.minyi.notification.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The staff inbox and the ADMIN view of deliveries. Every inbox query is bound to the reader's own staff id. */
@Service
@Transactional(readOnly = true)
public class NotificationQueries {

    public record InboxItem(long id, String title, String body, String link, Instant createdAt, boolean read) {
    }

    public record Delivery(long id, String channel, String address, String title, String status, int attempts,
                           Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
        public String maskedAddress() {
            if (address == null) {
                return "";
            }
            if ("SMS".equals(channel)) {
                return SmsGateways.mask(address);
            }
            int at = address.indexOf('@');
            return at > 1 ? address.charAt(0) + "***" + address.substring(at) : "***";
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;

    NotificationQueries(JdbcClient jdbc, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    public PageResult<InboxItem> inbox(long staffId, boolean unreadOnly, PageResult.Request page) {
        String where = "channel = 'INBOX' AND staff_id = ?" + (unreadOnly ? " AND read_at IS NULL" : "");
        long total = jdbc.sql("SELECT count(*) FROM notification WHERE " + where).param(staffId).query(Long.class).single();
        List<InboxItem> items = jdbc.sql("SELECT * FROM notification WHERE " + where
                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(staffId, page.size(), page.offset())
                .query((rs, n) -> new InboxItem(rs.getLong("id"), rs.getString("title"), rs.getString("body"),
                        rs.getString("link"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("read_at") != null))
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    @Transactional
    public void markRead(long staffId, long id) {
        int n = jdbc.sql("UPDATE notification SET read_at = coalesce(read_at, ?) WHERE id = ? AND staff_id = ? AND channel = 'INBOX'")
                .params(Timestamp.from(clock.instant()), id, staffId).update();
        if (n == 0) {
            throw new NotFoundException("notification " + id);
        }
    }

    @Transactional
    public int markAllRead(long staffId) {
        return jdbc.sql("UPDATE notification SET read_at = ? WHERE staff_id = ? AND channel = 'INBOX' AND read_at IS NULL")
                .params(Timestamp.from(clock.instant()), staffId).update();
    }

    public PageResult<Delivery> deliveries(String status, String channel, PageResult.Request page) {
        StringBuilder where = new StringBuilder("channel <> 'INBOX'");
        List<Object> args = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            where.append(" AND status = ?");
            args.add(status);
        }
        if (channel != null && !channel.isBlank()) {
            where.append(" AND channel = ?");
            args.add(channel);
        }
        long total = jdbc.sql("SELECT count(*) FROM notification WHERE " + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add(page.offset());
        List<Delivery> items = jdbc.sql("SELECT * FROM notification WHERE " + where
                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(pageArgs)
                .query((rs, n) -> new Delivery(rs.getLong("id"), rs.getString("channel"), rs.getString("address"),
                        rs.getString("title"), rs.getString("status"), rs.getInt("attempts"),
                        instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"),
                        rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("sent_at"))))
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** ADMIN puts a failed or dead delivery back in the queue now. */
    @Transactional
    public void retryNow(long id) {
        int n = jdbc.sql("UPDATE notification SET status = 'PENDING', next_attempt_at = ? "
                        + "WHERE id = ? AND channel <> 'INBOX' AND status IN ('FAILED', 'DEAD')")
                .params(Timestamp.from(clock.instant()), id).update();
        if (n == 0) {
            throw new NotFoundException("delivery " + id);
        }
        audit.record(AuditEntry.of("notification.retry", "notification", id).withChange("FAILED/DEAD", "PENDING"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
