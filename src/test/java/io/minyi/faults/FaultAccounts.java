package io.minyi.faults;

import io.minyi.support.StaffClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Accounts of the fault tests' own: LoginFullStackTests locks the demo "discipline" account in the shared database,
 * so a test that needs the discipline role signs in with a copy of it.
 */
final class FaultAccounts {

    private FaultAccounts() {
    }

    static String discipline(JdbcClient jdbc, PasswordEncoder passwords) {
        jdbc.sql("""
                INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id)
                SELECT 'faults_discipline', display_name, ?, roles, unit_id, jurisdiction_id
                FROM staff_account WHERE username = 'discipline'
                ON CONFLICT (username) DO NOTHING""").param(passwords.encode(StaffClient.DEMO_PASSWORD)).update();
        return "faults_discipline";
    }
}
