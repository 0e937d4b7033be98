package io.minyi.survey.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.notification.Notifications;
import io.minyi.notification.Notifications.ResidentSms;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a campaign's SMS invitations: a fresh one-time token per person (only its hash is kept) in a personal link,
 * through the notification outbox, which paces the gateway. A send never runs in one transaction: it works in
 * batches of {@code minyi.survey.sms-batch} (1,000) invitations, each claimed with {@code FOR UPDATE SKIP LOCKED} and
 * committed with its tokens and its text messages together. So a crash or a second press loses and doubles nothing:
 * what committed is sent, what did not is still pending, and the next batch — of the same request, of a second node,
 * or of the job that resumes unfinished requests every minute — takes up exactly the rest.
 */
@Configuration(proxyBeanMethods = false)
public class SmsInvitations {

    private static final Logger log = LoggerFactory.getLogger(SmsInvitations.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Campaigns campaigns;
    private final Invitations invitations;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final String publicBaseUrl;
    private final int batchSize;

    SmsInvitations(JdbcClient jdbc, JdbcTemplate batch, Campaigns campaigns, Invitations invitations,
                   Notifications notifications, AuditTrail audit, Clock clock, PlatformTransactionManager txm,
                   @Value("${minyi.public-base-url:http://localhost:8080}") String publicBaseUrl,
                   @Value("${minyi.survey.sms-batch:1000}") int batchSize) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.campaigns = campaigns;
        this.invitations = invitations;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(txm);
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.batchSize = Math.max(1, batchSize);
    }

    @Bean
    RecurringTask<Void> surveySmsResumeTask() {
        return Tasks.recurring("survey-sms-resume", Schedules.fixedDelay(Duration.ofMinutes(1)))
                .execute((instance, ctx) -> resumeUnfinished());
    }

    /**
     * Sends every SMS invitation of the campaign not yet sent, as of now: records the request (so the resuming job can
     * finish it), then works through it batch by batch. Returns how many this call queued.
     */
    public int send(StaffUser me, long campaignId) {
        Campaign c = campaigns.get(me, campaignId);
        if (!c.open()) {
            throw new InvalidInputException("survey.error.notOpen");
        }
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                            UPDATE survey_campaign SET sms_send_upto = greatest(coalesce(sms_send_upto, 0),
                                   (SELECT coalesce(max(id), 0) FROM survey_invitation WHERE campaign_id = :id)),
                                   sms_requested_at = :now, sms_requested_by = :by WHERE id = :id""")
                    .param("id", campaignId).param("now", Timestamp.from(clock.instant()))
                    .param("by", me.getUsername()).update();
            audit.record(AuditEntry.of("survey.campaign.send_sms", "survey_campaign", campaignId)
                    .withChange(null, "requested pending=" + pending(campaignId)));
        });
        return sendPending(campaignId, c.name());
    }

    /** The batches of one request until none is left; each batch is one transaction. */
    int sendPending(long campaignId, String campaignName) {
        int queued = 0;
        while (true) {
            Integer sent = tx.execute(s -> sendBatch(campaignId, campaignName));
            if (sent == null || sent < 0) {
                return queued;
            }
            queued += sent;
        }
    }

    /** A claimed invitation; unit (0: none) and path are its key in the tally (decision 0035). */
    private record Pending(long id, long caseId, String phoneEnc, long cityId, long unitId, String path) {
    }

    /** One batch: returns how many were queued, or -1 when nothing of the request was left to claim. */
    private int sendBatch(long campaignId, String campaignName) {
        List<Pending> claimed = jdbc.sql("""
                        SELECT i.id, coalesce(i.case_id, 0), i.phone_enc, i.city_id, coalesce(i.unit_id, 0),
                               i.jurisdiction_path FROM survey_invitation i
                        JOIN survey_campaign c ON c.id = i.campaign_id AND c.status = 'OPEN'
                        WHERE i.campaign_id = ? AND i.channel = 'SMS' AND i.status = 'INVITED' AND i.sms_sent_at IS NULL
                          AND i.id <= coalesce(c.sms_send_upto, 0)
                        ORDER BY i.id LIMIT ? FOR UPDATE OF i SKIP LOCKED""")
                .params(campaignId, batchSize)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6))).list();
        if (claimed.isEmpty()) {
            return -1;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> sent = new ArrayList<>();
        List<Pending> noPhone = new ArrayList<>();
        List<ResidentSms> messages = new ArrayList<>();
        // the raisers' phones of the whole batch in one look-up, not one query per person
        Map<Long, String> raiserPhones = invitations.raiserPhones(
                claimed.stream().map(Pending::caseId).filter(id -> id > 0).toList());
        for (Pending p : claimed) {
            Optional<String> phone = p.caseId() > 0 ? Optional.ofNullable(raiserPhones.get(p.caseId()))
                    : Optional.ofNullable(p.phoneEnc()).map(invitations::decryptPhone);
            if (phone.isEmpty()) {
                noPhone.add(p);
                continue;
            }
            String token = Invitations.newToken();
            sent.add(new Object[]{Invitations.hash(token), now, p.id()});
            messages.add(new ResidentSms(phone.get(), "【民意】您好，诚邀您参加“" + campaignName + "”满意度调查，约1分钟："
                    + publicBaseUrl + "/public/s/" + token + " 链接仅限本人使用一次。", "survey:" + p.id(), p.cityId()));
        }
        batch.batchUpdate("UPDATE survey_invitation SET status = 'EXCLUDED', exclusion_reason = '无联系电话' WHERE id = ?",
                // in the tally's key order, so two batches at once take the tally rows in one order (no deadlock)
                noPhone.stream().sorted(Comparator.comparingLong(Pending::unitId).thenComparing(Pending::path))
                        .map(p -> new Object[]{p.id()}).toList());
        batch.batchUpdate("UPDATE survey_invitation SET token_hash = ?, sms_sent_at = ? WHERE id = ?", sent);
        notifications.smsToResidents(messages);
        return sent.size();
    }

    /** Requests a crash (or a closed browser) left unfinished: finished here, on whichever node runs the job. */
    public int resumeUnfinished() {
        record Open(long id, String name) {
        }
        List<Open> unfinished = jdbc.sql("""
                        SELECT c.id, c.name FROM survey_campaign c WHERE c.status = 'OPEN' AND c.sms_send_upto IS NOT NULL
                        AND EXISTS (SELECT 1 FROM survey_invitation i WHERE i.campaign_id = c.id AND i.channel = 'SMS'
                                    AND i.status = 'INVITED' AND i.sms_sent_at IS NULL AND i.id <= c.sms_send_upto)""")
                .query((rs, n) -> new Open(rs.getLong(1), rs.getString(2))).list();
        int queued = 0;
        for (Open c : unfinished) {
            int n = sendPending(c.id(), c.name());
            if (n > 0) {
                log.info("Resumed the SMS invitations of survey campaign {}: {} queued", c.id(), n);
            }
            queued += n;
        }
        return queued;
    }

    /** Invitations of the campaign still to be sent by text message (all of them, requested or not). */
    public long pending(long campaignId) {
        return jdbc.sql("""
                        SELECT count(*) FROM survey_invitation WHERE campaign_id = ? AND channel = 'SMS'
                        AND status = 'INVITED' AND sms_sent_at IS NULL""")
                .param(campaignId).query(Long.class).single();
    }
}
