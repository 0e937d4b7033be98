package io.minyi.evaluation.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Settings of the evaluation module; defaults in {@code evaluation/evaluation-defaults.properties}. */
@ConfigurationProperties("minyi.evaluation")
public record EvaluationProperties(List<Dimension> unitDimensions, List<Dimension> officerDimensions,
                                   RateLimit rateLimit, Stuffing stuffing, Writer writer,
                                   @DefaultValue("minyi-evaluation-sources") String sourceKeySecret) {

    public EvaluationProperties {
        unitDimensions = unitDimensions == null ? List.of() : List.copyOf(unitDimensions);
        officerDimensions = officerDimensions == null ? List.of() : List.copyOf(officerDimensions);
    }

    public List<Dimension> dimensionsFor(boolean officer) {
        return officer ? officerDimensions : unitDimensions;
    }

    /** A rated aspect; {@code key} is what is stored, the labels are what people read. */
    public record Dimension(String key, String label, String labelEn) {
        public Dimension {
            if (key == null || !key.matches("[a-z][a-zA-Z0-9]{0,30}")) {
                throw new IllegalArgumentException("dimension key must be a short identifier: " + key);
            }
        }

        public String label(Locale locale) {
            return "en".equals(locale.getLanguage()) && labelEn != null ? labelEn : label;
        }
    }

    public record RateLimit(int perAddress, Duration perAddressPeriod, int perPhone, Duration perPhonePeriod) {
    }

    public record Stuffing(int perDevice, int perPhone, int perAddress) {
    }

    /**
     * @param sharedFlush batches without clues commit without waiting for their WAL flush and are answered after one
     *                    flush shared by every batch committed meanwhile (decision 0054); false: each commit waits
     *                    for its own flush, as before
     * @param gather      with the shared flush, a writer starts a batch at once when this many forms wait (its first
     *                    included); with fewer it waits until no flush is owed and its first form has waited
     *                    {@code linger}, so that forms gather into batches instead of going one by one
     * @param linger      how long the first form of a batch may wait for others (zero: only while a flush is owed)
     * @param gatherAtMost the longest a writer gathers (bounds a stalled flush)
     */
    public record Writer(int batchSize, int writers, int queueCapacity, Duration waitAtMost, boolean sharedFlush,
                         @DefaultValue("16") int gather, @DefaultValue("5ms") Duration linger,
                         @DefaultValue("20ms") Duration gatherAtMost) {
    }
}
