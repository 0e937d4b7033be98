package io.minyi.reporting.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The staff ledger (台账) of periodic figures: one value per jurisdiction, month and metric; every change audited. */
@Service
@Transactional(readOnly = true)
public class StaffFigures {

    public record Entry(long id, long jurisdictionId, String jurisdictionName, YearMonth month, StaffMetric metric,
                        BigDecimal value, String note, String enteredBy, Instant enteredAt) {
    }

    public record CountyValue(long jurisdictionId, String name, double value) {
    }

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final AuditTrail audit;
    private final Clock clock;

    StaffFigures(JdbcClient jdbc, OrgDirectory org, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.org = org;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records (or corrects) a figure for a jurisdiction inside the user's scope. */
    @Transactional
    public void record(StaffUser me, long jurisdictionId, String month, String metric, String value, String note) {
        List<String> problems = new ArrayList<>();
        JurisdictionRef j = org.jurisdiction(jurisdictionId).filter(x -> me.covers(x.path()))
                .orElseThrow(() -> new NotFoundException("jurisdiction " + jurisdictionId));
        YearMonth m = null;
        try {
            m = YearMonth.parse(month == null ? "" : month.strip());
        } catch (RuntimeException e) {
            problems.add("reporting.figure.badMonth");
        }
        StaffMetric metricValue = null;
        try {
            metricValue = StaffMetric.valueOf(metric == null ? "" : metric);
        } catch (IllegalArgumentException e) {
            problems.add("reporting.figure.badMetric");
        }
        BigDecimal v = null;
        try {
            v = new BigDecimal(value == null ? "" : value.strip());
            if (v.signum() < 0 || v.compareTo(new BigDecimal("999999999")) > 0
                    || (metricValue != null && metricValue.percent() && v.compareTo(BigDecimal.valueOf(100)) > 0)) {
                problems.add("reporting.figure.badValue");
            }
        } catch (NumberFormatException e) {
            problems.add("reporting.figure.badValue");
        }
        if (note != null && note.length() > 200) {
            problems.add("reporting.figure.noteTooLong");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String before = jdbc.sql("SELECT value::text FROM staff_figure WHERE jurisdiction_id = ? AND month = ? AND metric = ?")
                .params(j.id(), Date.valueOf(m.atDay(1)), metricValue.name()).query(String.class).optional().orElse(null);
        long id = jdbc.sql("""
                        INSERT INTO staff_figure (jurisdiction_id, jurisdiction_path, month, metric, value, note, entered_by, entered_at)
                        VALUES (?,?,?,?,?,?,?,?)
                        ON CONFLICT (jurisdiction_id, month, metric) DO UPDATE SET value = EXCLUDED.value,
                            note = EXCLUDED.note, entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at
                        RETURNING id""")
                .params(j.id(), j.path(), Date.valueOf(m.atDay(1)), metricValue.name(), v,
                        note == null || note.isBlank() ? null : note.strip(), me.getUsername(),
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(AuditEntry.of("figure.record", "staff_figure", id)
                .withChange(before, j.name() + " " + m + " " + metricValue.label() + " = " + v.toPlainString()));
    }

    public PageResult<Entry> list(StaffUser me, String metric, PageResult.Request page) {
        String where = "f.jurisdiction_path LIKE ?" + (metric == null || metric.isBlank() ? "" : " AND f.metric = ?");
        List<Object> args = new ArrayList<>(List.of(me.scopePathPattern()));
        if (metric != null && !metric.isBlank()) {
            args.add(metric);
        }
        long total = jdbc.sql("SELECT count(*) FROM staff_figure f WHERE " + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add(page.offset());
        List<Entry> items = jdbc.sql("""
                        SELECT f.*, j.name AS jname FROM staff_figure f JOIN org_jurisdiction j ON j.id = f.jurisdiction_id
                        WHERE """ + " " + where + " ORDER BY f.month DESC, f.jurisdiction_path, f.metric LIMIT ? OFFSET ?")
                .params(pageArgs)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getLong("jurisdiction_id"), rs.getString("jname"),
                        YearMonth.from(rs.getDate("month").toLocalDate()), StaffMetric.valueOf(rs.getString("metric")),
                        rs.getBigDecimal("value"), rs.getString("note"), rs.getString("entered_by"),
                        rs.getTimestamp("entered_at").toInstant()))
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** Sums (counts) or averages (percentages) per metric under the path for the months in [from, to]. */
    public Map<StaffMetric, Double> totals(String path, LocalDate from, LocalDate to) {
        Map<StaffMetric, Double> out = new EnumMap<>(StaffMetric.class);
        jdbc.sql("""
                        SELECT metric, sum(value), avg(value) FROM staff_figure
                        WHERE jurisdiction_path LIKE ? AND month BETWEEN ? AND ? GROUP BY metric""")
                .params(path + "%", Date.valueOf(from.withDayOfMonth(1)), Date.valueOf(to))
                .query((rs, n) -> {
                    StaffMetric m = StaffMetric.valueOf(rs.getString(1));
                    out.put(m, m.percent() ? rs.getDouble(3) : rs.getDouble(2));
                    return m;
                }).list();
        return out;
    }

    /** The perception indicator per county under the city, best first (the survey's county ranking). */
    public List<CountyValue> countyRanking(StaffMetric metric, LocalDate from, LocalDate to) {
        List<CountyValue> out = new ArrayList<>();
        for (JurisdictionRef county : org.children(org.root().id())) {
            jdbc.sql("SELECT avg(value) FROM staff_figure WHERE jurisdiction_path LIKE ? AND metric = ? AND month BETWEEN ? AND ?")
                    .params(county.path() + "%", metric.name(), Date.valueOf(from.withDayOfMonth(1)), Date.valueOf(to))
                    .query((rs, n) -> rs.getObject(1) == null ? null : rs.getDouble(1)).list().stream()
                    .filter(java.util.Objects::nonNull).findFirst()
                    .ifPresent(v -> out.add(new CountyValue(county.id(), county.name(), v)));
        }
        out.sort((a, b) -> Double.compare(b.value(), a.value()));
        return out;
    }
}
