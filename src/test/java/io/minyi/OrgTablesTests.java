package io.minyi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Decision 0013: outside the org module, SQL reads org data through its views, never its tables. */
class OrgTablesTests {

    private static final Pattern ORG_TABLE = Pattern.compile(
            "\\b(FROM|JOIN)\\s+(jurisdiction|unit|officer|staff_account|grid|grid_worker)\\b(?!_)");

    @Test
    void no_module_but_org_names_an_org_table_in_its_sql() throws IOException {
        Path sources = Path.of("src/main/java/io/minyi");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(sources.resolve("org"))).toList()) {
                Matcher m = ORG_TABLE.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(sources.relativize(file) + ": " + m.group());
                }
            }
        }
        assertThat(found).as("join org_jurisdiction / org_unit / org_officer instead").isEmpty();
    }

    @Test
    void the_rule_finds_a_direct_join() {
        assertThat(ORG_TABLE.matcher("FROM evaluation e JOIN unit u ON u.id = e.unit_id").find()).isTrue();
        assertThat(ORG_TABLE.matcher("FROM evaluation e JOIN org_unit u ON u.id = e.unit_id").find()).isFalse();
        assertThat(ORG_TABLE.matcher("FROM unit_score s").find()).isFalse();
    }
}
