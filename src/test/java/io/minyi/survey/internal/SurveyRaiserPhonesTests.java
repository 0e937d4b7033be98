package io.minyi.survey.internal;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.RaiserContacts;
import io.minyi.casework.SourceChannel;
import io.minyi.org.DemoStaff;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sampled raisers' phones are looked up a batch at a time (one query for the batch) and give what the one-by-one
 * look-up gives: each raiser with a phone is texted at that phone, one without is excluded ("无联系电话").
 */
@FullStackTest
class SurveyRaiserPhonesTests {

    @Autowired JdbcClient jdbc;
    @Autowired OrgDirectory org;
    @Autowired DemoStaff staff;
    @Autowired Campaigns campaigns;
    @Autowired Invitations invitations;
    @Autowired SmsInvitations sms;
    @Autowired RaiserContacts raisers;
    @Autowired CaseIntake intake;
    @Autowired SurveyCandidates candidates;
    @Autowired Clock clock;

    @Test
    void sampled_raisers_are_texted_at_the_phone_their_case_keeps() {
        StaffUser supervisor = staff.account("supervisor");
        LocalDate today = LocalDate.now(clock);
        long id = staff.as(supervisor, () -> {
            long c = campaigns.create(supervisor, new Campaigns.CampaignForm("SATISFACTION",
                    "回访抽样-" + UUID.randomUUID().toString().substring(0, 8), org.root().id(), today, today.plusDays(10),
                    2, List.of()));
            campaigns.addQuestion(supervisor, c, new Campaigns.QuestionForm("SCALE", "您对办理结果是否满意？", null,
                    "SATISFACTION", null));
            return c;
        });
        // twelve concluded cases of this test's own (closed on a day of their own), three of them without a phone
        var county = org.children(org.root().id()).getFirst();
        LocalDate closedOn = LocalDate.of(2001, 1, 1).plusDays(Math.floorMod(UUID.randomUUID().hashCode(), 7_000));
        List<Long> ours = new java.util.ArrayList<>();
        for (int k = 0; k < 12; k++) {
            String phone = k % 4 == 3 ? null : "133" + String.format("%08d",
                    Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
            long caseId = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county.id(), null, null,
                    "当事人" + k, phone, "邻里纠纷回访样本 " + k, null, null, null)).caseId();
            candidates.record(caseId, null, county.id(), county.path(), closedOn);
            ours.add(caseId);
        }
        int sampled = staff.as(supervisor, () -> invitations.sampleRaisers(supervisor, id, closedOn, closedOn, 1_000,
                "SMS"));
        assertThat(sampled).isGreaterThanOrEqualTo(12);
        staff.as(supervisor, () -> campaigns.open(supervisor, id));

        staff.as(supervisor, () -> sms.send(supervisor, id));

        record Sent(long invitation, long caseId, String status, String address) {
        }
        List<Sent> sent = jdbc.sql("""
                        SELECT i.id, i.case_id, i.status, n.address FROM survey_invitation i
                        LEFT JOIN notification n ON n.dedup_key = 'survey:' || i.id WHERE i.campaign_id = ? ORDER BY i.id""")
                .param(id).query((rs, n) -> new Sent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list();
        assertThat(sent).hasSize(sampled);
        assertThat(sent).extracting(Sent::caseId).containsAll(ours);
        assertThat(sent).filteredOn(x -> ours.contains(x.caseId())).filteredOn(x -> x.status().equals("EXCLUDED"))
                .as("the three without a phone").hasSize(3);
        Map<Long, String> oneByOne = new HashMap<>();
        for (Sent s : sent) {
            var phone = raisers.phoneFor(s.caseId());
            phone.ifPresent(p -> oneByOne.put(s.caseId(), p));
            if (phone.isPresent()) {
                assertThat(s.address()).as("invitation %s", s.invitation()).isEqualTo(phone.get());
            } else {
                assertThat(s.status()).as("invitation %s", s.invitation()).isEqualTo("EXCLUDED");
                assertThat(s.address()).isNull();
            }
        }
        assertThat(raisers.phonesFor(sent.stream().map(Sent::caseId).toList())).isEqualTo(oneByOne);

        // the texts themselves are not under test: out of the shared outbox, so other tests' deliveries come first
        jdbc.sql("""
                        UPDATE notification SET status = 'SENT', sent_at = now(), next_attempt_at = NULL
                        WHERE dedup_key IN (SELECT 'survey:' || id FROM survey_invitation WHERE campaign_id = ?)
                        AND status = 'PENDING'""")
                .param(id).update();
    }
}
