package io.minyi.platform;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;

/**
 * The per-request machinery of Spring Security that a chain serving no signed-in person goes without (the rating
 * form, the static files, the machine endpoints; decisions 0036 and 0052): no security context loaded, held or saved,
 * no session looked up or made, no exception translation, no saved request, no CORS processing, no anonymous
 * principal, no servlet API wrapping, no logout handling. What a chain keeps (headers, CSRF) it configures itself.
 */
public final class LeanChains {

    private LeanChains() {
    }

    public static HttpSecurity withoutSessionMachinery(HttpSecurity http) throws Exception {
        return http
                .securityContext(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
    }
}
