package io.minyi.reporting;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.minyi.org.OrgDirectory;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' schedulers (db-scheduler, as every node runs it) on one database, both polling ten times a second, with
 * the real daily-report task: each forced window produces the day's reports exactly once — one "report.generate" or
 * "report.regenerate" audit event per report, never two —. Which node takes a window is a race (one may take all). The schedulers
 * use a table of their own so that the application's own scheduler does not take part.
 */
@FullStackTest
class SchedulerClusterTests {

    private static final String TABLE = "scheduled_tasks_cluster_probe";
    private static final int WINDOWS = 10;

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    OrgDirectory org;
    @Autowired
    @Qualifier("dailyReportTask")
    RecurringTask<Void> dailyReportTask;

    @Test
    void a_forced_daily_report_window_runs_once_across_two_nodes() throws Exception {
        jdbc.sql("DROP TABLE IF EXISTS " + TABLE).update();
        jdbc.sql("CREATE TABLE " + TABLE + " (LIKE scheduled_tasks INCLUDING ALL)").update();
        AtomicInteger runs = new AtomicInteger();
        Map<String, Integer> byNode = new ConcurrentHashMap<>();
        var listener = new AbstractSchedulerListener() {
            @Override
            public void onExecutionComplete(ExecutionComplete done) {
                runs.incrementAndGet();
                byNode.merge(done.getExecution().pickedBy, 1, Integer::sum);
            }
        };
        Scheduler a = node("node-a", listener);
        Scheduler b = node("node-b", listener);
        a.start();
        b.start();
        try {
            LocalDate day = LocalDate.now(clock).minusDays(1);
            int reportsPerWindow = 1 + org.children(org.root().id()).size();
            TaskInstanceId window = TaskInstanceId.of("daily-report", RecurringTask.INSTANCE);
            awaitRow(window);
            long events = auditEvents(day);
            for (int i = 1; i <= WINDOWS; i++) {
                // both nodes see the execution due at once and race for it
                assertThat((i % 2 == 0 ? a : b).reschedule(window, Instant.now())).as("window " + i + " forced")
                        .isTrue();
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (runs.get() < i && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                // a second run would come within a few polls
                Thread.sleep(800);
                assertThat(runs.get()).as("runs after window " + i).isEqualTo(i);
                assertThat(auditEvents(day) - events).as("report events after window " + i)
                        .isEqualTo((long) i * reportsPerWindow);
            }
            assertThat(jdbc.sql("SELECT count(*) FROM daily_report WHERE day = ?").param(Date.valueOf(day))
                    .query(Long.class).single()).isEqualTo(reportsPerWindow);
            // which node wins a window is a race: one node may take all ten (CI saw it), so only the sum is asserted
            assertThat(byNode.values().stream().mapToInt(Integer::intValue).sum()).as("windows run, over both nodes")
                    .isEqualTo(WINDOWS);
        } finally {
            a.stop();
            b.stop();
            jdbc.sql("DROP TABLE IF EXISTS " + TABLE).update();
        }
    }

    private Scheduler node(String name, AbstractSchedulerListener listener) {
        return Scheduler.create(dataSource).startTasks(List.of(dailyReportTask)).tableName(TABLE).threads(2)
                .pollingInterval(Duration.ofMillis(100)).schedulerName(new SchedulerName.Fixed(name))
                .addSchedulerListener(listener).build();
    }

    private void awaitRow(TaskInstanceId id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (jdbc.sql("SELECT count(*) FROM " + TABLE + " WHERE task_name = ? AND task_instance = ?")
                    .params(id.getTaskName(), id.getId()).query(Long.class).single() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the recurring execution was never stored");
    }

    private long auditEvents(LocalDate day) {
        return jdbc.sql("""
                        SELECT count(*) FROM audit_event
                        WHERE record_type = 'daily_report' AND action IN ('reporting.daily_report.generate', 'reporting.daily_report.regenerate')
                          AND record_id IN (SELECT id::text FROM daily_report WHERE day = ?)""")
                .param(Date.valueOf(day)).query(Long.class).single();
    }
}
