package io.minyi.notification.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.StaffUser;
import io.minyi.org.SubjectShield;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.platform.SqlFilter;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The staff inbox and the ADMIN view of deliveries. Every inbox query is bound to the reader's own staff id; the
 * deliveries are those of the administrator's jurisdiction; neither lists a message about the reader's officer.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
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
            if (!"EMAIL".equals(channel)) {
                // an endpoint path (e.g. the hotline's callback) holds no personal data
                return address;
            }
            int at = address.indexOf('@');
            return at > 1 ? address.charAt(0) + "***" + address.substring(at) : "***";
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;
    private final SubjectShield shield;

    private record Where(String sql, List<Object> args) {
    }

    private Where inboxOf(StaffUser me, boolean unreadOnly) {
        SubjectShield.Clause shown = shield.hides(me, SubjectShield.Kind.NOTIFICATION, "id");
        List<Object> args = new ArrayList<>(List.of(me.id()));
        args.addAll(shown.args());
        return new Where("channel = 'INBOX' AND staff_id = ?" + (unreadOnly ? " AND read_at IS NULL" : "")
                + " AND " + shown.sql(), args);
    }

    public PageResult<InboxItem> inbox(StaffUser me, boolean unreadOnly, PageResult.Request page) {
        Where w = inboxOf(me, unreadOnly);
        long total = jdbc.sql("SELECT count(*) FROM notification WHERE " + w.sql()).params(w.args()).query(Long.class).single();
        List<Object> args = new ArrayList<>(w.args());
        args.add(page.size());
        args.add(page.offset());
        List<InboxItem> items = jdbc.sql("SELECT * FROM notification WHERE " + w.sql()
                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(args)
                .query((rs, n) -> new InboxItem(rs.getLong("id"), rs.getString("title"), rs.getString("body"),
                        rs.getString("link"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("read_at") != null))
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    @Transactional
    public void markRead(StaffUser me, long id) {
        Where w = inboxOf(me, false);
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(clock.instant()), id));
        args.addAll(w.args());
        int n = jdbc.sql("UPDATE notification SET read_at = coalesce(read_at, ?) WHERE id = ? AND " + w.sql())
                .params(args).update();
        if (n == 0) {
            throw new NotFoundException("notification " + id);
        }
    }

    @Transactional
    public int markAllRead(StaffUser me) {
        Where w = inboxOf(me, true);
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(clock.instant())));
        args.addAll(w.args());
        return jdbc.sql("UPDATE notification SET read_at = ? WHERE " + w.sql()).params(args).update();
    }

    /**
     * The deliveries an administrator may list: of their jurisdiction (a resident SMS that no jurisdiction owns only
     * to the city's), and none about the administrator's own officer.
     */
    private Where deliveriesOf(StaffUser me) {
        SubjectShield.Clause shown = shield.hides(me, SubjectShield.Kind.NOTIFICATION, "id");
        List<Object> args = new ArrayList<>(List.of(me.scopePathPattern(), atRoot(me)));
        args.addAll(shown.args());
        return new Where("channel <> 'INBOX' AND (jurisdiction_path LIKE ? OR (jurisdiction_path IS NULL AND ?)) AND "
                + shown.sql(), args);
    }

    private static boolean atRoot(StaffUser me) {
        return me.jurisdictionPath().chars().filter(c -> c == '/').count() <= 2;
    }

    public PageResult<Delivery> deliveries(StaffUser me, String status, String channel, PageResult.Request page) {
        Where scope = deliveriesOf(me);
        return SqlFilter.empty().and(scope.sql(), scope.args().toArray())
                .andIf(status != null && !status.isBlank(), "status = ?", status)
                .andIf(channel != null && !channel.isBlank(), "channel = ?", channel)
                .page(jdbc, "SELECT count(*) FROM notification", "SELECT * FROM notification", "created_at DESC, id DESC",
                        (rs, n) -> new Delivery(rs.getLong("id"), rs.getString("channel"), rs.getString("address"),
                                rs.getString("title"), rs.getString("status"), rs.getInt("attempts"),
                                instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"),
                                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("sent_at"))),
                        page);
    }

    /** How many of this admin's outside deliveries were given up on (DEAD): what the log's DEAD filter lists. */
    public long deadDeliveries(StaffUser me) {
        Where scope = deliveriesOf(me);
        // 'DEAD' written out, not bound: the partial index notification_dead (V10_52) then serves every plan
        return jdbc.sql("SELECT count(*) FROM notification WHERE status = 'DEAD' AND " + scope.sql())
                .params(scope.args()).query(Long.class).single();
    }

    /** ADMIN puts a failed or dead delivery of their jurisdiction back in the queue now; any other is "not found". */
    @Transactional
    public void retryNow(StaffUser me, long id) {
        Where scope = deliveriesOf(me);
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(clock.instant()), id));
        args.addAll(scope.args());
        int n = jdbc.sql("UPDATE notification SET status = 'PENDING', next_attempt_at = ? "
                        + "WHERE id = ? AND status IN ('FAILED', 'DEAD') AND " + scope.sql())
                .params(args).update();
        if (n == 0) {
            throw new NotFoundException("delivery " + id);
        }
        audit.record(AuditEntry.of("notification.delivery.retry", "notification", id).withChange("FAILED/DEAD", "PENDING"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
