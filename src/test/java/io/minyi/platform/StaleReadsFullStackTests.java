package io.minyi.platform;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default installation has no replica: stale-tolerant pages still work, on the primary, through read-only
 * connections — so a write slipped into the dashboard, the daily report's figures or the annual assessment fails
 * here rather than on the first installation with a replica.
 */
@FullStackTest
class StaleReadsFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReadReplica replica;

    @Test
    void without_a_replica_stale_sections_read_the_primary_read_only() {
        assertThat(replica.status().state()).isEqualTo(ReadReplica.State.NOT_CONFIGURED);
        assertThat(StaleReads.call(() -> jdbc.sql("SHOW transaction_read_only").query(String.class).single()))
                .isEqualTo("on");
        assertThat(jdbc.sql("SHOW transaction_read_only").query(String.class).single()).isEqualTo("off");

        // what PostgreSQL answers a write on a read-only server (a standby during a failover) counts as "try again"
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> StaleReads.run(
                () -> jdbc.sql("UPDATE staff_account SET username = username WHERE false").update()));
        assertThat(refused).isNotNull();
        assertThat(DatabaseFailures.unavailable(refused)).isTrue();
    }

    @Test
    void the_dashboard_says_where_its_figures_come_from_and_the_stale_tolerant_pages_work_read_only() {
        StaffClient leader = new StaffClient(port);
        leader.login("leader");
        var page = leader.get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"replica-status\"").contains("未配置只读副本");

        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        assertThat(supervisor.get("/supervision/assessment").statusCode()).isEqualTo(200);
        assertThat(supervisor.getBytes("/supervision/assessment.xlsx").statusCode()).isEqualTo(200);
        // the figures are read in a read-only section, the report written on the primary
        var generated = supervisor.postForm("/reports/daily/generate",
                Map.of("day", LocalDate.now(CityTime.ZONE).minusDays(3).toString()));
        assertThat(generated.statusCode()).isEqualTo(302);
        String report = generated.headers().firstValue("Location").orElseThrow();
        assertThat(report).contains("/reports/daily/");
        String path = report.substring(report.indexOf("/reports/daily/"));
        assertThat(supervisor.getBytes(path + ".xlsx").statusCode()).isEqualTo(200);
        assertThat(supervisor.getBytes(path + ".pdf").statusCode()).isEqualTo(200);
    }
}
