package io.minyi.platform;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link JdbcClient} whose statements PostgreSQL plans with their parameters on every call (decision 0069).
 * <p>
 * After five calls of one statement the JDBC driver prepares it on the server, and PostgreSQL may then keep one
 * generic plan made without the parameters. For the staff's reads of figures and lists, whose best plan depends on the
 * scope (a unit or a province) and the period (a day or a year), that plan was the wrong one for most calls: on ten
 * million evaluations a city's month took 0.3 s while planned per call and 3–10 s once generic. Planning costs these
 * reads a fraction of a millisecond. The intake keeps the default: its statements have one best plan.
 */
@Component
public class PlannedPerCall {

    private final JdbcClient jdbc;

    PlannedPerCall(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource) {
            @Override
            protected void applyStatementSettings(Statement statement) throws SQLException {
                super.applyStatementSettings(statement);
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
        };
        this.jdbc = JdbcClient.create(template);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }
}
