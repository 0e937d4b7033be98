package io.minyi.faults;

import io.minyi.evaluation.internal.StoredReceipts;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident on a weak signal taps "submit" again and again, and a hand-in job retries after a timeout: five copies
 * of one submission, sent at the same moment with one idempotency key, must store one record and give every copy the
 * same receipt.
 */
@FullStackTest
class RetryFullStackTests {

    private static final int COPIES = 5;
    private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");
    private static final Pattern RECEIPT = Pattern.compile("id=\"tracking-code\">([A-Z0-9-]+)<");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    CaseIntake intake;
    @Autowired
    TransactionTemplate tx;

    @Test
    void five_concurrent_copies_of_one_evaluation_store_one_row_and_show_one_receipt() throws Exception {
        String code = jdbc.sql("SELECT code FROM evaluation_target WHERE active AND officer_id IS NOT NULL"
                + " ORDER BY officer_id DESC OFFSET 7 LIMIT 1").query(String.class).single();
        StaffClient resident = new StaffClient(port);
        Matcher m = KEY.matcher(resident.get("/e/" + code).body());
        assertThat(m.find()).isTrue();
        String key = m.group(1);
        Map<String, String> form = Map.of("key", key, "overall", "DISSATISFIED", "r_duty", "BASICALLY_SATISFIED",
                "comment", "重复提交测试 " + key.substring(0, 8), "clue", "", "phone", "");

        List<HttpResponse<String>> answers = all(() -> resident.postMultipart("/e/" + code, form, null, null, null, null));

        List<String> receipts = new ArrayList<>();
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Matcher r = RECEIPT.matcher(answer.body());
            assertThat(r.find()).as("every copy shows a receipt").isTrue();
            receipts.add(r.group(1));
        }
        assertThat(receipts).hasSize(COPIES).containsOnly(receipts.getFirst());
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation WHERE idempotency_key = ?::uuid").param(key)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(StoredReceipts.codeOf(context, key)).isEqualTo(receipts.getFirst().replace("-", ""));
    }

    @Test
    void five_concurrent_hand_ins_of_one_case_through_case_intake_store_one_case_and_return_one_receipt()
            throws Exception {
        long county1 = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'")
                .query(Long.class).single();
        String key = "retry-test:" + UUID.randomUUID();
        NewCase newCase = new NewCase(CaseType.HOTLINE_ORDER, SourceChannel.HOTLINE, county1, null, null, "李四",
                "13900001111", "路灯不亮，夜间出行不便 " + key, "市政", key, null);

        List<CaseIntake.Receipt> receipts = all(() -> tx.execute(s -> intake.receive(newCase)));

        assertThat(receipts).hasSize(COPIES).containsOnly(receipts.getFirst());
        assertThat(jdbc.sql("SELECT count(*) FROM cases WHERE idempotency_key = ?").param(key)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM case_step WHERE case_id = ?").param(receipts.getFirst().caseId())
                .query(Long.class).single()).as("one RECEIVE step").isEqualTo(1);
    }

    @Test
    void five_concurrent_copies_of_the_staff_registration_form_register_one_case() throws Exception {
        long county1 = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'")
                .query(Long.class).single();
        String token = UUID.randomUUID().toString();
        StaffClient dispatcher = new StaffClient(port);
        assertThat(dispatcher.login("dispatcher1").statusCode()).isEqualTo(302);
        dispatcher.get("/cases/new");
        Map<String, String> form = Map.of("type", "DISPUTE", "channel", "WALK_IN",
                "jurisdictionId", String.valueOf(county1), "raiserName", "赵六", "raiserPhone", "13700002222",
                "content", "宅基地边界纠纷 " + token, "category", "邻里纠纷", "formToken", token);

        List<HttpResponse<String>> answers = all(() -> dispatcher.postForm("/cases/new", form));

        List<String> locations = answers.stream().map(a -> {
            assertThat(a.statusCode()).as(a.body()).isEqualTo(302);
            return a.headers().firstValue("Location").orElseThrow();
        }).toList();
        assertThat(locations).containsOnly(locations.getFirst());
        assertThat(jdbc.sql("SELECT count(*) FROM cases WHERE content LIKE ?").param("%" + token)
                .query(Long.class).single()).isEqualTo(1);
    }

    /** Runs COPIES calls released at the same instant by a barrier; returns their results in order. */
    private static <T> List<T> all(Supplier<T> call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(COPIES);
        try (ExecutorService pool = Executors.newFixedThreadPool(COPIES)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < COPIES; i++) {
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return call.get();
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }
}
