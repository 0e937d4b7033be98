package io.minyi.org;

import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.platform.ChangeFeed;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.minyi.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jurisdictions are cached on every node (decision 0048); a change must be seen at once on the node that makes it and
 * as soon as its notification arrives on the others. The application context is node A; node B is a second directory
 * with its own cache and feed (its own LISTEN connection) over the same database.
 */
@FullStackTest
class JurisdictionCacheFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    OrgDirectory org;
    @Autowired
    JurisdictionCache cache;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate tx;

    JurisdictionCache cacheB;
    ChangeFeed feedB;
    OrgDirectory nodeB;
    StaffClient admin;
    long village;
    String code;

    @BeforeEach
    void createAVillageAndStartNodeB() {
        admin = new StaffClient(port);
        admin.login("admin");
        admin.get("/admin/jurisdictions");
        String township = jdbc.sql("SELECT code FROM jurisdiction WHERE level = 'TOWNSHIP' AND active ORDER BY id LIMIT 1")
                .query(String.class).single();
        code = "JC" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> made = admin.postForm("/admin/jurisdictions",
                Map.of("code", code, "name", "缓存村" + code, "parentCode", township));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(302);
        village = jdbc.sql("SELECT id FROM jurisdiction WHERE code = ?").param(code).query(Long.class).single();

        cacheB = new JurisdictionCache();
        feedB = new ChangeFeed(dataSource, List.of(cacheB));
        feedB.start();
        nodeB = new JdbcOrgDirectory(jdbc, cacheB, new UnitCache());
        eventually(cacheB::trusted, "node B's feed listens");
        eventually(cache::trusted, "node A's feed listens");
    }

    @AfterEach
    void stopNodeB() {
        feedB.stop();
    }

    @Test
    void a_rename_on_the_admin_page_is_seen_at_once_on_this_node_and_within_seconds_on_another() {
        String township = org.jurisdiction(village).orElseThrow().path();
        assertThat(name(org, village)).isEqualTo("缓存村" + code);
        assertThat(name(nodeB, village)).isEqualTo("缓存村" + code);
        assertThat(org.lineage(village)).last().extracting(JurisdictionRef::name).isEqualTo("缓存村" + code);
        assertThat(org.jurisdictionByCode(code)).isPresent();

        String renamed = code + "X";
        HttpResponse<String> res = admin.postForm("/admin/jurisdictions/" + village,
                Map.of("code", renamed, "name", "改名村" + code));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);

        // node A: no wait at all
        assertThat(name(org, village)).isEqualTo("改名村" + code);
        assertThat(org.lineage(village)).last().extracting(JurisdictionRef::name).isEqualTo("改名村" + code);
        assertThat(org.jurisdictionByCode(code)).isEmpty();
        assertThat(org.jurisdictionByCode(renamed)).map(JurisdictionRef::path).contains(township);
        // node B: when the notification of the commit arrives
        eventually(() -> name(nodeB, village).equals("改名村" + code), "node B sees the rename");
        assertThat(nodeB.jurisdictionByCode(code)).isEmpty();
    }

    @Test
    void a_write_by_plain_sql_on_any_connection_is_heard_through_the_notification_on_every_node() throws Exception {
        assertThat(name(org, village)).isEqualTo("缓存村" + code);
        assertThat(name(nodeB, village)).isEqualTo("缓存村" + code);
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE jurisdiction SET name = ? WHERE id = ?")) {
            st.setString(1, "脚本改名村" + code);
            st.setLong(2, village);
            st.executeUpdate();
        }
        eventually(() -> name(org, village).equals("脚本改名村" + code), "node A hears the script's write");
        eventually(() -> name(nodeB, village).equals("脚本改名村" + code), "node B hears the script's write");
    }

    @Test
    void a_node_whose_feed_is_not_listening_reads_every_change_from_the_database() {
        assertThat(name(nodeB, village)).isEqualTo("缓存村" + code);
        feedB.stop();
        assertThat(cacheB.trusted()).isFalse();
        jdbc.sql("UPDATE jurisdiction SET name = ? WHERE id = ?").params("无人听村" + code, village).update();
        assertThat(name(nodeB, village)).isEqualTo("无人听村" + code);
    }

    @Test
    void a_rolled_back_change_reads_as_written_inside_its_transaction_and_is_never_kept() {
        assertThat(name(org, village)).isEqualTo("缓存村" + code);
        tx.executeWithoutResult(s -> {
            cache.changing();
            jdbc.sql("UPDATE jurisdiction SET name = ? WHERE id = ?").params("未提交村" + code, village).update();
            assertThat(name(org, village)).isEqualTo("未提交村" + code);
            s.setRollbackOnly();
        });
        assertThat(name(org, village)).isEqualTo("缓存村" + code);
    }

    @Test
    void a_unit_created_renamed_on_its_page_or_by_plain_sql_is_seen_by_units_of_its_place() {
        assertThat(org.unitsOf(village, UnitKind.GOVERNANCE_CENTRE)).isEmpty();
        String unitCode = "U-C-" + code;
        HttpResponse<String> made = admin.postForm("/admin/units", Map.of("code", unitCode, "name", "缓存中心" + code,
                "type", UnitKind.GOVERNANCE_CENTRE, "jurisdictionCode", code));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(302);
        long unit = jdbc.sql("SELECT id FROM unit WHERE code = ?").param(unitCode).query(Long.class).single();
        assertThat(centre(org)).isEqualTo("缓存中心" + code);
        assertThat(centre(org)).isEqualTo("缓存中心" + code);

        HttpResponse<String> renamed = admin.postForm("/admin/units/" + unit, Map.of("code", unitCode,
                "name", "改名中心" + code, "type", UnitKind.GOVERNANCE_CENTRE, "jurisdictionCode", code));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(302);
        assertThat(centre(org)).isEqualTo("改名中心" + code);

        jdbc.sql("UPDATE unit SET name = ? WHERE id = ?").params("脚本中心" + code, unit).update();
        eventually(() -> centre(org).equals("脚本中心" + code), "node A hears the script's write to the unit");
    }

    private String centre(OrgDirectory directory) {
        return directory.unitsOf(village, UnitKind.GOVERNANCE_CENTRE).stream().map(OrgRefs.UnitRef::name).findFirst()
                .orElse("");
    }

    private static String name(OrgDirectory directory, long id) {
        return directory.jurisdiction(id).map(JurisdictionRef::name).orElse("");
    }
}
