package io.minyi.platform;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.CaseWorkflow;
import io.minyi.casework.RiskLevel;
import io.minyi.org.Role;
import io.minyi.support.FullStackTest;
import io.minyi.support.ImageBombs;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small files that declare huge pictures, sent concurrently to the resident's rating page and to a staff evidence
 * upload: every answer is a receipt or a clear 413/429, and the memory they take stays far below what decoding them
 * at full size would need.
 */
@FullStackTest
class ImageBombFullStackTests {

    private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");
    /** 6320 × 6320 = 39.9 Mpx, just under the pixel limit: 120 MB of RGB once fully decoded, about 120 KB on disk. */
    private static final byte[] BOMB = ImageBombs.png(6320, 6320);
    private static final long FULL_DECODE = 6320L * 6320 * 3;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ImageDecoder decoder;
    @Autowired
    CaseIntake intake;
    @Autowired
    CaseWorkflow workflow;

    @Test
    void eight_concurrent_photo_bombs_on_the_rating_page_are_answered_without_500_and_with_bounded_memory()
            throws Exception {
        String code = jdbc.queryForObject("""
                SELECT code FROM evaluation_target WHERE active AND officer_id IS NOT NULL
                ORDER BY officer_id DESC OFFSET 7 LIMIT 1""", String.class);
        long allocatedBefore = allocatedBytes();
        List<HttpResponse<String>> answers = concurrently(8, i -> {
            StaffClient resident = new StaffClient(port);
            Matcher m = KEY.matcher(resident.get("/e/" + code).body());
            assertThat(m.find()).isTrue();
            Map<String, String> f = new HashMap<>();
            f.put("key", m.group(1));
            f.put("overall", "DISSATISFIED");
            f.put("clue", "照片炸弹测试 " + i);
            return resident.postMultipart("/e/" + code, f, "photo", "bomb.png", "image/png", BOMB);
        });
        long allocated = allocatedBytes() - allocatedBefore;
        for (HttpResponse<String> a : answers) {
            assertThat(a.statusCode()).as(a.body()).isIn(200, 429);
            if (a.statusCode() == 429) {
                assertThat(a.body()).contains("请稍候");
            } else {
                assertThat(a.body()).doesNotContain("不是照片");
            }
        }
        assertThat(answers).anyMatch(a -> a.statusCode() == 200);
        // decoded at full size the eight would allocate at least 8 × 120 MB; subsampled they need a few MB each
        assertThat(allocated).as("bytes allocated while handling the bombs").isLessThan(3 * FULL_DECODE);
        assertThat(decoder.peakReservedBytes()).isLessThanOrEqualTo(decoder.budgetBytes());
        Integer width = jdbc.queryForObject("""
                SELECT max(p.width) FROM evaluation_photo p JOIN evaluation_clue c ON c.evaluation_id = p.evaluation_id
                WHERE c.content LIKE '照片炸弹测试%'""", Integer.class);
        assertThat(width).isLessThanOrEqualTo(1280);
    }

    @Test
    void evidence_bombs_are_stored_scaled_down_or_refused_413_or_429_never_500() throws Exception {
        long bomb1 = signedCase();
        long bomb2 = signedCase();
        long huge = signedCase();
        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        handler.get("/cases/" + huge);
        HttpResponse<String> tooLarge = handler.postMultipart("/cases/" + huge + "/report",
                Map.of("outcome", "RESOLVED", "findings", "已处理"), "evidence", "huge.png", "image/png",
                ImageBombs.png(11_999, 11_999));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("像素尺寸过大");
        long before = allocatedBytes();
        List<HttpResponse<String>> answers = concurrently(2, i -> {
            long id = i == 0 ? bomb1 : bomb2;
            StaffClient c = new StaffClient(port);
            c.login("handler");
            c.get("/cases/" + id);
            return c.postMultipart("/cases/" + id + "/report", Map.of("outcome", "RESOLVED", "findings", "已处理"),
                    "evidence", "bomb.png", "image/png", BOMB);
        });
        long allocated = allocatedBytes() - before;
        for (HttpResponse<String> a : answers) {
            assertThat(a.statusCode()).as(a.body()).isIn(302, 429);
        }
        assertThat(answers).anyMatch(a -> a.statusCode() == 302);
        assertThat(allocated).isLessThan(2 * FULL_DECODE);
        Long stored = jdbc.queryForObject("SELECT max(size_bytes) FROM case_attachment WHERE case_id IN (?, ?)",
                Long.class, bomb1, bomb2);
        assertThat(stored).isPositive();
    }

    private long signedCase() {
        long county = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'",
                Long.class);
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'",
                Long.class);
        long id = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county, null, null, null, null,
                "证据炸弹测试 " + UUID.randomUUID(), null, null, null)).caseId();
        String path = jdbc.queryForObject("SELECT path FROM jurisdiction WHERE id = ?", String.class, county);
        Actor dispatcher = new Actor(Actor.Kind.STAFF, "dispatcher-test", Set.of(Role.DISPATCHER), 1L, "综治中心", path,
                null);
        workflow.accept(id, dispatcher, null);
        workflow.triage(id, dispatcher, "邻里纠纷", RiskLevel.LOW, station, null);
        workflow.dispatch(id, dispatcher, null, null);
        workflow.sign(id, new Actor(Actor.Kind.STAFF, "unitleader-test", Set.of(Role.UNIT_LEADER), station, "单位", "/",
                null));
        return id;
    }

    interface Request {
        HttpResponse<String> send(int i) throws Exception;
    }

    private static List<HttpResponse<String>> concurrently(int n, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> request.send(k)));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (var f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Bytes allocated on the heap by all threads of this JVM (the server's included) since they started. */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getTotalThreadAllocatedBytes();
    }
}
