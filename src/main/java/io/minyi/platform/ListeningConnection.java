package io.minyi.platform;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A connection that LISTENs for PostgreSQL notifications for as long as the node runs. It is made outside the pool
 * when the pool tells how to make one (it would otherwise hold a pooled connection for ever), with the pool's URL, so
 * a multi-host URL follows a failover here too.
 */
public final class ListeningConnection {

    private ListeningConnection() {
    }

    /** A new connection named {@code applicationName} in {@code pg_stat_activity}; the caller closes it. */
    public static Connection open(DataSource dataSource, String applicationName) throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource h = dataSource.unwrap(HikariDataSource.class);
            if (h.getJdbcUrl() != null) {
                Properties props = new Properties();
                if (h.getUsername() != null) {
                    props.setProperty("user", h.getUsername());
                }
                if (h.getPassword() != null) {
                    props.setProperty("password", h.getPassword());
                }
                props.setProperty("tcpKeepAlive", "true");
                props.setProperty("ApplicationName", applicationName);
                return DriverManager.getConnection(h.getJdbcUrl(), props);
            }
        }
        return dataSource.getConnection();
    }
}
