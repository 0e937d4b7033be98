package io.minyi.survey;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Survey figures for the dashboard and the daily report, computed from invitations and answers. A rate is null where
 * nobody answered (shown as "—", never as 0 %).
 */
public interface SurveyFigures {

    /** A proportion with its 95 % Wilson score interval; all three null when {@code n} is 0. */
    record Proportion(long n, long hits, Double rate, Double low, Double high) {
    }

    /** Satisfaction surveys under the path whose people were invited in [from, to]. */
    record Satisfaction(long invited, long excluded, long responded, Proportion satisfied) {
        public Double responseRate() {
            long base = invited - excluded;
            return base <= 0 ? null : (double) responded / base;
        }
    }

    /** One county's value of an indicator, ranked by the interval's lower bound (fair when sample sizes differ). */
    record CountyValue(long jurisdictionId, String name, Proportion value, int position) {
    }

    /** A rank published by the province: an external result, recorded with the document it comes from. */
    record ExternalRank(long id, long jurisdictionId, String jurisdictionName, String indicator, String period,
                        int position, Integer of, String sourceDocument) {
    }

    Satisfaction satisfaction(String jurisdictionPath, LocalDate from, LocalDate to);

    /** Each perception indicator per county of the city, best first. */
    Map<Indicator, List<CountyValue>> perceptionRanking(LocalDate from, LocalDate to);

    /** The weighted composite of the four indicators per county, best first (weights from configuration). */
    List<CountyValue> compositeRanking(LocalDate from, LocalDate to);

    List<ExternalRank> externalRanks(String jurisdictionPath);
}
