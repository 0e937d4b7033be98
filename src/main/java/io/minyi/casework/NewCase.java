package io.minyi.casework;

/**
 * A case handed into the pool. {@code idempotencyKey} makes a retried hand-in return the first receipt instead of
 * creating a second case. {@code trackingCode} may be supplied by the caller (the evaluation receipt shows it before
 * the case exists elsewhere); when null, casework issues one.
 */
public record NewCase(CaseType type, SourceChannel channel, long jurisdictionId, Long subjectUnitId,
                      Long subjectOfficerId, String raiserName, String raiserPhone, String content, String category,
                      String idempotencyKey, String trackingCode) {
}
