package io.minyi.evaluation.internal;

import io.minyi.support.FullStackTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V10_45 (decision 0068) keeps a ballot-stuffing counter's source as 12 bytes. A day's counters written before the
 * upgrade must go on counting after it: the batch function decodes the same hex key to the bytes the migration made of
 * the stored one. Run on a scratch database of the embedded server, migrated to V10_44 first.
 */
@FullStackTest
class SourceKeysAsBytesMigrationTests {

    @Autowired
    EmbeddedPostgres pg;
    @Autowired
    JdbcTemplate main;
    @Autowired
    Flyway application;

    @Test
    void a_counter_stored_as_hex_before_the_upgrade_is_the_same_counter_after_it() {
        String db = "source_keys_" + UUID.randomUUID().toString().replace("-", "");
        main.execute("CREATE DATABASE " + db);
        try {
            DataSource ds = pg.getDatabase("postgres", db);
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            Flyway.configure().configuration(application.getConfiguration()).dataSource(ds).target("10.44").load()
                    .migrate();
            String device = TestSourceKeys.of("a phone that rated twice before the upgrade");
            jdbc.update("INSERT INTO evaluation_source_day (day, target_id, kind, source, count, city_id)"
                    + " VALUES (current_date, 7, 'D', ?, 2, 1), (current_date, 7, 'A', 'not-hex', 5, 1)", device);

            Flyway.configure().configuration(application.getConfiguration()).dataSource(ds).load().migrate();

            assertThat(jdbc.queryForObject("SELECT count FROM evaluation_source_day"
                    + " WHERE kind = 'D' AND source = decode(?, 'hex')", Integer.class, device)).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT count FROM evaluation_source_day"
                    + " WHERE kind = 'A' AND source = substring(sha256('not-hex'::bytea) FROM 1 FOR 12)",
                    Integer.class)).as("a key the application never wrote keeps a count of its own").isEqualTo(5);
            assertThat(jdbc.queryForList("SELECT DISTINCT octet_length(source) FROM evaluation_source_day",
                    Integer.class)).containsExactly(12);
            assertThatThrownBy(() -> jdbc.update("INSERT INTO evaluation_source_day (day, target_id, kind, source,"
                    + " count, city_id) VALUES (current_date, 7, 'P', '\\x00'::bytea, 1, 1)"))
                    .as("only the 12 bytes of a keyed hash").hasMessageContaining("evaluation_source_day_source_check");
        } finally {
            main.execute("DROP DATABASE " + db + " WITH (FORCE)");
        }
    }
}
