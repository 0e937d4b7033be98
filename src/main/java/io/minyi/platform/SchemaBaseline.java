package io.minyi.platform;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.Locale;

/**
 * The migrations up to V10_42 were squashed into nine baseline files, V10_42_1 … V10_42_9, that build the same schema
 * (decision 0063). A fresh database runs the nine files. A database that ran the old migrations already has that
 * schema, so running the files would fail on the first {@code CREATE TABLE}: before Flyway migrates, its history is
 * replaced, in one transaction, by the row Flyway's own {@code baseline} would write at {@link #BASELINE}, and Flyway
 * then counts the nine files as applied. A database stopped part-way in the old migrations would need the ones it
 * misses, which are gone: it is refused, with the way out, before anything is changed.
 */
@Component
class SchemaBaseline implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(SchemaBaseline.class);

    /**
     * The last of the old migrations, applied last (out of order, Flyway applies the lower pending versions first):
     * a database whose history has it, successful, holds the whole old schema, which the nine files reproduce.
     */
    static final String OLD_LAST = "10.42";

    /**
     * The version of the baseline row: the last of the nine files. Flyway ignores the files up to and including a
     * baseline's version, so none of the nine runs on such a database; the next migrations are V10_43 and up.
     */
    static final String BASELINE = "10.42.9";

    /** The nine files' versions, 10.42.1 … 10.42.9, and the baseline row's: only the new lineage has them. */
    static final String NEW_LINEAGE = "10.42.%";

    /** What Flyway writes as the description and script of a baseline row. */
    static final String BASELINE_MARK = "<< Flyway Baseline >>";

    /** The last commit with the old migrations: its release takes a database part-way there to V10_42. */
    static final String LAST_OLD_RELEASE = "180b595";

    /** Which history a database has, and so what becomes of it. */
    enum Lineage { FRESH, NEW, OLD, PART_WAY }

    /** What the history table holds, read under its lock. */
    record History(long rows, boolean newLineage, boolean oldLast, boolean failed, @Nullable String lastApplied) {

        Lineage lineage() {
            if (rows == 0) {
                return Lineage.FRESH;
            }
            if (newLineage) {
                return Lineage.NEW;
            }
            // a failed row stays for Flyway to report: replaced by the baseline it would be forgotten
            return oldLast && !failed ? Lineage.OLD : Lineage.PART_WAY;
        }
    }

    private final MessageSource messages;

    SchemaBaseline(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public void migrate(Flyway flyway) {
        Configuration config = flyway.getConfiguration();
        DataSource dataSource = config.getDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String table = historyTable(jdbc, config);
        if (table != null) {
            Long replaced = new TransactionTemplate(new DataSourceTransactionManager(dataSource))
                    .execute(s -> settle(jdbc, table, config.getInstalledBy()));
            if (replaced != null && replaced > 0) {
                log.info("Flyway history of the old migrations ({} rows, up to V{}) replaced by one baseline row "
                        + "at {}: the schema is the baseline files' already (decision 0063)", replaced, OLD_LAST,
                        BASELINE);
            }
        }
        flyway.migrate();
    }

    /**
     * The history table where Flyway looks for it (its default schema, else its first schema, else the connection's),
     * quoted for SQL; null when it does not exist yet.
     */
    private static @Nullable String historyTable(JdbcTemplate jdbc, Configuration config) {
        String schema = config.getDefaultSchema() != null ? config.getDefaultSchema()
                : config.getSchemas().length > 0 ? config.getSchemas()[0]
                : jdbc.queryForObject("SELECT current_schema()", String.class);
        String table = jdbc.queryForObject("SELECT quote_ident(?) || '.' || quote_ident(?)", String.class, schema,
                config.getTable());
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table))
                ? table : null;
    }

    /** @return the number of old rows replaced by the baseline row; 0 when the history is left as it is */
    private long settle(JdbcTemplate jdbc, String table, @Nullable String installedBy) {
        // held to the commit: a second node starting at the same moment waits here, then reads the baseline row
        jdbc.execute("LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE");
        History history = jdbc.queryForObject("SELECT count(*), coalesce(bool_or(version LIKE ?), false), "
                        + "coalesce(bool_or(version = ? AND success), false), coalesce(bool_or(NOT success), false), "
                        + "(SELECT version FROM " + table + " WHERE version IS NOT NULL "
                        + "ORDER BY installed_rank DESC LIMIT 1) FROM " + table,
                (rs, n) -> new History(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getString(5)), NEW_LINEAGE, OLD_LAST);
        return switch (history.lineage()) {
            case FRESH, NEW -> 0;
            case PART_WAY -> throw new IllegalStateException(refusal(history));
            case OLD -> {
                long rows = jdbc.update("DELETE FROM " + table);
                // the row Flyway's baseline writes: the configured installer, else the database user, as Flyway does
                jdbc.update("INSERT INTO " + table + " (installed_rank, version, description, type, script, "
                                + "checksum, installed_by, installed_on, execution_time, success) VALUES (1, ?, ?, "
                                + "'BASELINE', ?, NULL, coalesce(?::text, current_user), now(), 0, true)",
                        BASELINE, BASELINE_MARK, BASELINE_MARK, installedBy);
                yield rows;
            }
        };
    }

    /** For an operator's log, whatever the server's language: English, then the city's language. */
    String refusal(History history) {
        String key = history.failed() ? "platform.schemaBaseline.partWayFailed" : "platform.schemaBaseline.partWay";
        Object[] args = {OLD_LAST, String.valueOf(history.lastApplied()), LAST_OLD_RELEASE};
        return messages.getMessage(key, args, Locale.ENGLISH) + " / "
                + messages.getMessage(key, args, CityLanguage.LOCALE);
    }
}
