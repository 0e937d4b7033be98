package io.minyi.audit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every action written from now on follows {@code <module>.<record>.<verb>}, named after the module writing it. */
class AuditActionNamesTests {

    private static final Path SOURCES = Path.of("src/main/java/io/minyi");
    /** An entry made in place, or an Open311 client's call audited by name ({@code clients.audit(client, "…", …)}). */
    private static final Pattern ENTRY = Pattern.compile("(?:AuditEntry\\.of\\(|clients\\.audit\\(\\w+, )([^,]*),");
    private static final Pattern LITERAL = Pattern.compile("(\\+\\s*\\(?\\s*(?:\\w+\\s*\\?\\s*)?)?\"([^\"]*)\"(\\s*\\+)?");
    /** A call inside the first argument, such as {@code auditAction("create")}: its literals are not whole names. */
    private static final Pattern NESTED_CALL = Pattern.compile("[\\w.]+\\([^()]*\\)");

    @Test
    void every_action_written_in_the_code_follows_the_scheme_of_its_own_module() throws IOException {
        List<String> wrong = new ArrayList<>();
        int literals = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String module = SOURCES.relativize(file).getName(0).toString();
                Matcher entry = ENTRY.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (entry.find()) {
                    Matcher literal = LITERAL.matcher(NESTED_CALL.matcher(entry.group(1)).replaceAll("call"));
                    while (literal.find()) {
                        literals++;
                        String name = literal.group(2);
                        boolean prefix = literal.group(3) != null;
                        boolean suffix = literal.group(1) != null || name.startsWith(".");
                        boolean ok = suffix ? name.matches("\\.[a-z][a-z0-9_]*")
                                : prefix
                                ? name.matches(module + "\\.([a-z][a-z0-9_]*\\.)?")
                                : AuditActions.SCHEME.matcher(name).matches() && name.startsWith(module + ".");
                        if (!ok || AuditActions.isFormer(name)) {
                            wrong.add(SOURCES.relativize(file) + ": " + name);
                        }
                    }
                }
            }
        }
        assertThat(literals).as("action names found in the code").isGreaterThan(50);
        assertThat(wrong).isEmpty();
    }

    @Test
    void a_former_name_is_shown_and_found_under_its_current_name() {
        assertThat(AuditActions.current("OFFICER_UPDATED")).isEqualTo("org.officer.update");
        assertThat(AuditActions.current("case.dispatch")).isEqualTo("casework.case.dispatch");
        assertThat(AuditActions.current("grid.visit.record")).isEqualTo("grid.visit.record");
        assertThat(AuditActions.storedAs("org.staff_account.login")).containsExactly("org.staff_account.login",
                "STAFF_LOGIN");
        assertThat(AuditActions.storedAs("STAFF_LOGIN")).containsExactly("org.staff_account.login", "STAFF_LOGIN");
        assertThat(AuditActions.storedAs("grid.post.set")).containsExactly("grid.post.set");
    }

    @Test
    void every_current_name_follows_the_scheme_and_is_not_itself_a_former_name() {
        for (String former : List.of("STAFF_PASSWORD_RESET", "IMPORT_STAFF", "letter.issue", "alert.toLetter",
                "survey.invite.phoneViewed", "dispute.followup", "list.item.sent_back", "typical.publish")) {
            String now = AuditActions.current(former);
            assertThat(now).as(former).isNotEqualTo(former).matches(AuditActions.SCHEME);
            assertThat(AuditActions.isFormer(now)).as(now).isFalse();
        }
    }
}
