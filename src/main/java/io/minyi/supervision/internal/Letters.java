package io.minyi.supervision.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.org.SubjectShield;
import io.minyi.platform.CityTime;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.platform.RefusedException;
import io.minyi.platform.SqlFilter;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and acknowledging letters. Scope in SQL: supervisors, dispatchers and leaders see letters to units under
 * their jurisdiction; a unit's own staff see the letters addressed to their unit; anything else is "not found".
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class Letters {

    public record Letter(long id, String kind, String number, String centreName, String addresseeName,
                         long addresseeUnitId, LocalDate deadline, String reason, Instant issuedAt,
                         Instant acknowledgedAt, String acknowledgedBy, List<LetterOffice.LetterCase> cases,
                         List<LetterOffice.LetterListItem> items) {
    }

    public record Query(String kind, String text, LocalDate from, LocalDate to, Boolean unacknowledged) {
    }

    private static final RowMapper<Letter> LETTER = (rs, n) -> new Letter(rs.getLong("id"), rs.getString("kind"),
            rs.getString("number"), rs.getString("centre_name"), rs.getString("addressee_name"),
            rs.getLong("addressee_unit_id"), rs.getDate("deadline") == null ? null : rs.getDate("deadline").toLocalDate(),
            rs.getString("reason"), rs.getTimestamp("issued_at").toInstant(),
            rs.getTimestamp("acknowledged_at") == null ? null : rs.getTimestamp("acknowledged_at").toInstant(),
            rs.getString("acknowledged_by"), List.of(), List.of());

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final SubjectShield shield;

    private final org.springframework.context.MessageSource messages;

    private record Where(String sql, List<Object> args) {
    }

    /** What the user may read, minus the letters about the user's own officer (whatever the role). */
    private SqlFilter scope(StaffUser me) {
        Where w = reach(me);
        SubjectShield.Clause shown = shield.hides(me, SubjectShield.Kind.LETTER, "id");
        List<Object> args = new ArrayList<>(w.args());
        args.addAll(shown.args());
        return SqlFilter.empty().and("(" + w.sql() + ") AND " + shown.sql(), args.toArray());
    }

    private static Where reach(StaffUser me) {
        List<Object> args = new ArrayList<>();
        List<String> any = new ArrayList<>();
        if (me.hasAny(Role.SUPERVISOR, Role.DISPATCHER, Role.LEADER, Role.ADMIN, Role.DISCIPLINE)) {
            args.add(me.scopePathPattern());
            any.add("jurisdiction_path LIKE ?");
        }
        if (me.hasAny(Role.UNIT_LEADER, Role.UNIT_HANDLER)) {
            args.add(me.unitId());
            any.add("addressee_unit_id = ?");
        }
        if (me.has(Role.UNIT_LEADER)) {
            args.add(me.unitId());
            any.add("copied_unit_id = ?");
        }
        return new Where(any.isEmpty() ? "false" : String.join(" OR ", any), args);
    }

    public PageResult<Letter> search(StaffUser me, Query q, PageResult.Request page) {
        return where(me, q).page(jdbc, "SELECT count(*) FROM supervision_letter", "SELECT * FROM supervision_letter",
                "issued_at DESC, id DESC", LETTER, page);
    }

    /** Everything matching, for the spreadsheet export (capped so an export cannot exhaust memory). */
    public List<Letter> export(StaffUser me, Query q) {
        return where(me, q).all(jdbc, "SELECT * FROM supervision_letter", "issued_at DESC, id DESC", LETTER);
    }

    private SqlFilter where(StaffUser me, Query q) {
        return scope(me)
                .andIf(q.kind() != null && !q.kind().isBlank(), "kind = ?", q.kind())
                .contains(q.text(), "number", "addressee_name", "reason")
                .andIf(q.from() != null, "issued_at >= ?",
                        q.from() == null ? null : Timestamp.from(CityTime.startOf(q.from())))
                .andIf(q.to() != null, "issued_at < ?",
                        q.to() == null ? null : Timestamp.from(CityTime.startOf(q.to().plusDays(1))))
                .andIf(Boolean.TRUE.equals(q.unacknowledged()), "acknowledged_at IS NULL");
    }

    public Letter get(StaffUser me, long id) {
        SqlFilter w = scope(me).and("id = ?", id);
        Letter l = jdbc.sql("SELECT * FROM supervision_letter" + w.sql()).params(w.params()).query(LETTER).optional().orElseThrow(() -> new NotFoundException("letter " + id));
        return withCases(l);
    }

    /** For jobs and tests, without a user's scope. */
    public Letter getUnscoped(long id) {
        return withCases(jdbc.sql("SELECT * FROM supervision_letter WHERE id = ?").param(id).query(LETTER).optional()
                .orElseThrow(() -> new NotFoundException("letter " + id)));
    }

    private Letter withCases(Letter l) {
        List<LetterOffice.LetterCase> cases = jdbc.sql(
                        "SELECT case_id, category, deadline FROM supervision_letter_case WHERE letter_id = ? ORDER BY case_id")
                .param(l.id())
                .query((rs, n) -> new LetterOffice.LetterCase(rs.getLong(1), rs.getString(2),
                        rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate()))
                .list();
        List<LetterOffice.LetterListItem> items = jdbc.sql(
                        "SELECT item_id, title, deadline FROM supervision_letter_list_item WHERE letter_id = ? ORDER BY item_id")
                .param(l.id())
                .query((rs, n) -> new LetterOffice.LetterListItem(rs.getLong(1), rs.getString(2),
                        rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate()))
                .list();
        return new Letter(l.id(), l.kind(), l.number(), l.centreName(), l.addresseeName(), l.addresseeUnitId(),
                l.deadline(), l.reason(), l.issuedAt(), l.acknowledgedAt(), l.acknowledgedBy(), cases, items);
    }

    /** 签收: only staff of the addressee unit acknowledge, once. */
    @Transactional
    public void acknowledge(StaffUser me, long id) {
        Letter l = get(me, id);
        if (!mayAcknowledge(me, l)) {
            throw new RefusedException("supervision.letter.ackRefused", 403);
        }
        int n = jdbc.sql("UPDATE supervision_letter SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL")
                .params(Timestamp.from(clock.instant()), me.getUsername(), id).update();
        if (n == 0) {
            throw new RefusedException("supervision.letter.alreadyAcknowledged");
        }
        audit.record(AuditEntry.of("supervision.letter.acknowledge", "supervision_letter", id).withChange(
                io.minyi.platform.CityLanguage.text(messages, "supervision.desk.audit.unacknowledged"),
                io.minyi.platform.CityLanguage.text(messages, "supervision.desk.audit.acknowledged")));
    }

    /** The addressee unit's staff, or the leader of the unit above when the letter is about the addressee's head. */
    public boolean mayAcknowledge(StaffUser me, Letter l) {
        boolean addressee = l.addresseeUnitId() == me.unitId() && me.hasAny(Role.UNIT_LEADER, Role.UNIT_HANDLER);
        boolean above = me.has(Role.UNIT_LEADER) && jdbc.sql("SELECT 1 FROM supervision_letter WHERE id = ? AND copied_unit_id = ?")
                .params(l.id(), me.unitId()).query(Integer.class).optional().isPresent();
        return (addressee || above) && !shield.isAbout(me, SubjectShield.Kind.LETTER, l.id());
    }

    static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
