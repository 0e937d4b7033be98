package io.minyi.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts PostgreSQL 17 inside the JVM's process tree when no {@code spring.datasource.url} is given, so that
 * {@code mvn spring-boot:run} and {@code mvn verify} need nothing installed. Production sets the URL and this
 * configuration stays out of the way.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", matchIfMissing = true, havingValue = "embedded")
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(Environment env) throws IOException {
        String dataDir = env.getProperty("minyi.embedded-db.data-dir", "");
        int port = env.getProperty("minyi.embedded-db.port", Integer.class, 0);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", env.getProperty("minyi.embedded-db.shared-buffers", "256MB"))
                .setServerConfig("synchronous_commit", "on")
                .setLocaleConfig("locale", "C.UTF-8")
                .setLocaleConfig("encoding", "UTF-8")
                // Stopped by this bean's close(), after the pool and everything using it: zonky's own JVM shutdown
                // hook would stop PostgreSQL while Spring's hook still needs it, and shutdown would hang on the pool.
                .setRegisterShutdownHook(false)
                // a large data directory that was not shut down cleanly replays its WAL first; 10 s is too short
                .setPGStartupWait(java.time.Duration.ofSeconds(
                        env.getProperty("minyi.embedded-db.startup-wait-seconds", Integer.class, 10)));
        // any other server setting, e.g. minyi.embedded-db.server.max_wal_size=8GB (a bench compares them this way)
        Binder.get(env).bind("minyi.embedded-db.server", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()).forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        if (!dataDir.isBlank()) {
            // Kept across restarts: the demo city and whatever a user entered survive a stop.
            Path dir = Path.of(dataDir).toAbsolutePath();
            Files.createDirectories(dir);
            builder.setDataDirectory(dir).setCleanDataDirectory(false);
            // zonky starts PostgreSQL with -F (fsync off), fine for throw-away test databases; a kept database must
            // flush its WAL, or a power cut loses evaluations whose receipts were already shown. "-c fsync=on"
            // comes after -F on the command line and wins.
            builder.setServerConfig("fsync", env.getProperty("minyi.embedded-db.fsync", "on"));
        }
        EmbeddedPostgres pg = builder.start();
        log.info("Embedded PostgreSQL listening: {}", pg.getJdbcUrl("postgres", "postgres"));
        return pg;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres pg, Environment env) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(env.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 20));
        config.setPoolName("minyi-embedded");
        // fail fast (503 with a retry hint) rather than hang a request for 30 s when the database is away
        config.setConnectionTimeout(env.getProperty("spring.datasource.hikari.connection-timeout", Long.class, 3000L));
        return new HikariDataSource(config);
    }
}
