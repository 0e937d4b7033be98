package io.minyi.org.web;

import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from optional filters, with its positional parameters; values never enter the SQL text. */
final class Where {

    /** A list larger than this is not a download any more but a job for a report. */
    static final int MAX_ROWS = 100_000;

    private final StringBuilder sql = new StringBuilder(" WHERE true");
    private final List<Object> params = new ArrayList<>();

    /** Every list starts from the caller's jurisdiction scope, so nothing outside it is ever read. */
    static Where scopedTo(String pathColumn, String scopePattern) {
        return new Where().and(pathColumn + " LIKE ?", scopePattern);
    }

    Where and(String clause, Object... values) {
        sql.append(" AND ").append(clause);
        params.addAll(java.util.Arrays.asList(values));
        return this;
    }

    Where andIf(boolean condition, String clause, Object... values) {
        return condition ? and(clause, values) : this;
    }

    /** Substring match on any of the columns; % and _ typed by the user match themselves. */
    Where contains(String text, String... columns) {
        if (text == null || text.isBlank()) {
            return this;
        }
        String pattern = "%" + escapeLike(text.strip()) + "%";
        List<String> parts = new ArrayList<>();
        for (String column : columns) {
            parts.add(column + " LIKE ? ESCAPE '\\'");
            params.add(pattern);
        }
        sql.append(" AND (").append(String.join(" OR ", parts)).append(')');
        return this;
    }

    Where status(String status, String activeColumn) {
        if ("active".equals(status)) {
            return and(activeColumn);
        }
        if ("inactive".equals(status)) {
            return and("NOT " + activeColumn);
        }
        return this;
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The path of a jurisdiction inside the caller's scope, for "everything under" filters; unknown ids match none. */
    static String subtreePattern(JdbcClient jdbc, StaffUser me, Long jurisdictionId) {
        if (jurisdictionId == null) {
            return me.scopePathPattern();
        }
        return jdbc.sql("SELECT path FROM jurisdiction WHERE id = ? AND path LIKE ?")
                .params(jurisdictionId, me.scopePathPattern()).query(String.class).optional()
                .map(p -> p + "%").orElse("-");
    }

    String sql() {
        return sql.toString();
    }

    List<Object> params() {
        return new ArrayList<>(params);
    }

    List<Object> paramsWith(Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(java.util.Arrays.asList(more));
        return all;
    }

    /** One page of what {@code select} finds under this clause, with the total that {@code count} finds. */
    <T> PageResult<T> page(JdbcClient jdbc, String count, String select, String orderBy, RowMapper<T> mapper,
                           PageResult.Request page) {
        long total = jdbc.sql(count + sql()).params(params()).query(Long.class).single();
        List<T> items = jdbc.sql(select + sql() + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?")
                .params(paramsWith(page.size(), page.offset())).query(mapper).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** Everything {@code select} finds under this clause, up to what one export may hold. */
    <T> List<T> all(JdbcClient jdbc, String select, String orderBy, RowMapper<T> mapper) {
        return jdbc.sql(select + sql() + " ORDER BY " + orderBy + " LIMIT ?").params(paramsWith(MAX_ROWS))
                .query(mapper).list();
    }
}
