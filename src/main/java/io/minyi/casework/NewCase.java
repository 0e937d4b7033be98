package io.minyi.casework;

/**
 * A case handed into the pool. {@code idempotencyKey} makes a retried hand-in return the first receipt instead of
 * creating a second case. {@code trackingCode} may be supplied by the caller (the evaluation receipt shows it before
 * the case exists elsewhere); when null, casework issues one. {@code gridId} (nullable) is the grid a grid event came
 * from.
 */
public record NewCase(CaseType type, SourceChannel channel, long jurisdictionId, Long subjectUnitId,
                      Long subjectOfficerId, String raiserName, String raiserPhone, String content, String category,
                      String idempotencyKey, String trackingCode, Long gridId) {

    /** A case that did not come from a grid. */
    public NewCase(CaseType type, SourceChannel channel, long jurisdictionId, Long subjectUnitId,
                   Long subjectOfficerId, String raiserName, String raiserPhone, String content, String category,
                   String idempotencyKey, String trackingCode) {
        this(type, channel, jurisdictionId, subjectUnitId, subjectOfficerId, raiserName, raiserPhone, content,
                category, idempotencyKey, trackingCode, null);
    }
}
