package io.minyi.supervision.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.OrgDirectory;
import io.minyi.org.SubjectShield;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.CityTexts;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.RefusedException;
import io.minyi.platform.WorkingDays;
import io.minyi.supervision.internal.LetterOffice.Draft;
import io.minyi.supervision.internal.LetterOffice.Kind;
import io.minyi.supervision.internal.LetterOffice.LetterCase;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What people do with letters besides the ladder: a supervisor issues one by hand (numbered in the same series as the
 * ladder's), the addressee unit answers it in writing (a reply or a rectification report, 整改报告, with evidence), and
 * a supervisor records a formal talk (约谈) with a lagging unit's head, which the assessment counts.
 */
@Service
@RequiredArgsConstructor
public class LetterDesk {

    static final int MAX_TEXT = 5000;
    static final int MAX_FILES = 5;
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

    /** People read it as {@code supervision.desk.kind.<KIND>}. */
    public enum ReplyKind {
        REPLY, RECTIFICATION
    }

    public record Upload(String fileName, byte[] bytes) {
    }

    public record ReplyFile(long id, String fileName, String contentType) {
    }

    public record Reply(long id, ReplyKind kind, String body, String repliedBy, Instant repliedAt,
                        List<ReplyFile> files) {
    }

    public record Talk(long id, long unitId, String unitName, LocalDate heldOn, String headName, String reason,
                       String record, String recordedBy) {
    }

    private final JdbcClient jdbc;
    private final SubjectShield shield;
    private final LetterOffice office;
    private final Letters letters;
    private final OrgDirectory org;
    private final WorkingDays workingDays;
    private final UnitMonths unitMonths;
    private final AuditTrail audit;
    private final Clock clock;

    private final CityTexts cityTexts;

    /**
     * What a hand letter will say before it is issued (预览): the centre it goes out in the name of, the addressee,
     * the text, the answer date and the cases by tracking code. Checked exactly as {@link #issueByHand} checks.
     */
    public record Preview(Kind kind, String centreName, String addresseeName, long addresseeUnitId, String reason,
                          LocalDate answerBy, int answerWithinWorkingDays, List<LetterCase> cases,
                          java.util.Map<Long, String> trackingCodes) {
        /** The form's case field, to post the same letter again on confirmation. */
        public String caseIds() {
            return String.join(",", cases.stream().map(c -> String.valueOf(c.caseId())).toList());
        }
    }

    private record Prepared(Kind kind, UnitRef unit, LetterOffice.Centre centre, String reason, LocalDate answerBy,
                            int days, List<LetterCase> cases) {
    }

    @Transactional(readOnly = true)
    public Preview preview(StaffUser me, Kind kind, long unitId, String reason, int answerWithinWorkingDays,
                           List<Long> caseIds) {
        Prepared p = prepare(me, kind, unitId, reason, answerWithinWorkingDays, caseIds);
        return new Preview(p.kind(), p.centre().unit().name(), p.unit().name(), p.unit().id(), p.reason(),
                p.answerBy(), p.days(), p.cases(), office.trackingCodes(p.cases()));
    }

    /**
     * A letter by hand: a supervisor addresses a unit in their jurisdiction, optionally about cases; the answer is
     * due {@code answerWithinWorkingDays} working days from today. It goes out in the name of the supervisor's own
     * governance centre, numbered in that centre's series.
     */
    @Transactional
    public long issueByHand(StaffUser me, Kind kind, long unitId, String reason, int answerWithinWorkingDays,
                            List<Long> caseIds) {
        Prepared p = prepare(me, kind, unitId, reason, answerWithinWorkingDays, caseIds);
        // MANUAL: the (case, kind, deadline) once-only rule is the ladder's; a supervisor may write again
        return office.issueHere(new Draft(kind, p.unit().id(), p.cases(), "MANUAL", p.answerBy(), p.reason(),
                        "MANUAL:" + UUID.randomUUID(), me.getUsername()), p.centre())
                .orElseThrow(() -> new IllegalStateException("a manual letter has a unique trigger"));
    }

    private Prepared prepare(StaffUser me, Kind kind, long unitId, String reason, int answerWithinWorkingDays,
                             List<Long> caseIds) {
        if (!me.has(Role.SUPERVISOR)) {
            throw new RefusedException("supervision.desk.supervisorOnly", 403);
        }
        UnitRef unit = unitInScope(me, unitId);
        List<String> problems = new ArrayList<>();
        if (kind == null) {
            problems.add("supervision.letter.badKind");
        }
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            problems.add("supervision.desk.reasonRequired");
        }
        if (answerWithinWorkingDays < 1 || answerWithinWorkingDays > 60) {
            problems.add("supervision.desk.badAnswerDays");
        }
        if (caseIds.size() > 50) {
            problems.add("supervision.desk.tooManyCases");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<LetterCase> cases = new ArrayList<>();
        // a case about the supervisor is unknown to them, as everywhere (decision 0010): the preview would show its
        // tracking code, and whether it is refused would tell them which of the unit's cases name them
        SubjectShield.Clause notMine = shield.hides(me, SubjectShield.Kind.CASE, "case_id");
        for (long caseId : caseIds) {
            // only cases supervision knows, of this unit: a letter never names a case the unit does not hold
            List<Object> args = new ArrayList<>(List.of(caseId, unit.id(), me.scopePathPattern()));
            args.addAll(notMine.args());
            cases.add(jdbc.sql("""
                            SELECT case_id, category, deadline FROM supervised_case
                            WHERE case_id = ? AND unit_id = ? AND jurisdiction_path LIKE ?""" + " AND " + notMine.sql())
                    .params(args)
                    .query((rs, n) -> new LetterCase(rs.getLong(1), rs.getString(2),
                            rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate()))
                    .optional().orElseThrow(() -> new InvalidInputException("supervision.desk.unknownCase")));
        }
        LocalDate answerBy = workingDays.plusWorkingDays(LocalDate.now(clock), answerWithinWorkingDays);
        return new Prepared(kind, unit, office.centreOf(me, unit), reason.strip(), answerBy, answerWithinWorkingDays,
                cases);
    }

    /** 发函中心: what my centre issued (or I, when {@code mineOnly}), newest first, with where each letter stands. */
    public record Issued(long id, String number, String kind, String addresseeName, Instant issuedAt,
                         String issuedBy, LocalDate deadline, Instant acknowledgedAt, int replies) {
        /** ANSWERED, OVERDUE (no answer by the date), ACKNOWLEDGED or WAITING. */
        public String stateOn(LocalDate today) {
            if (replies > 0) {
                return "ANSWERED";
            }
            if (deadline != null && deadline.isBefore(today)) {
                return "OVERDUE";
            }
            return acknowledgedAt != null ? "ACKNOWLEDGED" : "WAITING";
        }
    }

    @Transactional(readOnly = true)
    public io.minyi.platform.PageResult<Issued> issued(StaffUser me, boolean mineOnly,
                                                       io.minyi.platform.PageResult.Request page) {
        if (!me.has(Role.SUPERVISOR)) {
            throw new RefusedException("supervision.desk.supervisorOnly", 403);
        }
        long centre = office.centreOf(me, null).unit().id();
        String where = mineOnly ? " WHERE l.issued_by = ? AND l.jurisdiction_path LIKE ?"
                : " WHERE l.centre_unit_id = ? AND l.jurisdiction_path LIKE ?";
        Object who = mineOnly ? me.getUsername() : centre;
        long total = jdbc.sql("SELECT count(*) FROM supervision_letter l" + where)
                .params(who, me.scopePathPattern()).query(Long.class).single();
        List<Issued> items = jdbc.sql("""
                        SELECT l.id, l.number, l.kind, l.addressee_name, l.issued_at, l.issued_by, l.deadline,
                               l.acknowledged_at,
                               (SELECT count(*) FROM supervision_letter_reply r WHERE r.letter_id = l.id) AS replies
                        FROM supervision_letter l""" + where + " ORDER BY l.issued_at DESC, l.id DESC LIMIT ? OFFSET ?")
                .params(who, me.scopePathPattern(), page.size(), page.offset())
                .query((rs, n) -> new Issued(rs.getLong("id"), rs.getString("number"), rs.getString("kind"),
                        rs.getString("addressee_name"), rs.getTimestamp("issued_at").toInstant(),
                        rs.getString("issued_by"),
                        rs.getDate("deadline") == null ? null : rs.getDate("deadline").toLocalDate(),
                        rs.getTimestamp("acknowledged_at") == null ? null
                                : rs.getTimestamp("acknowledged_at").toInstant(), rs.getInt("replies")))
                .list();
        return new io.minyi.platform.PageResult<>(items, page.page(), page.size(), total);
    }

    /** 书面反馈 / 整改报告: staff of the addressee unit answer the letter, with evidence. */
    @Transactional
    public long reply(StaffUser me, long letterId, ReplyKind kind, String body, List<Upload> files) {
        Letters.Letter letter = letters.get(me, letterId);
        if (letter.addresseeUnitId() != me.unitId() || !me.hasAny(Role.UNIT_LEADER, Role.UNIT_HANDLER)) {
            throw new RefusedException("supervision.desk.addresseeOnly", 403);
        }
        List<String> problems = new ArrayList<>();
        if (kind == null) {
            problems.add("supervision.desk.badReplyKind");
        }
        if (body == null || body.isBlank() || body.length() > MAX_TEXT) {
            problems.add("supervision.desk.bodyRequired");
        }
        if (files.size() > MAX_FILES) {
            problems.add("supervision.desk.tooManyFiles");
        }
        List<String> types = new ArrayList<>();
        for (Upload f : files) {
            String type = sniff(f.bytes());
            if (f.bytes().length > MAX_FILE_BYTES) {
                problems.add("supervision.desk.fileTooLarge");
            } else if (type == null) {
                problems.add("supervision.desk.fileType");
            }
            types.add(type);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream().distinct().toList());
        }
        long id = jdbc.sql("""
                        INSERT INTO supervision_letter_reply (letter_id, kind, body, replied_by, replied_at)
                        VALUES (?,?,?,?,?) RETURNING id""")
                .params(letterId, kind.name(), body.strip(), me.getUsername(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        for (int i = 0; i < files.size(); i++) {
            Upload f = files.get(i);
            jdbc.sql("INSERT INTO supervision_reply_file (reply_id, file_name, content_type, bytes) VALUES (?,?,?,?)")
                    .params(id, safeName(f.fileName(), cityTexts.of("supervision.desk.audit.attachment", i + 1)),
                    types.get(i), f.bytes()).update();
        }
        audit.record(AuditEntry.of("supervision.letter.reply", "supervision_letter", letterId)
                .withChange(null, cityTexts.of("supervision.desk.audit.replied", cityTexts.of("supervision.desk.kind."
                + kind.name()), files.size())));
        return id;
    }

    public List<Reply> replies(StaffUser me, long letterId) {
        letters.get(me, letterId); // in scope, or 404
        List<Reply> out = new ArrayList<>();
        jdbc.sql("SELECT id, kind, body, replied_by, replied_at FROM supervision_letter_reply WHERE letter_id = ? ORDER BY id")
                .param(letterId)
                .query((rs, n) -> out.add(new Reply(rs.getLong(1), ReplyKind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(), List.of()))).list();
        return out.stream().map(r -> new Reply(r.id(), r.kind(), r.body(), r.repliedBy(), r.repliedAt(),
                jdbc.sql("SELECT id, file_name, content_type FROM supervision_reply_file WHERE reply_id = ? ORDER BY id")
                        .param(r.id()).query((rs, n) -> new ReplyFile(rs.getLong(1), rs.getString(2),
                                rs.getString(3))).list())).toList();
    }

    public record FileContent(String fileName, String contentType, byte[] bytes) {
    }

    public FileContent file(StaffUser me, long letterId, long fileId) {
        letters.get(me, letterId);
        return jdbc.sql("""
                        SELECT f.file_name, f.content_type, f.bytes FROM supervision_reply_file f
                        JOIN supervision_letter_reply r ON r.id = f.reply_id WHERE r.letter_id = ? AND f.id = ?""")
                .params(letterId, fileId)
                .query((rs, n) -> new FileContent(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional().orElseThrow(() -> new NotFoundException("file " + fileId));
    }

    /** 约谈: recorded by a supervisor, counted for the unit in the month it was held. */
    @Transactional
    public long recordTalk(StaffUser me, long unitId, LocalDate heldOn, String headName, String reason, String record,
                           Long letterId) {
        if (!me.has(Role.SUPERVISOR)) {
            throw new RefusedException("supervision.desk.supervisorOnly", 403);
        }
        UnitRef unit = unitInScope(me, unitId);
        List<String> problems = new ArrayList<>();
        if (heldOn == null || heldOn.isAfter(LocalDate.now(clock))) {
            problems.add("supervision.desk.badTalkDate");
        }
        if (headName == null || headName.isBlank() || headName.length() > 50) {
            problems.add("supervision.desk.headRequired");
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            problems.add("supervision.desk.reasonRequired");
        }
        if (record == null || record.isBlank() || record.length() > MAX_TEXT) {
            problems.add("supervision.desk.recordRequired");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (letterId != null) {
            letters.get(me, letterId);
        }
        long id = jdbc.sql("""
                        INSERT INTO supervision_talk (unit_id, unit_name, jurisdiction_path, held_on, head_name, reason,
                            record, letter_id, recorded_by, recorded_at)
                        VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(unit.id(), unit.name(), unit.jurisdictionPath(), Date.valueOf(heldOn), headName.strip(),
                        reason.strip(), record.strip(), letterId, me.getUsername(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        unitMonths.bump(unit.id(), heldOn, "talks", 1);
        audit.record(AuditEntry.of("supervision.talk.hold", "unit", unit.id()).withChange(null,
                cityTexts.of("supervision.desk.audit.talkHeld", heldOn)));
        return id;
    }

    public List<Talk> talks(StaffUser me, int limit) {
        return jdbc.sql("""
                        SELECT id, unit_id, unit_name, held_on, head_name, reason, record, recorded_by FROM supervision_talk
                        WHERE jurisdiction_path LIKE ? ORDER BY held_on DESC, id DESC LIMIT ?""")
                .params(me.scopePathPattern(), limit)
                .query((rs, n) -> new Talk(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8))).list();
    }

    public List<UnitRef> unitsInScope(StaffUser me) {
        return org.unitsWithin(me.jurisdictionPath());
    }

    private UnitRef unitInScope(StaffUser me, long unitId) {
        Optional<UnitRef> unit = org.unit(unitId).filter(u -> u.active()
                && u.jurisdictionPath().startsWith(me.jurisdictionPath()));
        return unit.orElseThrow(() -> new InvalidInputException("supervision.desk.unit"));
    }

    private static String sniff(byte[] b) {
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length > 8 && Arrays.equals(Arrays.copyOf(b, 8),
                new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return "image/png";
        }
        if (b.length > 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "application/pdf";
        }
        return null;
    }

    private static String safeName(String name, String fallback) {
        String base = name == null ? "" : name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "").strip();
        if (base.isEmpty() || base.length() > 100) {
            base = fallback;
        }
        return base;
    }
}
