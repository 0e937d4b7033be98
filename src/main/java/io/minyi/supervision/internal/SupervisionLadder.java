package io.minyi.supervision.internal;

import io.minyi.lists.ListEvents;

import io.minyi.platform.CityTexts;
import io.minyi.platform.CityTime;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.minyi.supervision.SupervisionEvents.CaseWentOverdue;
import io.minyi.supervision.internal.LetterOffice.Draft;
import io.minyi.supervision.internal.LetterOffice.Kind;
import io.minyi.supervision.internal.LetterOffice.LetterCase;
import io.minyi.supervision.internal.LetterOffice.LetterListItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.minyi.platform.WorkingDays;
import org.springframework.context.ApplicationEventPublisher;
import io.minyi.platform.CityLanguage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * 两函一通报, run by db-scheduler (one node at a time picks the recurring task; even if two scans overlap, the unique
 * keys in {@link LetterOffice} keep every letter single): a reminder N working days before the deadline, a
 * supervision letter once it has passed, a circular when a unit piles up K overdue cases or repeated supervision
 * letters within the window. Items of the three lists run up the same ladder by the same rules (decision 0022): a
 * reminder before their deadline, a supervision letter once it has passed without a strike-off request, and their
 * overdue count joins the cases' in the circular.
 */
@Configuration(proxyBeanMethods = false)
public class SupervisionLadder {

    private static final Logger log = LoggerFactory.getLogger(SupervisionLadder.class);
    private final JdbcClient jdbc;
    private final LetterOffice office;
    private final WorkingDays calendar;
    private final SupervisionProperties props;
    private final UnitMonths unitMonths;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate newTx;
    private final CityTexts cityTexts;

