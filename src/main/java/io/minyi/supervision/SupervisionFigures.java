package io.minyi.supervision;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** Read-only figures for the dashboard and the daily report; every call is scoped by a jurisdiction path prefix. */
public interface SupervisionFigures {

    List<Alert> openAlerts(String jurisdictionPath, int limit);

    long openAlertCount(String jurisdictionPath);

    /** Alerts raised on the day under the path. */
    List<Alert> alertsRaisedOn(String jurisdictionPath, LocalDate day);

    /** Letters issued on the day under the path, by kind (REMINDER, SUPERVISION, CIRCULAR). */
    LetterCounts lettersIssued(String jurisdictionPath, LocalDate from, LocalDate to);

    /** Units under the path, ranked by score for the month, with the previous month's rank. */
    List<UnitScore> unitRanking(String jurisdictionPath, YearMonth month);

    /** Counties (children of the city) ranked by their units' pooled figures for the month. */
    List<UnitScore> countyRanking(YearMonth month);

    /**
     * Units under the path ranked over the whole months from {@code first} to {@code last} (a dashboard's date
     * range, widened to whole months), with their rank in the equally long run of months before.
     */
    List<UnitScore> unitRanking(String jurisdictionPath, YearMonth first, YearMonth last);

    /** Counties ranked over the whole months from {@code first} to {@code last}. */
    List<UnitScore> countyRanking(YearMonth first, YearMonth last);

    /** The weights, as a human-readable formula shown next to each score. */
    String scoreFormula();

    record Alert(long id, String kind, String subjectName, long unitId, int raisers, int cases, int windowDays,
                 java.time.Instant raisedAt, String status) {
    }

    record LetterCounts(int reminders, int supervisionLetters, int circulars) {
        public int total() {
            return reminders + supervisionLetters + circulars;
        }
    }

    /**
     * One unit's (or county's) month. Rates are 0..1 and null when there was nothing to measure (they then drop out
     * of the score and its weights are spread over the rest).
     */
    record UnitScore(long id, String name, int closed, int closedOnTime, int openOverdue, Double onTimeRate,
                     Double handlingSatisfaction, Double evaluationSatisfaction, Double substantiatedRate,
                     Double reopenRate, int letters, double score, int rank, Integer previousRank,
                     Double previousScore) {
        /** Positive when the unit climbed. */
        public Integer rankChange() {
            return previousRank == null ? null : previousRank - rank;
        }
    }
}
