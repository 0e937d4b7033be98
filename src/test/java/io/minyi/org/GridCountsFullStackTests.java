package io.minyi.org;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's 网格员: the accounts still active among those linked to the grids, as the grid's own figures count. */
@FullStackTest
class GridCountsFullStackTests {

    @Autowired OrgDirectory org;
    @Autowired JdbcClient jdbc;

    @Test
    void a_grid_worker_whose_account_was_deactivated_is_no_longer_counted() {
        String city = org.root().path();
        OrgRefs.GridCounts before = org.gridsWithin(city);
        long grid = jdbc.sql("SELECT id FROM grid WHERE active ORDER BY id LIMIT 1").query(Long.class).single();
        long left = jdbc.sql("""
                        INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id, active)
                        SELECT ?, '已离职网格员', password_hash, roles, unit_id, jurisdiction_id, false
                        FROM staff_account WHERE 'GRID_WORKER' = ANY(roles) ORDER BY id LIMIT 1
                        RETURNING id""")
                .param("left_" + UUID.randomUUID().toString().substring(0, 8)).query(Long.class).single();
        try {
            jdbc.sql("INSERT INTO grid_worker (grid_id, staff_id) VALUES (?, ?)").params(grid, left).update();
            assertThat(org.gridsWithin(city)).isEqualTo(before);
            jdbc.sql("UPDATE staff_account SET active = true WHERE id = ?").param(left).update();
            assertThat(org.gridsWithin(city).gridWorkers()).isEqualTo(before.gridWorkers() + 1);
        } finally {
            jdbc.sql("DELETE FROM grid_worker WHERE staff_id = ?").param(left).update();
            jdbc.sql("DELETE FROM staff_account WHERE id = ?").param(left).update();
        }
    }
}
