package io.minyi.supervision.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.StaffUser;
import io.minyi.org.SubjectShield;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.platform.RefusedException;
import io.minyi.supervision.SupervisionFigures.Alert;
import io.minyi.supervision.internal.LetterOffice.Draft;
import io.minyi.supervision.internal.LetterOffice.Kind;
import io.minyi.supervision.internal.LetterOffice.LetterCase;
import io.minyi.platform.WorkingDays;
import io.minyi.platform.CityLanguage;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The supervisors' list of high-frequency alerts and the one action that turns an alert into a supervision letter. */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class Alerts {

    static final RowMapper<Alert> ALERT = (rs, n) -> new Alert(rs.getLong("id"), rs.getString("kind"),
            rs.getString("subject_name"), rs.getLong("unit_id"), rs.getInt("raisers"), rs.getInt("cases"),
            rs.getInt("window_days"), rs.getTimestamp("raised_at").toInstant(), rs.getString("status"));

    private final JdbcClient jdbc;
    private final LetterOffice office;
    private final WorkingDays calendar;
    private final SupervisionProperties props;
    private final AuditTrail audit;
    private final Clock clock;
    private final SubjectShield shield;

    private final MessageSource messages;

    public PageResult<Alert> search(StaffUser me, String status, String kind, PageResult.Request page) {
        SubjectShield.Clause shown = shield.hides(me, SubjectShield.Kind.ALERT, "id");
        StringBuilder where = new StringBuilder("jurisdiction_path LIKE ? AND " + shown.sql());
        List<Object> args = new ArrayList<>(List.of(me.scopePathPattern()));
        args.addAll(shown.args());
        if (status != null && !status.isBlank()) {
            where.append(" AND status = ?");
            args.add(status);
        }
        if (kind != null && !kind.isBlank()) {
            where.append(" AND kind = ?");
            args.add(kind);
        }
        long total = jdbc.sql("SELECT count(*) FROM supervision_alert WHERE " + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add(page.offset());
        List<Alert> items = jdbc.sql("SELECT * FROM supervision_alert WHERE " + where
                + " ORDER BY raised_at DESC, id DESC LIMIT ? OFFSET ?").params(pageArgs).query(ALERT).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    private record Row(long id, String kind, String subjectKind, long subjectId, String subjectName, long unitId,
                       String raiserKey, int raisers, int cases, int windowDays, java.time.Instant firstAt,
                       java.time.Instant lastAt, String status) {
    }

    /** The alert, if in the user's scope and not about the user: the subject of an alert never decides on it. */
    private Row lockInScope(StaffUser me, long id) {
        SubjectShield.Clause shown = shield.hides(me, SubjectShield.Kind.ALERT, "id");
        List<Object> args = new ArrayList<>(List.of(id, me.scopePathPattern()));
        args.addAll(shown.args());
        return jdbc.sql("SELECT * FROM supervision_alert WHERE id = ? AND jurisdiction_path LIKE ? AND " + shown.sql()
                        + " FOR UPDATE")
                .params(args)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("kind"), rs.getString("subject_kind"),
                        rs.getLong("subject_id"), rs.getString("subject_name"), rs.getLong("unit_id"),
                        rs.getString("raiser_key"), rs.getInt("raisers"), rs.getInt("cases"),
                        rs.getInt("window_days"), rs.getTimestamp("first_at").toInstant(),
                        rs.getTimestamp("last_at").toInstant(), rs.getString("status")))
                .optional().orElseThrow(() -> new NotFoundException("alert " + id));
    }

    /** 一键督办: a supervision letter to the unit concerned, listing the alert's cases. Returns the letter id. */
    @Transactional
    public long toLetter(StaffUser me, long id) {
        Row a = lockInScope(me, id);
        if (!"OPEN".equals(a.status())) {
            throw new RefusedException("supervision.alert.notOpen");
        }
        String raiserFilter = a.raiserKey().isEmpty() ? "" : " AND raiser_key = ?";
        List<Object> args = new ArrayList<>(List.of(a.subjectKind(), a.subjectId(), Timestamp.from(a.firstAt()),
                Timestamp.from(a.lastAt())));
        if (!a.raiserKey().isEmpty()) {
            args.add(a.raiserKey());
        }
        List<LetterCase> cases = jdbc.sql("""
                        SELECT r.case_id, sc.category FROM raised_about r
                        LEFT JOIN supervised_case sc ON sc.case_id = r.case_id
                        WHERE r.subject_kind = ? AND r.subject_id = ? AND r.received_at BETWEEN ? AND ?""" + raiserFilter
                        + " ORDER BY r.case_id")
                .params(args).query((rs, n) -> new LetterCase(rs.getLong(1), rs.getString(2), null)).list();
        LocalDate answerBy = calendar.plusWorkingDays(LocalDate.now(clock), props.replyWorkingDays());
        // the letter is the official paper the unit receives: in the city's language (CityLanguage)
        String by = DateTimeFormatter.ofPattern(CityLanguage.text(messages, "supervision.ladder.datePattern"),
                CityLanguage.LOCALE).format(answerBy);
        String reason = "MANY_RAISERS".equals(a.kind())
                ? CityLanguage.text(messages, "supervision.alertText.letterManyRaisers", a.windowDays(), a.raisers(),
                        a.subjectName(), a.cases(), by)
                : CityLanguage.text(messages, "supervision.alertText.letterOneRaiser", a.windowDays(), a.subjectName(),
                        a.cases(), by);
        Set<Long> about = "OFFICER".equals(a.subjectKind()) ? Set.of(a.subjectId()) : Set.of();
        long letter = office.issueHere(new Draft(Kind.SUPERVISION, a.unitId(), cases, "ALERT", answerBy, reason,
                "ALERT:" + a.id(), me.getUsername(), about)).orElseThrow(() -> new RefusedException("supervision.alert.notOpen"));
        jdbc.sql("UPDATE supervision_alert SET status = 'LETTER_ISSUED', letter_id = ?, closed_by = ? WHERE id = ?")
                .params(letter, me.getUsername(), id).update();
        audit.record(AuditEntry.of("supervision.alert.convert_to_letter", "supervision_alert", id).withChange("OPEN", "LETTER_ISSUED #" + letter));
        return letter;
    }

    @Transactional
    public void dismiss(StaffUser me, long id) {
        Row a = lockInScope(me, id);
        if (!"OPEN".equals(a.status())) {
            throw new RefusedException("supervision.alert.notOpen");
        }
        jdbc.sql("UPDATE supervision_alert SET status = 'DISMISSED', closed_by = ? WHERE id = ?")
                .params(me.getUsername(), id).update();
        audit.record(AuditEntry.of("supervision.alert.dismiss", "supervision_alert", id).withChange("OPEN", "DISMISSED"));
    }
}
