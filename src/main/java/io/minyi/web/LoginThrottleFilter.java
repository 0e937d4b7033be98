package io.minyi.web;

import io.minyi.org.LoginThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Answers a sign-in attempt that comes too soon after failures with "wait" before the password is even checked, so a
 * guesser gains nothing by trying faster. Not a bean: it runs inside the security filter chain only.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/login".equals(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (throttle.waitBefore(request.getParameter("username"), request.getRemoteAddr()).isPresent()) {
            response.sendRedirect(request.getContextPath() + "/login?error=wait");
            return;
        }
        chain.doFilter(request, response);
    }
}
