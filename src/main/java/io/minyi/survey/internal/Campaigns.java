package io.minyi.survey.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.survey.Indicator;
import io.minyi.survey.internal.Campaign.Kind;
import io.minyi.survey.internal.Campaign.Question;
import io.minyi.survey.internal.Campaign.QuestionKind;
import io.minyi.survey.internal.Campaign.Status;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Campaigns and their questionnaires: created, opened and closed by staff in scope, every change audited. */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class Campaigns {

    /** What a staff member fills in to start a campaign. */
    public record CampaignForm(String kind, String name, Long jurisdictionId, LocalDate startsOn, LocalDate endsOn,
                               Integer maxAttempts, List<Long> unitIds) {
    }

    /** One question; options one per line for choice questions. */
    public record QuestionForm(String kind, String text, String options, String indicator, Long unitId) {
    }

    static final int MAX_QUESTIONS = 40;

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final AuditTrail audit;
    private final Clock clock;

    @Transactional
    public long create(StaffUser me, CampaignForm form) {
        List<String> problems = new ArrayList<>();
        Kind kind = parse(Kind.class, form.kind(), "survey.error.kind", problems);
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add("survey.error.name");
        }
        JurisdictionRef j = form.jurisdictionId() == null ? null
                : org.jurisdiction(form.jurisdictionId()).filter(x -> me.covers(x.path())).orElse(null);
        if (j == null) {
            problems.add("survey.error.jurisdiction");
        }
        if (form.startsOn() == null || form.endsOn() == null || form.endsOn().isBefore(form.startsOn())) {
            problems.add("survey.error.period");
        }
        int attempts = form.maxAttempts() == null ? 3 : form.maxAttempts();
        if (attempts < 1 || attempts > 10) {
            problems.add("survey.error.attempts");
        }
        List<Long> units = form.unitIds() == null ? List.of() : form.unitIds().stream().distinct().toList();
        if (j != null) {
            Set<Long> allowed = org.unitsWithin(j.path()).stream().map(UnitRef::id).collect(Collectors.toSet());
            if (!allowed.containsAll(units)) {
                problems.add("survey.error.unit");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = jdbc.sql("""
                        INSERT INTO survey_campaign (kind, name, jurisdiction_id, jurisdiction_path, starts_on, ends_on,
                                                     max_attempts, created_by, created_at)
                        VALUES (?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(kind.name(), name, j.id(), j.path(), Date.valueOf(form.startsOn()), Date.valueOf(form.endsOn()),
                        attempts, me.getUsername(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        units.forEach(u -> jdbc.sql("INSERT INTO survey_campaign_unit (campaign_id, unit_id) VALUES (?,?)")
                .params(id, u).update());
        audit.record(AuditEntry.of("survey.campaign.create", "survey_campaign", id)
                .withChange(null, kind + " " + name + " " + j.name() + " " + form.startsOn() + "~" + form.endsOn()
                        + " units=" + units));
        return id;
    }

    @Transactional
    public void addQuestion(StaffUser me, long campaignId, QuestionForm form) {
        Campaign c = get(me, campaignId);
        List<String> problems = new ArrayList<>();
        if (!c.draft()) {
            problems.add("survey.error.notDraft");
        }
        if (c.questions().size() >= MAX_QUESTIONS) {
            problems.add("survey.error.tooManyQuestions");
        }
        QuestionKind kind = parse(QuestionKind.class, form.kind(), "survey.error.questionKind", problems);
        String text = form.text() == null ? "" : form.text().strip();
        if (text.isEmpty() || text.length() > 300) {
            problems.add("survey.error.questionText");
        }
        List<String> options = form.options() == null ? List.of() : Arrays.stream(form.options().split("\\R"))
                .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        boolean choice = kind == QuestionKind.SINGLE || kind == QuestionKind.MULTIPLE;
        if (choice && (options.size() < 2 || options.size() > 12 || options.stream().anyMatch(o -> o.length() > 60))) {
            problems.add("survey.error.options");
        }
        Indicator indicator = form.indicator() == null || form.indicator().isBlank() ? null
                : parse(Indicator.class, form.indicator(), "survey.error.indicator", problems);
        if (indicator != null && kind != null) {
            boolean scored = kind == QuestionKind.SCALE || (indicator == Indicator.SATISFACTION && kind == QuestionKind.SINGLE);
            boolean fits = indicator.perception() == (c.kind() == Kind.PERCEPTION);
            if (!scored || !fits) {
                problems.add("survey.error.indicatorKind");
            } else if (c.questions().stream().anyMatch(q -> q.indicator() == indicator
                    && java.util.Objects.equals(q.unitId(), form.unitId()))) {
                problems.add("survey.error.indicatorTwice");
            }
        }
        if (form.unitId() != null && !c.unitIds().contains(form.unitId())) {
            problems.add("survey.error.unit");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int position = c.questions().size() + 1;
        long id = jdbc.sql("""
                        INSERT INTO survey_question (campaign_id, position, kind, text, options, indicator, unit_id)
                        VALUES (?,?,?,?,?::text[],?,?) RETURNING id""")
                .params(campaignId, position, kind.name(), text, pgArray(choice ? options : List.of()),
                        indicator == null ? null : indicator.name(), form.unitId())
                .query(Long.class).single();
        audit.record(AuditEntry.of("survey.question.add", "survey_question", id)
                .withChange(null, c.name() + " Q" + position + " " + kind + " " + text));
    }

    /** DRAFT → OPEN: only with a question that decides the campaign's figures. */
    @Transactional
    public void open(StaffUser me, long campaignId) {
        Campaign c = get(me, campaignId);
        if (!c.draft()) {
            throw new InvalidInputException("survey.error.notDraft");
        }
        boolean scored = c.questions().stream().anyMatch(q -> q.indicator() != null
                && q.indicator().perception() == (c.kind() == Kind.PERCEPTION));
        if (!scored) {
            throw new InvalidInputException(c.kind() == Kind.PERCEPTION ? "survey.error.noIndicator" : "survey.error.noSatisfaction");
        }
        changeStatus(c, Status.OPEN);
    }

    @Transactional
    public void close(StaffUser me, long campaignId) {
        Campaign c = get(me, campaignId);
        if (!c.open()) {
            throw new InvalidInputException("survey.error.notOpen");
        }
        changeStatus(c, Status.CLOSED);
    }

    private void changeStatus(Campaign c, Status to) {
        jdbc.sql("UPDATE survey_campaign SET status = ? WHERE id = ?").params(to.name(), c.id()).update();
        audit.record(AuditEntry.of("survey.campaign." + to.name().toLowerCase(), "survey_campaign", c.id())
                .withChange(c.status().name(), to.name()));
    }

    /** A campaign inside the user's scope; 404 otherwise. */
    public Campaign get(StaffUser me, long id) {
        Campaign c = find(id).orElseThrow(() -> new NotFoundException("survey campaign " + id));
        if (!me.covers(c.jurisdictionPath())) {
            throw new NotFoundException("survey campaign " + id);
        }
        return c;
    }

    java.util.Optional<Campaign> find(long id) {
        return jdbc.sql("SELECT c.*, j.name AS jname FROM survey_campaign c JOIN org_jurisdiction j ON j.id = c.jurisdiction_id WHERE c.id = ?")
                .param(id).query((rs, n) -> row(rs)).optional();
    }

    public PageResult<Campaign> list(StaffUser me, String query, PageResult.Request page) {
        String q = query == null ? "" : query.strip();
        String where = "c.jurisdiction_path LIKE ? AND (? = '' OR c.name ILIKE ? ESCAPE '\\')";
        String like = io.minyi.platform.SqlFilter.containing(q);
        long total = jdbc.sql("SELECT count(*) FROM survey_campaign c WHERE " + where)
                .params(me.scopePathPattern(), q, like).query(Long.class).single();
        List<Campaign> items = jdbc.sql("SELECT c.*, j.name AS jname FROM survey_campaign c JOIN org_jurisdiction j ON j.id = c.jurisdiction_id WHERE "
                        + where + " ORDER BY c.starts_on DESC, c.id DESC LIMIT ? OFFSET ?")
                .params(me.scopePathPattern(), q, like, page.size(), page.offset())
                .query((rs, n) -> row(rs)).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    private Campaign row(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<Long> units = jdbc.sql("SELECT unit_id FROM survey_campaign_unit WHERE campaign_id = ? ORDER BY unit_id")
                .param(id).query(Long.class).list();
        List<Question> questions = jdbc.sql("SELECT * FROM survey_question WHERE campaign_id = ? ORDER BY position")
                .param(id).query((q, n) -> new Question(q.getLong("id"), q.getInt("position"),
                        QuestionKind.valueOf(q.getString("kind")), q.getString("text"), strings(q.getArray("options")),
                        q.getString("indicator") == null ? null : Indicator.valueOf(q.getString("indicator")),
                        (Long) q.getObject("unit_id", Long.class)))
                .list();
        return new Campaign(id, Kind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getLong("jurisdiction_id"),
                rs.getString("jurisdiction_path"), rs.getString("jname"), rs.getDate("starts_on").toLocalDate(),
                rs.getDate("ends_on").toLocalDate(), Status.valueOf(rs.getString("status")), rs.getInt("max_attempts"),
                rs.getString("source_document"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                units, questions);
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** A PostgreSQL array literal; each element quoted and escaped. */
    static String pgArray(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String problem, List<String> problems) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(problem);
            return null;
        }
    }
}
