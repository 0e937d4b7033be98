package io.minyi.platform;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Lets operators write {@code MINYI_DB_URL} (and {@code MINYI_DB_USER} / {@code MINYI_DB_PASSWORD}) instead of the
 * longer Spring names. An explicit {@code spring.datasource.url} wins; with neither, the embedded database starts.
 */
class MinyiDatabaseUrl implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String url = env.getProperty("MINYI_DB_URL", env.getProperty("minyi.db.url"));
        if (url == null || url.isBlank() || env.containsProperty("spring.datasource.url")) {
            return;
        }
        var props = new java.util.HashMap<String, Object>(Map.of("spring.datasource.url", url.strip()));
        String user = env.getProperty("MINYI_DB_USER", env.getProperty("minyi.db.user"));
        String password = env.getProperty("MINYI_DB_PASSWORD", env.getProperty("minyi.db.password"));
        if (user != null) {
            props.put("spring.datasource.username", user);
        }
        if (password != null) {
            props.put("spring.datasource.password", password);
        }
        env.getPropertySources().addFirst(new MapPropertySource("minyiDatabaseUrl", props));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
