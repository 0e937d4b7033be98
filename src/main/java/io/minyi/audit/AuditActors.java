package io.minyi.audit;

/**
 * Where an actor works, for an audit event whose record names no city (decision 0044): the organisation knows its
 * staff, the audit trail only applies the rule.
 */
@FunctionalInterface
public interface AuditActors {

    /** An SQL scalar subquery: the city of the staff account whose user name is the expression {@code username}. */
    String cityOf(String username);
}
