/**
 * The append-only, hash-chained audit trail. Other modules call {@link io.minyi.audit.AuditTrail#record} inside the
 * transaction that changes a record, so the change and its audit event commit together or not at all.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail",
        allowedDependencies = {"platform"})
@org.jspecify.annotations.NullMarked
package io.minyi.audit;
