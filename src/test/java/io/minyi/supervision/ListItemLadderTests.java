package io.minyi.supervision;

import io.minyi.lists.ListEvents.ListItemReported;
import io.minyi.lists.ListEvents.ListItemScheduled;
import io.minyi.lists.ListEvents.ListItemStruckOff;
import io.minyi.lists.ListEvents.ListKind;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.supervision.internal.LetterDocuments;
import io.minyi.supervision.internal.Letters;
import io.minyi.supervision.internal.SupervisionLadder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A list item of the three lists runs up supervision's one ladder like a dispatched case (decision 0022): the lists
 * module only publishes what happened to the item; supervision issues the reminder, the supervision letter and the
 * circular, each once per deadline, and stops when the owner asks for strike-off. January 2026 and a unit of the
 * sixth county keep these letters out of the other ladder tests' numbering.
 */
@SupervisionTestContext
class ListItemLadderTests {

    @Autowired MutableClock clock;
    @Autowired SupervisionLadder ladder;
    @Autowired Letters letters;
    @Autowired LetterDocuments documents;
    @Autowired OrgDirectory org;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    EventFixture fixture;
    UnitRef unit;

    @BeforeEach
    void setUp() {
        fixture = new EventFixture(events, tx, jdbc);
        long id = jdbc.sql("""
                        SELECT id FROM unit WHERE code LIKE 'U-0006-%' AND code <> 'U-0006-10'
                        AND type <> 'GOVERNANCE_CENTRE' ORDER BY code DESC LIMIT 1""")
                .query(Long.class).single();
        unit = org.unit(id).orElseThrow();
    }

    @Test
    void an_overdue_list_item_gets_a_reminder_a_supervision_letter_and_a_circular_once_each_until_strike_off_is_asked()
            throws Exception {
        long item = 9_100_001L;
        LocalDate deadline = LocalDate.of(2026, 1, 14); // a Wednesday
        clock.set(LocalDateTime.of(2026, 1, 9, 9, 0)); // Friday: three working days left, too early
        fixture.publish(new ListItemScheduled(item, ListKind.TASK, "平安宣传进社区任务", unit.id(),
                unit.jurisdictionId(), deadline));
        scan();
        assertThat(lettersAbout(item)).isEmpty();

        clock.set(LocalDateTime.of(2026, 1, 12, 9, 0)); // Monday: two working days left (N = 2)
        scan();
        scan();
        assertThat(lettersAbout(item)).extracting(r -> r.get("kind")).containsExactly("REMINDER");

        clock.set(LocalDateTime.of(2026, 1, 15, 9, 0)); // past the deadline: supervision letter, and K = 1 → circular
        scan();
        scan();
        List<Map<String, Object>> all = lettersAbout(item);
        assertThat(all).extracting(r -> r.get("kind")).containsExactly("REMINDER", "SUPERVISION", "CIRCULAR");
        assertThat(all).allSatisfy(r -> assertThat(r.get("addressee_unit_id")).isEqualTo(unit.id()));
        assertThat(jdbc.sql("SELECT overdue_since FROM supervised_list_item WHERE item_id = ?").param(item)
                .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2026, 1, 15));

        // the letter names the item, on the page model and in the PDF the unit files
        long supervisionLetter = ((Number) all.get(1).get("id")).longValue();
        Letters.Letter letter = letters.getUnscoped(supervisionLetter);
        assertThat(letter.cases()).isEmpty();
        assertThat(letter.items()).singleElement().satisfies(i -> {
            assertThat(i.itemId()).isEqualTo(item);
            assertThat(i.deadline()).isEqualTo(deadline);
        });
        assertThat(letter.reason()).contains("任务清单", "平安宣传进社区任务", "2026年1月14日");
        try (PDDocument pdf = Loader.loadPDF(documents.pdf(letter))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("平安宣传进社区任务", "所涉清单事项");
        }

        // the owner asks for strike-off: the issuing level owes the next move, no more letters to the owner
        fixture.publish(new ListItemReported(item));
        clock.set(LocalDateTime.of(2026, 1, 20, 9, 0));
        scan();
        assertThat(lettersAbout(item)).hasSize(3);

        // sent back under the same deadline: overdue again, but that deadline's letters were sent already
        fixture.publish(new ListItemScheduled(item, ListKind.TASK, "平安宣传进社区任务", unit.id(),
                unit.jurisdictionId(), deadline));
        scan();
        assertThat(lettersAbout(item)).hasSize(3);
        assertThat(jdbc.sql("SELECT state FROM supervised_list_item WHERE item_id = ?").param(item)
                .query(String.class).single()).isEqualTo("OPEN");

        // struck off: never chased again, whatever arrives late
        fixture.publish(new ListItemStruckOff(item, unit.jurisdictionId()));
        fixture.publish(new ListItemScheduled(item, ListKind.TASK, "平安宣传进社区任务", unit.id(),
                unit.jurisdictionId(), deadline.plusDays(30)));
        clock.set(LocalDateTime.of(2026, 2, 20, 9, 0));
        scan();
        assertThat(lettersAbout(item)).hasSize(3);
        assertThat(jdbc.sql("SELECT state FROM supervised_list_item WHERE item_id = ?").param(item)
                .query(String.class).single()).isEqualTo("STRUCK_OFF");
    }

    private void scan() {
        ladder.scan();
        fixture.awaitListeners();
    }

    private List<Map<String, Object>> lettersAbout(long item) {
        return jdbc.sql("""
                        SELECT l.id, l.kind, l.addressee_unit_id FROM supervision_letter l
                        WHERE l.id IN (SELECT letter_id FROM supervision_letter_list_item WHERE item_id = ?)
                        ORDER BY l.id""")
                .param(item).query().listOfRows();
    }
}
