package io.minyi.evaluation.internal;

import java.util.List;
import java.util.Map;

/** What the rating form sent, unchecked. {@code ratings} maps a dimension key to the answer's name. */
public record EvaluationInput(String idempotencyKey, String overall, Map<String, String> ratings, String comment,
                              String clue, String phone, boolean consent, List<byte[]> photos) {

    public EvaluationInput {
        ratings = ratings == null ? Map.of() : Map.copyOf(ratings);
        photos = photos == null ? List.of() : List.copyOf(photos);
    }
}
