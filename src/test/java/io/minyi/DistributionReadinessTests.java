package io.minyi;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision 0029: the schema as Flyway leaves it, checked against {@code db/distribution.tsv} — every table classified,
 * every distributed table that is marked ready carries {@code city_id} in its primary key, unique constraints and
 * unique indexes and in its foreign keys to other distributed tables, and no foreign key crosses the classes in a way
 * Citus refuses (reference or local to distributed, distributed to local). A pending table that has become ready
 * fails too, so that the pending list only shrinks.
 */
@FullStackTest
class DistributionReadinessTests {

    static final String KEY = "city_id";

    record Entry(String table, String kind, String size, boolean ready) {
    }

    record Constraint(String table, String type, String ref, List<String> cols, List<String> refCols) {
    }

    @Autowired
    JdbcClient jdbc;

    Map<String, Entry> plan;
    List<Constraint> constraints;
    Set<String> tables;

    @BeforeEach
    void read() throws IOException {
        plan = new LinkedHashMap<>();
        String tsv = new ClassPathResource("db/distribution.tsv").getContentAsString(StandardCharsets.UTF_8);
        for (String line : tsv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            assertThat(f).as(line).hasSize(4);
            assertThat(f[1]).as(line).isIn("distributed", "reference", "local");
            assertThat(f[2]).as(line).isIn("large", "small");
            assertThat(f[3].equals("ready") || f[3].startsWith("pending: ")).as(line).isTrue();
            assertThat(plan.put(f[0], new Entry(f[0], f[1], f[2], f[3].equals("ready")))).as("listed twice: " + f[0])
                    .isNull();
        }
        tables = new TreeSet<>(jdbc.sql("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition""")
                .query(String.class).list());
        constraints = new ArrayList<>(jdbc.sql("""
                SELECT t.relname, c.contype::text, r.relname,
                       ARRAY(SELECT a.attname::text FROM unnest(c.conkey) k
                             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k),
                       ARRAY(SELECT a.attname::text FROM unnest(c.confkey) k
                             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k)
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_class r ON r.oid = c.confrelid
                WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')""")
                .query((rs, i) -> new Constraint(rs.getString(1), rs.getString(2), rs.getString(3),
                        names(rs.getArray(4)), names(rs.getArray(5)))).list());
        // unique indexes that are not constraints bind Citus just the same
        constraints.addAll(jdbc.sql("""
                SELECT t.relname, ARRAY(SELECT a.attname::text FROM unnest(i.indkey) k
                                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k)
                FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = 'public' AND i.indisunique
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""")
                .query((rs, i) -> new Constraint(rs.getString(1), "i", null, names(rs.getArray(2)), List.of()))
                .list());
    }

    @Test
    void every_table_is_classified_and_every_classified_table_exists() {
        Set<String> unclassified = new TreeSet<>(tables);
        unclassified.removeAll(plan.keySet());
        Set<String> gone = new TreeSet<>(plan.keySet());
        gone.removeAll(tables);
        assertThat(unclassified).as("tables missing from db/distribution.tsv").isEmpty();
        assertThat(gone).as("tables in db/distribution.tsv that no migration creates").isEmpty();
    }

    @Test
    void ready_distributed_tables_carry_the_key_and_pending_ones_are_still_pending() {
        List<String> problems = new ArrayList<>();
        for (Entry e : plan.values()) {
            if (!e.kind().equals("distributed") || !tables.contains(e.table())) {
                continue;
            }
            List<String> missing = missingKey(e.table());
            if (e.ready() && !missing.isEmpty()) {
                problems.add(e.table() + " is marked ready but: " + missing);
            }
            if (!e.ready() && missing.isEmpty()) {
                problems.add(e.table() + " carries the key everywhere now: mark it ready");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void no_foreign_key_crosses_the_classes_in_a_way_citus_refuses() {
        List<String> problems = new ArrayList<>();
        for (Constraint c : constraints) {
            if (!c.type().equals("f") || !plan.containsKey(c.table()) || !plan.containsKey(c.ref())) {
                continue;
            }
            String from = plan.get(c.table()).kind();
            String to = plan.get(c.ref()).kind();
            boolean allowed = switch (from) {
                case "reference" -> to.equals("reference");
                case "local" -> !to.equals("distributed");
                default -> !to.equals("local");
            };
            if (!allowed) {
                problems.add(c.table() + " (" + from + ") → " + c.ref() + " (" + to + ")");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_check_sees_a_key_that_is_missing() {
        // cases today: a primary key on id alone
        assertThat(missingKey("cases")).anyMatch(p -> p.startsWith("no column"));
        assertThat(missingKey("cases")).anyMatch(p -> p.startsWith("p "));
    }

    /** What keeps {@code table} from being distributed by {@link #KEY}; empty when nothing does. */
    private List<String> missingKey(String table) {
        List<String> missing = new ArrayList<>();
        boolean hasColumn = jdbc.sql("""
                        SELECT count(*) FROM information_schema.columns
                        WHERE table_schema = 'public' AND table_name = ? AND column_name = ?""")
                .params(table, KEY).query(Long.class).single() > 0;
        if (!hasColumn) {
            missing.add("no column " + KEY);
        }
        for (Constraint c : constraints) {
            if (!c.table().equals(table)) {
                continue;
            }
            boolean toDistributed = c.type().equals("f") && plan.containsKey(c.ref())
                    && plan.get(c.ref()).kind().equals("distributed");
            if ((c.type().equals("p") || c.type().equals("u") || c.type().equals("i")) && !c.cols().contains(KEY)) {
                missing.add(c.type() + " " + c.cols());
            }
            if (toDistributed && !(c.cols().contains(KEY) && c.refCols().contains(KEY))) {
                missing.add("f " + c.cols() + " → " + c.ref() + " " + c.refCols());
            }
        }
        return missing;
    }

    private static List<String> names(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
