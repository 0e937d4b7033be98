package io.minyi.notification.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.minyi.notification.OutboundChannel;

/**
 * Sends pending SMS and e-mail. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so two nodes never send the
 * same message; a failure is retried after base × 2^(attempts−1), and after maxAttempts the row is DEAD (shown to
 * ADMIN, who may retry it by hand). An endpoint that answers {@link OutboundChannel.NotNow} (its breaker is open) only
 * moves the message's due time: an outage of any length costs no attempts.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SmsGateway sms;
    private final EmailChannel email;
    private final NotificationProperties props;
    private final Clock clock;

    private final Map<String, OutboundChannel> endpoints;
    // the SMS gateway's pace (minyi.notification.sms.per-second), per node
    private final Bucket smsPace;

    OutboxDelivery(JdbcClient jdbc, TransactionTemplate tx, SmsGateway sms, EmailChannel email,
                   NotificationProperties props, Clock clock, List<OutboundChannel> endpoints) {
        this.endpoints = endpoints.stream().collect(Collectors.toMap(OutboundChannel::name, c -> c));
        this.jdbc = jdbc;
        this.tx = tx;
        this.sms = sms;
        this.email = email;
        this.props = props;
        this.clock = clock;
        int perSecond = props.sms().perSecond();
        this.smsPace = Bucket.builder().addLimit(Bandwidth.builder().capacity(perSecond)
                .refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build();
    }

    @Bean
    RecurringTask<Void> notificationDeliveryTask() {
        return Tasks.recurring("notification-delivery", Schedules.fixedDelay(props.retry().pollEvery()))
                // enough per run to keep the SMS pace for the whole poll interval; the pace itself is the bucket's
                .execute((instance, ctx) -> deliverDue((int) Math.max(100,
                        props.sms().perSecond() * props.retry().pollEvery().toSeconds())));
    }

    private record Pending(long id, String channel, String address, String title, String body, int attempts) {
    }

    /** Sends up to {@code limit} due messages; returns how many were sent. */
    public int deliverDue(int limit) {
        int sent = 0;
        for (int i = 0; i < limit; i++) {
            Boolean ok = tx.execute(status -> deliverOne());
            if (ok == null) {
                break;
            }
            if (ok) {
                sent++;
            }
        }
        return sent;
    }

    /** null when nothing is due; otherwise whether the one claimed message went out. */
    private Boolean deliverOne() {
        Instant now = clock.instant();
        List<Pending> due = jdbc.sql("""
                        SELECT id, channel, address, title, body, attempts FROM notification
                        WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= ?
                        ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)))
                .list();
        if (due.isEmpty()) {
            return null;
        }
        Pending p = due.getFirst();
        try {
            switch (p.channel()) {
                case "SMS" -> {
                    pace();
                    sms.send(p.address(), p.body());
                }
                case "EMAIL" -> email.send(p.address(), p.title(), p.body());
                default -> {
                    OutboundChannel endpoint = endpoints.get(p.channel());
                    if (endpoint == null) {
                        throw new IllegalStateException("nothing to send for channel " + p.channel());
                    }
                    endpoint.send(p.address(), p.body());
                }
            }
            jdbc.sql("UPDATE notification SET status = 'SENT', attempts = attempts + 1, sent_at = ?, "
                            + "next_attempt_at = NULL, last_error = NULL WHERE id = ?")
                    .params(Timestamp.from(now), p.id()).update();
            return true;
        } catch (OutboundChannel.NotNow wait) {
            // not an attempt: the endpoint was never asked, so the message keeps its attempts and its status
            jdbc.sql("UPDATE notification SET next_attempt_at = ?, last_error = ? WHERE id = ?")
                    .params(Timestamp.from(now.plus(wait.retryAfter())), abbreviate("waiting: " + wait.getMessage()),
                            p.id())
                    .update();
            return false;
        } catch (RuntimeException e) {
            int attempts = p.attempts() + 1;
            boolean dead = attempts >= props.retry().maxAttempts();
            Duration wait = props.retry().base().multipliedBy(1L << Math.min(attempts - 1, 20));
            log.warn("Notification {} via {} failed (attempt {}): {}", p.id(), p.channel(), attempts, e.toString());
            jdbc.sql("UPDATE notification SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
                    .params(dead ? "DEAD" : "FAILED", attempts, dead ? null : Timestamp.from(now.plus(wait)),
                            abbreviate(e.toString()), p.id())
                    .update();
            return false;
        }
    }

    /** Waits for the SMS gateway's next slot; the wait is the rate, not a failure. */
    private void pace() {
        try {
            smsPace.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing text messages", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
