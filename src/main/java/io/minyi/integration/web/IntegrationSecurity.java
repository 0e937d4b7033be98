package io.minyi.integration.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Machine-to-machine endpoints: no session, no login page and no CSRF token (no browser carries a cookie here).
 * Every call is authenticated inside its handler — an Open311 api_key, or the hotline's HMAC signature — so that a
 * refusal is written in the protocol's own error format.
 */
@Configuration(proxyBeanMethods = false)
class IntegrationSecurity {

    static final String[] MACHINE_PATHS = {"/open311/**", "/integration/12345/**"};

    @Bean
    @Order(0)
    SecurityFilterChain machineEndpoints(HttpSecurity http) throws Exception {
        http
                .securityMatcher(MACHINE_PATHS)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'")));
        return http.build();
    }
}
