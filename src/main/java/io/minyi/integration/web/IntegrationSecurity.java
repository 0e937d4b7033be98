package io.minyi.integration.web;

import io.minyi.platform.LeanChains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Machine-to-machine endpoints: no session, no login page and no CSRF token (no browser carries a cookie here).
 * Every call is authenticated inside its handler — an Open311 api_key, or the hotline's HMAC signature — so that a
 * refusal is written in the protocol's own error format.
 * <p>
 * So the chain keeps only the security headers (the API's own policy, {@code default-src 'none'}, and the defaults:
 * no sniffing, no caching, no framing). Nothing else of Spring Security runs per call (issue 11, decision 0052, as
 * the rating form's and the static files' chains): no security context is loaded, held or saved, no session is
 * looked up or made, no anonymous principal, no authorization rule (every call was permitted before), no exception
 * translation, no saved request, no logout. The audit trail names such a call's actor from the key, never from a
 * principal, so nothing downstream asked for the context.
 * <p>
 * CSRF stays off, as before: it protects a browser's cookie-carrying session, and a call here carries neither a
 * session nor a cookie that authenticates it — a forged cross-site form could only post with a key its page already
 * knows.
 */
@Configuration(proxyBeanMethods = false)
class IntegrationSecurity {

    static final String[] MACHINE_PATHS = {"/open311/**", "/integration/12345/**"};

    @Bean
    @Order(0)
    SecurityFilterChain machineEndpoints(HttpSecurity http) throws Exception {
        LeanChains.withoutSessionMachinery(http
                        .securityMatcher(MACHINE_PATHS)
                        .csrf(AbstractHttpConfigurer::disable)
                        .formLogin(AbstractHttpConfigurer::disable))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'")));
        return http.build();
    }
}
