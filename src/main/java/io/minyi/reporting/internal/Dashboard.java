package io.minyi.reporting.internal;

import io.minyi.evaluation.EvaluationFigures;
import io.minyi.lists.LeaderWorkFigures;
import io.minyi.org.JurisdictionLevel;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.GridCounts;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.StaffUser;
import io.minyi.org.SubjectShield;
import io.minyi.org.UnitKind;
import io.minyi.reporting.internal.Rollups.CategoryCount;
import io.minyi.reporting.internal.Rollups.DayPoint;
import io.minyi.reporting.internal.Rollups.Totals;
import io.minyi.supervision.SupervisionFigures.Alert;
import io.minyi.supervision.SupervisionFigures.UnitScore;
import io.minyi.survey.Indicator;
import io.minyi.survey.SurveyFigures;
import io.minyi.supervision.SupervisionFigures;
import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.minyi.dispute.DisputeFigures;

/**
 * Everything the leaders' dashboard shows for one jurisdiction and period, from roll-ups, the
 * evaluation figures, supervision's figures and the survey records: a fixed, small number of indexed reads whatever the data volume.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class Dashboard {

    public record Child(JurisdictionRef jurisdiction, Totals totals) {
    }

    public record View(JurisdictionRef jurisdiction, List<JurisdictionRef> lineage, LocalDate from, LocalDate to,
                       Map<String, Totals> byType, Totals all, EvaluationFigures.Satisfaction evaluation,
                       GridCounts grids, long townshipCentres,
                       SurveyFigures.Satisfaction survey, Map<Indicator, List<SurveyFigures.CountyValue>> perception,
                       List<SurveyFigures.CountyValue> perceptionComposite, LeaderWorkFigures.Leader leader,
                       LeaderWorkFigures.Lists lists, List<Child> children,
                       List<DayPoint> trend, List<CategoryCount> topCategories, List<UnitScore> units,
                       List<UnitScore> counties, List<Alert> alerts, long openAlerts, String scoreFormula,
                       DisputeFigures.Figures disputes) {
        public Totals type(String type) {
            return Rollups.of(byType, type);
        }

        public boolean evaluationAvailable() {
            return evaluation != null;
        }


        /** Satisfied share of those who answered the satisfaction question; null (shown "—") when nobody did. */
        public Double surveyRate() {
            return survey.satisfied().rate();
        }
    }

    private final OrgDirectory org;
    private final Rollups rollups;
    private final ObjectProvider<EvaluationFigures> evaluation;
    private final SupervisionFigures supervision;
    private final SurveyFigures surveys;
    private final LeaderWorkFigures leaderWork;
    private final Clock clock;
    private final SubjectShield shield;
    private final DisputeFigures disputes;

    /** The dashboard as the viewer may see it: no alert about the viewer's own officer. */
    public View view(StaffUser viewer, JurisdictionRef j, LocalDate from, LocalDate to) {
        Map<String, Totals> byType = rollups.byType(j.id(), from, to);
        EvaluationFigures figures = evaluation.getIfAvailable();
        EvaluationFigures.Satisfaction sat = figures == null ? null : figures.forJurisdiction(j.path(), from, to);
        List<JurisdictionRef> kids = j.level() == JurisdictionLevel.VILLAGE ? List.of() : org.children(j.id());
        Map<Long, Totals> childTotals = rollups.byJurisdiction(kids.stream().map(JurisdictionRef::id).toList(), from, to);
        List<Child> children = new ArrayList<>();
        kids.forEach(k -> children.add(new Child(k, childTotals.get(k.id()))));
        long townshipCentres = org.unitsWithin(j.path()).stream()
                .filter(u -> u.is(UnitKind.GOVERNANCE_CENTRE))
                .filter(u -> depth(u.jurisdictionPath()) == 3)
                .count();
        YearMonth month = YearMonth.from(to);
        LocalDate trendFrom = to.minusDays(29).isBefore(from) ? from : to.minusDays(29);
        boolean cityOrCounty = j.level() == JurisdictionLevel.CITY || j.level() == JurisdictionLevel.COUNTY;
        return new View(j, org.lineage(j.id()), from, to, byType, Rollups.all(byType), sat, org.gridsWithin(j.path()),
                townshipCentres, surveys.satisfaction(j.path(), from, to),
                surveys.perceptionRanking(from, to), surveys.compositeRanking(from, to),
                leaderWork.leader(j.path(), from, to), leaderWork.lists(j.path(), from, to), children,
                rollups.trend(j.id(), trendFrom, to), rollups.topCategories(j.id(), from, to, 10),
                cityOrCounty ? supervision.unitRanking(j.path(), YearMonth.from(from), month) : List.of(),
                j.level() == JurisdictionLevel.CITY ? supervision.countyRanking(YearMonth.from(from), month)
                        : List.of(),
                shield.without(viewer, SubjectShield.Kind.ALERT, supervision.openAlerts(j.path(), 10), Alert::id),
                supervision.openAlertCount(j.path()), supervision.scoreFormula(),
                disputes.figures(j.path(), from, to));
    }

    /** '/1/7/93/' is a township: city, county, township. */
    static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count() - 1;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
