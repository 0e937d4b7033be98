package io.minyi.supervision.internal;

import io.minyi.platform.ReplayedOnLoss;
import io.minyi.supervision.SupervisionTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 (decision 0051): the projection's write runs once, alone or in front of the raised-about rows, and its
 * {@code RETURNING} lets the listener's transaction commit without waiting for the disk either way (an unreferenced
 * sub-statement of a WITH still runs to its end, RETURNING included).
 */
@SupervisionTestContext
class PendingWriteTests {

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void the_write_runs_once_and_sets_the_commit_alone_or_in_front_of_another() {
        for (boolean together : new boolean[]{false, true}) {
            String[] seen = tx.execute(s -> {
                jdbc.sql("CREATE TEMP TABLE pending_probe (id int PRIMARY KEY) ON COMMIT DROP").update();
                String before = setting();
                PendingWrite w = new PendingWrite("INSERT INTO pending_probe VALUES (?) RETURNING "
                        + ReplayedOnLoss.IN_STATEMENT, 1);
                if (together) {
                    w.with(jdbc, "INSERT INTO pending_probe VALUES (?)", 2);
                    w.with(jdbc, "INSERT INTO pending_probe VALUES (?)", 3);
                }
                w.flush(jdbc);
                w.flush(jdbc);
                return new String[]{before, setting(), jdbc.sql(
                        "SELECT string_agg(id::text, ',' ORDER BY id) FROM pending_probe").query(String.class).single()};
            });
            assertThat(seen[0]).isEqualTo("on");
            assertThat(seen[1]).as("together: %s", together).isEqualTo("off");
            assertThat(seen[2]).isEqualTo(together ? "1,2,3" : "1");
        }
        String after = tx.execute(s -> setting());
        assertThat(after).as("only for the transaction").isEqualTo("on");
    }

    private String setting() {
        return jdbc.sql("SHOW synchronous_commit").query(String.class).single();
    }
}
