package io.minyi.evaluation.internal;

import io.minyi.evaluation.internal.SubmissionWriter.Pending;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes one batch of evaluations in one transaction: the rows (a repeated idempotency key finds the first row),
 * the per-source counters that expose ballot-stuffing, the flags, the running totals and the clues. Every statement
 * takes the whole batch as arrays, so a batch costs a handful of round trips whatever its size. Keys are sorted so
 * that two writers lock shared rows in the same order and cannot deadlock.
 */
@Component
class SubmissionBatches {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EvaluationProperties.Stuffing stuffing;
    private final ClueHandover clues;

    SubmissionBatches(JdbcTemplate jdbc, TransactionTemplate tx, EvaluationProperties properties,
                      ClueHandover clues) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.stuffing = properties.stuffing();
        this.clues = clues;
    }

    void write(List<Pending> batch) {
        // The same form sent twice in one batch: both requests get the one receipt.
        Map<UUID, List<Pending>> byKey = new TreeMap<>();
        for (Pending p : batch) {
            byKey.computeIfAbsent(p.submission().idempotencyKey(), k -> new ArrayList<>(1)).add(p);
        }
        List<Submission> unique = byKey.values().stream().map(l -> l.getFirst().submission()).toList();
        Map<UUID, Stored> stored = tx.execute(status -> jdbc.execute((ConnectionCallback<Map<UUID, Stored>>) c -> store(c, unique)));
        for (var e : byKey.entrySet()) {
            Stored s = stored.get(e.getKey());
            for (int i = 0; i < e.getValue().size(); i++) {
                e.getValue().get(i).result()
                        .complete(new Receipt(s.id, s.trackingCode, s.clue, !s.inserted || i > 0));
            }
        }
    }

    private Map<UUID, Stored> store(Connection c, List<Submission> subs) throws SQLException {
        Map<UUID, Stored> stored = insert(c, subs);
        List<Submission> fresh = subs.stream().filter(s -> stored.get(s.idempotencyKey()).inserted).toList();
        if (fresh.isEmpty()) {
            return stored;
        }
        Map<UUID, String> flags = countSources(c, fresh);
        if (!flags.isEmpty()) {
            flag(c, flags, stored);
        }
        addToTotals(c, fresh, flags);
        List<Submission> withClue = fresh.stream().filter(Submission::hasClue).toList();
        if (!withClue.isEmpty()) {
            Map<UUID, Long> ids = new HashMap<>();
            withClue.forEach(s -> ids.put(s.idempotencyKey(), stored.get(s.idempotencyKey()).id));
            clues.record(withClue, ids);
        }
        return stored;
    }

    private Map<UUID, Stored> insert(Connection c, List<Submission> subs) throws SQLException {
        int n = subs.size();
        UUID[] keys = new UUID[n];
        String[] codes = new String[n], overall = new String[n], ratings = new String[n], comments = new String[n],
                phones = new String[n], days = new String[n];
        Long[] targets = new Long[n], units = new Long[n], officers = new Long[n], at = new Long[n];
        Boolean[] clue = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Submission s = subs.get(i);
            keys[i] = s.idempotencyKey();
            codes[i] = s.trackingCode();
            targets[i] = s.target().id();
            units[i] = s.target().unitId();
            officers[i] = s.target().officerId();
            overall[i] = s.overall().name();
            ratings[i] = json(s.ratings());
            comments[i] = s.comment();
            phones[i] = s.phone();
            clue[i] = s.hasClue();
            at[i] = s.at().toEpochMilli();
            days[i] = s.day().toString();
        }
        Map<UUID, Stored> result = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO evaluation (idempotency_key, tracking_code, target_id, unit_id, officer_id, overall, ratings,
                                        comment, phone, has_clue, submitted_at, day)
                SELECT k, tc, t, u, o, ov, r::jsonb, cm, ph, hc, to_timestamp(ms / 1000.0), d::date
                FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::boolean[], ?::bigint[], ?::text[]) AS x(k, tc, t, u, o, ov, r, cm, ph, hc, ms, d)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, idempotency_key, tracking_code, has_clue
                """)) {
            int p = 1;
            ps.setArray(p++, c.createArrayOf("uuid", keys));
            ps.setArray(p++, c.createArrayOf("text", codes));
            ps.setArray(p++, c.createArrayOf("bigint", targets));
            ps.setArray(p++, c.createArrayOf("bigint", units));
            ps.setArray(p++, c.createArrayOf("bigint", officers));
            ps.setArray(p++, c.createArrayOf("text", overall));
            ps.setArray(p++, c.createArrayOf("text", ratings));
            ps.setArray(p++, c.createArrayOf("text", comments));
            ps.setArray(p++, c.createArrayOf("text", phones));
            ps.setArray(p++, c.createArrayOf("boolean", clue));
            ps.setArray(p++, c.createArrayOf("bigint", at));
            ps.setArray(p, c.createArrayOf("text", days));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getObject(2, UUID.class),
                            new Stored(rs.getLong(1), rs.getString(3), rs.getBoolean(4), true));
                }
            }
        }
        if (result.size() < n) {
            List<UUID> missing = subs.stream().map(Submission::idempotencyKey).filter(k -> !result.containsKey(k)).toList();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, idempotency_key, tracking_code, has_clue FROM evaluation WHERE idempotency_key = ANY(?::uuid[])")) {
                ps.setArray(1, c.createArrayOf("uuid", missing.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.put(rs.getObject(2, UUID.class),
                                new Stored(rs.getLong(1), rs.getString(3), rs.getBoolean(4), false));
                    }
                }
            }
        }
        return result;
    }

    /**
     * Adds the batch to the per-day counters of each (target, device/phone/address) and works out each evaluation's
     * ordinal on that counter; those past the allowance are flagged with the reason.
     */
    private Map<UUID, String> countSources(Connection c, List<Submission> fresh) throws SQLException {
        TreeMap<SourceKey, Integer> adds = new TreeMap<>();
        for (Submission s : fresh) {
            for (SourceKey k : SourceKey.of(s)) {
                adds.merge(k, 1, Integer::sum);
            }
        }
        int n = adds.size();
        String[] days = new String[n], kinds = new String[n], sources = new String[n];
        Long[] targets = new Long[n];
        Integer[] counts = new Integer[n];
        int i = 0;
        for (var e : adds.entrySet()) {
            days[i] = e.getKey().day();
            targets[i] = e.getKey().targetId();
            kinds[i] = e.getKey().kind();
            sources[i] = e.getKey().source();
            counts[i++] = e.getValue();
        }
        Map<SourceKey, Integer> totals = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO evaluation_source_day AS s (day, target_id, kind, source, count)
                SELECT d::date, t, k, src, n FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::int[]) AS x(d, t, k, src, n)
                ON CONFLICT (day, target_id, kind, source) DO UPDATE SET count = s.count + excluded.count
                RETURNING day::text, target_id, kind, source, count
                """)) {
            ps.setArray(1, c.createArrayOf("text", days));
            ps.setArray(2, c.createArrayOf("bigint", targets));
            ps.setArray(3, c.createArrayOf("text", kinds));
            ps.setArray(4, c.createArrayOf("text", sources));
            ps.setArray(5, c.createArrayOf("int", counts));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.put(new SourceKey(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)), rs.getInt(5));
                }
            }
        }
        // Ordinal of each evaluation on its counter: those before this batch, then in batch order.
        Map<SourceKey, Integer> seen = new HashMap<>();
        Map<UUID, String> flags = new LinkedHashMap<>();
        for (Submission s : fresh) {
            List<String> reasons = new ArrayList<>(3);
            for (SourceKey k : SourceKey.of(s)) {
                int before = totals.get(k) - adds.get(k);
                int ordinal = before + seen.merge(k, 1, Integer::sum);
                int allowed = switch (k.kind()) {
                    case "D" -> stuffing.perDevice();
                    case "P" -> stuffing.perPhone();
                    default -> stuffing.perAddress();
                };
                if (ordinal > allowed) {
                    reasons.add(k.kind() + ":" + ordinal + ">" + allowed);
                }
            }
            if (!reasons.isEmpty()) {
                flags.put(s.idempotencyKey(), String.join(";", reasons));
            }
        }
        return flags;
    }

    private void flag(Connection c, Map<UUID, String> flags, Map<UUID, Stored> stored) throws SQLException {
        Long[] ids = flags.keySet().stream().map(k -> stored.get(k).id).toArray(Long[]::new);
        String[] reasons = flags.values().toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE evaluation e SET flagged = true, flag_reason = x.reason
                FROM unnest(?::bigint[], ?::text[]) AS x(id, reason) WHERE e.id = x.id
                """)) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.setArray(2, c.createArrayOf("text", reasons));
            ps.executeUpdate();
        }
    }

    private void addToTotals(Connection c, List<Submission> fresh, Map<UUID, String> flags) throws SQLException {
        TreeMap<TotalKey, long[]> totals = new TreeMap<>();
        TreeMap<DimensionKey, long[]> dimensions = new TreeMap<>();
        for (Submission s : fresh) {
            TotalKey key = new TotalKey(s.target().unitId(), s.target().officerKey(), s.day().toString());
            long[] t = totals.computeIfAbsent(key, k -> new long[6]);
            if (flags.containsKey(s.idempotencyKey())) {
                t[4]++;
            } else {
                t[0]++;
                t[1 + s.overall().ordinal()]++;
                for (var r : s.ratings().entrySet()) {
                    dimensions.computeIfAbsent(new DimensionKey(key, r.getKey()), k -> new long[3])[r.getValue().ordinal()]++;
                }
            }
            if (s.hasClue()) {
                t[5]++;
            }
        }
        int n = totals.size();
        Long[] units = new Long[n], officers = new Long[n];
        String[] days = new String[n];
        Long[][] cols = new Long[6][n];
        int i = 0;
        for (var e : totals.entrySet()) {
            units[i] = e.getKey().unitId();
            officers[i] = e.getKey().officerKey();
            days[i] = e.getKey().day();
            for (int col = 0; col < 6; col++) {
                cols[col][i] = e.getValue()[col];
            }
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO evaluation_daily AS d (unit_id, officer_id, day, evaluations, satisfied, basically_satisfied,
                                                   dissatisfied, flagged, clues)
                SELECT u, o, dy::date, e, s, b, ds, f, cl
                FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                            ?::bigint[], ?::bigint[]) AS x(u, o, dy, e, s, b, ds, f, cl)
                ON CONFLICT (unit_id, officer_id, day) DO UPDATE SET
                  evaluations = d.evaluations + excluded.evaluations, satisfied = d.satisfied + excluded.satisfied,
                  basically_satisfied = d.basically_satisfied + excluded.basically_satisfied,
                  dissatisfied = d.dissatisfied + excluded.dissatisfied, flagged = d.flagged + excluded.flagged,
                  clues = d.clues + excluded.clues
                """)) {
            ps.setArray(1, c.createArrayOf("bigint", units));
            ps.setArray(2, c.createArrayOf("bigint", officers));
            ps.setArray(3, c.createArrayOf("text", days));
            for (int col = 0; col < 6; col++) {
                ps.setArray(4 + col, c.createArrayOf("bigint", cols[col]));
            }
            ps.executeUpdate();
        }
        if (dimensions.isEmpty()) {
            return;
        }
        int m = dimensions.size();
        Long[] dUnits = new Long[m], dOfficers = new Long[m], sat = new Long[m], basic = new Long[m], dis = new Long[m];
        String[] dDays = new String[m], names = new String[m];
        int j = 0;
        for (var e : dimensions.entrySet()) {
            dUnits[j] = e.getKey().total().unitId();
            dOfficers[j] = e.getKey().total().officerKey();
            dDays[j] = e.getKey().total().day();
            names[j] = e.getKey().dimension();
            sat[j] = e.getValue()[0];
            basic[j] = e.getValue()[1];
            dis[j++] = e.getValue()[2];
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO evaluation_dimension_daily AS d (unit_id, officer_id, day, dimension, satisfied,
                                                             basically_satisfied, dissatisfied)
                SELECT u, o, dy::date, dim, s, b, ds
                FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
                     AS x(u, o, dy, dim, s, b, ds)
                ON CONFLICT (unit_id, officer_id, dimension, day) DO UPDATE SET
                  satisfied = d.satisfied + excluded.satisfied,
                  basically_satisfied = d.basically_satisfied + excluded.basically_satisfied,
                  dissatisfied = d.dissatisfied + excluded.dissatisfied
                """)) {
            ps.setArray(1, c.createArrayOf("bigint", dUnits));
            ps.setArray(2, c.createArrayOf("bigint", dOfficers));
            ps.setArray(3, c.createArrayOf("text", dDays));
            ps.setArray(4, c.createArrayOf("text", names));
            ps.setArray(5, c.createArrayOf("bigint", sat));
            ps.setArray(6, c.createArrayOf("bigint", basic));
            ps.setArray(7, c.createArrayOf("bigint", dis));
            ps.executeUpdate();
        }
    }

    /** Keys are configured identifiers and values enum names, so nothing needs escaping. */
    static String json(Map<String, Rating> ratings) {
        StringBuilder b = new StringBuilder(64).append('{');
        for (var e : new TreeMap<>(ratings).entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(e.getKey()).append("\":\"").append(e.getValue().name()).append('"');
        }
        return b.append('}').toString();
    }

    private record Stored(long id, String trackingCode, boolean clue, boolean inserted) {
    }

    record SourceKey(String day, long targetId, String kind, String source) implements Comparable<SourceKey> {
        static List<SourceKey> of(Submission s) {
            List<SourceKey> keys = new ArrayList<>(3);
            String day = s.day().toString();
            long t = s.target().id();
            if (s.deviceKey() != null) {
                keys.add(new SourceKey(day, t, "D", s.deviceKey()));
            }
            if (s.phoneKey() != null) {
                keys.add(new SourceKey(day, t, "P", s.phoneKey()));
            }
            if (s.addressKey() != null) {
                keys.add(new SourceKey(day, t, "A", s.addressKey()));
            }
            return keys;
        }

        @Override
        public int compareTo(SourceKey o) {
            int c = day.compareTo(o.day);
            if (c == 0) c = Long.compare(targetId, o.targetId);
            if (c == 0) c = kind.compareTo(o.kind);
            if (c == 0) c = source.compareTo(o.source);
            return c;
        }
    }

    record TotalKey(long unitId, long officerKey, String day) implements Comparable<TotalKey> {
        @Override
        public int compareTo(TotalKey o) {
            int c = Long.compare(unitId, o.unitId);
            if (c == 0) c = Long.compare(officerKey, o.officerKey);
            if (c == 0) c = day.compareTo(o.day);
            return c;
        }
    }

    record DimensionKey(TotalKey total, String dimension) implements Comparable<DimensionKey> {
        @Override
        public int compareTo(DimensionKey o) {
            int c = total.compareTo(o.total);
            return c != 0 ? c : dimension.compareTo(o.dimension);
        }
    }
}
