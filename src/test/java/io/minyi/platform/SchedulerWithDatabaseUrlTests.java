package io.minyi.platform;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production sets {@code spring.datasource.url}, so Spring Boot makes the DataSource and the scheduler must be made
 * after it. The full-stack tests cannot show this: their embedded database is a bean of our own, there before any
 * auto-configuration. The cluster drill found every node without a scheduler (no daily report in its forced windows).
 */
class SchedulerWithDatabaseUrlTests {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setLocaleConfig("locale", "C.UTF-8").start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private ApplicationContextRunner withDatabaseUrl() {
        return new ApplicationContextRunner().withPropertyValues(
                "spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username=postgres",
                // started on ApplicationReadyEvent, which a context runner never publishes: nothing polls here
                "db-scheduler.delay-startup-until-context-ready=true");
    }

    @Test
    void a_node_given_a_database_url_has_a_scheduler() {
        withDatabaseUrl()
                .withConfiguration(AutoConfigurations.of(SchedulerAfterDataSource.class, DataSourceAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(Scheduler.class);
                });
    }

    @Test
    void the_starter_on_its_own_orders_itself_before_the_data_source_and_makes_none() {
        // Why SchedulerAfterDataSource exists. When a starter release orders itself after Boot 4's DataSource this
        // fails: then the shim and the exclusion in application.properties can go.
        withDatabaseUrl()
                .withConfiguration(AutoConfigurations.of(DbSchedulerAutoConfiguration.class, DataSourceAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(Scheduler.class));
    }
}
