package io.minyi.org;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Staff accounts as Spring Security sees them, and the lock-out rule: after {@value #MAX_FAILURES} wrong passwords in
 * a row the account is locked for {@link #LOCK_DURATION}. Counting happens in the database, so it holds across nodes.
 */
@Service
class StaffAccounts implements UserDetailsService {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK_DURATION = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    StaffAccounts(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

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
                .orElseThrow(() -> new UsernameNotFoundException("用户名或密码错误"));
    }

    static StaffUser staffUser(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Array array = rs.getArray("roles");
        for (String r : (String[]) array.getArray()) {
            Role.parse(r).ifPresent(roles::add);
        }
        Timestamp locked = rs.getTimestamp("locked_until");
        return new StaffUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), roles,
                rs.getLong("unit_id"), rs.getString("unit_name"), rs.getLong("jurisdiction_id"),
                rs.getString("jurisdiction_path"), rs.getString("jurisdiction_name"),
                (Long) rs.getObject("officer_id"), rs.getBoolean("active"),
                locked == null ? null : locked.toInstant(), rs.getString("password_hash"));
    }

    @EventListener
    @Transactional
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getName()).strip();
        Instant lockUntil = clock.instant().plus(LOCK_DURATION);
        Integer failures = jdbc.sql("""
                        UPDATE staff_account
                        SET failed_attempts = failed_attempts + 1,
                            locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END
                        WHERE username = ?
                        RETURNING failed_attempts""")
                .params(MAX_FAILURES, Timestamp.from(lockUntil), username)
                .query(Integer.class).optional().orElse(null);
        if (failures != null && failures == MAX_FAILURES) {
            audit.recordAs(username, "", AuditEntry.of("STAFF_LOCKED", "staff_account", username)
                    .withChange(null, "连续" + MAX_FAILURES + "次密码错误，锁定至 " + lockUntil));
        }
    }

    @EventListener
    @Transactional
    void onSuccess(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        jdbc.sql("UPDATE staff_account SET failed_attempts = 0, locked_until = NULL WHERE username = ?")
                .param(username).update();
        audit.recordAs(username, "", AuditEntry.of("STAFF_LOGIN", "staff_account", username));
    }
}
