package io.minyi.supervision.internal;

import io.minyi.platform.CityTexts;
import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseEvents.CaseResemblesOthers;
import io.minyi.casework.CaseEvents.SimilarCase;
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
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

    /** Whom or what cases are counted against; {@code kind} and {@code id} name its lock and its alerts. */
    record Subject(String kind, long id, String name, UnitRef unit) {
    }

    /** One raised-about row: a case counted against a subject ({@code city} null: the trigger takes the case's). */
    record Mention(long caseId, @Nullable Long city, String kind, long subjectId, @Nullable String raiserKey,
                   Instant receivedAt) {
    }

    /** What one new case asks of a subject: its rows written, then a judgement for its raiser at its time. */
    record Heard(long caseId, Subject subject, List<Mention> rows, @Nullable String raiserKey, Instant at) {
    }

    /** The order of the judgements of cases heard together: the cases' times (their intake's order), then ids. */
    private static final Comparator<Heard> IN_TURN = Comparator.comparing(Heard::at).thenComparingLong(Heard::caseId);

    /**
     * Records the case against its subjects, or its matter, and judges them. {@code row} (the case's projection) goes
     * in the same statement as the case's first raised-about row; the caller runs it alone if there is none.
     */
    void recordAndCheck(CaseReceived e, PendingWrite row) {
        for (Heard h : heardOf(e)) {
            if (h.rows().stream().anyMatch(m -> m.city() == null)) {
                // the database takes the city from supervision's own projection of the case, which must then be
                // written first: a trigger does not see what the same statement wrote
                row.flush(jdbc);
            }
            write(h.rows(), row);
            lock(h.subject());
            judge(List.of(h));
        }
    }

    /**
     * Many new cases at once, in one transaction (decision 0060): every raised-about row in one statement, in the
     * order of their key, before any lock; then each subject's lock, in one order (kind, then id — the order a single
     * case's subjects are taken in too: matter, officer, unit), and one judgement for all its cases. That is one run
     * of the listeners one by one: all of them wrote their rows, then took the subject's lock in the order of the
     * cases' times (as they were received; ids for equal times); every one of them then saw the same rows, and
     * {@link #judge} gives what their judgements in that order give.
     * The caller has written the cases' projections.
     */
    void recordAndCheck(List<CaseReceived> events) {
        Map<Long, List<Heard>> byCase = new HashMap<>();
        List<Heard> heard = new ArrayList<>();
        for (CaseReceived e : events) {
            heard.addAll(byCase.computeIfAbsent(e.caseId(), id -> heardOf(e)));
        }
        Map<List<Object>, Mention> rows = new TreeMap<>(BY_ROW_KEY);
        heard.forEach(h -> h.rows().forEach(m -> rows.putIfAbsent(List.of(m.caseId(), m.kind()), m)));
        write(List.copyOf(rows.values()), null);
        Map<List<Object>, List<Heard>> bySubject = new TreeMap<>(BY_SUBJECT);
        heard.forEach(h -> bySubject.computeIfAbsent(List.of(h.subject().kind(), h.subject().id()),
                k -> new ArrayList<>()).add(h));
        bySubject.values().forEach(hs -> {
            lock(hs.getFirst().subject());
            judge(hs.stream().sorted(IN_TURN).toList());
        });
    }

    private static final Comparator<List<Object>> BY_ROW_KEY = Comparator
            .<List<Object>, Long>comparing(k -> (Long) k.get(0)).thenComparing(k -> (String) k.get(1));
    private static final Comparator<List<Object>> BY_SUBJECT = Comparator
            .<List<Object>, String>comparing(k -> (String) k.get(0)).thenComparing(k -> (Long) k.get(1));

    /** The subjects the case is counted against — its matter, or its officer and its unit — with their rows. */
    private List<Heard> heardOf(CaseReceived e) {
        List<Heard> heard = new ArrayList<>();
        if (e.subjectOfficerId() == null && e.subjectUnitId() == null) {
            // reports about one matter without a named subject count as one subject; casework finds the matter after
            // the case's commit, here, instead of inside every intake (decision 0041)
            resemblance.of(e.caseId()).flatMap(this::matterOf).ifPresent(heard::add);
        }
        // the case's city, from the event (supervision never reads casework's tables); null when the jurisdiction is
        // unknown here, and the database then takes it from supervision's own projection of the case
        Long city = org.jurisdiction(e.jurisdictionId()).map(j -> CityKey.of(j.path())).orElse(null);
        if (e.subjectOfficerId() != null) {
            Optional<OfficerRef> officer = org.officer(e.subjectOfficerId());
            officer.flatMap(o -> org.unit(o.unitId())).ifPresent(unit -> heard.add(own(e, city,
                    new Subject("OFFICER", e.subjectOfficerId(), officer.get().name() + "（" + unit.name() + "）", unit))));
        }
        if (e.subjectUnitId() != null) {
            org.unit(e.subjectUnitId()).ifPresent(unit -> heard.add(own(e, city,
                    new Subject("UNIT", unit.id(), unit.name(), unit))));
        }
        return heard;
    }

    private static Heard own(CaseReceived e, @Nullable Long city, Subject s) {
        return new Heard(e.caseId(), s,
                List.of(new Mention(e.caseId(), city, s.kind(), s.id(), e.raiserKey(), e.at())), e.raiserKey(), e.at());
    }

    /**
     * The same matter reported again and again without a named subject (the same address, the same trouble in one
     * village): the matter is anchored on the oldest of the similar open cases, and counted like a subject — many
     * raisers, or one raiser again and again. The governance centre of the county is told. Its rows are all the
     * similar cases (up to 20) and the case itself.
     */
    private Optional<Heard> matterOf(CaseResemblesOthers e) {
        long anchor = e.similar().stream().mapToLong(SimilarCase::caseId).min().orElse(e.caseId());
        // the place is the last of its lineage, which the centre is looked for in: one look-up for both
        List<JurisdictionRef> lineage = org.lineage(e.jurisdictionId());
        Optional<JurisdictionRef> place = lineage.isEmpty() ? Optional.empty() : Optional.of(lineage.getLast());
        Optional<UnitRef> centre = place.flatMap(j -> centreFor(lineage));
        if (place.isEmpty() || centre.isEmpty()) {
            return Optional.empty();
        }
        String name = cityTexts.of("supervision.alertText.matter", place.get().name(),
                e.category() == null || e.category().isBlank()
                ? cityTexts.of("supervision.alertText.sameMatter") : e.category(), anchor);
        Subject s = new Subject("MATTER", anchor, name, centre.get());
        // the similar cases are in exactly this jurisdiction, so in its city (decision 0037)
        long city = CityKey.of(place.get().path());
        List<SimilarCase> cases = new ArrayList<>(e.similar());
        cases.add(new SimilarCase(e.caseId(), e.raiserKey(), e.at()));
        List<Mention> rows = cases.stream().sorted(Comparator.comparingLong(SimilarCase::caseId))
                .map(c -> new Mention(c.caseId(), city, s.kind(), s.id(), c.raiserKey(), c.receivedAt())).toList();
        return Optional.of(new Heard(e.caseId(), s, rows, e.raiserKey(), e.at()));
    }

    /**
     * The rows in one statement, in the given order (by case id), written before the subject's lock is taken so the
     * lock is held for the judgement alone; two writers of the same rows therefore wait for each other in one order
     * and never in a circle (see {@link #lock}). {@code projection}, when given and not yet written, rides in front.
     */
    private void write(List<Mention> rows, @Nullable PendingWrite projection) {
        if (rows.isEmpty()) {
            return;
        }
        String insert = """
                INSERT INTO raised_about (case_id, city_id, subject_kind, subject_id, raiser_key, received_at)
                SELECT x.case_id, x.city_id, x.kind, x.subject_id, x.raiser_key, x.received_at::timestamptz
                FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[])
                     WITH ORDINALITY AS x(case_id, city_id, kind, subject_id, raiser_key, received_at, n)
                ORDER BY x.n
                ON CONFLICT DO NOTHING""";
        Object[] params = {rows.stream().map(Mention::caseId).toArray(Long[]::new),
                rows.stream().map(Mention::city).toArray(Long[]::new), rows.stream().map(Mention::kind).toArray(String[]::new),
                rows.stream().map(Mention::subjectId).toArray(Long[]::new),
                rows.stream().map(Mention::raiserKey).toArray(String[]::new),
                rows.stream().map(m -> m.receivedAt().toString()).toArray(String[]::new)};
        if (projection != null) {
            projection.with(jdbc, insert, params);
        } else {
            jdbc.sql(insert).params(params).update();
        }
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
     * only judges and commits, so it never waits for a row another listener holds: no circle of waits. A batch takes
     * several, always in one order (kind, then id), and writes no raised-about row while it holds any.
     */
    private void lock(Subject s) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("alert:" + s.kind() + ":" + s.id())
                .query((rs, n) -> 1).list();
    }

    /** The window of a subject's cases that ends at {@code latest}, and the distinct raisers in it. */
    private record Window(Instant latest, long raisers) {
    }

    /** A judgement that raises or updates an alert: its counts, and the case heard that asked for it. */
    private record Verdict(Heard heard, int raisers, int cases, Instant first) {
    }

    /**
     * Raises or updates the subject's alerts from what is recorded about it, under the subject's lock, for each case
     * heard in turn ({@code heard}: one subject's, in the order of {@link #IN_TURN}).
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
     *
     * <p>Several cases heard together (decision 0060) see the same rows, so each window and count is read once: a
     * case's window ends at the latest row or at its own time if later, and cases ending at the same time share it.
     * An alert's verdicts in turn are one upsert each; the first makes the alert (its time and notice are the first's),
     * the next ones only set its counts and last time, so the first and the last give what all of them give.
     */
    private void judge(List<Heard> heard) {
        Subject s = heard.getFirst().subject();
        Instant earliest = heard.stream().map(Heard::at).min(Comparator.naturalOrder()).orElseThrow();
        Window first = window(s, earliest);
        Map<Instant, Window> windows = new HashMap<>(Map.of(first.latest(), first));
        Map<List<Object>, long[]> counts = new HashMap<>();
        List<Verdict> many = new ArrayList<>();
        Map<String, List<Verdict>> repeat = new LinkedHashMap<>();
        for (Heard h : heard) {
            Instant latest = h.at().isAfter(first.latest()) ? h.at() : first.latest();
            Window w = windows.computeIfAbsent(latest, l -> window(s, l));
            Instant since = latest.minus(Duration.ofDays(props.alertWindowDays()));
            if (w.raisers() >= props.alertRaisers()) {
                long[] c = counts.computeIfAbsent(List.of("", latest), k -> count(s, null, since, latest));
                many.add(new Verdict(h, (int) w.raisers(), (int) c[0], Instant.ofEpochMilli(c[1])));
            }
            String raiser = h.raiserKey();
            if (raiser != null && !raiser.isBlank()) {
                long[] c = counts.computeIfAbsent(List.of(raiser, latest), k -> count(s, raiser, since, latest));
                if (c[0] >= props.alertRepeatCases()) {
                    repeat.computeIfAbsent(raiser, k -> new ArrayList<>())
                            .add(new Verdict(h, 1, (int) c[0], Instant.ofEpochMilli(c[1])));
                }
            }
        }
        raise("MANY_RAISERS", "", many);
        repeat.forEach((raiser, verdicts) -> raise("REPEAT_RAISER", raiser, verdicts));
    }

    private Window window(Subject s, Instant at) {
        long hours = props.alertWindowDays() * 24L;
        return jdbc.sql("""
                        WITH latest AS (SELECT greatest(max(received_at), ?::timestamptz) AS t FROM raised_about
                                        WHERE subject_kind = ? AND subject_id = ?)
                        SELECT t, (SELECT count(DISTINCT raiser_key) FROM raised_about
                                   WHERE subject_kind = ? AND subject_id = ? AND raiser_key IS NOT NULL
                                     AND received_at > t - make_interval(hours => ?::integer) AND received_at <= t)
                        FROM latest""")
                .params(Timestamp.from(at), s.kind(), s.id(), s.kind(), s.id(), hours)
                .query((rs, n) -> new Window(rs.getTimestamp(1).toInstant(), rs.getLong(2))).single();
    }

    /** The cases in the window (of one raiser, or of all when {@code raiserKey} is null) and the first one's time. */
    private long[] count(Subject s, @Nullable String raiserKey, Instant since, Instant latest) {
        var statement = raiserKey == null
                ? jdbc.sql("""
                        SELECT count(*), min(received_at) FROM raised_about
                        WHERE subject_kind = ? AND subject_id = ? AND received_at > ? AND received_at <= ?""")
                .params(s.kind(), s.id(), Timestamp.from(since), Timestamp.from(latest))
                : jdbc.sql("""
                        SELECT count(*), min(received_at) FROM raised_about
                        WHERE raiser_key = ? AND subject_kind = ? AND subject_id = ? AND received_at > ? AND received_at <= ?""")
                .params(raiserKey, s.kind(), s.id(), Timestamp.from(since), Timestamp.from(latest));
        return statement.query((rs, n) -> new long[]{rs.getLong(1), millis(rs.getTimestamp(2))}).single();
    }

    /** An alert's verdicts in turn, as their upserts in turn would leave it: the first, then the last. */
    private void raise(String kind, String raiserKey, List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        for (Verdict v : verdicts.size() == 1 ? verdicts : List.of(verdicts.getFirst(), verdicts.getLast())) {
            upsert(kind, v.heard().subject(), raiserKey, v.raisers(), v.cases(), v.first(), v.heard().at());
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
