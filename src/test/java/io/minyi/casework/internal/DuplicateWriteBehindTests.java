package io.minyi.casework.internal;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit only queues its case's index write; the index's own thread writes the queue in batches, and a search
 * writes what is still queued first (decision 0052). So a case is found right after its commit, whoever searches, and
 * is written without anyone searching.
 */
@FullStackTest
class DuplicateWriteBehindTests {

    @Autowired
    CaseIntake intake;
    @Autowired
    DuplicateSuggestions suggestions;
    @Autowired
    JdbcClient jdbc;

    long county;
    String countyPath;

    @BeforeEach
    void county() {
        county = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'")
                .query(Long.class).single();
        countyPath = jdbc.sql("SELECT path FROM jurisdiction WHERE id = ?").param(county).query(String.class).single();
    }

    @Test
    void the_index_thread_writes_a_committed_case_without_anyone_searching() throws Exception {
        String place = "芙蓉里" + UUID.randomUUID().toString().substring(0, 6);
        long id = register(place + "菜市场门口的下水道堵了一个星期，污水漫到路上");

        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (suggestions.queuedWrites() > 0) {
            assertThat(System.nanoTime()).as("the queue is written within 5 s").isLessThan(end);
            Thread.sleep(20);
        }
        // nothing left to write for the look below: the case is there because the index's thread wrote it
        assertThat(suggestions.indexes(id)).isTrue();
    }

    @Test
    void cases_committed_at_the_same_time_are_each_found_by_the_search_right_after_their_commit() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> posts = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String place = "翠竹园" + UUID.randomUUID().toString().substring(0, 6);
                posts.add(() -> {
                    long id = register(place + "小区北门的路灯坏了两个星期，晚上一片漆黑，老人摔倒了");
                    return suggestions.similar(place + "小区北门路灯坏了很久，晚上很黑，有老人摔倒", countyPath, -1, 5)
                            .stream().anyMatch(h -> h.caseId() == id);
                });
            }
            for (Future<Boolean> found : clients.invokeAll(posts)) {
                assertThat(found.get()).as("found right after its commit").isTrue();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private long register(String content) {
        return intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county, null, null, null, null,
                content, null, null, null)).caseId();
    }
}
