package io.minyi.dispute;

import java.time.LocalDate;

/**
 * The dispute figures the seeds report, computed from this module's records (never typed in): for the dashboard and
 * the daily report. Every call is scoped by a jurisdiction path prefix and an inclusive day range (China time).
 */
public interface DisputeFigures {

    Figures figures(String jurisdictionPath, LocalDate from, LocalDate to);

    /**
     * @param screeningRounds      rounds held in the range
     * @param disputesFound        disputes registered from those rounds
     * @param prevented            disputes whose elevated risk was brought down and which ended without violence
     * @param mediatedSuccessfully agreements reached in the range
     * @param concluded            mediations that ended in the range (agreed, not reached, withdrawn)
     * @param judicialConfirmations agreements the court ruled valid in the range
     * @param followUpsDone        follow-up visits made in the range
     * @param performed            of which the agreement was found performed
     * @param consultations        legal consultations given by duty lawyers in the range
     */
    record Figures(long screeningRounds, long disputesFound, long prevented, long mediatedSuccessfully, long concluded,
                   long judicialConfirmations, long followUpsDone, long performed, long consultations) {

        /** Agreements over concluded mediations; null when none concluded. */
        public Double successRate() {
            return concluded == 0 ? null : (double) mediatedSuccessfully / concluded;
        }

        /** Performed over follow-ups made; null when none was made. */
        public Double performanceRate() {
            return followUpsDone == 0 ? null : (double) performed / followUpsDone;
        }
    }
}
