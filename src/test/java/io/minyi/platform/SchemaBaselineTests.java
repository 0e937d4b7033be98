package io.minyi.platform;

import io.minyi.platform.SchemaBaseline.History;
import io.minyi.platform.SchemaBaseline.Lineage;
import io.minyi.support.FullStackTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The four histories a database can have when this release starts (decision 0063), each on a scratch database of the
 * embedded server migrated by the application's own Flyway configuration. The history of an installation of the old
 * migrations is the real one ({@code db/old-lineage-history.csv}, 65 rows up to V10_42, exported from a database
 * the old files built). Nothing here names a migration file or counts them, so the test holds as migrations are
 * added after the baseline: it checks the history the strategy leaves.
 */
@FullStackTest
class SchemaBaselineTests {

    @Autowired
    EmbeddedPostgres pg;
    @Autowired
    JdbcTemplate main;
    @Autowired
    Flyway application;
    @Autowired
    FlywayMigrationStrategy baseline;

    /** A scratch database with a Flyway of the application's configuration pointed at it. */
    private record Scratch(Flyway flyway, JdbcTemplate jdbc, String table) {

        List<Map<String, Object>> history() {
            return jdbc.queryForList("SELECT * FROM " + table + " ORDER BY installed_rank");
        }

        /** Columns and indexes of everything but the history: what a rewrite of the history must not touch. */
        List<String> schema() {
            return jdbc.queryForList("""
                    SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                    FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> ?
                    UNION ALL
                    SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> ?
                    ORDER BY 1""", String.class, table, table);
        }

        long tables() {
            return Objects.requireNonNull(jdbc.queryForObject("""
                    SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()""",
                    Long.class));
        }

        /** The history replaced by the rows of the fixture whose version {@code keep} accepts. */
        void historyFromTheFixture(Predicate<MigrationVersion> keep) throws IOException {
            List<String> lines;
            try (var in = SchemaBaselineTests.class.getResourceAsStream("/db/old-lineage-history.csv")) {
                lines = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            String rows = String.join("\n", lines.stream().skip(1)
                    .filter(l -> keep.test(MigrationVersion.fromVersion(l.split(",", -1)[1]))).toList());
            jdbc.execute((ConnectionCallback<Void>) c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DELETE FROM " + table);
                }
                try {
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + lines.getFirst()
                            + ") FROM STDIN (FORMAT csv)", new StringReader(rows));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        }
    }

    private interface ScratchTest {
        void run(Scratch scratch) throws Exception;
    }

    private void onScratch(ScratchTest test) throws Exception {
        String db = "schema_baseline_" + UUID.randomUUID().toString().replace("-", "");
        main.execute("CREATE DATABASE " + db);
        try {
            DataSource ds = pg.getDatabase("postgres", db);
            Flyway flyway = Flyway.configure().configuration(application.getConfiguration()).dataSource(ds).load();
            test.run(new Scratch(flyway, new JdbcTemplate(ds), flyway.getConfiguration().getTable()));
        } finally {
            main.execute("DROP DATABASE " + db + " WITH (FORCE)");
        }
    }

    @Test
    void the_application_migrates_through_the_strategy() {
        assertThat(baseline).isInstanceOf(SchemaBaseline.class);
    }

    @Test
    void a_fresh_database_runs_the_migration_files() throws Exception {
        onScratch(s -> {
            baseline.migrate(s.flyway());

            assertThat(s.flyway().info().pending()).isEmpty();
            s.flyway().validate();
            assertThat(s.history()).as("the files ran, none was skipped by a baseline").isNotEmpty()
                    .allSatisfy(row -> {
                        assertThat(row.get("type")).isNotEqualTo("BASELINE");
                        assertThat(row.get("success")).isEqualTo(true);
                    });
        });
    }

    @Test
    void the_history_of_the_old_migrations_becomes_one_baseline_row_and_the_schema_stays() throws Exception {
        onScratch(s -> {
            s.flyway().migrate();
            s.historyFromTheFixture(v -> true);
            List<String> schema = s.schema();
            long tables = s.tables();
            assertThat(s.history()).hasSize(65);

            baseline.migrate(s.flyway());

            // the baseline row first, then only what comes after the baseline (V10_43 …), each applied once
            List<Map<String, Object>> history = s.history();
            assertThat(history.getFirst()).satisfies(SchemaBaselineTests::isTheBaselineRow);
            MigrationVersion baselineVersion = MigrationVersion.fromVersion(SchemaBaseline.BASELINE);
            assertThat(history.subList(1, history.size())).allSatisfy(row -> {
                assertThat(MigrationVersion.fromVersion((String) row.get("version"))).isGreaterThan(baselineVersion);
                assertThat(row.get("type")).isEqualTo("SQL");
                assertThat(row.get("success")).isEqualTo(true);
            });
            assertThat(s.flyway().info().pending()).isEmpty();
            s.flyway().validate();
            assertThat(s.tables()).isEqualTo(tables);
            assertThat(s.schema()).isEqualTo(schema);
        });
    }

