package io.minyi.casework;

import io.minyi.platform.Photos;

import java.util.List;

/**
 * A case handed into the pool. {@code idempotencyKey} makes a retried hand-in return the first receipt instead of
 * creating a second case. {@code trackingCode} may be supplied by the caller (the evaluation receipt shows it before
 * the case exists elsewhere); when null, casework issues one. {@code gridId} (nullable) is the grid a grid event came
 * from. {@code photos} are the raiser's own pictures, cleaned by {@link Photos} (a fresh JPEG, no metadata), so
 * stored as they are: staff who may see the case see them, the unit or officer the case is about never does.
 */
public record NewCase(CaseType type, SourceChannel channel, long jurisdictionId, Long subjectUnitId,
                      Long subjectOfficerId, String raiserName, String raiserPhone, String content, String category,
                      String idempotencyKey, String trackingCode, Long gridId, List<Photos.Photo> photos) {

    public NewCase {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** A case without photos from the raiser. */
    public NewCase(CaseType type, SourceChannel channel, long jurisdictionId, Long subjectUnitId,
                   Long subjectOfficerId, String raiserName, String raiserPhone, String content, String category,
                   String idempotencyKey, String trackingCode, Long gridId) {
        this(type, channel, jurisdictionId, subjectUnitId, subjectOfficerId, raiserName, raiserPhone, content,
                category, idempotencyKey, trackingCode, gridId, List.of());
    }

    /** A case that did not come from a grid, without photos. */
    public NewCase(CaseType type, SourceChannel channel, long jurisdictionId, Long subjectUnitId,
                   Long subjectOfficerId, String raiserName, String raiserPhone, String content, String category,
                   String idempotencyKey, String trackingCode) {
        this(type, channel, jurisdictionId, subjectUnitId, subjectOfficerId, raiserName, raiserPhone, content,
                category, idempotencyKey, trackingCode, null, List.of());
    }
}
