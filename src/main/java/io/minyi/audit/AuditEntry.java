package io.minyi.audit;

/**
 * What happened to which record. {@code before} and {@code after} are short human-readable summaries, not whole
 * records: the audit trail answers "who changed what", the owning module keeps the data.
 */
public record AuditEntry(String action, String recordType, String recordId, String before, String after) {

    public AuditEntry {
        if (action == null || action.isBlank() || recordType == null || recordType.isBlank()
                || recordId == null || recordId.isBlank()) {
            throw new IllegalArgumentException("action, recordType and recordId are required");
        }
    }

    public static AuditEntry of(String action, String recordType, Object recordId) {
        return new AuditEntry(action, recordType, String.valueOf(recordId), null, null);
    }

    public AuditEntry withChange(String before, String after) {
        return new AuditEntry(action, recordType, recordId, before, after);
    }
}
