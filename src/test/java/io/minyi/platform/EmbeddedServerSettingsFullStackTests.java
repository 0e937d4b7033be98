package io.minyi.platform;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server takes its settings from {@code minyi.embedded-db.server.*}: checkpoints far apart
 * ({@code max_wal_size}, docs/operations.md section 1) reach the running server, under PostgreSQL's own name.
 */
@FullStackTest
class EmbeddedServerSettingsFullStackTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_embedded_server_checkpoints_by_time_not_every_gigabyte_of_wal() {
        assertThat(jdbc.queryForObject("SHOW max_wal_size", String.class)).isEqualTo("8GB");
        assertThat(jdbc.queryForObject("SELECT source FROM pg_settings WHERE name = 'max_wal_size'", String.class))
                .as("set on the command line, not a default").isEqualTo("command line");
    }
}
