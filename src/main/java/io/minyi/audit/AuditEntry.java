package io.minyi.audit;

import org.jspecify.annotations.Nullable;

/**
 * What happened to which record. {@code before} and {@code after} are short human-readable summaries, not whole
 * records: the audit trail answers "who changed what", the owning module keeps the data.
 * <p>
 * {@code cityId} is the city whose chain the event joins (decision 0044). A writer that holds the record's path
 * passes it ({@link #inCity}); otherwise the trail finds it from the record or the actor.
 */
public record AuditEntry(String action, String recordType, String recordId, @Nullable String before,
                         @Nullable String after, @Nullable Long cityId) {

    public AuditEntry {
        if (action == null || action.isBlank() || recordType == null || recordType.isBlank()
                || recordId == null || recordId.isBlank()) {
            throw new IllegalArgumentException("action, recordType and recordId are required");
        }
    }

    public AuditEntry(String action, String recordType, String recordId, @Nullable String before,
                      @Nullable String after) {
        this(action, recordType, recordId, before, after, null);
    }

    public static AuditEntry of(String action, String recordType, Object recordId) {
        return new AuditEntry(action, recordType, String.valueOf(recordId), null, null, null);
    }

    public AuditEntry withChange(@Nullable String before, @Nullable String after) {
        return new AuditEntry(action, recordType, recordId, before, after, cityId);
    }

    /** The event joins this city's chain: for writers that know the record's jurisdiction path without a query. */
    public AuditEntry inCity(long city) {
        return new AuditEntry(action, recordType, recordId, before, after, city);
    }
}
