package io.minyi.supervision;

import io.minyi.casework.CaseType;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.supervision.internal.LetterDocuments;
import io.minyi.supervision.internal.Letters;
import io.minyi.supervision.internal.SupervisionLadder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@SupervisionTestContext
class SupervisionLadderTests {

    @Autowired MutableClock clock;
    @Autowired SupervisionLadder ladder;
    @Autowired Letters letters;
    @Autowired LetterDocuments documents;
    @Autowired OrgDirectory org;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    EventFixture fixture;
    UnitRef station;

    @BeforeEach
    void setUp() {
        fixture = new EventFixture(events, tx, jdbc);
        station = org.unitByCode("U-0002-10").orElseThrow();
    }

    @Test
    void a_late_case_gets_one_reminder_one_supervision_letter_and_one_circular_even_with_two_nodes_scanning() throws Exception {
        long caseId = 7_100_001L;
        clock.set(LocalDateTime.of(2026, 3, 2, 9, 0)); // Monday
        fixture.publish(
                EventFixture.received(caseId, CaseType.PETITION, station.jurisdictionId(), null, null, "r-ladder",
                        "征地拆迁", clock.instant()),
                EventFixture.dispatched(caseId, CaseType.PETITION, "征地拆迁", "HIGH", station.id(),
                        station.jurisdictionId(), LocalDate.of(2026, 3, 6), clock.instant()));

        scanOnTwoNodes();
        assertThat(lettersOf(station.id())).isEmpty(); // four working days left: too early for a reminder

        clock.set(LocalDateTime.of(2026, 3, 4, 9, 0)); // Wednesday: two working days left (N = 2)
        scanOnTwoNodes();
        scanOnTwoNodes();
        assertThat(lettersOf(station.id())).extracting(r -> r.get("kind")).containsExactly("REMINDER");

        clock.set(LocalDateTime.of(2026, 3, 6, 18, 0)); // the deadline day itself is not late
        scanOnTwoNodes();
        assertThat(lettersOf(station.id())).hasSize(1);

        clock.set(LocalDateTime.of(2026, 3, 9, 9, 0)); // Monday after: overdue, and K = 1 overdue case → circular
        scanOnTwoNodes();
        scanOnTwoNodes();
        List<Map<String, Object>> all = lettersOf(station.id());
        assertThat(all).extracting(r -> r.get("kind")).containsExactly("REMINDER", "SUPERVISION", "CIRCULAR");
        assertThat(all).extracting(r -> r.get("number")).containsExactly(
                "东川综治提〔2026〕1号", "东川综治督〔2026〕1号", "东川综治通〔2026〕1号");
        assertThat(jdbc.sql("SELECT cases FROM unit_open_overdue WHERE unit_id = ?").param(station.id())
                .query(Integer.class).single()).isEqualTo(1);

        // the unit's leader and handler accounts (if any) and no one twice: one inbox row per letter and person
        long duplicates = jdbc.sql("SELECT count(*) - count(DISTINCT (staff_id, link)) FROM notification WHERE link LIKE '/supervision/letters/%'")
                .query(Long.class).single();
        assertThat(duplicates).isZero();

        // reported late: no longer open and overdue
        fixture.publish(new io.minyi.casework.CaseEvents.CaseReported(caseId, CaseType.PETITION, station.id(),
                station.jurisdictionId(), io.minyi.casework.Outcome.RESOLVED, 0, false, clock.instant()));
        assertThat(jdbc.sql("SELECT cases FROM unit_open_overdue WHERE unit_id = ?").param(station.id())
                .query(Integer.class).single()).isZero();
        scanOnTwoNodes();
        assertThat(lettersOf(station.id())).hasSize(3);
    }

