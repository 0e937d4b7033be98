package io.minyi.org.web;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The key column of an import (the first: a code, a badge number, a user name). A key must not be in the database yet
 * and must stand only once in the file; both are checked against the whole file, so one upload lists every clash.
 */
final class NewKeys {

    private static final int COLUMN = 0;

    private final Set<String> taken;
    private final Map<String, Integer> seen = new HashMap<>();

    private NewKeys(List<String> taken) {
        this.taken = new HashSet<>(taken);
    }

    /**
     * Asks which of the file's keys exist already; {@code sql} takes them as one array parameter and answers them in
     * the same form as {@code normalise} gives them.
     */
    static NewKeys existing(JdbcTemplate jdbc, String sql, List<Xlsx.SheetRow> rows, UnaryOperator<String> normalise) {
        String[] keys = rows.stream().map(r -> r.cell(COLUMN).strip()).filter(s -> !s.isEmpty()).map(normalise)
                .toArray(String[]::new);
        return new NewKeys(jdbc.queryForList(sql, String.class, (Object) keys));
    }

    static NewKeys existing(JdbcTemplate jdbc, String sql, List<Xlsx.SheetRow> rows) {
        return existing(jdbc, sql, rows, UnaryOperator.identity());
    }

    boolean isTaken(String key) {
        return taken.contains(key);
    }

    /**
     * Reports the key as taken ({@code shown} + {@code takenWord}) and as repeated; returns whether this row is the
     * first in the file to hold it.
     */
    boolean check(RowErrors errors, int row, String key, String shown, String takenWord) {
        if (isTaken(key)) {
            errors.cell(row, COLUMN, shown + takenWord);
        }
        return checkRepeat(errors, row, key, shown);
    }

    /** Reports a key that an earlier row of the file holds already; returns whether this row is the first. */
    boolean checkRepeat(RowErrors errors, int row, String key, String shown) {
        Integer first = seen.putIfAbsent(key, row);
        if (first != null) {
            errors.cell(row, COLUMN, shown + "与第" + first + "行重复");
        }
        return first == null;
    }
}
