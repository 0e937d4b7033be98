package io.minyi.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Staff sessions live in PostgreSQL (decision 0004). Two requests of one session at the same moment (a double click,
 * two tabs) each insert the same session attribute — the flash map after a form post — and the second insert broke
 * on the primary key, so the member saw an error page although the action had been done. Spring Session's PostgreSQL
 * customizer writes attributes with {@code INSERT ... ON CONFLICT DO UPDATE}.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgreSqlSessionAttributesUpsert() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