    @Test
    void an_overdue_case_sent_back_after_its_report_gets_its_supervision_letter() {
        long unitId = jdbc.sql("""
                        SELECT id FROM unit WHERE type = 'POLICE_STATION' AND code LIKE 'U-%'
                        AND code NOT IN ('U-0002-10', 'U-0003-10', 'U-0004-10', 'U-0005-10') ORDER BY id DESC LIMIT 1""")
                .query(Long.class).single();
        UnitRef unit = org.unit(unitId).orElseThrow();
        long caseId = 7_100_201L;
        LocalDate deadline = LocalDate.of(2026, 7, 3);
        clock.set(LocalDateTime.of(2026, 6, 29, 9, 0));
        fixture.publish(
                EventFixture.received(caseId, CaseType.PETITION, unit.jurisdictionId(), null, null, "r-sent-back",
                        "治安管理", clock.instant()),
                EventFixture.dispatched(caseId, CaseType.PETITION, "治安管理", "MEDIUM", unit.id(),
                        unit.jurisdictionId(), deadline, clock.instant()));
        clock.set(LocalDateTime.of(2026, 7, 2, 10, 0)); // reported in time, and up for review
        fixture.publish(new io.minyi.casework.CaseEvents.CaseReported(caseId, CaseType.PETITION, unit.id(),
                unit.jurisdictionId(), io.minyi.casework.Outcome.RESOLVED, 0, true, clock.instant()));

        clock.set(LocalDateTime.of(2026, 7, 7, 9, 0)); // past the deadline, but the report is with the reviewer
        ladder.scan();
        fixture.awaitListeners();
        assertThat(supervisionLettersFor(caseId)).isZero();

        // the reviewer sends it back: the unit holds an overdue case again
        fixture.publish(new io.minyi.casework.CaseEvents.CaseSentBack(caseId, CaseType.PETITION, unit.id(),
                unit.jurisdictionId(), io.minyi.casework.CaseEvents.SentBackBy.REVIEWER, deadline, clock.instant()));
        ladder.scan();
        ladder.scan();
        fixture.awaitListeners();
        assertThat(supervisionLettersFor(caseId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT cases FROM unit_open_overdue WHERE unit_id = ?").param(unit.id())
                .query(Integer.class).single()).isPositive();
    }

    private int supervisionLettersFor(long caseId) {
        return jdbc.sql("SELECT count(*) FROM supervision_letter_case WHERE case_id = ? AND kind = 'SUPERVISION'")
                .param(caseId).query(Integer.class).single();
    }

    @Test
    void the_word_and_pdf_letters_carry_the_number_the_unit_and_the_cases() throws Exception {
        UnitRef tribunal = org.unitByCode("U-0002-20").orElseThrow();
        long caseId = 7_100_101L;
        clock.set(LocalDateTime.of(2026, 6, 1, 9, 0));
        fixture.publish(
                EventFixture.received(caseId, CaseType.DISPUTE, tribunal.jurisdictionId(), null, null, "r-doc",
                        "婚姻家庭", clock.instant()),
                EventFixture.dispatched(caseId, CaseType.DISPUTE, "婚姻家庭", "LOW", tribunal.id(),
                        tribunal.jurisdictionId(), LocalDate.of(2026, 6, 2), clock.instant()));
        ladder.scan();
        long letterId = jdbc.sql("SELECT id FROM supervision_letter WHERE addressee_unit_id = ? AND kind = 'REMINDER'")
                .param(tribunal.id()).query(Long.class).single();
        Letters.Letter letter = letters.getUnscoped(letterId);

        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(documents.docx(letter)));
             XWPFWordExtractor text = new XWPFWordExtractor(doc)) {
            assertThat(text.getText()).contains(letter.number(), tribunal.name(), String.valueOf(caseId), "婚姻家庭", "提醒函");
        }
        byte[] pdf = documents.pdf(letter);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "sample-letter.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(letter.number(), tribunal.name(), String.valueOf(caseId), "婚姻家庭");
        }
    }

    private List<Map<String, Object>> lettersOf(long unitId) {
        return jdbc.sql("SELECT kind, number FROM supervision_letter WHERE addressee_unit_id = ? ORDER BY id")
                .param(unitId).query().listOfRows();
    }

    /** Two scans at the same moment, as two app nodes would run them. */
    private void scanOnTwoNodes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SupervisionLadder.ScanResult>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return ladder.scan();
                }));
            }
            go.countDown();
            for (var f : results) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        fixture.awaitListeners();
    }
}
