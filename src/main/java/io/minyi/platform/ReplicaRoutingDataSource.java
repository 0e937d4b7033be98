package io.minyi.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application's one DataSource: the primary, except that a connection opened inside a {@link StaleReads}
 * section comes from the read replica while it serves, and otherwise from the primary made read-only for as long as
 * the section holds it.
 */
class ReplicaRoutingDataSource extends DelegatingDataSource implements AutoCloseable {

    private final ObjectProvider<ReadReplica> replica;
    private final AtomicLong toReplica = new AtomicLong();
    private final AtomicLong toPrimary = new AtomicLong();

    ReplicaRoutingDataSource(DataSource primary, ObjectProvider<ReadReplica> replica) {
        super(primary);
        this.replica = replica;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!StaleReads.active()) {
            return obtainTargetDataSource().getConnection();
        }
        ReadReplica r = replica.getIfAvailable();
        Connection c = r == null ? null : r.connection();
        if (c != null) {
            toReplica.incrementAndGet();
            return c;
        }
        toPrimary.incrementAndGet();
        return readOnly(obtainTargetDataSource().getConnection());
    }

    /** Stale reads served by the replica and by the primary since start (for tests and the log). */
    long[] counts() {
        return new long[]{toReplica.get(), toPrimary.get()};
    }

    /**
     * The primary's connection, read-only on the server for every statement (the driver's own read-only flag binds
     * only transactions), and back to normal before it returns to the pool.
     */
    private static Connection readOnly(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION default_transaction_read_only = on");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try (Statement st = c.createStatement()) {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    st.execute("SET SESSION default_transaction_read_only = off");
                } catch (SQLException e) {
                    // a broken connection: the pool drops it anyway
                }
                c.close();
                return null;
            }
            if (method.getName().equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            if (method.getName().equals("unwrap") && args != null && args[0] == Connection.class) {
                return proxy;
            }
            try {
                return method.invoke(c, args);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        };
        return (Connection) Proxy.newProxyInstance(ReplicaRoutingDataSource.class.getClassLoader(),
                new Class<?>[]{Connection.class}, h);
    }

    @Override
    public void close() throws Exception {
        if (obtainTargetDataSource() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
