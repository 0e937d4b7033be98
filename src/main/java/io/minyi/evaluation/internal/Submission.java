package io.minyi.evaluation.internal;

import io.minyi.platform.Photos;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One validated evaluation on its way to the database; its receipt code comes from the row it is stored in
 * ({@link ReceiptCodes}). The source keys are keyed hashes of the device cookie, the
 * phone and the address (null when absent): enough to count repeats, useless to identify anyone. The burst reason
 * ({@link BurstDetector}) flags the evaluation whatever the daily counters say.
 */
public record Submission(UUID idempotencyKey, Target target, Rating overall,
                         Map<String, Rating> ratings, String comment, String phone, String clue,
                         List<Photos.Photo> photos, String deviceKey, String phoneKey, String addressKey,
                         Instant at, LocalDate day, String burstReason) {

    public Submission {
        ratings = Map.copyOf(ratings);
        photos = List.copyOf(photos);
    }

    public boolean hasClue() {
        return clue != null;
    }
}
