package io.minyi.supervision;

import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.PageResult;
import io.minyi.platform.RefusedException;
import io.minyi.supervision.internal.AnnualAssessment;
import io.minyi.supervision.internal.LetterDesk;
import io.minyi.supervision.internal.LetterOffice;
import io.minyi.supervision.internal.Letters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A supervisor writes by hand in the ladder's numbering; the unit answers with a rectification report and evidence;
 * a formal talk is recorded and lowers the unit's annual result by the configured penalty.
 */
@SupervisionTestContext
class LetterDeskTests {

    @Autowired LetterDesk desk;
    @Autowired Letters letters;
    @Autowired AnnualAssessment assessment;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;

    @Test
    void a_letter_by_hand_is_answered_with_a_rectification_report_and_a_talk_counts_in_the_annual_result() {
        clock.set(LocalDateTime.of(2026, 8, 3, 10, 0));
        StaffUser supervisor = user("supervisor", Set.of(Role.SUPERVISOR));
        StaffUser unitLeader = user("unitleader", Set.of(Role.UNIT_LEADER));
        long unit = unitLeader.unitId();

        long id = desk.issueByHand(supervisor, LetterOffice.Kind.SUPERVISION, unit, "群众反映窗口服务态度差，请整改。", 3,
                List.of());
        Letters.Letter letter = letters.get(unitLeader, id);
        assertThat(letter.number()).contains("综治督〔2026〕").endsWith("号");
        assertThat(letter.deadline()).isEqualTo(LocalDate.of(2026, 8, 6));
        assertThatThrownBy(() -> desk.issueByHand(unitLeader, LetterOffice.Kind.REMINDER, unit, "x", 3, List.of()))
                .isInstanceOf(RefusedException.class);

        byte[] pdf = "%PDF-1.4 整改照片".getBytes();
        desk.reply(unitLeader, id, LetterDesk.ReplyKind.RECTIFICATION, "已开展作风整顿，窗口增设引导员。",
                List.of(new LetterDesk.Upload("整改报告.pdf", pdf)));
        assertThatThrownBy(() -> desk.reply(unitLeader, id, LetterDesk.ReplyKind.REPLY, "x",
                List.of(new LetterDesk.Upload("a.exe", new byte[]{'M', 'Z', 0, 0, 0, 0}))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> desk.reply(supervisor, id, LetterDesk.ReplyKind.REPLY, "x", List.of()))
                .isInstanceOf(RefusedException.class);
        List<LetterDesk.Reply> replies = desk.replies(supervisor, id);
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(LetterDesk.ReplyKind.RECTIFICATION);
            assertThat(r.files()).singleElement().satisfies(f -> assertThat(f.contentType()).isEqualTo("application/pdf"));
        });
        assertThat(desk.file(supervisor, id, replies.getFirst().files().getFirst().id()).bytes()).isEqualTo(pdf);

        double before = annualScore(supervisor, unit);
        desk.recordTalk(supervisor, unit, LocalDate.of(2026, 8, 3), "李所长", "超期事项多", "已约谈，提出整改要求", id);
        assertThat(desk.talks(supervisor, 10)).anyMatch(t -> t.unitId() == unit && t.headName().equals("李所长"));
        AnnualAssessment.Result after = assessment.of(supervisor.jurisdictionPath(), 2026, true).units().stream()
                .filter(r -> r.id() == unit).findFirst().orElseThrow();
        assertThat(after.talks()).isEqualTo(1);
        assertThat(after.score()).isEqualTo(Math.round((before - 2) * 10) / 10.0);
    }

    @Test
    void the_letters_date_filter_takes_days_as_the_city_counts_them() {
        // 02:00 in the city is still the day before in UTC (and on a server whose zone is UTC)
        clock.set(LocalDateTime.of(2026, 9, 4, 2, 0));
        StaffUser supervisor = user("supervisor", Set.of(Role.SUPERVISOR));
        StaffUser unitLeader = user("unitleader", Set.of(Role.UNIT_LEADER));
        String marker = "凌晨函" + System.nanoTime();
        long id = desk.issueByHand(supervisor, LetterOffice.Kind.SUPERVISION, unitLeader.unitId(), marker + "，请整改。", 3,
                List.of());
        assertThat(lettersOn(supervisor, marker, LocalDate.of(2026, 9, 4))).containsExactly(id);
        assertThat(lettersOn(supervisor, marker, LocalDate.of(2026, 9, 3))).isEmpty();
    }

    private List<Long> lettersOn(StaffUser me, String text, LocalDate day) {
        return letters.search(me, new Letters.Query(null, text, day, day, null), PageResult.Request.of(1, 20)).items()
                .stream().map(Letters.Letter::id).toList();
    }

    private double annualScore(StaffUser me, long unit) {
        return assessment.of(me.jurisdictionPath(), 2026, true).units().stream().filter(r -> r.id() == unit)
                .findFirst().map(AnnualAssessment.Result::score).orElseThrow();
    }

    private StaffUser user(String username, Set<Role> roles) {
        return jdbc.sql("""
                        SELECT s.id, s.username, s.display_name, s.unit_id, u.name AS unit_name, s.jurisdiction_id,
                               j.path, j.name AS jname
                        FROM staff_account s JOIN unit u ON u.id = s.unit_id JOIN jurisdiction j ON j.id = s.jurisdiction_id
                        WHERE s.username = ?""").param(username)
                .query((rs, n) -> new StaffUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        EnumSet.copyOf(roles), rs.getLong("unit_id"), rs.getString("unit_name"),
                        rs.getLong("jurisdiction_id"), rs.getString("path"), rs.getString("jname"), null, true, null, "x"))
                .single();
    }
}