    SupervisionLadder(JdbcClient jdbc, LetterOffice office, WorkingDays calendar, SupervisionProperties props,
                      UnitMonths unitMonths, ApplicationEventPublisher events, Clock clock,
                      PlatformTransactionManager txm, CityTexts cityTexts) {
        this.cityTexts = cityTexts;
        this.jdbc = jdbc;
        this.office = office;
        this.calendar = calendar;
        this.props = props;
        this.unitMonths = unitMonths;
        this.events = events;
        this.clock = clock;
        this.newTx = new TransactionTemplate(txm);
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Bean
    RecurringTask<Void> supervisionLadderTask() {
        return Tasks.recurring("supervision-ladder", Schedules.fixedDelay(props.scanEvery()))
                .execute((instance, ctx) -> scan());
    }

    public record ScanResult(int reminders, int supervisionLetters, int circulars) {
    }

    private record OpenCase(long caseId, long unitId, long jurisdictionId, String category, LocalDate deadline,
                            String type) {
    }

    /** One pass over the open dispatched cases; safe to run concurrently on several nodes. */
    public ScanResult scan() {
        LocalDate today = LocalDate.now(clock);
        unitMonths.snapshotOpenOverdue(today.minusMonths(1));
        int reminders = 0;
        int letters = 0;
        // reminders: the deadline is today or within N working days, and no reminder for this deadline yet
        LocalDate horizon = calendar.plusWorkingDays(today, props.reminderWorkingDays());
        for (OpenCase c : open("sc.deadline >= ? AND sc.deadline <= ?", today, horizon, "REMINDER")) {
            int left = calendar.workingDaysBetween(today, c.deadline());
            String reason = cityTexts.of("supervision.ladder.caseReminder", c.caseId(), orEmpty(c.category()),
                    date(c.deadline()), left);
            if (office.issue(new Draft(Kind.REMINDER, c.unitId(), List.of(new LetterCase(c.caseId(), c.category(),
                    c.deadline())), "REMINDER", c.deadline(), reason, "REMINDER:" + c.caseId() + ":" + c.deadline(),
                    "SYSTEM")).isPresent()) {
                reminders++;
            }
        }
        // supervision letters: past the deadline and still with the unit
        for (OpenCase c : open("sc.deadline < ?", today, null, "SUPERVISION")) {
            LocalDate answerBy = calendar.plusWorkingDays(today, props.replyWorkingDays());
            String reason = cityTexts.of("supervision.ladder.caseSupervision", c.caseId(), orEmpty(c.category()),
                    date(c.deadline()), date(answerBy));
            Draft draft = new Draft(Kind.SUPERVISION, c.unitId(), List.of(new LetterCase(c.caseId(), c.category(),
                    c.deadline())), "SUPERVISION", answerBy, reason, "SUPERVISION:" + c.caseId() + ":" + c.deadline(),
                    "SYSTEM");
            try {
                Long id = newTx.execute(status -> {
                    int marked = jdbc.sql("""
                                    UPDATE supervised_case SET overdue_since = ? WHERE case_id = ? AND state = 'DISPATCHED'
                                    AND deadline = ? AND overdue_since IS NULL""")
                            .params(Date.valueOf(today), c.caseId(), Date.valueOf(c.deadline())).update();
                    if (marked == 1) {
                        unitMonths.caseBecameOverdue(c.unitId());
                        events.publishEvent(new CaseWentOverdue(c.caseId(), c.unitId(), c.jurisdictionId(),
                                c.deadline(), today));
                    }
                    Long letter = office.issueHere(draft).orElse(null);
                    if (letter == null) {
                        status.setRollbackOnly();
                    }
                    return letter;
                });
                if (id != null) {
                    letters++;
                }
            } catch (DuplicateKeyException raced) {
                log.debug("Supervision letter for case {} was issued by another node", c.caseId());
            }
        }
        reminders += listReminders(today, horizon);
        letters += listSupervisionLetters(today);
        assistPartsOverdue(today);
        int circulars = circulars(today);
        if (reminders + letters + circulars > 0) {
            log.info("Supervision ladder {}: {} reminders, {} supervision letters, {} circulars", today, reminders,
                    letters, circulars);
        }
        return new ScanResult(reminders, letters, circulars);
    }

    private List<OpenCase> open(String deadlineCondition, LocalDate a, LocalDate b, String kind) {
        String sql = """
                SELECT sc.case_id, sc.unit_id, sc.jurisdiction_id, sc.category, sc.deadline, sc.type
                FROM supervised_case sc
                WHERE sc.state = 'DISPATCHED' AND sc.unit_id IS NOT NULL AND """ + " " + deadlineCondition + """
                 AND NOT EXISTS (SELECT 1 FROM supervision_letter_case lc
                                 WHERE lc.case_id = sc.case_id AND lc.kind = ? AND lc.deadline = sc.deadline)
                ORDER BY sc.deadline, sc.case_id""";
        var spec = b == null ? jdbc.sql(sql).params(Date.valueOf(a), kind)
                : jdbc.sql(sql).params(Date.valueOf(a), Date.valueOf(b), kind);
        return spec.query((rs, n) -> new OpenCase(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                rs.getDate(5).toLocalDate(), rs.getString(6))).list();
    }

    private record OpenItem(long itemId, long unitId, String title, LocalDate deadline, ListEvents.ListKind kind) {
        LetterListItem letterItem() {
            return new LetterListItem(itemId, title, deadline);
        }
    }

    /** "问题清单事项“…”（清单编号 12）": the list's name from lists' own bundle, then the item. */
    private String describe(OpenItem i) {
        String list = cityTexts.of("lists.kind." + i.kind().name());
        return cityTexts.of("supervision.ladder.listItem", list, i.title(), i.itemId());
    }

    private String date(LocalDate day) {
        return DateTimeFormatter.ofPattern(cityTexts.of("supervision.ladder.datePattern"),
                CityLanguage.LOCALE).format(day);
    }

    private int listReminders(LocalDate today, LocalDate horizon) {
        int issued = 0;
        for (OpenItem i : openItems("si.deadline >= ? AND si.deadline <= ?", today, horizon, "REMINDER")) {
            int left = calendar.workingDaysBetween(today, i.deadline());
            String reason = cityTexts.of("supervision.ladder.listReminder", describe(i), date(i.deadline()), left);
            Draft draft = new Draft(Kind.REMINDER, i.unitId(), List.of(), "REMINDER", i.deadline(), reason,
                    "LIST-REMINDER:" + i.itemId() + ":" + i.deadline(), "SYSTEM").withItems(List.of(i.letterItem()));
            if (office.issue(draft).isPresent()) {
                issued++;
            }
        }
        return issued;
    }

    /** Past the deadline and no strike-off asked for: marked overdue and a supervision letter, in one transaction. */
    private int listSupervisionLetters(LocalDate today) {
        int issued = 0;
        for (OpenItem i : openItems("si.deadline < ?", today, null, "SUPERVISION")) {
            LocalDate answerBy = calendar.plusWorkingDays(today, props.replyWorkingDays());
            String reason = cityTexts.of("supervision.ladder.listSupervision", describe(i), date(i.deadline()),
                    date(answerBy));
            Draft draft = new Draft(Kind.SUPERVISION, i.unitId(), List.of(), "SUPERVISION", answerBy, reason,
                    "LIST-SUPERVISION:" + i.itemId() + ":" + i.deadline(), "SYSTEM").withItems(List.of(i.letterItem()));
            try {
                Long id = newTx.execute(status -> {
                    jdbc.sql("""
                                    UPDATE supervised_list_item SET overdue_since = ? WHERE item_id = ? AND state = 'OPEN'
                                    AND deadline = ? AND overdue_since IS NULL""")
                            .params(Date.valueOf(today), i.itemId(), Date.valueOf(i.deadline())).update();
                    Long letter = office.issueHere(draft).orElse(null);
                    if (letter == null) {
                        status.setRollbackOnly();
                    }
                    return letter;
                });
                if (id != null) {
                    issued++;
                }
            } catch (DuplicateKeyException raced) {
                log.debug("Supervision letter for list item {} was issued by another node", i.itemId());
            }
        }
        return issued;
    }

    private List<OpenItem> openItems(String deadlineCondition, LocalDate a, LocalDate b, String kind) {
        String sql = """
                SELECT si.item_id, si.unit_id, si.title, si.deadline, si.kind FROM supervised_list_item si
                WHERE si.state = 'OPEN' AND""" + " " + deadlineCondition + """
                 AND NOT EXISTS (SELECT 1 FROM supervision_letter_list_item li
                                 WHERE li.item_id = si.item_id AND li.kind = ? AND li.deadline = si.deadline)
                ORDER BY si.deadline, si.item_id""";
        var spec = b == null ? jdbc.sql(sql).params(Date.valueOf(a), kind)
                : jdbc.sql(sql).params(Date.valueOf(a), Date.valueOf(b), kind);
        return spec.query((rs, n) -> new OpenItem(rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getDate(4).toLocalDate(), ListEvents.ListKind.valueOf(rs.getString(5)))).list();
    }

    /**
     * 协办: the ladder writes to the lead unit only, but an assisting unit's part found past its deadline unfiled is
     * counted against that unit once (it then cannot count as on time). Marked and counted in one statement, so two
     * nodes scanning at once count it once.
     */
    private void assistPartsOverdue(LocalDate today) {
        newTx.executeWithoutResult(status -> jdbc.sql("""
                        WITH marked AS (
                            UPDATE supervised_assist SET overdue_since = ?
                            WHERE state = 'OPEN' AND deadline < ? AND overdue_since IS NULL
                            RETURNING unit_id)
                        SELECT unit_id, count(*) FROM marked GROUP BY unit_id ORDER BY unit_id""")
                .params(Date.valueOf(today), Date.valueOf(today))
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).list()
                .forEach(u -> unitMonths.bumpAssist(u[0], today, "overdue", (int) u[1])));
    }

