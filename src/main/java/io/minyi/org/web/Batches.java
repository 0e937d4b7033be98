package io.minyi.org.web;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.function.IntConsumer;

/** Batch inserts in chunks, so an import of thousands of rows is a handful of round trips with visible progress. */
final class Batches {

    static final int CHUNK = 500;

    private Batches() {
    }

    static void insert(JdbcTemplate jdbc, String sql, List<Object[]> rows, IntConsumer progress) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            jdbc.batchUpdate(sql, chunk);
            progress.accept(chunk.size());
        }
    }

    /** Identity values reserved up front, so rows of one file can refer to each other before they are written. */
    static List<Long> reserveIds(JdbcTemplate jdbc, String table, int count) {
        return jdbc.queryForList("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
                Long.class, table, count);
    }

    static String firstAndLast(List<String> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        return keys.size() == 1 ? keys.getFirst() : keys.getFirst() + " … " + keys.getLast();
    }
}
