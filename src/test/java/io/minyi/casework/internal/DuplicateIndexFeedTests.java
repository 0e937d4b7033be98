package io.minyi.casework.internal;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static io.minyi.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one database, each with its own duplicate index: the application context is node A, and
 * node B is a second index with its own feed (LISTEN connection) over the same database. A case registered through A
 * must show in B's duplicate suggestions within seconds — through the notification, since B's own timed look is set
 * to an hour here.
 */
@FullStackTest
class DuplicateIndexFeedTests {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Autowired
    CaseIntake intake;
    @Autowired
    Cases cases;
    @Autowired
    Clock clock;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DuplicateSuggestions suggestions;

    DuplicateSuggestions nodeB;
    CaseIndexFeed feedB;
    long county;
    String countyPath;

    @BeforeEach
    void startNodeB() throws Exception {
        county = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'")
                .query(Long.class).single();
        countyPath = jdbc.sql("SELECT path FROM jurisdiction WHERE id = ?").param(county).query(String.class).single();
        nodeB = new DuplicateSuggestions(cases, clock);
        nodeB.rebuild();
        feedB = new CaseIndexFeed(dataSource, nodeB, Duration.ofHours(1));
        feedB.start();
        eventually(() -> feedB.catchUps() >= 1, "node B's feed listens", WITHIN);
    }

    @AfterEach
    void stopNodeB() throws Exception {
        feedB.stop();
        nodeB.close();
    }

    @Test
    void a_case_registered_through_node_a_is_suggested_as_a_duplicate_on_node_b_within_seconds() {
        String place = "枫林苑" + UUID.randomUUID().toString().substring(0, 6);
        long id = register(place + "七号楼地下车库积水严重，电瓶车被淹，物业一直不处理");

        eventually(() -> nodeB.indexes(id), "node B indexes the case registered through node A", WITHIN);
        var hits = nodeB.index().similar(place + "七号楼的地下车库积水很严重，电瓶车都淹了，物业不处理", countyPath, -1, 5);
        assertThat(hits).extracting(DuplicateIndex.Hit::caseId).contains(id);
    }

    /**
     * Issue 11: a commit only buffers its index update (no reopen per commit); the next search on the same node still
     * finds it at once, without waiting for the feed.
     */
    @Test
    void a_case_committed_on_node_a_is_found_by_the_very_next_search_on_node_a() {
        String place = "丁香里" + UUID.randomUUID().toString().substring(0, 6);
        long id = register(place + "小区门口的窨井盖丢了三天，晚上有人踩空摔伤，一直没人来修");

        assertThat(suggestions.similar(place + "小区门口窨井盖丢了好几天，晚上有人踩空摔伤，没人修", countyPath, -1, 5))
                .extracting(DuplicateIndex.Hit::caseId).contains(id);
    }

    @Test
    void a_write_that_commits_after_a_later_one_is_still_read_by_node_b() throws Exception {
        String before = "松涛路" + UUID.randomUUID().toString().substring(0, 6);
        long slow = register(before + "路灯坏了半个月没人修，晚上行人摔倒");
        eventually(() -> nodeB.indexes(slow), "node B indexes the first case", WITHIN);

        String after = "梧桐巷" + UUID.randomUUID().toString().substring(0, 6);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("UPDATE cases SET content = ? WHERE id = ?")) {
                st.setString(1, after + "井盖丢失多日，夜里有车辆陷入，十分危险");
                st.setLong(2, slow);
                st.executeUpdate();
            }
            // a later transaction commits first, and node B catches up past it while the first is still open
            long quick = register("银杏湾" + UUID.randomUUID().toString().substring(0, 6) + "广场舞音响太吵影响休息");
            eventually(() -> nodeB.indexes(quick), "node B reads the later commit", WITHIN);
            c.commit();
        }

        eventually(() -> nodeB.index().similar(after + "井盖丢失好几天，夜里车辆陷进去，很危险", countyPath, -1, 5)
                .stream().anyMatch(h -> h.caseId() == slow), "node B reads the commit that came late", WITHIN);
        assertThat(nodeB.index().similar(before + "路灯坏了半个月没人修，晚上有行人摔倒", countyPath, -1, 5))
                .extracting(DuplicateIndex.Hit::caseId).doesNotContain(slow);
    }

    private long register(String content) {
        return intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county, null, null, null, null,
                content, null, null, null)).caseId();
    }
}