    @Test
    void a_database_stopped_part_way_through_the_old_migrations_is_refused_and_left_as_it_is() throws Exception {
        onScratch(s -> {
            s.flyway().migrate();
            MigrationVersion stop = MigrationVersion.fromVersion("10.20");
            s.historyFromTheFixture(v -> v.compareTo(stop) < 0);
            List<Map<String, Object>> history = s.history();
            assertThat(history).isNotEmpty().noneMatch(row -> "10.42".equals(row.get("version")));

            assertThatThrownBy(() -> baseline.migrate(s.flyway()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(SchemaBaseline.LAST_OLD_RELEASE).hasMessageContaining("180b595")
                    .hasMessageContaining("last applied: V10.12)").hasMessageContaining("最后应用：V10.12）")
                    .hasMessageContaining("请先用提交 180b595 的版本");

            assertThat(s.history()).isEqualTo(history);
        });
    }

    @Test
    void a_history_of_the_new_lineage_is_left_as_it_is() throws Exception {
        onScratch(s -> {
            s.flyway().migrate();
            s.historyFromTheFixture(v -> true);
            baseline.migrate(s.flyway());
            List<Map<String, Object>> history = s.history();
            List<String> schema = s.schema();

            baseline.migrate(s.flyway());

            assertThat(s.history()).isEqualTo(history);
            assertThat(s.schema()).isEqualTo(schema);
            assertThat(s.flyway().info().pending()).isEmpty();
        });
    }

    /** The row written for the old history is the one Flyway's own {@code baseline} writes. */
    @Test
    void the_baseline_row_is_flyway_s_own() throws Exception {
        onScratch(s -> {
            Flyway.configure().configuration(s.flyway().getConfiguration()).baselineVersion(SchemaBaseline.BASELINE)
                    .load().baseline();
            assertThat(s.history()).singleElement().satisfies(SchemaBaselineTests::isTheBaselineRow);
        });
    }

    /**
     * What the baseline row is for, on files made up for it (the folder's files change with the squash): files up to
     * and including its version are not run, out of order or not, and the next version is.
     */
    @Test
    void flyway_runs_no_file_up_to_the_baseline_version_and_the_ones_after(@TempDir Path dir) throws Exception {
        for (String v : List.of("10_42_1", "10_42_9", "10_43")) {
            Files.writeString(dir.resolve("V" + v + "__step.sql"), "CREATE TABLE step_" + v + " (id int);");
        }
        onScratch(s -> {
            s.flyway().migrate();
            s.historyFromTheFixture(v -> true);
            Flyway files = Flyway.configure().configuration(s.flyway().getConfiguration())
                    .locations("filesystem:" + dir).load();

            baseline.migrate(files);

            assertThat(s.history()).hasSize(2).first().satisfies(SchemaBaselineTests::isTheBaselineRow);
            assertThat(s.history().getLast()).containsEntry("version", "10.43").containsEntry("success", true);
            assertThat(s.jdbc().queryForList("SELECT tablename FROM pg_tables WHERE tablename LIKE 'step%'",
                    String.class)).containsExactly("step_10_43");
            assertThat(files.info().pending()).isEmpty();
            files.validate();
        });
    }

    /** The rest of the decision, where a scratch database would add nothing: empty history, a failed row. */
    @Test
    void an_empty_history_is_fresh_and_a_failed_row_is_not_baselined_away() {
        assertThat(new History(0, false, false, false, null).lineage()).isEqualTo(Lineage.FRESH);
        assertThat(new History(65, false, true, false, "10.42").lineage()).isEqualTo(Lineage.OLD);
        assertThat(new History(65, false, true, true, "10.42").lineage()).isEqualTo(Lineage.PART_WAY);
        assertThat(new History(10, true, false, false, "10.43").lineage()).isEqualTo(Lineage.NEW);
        assertThat(((SchemaBaseline) baseline).refusal(new History(60, false, false, true, "10.41")))
                .contains("last applied: V10.41, with a failed migration").contains("最后应用：V10.41，且有失败的迁移")
                .contains("180b595");
    }

    private static void isTheBaselineRow(Map<String, Object> row) {
        assertThat(row.get("installed_rank")).isEqualTo(1);
        assertThat(row.get("version")).isEqualTo(SchemaBaseline.BASELINE).isEqualTo("10.42.9");
        assertThat(row.get("description")).isEqualTo("<< Flyway Baseline >>");
        assertThat(row.get("type")).isEqualTo("BASELINE");
        assertThat(row.get("script")).isEqualTo("<< Flyway Baseline >>");
        assertThat(row.get("checksum")).isNull();
        assertThat(row.get("installed_by")).isEqualTo("postgres");
        assertThat(row.get("execution_time")).isEqualTo(0);
        assertThat(row.get("success")).isEqualTo(true);
    }
}
