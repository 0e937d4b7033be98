package io.minyi.lists.internal;

import io.minyi.org.StaffUser;
import io.minyi.org.SubjectShield;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Key projects, visits and typical cases each carry the jurisdiction path they belong to, and a caller reads those
 * under their own scope only: one out of scope is not found, as it would be if it did not exist. The rule is kept here
 * once for every such table rather than in each query that reads one.
 */
final class InScope {

    private InScope() {
    }

    /**
     * The record {@code id} read by {@code sql}, whose two parameters are the id and the caller's scope pattern.
     *
     * @param what names the record in the not-found message
     */
    static <T> T one(JdbcClient jdbc, StaffUser me, String sql, long id, RowMapper<T> row, String what) {
        return jdbc.sql(sql).params(id, me.scopePathPattern()).query(row).optional()
                .orElseThrow(() -> new NotFoundException(what + " " + id));
    }

    /** One page of {@code table}'s rows in the caller's scope, the latest {@code dayColumn} first. */
    static <T> PageResult<T> newestFirst(JdbcClient jdbc, StaffUser me, String table, String dayColumn,
                                         PageResult.Request page, RowMapper<T> row) {
        return newestFirst(jdbc, me, table, dayColumn, SubjectShield.Clause.TRUE, page, row);
    }

    /** As above, of the rows {@code also} leaves (a table whose rows are about cases: the whistle-blower rule). */
    static <T> PageResult<T> newestFirst(JdbcClient jdbc, StaffUser me, String table, String dayColumn,
                                         SubjectShield.Clause also, PageResult.Request page, RowMapper<T> row) {
        String where = " WHERE jurisdiction_path LIKE ? AND " + also.sql();
        List<Object> args = new ArrayList<>();
        args.add(me.scopePathPattern());
        args.addAll(also.args());
        long total = jdbc.sql("SELECT count(*) FROM " + table + where).params(args).query(Long.class).single();
        args.add(page.size());
        args.add(page.offset());
        return new PageResult<>(jdbc.sql("SELECT * FROM " + table + where + " ORDER BY " + dayColumn
                        + " DESC, id DESC LIMIT ? OFFSET ?").params(args).query(row).list(),
                page.page(), page.size(), total);
    }
}
