package io.minyi;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Decision 0037: the rows the demo city's real services wrote (case intake, the loop, the evaluation writer, the
 * projections, disputes, grids, surveys) sit in the city of their place — the writer passed it or the insert-time
 * filler found it — and a writer that passes another city for a case is refused. Rows whose parent is distributed
 * are held to their parent's city by the composite foreign keys themselves.
 */
@FullStackTest
class CityKeyFullStackTests {

    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void every_row_with_a_path_is_in_the_city_of_that_path() {
        List<String> tables = jdbc.sql("""
                        SELECT c.table_name || ':' || c.column_name FROM information_schema.columns c
                        WHERE c.table_schema = 'public' AND c.column_name IN ('jurisdiction_path', 'path')
                          AND EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_schema = 'public'
                                      AND k.table_name = c.table_name AND k.column_name = 'city_id')
                        ORDER BY 1""")
                .query(String.class).list();
        assertThat(tables).contains("cases:jurisdiction_path", "report_case:jurisdiction_path",
                "supervised_case:jurisdiction_path", "dispute:jurisdiction_path", "grid_event:path");
        List<String> wrong = new ArrayList<>();
        for (String t : tables) {
            String[] tc = t.split(":");
            long n = jdbc.sql("SELECT count(*) FROM " + tc[0] + " WHERE city_id <> city_of_path(" + tc[1] + ")")
                    .query(Long.class).single();
            if (n > 0) {
                wrong.add(tc[0] + ": " + n);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM cases").query(Long.class).single()).isPositive();
    }

    @Test
    void evaluations_and_their_totals_are_in_the_city_of_their_unit() {
        // one rating of our own, as a resident sends it, so the test does not lean on what other tests wrote
        String code = jdbc.sql("SELECT code FROM evaluation_target WHERE active AND officer_id IS NOT NULL"
                + " ORDER BY officer_id DESC OFFSET 11 LIMIT 1").query(String.class).single();
        StaffClient resident = new StaffClient(port);
        Matcher key = Pattern.compile("name=\"key\" value=\"([^\"]+)\"").matcher(resident.get("/e/" + code).body());
        assertThat(key.find()).isTrue();
        var answer = resident.postMultipart("/e/" + code, Map.of("key", key.group(1), "overall", "SATISFIED",
                "r_duty", "SATISFIED", "comment", "", "clue", "", "phone", ""), null, null, null, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String unitCity = " JOIN unit u ON u.id = x.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id"
                + " WHERE x.city_id <> city_of_path(j.path)";
        for (String table : List.of("evaluation", "evaluation_daily", "evaluation_dimension_daily",
                "evaluation_unit_monthly")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " x" + unitCity).query(Long.class).single())
                    .as(table).isZero();
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM evaluation_source_day x JOIN evaluation_target t ON t.id = x.target_id
                        JOIN unit u ON u.id = t.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE x.city_id <> city_of_path(j.path)""").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation").query(Long.class).single()).isPositive();
    }

    @Test
    void a_case_cannot_be_put_in_another_city_than_its_path_says() {
        var village = jdbc.sql("SELECT id, path FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id LIMIT 1")
                .query((rs, i) -> new Object[]{rs.getLong(1), rs.getString(2)}).single();
        String insert = """
                INSERT INTO cases (tracking_code, type, channel, jurisdiction_id, jurisdiction_path, city_id, content,
                    state, received_at, updated_at)
                VALUES (?, 'CLUE', 'STAFF', ?, ?, ?, '测试', 'RECEIVED', now(), now())""";
        String code = UUID.randomUUID().toString();
        assertThatThrownBy(() -> jdbc.sql(insert).params(code, village[0], village[1], village[0]).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("cases_city_of_path");
        assertThatThrownBy(() -> jdbc.sql(insert).params(code, village[0], village[1], null).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
