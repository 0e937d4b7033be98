package io.minyi.grid.internal;

import java.time.Instant;
import java.util.List;

/**
 * A grid event as the phone sends it. {@code key} is the draft's idempotency key, made on the phone when the draft is
 * saved, so a re-send after a lost answer finds the first record. {@code occurredAt} is when the worker filled the
 * form (a draft may wait hours for a signal); null means now.
 */
public record NewGridEvent(String key, Long gridId, String category, String description, String people, Double lat,
                           Double lon, Long householdId, Long buildingId, Disposition disposition, String resolution,
                           List<byte[]> photos, Instant occurredAt) {
}
