package io.minyi.notification;

import io.minyi.support.FullStackTest;
import io.minyi.support.HomeTodos;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A message given up on after its retries waits on the admin's home page until the admin sends it again. */
@FullStackTest
class DeadDeliveriesFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_admin_counts_the_dead_deliveries_the_log_lists_and_a_retry_takes_one_off() {
        StaffClient admin = new StaffClient(port);
        assertThat(admin.login("admin").statusCode()).isEqualTo(302);
        long before = dead(admin);

        String marker = "死信测试-" + UUID.randomUUID().toString().substring(0, 8);
        // in the admin's own jurisdiction, where the log shows it
        String path = jdbc.queryForObject("""
                SELECT j.path FROM staff_account s JOIN org_jurisdiction j ON j.id = s.jurisdiction_id
                WHERE s.username = 'admin'""", String.class);
        long city = io.minyi.platform.CityKey.of(path);
        long id = jdbc.queryForObject("""
                INSERT INTO notification (channel, address, title, body, dedup_key, status, attempts, last_error,
                                          created_at, jurisdiction_path, city_id)
                VALUES ('SMS', '13800000000', ?, '办理结果已可查询', ?, 'DEAD', 8, 'gateway unreachable', now(), ?, ?)
                RETURNING id""", Long.class, marker, marker, path, city);
        assertThat(dead(admin)).isEqualTo(before + 1);
        assertThat(admin.get("/admin/notifications?status=DEAD").body()).contains(marker);

        admin.get("/admin/notifications?status=DEAD");
        assertThat(admin.postForm("/admin/notifications/" + id + "/retry", java.util.Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(dead(admin)).isEqualTo(before);
    }

    private static long dead(StaffClient admin) {
        return HomeTodos.count(admin, "/admin/notifications?status=DEAD");
    }
}
