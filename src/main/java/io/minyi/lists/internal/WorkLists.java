package io.minyi.lists.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.lists.ListEvents.ListItemReported;
import io.minyi.lists.ListEvents.ListItemScheduled;
import io.minyi.lists.ListEvents.ListItemStruckOff;
import io.minyi.lists.ListEvents.ListKind;
import io.minyi.notification.Notifications;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.CityTexts;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The three lists. The issuing level (a supervisor or leader whose jurisdiction covers the issuing one) creates an
 * item for an owner unit; the owner reports progress, completes milestones and asks for strike-off with evidence;
 * only the issuing level approves it (销号) or sends it back — never the owner itself. Supervision hears of every
 * item with a deadline through {@link io.minyi.lists.ListEvents} and chases it with its one ladder of letters.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class WorkLists {

    public record ItemForm(String kind, String title, String detail, String source, String sourceRef, Long ownerUnitId,
                           String ownerPerson, LocalDate deadline, String milestones) {
    }

    public record Item(long id, String kind, String title, String detail, String source, String sourceRef,
                       String issuingName, String issuingPath, long ownerUnitId, String ownerUnitName,
                       String ownerPerson, LocalDate deadline, String status, String evidence, Instant struckOffAt,
                       String struckOffBy, boolean overdue) {
    }

    public record Milestone(long id, int position, String title, LocalDate dueOn, LocalDate doneOn) {
    }

    public record Progress(String kind, String note, String by, Instant at) {
    }

    public record UnitCompletion(String unitName, long items, long struckOff, long overdue) {
        public Double rate() {
            return items == 0 ? null : (double) struckOff / items;
        }
    }

    static final Set<String> KINDS = Set.of("PROBLEM", "TASK", "RESPONSIBILITY");
    static final Set<String> SOURCES = Set.of("CAMPAIGN", "MEETING", "LEADER_VISIT", "SURVEY", "CASE");
    static final Set<String> STATUSES = Set.of("OPEN", "STRIKE_OFF_REQUESTED", "STRUCK_OFF");

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    private final CityTexts cityTexts;

    /** Milestones are one title per line, spread evenly back from the deadline (the last one due on it). */
    @Transactional
    public long create(StaffUser me, ItemForm form) {
        List<String> problems = new ArrayList<>();
        if (!KINDS.contains(String.valueOf(form.kind()))) {
            problems.add("lists.error.kind");
        }
        if (!SOURCES.contains(String.valueOf(form.source()))) {
            problems.add("lists.error.source");
        }
        String title = LeaderWork.text(form.title(), 200, "lists.error.title", problems);
        String person = LeaderWork.text(form.ownerPerson(), 50, "lists.error.ownerPerson", problems);
        if (form.detail() != null && form.detail().length() > 2000 || form.sourceRef() != null && form.sourceRef().length() > 100) {
            problems.add("lists.error.detail");
        }
        UnitRef owner = form.ownerUnitId() == null ? null
                : org.unit(form.ownerUnitId()).filter(u -> me.covers(u.jurisdictionPath())).orElse(null);
        if (owner == null) {
            problems.add("lists.error.unit");
        }
        LocalDate today = LocalDate.now(clock);
        if (form.deadline() == null || form.deadline().isBefore(today) || form.deadline().isAfter(today.plusYears(3))) {
            problems.add("lists.error.deadline");
        }
        List<String> steps = form.milestones() == null ? List.of() : Arrays.stream(form.milestones().split("\\R"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (steps.size() > 10 || steps.stream().anyMatch(s -> s.length() > 100)) {
            problems.add("lists.error.milestones");
        }
        LeaderWork.fail(problems);
        JurisdictionRef issuing = org.jurisdiction(me.jurisdictionId()).orElseThrow();
        long id = jdbc.sql("""
                        INSERT INTO list_item (kind, title, detail, source, source_ref, issuing_jurisdiction_id, issuing_path,
                                               owner_unit_id, owner_unit_path, owner_person, deadline, created_by, created_at)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(form.kind(), title, blank(form.detail()), form.source(), blank(form.sourceRef()), issuing.id(),
                        issuing.path(), owner.id(), owner.jurisdictionPath(), person, Date.valueOf(form.deadline()),
                        me.getUsername(), now())
                .query(Long.class).single();
        long span = Math.max(steps.size(), ChronoUnit.DAYS.between(today, form.deadline()));
        for (int k = 0; k < steps.size(); k++) {
            LocalDate due = form.deadline().minusDays(span * (steps.size() - 1 - k) / steps.size());
            jdbc.sql("INSERT INTO list_milestone (item_id, position, title, due_on) VALUES (?,?,?,?)")
                    .params(id, k + 1, steps.get(k), Date.valueOf(due.isBefore(today) ? today : due)).update();
        }
        notifications.toUnit(owner.id(), Role.UNIT_LEADER, Notifications.Message.of(
                cityTexts.of("lists.notice.newItem", title),
                cityTexts.of("lists.notice.newItemBody", form.deadline(), person), "/lists/" + id));
        audit.record(AuditEntry.of("lists.list_item.create", "list_item", id)
                .withChange(null, cityTexts.of("lists.notice.created", form.kind(), title, owner.name(),
                        form.deadline())));
        events.publishEvent(new ListItemScheduled(id, ListKind.valueOf(form.kind()), title, owner.id(), issuing.id(),
                form.deadline()));
        return id;
    }

    @Transactional
    public void reportProgress(StaffUser me, long id, String note) {
        Item item = ownedItem(me, id);
        List<String> problems = new ArrayList<>();
        String n = LeaderWork.text(note, 1000, "lists.error.progress", problems);
        if (item.status().equals("STRUCK_OFF")) {
            problems.add("lists.error.struckOff");
        }
        LeaderWork.fail(problems);
        progress(id, "PROGRESS", n, me);
    }

    @Transactional
    public void completeMilestone(StaffUser me, long id, long milestoneId) {
        ownedItem(me, id);
        int n = jdbc.sql("UPDATE list_milestone SET done_on = ? WHERE id = ? AND item_id = ? AND done_on IS NULL")
                .params(Date.valueOf(LocalDate.now(clock)), milestoneId, id).update();
        if (n == 0) {
            throw new InvalidInputException("lists.error.milestoneDone");
        }
        audit.record(AuditEntry.of("lists.milestone.complete", "list_milestone", milestoneId));
    }

    @Transactional
    public void requestStrikeOff(StaffUser me, long id, String evidence) {
        Item item = ownedItem(me, id);
        List<String> problems = new ArrayList<>();
        String e = LeaderWork.text(evidence, 2000, "lists.error.evidence", problems);
        if (!item.status().equals("OPEN")) {
            problems.add("lists.error.notOpen");
        }
        LeaderWork.fail(problems);
        jdbc.sql("UPDATE list_item SET status = 'STRIKE_OFF_REQUESTED', evidence = ? WHERE id = ?").params(e, id).update();
        progress(id, "STRIKE_OFF_REQUEST", e, me);
        events.publishEvent(new ListItemReported(id));
    }

    /** The issuing level approves (销号) or sends back; the owner unit may never approve its own item. */
    @Transactional
    public void decide(StaffUser me, long id, boolean approve, String note) {
        // two deciders at once: the second waits, then finds the item decided (one decision, never both)
        jdbc.sql("SELECT id FROM list_item WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional();
        Item item = item(me, id);
        List<String> problems = new ArrayList<>();
        boolean issuingLevel = me.hasAny(Role.SUPERVISOR, Role.LEADER) && me.covers(item.issuingPath())
                && me.unitId() != item.ownerUnitId();
        if (!issuingLevel) {
            problems.add("lists.error.notIssuer");
        }
        if (!item.status().equals("STRIKE_OFF_REQUESTED")) {
            problems.add("lists.error.notRequested");
        }
        String n = approve && (note == null || note.isBlank()) ? cityTexts.of("lists.notice.approved")
                : LeaderWork.text(note, 1000, "lists.error.reason", problems);
        LeaderWork.fail(problems);
        if (approve) {
            jdbc.sql("UPDATE list_item SET status = 'STRUCK_OFF', struck_off_at = ?, struck_off_by = ? WHERE id = ?")
                    .params(now(), me.displayName(), id).update();
        } else {
            jdbc.sql("UPDATE list_item SET status = 'OPEN' WHERE id = ?").param(id).update();
        }
        progress(id, approve ? "APPROVED" : "SENT_BACK", n, me);
        events.publishEvent(approve ? new ListItemStruckOff(id, issuingJurisdiction(id))
                : new ListItemScheduled(id, ListKind.valueOf(item.kind()), item.title(), item.ownerUnitId(),
                        issuingJurisdiction(id), item.deadline()));
        notifications.toUnit(item.ownerUnitId(), Role.UNIT_LEADER, Notifications.Message.of(
                cityTexts.of(approve ? "lists.notice.struckOff" : "lists.notice.sentBack", item.title()), n, "/lists/"
                        + id));
    }

    /** @param ownOnly only the items owned by the account's unit (what the unit itself has to do) */
    public PageResult<Item> search(StaffUser me, String kind, String status, boolean overdueOnly, boolean ownOnly,
                                   String q, PageResult.Request page) {
        List<String> problems = new ArrayList<>();
        if (kind != null && !kind.isBlank() && !KINDS.contains(kind) || status != null && !status.isBlank() && !STATUSES.contains(status)
                || q != null && q.length() > 100) {
            problems.add("lists.error.filter");
        }
        LeaderWork.fail(problems);
        String k = kind == null ? "" : kind;
        String s = status == null ? "" : status;
        String text = q == null ? "" : q.strip();
        String like = io.minyi.platform.SqlFilter.containing(text);
        Date today = Date.valueOf(LocalDate.now(clock));
        String where = " FROM list_item i JOIN org_unit u ON u.id = i.owner_unit_id JOIN org_jurisdiction j ON j.id = i.issuing_jurisdiction_id"
                + " WHERE (i.issuing_path LIKE :scope OR i.owner_unit_id = :unit) AND (:k = '' OR i.kind = :k)"
                + " AND (:s = '' OR i.status = :s) AND (:q = '' OR i.title ILIKE :like ESCAPE '\\')"
                + (overdueOnly ? " AND i.status <> 'STRUCK_OFF' AND i.deadline < :today" : "")
                + (ownOnly ? " AND i.owner_unit_id = :unit" : "");
        long total = jdbc.sql("SELECT count(*)" + where).param("scope", me.scopePathPattern()).param("unit", me.unitId())
                .param("k", k).param("s", s).param("q", text).param("like", like).param("today", today)
                .query(Long.class).single();
        List<Item> items = jdbc.sql("SELECT i.*, u.name AS uname, j.name AS jname" + where
                        + " ORDER BY (i.status = 'STRUCK_OFF'), i.deadline, i.id LIMIT :size OFFSET :offset")
                .param("scope", me.scopePathPattern()).param("unit", me.unitId()).param("k", k).param("s", s)
                .param("q", text).param("like", like).param("today", today)
                .param("size", page.size()).param("offset", page.offset())
                .query((rs, n) -> row(rs)).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    public Item item(StaffUser me, long id) {
        return jdbc.sql("""
                        SELECT i.*, u.name AS uname, j.name AS jname FROM list_item i JOIN org_unit u ON u.id = i.owner_unit_id
                        JOIN org_jurisdiction j ON j.id = i.issuing_jurisdiction_id
                        WHERE i.id = ? AND (i.issuing_path LIKE ? OR i.owner_unit_id = ?)""")
                .params(id, me.scopePathPattern(), me.unitId())
                .query((rs, n) -> row(rs)).optional().orElseThrow(() -> new NotFoundException("list item " + id));
    }

    public List<Milestone> milestones(long id) {
        return jdbc.sql("SELECT * FROM list_milestone WHERE item_id = ? ORDER BY position").param(id)
                .query((rs, n) -> new Milestone(rs.getLong("id"), rs.getInt("position"), rs.getString("title"),
                        LeaderWork.day(rs.getDate("due_on")), LeaderWork.day(rs.getDate("done_on"))))
                .list();
    }

    public List<Progress> history(long id) {
        return jdbc.sql("SELECT * FROM list_progress WHERE item_id = ? ORDER BY at, id").param(id)
                .query((rs, n) -> new Progress(rs.getString("kind"), rs.getString("note"), rs.getString("by_user"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    /** Completion per owner unit of the items the user can see (for the rates and the export). */
    public List<UnitCompletion> completion(StaffUser me) {
        return jdbc.sql("""
                        SELECT u.name, count(*), count(*) FILTER (WHERE i.status = 'STRUCK_OFF'),
                               count(*) FILTER (WHERE i.status <> 'STRUCK_OFF' AND i.deadline < ?)
                        FROM list_item i JOIN org_unit u ON u.id = i.owner_unit_id
                        WHERE i.issuing_path LIKE ? OR i.owner_unit_id = ? GROUP BY u.name ORDER BY u.name""")
                .params(Date.valueOf(LocalDate.now(clock)), me.scopePathPattern(), me.unitId())
                .query((rs, n) -> new UnitCompletion(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    private long issuingJurisdiction(long id) {
        return jdbc.sql("SELECT issuing_jurisdiction_id FROM list_item WHERE id = ?").param(id).query(Long.class).single();
    }

    /** Only the owner unit's staff report on an item. */
    private Item ownedItem(StaffUser me, long id) {
        Item item = item(me, id);
        if (me.unitId() != item.ownerUnitId()) {
            throw new InvalidInputException("lists.error.notOwner");
        }
        return item;
    }

    private void progress(long id, String kind, String note, StaffUser me) {
        jdbc.sql("INSERT INTO list_progress (item_id, kind, note, by_user, at) VALUES (?,?,?,?,?)")
                .params(id, kind, note, me.displayName(), now()).update();
        audit.record(AuditEntry.of("lists.list_item." + kind.toLowerCase(), "list_item", id).withChange(null, note));
    }

    private Item row(ResultSet rs) throws SQLException {
        LocalDate deadline = rs.getDate("deadline").toLocalDate();
        String status = rs.getString("status");
        Timestamp struck = rs.getTimestamp("struck_off_at");
        return new Item(rs.getLong("id"), rs.getString("kind"), rs.getString("title"), rs.getString("detail"),
                rs.getString("source"), rs.getString("source_ref"), rs.getString("jname"), rs.getString("issuing_path"),
                rs.getLong("owner_unit_id"), rs.getString("uname"), rs.getString("owner_person"), deadline, status,
                rs.getString("evidence"), struck == null ? null : struck.toInstant(), rs.getString("struck_off_by"),
                !status.equals("STRUCK_OFF") && deadline.isBefore(LocalDate.now(clock)));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }
}
