package io.minyi.platform;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, decision 0046: a listener's transaction may commit without waiting for the disk, and only that
 * transaction — the connection goes back to the pool with PostgreSQL's setting (synchronous) for whoever takes it
 * next; and the registry's events are written by our serializer, as Modulith's Jackson serializer wrote them.
 */
@FullStackTest
class ReplayedOnLossFullStackTests {

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired EventSerializer serializer;

    @Test
    void only_the_transaction_that_asks_commits_without_waiting_for_the_disk() {
        String inside = tx.execute(s -> {
            ReplayedOnLoss.commitWithoutWaitingForDisk(jdbc);
            return jdbc.sql("SHOW synchronous_commit").query(String.class).single();
        });
        assertThat(inside).isEqualTo("off");
        for (int i = 0; i < 3; i++) {
            String after = tx.execute(s -> jdbc.sql("SHOW synchronous_commit").query(String.class).single());
            assertThat(after).isEqualTo("on");
        }
    }

    record Sample(long caseId, String category, Instant at) {
    }

    @Test
    void events_are_written_as_json_and_read_back() {
        Sample e = new Sample(42, "公共设施", Instant.parse("2026-11-30T04:05:06.123456Z"));
        Object json = serializer.serialize(e);
        assertThat(serializer).isInstanceOf(EventPublicationSerializer.class);
        assertThat(json.toString()).contains("\"caseId\":42,").contains("公共设施");
        assertThat(serializer.deserialize(json, Sample.class)).isEqualTo(e);
    }
}
