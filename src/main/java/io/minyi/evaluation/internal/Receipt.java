package io.minyi.evaluation.internal;

/** What the resident is shown after the commit; a repeated submission gets the first one back. */
public record Receipt(long evaluationId, String trackingCode, boolean clue, boolean repeated) {
}
