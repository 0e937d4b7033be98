package io.minyi;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

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
 * Decisions 0029, 0037 and 0044: the schema as Flyway leaves it, checked against {@code db/distribution.tsv} — every
 * table classified; every distributed table is ready — {@code city_id NOT NULL}, a primary key, and the key in that
 * primary key, in every unique constraint and unique index and, aligned with the referenced table's
 * {@code city_id}, in every foreign key to another distributed table; no distributed table may be pending, large or
 * small (the last ones, {@code audit_event} and the small counters, were keyed by 0044); no foreign key crosses the
 * classes in a way Citus refuses (reference or local to distributed, distributed to local).
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

    @Autowired
    TransactionTemplate tx;

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
        readSchema();
    }

    /** Tables, keys, unique constraints and indexes and foreign keys of the schema as it is now. */
    private void readSchema() {
        tables = new TreeSet<>(jdbc.sql("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition""")
                .query(String.class).list());
        constraints = new ArrayList<>(jdbc.sql("""
                SELECT t.relname, c.contype::text, r.relname,
                       ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(num, ord)
                             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.ord),
                       ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(num, ord)
                             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.ord)
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_class r ON r.oid = c.confrelid
                WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')""")
                .query((rs, i) -> new Constraint(rs.getString(1), rs.getString(2), rs.getString(3),
                        names(rs.getArray(4)), names(rs.getArray(5)))).list());
        // unique indexes that are not constraints bind Citus just the same
        constraints.addAll(jdbc.sql("""
                SELECT t.relname, ARRAY(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY AS k(num, ord)
                                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
                                        ORDER BY k.ord)
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
    void every_distributed_table_is_ready_and_carries_the_key() {
        List<String> problems = new ArrayList<>();
        for (Entry e : plan.values()) {
            if (!e.kind().equals("distributed") || !tables.contains(e.table())) {
                continue;
            }
            List<String> missing = missingKey(e.table());
            if (!e.ready()) {
                problems.add(e.table() + " is pending: a distributed table must carry the key (decision 0044)"
                        + (missing.isEmpty() ? "; it does, mark it ready" : ", it lacks " + missing));
            } else if (!missing.isEmpty()) {
                problems.add(e.table() + " is marked ready but: " + missing);
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
        // tables made and dropped again inside a transaction that is rolled back: nobody else ever sees them
        tx.executeWithoutResult(status -> {
            jdbc.sql("CREATE TABLE probe_without_key (id bigint PRIMARY KEY, code text UNIQUE)").update();
            jdbc.sql("""
                    CREATE TABLE probe_nullable_key (id bigint, city_id bigint, UNIQUE (id, city_id))""").update();
            jdbc.sql("""
                    CREATE TABLE probe_misaligned_key (id bigint, city_id bigint, case_city bigint, case_id bigint,
                        PRIMARY KEY (id, city_id),
                        FOREIGN KEY (case_id, case_city) REFERENCES cases (id, city_id))""").update();
            jdbc.sql("""
                    CREATE TABLE probe_keyed (id bigint, city_id bigint, case_id bigint, code text,
                        PRIMARY KEY (id, city_id), UNIQUE (code, city_id),
                        FOREIGN KEY (case_id, city_id) REFERENCES cases (id, city_id))""").update();
            jdbc.sql("CREATE UNIQUE INDEX probe_keyed_once ON probe_keyed (case_id) WHERE code IS NULL").update();
            readSchema();
            assertThat(missingKey("probe_without_key"))
                    .contains("no column city_id", "p [id]", "u [code]");
            assertThat(missingKey("probe_nullable_key"))
                    .contains("city_id may be null", "no primary key");
            assertThat(missingKey("probe_misaligned_key"))
                    .containsExactly("f [case_id, case_city] → cases [id, city_id]");
            assertThat(missingKey("probe_keyed")).containsExactly("i [case_id]");
            status.setRollbackOnly();
        });
    }

    /** What keeps {@code table} from being distributed by {@link #KEY}; empty when nothing does. */
    private List<String> missingKey(String table) {
        List<String> missing = new ArrayList<>();
        List<String> nullable = jdbc.sql("""
                        SELECT is_nullable FROM information_schema.columns
                        WHERE table_schema = 'public' AND table_name = ? AND column_name = ?""")
                .params(table, KEY).query(String.class).list();
        if (nullable.isEmpty()) {
            missing.add("no column " + KEY);
        } else if (nullable.getFirst().equals("YES")) {
            missing.add(KEY + " may be null");
        }
        if (constraints.stream().noneMatch(c -> c.table().equals(table) && c.type().equals("p"))) {
            missing.add("no primary key");
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
            if (toDistributed && (!c.cols().contains(KEY) || c.cols().indexOf(KEY) != c.refCols().indexOf(KEY))) {
                missing.add("f " + c.cols() + " → " + c.ref() + " " + c.refCols());
            }
        }
        return missing;
    }

    private static List<String> names(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
