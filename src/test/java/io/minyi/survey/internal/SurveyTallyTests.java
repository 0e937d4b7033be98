package io.minyi.survey.internal;

import io.minyi.org.DemoStaff;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.StaffUser;
import io.minyi.survey.SurveyFigures;
import io.minyi.survey.internal.SurveyResults.CampaignResult;
import io.minyi.support.FullStackTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The results read from the tallies equal a recount over the raw invitations and answers ({@link SurveyRecount},
 * the counting used before the tallies), for several campaigns: per-unit questions (two satisfaction answers for one
 * person), answers by link arriving from eight threads at once, telephone outcomes, exclusions, and corrections
 * written straight into the tables (an answer changed or removed, a person moved to another unit, an invitation
 * deleted). The dashboard's satisfaction figure equals its old count too.
 */
@FullStackTest
public class SurveyTallyTests {

    @Autowired JdbcClient jdbc;
    @Autowired OrgDirectory org;
    @Autowired DemoStaff staff;
    @Autowired Campaigns campaigns;
    @Autowired Invitations invitations;
    @Autowired Responses responses;
    @Autowired SurveyResults results;
    @Autowired SurveyFigures figures;
    @Autowired PlatformTransactionManager txm;
    @Autowired Clock clock;

    @Test
    void satisfaction_results_equal_a_recount_through_answers_calls_exclusions_and_corrections() throws Exception {
        StaffUser supervisor = staff.account("supervisor");
        List<JurisdictionRef> counties = org.children(org.root().id());
        List<UnitRef> first = org.unitsWithin(counties.get(0).path());
        List<UnitRef> second = org.unitsWithin(counties.get(1).path());
        UnitRef a = first.get(0);
        UnitRef b = first.get(1);
        UnitRef c = second.get(0);
        LocalDate today = LocalDate.now(clock);
        long id = staff.as(supervisor, () -> {
            long campaign = campaigns.create(supervisor, new Campaigns.CampaignForm("SATISFACTION",
                    "汇总核对-" + UUID.randomUUID().toString().substring(0, 8), org.root().id(), today,
                    today.plusDays(20), 2, List.of(a.id(), b.id(), c.id())));
            campaigns.addQuestion(supervisor, campaign, new Campaigns.QuestionForm("SCALE", "您对办理结果是否满意？", null,
                    "SATISFACTION", null));
            campaigns.addQuestion(supervisor, campaign, new Campaigns.QuestionForm("SINGLE", "您对该单位的服务是否满意？",
                    "满意\n基本满意\n不满意", "SATISFACTION", a.id()));
            campaigns.addQuestion(supervisor, campaign, new Campaigns.QuestionForm("MULTIPLE", "您通过哪些渠道反映？",
                    "电话\n网络\n来访", null, null));
            campaigns.addQuestion(supervisor, campaign, new Campaigns.QuestionForm("TEXT", "意见建议", null, null, null));
            return campaign;
        });
        List<List<String>> people = new ArrayList<>();
        String[] codes = {a.code(), b.code(), c.code(), ""};
        for (int k = 0; k < 48; k++) {
            people.add(List.of("受访者" + k, phone(), codes[k % 4], k % 3 == 0 ? "电话" : "短信"));
        }
        assertThat(staff.as(supervisor, () -> invitations.importPeople(supervisor, id, xlsx(people)))).isEqualTo(48);
        staff.as(supervisor, () -> campaigns.open(supervisor, id));
        Campaign campaign = staff.as(supervisor, () -> campaigns.get(supervisor, id));
        assertTalliesEqualRecount(campaign);

        record Invited(long id, Long unitId, String channel) {
        }
        List<Invited> invited = jdbc.sql("SELECT id, unit_id, channel FROM survey_invitation WHERE campaign_id = ? ORDER BY id")
                .param(id).query((rs, n) -> new Invited(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3))).list();
        Random random = new Random(12);
        List<String> tokens = new ArrayList<>();
        List<Map<String, String[]>> answers = new ArrayList<>();
        for (Invited inv : invited) {
            if (inv.channel().equals("SMS") && random.nextInt(6) > 0) {
                tokens.add(staff.as(supervisor, () -> invitations.issueLink(supervisor, inv.id())));
                answers.add(answer(campaign, inv.unitId(), random));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < tokens.size(); k++) {
                int n = k;
                done.add(pool.submit(() -> responses.submit(tokens.get(n), answers.get(n))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertTalliesEqualRecount(campaign);

        int k = 0;
        for (Invited inv : invited) {
            if (!inv.channel().equals("PHONE")) {
                continue;
            }
            switch (k++ % 4) {
                case 0 -> call(supervisor, inv.id(), "COMPLETED", answer(campaign, inv.unitId(), random));
                case 1 -> call(supervisor, inv.id(), "REFUSED", Map.of());
                case 2 -> {
                    call(supervisor, inv.id(), "NO_ANSWER", Map.of());
                    call(supervisor, inv.id(), "NO_ANSWER", Map.of()); // the second of two attempts: unreachable
                }
                default -> staff.as(supervisor, () -> invitations.exclude(supervisor, inv.id(), "已迁出本地"));
            }
        }
        CampaignResult result = assertTalliesEqualRecount(campaign);
        assertThat(result.total().invited()).isEqualTo(48);
        assertThat(result.total().refused()).isPositive();
        assertThat(result.total().unreachable()).isPositive();
        assertThat(result.total().excluded()).isPositive();
        assertThat(result.units()).extracting(SurveyResults.Line::name).contains(a.name(), b.name(), c.name(), "");
        assertThat(result.counties()).extracting(SurveyResults.Line::name).contains(counties.get(0).name(), counties.get(1).name());

        // corrections written straight into the tables: the tallies follow whatever writes
        long twoAnswers = jdbc.sql("""
                        SELECT a.invitation_id FROM survey_answer a JOIN survey_question q ON q.id = a.question_id
                        WHERE q.campaign_id = ? AND q.unit_id IS NOT NULL ORDER BY 1 LIMIT 1""")
                .param(id).query(Long.class).single();
        jdbc.sql("""
                        UPDATE survey_answer SET choice = '{不满意}' WHERE invitation_id = ?
                        AND question_id IN (SELECT id FROM survey_question WHERE campaign_id = ? AND kind = 'SINGLE')""")
                .params(twoAnswers, id).update();
        assertTalliesEqualRecount(campaign);
        jdbc.sql("UPDATE survey_answer SET scale = CASE WHEN scale >= 4 THEN 1 ELSE 5 END WHERE invitation_id = ? AND scale IS NOT NULL")
                .param(twoAnswers).update();
        assertTalliesEqualRecount(campaign);
        jdbc.sql("DELETE FROM survey_answer WHERE invitation_id = ? AND choice = '{不满意}'").param(twoAnswers).update();
        assertTalliesEqualRecount(campaign);
        long answered = jdbc.sql("SELECT invitation_id FROM survey_answer a JOIN survey_invitation i ON i.id = a.invitation_id"
                        + " WHERE i.campaign_id = ? AND i.unit_id = ? ORDER BY 1 DESC LIMIT 1")
                .params(id, b.id()).query(Long.class).single();
        jdbc.sql("UPDATE survey_invitation SET unit_id = ?, jurisdiction_id = ?, jurisdiction_path = ? WHERE id = ?")
                .params(c.id(), c.jurisdictionId(), c.jurisdictionPath(), answered).update();
        assertTalliesEqualRecount(campaign);
        long gone = jdbc.sql("SELECT invitation_id FROM survey_answer a JOIN survey_invitation i ON i.id = a.invitation_id"
                        + " WHERE i.campaign_id = ? ORDER BY 1 LIMIT 1").param(id).query(Long.class).single();
        jdbc.sql("DELETE FROM survey_answer WHERE invitation_id = ?").param(gone).update();
        jdbc.sql("DELETE FROM survey_call_attempt WHERE invitation_id = ?").param(gone).update();
        jdbc.sql("DELETE FROM survey_invitation WHERE id = ?").param(gone).update();
        assertThat(assertTalliesEqualRecount(campaign).total().invited()).isEqualTo(47);

        assertThatThrownBy(() -> jdbc.sql("UPDATE survey_question SET options = '{不满意,满意,基本满意}'"
                        + " WHERE campaign_id = ? AND kind = 'SINGLE'").param(id).update())
                .as("an answered question keeps how it is scored").hasMessageContaining("has answers");

        // the dashboard's satisfaction figure, counted the old way in the same snapshot
        TransactionTemplate snapshot = new TransactionTemplate(txm);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(s -> {
            SurveyFigures.Satisfaction now = figures.satisfaction(org.root().path(), today, today);
            List<Long> old = jdbc.sql("""
                            WITH sat AS (SELECT a.invitation_id, bool_and(CASE WHEN q.kind = 'SCALE' THEN a.scale >= 4
                                         ELSE coalesce(array_position(q.options, a.choice[1]), 99) <= 2 END) AS ok
                                         FROM survey_answer a JOIN survey_question q ON q.id = a.question_id
                                         WHERE q.indicator = 'SATISFACTION' GROUP BY a.invitation_id)
                            SELECT unnest(ARRAY[count(*), count(*) FILTER (WHERE i.status = 'EXCLUDED'),
                                   count(*) FILTER (WHERE i.status = 'RESPONDED'), count(sat.ok),
                                   count(*) FILTER (WHERE sat.ok)])
                            FROM survey_invitation i JOIN survey_campaign c ON c.id = i.campaign_id
                            LEFT JOIN sat ON sat.invitation_id = i.id
                            WHERE c.kind = 'SATISFACTION' AND i.jurisdiction_path LIKE ?
                            AND i.invited_at >= ? AND i.invited_at < ?""")
                    .params(org.root().path() + "%", start(today), start(today.plusDays(1)))
                    .query(Long.class).list();
            assertThat(List.of(now.invited(), now.excluded(), now.responded(), now.satisfied().n(), now.satisfied().hits()))
                    .isEqualTo(old);
        });
    }

    @Test
    void perception_results_equal_a_recount_per_indicator() throws Exception {
        StaffUser supervisor = staff.account("supervisor");
        JurisdictionRef county = org.children(org.root().id()).getLast();
        List<UnitRef> units = org.unitsWithin(county.path());
        LocalDate today = LocalDate.now(clock);
        long id = staff.as(supervisor, () -> {
            long campaign = campaigns.create(supervisor, new Campaigns.CampaignForm("PERCEPTION",
                    "安全感核对-" + UUID.randomUUID().toString().substring(0, 8), county.id(), today, today.plusDays(5),
                    3, List.of()));
            for (String indicator : List.of("SECURITY", "LAW_ENFORCEMENT", "DISPUTE_RESOLUTION", "ANTI_GANG")) {
                campaigns.addQuestion(supervisor, campaign, new Campaigns.QuestionForm("SCALE", "评价：" + indicator, null,
                        indicator, null));
            }
            return campaign;
        });
        List<List<String>> people = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            people.add(List.of("居民" + k, phone(), k % 3 == 0 ? "" : units.get(k % Math.min(3, units.size())).code(), "短信"));
        }
        staff.as(supervisor, () -> invitations.importPeople(supervisor, id, xlsx(people)));
        staff.as(supervisor, () -> campaigns.open(supervisor, id));
        Campaign campaign = staff.as(supervisor, () -> campaigns.get(supervisor, id));
        Random random = new Random(7);
        for (long inv : jdbc.sql("SELECT id FROM survey_invitation WHERE campaign_id = ? ORDER BY id").param(id)
                .query(Long.class).list()) {
            if (random.nextInt(5) > 0) {
                String token = staff.as(supervisor, () -> invitations.issueLink(supervisor, inv));
                responses.submit(token, answer(campaign, null, random));
            }
        }
        CampaignResult result = assertTalliesEqualRecount(campaign);
        assertThat(result.total().indicators()).hasSize(4);
        assertThat(result.total().indicators().values()).allSatisfy(p -> assertThat(p.n()).isPositive());
    }

    private CampaignResult assertTalliesEqualRecount(Campaign campaign) {
        CampaignResult fast = results.result(campaign);
        assertThat(fast).isEqualTo(SurveyRecount.of(jdbc, campaign.id()));
        return fast;
    }

    private void call(StaffUser supervisor, long invitation, String outcome, Map<String, String[]> answers) {
        staff.as(supervisor, () -> invitations.recordCall(supervisor, invitation, outcome, null, answers));
    }

    /** A filled-in questionnaire: every question asked about the person's unit, scored ones always answered. */
    private static Map<String, String[]> answer(Campaign campaign, Long unitId, Random random) {
        Map<String, String[]> params = new HashMap<>();
        for (Campaign.Question q : campaign.questions()) {
            if (!q.askedFor(unitId)) {
                continue;
            }
            String[] value = switch (q.kind()) {
                case SCALE -> new String[]{String.valueOf(1 + random.nextInt(5))};
                case SINGLE -> new String[]{q.options().get(random.nextInt(q.options().size()))};
                case MULTIPLE -> new String[]{q.options().get(0), q.options().get(1 + random.nextInt(q.options().size() - 1))};
                case TEXT -> random.nextBoolean() ? new String[]{"很好"} : new String[0];
            };
            params.put("q" + q.id(), value);
        }
        return params;
    }

    private static String phone() {
        return "136" + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
    }

    /** A sheet of people to survey as staff upload it (also used by {@code SurveyFullStackTests}). */
    public static ByteArrayInputStream xlsx(List<List<String>> rows) {
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("名单");
            Row head = s.createRow(0);
            String[] cols = {"姓名", "手机号", "单位编码", "方式"};
            for (int c = 0; c < cols.length; c++) {
                head.createCell(c).setCellValue(cols[c]);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = s.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            wb.write(out);
            return new ByteArrayInputStream(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.sql.Timestamp start(LocalDate day) {
        return java.sql.Timestamp.from(day.atStartOfDay(io.minyi.platform.CityTime.ZONE).toInstant());
    }
}
