package io.minyi.integration.internal;

import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Comparator;

/** The organisation department's demo account, added to the demo city with the demo password. */
@Component
@RequiredArgsConstructor
class DemoAccounts {

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final PasswordEncoder passwords;

    @Transactional
    public void ensureOrgDepartment(long cityId, String password) {
        if (jdbc.sql("SELECT count(*) FROM org_staff WHERE username = 'orgdept'").query(Long.class).single() > 0) {
            return;
        }
        String cityPath = org.jurisdiction(cityId).orElseThrow().path();
        // the account needs a unit: the city's top unit (the political-legal committee) hosts it
        UnitRef host = org.unitsWithin(cityPath).stream().filter(u -> u.jurisdictionId() == cityId)
                .min(Comparator.comparing((UnitRef u) -> u.parentId() != null).thenComparing(UnitRef::id))
                .orElseThrow();
        jdbc.sql("""
                        INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id)
                        VALUES ('orgdept', '市委组织部干部监督处', ?, ARRAY[?], ?, ?)""")
                .params(passwords.encode(password), Role.ORG_DEPARTMENT.name(), host.id(), cityId).update();
    }
}
