package io.minyi.evaluation;

import io.minyi.evaluation.internal.ClueHandover;
import io.minyi.evaluation.internal.EvaluationRecords;
import io.minyi.evaluation.internal.StoredReceipts;
import io.minyi.evaluation.internal.SubmitEvaluation;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class EvaluationFullStackTests {

    private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("id=\"tracking-code\">([A-Z0-9-]+)<");
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    EvaluationFigures figures;

    /** The n-th active officer code (each test takes its own so that the shared database keeps them apart). */
    private Target officer(int n) {
        return jdbc.sql("""
                        SELECT t.code, t.officer_id, o.name FROM evaluation_target t JOIN officer o ON o.id = t.officer_id
                        WHERE t.active ORDER BY t.officer_id OFFSET ? LIMIT 1""").param(n)
                .query((rs, i) -> new Target(rs.getString(1), rs.getLong(2), rs.getString(3))).single();
    }

    private Target unit(int n) {
        return jdbc.sql("""
                        SELECT t.code, t.unit_id, u.name FROM evaluation_target t JOIN unit u ON u.id = t.unit_id
                        WHERE t.active AND t.officer_id IS NULL ORDER BY t.unit_id OFFSET ? LIMIT 1""").param(n)
                .query((rs, i) -> new Target(rs.getString(1), rs.getLong(2), rs.getString(3))).single();
    }

    record Target(String code, long id, String name) {
    }

    private static String key(HttpResponse<String> form) {
        Matcher m = KEY.matcher(form.body());
        assertThat(m.find()).as("the form carries an idempotency key").isTrue();
        return m.group(1);
    }

    private static String trackingCode(HttpResponse<String> receipt) {
        Matcher m = CODE.matcher(receipt.body());
        assertThat(m.find()).as("receipt shows a tracking code: " + receipt.body()).isTrue();
        return m.group(1).replace("-", "");
    }

    private long rowsWithKey(String key) {
        return jdbc.sql("SELECT count(*) FROM evaluation WHERE idempotency_key = ?::uuid").param(key)
                .query(Long.class).single();
    }

    private static Map<String, String> fields(String key, String overall) {
        Map<String, String> f = new HashMap<>();
        f.put("key", key);
        if (overall != null) {
            f.put("overall", overall);
        }
        return f;
    }

    @Test
    void a_resident_scans_rates_gets_a_receipt_and_follows_it_on_the_tracking_page() {
        Target unit = unit(3);
        StaffClient resident = new StaffClient(port);
        var before = figures.forUnit(unit.id(), TODAY, TODAY);

        HttpResponse<String> form = resident.get("/e/" + unit.code());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains(unit.name(), "履职尽责", "为民服务", "队伍管理", "总体评价");
        assertThat(form.headers().firstValue("set-cookie").orElse("")).doesNotContain("SESSION");

        Map<String, String> f = fields(key(form), "SATISFIED");
        f.put("r_duty", "SATISFIED");
        f.put("r_service", "BASICALLY_SATISFIED");
        f.put("comment", "窗口服务热情，办事快");
        HttpResponse<String> receipt = resident.postMultipart("/e/" + unit.code(), f, null, null, null, null);
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).contains("感谢您的评价");
        String code = trackingCode(receipt);
        assertThat(receipt.body()).contains("/t/" + code);

        HttpResponse<String> tracking = resident.get("/t/" + code);
        assertThat(tracking.statusCode()).isEqualTo(200);
        assertThat(tracking.body()).contains("您的评价已收到", unit.name(), "本次评价未反映问题线索");

        var after = figures.forUnit(unit.id(), TODAY, TODAY);
        assertThat(after.evaluations()).isEqualTo(before.evaluations() + 1);
        assertThat(after.satisfied()).isEqualTo(before.satisfied() + 1);
        String city = jdbc.sql("SELECT path FROM jurisdiction WHERE parent_id IS NULL").query(String.class).single();
        assertThat(figures.forJurisdiction(city, TODAY, TODAY).evaluations()).isGreaterThanOrEqualTo(1);
        assertThat(figures.daily(city, TODAY.minusDays(1), TODAY))
                .anySatisfy(d -> assertThat(d.day()).isEqualTo(TODAY));
        assertThat(figures.byUnit(city, TODAY, TODAY))
                .anySatisfy(u -> {
                    assertThat(u.unitId()).isEqualTo(unit.id());
                    assertThat(u.satisfaction().evaluations()).isGreaterThanOrEqualTo(1);
                });
    }

    @Test
    void the_same_form_sent_twice_stores_one_evaluation_and_shows_the_same_receipt() {
        Target officer = officer(11);
        StaffClient resident = new StaffClient(port);
        String key = key(resident.get("/e/" + officer.code()));
        Map<String, String> f = fields(key, "BASICALLY_SATISFIED");
        f.put("r_lawful", "SATISFIED");

        HttpResponse<String> first = resident.postForm("/e/" + officer.code(), f);
        HttpResponse<String> second = resident.postForm("/e/" + officer.code(), f);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(trackingCode(second)).isEqualTo(trackingCode(first));
        assertThat(rowsWithKey(key)).isEqualTo(1);
        assertThat(figures.forOfficer(officer.id(), TODAY, TODAY).evaluations()).isEqualTo(1);
    }

    @Test
    void too_many_evaluations_from_one_phone_are_refused_with_a_friendly_chinese_page() {
        String phone = "139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            Target officer = officer(20 + i);
            StaffClient resident = new StaffClient(port);
            Map<String, String> f = fields(key(resident.get("/e/" + officer.code())), "SATISFIED");
            f.put("phone", phone);
            f.put("consent", "yes");
            last = resident.postForm("/e/" + officer.code(), f);
            if (i < 5) {
                assertThat(last.statusCode()).as("submission %d", i + 1).isEqualTo(200);
            }
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.body()).contains("提交太频繁", "1分钟后再试");
    }

    @Test
    void repeated_evaluations_from_one_device_are_kept_but_flagged_and_left_out_of_the_score() {
        Target officer = officer(40);
        StaffClient resident = new StaffClient(port);
        for (int i = 0; i < 5; i++) {
            Map<String, String> f = fields(key(resident.get("/e/" + officer.code())), "DISSATISFIED");
            assertThat(resident.postForm("/e/" + officer.code(), f).statusCode()).isEqualTo(200);
        }
        var score = figures.forOfficer(officer.id(), TODAY, TODAY);
        assertThat(score.evaluations()).isEqualTo(3);
        assertThat(score.dissatisfied()).isEqualTo(3);
        assertThat(score.flagged()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation WHERE officer_id = ? AND flagged AND flag_reason LIKE 'D:%'")
                .param(officer.id()).query(Long.class).single()).isEqualTo(2);

        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        HttpResponse<String> page = supervisor.get("/evaluations?flagged=true");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("同一设备当日第4次评议同一对象", "同一设备当日第5次评议同一对象");
    }

    @Test
    void a_revoked_code_says_so_politely_and_the_new_code_works() {
        Target unit = unit(5);
        long targetId = jdbc.sql("SELECT id FROM evaluation_target WHERE code = ?").param(unit.code()).query(Long.class).single();
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        admin.get("/evaluations/codes");
        HttpResponse<String> reissued = admin.postForm("/evaluations/codes/" + targetId + "/reissue", Map.of());
        assertThat(reissued.statusCode()).isEqualTo(302);

        StaffClient resident = new StaffClient(port);
        HttpResponse<String> old = resident.get("/e/" + unit.code());
        assertThat(old.statusCode()).isEqualTo(410);
        assertThat(old.body()).contains("此二维码已停用", unit.name(), "新二维码");
        HttpResponse<String> oldPost = resident.postForm("/e/" + unit.code(), fields("00000000-0000-4000-8000-000000000000", "SATISFIED"));
        assertThat(oldPost.statusCode()).isEqualTo(410);

        String fresh = jdbc.sql("SELECT code FROM evaluation_target WHERE unit_id = ? AND officer_id IS NULL AND active")
                .param(unit.id()).query(String.class).single();
        assertThat(fresh).isNotEqualTo(unit.code());
        assertThat(resident.get("/e/" + fresh).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'evaluation.code.reissue' AND record_id = ?")
                .param(String.valueOf(targetId)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void the_rating_page_with_its_styles_and_script_weighs_less_than_100_kb() {
        Target officer = officer(90);
        StaffClient resident = new StaffClient(port);
        HttpResponse<String> page = resident.get("/e/" + officer.code());
        long total = page.body().getBytes(StandardCharsets.UTF_8).length;
        Matcher assets = Pattern.compile("(?:href|src)=\"(/(?:css|js)/[^\"]+)\"").matcher(page.body());
        int count = 0;
        while (assets.find()) {
            HttpResponse<byte[]> asset = resident.getBytes(assets.group(1));
            assertThat(asset.statusCode()).isEqualTo(200);
            total += asset.body().length;
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(2);
        assertThat(total).isLessThan(100 * 1024);
    }

    @Test
    void an_unknown_code_is_a_404_page() {
        HttpResponse<String> res = new StaffClient(port).get("/e/zzzzzzzzzzzzzzzzzzzz");
        assertThat(res.statusCode()).isEqualTo(404);
        // resident words, no staff login on a resident's page
        assertThat(res.body()).contains("二维码已失效或无法识别").doesNotContain("登录");
    }

    @Test
    void invalid_input_is_explained_and_nothing_is_stored() throws Exception {
        Target officer = officer(60);
        StaffClient resident = new StaffClient(port);

        String k1 = key(resident.get("/e/" + officer.code()));
        HttpResponse<String> noOverall = resident.postForm("/e/" + officer.code(), fields(k1, null));
        assertThat(noOverall.statusCode()).isEqualTo(400);
        assertThat(noOverall.body()).contains("请选择总体评价");
        assertThat(rowsWithKey(k1)).isZero();

        String k2 = key(resident.get("/e/" + officer.code()));
        Map<String, String> huge = fields(k2, "SATISFIED");
        huge.put("comment", "长".repeat(3_300_000));
        HttpResponse<String> tooLong = resident.postMultipart("/e/" + officer.code(), huge, null, null, null, null);
        assertThat(tooLong.statusCode()).isBetween(400, 413);
        assertThat(tooLong.body()).containsAnyOf("太长", "太大");
        assertThat(rowsWithKey(k2)).isZero();

        String k3 = key(resident.get("/e/" + officer.code()));
        Map<String, String> withClue = fields(k3, "DISSATISFIED");
        withClue.put("clue", "办事要求送礼");
        HttpResponse<String> notAPhoto = resident.postMultipart("/e/" + officer.code(), withClue, "photo", "a.jpg",
                "image/jpeg", "<?php echo 'hi'; ?>".getBytes(StandardCharsets.UTF_8));
        assertThat(notAPhoto.statusCode()).isEqualTo(400);
        assertThat(notAPhoto.body()).contains("不是照片");
        assertThat(rowsWithKey(k3)).isZero();

        String k4 = key(resident.get("/e/" + officer.code()));
        Map<String, String> badRating = fields(k4, "VERY_HAPPY");
        assertThat(resident.postForm("/e/" + officer.code(), badRating).statusCode()).isEqualTo(400);
        assertThat(rowsWithKey(k4)).isZero();
        assertThat(figures.forOfficer(officer.id(), TODAY, TODAY).evaluations()).isZero();
    }

    /**
     * Decision 0067: an officer's running totals are read under the units of his codes. An officer counted under two
     * units (a code issued at his first unit, retired, and one at his second) keeps both in his figures.
     */
    @Test
    void an_officers_figures_include_every_unit_his_codes_were_issued_under() {
        Target officer = officer(100);
        long first = jdbc.sql("SELECT unit_id FROM evaluation_target WHERE officer_id = ? AND active").param(officer.id())
                .query(Long.class).single();
        long second = jdbc.sql("SELECT id FROM unit WHERE id <> ? ORDER BY id LIMIT 1").param(first).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO evaluation_target (code, unit_id, officer_id, active, revoked_at)
                VALUES (?, ?, ?, false, now())""").params("zzretired" + officer.id(), second, officer.id()).update();
        LocalDate day = LocalDate.of(2001, 3, 14);
        for (long[] unitAndCount : new long[][]{{first, 3}, {second, 5}}) {
            jdbc.sql("""
                    INSERT INTO evaluation_daily (day, unit_id, officer_id, evaluations, satisfied, city_id)
                    SELECT ?, u.id, ?, ?, ?, city_of_path(j.path) FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                    WHERE u.id = ?""").params(day, officer.id(), unitAndCount[1], unitAndCount[1], unitAndCount[0]).update();
            jdbc.sql("""
                    INSERT INTO evaluation_dimension_daily (day, unit_id, officer_id, dimension, satisfied, city_id)
                    SELECT ?, u.id, ?, 'lawful', ?, city_of_path(j.path) FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                    WHERE u.id = ?""").params(day, officer.id(), unitAndCount[1], unitAndCount[0]).update();
        }

        assertThat(figures.forOfficer(officer.id(), day, day).evaluations()).isEqualTo(8);
        assertThat(context.getBean(EvaluationRecords.class).dimensions(0, officer.id(), day, day))
                .singleElement().satisfies(d -> assertThat(d.satisfied()).isEqualTo(8));
    }

    /** The list is newest first across midnight too: ordered by day first, as its indexes are, then by the instant. */
    @Test
    void an_officers_evaluations_are_listed_newest_first() {
        Target officer = officer(110);
        long target = jdbc.sql("SELECT id FROM evaluation_target WHERE officer_id = ? AND active").param(officer.id())
                .query(Long.class).single();
        List<Long> ids = new ArrayList<>();
        for (String at : new String[]{"2002-05-01 23:30:00+08", "2002-05-02 00:10:00+08", "2002-05-01 08:00:00+08"}) {
            ids.add(jdbc.sql("""
                    INSERT INTO evaluation (idempotency_key, target_id, unit_id, officer_id, overall, ratings, has_clue,
                                            submitted_at, day, city_id)
                    SELECT gen_random_uuid(), t.id, t.unit_id, t.officer_id, 'SATISFIED', '{}', false, ?::timestamptz,
                           (?::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, city_of_path(j.path)
                    FROM evaluation_target t JOIN unit u ON u.id = t.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                    WHERE t.id = ? RETURNING id""").params(at, at, target).query(Long.class).single());
        }
        // the running totals the writer keeps with every row it stores, which the list counts from (0069)
        jdbc.sql("""
                INSERT INTO evaluation_daily (day, unit_id, officer_id, evaluations, satisfied, city_id)
                SELECT e.day, e.unit_id, e.officer_id, count(*), count(*), e.city_id FROM evaluation e
                WHERE e.id IN (?, ?, ?) GROUP BY 1, 2, 3, 6""").params(ids.get(0), ids.get(1), ids.get(2)).update();
        var page = context.getBean(EvaluationRecords.class).search(new EvaluationRecords.Scope("/%", null, null, false),
                new EvaluationRecords.Filter(LocalDate.of(2002, 5, 1), LocalDate.of(2002, 5, 2), null, false, officer.id()),
                io.minyi.platform.PageResult.Request.of(1, null));

        assertThat(page.items()).extracting(EvaluationRecords.Row::id).containsExactly(ids.get(1), ids.get(0), ids.get(2));
        assertThat(page.total()).isEqualTo(3);
    }

    /**
     * The list of a whole scope (0069): each unit's newest forms merged, and its number from the running totals, are the
     * same as sorting and counting the rows themselves, page after page, with and without flagged forms, for an
     * officer who must not see himself and for one unit.
     */
    @Test
    void a_scopes_list_and_its_number_are_the_rows_newest_first() {
        List<Long> targets = jdbc.sql("""
                SELECT DISTINCT ON (t.unit_id, t.officer_id IS NULL) t.id FROM evaluation_target t WHERE t.active
                ORDER BY t.unit_id, t.officer_id IS NULL, t.id LIMIT 6""").query(Long.class).list();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 47; i++) {
            jdbc.sql("""
                    INSERT INTO evaluation (idempotency_key, target_id, unit_id, officer_id, overall, ratings, has_clue,
                                            submitted_at, day, city_id, flagged, flag_reason)
                    SELECT gen_random_uuid(), t.id, t.unit_id, t.officer_id, 'SATISFIED', '{}', false, x.at,
                           (x.at AT TIME ZONE 'Asia/Shanghai')::date, city_of_path(j.path), ?, CASE WHEN ? THEN 'D:4>3' END
                    FROM evaluation_target t JOIN unit u ON u.id = t.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id,
                         (SELECT timestamptz '2003-03-01 00:00:00+08' + ? * interval '1 minute' AS at) x
                    WHERE t.id = ?""").params(i % 7 == 3, i % 7 == 3, random.nextInt(3 * 24 * 60) * 1.0 + i / 100.0,
                    targets.get(i % targets.size())).update();
        }
        jdbc.sql("""
                INSERT INTO evaluation_daily (day, unit_id, officer_id, evaluations, satisfied, flagged, city_id)
                SELECT e.day, e.unit_id, coalesce(e.officer_id, 0), count(*) FILTER (WHERE NOT e.flagged),
                       count(*) FILTER (WHERE NOT e.flagged), count(*) FILTER (WHERE e.flagged), e.city_id
                FROM evaluation e WHERE e.day BETWEEN '2003-03-01' AND '2003-03-03' GROUP BY 1, 2, 3, 7""").update();
        Long anOfficer = jdbc.sql("SELECT officer_id FROM evaluation_target WHERE id = ANY (?) AND officer_id IS NOT NULL"
                + " LIMIT 1").param(targets.toArray(Long[]::new)).query(Long.class).single();
        Long aUnit = jdbc.sql("SELECT unit_id FROM evaluation_target WHERE id = ?").param(targets.getFirst())
                .query(Long.class).single();
        var records = context.getBean(EvaluationRecords.class);
        var filter = new EvaluationRecords.Filter(LocalDate.of(2003, 3, 1), LocalDate.of(2003, 3, 3), null, false, null);
        for (var scope : List.of(new EvaluationRecords.Scope("/%", null, null, true),
                new EvaluationRecords.Scope("/%", null, null, false),
                new EvaluationRecords.Scope("/%", null, anOfficer, true),
                new EvaluationRecords.Scope("/%", aUnit, null, true))) {
            String where = " WHERE e.day BETWEEN '2003-03-01' AND '2003-03-03'"
                    + (scope.seesFlags() ? "" : " AND NOT e.flagged")
                    + (scope.ownOfficerId() == null ? "" : " AND e.officer_id IS DISTINCT FROM " + scope.ownOfficerId())
                    + (scope.unitId() == null ? "" : " AND e.unit_id = " + scope.unitId());
            List<Long> all = jdbc.sql("SELECT e.id FROM evaluation e" + where + " ORDER BY e.submitted_at DESC, e.id DESC")
                    .query(Long.class).list();
            assertThat(all).hasSizeGreaterThan(scope.unitId() == null ? 20 : 3);
            List<Long> listed = new ArrayList<>();
            for (int p = 1; p <= 4; p++) {
                var page = records.search(scope, filter, io.minyi.platform.PageResult.Request.of(p, 10));
                assertThat(page.total()).as("counted from the running totals").isEqualTo(all.size());
                page.items().forEach(r -> listed.add(r.id()));
            }
            assertThat(listed).as(scope.toString()).isEqualTo(all.subList(0, Math.min(40, all.size())));
            if (!scope.seesFlags()) {
                // "only flagged ones" from someone who may not see flags is ignored, as the form does not offer it
                var flaggedAsked = records.search(scope, new EvaluationRecords.Filter(filter.from(), filter.to(), null,
                        true, null), io.minyi.platform.PageResult.Request.of(1, 10));
                assertThat(flaggedAsked.total()).isEqualTo(all.size());
                assertThat(flaggedAsked.items()).extracting(EvaluationRecords.Row::id).isEqualTo(all.subList(0, 10));
            }
        }
    }

    /** What 0067 rests on: every officer's running total lies under a unit one of his codes was issued under. */
    @Test
    void every_officers_running_total_lies_under_a_unit_of_one_of_his_codes() {
        for (String table : new String[]{"evaluation_daily", "evaluation_dimension_daily"}) {
            // of real officers: a test of the monthly totals writes days for an officer id no one has
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " d JOIN officer o ON o.id = d.officer_id WHERE NOT EXISTS"
                            + " (SELECT 1 FROM evaluation_target t WHERE t.officer_id = d.officer_id AND t.unit_id = d.unit_id)")
                    .query(Long.class).single()).as(table).isZero();
        }
        assertThat(jdbc.sql("""
                SELECT count(*) FROM evaluation e JOIN evaluation_target t ON t.id = e.target_id
                WHERE e.unit_id <> t.unit_id OR e.officer_id IS DISTINCT FROM t.officer_id""").query(Long.class).single())
                .as("an evaluation is counted under its code's unit and officer").isZero();
    }

    @Test
    void a_clue_with_a_photo_is_kept_for_casework_and_the_photo_loses_its_exif() throws Exception {
        Target officer = officer(70);
        StaffClient resident = new StaffClient(port);
        Map<String, String> f = fields(key(resident.get("/e/" + officer.code())), "DISSATISFIED");
        f.put("clue", "11月20日上午在窗口办理业务时被要求找熟人");
        f.put("phone", "13800138000");
        f.put("consent", "yes");
        HttpResponse<String> receipt = resident.postMultipart("/e/" + officer.code(), f, "photo", "p.jpg", "image/jpeg",
                jpegWithExif());
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).contains("问题线索已登记");
        String code = trackingCode(receipt);

        var clue = jdbc.sql("""
                        SELECT c.intake_state, p.bytes FROM evaluation e JOIN evaluation_clue c ON c.evaluation_id = e.id
                        JOIN evaluation_photo p ON p.evaluation_id = e.id WHERE e.id = ?""").param(StoredReceipts.idOf(context, code))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getBytes(2))).single();
        assertThat(clue.getKey()).isIn("PENDING_INTAKE", "HANDED_OVER");
        assertThat(new String(clue.getValue(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif", "GPS-SECRET");
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(clue.getValue()))).isNotNull();
        assertThat(figures.forOfficer(officer.id(), TODAY, TODAY).clues()).isEqualTo(1);
        assertThat(resident.get("/t/" + code).statusCode()).isEqualTo(200);

        long evaluationId = StoredReceipts.idOf(context, code);
        ClueHandover handover = context.getBean(ClueHandover.class);
        handover.retryPending();
        long caseId = jdbc.sql("SELECT case_id FROM evaluation_clue WHERE evaluation_id = ? AND intake_state = 'HANDED_OVER'")
                .param(evaluationId).query(Long.class).single();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clue.getValue()));
        assertThat(jdbc.sql("SELECT sha256 FROM case_attachment WHERE case_id = ?").param(caseId).query(String.class).list())
                .as("decision 0066: the case keeps the photo the form cleaned, not a second encoding of it")
                .containsExactly(sha256);

        // handed over again (as when casework was away): the stored photo is cleaned anew, the case is the same one
        jdbc.sql("UPDATE evaluation_clue SET intake_state = 'PENDING_INTAKE' WHERE evaluation_id = ?").param(evaluationId)
                .update();
        assertThat(handover.retryPending()).isPositive();
        assertThat(jdbc.sql("SELECT case_id FROM evaluation_clue WHERE evaluation_id = ? AND intake_state = 'HANDED_OVER'")
                .param(evaluationId).query(Long.class).single()).isEqualTo(caseId);
        assertThat(jdbc.sql("SELECT count(*) FROM case_attachment WHERE case_id = ?").param(caseId).query(Long.class)
                .single()).isOne();
    }

    @Test
    void a_unit_leader_sees_his_units_comments_but_never_a_phone() {
        long unitId = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'unitleader'").query(Long.class).single();
        String code = jdbc.sql("SELECT code FROM evaluation_target WHERE unit_id = ? AND officer_id IS NULL AND active")
                .param(unitId).query(String.class).single();
        StaffClient resident = new StaffClient(port);
        Map<String, String> f = fields(key(resident.get("/e/" + code)), "BASICALLY_SATISFIED");
        String comment = "排队时间长一些-" + ThreadLocalRandom.current().nextInt(1_000_000);
        f.put("comment", comment);
        f.put("phone", "13912345678");
        f.put("consent", "yes");
        assertThat(resident.postForm("/e/" + code, f).statusCode()).isEqualTo(200);

        StaffClient leader = new StaffClient(port);
        leader.login("unitleader");
        HttpResponse<String> page = leader.get("/evaluations");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(comment).doesNotContain("13912345678");

        StaffClient otherCounty = new StaffClient(port);
        otherCounty.login("dispatcher2");
        assertThat(otherCounty.get("/evaluations").statusCode()).isEqualTo(403);
    }

    @Test
    void the_longest_comment_is_kept_in_the_commented_forms_index_and_found_by_its_text() {
        long unitId = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'unitleader'").query(Long.class).single();
        String code = jdbc.sql("SELECT code FROM evaluation_target WHERE unit_id = ? AND officer_id IS NULL AND active")
                .param(unitId).query(String.class).single();
        String marker = "长评" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        // random ideographs, so the index entry cannot be made small by compression: 1,500 bytes
        StringBuilder comment = new StringBuilder(marker);
        while (comment.length() < SubmitEvaluation.MAX_COMMENT) {
            comment.append((char) ThreadLocalRandom.current().nextInt(0x4E00, 0x9FA5));
        }
        StaffClient resident = new StaffClient(port);
        Map<String, String> f = fields(key(resident.get("/e/" + code)), "SATISFIED");
        f.put("comment", comment.toString());
        assertThat(resident.postForm("/e/" + code, f).statusCode()).isEqualTo(200);

        StaffClient leader = new StaffClient(port);
        leader.login("unitleader");
        HttpResponse<String> found = leader.get("/evaluations?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(marker).contains("共 1 条");

        // the table allows 500 characters of four bytes each: such a comment fits the index too (2,000 bytes)
        StringBuilder widest = new StringBuilder(marker);
        while (widest.codePointCount(0, widest.length()) < SubmitEvaluation.MAX_COMMENT) {
            widest.appendCodePoint(ThreadLocalRandom.current().nextInt(0x20000, 0x2A6D6));
        }
        assertThat(jdbc.sql("UPDATE evaluation SET comment = ? WHERE comment LIKE ?")
                .params(widest.toString(), marker + "%").update()).isOne();
        assertThat(leader.get("/evaluations?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8)).body())
                .contains("共 1 条");
    }

    @Test
    void discipline_opens_an_officers_record_and_admin_downloads_posters() {
        Target officer = officer(80);
        StaffClient resident = new StaffClient(port);
        Map<String, String> f = fields(key(resident.get("/e/" + officer.code())), "SATISFIED");
        f.put("r_integrity", "SATISFIED");
        f.put("comment", "廉洁奉公");
        resident.postForm("/e/" + officer.code(), f);

        StaffClient discipline = new StaffClient(port);
        discipline.login("discipline");
        HttpResponse<String> record = discipline.get("/evaluations/officers/" + officer.id());
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.body()).contains(officer.name(), "廉洁自律", "廉洁奉公");

        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        assertThat(admin.get("/evaluations/codes").body()).contains("评议二维码管理");
        long unitId = unit(0).id();
        HttpResponse<byte[]> poster = admin.getBytes("/evaluations/codes/units/" + unitId + "/poster.pdf");
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(new String(poster.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    private static byte[] jpegWithExif() throws Exception {
        BufferedImage img = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", plain);
        byte[] jpeg = plain.toByteArray();
        byte[] payload = "Exif\0\0GPS-SECRET-31.2304N-121.4737E".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        int len = payload.length + 2;
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.write(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
