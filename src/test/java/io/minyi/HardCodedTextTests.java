package io.minyi;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, English mode: what a user reads comes from the message bundles in the reader's language, so no Java file
 * may hold Chinese text in a string literal — unless it is data (the demo city, an outside system's texts) and named
 * here with the reason. Files still waiting to be moved are listed apart; that list may only shrink: a file on it
 * that no longer holds Chinese fails the build until it is taken off (decision 0039).
 */
class HardCodedTextTests {

    /** Data, not text: it stays Chinese in every language. Paths under src/main/java/io/minyi/. */
    static final Map<String, String> DATA = Map.ofEntries(
            Map.entry("org/DemoCity.java", "the demo city 示范市: names of places, units and people"),
            Map.entry("org/DemoStaff.java", "the demo city's staff accounts and their names"),
            Map.entry("casework/internal/CaseworkDemo.java", "demo cases: what demo residents and units write"),
            Map.entry("casework/internal/Texts.java", "demo case contents and findings, used by CaseworkDemo only"),
            Map.entry("evaluation/internal/EvaluationDemo.java", "demo residents' comments on their ratings"),
            Map.entry("dispute/internal/DisputeDemo.java", "demo disputes: parties, places, descriptions"),
            Map.entry("dispute/internal/DemoMediation.java", "demo mediation sessions and agreements"),
            Map.entry("grid/internal/GridDemo.java", "demo grid events, visits and households"),
            Map.entry("lists/internal/ListsDemo.java", "demo list items, projects and visits"),
            Map.entry("survey/internal/SurveyDemo.java", "demo campaigns and their questions"),
            Map.entry("integration/internal/DemoIntegration.java", "the demo Open311 client's name"),
            Map.entry("integration/simulator/HotlineSimulator.java",
                    "stands in for the 12345 platform, an outside system: its texts are what that system sends"),
            Map.entry("integration/internal/DemoAccounts.java", "the demo organisation department account's name"),
            Map.entry("org/DemoCityLoader.java", "the start banner names the demo city 示范市 (a log line)"),
            Map.entry("notification/internal/NotificationProperties.java",
                    "the default SMS signature is the demo city's name; a city sets its own (minyi.notification.sms)"),
            Map.entry("integration/internal/DisciplineDesk.java",
                    "the sanctions' official names, chosen and stored as they are (a vocabulary, like the seeded taxonomies)"),
            Map.entry("grid/internal/RecordVisit.java", "the category 矛盾纠纷 of the seeded taxonomy (case_category)"),
            Map.entry("reporting/internal/RollupProjection.java",
                    "the category key 未分类 the roll-ups store for cases without a category (a data value in stored reports)"),
            Map.entry("platform/OfficialDocument.java", "the font family name 仿宋 that Word looks up, not a text"),
            Map.entry("casework/internal/ContentSearchCheck.java",
                    "a Chinese word the start-up check asks the database to make trigrams of, never shown"),
            Map.entry("org/Role.java", "role names the staff sheet writes and reads back (import synonyms); "
                    + "pages use org.role.*"),
            Map.entry("org/GridType.java", "grid types as the grid sheet writes and reads them; pages use org.gridType.*"),
            Map.entry("org/JurisdictionLevel.java",
                    "levels as the jurisdiction sheet writes them; pages use org.jurisdictionLevel.*"),
            Map.entry("org/UnitSystem.java", "unit systems as the unit-kind sheet names them; pages use org.unitSystem.*"),
            Map.entry("supervision/internal/LetterOffice.java",
                    "the official letter number (综治督〔2026〕3号, the document number an issued paper is filed and quoted "
                            + "by, stored as issued) and the rule that shortens a place name for it (示范市 → 示范); "
                            + "the kinds' titles and the notices come from supervision.*"));

    /**
     * Not yet moved to the bundles. Empty since issue 17's last slice: it may only shrink, so a file that gains
     * Chinese text fails the first test until its text moves to the bundles or is named as data above with a reason.
     */
    static final Set<String> NOT_YET_MOVED = Set.of();

    @Test
    void no_java_file_holds_chinese_text_unless_it_is_data_or_listed_as_not_yet_moved() {
        Map<String, Set<Integer>> found = chineseLiterals();
        Set<String> unexplained = new TreeSet<>(found.keySet());
        unexplained.removeAll(DATA.keySet());
        unexplained.removeAll(NOT_YET_MOVED);
        assertThat(unexplained)
                .as("Chinese text in Java (lines %s): put it in messages/<module>.properties and its _en variant",
                        unexplained.stream().map(f -> f + ":" + found.get(f)).collect(Collectors.joining(", ")))
                .isEmpty();
    }

    @Test
    void the_lists_name_only_files_that_exist_and_still_hold_chinese() {
        Map<String, Set<Integer>> found = chineseLiterals();
        Set<String> stale = new TreeSet<>(DATA.keySet());
        stale.addAll(NOT_YET_MOVED);
        stale.removeAll(found.keySet());
        assertThat(stale).as("no Chinese left in these files: take them off the list").isEmpty();
        assertThat(NOT_YET_MOVED).as("a file is data or not yet moved, not both").noneMatch(DATA::containsKey);
        System.out.printf("HardCodedTextTests: %d files hold Chinese literals (%d lines): %d data, %d not yet moved%n",
                found.size(), found.values().stream().mapToInt(Set::size).sum(), DATA.size(), NOT_YET_MOVED.size());
    }

    @Test
    void the_scanner_sees_escaped_and_text_block_chinese_but_not_comments() {
        String src = """
                // 注释 "不算"
                /* 也不算 "文字" */
                class X { String a = "\\u4e2d"; String b = \"""
                    第一行
                    \"""; String c = "plain"; char d = '字'; }
                """;
        assertThat(JavaSource.literals(src)).filteredOn(l -> JavaSource.hasCjk(l.text()))
                .extracting(JavaSource.Literal::line).containsExactly(3, 3, 5);
    }

    /** File (relative to io/minyi) → lines of its string literals that hold Chinese. */
    static Map<String, Set<Integer>> chineseLiterals() {
        Path root = JavaSource.MAIN.resolve("io/minyi");
        Map<String, Set<Integer>> out = new TreeMap<>();
        for (Path file : JavaSource.files(root)) {
            Set<Integer> lines = JavaSource.literals(JavaSource.read(file)).stream()
                    .filter(l -> JavaSource.hasCjk(l.text())).map(JavaSource.Literal::line)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!lines.isEmpty()) {
                out.put(root.relativize(file).toString().replace('\\', '/'), lines);
            }
        }
        return out;
    }
}
