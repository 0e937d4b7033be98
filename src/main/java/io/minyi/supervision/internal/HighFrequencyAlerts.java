package io.minyi.supervision.internal;

import io.minyi.platform.CityTexts;
import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseResemblance;
import io.minyi.notification.Notifications;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.OfficerRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import io.minyi.org.SubjectShield;
import io.minyi.platform.CityKey;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * 高频预警: at least A distinct raisers about one officer or unit within D days, or one raiser with at least B cases
 * about the same subject within D days. One open alert per subject (and raiser) at a time; it is updated as more
 * cases arrive. A per-subject advisory lock keeps two concurrent listeners from each missing the other's case.
 */
@Component
@RequiredArgsConstructor
class HighFrequencyAlerts {

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final SupervisionProperties props;
    private final Notifications notifications;
    private final SubjectShield shield;

    private final CityTexts cityTexts;
    private final CaseResemblance resemblance;

    private record Subject(String kind, long id, String name, UnitRef unit) {
    }

    /**
     * Records the case against its subjects, or its matter, and judges them. {@code row} (the case's projection) goes
     * in the same statement as the case's first raised-about row; the caller runs it alone if there is none.
     */
    void recordAndCheck(CaseReceived e, PendingWrite row) {
        if (e.subjectOfficerId() == null && e.subjectUnitId() == null) {
            // reports about one matter without a named subject count as one subject; casework finds the matter after
            // the case's commit, here, instead of inside every intake (decision 0041)
            resemblance.of(e.caseId()).ifPresent(m -> recordAndCheck(m, row));
        }
        if (e.subjectOfficerId() != null) {
            Optional<OfficerRef> officer = org.officer(e.subjectOfficerId());
            officer.flatMap(o -> org.unit(o.unitId())).ifPresent(unit -> check(e,
                    new Subject("OFFICER", e.subjectOfficerId(), officer.get().name() + "（" + unit.name() + "）", unit),
                    row));
        }
        if (e.subjectUnitId() != null) {
            org.unit(e.subjectUnitId()).ifPresent(unit -> check(e, new Subject("UNIT", unit.id(), unit.name(), unit),
                    row));
        }
    }

    /**
     * The same matter reported again and again without a named subject (the same address, the same trouble in one
     * village): the matter is anchored on the oldest of the similar open cases, and counted like a subject — many
     * raisers, or one raiser again and again. The governance centre of the county is told.
     */
    void recordAndCheck(io.minyi.casework.CaseEvents.CaseResemblesOthers e, PendingWrite row) {
        long anchor = e.similar().stream().mapToLong(io.minyi.casework.CaseEvents.SimilarCase::caseId).min()
                .orElse(e.caseId());
        // the place is the last of its lineage, which the centre is looked for in: one look-up for both
        List<JurisdictionRef> lineage = org.lineage(e.jurisdictionId());
        Optional<JurisdictionRef> place = lineage.isEmpty() ? Optional.empty() : Optional.of(lineage.getLast());
        Optional<UnitRef> centre = place.flatMap(j -> centreFor(lineage));
        if (place.isEmpty() || centre.isEmpty()) {
            return;
        }
        String name = cityTexts.of("supervision.alertText.matter", place.get().name(),
                e.category() == null || e.category().isBlank()
                ? cityTexts.of("supervision.alertText.sameMatter") : e.category(), anchor);
        Subject s = new Subject("MATTER", anchor, name, centre.get());
        // the similar cases are in exactly this jurisdiction, so in its city (decision 0037)
        long city = CityKey.of(place.get().path());
        // one statement for all the similar cases (up to 20) and the case itself, written before the matter's lock is
        // taken so the lock is held for the judgement alone; the rows go in by case id, so two listeners inserting
        // the same cases wait for each other in one order and never in a circle (see lock)
        List<io.minyi.casework.CaseEvents.SimilarCase> rows = new java.util.ArrayList<>(e.similar());
        rows.add(new io.minyi.casework.CaseEvents.SimilarCase(e.caseId(), e.raiserKey(), e.at()));
        rows.sort(java.util.Comparator.comparingLong(io.minyi.casework.CaseEvents.SimilarCase::caseId));
        row.with(jdbc, """
                        INSERT INTO raised_about (case_id, city_id, subject_kind, subject_id, raiser_key, received_at)
                        SELECT x.case_id, ?, ?, ?, x.raiser_key, x.received_at::timestamptz
                        FROM unnest(?::bigint[], ?::text[], ?::text[]) WITH ORDINALITY AS x(case_id, raiser_key, received_at, n)
                        ORDER BY x.n
                        ON CONFLICT DO NOTHING""",
                city, s.kind(), s.id(), rows.stream().map(x -> x.caseId()).toArray(Long[]::new),
                rows.stream().map(x -> x.raiserKey()).toArray(String[]::new),
                rows.stream().map(x -> x.receivedAt().toString()).toArray(String[]::new));
        lock(s);
        judge(e.raiserKey(), e.at(), s);
    }

