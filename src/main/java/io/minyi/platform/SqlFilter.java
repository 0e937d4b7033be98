package io.minyi.platform;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/**
 * A WHERE clause built from optional filters, with its positional parameters; values never enter the SQL text, and
 * text searched for matches itself ({@code %}, {@code _} and {@code \\} are escaped).
 */
public final class SqlFilter {

    /** A list larger than this is not a download any more but a job for a report. */
    public static final int MAX_ROWS = 100_000;

    private final StringBuilder sql = new StringBuilder(" WHERE true");
    private final List<Object> params = new ArrayList<>();

    /** No condition yet; add them with {@link #and} and the like. */
    public static SqlFilter empty() {
        return new SqlFilter();
    }

    /** Every list starts from the caller's jurisdiction scope, so nothing outside it is ever read. */
    public static SqlFilter scopedTo(String pathColumn, String scopePattern) {
        return new SqlFilter().and(pathColumn + " LIKE ?", scopePattern);
    }

    public SqlFilter and(String clause, Object... values) {
        sql.append(" AND ").append(clause);
        params.addAll(java.util.Arrays.asList(values));
        return this;
    }

    public SqlFilter andIf(boolean condition, String clause, Object... values) {
        return condition ? and(clause, values) : this;
    }

    /** The condition on {@code value} when the filter names one (a type, a role, a level it recognised). */
    public SqlFilter andPresent(String clause, java.util.Optional<?> value) {
        return value.isPresent() ? and(clause, value.get()) : this;
    }

    /** Substring match on any of the columns; % and _ typed by the user match themselves. */
    public SqlFilter contains(String text, String... columns) {
        if (text == null || text.isBlank()) {
            return this;
        }
        String pattern = containing(text);
        List<String> parts = new ArrayList<>();
        for (String column : columns) {
            parts.add(column + " LIKE ? ESCAPE '\\'");
            params.add(pattern);
        }
        sql.append(" AND (").append(String.join(" OR ", parts)).append(')');
        return this;
    }

    public SqlFilter status(String status, String activeColumn) {
        if ("active".equals(status)) {
            return and(activeColumn);
        }
        if ("inactive".equals(status)) {
            return and("NOT " + activeColumn);
        }
        return this;
    }

    /** A LIKE pattern (escape character: backslash) for text anywhere in a column. */
    public static String containing(String text) {
        return "%" + escapeLike(text.strip()) + "%";
    }

    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public String sql() {
        return sql.toString();
    }

    public List<Object> params() {
        return new ArrayList<>(params);
    }

    public List<Object> paramsWith(Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(java.util.Arrays.asList(more));
        return all;
    }

    /** One page of what {@code select} finds under this clause, with the total that {@code count} finds. */
    public <T> PageResult<T> page(JdbcClient jdbc, String count, String select, String orderBy, RowMapper<T> mapper,
                           PageResult.Request page) {
        long total = jdbc.sql(count + sql()).params(params()).query(Long.class).single();
        List<T> items = jdbc.sql(select + sql() + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?")
                .params(paramsWith(page.size(), page.offset())).query(mapper).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** Everything {@code select} finds under this clause, up to what one export may hold. */
    public <T> List<T> all(JdbcClient jdbc, String select, String orderBy, RowMapper<T> mapper) {
        return jdbc.sql(select + sql() + " ORDER BY " + orderBy + " LIMIT ?").params(paramsWith(MAX_ROWS))
                .query(mapper).list();
    }
}
