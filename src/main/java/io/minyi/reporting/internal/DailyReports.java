package io.minyi.reporting.internal;

import io.minyi.platform.CityTime;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseType;
import io.minyi.dispute.DisputeFigures;
import io.minyi.grid.GridFigures;
import io.minyi.evaluation.EvaluationFigures;
import io.minyi.notification.Notifications;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.org.SubjectShield;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.reporting.internal.Rollups.Totals;
import io.minyi.supervision.SupervisionFigures;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 每日一汇总, 每日一上报: a report per county and for the city, every day at the configured time, for the day before.
 * Built only from stored roll-ups and figures with a fixed ordering, so generating a day again gives the same report;
 * (day, jurisdiction) is unique, and the LEADER accounts of the jurisdiction get it in their inbox once.
 */
@Configuration(proxyBeanMethods = false)
@RequiredArgsConstructor
public class DailyReports {

    private static final Logger log = LoggerFactory.getLogger(DailyReports.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Row(String type, String typeLabel, String category, long received, long dispatched, long closed,
                      long overdue, long reopened) {
    }

    /** {@code alertId} lets the report hide the line from the officer it is about (null in older reports). */
    public record AlertLine(String kind, String subject, int raisers, int cases, Long alertId) {
    }

    public record Notable(long caseId, String type, String category, String risk) {
    }

    /** The report's content; plain values only, so its JSON is stable. */
    public record Content(String day, long jurisdictionId, String jurisdictionName, long received, long dispatched,
                          long closed, long overdue, long reopened, long rejected, List<Row> byType,
                          List<Row> byCategory, List<Row> topCategories, List<AlertLine> alerts, int reminders,
                          int supervisionLetters, int circulars, Long evaluations, Double evaluationSatisfaction,
                          List<Notable> highRisk, ClueVerdicts clues, String auditChainHead, DisputeLine disputes,
                          GridLine grid) {
    }

    /**
     * 矛盾纠纷排查化解 on the day, counted from the dispute module's records under the report's jurisdiction (null in
     * reports written before it existed). {@code successRate} is agreements over mediations concluded that day, null
     * when none concluded.
     */
    public record DisputeLine(long screeningRounds, long disputesFound, long prevented, long mediatedSuccessfully,
                              long concluded, Double successRate, long judicialConfirmations) {
    }

    /**
     * 网格化管理 on the day, from the grid module's records: events reported (of which resolved on the spot and
     * escalated), events closed that day, visits made — in total and by area (county, township or grid). Null in
     * reports written before it existed.
     */
    public record GridLine(long reported, long selfResolved, long escalated, long closed, long visits,
                           List<GridArea> areas) {

        /** 就地化解率 of the day's reports; null when none was reported. */
        public Double selfResolvedShare() {
            return reported == 0 ? null : (double) selfResolved / reported;
        }
    }

    public record GridArea(String key, String name, long reported, long selfResolved, long escalated, long closed,
                           long visits) {
    }

    /**
     * The clues' verdicts that moved on the day (查实 / 部分查实 / 查否 / 核查中, persons disciplined); a clue whose
     * verdict changed counts −1 where it stood and +1 where it stands. Null in reports written before it existed.
     */
    public record ClueVerdicts(long substantiated, long partlySubstantiated, long unfounded, long underVerification,
                               long personsDisciplined) {
    }

    public record Report(long id, LocalDate day, long jurisdictionId, String jurisdictionName, Instant generatedAt,
                         Content content) {
    }

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final Rollups rollups;
    private final SupervisionFigures supervision;
    private final ObjectProvider<EvaluationFigures> evaluation;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final ReportingProperties props;
    private final Clock clock;
    private final SubjectShield shield;
    private final DisputeFigures disputes;
    private final GridFigures grid;
    private final MessageSource messages;

    @Bean
    RecurringTask<Void> dailyReportTask() {
        return Tasks.recurring("daily-report", Schedules.daily(CityTime.ZONE, props.dailyReportTime()))
                .execute((instance, ctx) -> generateAll(LocalDate.now(clock).minusDays(1)));
    }

    /** The city and every county, for the day. Returns the report ids. */
    public List<Long> generateAll(LocalDate day) {
        List<JurisdictionRef> targets = new ArrayList<>();
        JurisdictionRef city = org.root();
        targets.add(city);
        targets.addAll(org.children(city.id()));
        List<Long> ids = new ArrayList<>();
        for (JurisdictionRef j : targets) {
            ids.add(generate(day, j, "SYSTEM"));
        }
        log.info("Daily reports for {} generated: {}", day, ids.size());
        return ids;
    }

    public long generate(LocalDate day, JurisdictionRef j, String actor) {
        // the figures of a past day may come from the read replica (decision 0030); the report is written to the primary
        Content content = io.minyi.platform.StaleReads.call(() -> build(day, j));
        String json = JSON.writeValueAsString(content);
        return tx.execute(status -> {
            var row = jdbc.sql("""
                            INSERT INTO daily_report (day, jurisdiction_id, jurisdiction_path, jurisdiction_name, content, generated_at)
                            VALUES (?,?,?,?,?,?)
                            ON CONFLICT (day, jurisdiction_id, city_id) DO UPDATE SET content = EXCLUDED.content
                            RETURNING id, (xmax = 0) AS created""")
                    .params(Date.valueOf(day), j.id(), j.path(), j.name(), json, Timestamp.from(clock.instant()))
                    .query((rs, n) -> new Object[]{rs.getLong(1), rs.getBoolean(2)}).single();
            long id = (long) row[0];
            boolean created = (boolean) row[1];
            if (created) {
                notifications.toJurisdiction(j.id(), Role.LEADER, new Notifications.Message(
                        notice("title", j.name(), day), notice("body", content.received(), content.dispatched(),
                                content.closed(), content.overdue(), content.reopened())
                                + (content.disputes() == null ? "" : notice("disputes",
                                        content.disputes().mediatedSuccessfully(), content.disputes().prevented()))
                                + (content.grid() == null ? "" : notice("grid", content.grid().reported(),
                                        content.grid().closed())),
                        "/reports/daily/" + id, "daily:" + day + ":" + j.id()));
            }
            audit.recordAs(actor, "SYSTEM".equals(actor) ? "SYSTEM" : "SUPERVISOR",
                    AuditEntry.of(created ? "reporting.daily_report.generate" : "reporting.daily_report.regenerate", "daily_report", id)
                            .withChange(null, j.name() + " " + day));
            return id;
        });
    }

    /**
     * A line of the leaders' notice. It is stored once for every leader of the jurisdiction and written by the
     * scheduler, where no reader is at hand, so it is worded in the city's own language.
     */
    private String notice(String key, Object... args) {
        return io.minyi.platform.CityLanguage.text(messages, "reporting.notice." + key, args);
    }

    Content build(LocalDate day, JurisdictionRef j) {
        Map<String, Totals> byType = rollups.byType(j.id(), day, day);
        Totals all = Rollups.all(byType);
        List<Row> types = new ArrayList<>();
        for (CaseType t : CaseType.values()) {
            Totals x = Rollups.of(byType, t.name());
            types.add(row(t.name(), null, x));
        }
        List<Row> categories = new ArrayList<>();
        rollups.byTypeAndCategory(j.id(), day).forEach((key, x) -> {
            String[] parts = key.split("\\|", 2);
            categories.add(row(parts[0], parts[1], x));
        });
        List<Row> top = categories.stream().filter(r -> r.received() > 0)
                .sorted((a, b) -> a.received() != b.received() ? Long.compare(b.received(), a.received())
                        : (a.type() + a.category()).compareTo(b.type() + b.category()))
                .limit(5).toList();
        List<AlertLine> alerts = supervision.alertsRaisedOn(j.path(), day).stream()
                .map(a -> new AlertLine(a.kind(), a.subjectName(), a.raisers(), a.cases(), a.id())).toList();
        var letters = supervision.lettersIssued(j.path(), day, day);
        EvaluationFigures figures = evaluation.getIfAvailable();
        Long evaluations = null;
        Double rate = null;
        if (figures != null) {
            var s = figures.forJurisdiction(j.path(), day, day);
            evaluations = s.evaluations();
            rate = s.measured() ? Math.round(s.rate() * 10000) / 10000.0 : null;
        }
        List<Notable> notable = jdbc.sql("""
                        SELECT case_id, type, category, risk_level FROM report_case
                        WHERE high_risk_day = ? AND jurisdiction_path LIKE ? ORDER BY case_id LIMIT 20""")
                .params(Date.valueOf(day), j.path() + "%")
                .query((rs, n) -> new Notable(rs.getLong(1), label(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .list();
        return new Content(day.toString(), j.id(), j.name(), all.received(), all.dispatched(), all.closed(),
                all.overdue(), all.reopened(), all.rejected(), types, categories, top, alerts, letters.reminders(),
                letters.supervisionLetters(), letters.circulars(), evaluations, rate, notable,
                clueVerdicts(Rollups.of(byType, CaseType.CLUE.name())), auditChainHead(j.path(), day),
                disputeLine(j.path(), day), gridLine(j.path(), day));
    }

    private DisputeLine disputeLine(String path, LocalDate day) {
        DisputeFigures.Figures f = disputes.figures(path, day, day);
        Double rate = f.successRate() == null ? null : Math.round(f.successRate() * 10000) / 10000.0;
        return new DisputeLine(f.screeningRounds(), f.disputesFound(), f.prevented(), f.mediatedSuccessfully(),
                f.concluded(), rate, f.judicialConfirmations());
    }

    /** The totals are the sum of the areas, so the two never disagree. */
    private GridLine gridLine(String path, LocalDate day) {
        List<GridArea> areas = grid.byArea(path, day, day).stream()
                .map(a -> new GridArea(a.key(), a.name(), a.reported(), a.selfResolved(), a.escalated(), a.closed(),
                        a.visits()))
                .toList();
        return new GridLine(areas.stream().mapToLong(GridArea::reported).sum(),
                areas.stream().mapToLong(GridArea::selfResolved).sum(),
                areas.stream().mapToLong(GridArea::escalated).sum(),
                areas.stream().mapToLong(GridArea::closed).sum(),
                areas.stream().mapToLong(GridArea::visits).sum(), areas);
    }

    /**
     * The head of the audit chain of the report's city at the end of the report's day: the report leaves the database (PDF, print, the leaders'
     * inbox), so it anchors the chain outside it — events of that day or before deleted or recomputed later no longer
     * match it. The day's end, not "now", so that regenerating a report gives the same content.
     */
    private String auditChainHead(String path, LocalDate day) {
        // from the primary even when the figures come from the replica: linking what has committed first is a write,
        // and a replica's head may lag the one the chain has on the primary. The report's own city's chain (0044).
        return io.minyi.platform.StaleReads.fresh(() -> audit.headBefore(io.minyi.platform.CityKey.of(path),
                        io.minyi.platform.CityTime.startOf(day.plusDays(1))))
                .map(h -> "#" + h.id() + " · " + h.events() + " · " + h.hash()).orElse(null);
    }

    private static ClueVerdicts clueVerdicts(Totals x) {
        return new ClueVerdicts(x.substantiated(), x.partlySubstantiated(), x.unfounded(), x.underVerification(),
                x.personsDisciplined());
    }

    private Row row(String type, String category, Totals x) {
        return new Row(type, label(type), category, x.received(), x.dispatched(), x.closed(), x.overdue(), x.reopened());
    }

    /** The type's name kept in the report (the page and exports re-word it for the reader from the type code). */
    private String label(String type) {
        return messages.getMessage("casework.caseType." + type, null, type, io.minyi.platform.CityLanguage.LOCALE);
    }

    public PageResult<Report> search(StaffUser me, Long jurisdictionId, LocalDate from, LocalDate to,
                                     PageResult.Request page) {
        StringBuilder where = new StringBuilder("jurisdiction_path LIKE ?");
        List<Object> args = new ArrayList<>(List.of(me.scopePathPattern()));
        if (jurisdictionId != null) {
            where.append(" AND jurisdiction_id = ?");
            args.add(jurisdictionId);
        }
        if (from != null) {
            where.append(" AND day >= ?");
            args.add(Date.valueOf(from));
        }
        if (to != null) {
            where.append(" AND day <= ?");
            args.add(Date.valueOf(to));
        }
        long total = jdbc.sql("SELECT count(*) FROM daily_report WHERE " + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add(page.offset());
        List<Report> items = jdbc.sql("SELECT * FROM daily_report WHERE " + where
                        + " ORDER BY day DESC, jurisdiction_path LIMIT ? OFFSET ?")
                .params(pageArgs).query((rs, n) -> map(rs)).list().stream().map(r -> shielded(me, r)).toList();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    public Report get(StaffUser me, long id) {
        return shielded(me, jdbc.sql("SELECT * FROM daily_report WHERE id = ? AND jurisdiction_path LIKE ?")
                .params(id, me.scopePathPattern()).query((rs, n) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundException("daily report " + id)));
    }

    /**
     * The report as the reader may see it: the alert lines and the cases about the reader's own officer are left
     * out (the report, its PDF and its spreadsheet are all made from this). Totals stay: they name nobody.
     */
    private Report shielded(StaffUser me, Report r) {
        Content c = r.content();
        List<AlertLine> alerts = shield.without(me, SubjectShield.Kind.ALERT, c.alerts(),
                a -> a.alertId() == null ? -1 : a.alertId());
        List<Notable> highRisk = shield.without(me, SubjectShield.Kind.CASE, c.highRisk(), Notable::caseId);
        if (alerts.size() == c.alerts().size() && highRisk.size() == c.highRisk().size()) {
            return r;
        }
        return new Report(r.id(), r.day(), r.jurisdictionId(), r.jurisdictionName(), r.generatedAt(),
                new Content(c.day(), c.jurisdictionId(), c.jurisdictionName(), c.received(), c.dispatched(),
                        c.closed(), c.overdue(), c.reopened(), c.rejected(), c.byType(), c.byCategory(),
                        c.topCategories(), alerts, c.reminders(), c.supervisionLetters(), c.circulars(),
                        c.evaluations(), c.evaluationSatisfaction(), highRisk, c.clues(), c.auditChainHead(),
                        c.disputes(), c.grid()));
    }

    /** The stored JSON, for the determinism check. */
    public String rawContent(long id) {
        return jdbc.sql("SELECT content FROM daily_report WHERE id = ?").param(id).query(String.class).single();
    }

    private static Report map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Report(rs.getLong("id"), rs.getDate("day").toLocalDate(), rs.getLong("jurisdiction_id"),
                rs.getString("jurisdiction_name"), rs.getTimestamp("generated_at").toInstant(),
                JSON.readValue(rs.getString("content"), Content.class));
    }
}
