package io.minyi.org;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import lombok.RequiredArgsConstructor;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Staff accounts as Spring Security sees them. Failed sign-ins are slowed down by {@link LoginThrottle} (growing
 * delays, no hard lock that an attacker could use to shut an account's owner out).
 */
@Service
@RequiredArgsConstructor
class StaffAccounts implements UserDetailsService {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final LoginThrottle throttle;

    @Override
    @Transactional(readOnly = true)
    public StaffUser loadUserByUsername(String username) {
        return jdbc.sql("""
                        SELECT s.*, u.name AS unit_name, j.path AS jurisdiction_path, j.name AS jurisdiction_name
                        FROM staff_account s
                        JOIN unit u ON u.id = s.unit_id
                        JOIN jurisdiction j ON j.id = s.jurisdiction_id
                        WHERE s.username = ?""")
                .param(username == null ? "" : username.strip())
                .query(StaffAccounts::staffUser).optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such staff account"));
    }

    static StaffUser staffUser(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new StaffUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.parseAll((String[]) rs.getArray("roles").getArray()),
                rs.getLong("unit_id"), rs.getString("unit_name"), rs.getLong("jurisdiction_id"),
                rs.getString("jurisdiction_path"), rs.getString("jurisdiction_name"),
                (Long) rs.getObject("officer_id"), rs.getBoolean("active"),
                locked == null ? null : locked.toInstant(), rs.getString("password_hash"));
    }

    /**
     * Every kind of failure (wrong password, unknown name, disabled or locked account) counts alike, so the delays
     * that follow do not tell which names exist.
     */
    @EventListener
    @Transactional
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getName()).strip();
        throttle.failed(username, address(event.getAuthentication().getDetails()));
        jdbc.sql("UPDATE staff_account SET failed_attempts = failed_attempts + 1 WHERE username = ?")
                .param(username).update();
    }

    @EventListener
    @Transactional
    void onSuccess(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        throttle.succeeded(username, address(event.getAuthentication().getDetails()));
        jdbc.sql("UPDATE staff_account SET failed_attempts = 0, locked_until = NULL WHERE username = ?")
                .param(username).update();
        audit.recordAs(username, "", AuditEntry.of("org.staff_account.login", "staff_account", username));
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web ? String.valueOf(web.getRemoteAddress()) : "";
    }
}
