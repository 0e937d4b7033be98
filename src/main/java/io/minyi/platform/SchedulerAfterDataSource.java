package io.minyi.platform;

import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Brings in db-scheduler's auto-configuration after Spring Boot's DataSource. The starter (16.x) orders itself after
 * Boot 3's {@code org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration}, a class Boot 4 moved; the
 * ordering is then lost and its {@code @ConditionalOnBean(DataSource)} is judged before the DataSource exists whenever
 * {@code spring.datasource.url} is set (production, the cluster drill). No scheduler was created there, so no deadline,
 * daily report, outbox or reminder ran — while the embedded database of tests, a bean of our own, hid it. The starter's
 * own entry is excluded in {@code application.properties} so the configuration is considered once, here.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@Import(DbSchedulerAutoConfiguration.class)
public class SchedulerAfterDataSource {
}
