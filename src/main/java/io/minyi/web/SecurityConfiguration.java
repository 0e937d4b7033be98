package io.minyi.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import io.minyi.org.LoginThrottle;
import io.minyi.platform.LeanChains;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may open what. Residents' pages (rating by QR code, tracking by code) are open; everything else needs a staff
 * login, and finer rules (role, jurisdiction, conflict of interest) are enforced by each module in its queries.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /** Paths a resident without an account may use. */
    static final String[] PUBLIC_PATHS = {
            "/login", "/error", "/favicon.ico", "/css/**", "/js/**", "/img/**", "/webjars/**",
            "/e/**", "/t/**", "/public/**", "/api/public/**", "/actuator/health",
            "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
            // the balancer's probes (docs/operations.md): they answered a redirect to the login page (issue 15)
            "/actuator/health/readiness", "/actuator/health/liveness"
    };

    /** Files from the jar that every page links to; nothing behind them reads a session, a login or a form. */
    static final String[] STATIC_PATHS = {"/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico"};

    /**
     * Static files are the most frequent request of all (every page and every rating form links to them): this chain
     * writes the security headers and nothing else — no security context, session, CSRF token, saved request or
     * anonymous principal is looked up or made for a stylesheet. They only answer GET and HEAD (the resource handler
     * refuses other methods), so no state can change behind them without a CSRF check.
     */
    @Bean
    @Order(0)
    SecurityFilterChain staticAssets(HttpSecurity http) throws Exception {
        LeanChains.withoutSessionMachinery(http
                .securityMatcher(STATIC_PATHS)
                .headers(SecurityConfiguration::headers)
                .csrf(AbstractHttpConfigurer::disable));
        return http.build();
    }

    /**
     * The rating form behind every QR code, the hottest path of the system (decision 0036). Nobody logs in there and no
     * rule depends on who asks, so the chain keeps exactly what protects a resident's form — the CSRF check (the
     * double-submit cookie, as on every form) and the security headers — and nothing else runs per request: no
     * security context is loaded, held or saved, no session is looked up or made, no request is saved for a login, no
     * anonymous principal is made, no authorization rule is evaluated (every request is permitted, as before) and no
     * exception translation wraps the request. A failed CSRF check is answered 403 as before.
     */
    @Bean
    @Order(1)
    SecurityFilterChain ratingForm(HttpSecurity http) throws Exception {
        LeanChains.withoutSessionMachinery(http
                .securityMatcher("/e/**")
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens()))
                .headers(SecurityConfiguration::headers));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        .failureHandler(loginFailure())
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens()))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    /**
     * Spring Security's observations are off ({@code management.observations.enable.spring.security=false}), yet its
     * filter chain still wrapped every filter of every request in an observing decorator that then observed nothing —
     * allocations and map lookups on every request, a tenth of the rating form's in a flight recording (decision
     * 0036). Saying so here leaves the chains undecorated.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Stateless double-submit CSRF token: residents' forms are protected without creating a server session. */
    private static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieCustomizer(c -> c.sameSite("Lax"));
        return csrfTokens;
    }

    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy("camera=(self), geolocation=(self), microphone=()"));
    }

    /** One answer for a wrong password, an unknown name, a disabled and a locked account: nothing to enumerate. */
    private static AuthenticationFailureHandler loginFailure() {
        return (request, response, exception) -> response.sendRedirect(request.getContextPath() + "/login?error=bad");
    }
}
