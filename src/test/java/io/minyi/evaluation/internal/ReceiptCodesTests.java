package io.minyi.evaluation.internal;

import io.minyi.platform.TrackingCode;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision 0062: a receipt code is the row's id under FF1 with the database's key — one code per id, back to the
 * same id, 11 characters of the tracking alphabet, nothing stored; the rows stored before keep their random code and
 * are found by it, and never by the code their id would have.
 */
@FullStackTest
class ReceiptCodesTests {

    @Autowired
    ReceiptCodes codes;
    @Autowired
    EvaluationTracking tracking;
    @Autowired
    JdbcClient jdbc;

    @Test
    void every_id_has_its_own_code_of_eleven_characters_which_gives_the_id_back() {
        Set<String> seen = new HashSet<>();
        for (long id = 0; id < 5_000; id++) {
            TrackingCode code = codes.of(id);
            assertThat(code.value()).hasSize(TrackingCode.RECEIPT_LENGTH);
            assertThat(seen.add(code.value())).as("code of %d repeats", id).isTrue();
            assertThat(codes.idOf(code)).hasValue(id);
        }
        for (long id : new long[]{1L << 40, 31L * 31 * 31 * 31 * 31 * 31 * 31 * 31 * 31 * 31 * 31 - 1}) {
            assertThat(codes.idOf(codes.of(id))).hasValue(id);
        }
    }

    @Test
    void the_codes_of_neighbouring_rows_do_not_look_alike() {
        // a counter in disguise would keep most characters of the next id's code; a permutation changes nearly all
        int same = 0;
        for (long id = 1_000; id < 2_000; id++) {
            String a = codes.of(id).value();
            String b = codes.of(id + 1).value();
            for (int i = 0; i < a.length(); i++) {
                same += a.charAt(i) == b.charAt(i) ? 1 : 0;
            }
        }
        // 1,000 pairs of 11 characters: about 11,000 / 31 ≈ 355 agree by chance
        assertThat(same).isBetween(250, 470);
    }

    @Test
    void the_codes_are_fips_ff1_with_bouncy_castles_own_aes_whichever_aes_runs_underneath() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        ReceiptCipher cipher = new ReceiptCipher(key);
        var reference = new org.bouncycastle.crypto.fpe.FPEFF1Engine();
        reference.init(true, new org.bouncycastle.crypto.params.FPEParameters(
                new org.bouncycastle.crypto.params.KeyParameter(key), 31,
                "minyi:evaluation:receipt".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        for (long id = 1; id < 1L << 50; id = id * 3 + 7) {
            byte[] digits = new byte[11];
            long rest = id;
            for (int i = 10; i >= 0; i--) {
                digits[i] = (byte) (rest % 31);
                rest /= 31;
            }
            byte[] out = new byte[11];
            reference.processBlock(digits, 0, 11, out, 0);
            StringBuilder expected = new StringBuilder();
            for (byte d : out) {
                expected.append(TrackingCode.alphabet().charAt(d));
            }
            assertThat(cipher.of(id).value()).isEqualTo(expected.toString());
            assertThat(cipher.idOf(cipher.of(id))).hasValue(id);
        }
    }

    @Test
    void a_case_code_of_ten_characters_is_no_receipt_code() {
        assertThat(codes.idOf(new TrackingCode("ABCDEFGHJK"))).isEmpty();
    }

    @Test
    void a_new_row_stores_no_code_and_is_found_by_its_own_code_an_old_row_by_its_stored_one_only() {
        long target = jdbc.sql("SELECT id FROM evaluation_target WHERE active ORDER BY id LIMIT 1").query(Long.class)
                .single();
        long fresh = insert(target, null);
        String old = TrackingCode.random().value();
        long before = insert(target, old);

        assertThat(tracking.find(codes.of(fresh))).isPresent();
        assertThat(tracking.find(new TrackingCode(old))).isPresent();
        assertThat(tracking.find(codes.of(before))).as("an old row is not found by its id's code").isEmpty();
        assertThat(tracking.find(codes.of(fresh + 1_000_000))).as("no such row").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM pg_indexes WHERE tablename = 'evaluation' AND indexdef LIKE '%tracking_code%'"
                        + " AND indexdef NOT LIKE '%WHERE (tracking_code IS NOT NULL)%'").query(Long.class).single())
                .as("no index holds the new rows' (absent) codes").isZero();
    }

    private long insert(long target, String code) {
        return jdbc.sql("""
                        INSERT INTO evaluation (idempotency_key, tracking_code, target_id, unit_id, officer_id, overall,
                                                ratings, has_clue, submitted_at, day, city_id)
                        SELECT ?, ?, t.id, t.unit_id, t.officer_id, 'SATISFIED', '{}', false, now(), current_date,
                               city_of_path(j.path)
                        FROM evaluation_target t JOIN unit u ON u.id = t.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE t.id = ?
                        RETURNING id""").params(UUID.randomUUID(), code, target).query(Long.class).single();
    }
}