    /** The county's governance centre (or the city's), which answers for a matter without a named unit. */
    private Optional<UnitRef> centreFor(List<JurisdictionRef> lineage) {
        for (int i = Math.min(1, lineage.size() - 1); i >= 0; i--) {
            JurisdictionRef level = lineage.get(i);
            // the centre of exactly that level (every report of a matter asks: a county's units were read in full)
            Optional<UnitRef> c = org.unitsOf(level.id(), io.minyi.org.UnitKind.GOVERNANCE_CENTRE).stream()
                    .findFirst();
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /**
     * Taken after the case's raised-about rows are written and before they are judged: the last listener to take it
     * sees every row of the listeners before it, which committed to release it, and a listener still writing will
     * judge after it (issue 11: the lock was the POST's top statement by time, its holders writing under it). A holder
     * only judges and commits, so it never waits for a row another listener holds: no circle of waits.
     */
    private void lock(Subject s) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("alert:" + s.kind() + ":" + s.id())
                .query((rs, n) -> 1).list();
    }

    private void check(CaseReceived e, Subject s, PendingWrite row) {
        // the case's city, from the event (supervision never reads casework's tables); null when the jurisdiction is
        // unknown here, and the database then takes it from supervision's own projection of the case, which must
        // then be written first: a trigger does not see what the same statement wrote
        Long city = org.jurisdiction(e.jurisdictionId()).map(j -> CityKey.of(j.path())).orElse(null);
        if (city == null) {
            row.flush(jdbc);
        }
        row.with(jdbc, """
                        INSERT INTO raised_about (case_id, city_id, subject_kind, subject_id, raiser_key, received_at)
                        VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING""",
                e.caseId(), city, s.kind(), s.id(), e.raiserKey(), Timestamp.from(e.at()));
        lock(s);
        judge(e.raiserKey(), e.at(), s);
    }

    /**
     * Raises or updates the subject's alerts from what is recorded about it, under the subject's lock.
     *
     * <p>The window ends at the latest case counted so far, not at this event's case: listeners run concurrently and
     * out of order, and a window ending at an earlier case left out the later ones already counted, so the last
     * listener to run could miss the alert (WhistleblowerChannelsTests did, now and then). Under the subject's lock the
     * last listener sees every case, so the verdict no longer depends on the order.
     *
     * <p>The distinct raisers are counted first, over the cases that have a raiser (a partial index, V10_20); all the
     * cases of the window are counted only when those raisers reach the threshold. A matter reported again and again
     * without contacts (an Open311 client posting anonymously, a burst about one street lamp) used to be counted in full
     * for every new case — a scan growing with the matter, under its lock, so its listeners ran one after another
     * ever slower (issue 11).
     */
    private void judge(String raiserKey, Instant at, Subject s) {
        long hours = props.alertWindowDays() * 24L;
        var window = jdbc.sql("""
                        WITH latest AS (SELECT greatest(max(received_at), ?::timestamptz) AS t FROM raised_about
                                        WHERE subject_kind = ? AND subject_id = ?)
                        SELECT t, (SELECT count(DISTINCT raiser_key) FROM raised_about
                                   WHERE subject_kind = ? AND subject_id = ? AND raiser_key IS NOT NULL
                                     AND received_at > t - make_interval(hours => ?::integer) AND received_at <= t)
                        FROM latest""")
                .params(Timestamp.from(at), s.kind(), s.id(), s.kind(), s.id(), hours)
                .query((rs, n) -> new Object[]{rs.getTimestamp(1).toInstant(), rs.getLong(2)}).single();
        Instant latest = (Instant) window[0];
        long raisers = (Long) window[1];
        Instant since = latest.minus(Duration.ofDays(props.alertWindowDays()));
        if (raisers >= props.alertRaisers()) {
            var many = jdbc.sql("""
                            SELECT count(*), min(received_at) FROM raised_about
                            WHERE subject_kind = ? AND subject_id = ? AND received_at > ? AND received_at <= ?""")
                    .params(s.kind(), s.id(), Timestamp.from(since), Timestamp.from(latest))
                    .query((rs, n) -> new long[]{rs.getLong(1), millis(rs.getTimestamp(2))}).single();
            upsert("MANY_RAISERS", s, "", (int) raisers, (int) many[0], Instant.ofEpochMilli(many[1]), at);
        }
        if (raiserKey != null && !raiserKey.isBlank()) {
            var repeat = jdbc.sql("""
                            SELECT count(*), min(received_at) FROM raised_about
                            WHERE raiser_key = ? AND subject_kind = ? AND subject_id = ? AND received_at > ? AND received_at <= ?""")
                    .params(raiserKey, s.kind(), s.id(), Timestamp.from(since), Timestamp.from(latest))
                    .query((rs, n) -> new long[]{rs.getLong(1), millis(rs.getTimestamp(2))}).single();
            if (repeat[0] >= props.alertRepeatCases()) {
                upsert("REPEAT_RAISER", s, raiserKey, 1, (int) repeat[0], Instant.ofEpochMilli(repeat[1]), at);
            }
        }
    }

    /** An old event replayed after newer cases may find none of its window's rows: no minimum then. */
    private static long millis(Timestamp t) {
        return t == null ? 0 : t.getTime();
    }

    private void upsert(String kind, Subject s, String raiserKey, int raisers, int cases, Instant first, Instant last) {
        Long created = jdbc.sql("""
                        INSERT INTO supervision_alert (kind, subject_kind, subject_id, subject_name, unit_id,
                               jurisdiction_path, raiser_key, raisers, cases, window_days, first_at, last_at, raised_at)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                        ON CONFLICT (kind, subject_kind, subject_id, raiser_key, city_id) WHERE status = 'OPEN'
                        DO UPDATE SET raisers = EXCLUDED.raisers, cases = EXCLUDED.cases, last_at = EXCLUDED.last_at
                        RETURNING CASE WHEN xmax = 0 THEN id END""")
                .params(kind, s.kind(), s.id(), s.name(), s.unit().id(), s.unit().jurisdictionPath(), raiserKey,
                        raisers, cases, props.alertWindowDays(), Timestamp.from(first), Timestamp.from(last),
                        Timestamp.from(last))
                .query((rs, n) -> (Long) rs.getObject(1)).list().stream().filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        if (created != null) {
            List<Long> about = "OFFICER".equals(s.kind()) ? List.of(s.id()) : List.of();
            shield.register(SubjectShield.Kind.ALERT, created, about);
            String title = cityTexts.of("supervision.alertText.title", s.name());
            String body = "MANY_RAISERS".equals(kind)
                    ? cityTexts.of("supervision.alertText.manyRaisers", props.alertWindowDays(), raisers, s.name(),
                    cases)
                    : cityTexts.of("supervision.alertText.oneRaiser", props.alertWindowDays(), s.name(), cases);
            for (var j : org.lineage(s.unit().jurisdictionId())) {
                if (j.level() != io.minyi.org.JurisdictionLevel.VILLAGE) {
                    notifications.toJurisdiction(j.id(), Role.SUPERVISOR, new Notifications.Message(title, body,
                            "/supervision/alerts", "alert:" + created).about(about));
                }
            }
        }
    }
}
