package io.minyi.org;

import io.minyi.audit.AuditActors;
import io.minyi.audit.AuditReaders;
import io.minyi.audit.AuditedRecords;
import lombok.RequiredArgsConstructor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit events an administrator may list. The city's administrators: all of them. A county's: the events done
 * by accounts of the county (their logins and addresses included) and those about records of the county — the
 * organisation's own, and every module's through its {@link AuditedRecords}. Events about anything else (another
 * county's staff and records) stay with the city. Nobody sees the events about records that concern their own
 * officer ({@link SubjectShield}).
 */
@Configuration(proxyBeanMethods = false)
@RequiredArgsConstructor
class StaffAuditReaders implements AuditReaders {

    /** Staff events name the account by id, logins by username. */
    private static final String STAFF_BY_NAME = "EXISTS (SELECT 1 FROM staff_account s JOIN jurisdiction j "
            + "ON j.id = s.jurisdiction_id WHERE s.username = audit_event.record_id AND j.path LIKE ?)";
    private static final String NUMERIC_ID =
            "(CASE WHEN audit_event.record_id ~ '^[0-9]{1,18}$' THEN audit_event.record_id::bigint END)";

    private final SubjectShield shield;
    private final List<AuditedRecords> records;

    /** An event that names no record with a city joins the chain of its actor's city, if the actor is staff. */
    @Bean
    static AuditActors auditActors() {
        return username -> "(SELECT city_of_path(j.path) FROM staff_account s JOIN jurisdiction j "
                + "ON j.id = s.jurisdiction_id WHERE s.username = " + username + ")";
    }

    @Bean
    static AuditedRecords auditedStaff() {
        return pathed("staff_account", "staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id WHERE s.id = %s");
    }

    @Bean
    static AuditedRecords auditedOfficers() {
        return pathed("officer", "officer o JOIN unit u ON u.id = o.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE o.id = %s");
    }

    @Bean
    static AuditedRecords auditedUnits() {
        return pathed("unit", "unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE u.id = %s");
    }

    @Bean
    static AuditedRecords auditedJurisdictions() {
        return AuditedRecords.of("jurisdiction", "jurisdiction", "path");
    }

    @Bean
    static AuditedRecords auditedGrids() {
        return pathed("grid", "grid g JOIN jurisdiction j ON j.id = g.village_id WHERE g.id = %s");
    }

    /** {@code from}: the record's row joined to its jurisdiction {@code j}, the record's id as {@code %s}. */
    private static AuditedRecords pathed(String type, String from) {
        return new AuditedRecords() {
            @Override
            public String recordType() {
                return type;
            }

            @Override
            public String under(String id) {
                return "EXISTS (SELECT 1 FROM " + from.formatted(id) + " AND j.path LIKE ?)";
            }

            @Override
            public String cityOf(String id) {
                return "(SELECT city_of_path(j.path) FROM " + from.formatted(id) + ")";
            }
        };
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
            String scope = me.scopePathPattern();
            sql.append("(audit_event.actor IN (SELECT s.username FROM staff_account s JOIN jurisdiction j ")
                    .append("ON j.id = s.jurisdiction_id WHERE j.path LIKE ?)");
            args.add(scope);
            sql.append(" OR (audit_event.record_type = 'staff_account' AND ").append(STAFF_BY_NAME).append(")");
            args.add(scope);
            for (AuditedRecords r : records) {
                sql.append(" OR (audit_event.record_type = ? AND ").append(r.under(NUMERIC_ID)).append(")");
                args.add(r.recordType());
                args.add(scope);
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