    private record UnitLoad(long unitId, int overdue, int letters) {
    }

    /** A circular per unit and calendar month at most, when K overdue cases or L supervision letters pile up. */
    private int circulars(LocalDate today) {
        LocalDate windowStart = today.minusDays(props.circularWindowDays());
        List<UnitLoad> loads = jdbc.sql("""
                        SELECT u.unit_id,
                               (SELECT count(*) FROM supervised_case sc WHERE sc.unit_id = u.unit_id
                                  AND sc.state = 'DISPATCHED' AND sc.overdue_since IS NOT NULL)
                               + (SELECT count(*) FROM supervised_list_item si WHERE si.unit_id = u.unit_id
                                  AND si.state = 'OPEN' AND si.overdue_since IS NOT NULL) AS overdue,
                               (SELECT count(*) FROM supervision_letter l WHERE l.addressee_unit_id = u.unit_id
                                  AND l.kind = 'SUPERVISION' AND l.issued_at >= ?) AS letters
                        FROM (SELECT unit_id FROM unit_open_overdue WHERE cases > 0
                              UNION SELECT unit_id FROM supervised_list_item WHERE state = 'OPEN' AND overdue_since IS NOT NULL
                              UNION SELECT addressee_unit_id FROM supervision_letter
                                    WHERE kind = 'SUPERVISION' AND issued_at >= ?) u""")
                .params(Timestamp.from(CityTime.startOf(windowStart)),
                        Timestamp.from(CityTime.startOf(windowStart)))
                .query((rs, n) -> new UnitLoad(rs.getLong(1), rs.getInt(2), rs.getInt(3))).list();
        int issued = 0;
        String month = today.toString().substring(0, 7);
        for (UnitLoad load : loads) {
            if (load.overdue() < props.circularOverdueCases() && load.letters() < props.circularSupervisionLetters()) {
                continue;
            }
            List<LetterCase> cases = jdbc.sql("""
                            SELECT case_id, category, deadline FROM supervised_case
                            WHERE unit_id = ? AND state = 'DISPATCHED' AND overdue_since IS NOT NULL ORDER BY deadline, case_id""")
                    .param(load.unitId())
                    .query((rs, n) -> new LetterCase(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate()))
                    .list();
            LocalDate answerBy = calendar.plusWorkingDays(today, props.replyWorkingDays());
            String reason = cityTexts.of("supervision.ladder.circular", props.circularWindowDays(), load.overdue(),
                    load.letters(), date(answerBy));
            List<LetterListItem> items = jdbc.sql("""
                            SELECT item_id, title, deadline FROM supervised_list_item
                            WHERE unit_id = ? AND state = 'OPEN' AND overdue_since IS NOT NULL ORDER BY deadline, item_id""")
                    .param(load.unitId())
                    .query((rs, n) -> new LetterListItem(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate()))
                    .list();
            if (office.issue(new Draft(Kind.CIRCULAR, load.unitId(), cases, "CIRCULAR", answerBy, reason,
                    "CIRCULAR:" + load.unitId() + ":" + month, "SYSTEM").withItems(items)).isPresent()) {
                issued++;
            }
        }
        return issued;
    }

    private String orEmpty(String s) {
        return s == null || s.isBlank() ? cityTexts.of("supervision.ladder.uncategorised") : s;
    }
}
