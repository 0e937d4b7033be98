package io.minyi.org;

import io.minyi.audit.AuditReaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit events an administrator may list. The city's administrators: all of them. A county's: the events done
 * by accounts of the county (their logins and addresses included) and those about the county's own organisation
 * records. Events about anything else — another county's staff, a SYSTEM job's letters — stay with the city. Nobody
 * sees the events about records that concern their own officer.
 */
@Component
class StaffAuditReaders implements AuditReaders {

    /** Organisation records and how to find each one's jurisdiction path. */
    private static final List<String[]> RECORDS = List.of(
            // staff events name the account by id, logins by username
            new String[]{"staff_account", "SELECT x FROM staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id, unnest(ARRAY[s.id::text, s.username]) x WHERE j.path LIKE ?"},
            new String[]{"officer", "SELECT o.id::text FROM officer o JOIN unit u ON u.id = o.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE j.path LIKE ?"},
            new String[]{"unit", "SELECT u.id::text FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE j.path LIKE ?"},
            new String[]{"jurisdiction", "SELECT j.id::text FROM jurisdiction j WHERE j.path LIKE ?"},
            new String[]{"grid", "SELECT g.id::text FROM grid g JOIN jurisdiction j ON j.id = g.village_id WHERE j.path LIKE ?"});

    private final SubjectShield shield;

    StaffAuditReaders(SubjectShield shield) {
        this.shield = shield;
    }

    @Override
    public Visible visibleToCurrentReader() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof StaffUser me)) {
            return Visible.NOTHING;
        }
        SubjectShield.Clause shown = shield.hidesAudited(me, "audit_event.record_type", "audit_event.record_id");
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (isCity(me)) {
            sql.append("true");
        } else {
            sql.append("(audit_event.actor IN (SELECT s.username FROM staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id WHERE j.path LIKE ?)");
            args.add(me.scopePathPattern());
            for (String[] r : RECORDS) {
                sql.append(" OR (audit_event.record_type = ? AND audit_event.record_id IN (").append(r[1]).append("))");
                args.add(r[0]);
                args.add(me.scopePathPattern());
            }
            sql.append(")");
        }
        sql.append(" AND ").append(shown.sql());
        args.addAll(shown.args());
        return new Visible(sql.toString(), args);
    }

    /** '/1/' is the city: its administrators oversee everything. */
    static boolean isCity(StaffUser me) {
        return me.jurisdictionPath().chars().filter(c -> c == '/').count() <= 2;
    }
}
