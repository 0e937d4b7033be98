package io.minyi.platform;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MinyiDatabaseUrlTests {

    @Test
    void minyi_db_url_becomes_the_datasource_url() {
        MockEnvironment env = new MockEnvironment().withProperty("MINYI_DB_URL", "jdbc:postgresql://db:5432/minyi")
                .withProperty("MINYI_DB_USER", "minyi");
        new MinyiDatabaseUrl().postProcessEnvironment(env, null);
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/minyi");
        assertThat(env.getProperty("spring.datasource.username")).isEqualTo("minyi");
    }

    @Test
    void an_explicit_spring_datasource_url_wins() {
        MockEnvironment env = new MockEnvironment().withProperty("MINYI_DB_URL", "jdbc:postgresql://a/x")
                .withProperty("spring.datasource.url", "jdbc:postgresql://b/y");
        new MinyiDatabaseUrl().postProcessEnvironment(env, null);
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://b/y");
    }

    @Test
    void without_either_nothing_is_set_and_the_embedded_database_starts() {
        MockEnvironment env = new MockEnvironment();
        new MinyiDatabaseUrl().postProcessEnvironment(env, null);
        assertThat(env.containsProperty("spring.datasource.url")).isFalse();
    }
}
