package io.minyi.evaluation.internal;

import io.minyi.evaluation.internal.SubmissionWriter.Pending;
import io.minyi.platform.CityKey;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Writes one batch of evaluations: the rows (a repeated idempotency key finds the first row), the per-source counters
 * that expose ballot-stuffing, the flags and the running totals — all in one call of the database function
 * {@code evaluation_intake_batch} (migration V10_10; V4_30 and V4_2 before it), which is a single round trip and,
 * without clues, a single commit; a flagged evaluation is inserted with its flags (decision 0042), and the totals are
 * taken from the inserted rows once per batch (decision 0045). Each writer passes its number: the batch adds to its
 * writer's own row of each unit's month, so two writers' batches do not wait for each other there (decision 0049).
 * A batch that carries clues runs in a transaction that also stores the clues and hands them to casework.
 * A batch without clues commits without waiting for its WAL flush: its receipts are shown by {@link Written#answer()}
 * only after {@link BatchFlusher} has made the commit durable (decision 0054); a batch with clues is durable when its
 * transaction returns, as before.
 */
@Component
class SubmissionBatches {

    /**
     * The server's start time comes with the rows: {@link BatchFlusher} answers a batch only after a synchronous commit
     * on the same server, as started then — a flush on another one (a promoted standby behind a multi-host URL, or the
     * same server restarted after a crash) says nothing of a commit that did not wait for its flush.
     */
    private static final String CALL = "SELECT *, pg_postmaster_start_time() FROM evaluation_intake_batch(?::uuid[], ?::text[], ?::bigint[], ?::bigint[],"
            + " ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::bigint[], ?::date[], ?::text[],"
            + " ?::text[], ?::text[], ?, ?, ?, ?::text[], ?::bigint[], ?, ?)";

    /** The array parameters of {@code evaluation_intake_batch} before its three thresholds, in the function's order. */
    private static final List<Column<?>> COLUMNS = List.of(
            new Column<>("uuid", UUID[]::new, Submission::idempotencyKey),
            // no code is stored for a new row: its receipt code is its id's (ReceiptCodes, decision 0062)
            new Column<>("text", String[]::new, s -> null),
            new Column<>("bigint", Long[]::new, s -> s.target().id()),
            new Column<>("bigint", Long[]::new, s -> s.target().unitId()),
            new Column<>("bigint", Long[]::new, s -> s.target().officerId()),
            new Column<>("text", String[]::new, s -> s.overall().name()),
            new Column<>("text", String[]::new, s -> json(s.ratings())),
            new Column<>("text", String[]::new, Submission::comment),
            new Column<>("text", String[]::new, Submission::phone),
            new Column<>("boolean", Boolean[]::new, Submission::hasClue),
            new Column<>("bigint", Long[]::new, s -> s.at().toEpochMilli()),
            new Column<>("date", Date[]::new, s -> Date.valueOf(s.day())),
            new Column<>("text", String[]::new, Submission::deviceKey),
            new Column<>("text", String[]::new, Submission::phoneKey),
            new Column<>("text", String[]::new, Submission::addressKey));
    /** The parameters after the thresholds. */
    private static final Column<String> BURSTS = new Column<>("text", String[]::new, Submission::burstReason);
    /** The distribution key (decision 0037), from the target the form was rendered for: no look-up. */
    private static final Column<Long> CITIES = new Column<>("bigint", Long[]::new,
            s -> CityKey.of(s.target().jurisdictionPath()));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EvaluationProperties.Stuffing stuffing;
    private final boolean sharedFlush;
    private final ClueHandover clues;
    private final ReceiptCodes codes;

    SubmissionBatches(JdbcTemplate jdbc, TransactionTemplate tx, EvaluationProperties properties,
                      ClueHandover clues, ReceiptCodes codes) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.stuffing = properties.stuffing();
        this.sharedFlush = properties.writer().sharedFlush();
        this.clues = clues;
        this.codes = codes;
    }

    /**
     * Stores the batch and checks that every form was stored or found; nobody is answered yet.
     *
     * @param stripe the writer's number: its own row of each unit's month (V10_11)
     */
    Written write(List<Pending> batch, int stripe) {
        // The same form sent twice in one batch: both requests get the one receipt.
        Map<UUID, List<Pending>> byKey = new TreeMap<>();
        for (Pending p : batch) {
            byKey.computeIfAbsent(p.submission().idempotencyKey(), k -> new ArrayList<>(1)).add(p);
        }
        List<Submission> unique = byKey.values().stream().map(l -> l.getFirst().submission()).toList();
        boolean anyClue = unique.stream().anyMatch(Submission::hasClue);
        StoredBatch stored = anyClue
                ? tx.execute(status -> storeWithClues(unique, stripe))
                : jdbc.execute((ConnectionCallback<StoredBatch>) c -> store(c, unique, stripe, sharedFlush));
        for (UUID key : byKey.keySet()) {
            if (!stored.rows().containsKey(key)) {
                throw new IllegalStateException("evaluation " + key + " neither stored nor found");
            }
        }
        return new Written(byKey, stored.rows(), !anyClue && sharedFlush, stored.server());
    }

    /** @param server when the server that committed the rows started ({@code pg_postmaster_start_time()}) */
    private record StoredBatch(Map<UUID, Stored> rows, OffsetDateTime server) {
    }

    /**
     * A batch that is stored and committed.
     *
     * @param awaitsFlush its commit did not wait for the WAL flush: answer only after a later synchronous commit
     * @param server      the start time of the server that committed it: the later commit must be on that server
     */
    record Written(Map<UUID, List<Pending>> byKey, Map<UUID, Stored> stored, boolean awaitsFlush,
                   OffsetDateTime server) {

        /** Shows every resident of the batch the receipt of the row stored (or found) under the form's key. */
        void answer() {
            for (var e : byKey.entrySet()) {
                Stored s = stored.get(e.getKey());
                for (int i = 0; i < e.getValue().size(); i++) {
                    e.getValue().get(i).result()
                            .complete(new Receipt(s.id, s.trackingCode, s.clue, !s.inserted || i > 0));
                }
            }
        }

        /** The commit may not be durable: every resident gets the failure (a 503 with a retry hint, 0042). */
        void fail(Throwable failure) {
            byKey.values().forEach(l -> l.forEach(p -> p.result().completeExceptionally(failure)));
        }
    }

    private StoredBatch storeWithClues(List<Submission> subs, int stripe) {
        StoredBatch batch = jdbc.execute((ConnectionCallback<StoredBatch>) c -> store(c, subs, stripe, false));
        Map<UUID, Stored> stored = batch.rows();
        List<Submission> fresh = subs.stream()
                .filter(s -> s.hasClue() && stored.get(s.idempotencyKey()).inserted).toList();
        if (!fresh.isEmpty()) {
            clues.record(fresh, stored);
        }
        return batch;
    }

    /** @param flushedLater the commit need not wait for its WAL flush: the caller waits for it (V10_12) */
    private StoredBatch store(Connection c, List<Submission> subs, int stripe, boolean flushedLater)
            throws SQLException {
        Map<UUID, Stored> result = new HashMap<>();
        OffsetDateTime server = null;
        try (PreparedStatement ps = c.prepareStatement(CALL)) {
            // JdbcTemplate's default query timeout makes the driver arm a shared java.util.Timer for every call, the
            // writer's busiest lock; waiting requests already give up after minyi.evaluation.writer.wait-at-most.
            ps.setQueryTimeout(0);
            int p = 1;
            for (Column<?> column : COLUMNS) {
                ps.setArray(p++, column.of(c, subs));
            }
            ps.setInt(p++, stuffing.perDevice());
            ps.setInt(p++, stuffing.perPhone());
            ps.setInt(p++, stuffing.perAddress());
            ps.setArray(p++, BURSTS.of(c, subs));
            ps.setArray(p++, CITIES.of(c, subs));
            ps.setInt(p++, stripe);
            ps.setBoolean(p, flushedLater);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(2);
                    result.put(rs.getObject(1, UUID.class), new Stored(id, codes.of(id, rs.getString(3)),
                            rs.getBoolean(4), rs.getBoolean(5)));
                    server = rs.getObject(6, OffsetDateTime.class);
                }
            }
        }
        return new StoredBatch(result, server);
    }

    /** One column of the batch as a typed SQL array (the driver picks the array's encoding by its element class). */
    private record Column<T>(String sqlType, IntFunction<T[]> arrays, Function<Submission, T> value) {
        Array of(Connection c, List<Submission> subs) throws SQLException {
            T[] values = arrays.apply(subs.size());
            for (int i = 0; i < values.length; i++) {
                values[i] = value.apply(subs.get(i));
            }
            return c.createArrayOf(sqlType, values);
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

    record Stored(long id, String trackingCode, boolean clue, boolean inserted) {
    }
}
