package io.minyi.supervision.internal;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/** The per-unit month counters behind the scores; callers join their own transaction. */
@Component
@RequiredArgsConstructor
class UnitMonths {

    private static final List<String> COUNTERS = List.of("closed", "closed_on_time", "satisfied", "reopened",
            "reported", "clues_decided", "clues_substantiated", "clues_partly_substantiated", "letters", "talks",
            "satisfied_by_staff", "reopened_by_staff");
    /** 协办: an assisting unit's parts, filed, filed on time, and overdue (each part either on time or overdue). */
    static final List<String> ASSIST_COUNTERS = List.of("reported", "on_time", "overdue");

    private final JdbcClient jdbc;

    void bump(long unitId, LocalDate month, String counter, int by) {
        add("unit_month", COUNTERS, unitId, month, counter, by);
    }

    void bumpAssist(long unitId, LocalDate month, String counter, int by) {
        add("unit_assist_month", ASSIST_COUNTERS, unitId, month, counter, by);
    }

    /** Adds to one counter of a unit's month; the counter names a column, so only known ones are accepted. */
    private void add(String table, List<String> counters, long unitId, LocalDate month, String counter, int by) {
        if (!counters.contains(counter)) {
            throw new IllegalArgumentException(counter);
        }
        jdbc.sql("INSERT INTO " + table + " (unit_id, month, " + counter + ") VALUES (?,?,?) "
                        + "ON CONFLICT (unit_id, month, city_id) DO UPDATE SET " + counter + " = " + table + "." + counter
                        + " + EXCLUDED." + counter)
                .params(unitId, Date.valueOf(month.withDayOfMonth(1)), by).update();
    }

    void caseBecameOverdue(long unitId) {
        jdbc.sql("INSERT INTO unit_open_overdue (unit_id, cases) VALUES (?, 1) "
                + "ON CONFLICT (unit_id, city_id) DO UPDATE SET cases = unit_open_overdue.cases + 1").param(unitId).update();
    }

    /**
     * Freezes the open-overdue counts into the month just ended, once: at the first scan after it ended, every unit
     * gets its count, 0 for a unit with none. A unit left out then (as one without an open-overdue row was) would have
     * its month filled in later with the count of a later day, its first overdue case of the new month counted as open
     * at the end of the old one. Safe on several nodes at once: only missing values are written.
     */
    void snapshotOpenOverdue(LocalDate monthEnded) {
        jdbc.sql("""
                        INSERT INTO unit_month (unit_id, month, open_overdue_end)
                        SELECT u.id, :month, coalesce(o.cases, 0)
                        FROM org_unit u LEFT JOIN unit_open_overdue o ON o.unit_id = u.id
                        WHERE NOT EXISTS (SELECT 1 FROM unit_month WHERE month = :month AND open_overdue_end IS NOT NULL)
                        ORDER BY u.id
                        ON CONFLICT (unit_id, month, city_id) DO UPDATE SET open_overdue_end = EXCLUDED.open_overdue_end
                        WHERE unit_month.open_overdue_end IS NULL""")
                .param("month", Date.valueOf(monthEnded.withDayOfMonth(1))).update();
    }
}
