package io.minyi.lists.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.RaiserContacts;
import io.minyi.casework.SourceChannel;
import io.minyi.lists.LeaderWorkFigures;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.CityTexts;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.PageResult;
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
import java.util.List;
import java.util.Set;

/**
 * Leader-led work: key projects and their measures, visits to the grass roots and what was found there. A dispute
 * found on a visit goes straight into the pool as a DISPUTE case; a suggestion is assigned, answered and published;
 * a problem solved names the case or list item that solved it.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class LeaderWork implements LeaderWorkFigures {

    public record ProjectForm(String title, String leaderName, Long leadUnitId, LocalDate startsOn, LocalDate endsOn) {
    }

    public record VisitForm(String leaderName, Long jurisdictionId, LocalDate visitedOn, String place,
                            Integer households, String summary) {
    }

    public record FindingForm(String kind, String text, String area, Long caseId, Long listItemId, Long unitId) {
    }

    public record Project(long id, String title, String leaderName, String leadUnitName, LocalDate startsOn,
                          LocalDate endsOn, String status, String progress, List<Measure> measures) {
    }

    public record Measure(long id, String text, LocalDate dueOn, LocalDate doneOn) {
    }

    public record Visit(long id, String leaderName, String jurisdictionName, LocalDate visitedOn, String place,
                        int households, String summary, List<Finding> findings) {
    }

    public record Finding(long id, String kind, String area, String text, Long caseId, Long listItemId,
                          String assignedUnitName, String answer, boolean published, LocalDate foundOn) {
    }

    static final Set<String> FINDINGS = Set.of("SUGGESTION", "DISPUTE", "PROBLEM_SOLVED");

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final CaseIntake intake;
    private final RaiserContacts cases;
    private final AuditTrail audit;
    private final Clock clock;

    private final CityTexts cityTexts;

    @Transactional
    public long createProject(StaffUser me, ProjectForm form) {
        List<String> problems = new ArrayList<>();
        String title = text(form.title(), 200, "lists.error.title", problems);
        String leader = text(form.leaderName(), 50, "lists.error.leader", problems);
        UnitRef unit = unitInScope(me, form.leadUnitId(), problems);
        if (form.startsOn() == null || form.endsOn() == null || form.endsOn().isBefore(form.startsOn())) {
            problems.add("lists.error.period");
        }
        fail(problems);
        long id = jdbc.sql("""
                        INSERT INTO key_project (title, leader_name, lead_unit_id, jurisdiction_id, jurisdiction_path,
                                                 starts_on, ends_on, created_by, created_at)
                        VALUES (?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(title, leader, unit.id(), unit.jurisdictionId(), unit.jurisdictionPath(),
                        Date.valueOf(form.startsOn()), Date.valueOf(form.endsOn()), me.getUsername(), now())
                .query(Long.class).single();
        audit.record(AuditEntry.of("lists.key_project.create", "key_project", id).withChange(null, title + " " + leader));
        return id;
    }

    @Transactional
    public void addMeasure(StaffUser me, long projectId, String text, LocalDate dueOn) {
        Project p = project(me, projectId);
        List<String> problems = new ArrayList<>();
        String t = text(text, 300, "lists.error.measure", problems);
        if (dueOn != null && (dueOn.isBefore(p.startsOn()) || dueOn.isAfter(p.endsOn()))) {
            problems.add("lists.error.measureDue");
        }
        if (p.measures().size() >= 50) {
            problems.add("lists.error.tooMany");
        }
        fail(problems);
        long id = jdbc.sql("INSERT INTO key_project_measure (project_id, text, due_on, created_at) VALUES (?,?,?,?) RETURNING id")
                .params(projectId, t, dueOn == null ? null : Date.valueOf(dueOn), now()).query(Long.class).single();
        audit.record(AuditEntry.of("lists.measure.add", "key_project_measure", id).withChange(null, t));
    }

    @Transactional
    public void completeMeasure(StaffUser me, long projectId, long measureId) {
        project(me, projectId);
        int n = jdbc.sql("UPDATE key_project_measure SET done_on = ? WHERE id = ? AND project_id = ? AND done_on IS NULL")
                .params(Date.valueOf(LocalDate.now(clock)), measureId, projectId).update();
        if (n == 0) {
            throw new InvalidInputException("lists.error.measureDone");
        }
        audit.record(AuditEntry.of("lists.measure.complete", "key_project_measure", measureId));
    }

    @Transactional
    public void reportProjectProgress(StaffUser me, long projectId, String progress, boolean completed) {
        Project p = project(me, projectId);
        List<String> problems = new ArrayList<>();
        String t = text(progress, 1000, "lists.error.progress", problems);
        fail(problems);
        jdbc.sql("UPDATE key_project SET progress = ?, status = ? WHERE id = ?")
                .params(t, completed ? "COMPLETED" : "ACTIVE", projectId).update();
        audit.record(AuditEntry.of("lists.key_project.report_progress", "key_project", projectId)
                .withChange(p.status() + " " + p.progress(), (completed ? "COMPLETED " : "ACTIVE ") + t));
    }

    @Transactional
    public long recordVisit(StaffUser me, VisitForm form) {
        List<String> problems = new ArrayList<>();
        String leader = text(form.leaderName(), 50, "lists.error.leader", problems);
        String place = text(form.place(), 200, "lists.error.place", problems);
        JurisdictionRef j = jurisdictionInScope(me, form.jurisdictionId(), problems);
        LocalDate today = LocalDate.now(clock);
        if (form.visitedOn() == null || form.visitedOn().isAfter(today) || form.visitedOn().isBefore(today.minusYears(1))) {
            problems.add("lists.error.visitDate");
        }
        if (form.households() == null || form.households() < 0 || form.households() > 10_000) {
            problems.add("lists.error.households");
        }
        if (form.summary() != null && form.summary().length() > 2000) {
            problems.add("lists.error.summary");
        }
        fail(problems);
        long id = jdbc.sql("""
                        INSERT INTO leader_visit (leader_name, leader_staff_id, jurisdiction_id, jurisdiction_path,
                                                  visited_on, place, households, summary, created_by, created_at)
                        VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(leader, me.id(), j.id(), j.path(), Date.valueOf(form.visitedOn()), place, form.households(),
                        form.summary() == null || form.summary().isBlank() ? null : form.summary().strip(),
                        me.getUsername(), now())
                .query(Long.class).single();
        audit.record(AuditEntry.of("lists.leader_visit.record", "leader_visit", id)
                .withChange(null, cityTexts.of("lists.words.visit", leader, j.name(), place, form.households())));
        return id;
    }

    /** What was found on a visit. A dispute becomes a DISPUTE case in the pool in the same transaction. */
    @Transactional
    public long addFinding(StaffUser me, long visitId, FindingForm form) {
        Visit v = visit(me, visitId);
        JurisdictionRef j = jdbc.sql("SELECT jurisdiction_id FROM leader_visit WHERE id = ?").param(visitId)
                .query(Long.class).optional().flatMap(org::jurisdiction).orElseThrow();
        List<String> problems = new ArrayList<>();
        String kind = form.kind() == null ? "" : form.kind();
        if (!FINDINGS.contains(kind)) {
            problems.add("lists.error.findingKind");
        }
        String text = text(form.text(), 1000, "lists.error.findingText", problems);
        String area = form.area() == null || form.area().isBlank() ? null : form.area().strip();
        if (area != null && area.length() > 30) {
            problems.add("lists.error.area");
        }
        Long caseId = null;
        Long itemId = null;
        if ("PROBLEM_SOLVED".equals(kind)) {
            if (form.caseId() != null && cases.trackingCodeFor(form.caseId()).isPresent()) {
                caseId = form.caseId();
            } else if (form.listItemId() != null && jdbc.sql("SELECT count(*) FROM list_item WHERE id = ? AND issuing_path LIKE ?")
                    .params(form.listItemId(), me.scopePathPattern()).query(Long.class).single() > 0) {
                itemId = form.listItemId();
            } else {
                problems.add("lists.error.solvedLink");
            }
        }
        Long unitId = null;
        if ("SUGGESTION".equals(kind) && form.unitId() != null) {
            unitId = unitInScope(me, form.unitId(), problems).id();
        }
        fail(problems);
        if ("DISPUTE".equals(kind)) {
            caseId = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.STAFF, j.id(), null, null, null, null,
                    cityTexts.of("lists.words.visitFinding", text), cityTexts.of("lists.words.visitCategory"),
                            "leader-visit:" + visitId + ":" + text.hashCode(), null)).caseId();
        }
        long id = jdbc.sql("""
                        INSERT INTO leader_finding (visit_id, jurisdiction_id, jurisdiction_path, kind, area, text, case_id,
                                                    list_item_id, assigned_unit_id, found_on, created_by, created_at)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(visitId, j.id(), j.path(), kind, area, text, caseId, itemId, unitId, Date.valueOf(v.visitedOn()),
                        me.getUsername(), now())
                .query(Long.class).single();
        audit.record(AuditEntry.of("lists.finding.add", "leader_finding", id)
                .withChange(null, kind + " " + text + (caseId == null ? "" : " case=" + caseId)));
        return id;
    }

    /** The answer to a suggestion, published on the public page when {@code publish} (开门纳谏: 每条有回应). */
    @Transactional
    public void answer(StaffUser me, long findingId, String answer, boolean publish) {
        String kind = InScope.one(jdbc, me, "SELECT kind FROM leader_finding WHERE id = ? AND jurisdiction_path LIKE ?",
                findingId, (rs, n) -> rs.getString("kind"), "finding");
        List<String> problems = new ArrayList<>();
        if (!"SUGGESTION".equals(kind)) {
            problems.add("lists.error.notSuggestion");
        }
        String a = text(answer, 2000, "lists.error.answer", problems);
        fail(problems);
        jdbc.sql("UPDATE leader_finding SET answer = ?, answered_by = ?, answered_at = ?, published = ? WHERE id = ?")
                .params(a, me.displayName(), now(), publish, findingId).update();
        audit.record(AuditEntry.of("lists.suggestion.answer", "leader_finding", findingId)
                .withChange(null, publish ? cityTexts.of("lists.words.published", a) : a));
    }

    public PageResult<Project> projects(StaffUser me, PageResult.Request page) {
        return InScope.newestFirst(jdbc, me, "key_project", "starts_on", page, (rs, n) -> rs.getLong("id"))
                .map(id -> project(me, id));
    }

    public Project project(StaffUser me, long id) {
        List<Measure> measures = jdbc.sql("SELECT * FROM key_project_measure WHERE project_id = ? ORDER BY id").param(id)
                .query((rs, n) -> new Measure(rs.getLong("id"), rs.getString("text"), day(rs.getDate("due_on")),
                        day(rs.getDate("done_on"))))
                .list();
        return InScope.one(jdbc, me, """
                        SELECT p.*, u.name AS uname FROM key_project p JOIN org_unit u ON u.id = p.lead_unit_id
                        WHERE p.id = ? AND p.jurisdiction_path LIKE ?""", id,
                (rs, n) -> new Project(rs.getLong("id"), rs.getString("title"), rs.getString("leader_name"),
                        rs.getString("uname"), day(rs.getDate("starts_on")), day(rs.getDate("ends_on")),
                        rs.getString("status"), rs.getString("progress"), measures), "key project");
    }

    public PageResult<Visit> visits(StaffUser me, PageResult.Request page) {
        return InScope.newestFirst(jdbc, me, "leader_visit", "visited_on", page, (rs, n) -> rs.getLong("id"))
                .map(id -> visit(me, id));
    }

    public Visit visit(StaffUser me, long id) {
        List<Finding> findings = jdbc.sql("""
                        SELECT f.*, u.name AS uname FROM leader_finding f LEFT JOIN org_unit u ON u.id = f.assigned_unit_id
                        WHERE f.visit_id = ? ORDER BY f.id""").param(id)
                .query((rs, n) -> new Finding(rs.getLong("id"), rs.getString("kind"), rs.getString("area"),
                        rs.getString("text"), rs.getObject("case_id", Long.class), rs.getObject("list_item_id", Long.class),
                        rs.getString("uname"), rs.getString("answer"), rs.getBoolean("published"),
                        day(rs.getDate("found_on"))))
                .list();
        return InScope.one(jdbc, me, """
                        SELECT v.*, j.name AS jname FROM leader_visit v JOIN org_jurisdiction j ON j.id = v.jurisdiction_id
                        WHERE v.id = ? AND v.jurisdiction_path LIKE ?""", id,
                (rs, n) -> new Visit(rs.getLong("id"), rs.getString("leader_name"), rs.getString("jname"),
                        day(rs.getDate("visited_on")), rs.getString("place"), rs.getInt("households"),
                        rs.getString("summary"), findings), "leader visit");
    }

    /** A suggestion heard on a visit and not answered yet (开门纳谏: 每条有回应), with where it was heard. */
    public record OpenSuggestion(long id, long visitId, LocalDate foundOn, String place, String area, String text,
                                 String assignedUnitName) {
    }

    /** The suggestions in this account's scope still waiting for an answer, oldest first: the longest waited first. */
    public PageResult<OpenSuggestion> unansweredSuggestions(StaffUser me, PageResult.Request page) {
        String where = " FROM leader_finding f JOIN leader_visit v ON v.id = f.visit_id"
                + " JOIN org_jurisdiction j ON j.id = v.jurisdiction_id LEFT JOIN org_unit u ON u.id = f.assigned_unit_id"
                + " WHERE f.kind = 'SUGGESTION' AND f.answer IS NULL AND f.jurisdiction_path LIKE ?";
        long total = jdbc.sql("SELECT count(*)" + where).param(me.scopePathPattern()).query(Long.class).single();
        List<OpenSuggestion> items = jdbc.sql("SELECT f.id, f.visit_id, f.found_on, j.name AS jname, v.place, f.area,"
                        + " f.text, u.name AS uname" + where + " ORDER BY f.found_on, f.id LIMIT ? OFFSET ?")
                .params(me.scopePathPattern(), page.size(), page.offset())
                .query((rs, n) -> new OpenSuggestion(rs.getLong("id"), rs.getLong("visit_id"), day(rs.getDate("found_on")),
                        rs.getString("jname") + " " + rs.getString("place"), rs.getString("area"), rs.getString("text"),
                        rs.getString("uname")))
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** Answered suggestions whose answer was published, for the public page (no names of who suggested). */
    public List<Finding> publishedAnswers(int limit) {
        return jdbc.sql("SELECT f.*, NULL AS uname FROM leader_finding f WHERE f.kind = 'SUGGESTION' AND f.published ORDER BY f.answered_at DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> new Finding(rs.getLong("id"), rs.getString("kind"), rs.getString("area"),
                        rs.getString("text"), null, null, null, rs.getString("answer"), true, day(rs.getDate("found_on"))))
                .list();
    }

    @Override
    public Leader leader(String path, LocalDate from, LocalDate to) {
        String like = path + "%";
        Date f = Date.valueOf(from);
        Date t = Date.valueOf(to);
        long projects = jdbc.sql("SELECT count(*) FROM key_project WHERE jurisdiction_path LIKE ? AND starts_on <= ? AND ends_on >= ?")
                .params(like, t, f).query(Long.class).single();
        long measures = jdbc.sql("""
                        SELECT count(*) FROM key_project_measure m JOIN key_project p ON p.id = m.project_id
                        WHERE p.jurisdiction_path LIKE ? AND p.starts_on <= ? AND p.ends_on >= ?""")
                .params(like, t, f).query(Long.class).single();
        long households = jdbc.sql("SELECT coalesce(sum(households), 0) FROM leader_visit WHERE jurisdiction_path LIKE ? AND visited_on BETWEEN ? AND ?")
                .params(like, f, t).query(Long.class).single();
        record Counts(long suggestions, long disputes, long solved) {
        }
        Counts c = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE kind = 'SUGGESTION'), count(*) FILTER (WHERE kind = 'DISPUTE'),
                               count(*) FILTER (WHERE kind = 'PROBLEM_SOLVED')
                        FROM leader_finding WHERE jurisdiction_path LIKE ? AND found_on BETWEEN ? AND ?""")
                .params(like, f, t).query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
        return new Leader(projects, measures, households, c.suggestions(), c.disputes(), c.solved());
    }

    @Override
    public Lists lists(String path, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT count(*), count(*) FILTER (WHERE status = 'STRUCK_OFF'),
                               count(*) FILTER (WHERE status <> 'STRUCK_OFF' AND deadline < ?)
                        FROM list_item WHERE issuing_path LIKE ? AND deadline BETWEEN ? AND ?""")
                .params(Date.valueOf(LocalDate.now(clock)), path + "%", Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> new Lists(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    private UnitRef unitInScope(StaffUser me, Long unitId, List<String> problems) {
        UnitRef u = unitId == null ? null : org.unit(unitId).filter(x -> me.covers(x.jurisdictionPath())).orElse(null);
        if (u == null) {
            problems.add("lists.error.unit");
        }
        return u;
    }

    private JurisdictionRef jurisdictionInScope(StaffUser me, Long id, List<String> problems) {
        JurisdictionRef j = id == null ? null : org.jurisdiction(id).filter(x -> me.covers(x.path())).orElse(null);
        if (j == null) {
            problems.add("lists.error.jurisdiction");
        }
        return j;
    }

    static String text(String value, int max, String problem, List<String> problems) {
        String t = value == null ? "" : value.strip();
        if (t.isEmpty() || t.length() > max) {
            problems.add(problem);
        }
        return t;
    }

    static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    static LocalDate day(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
