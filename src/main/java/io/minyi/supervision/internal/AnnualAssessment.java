package io.minyi.supervision.internal;

import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.supervision.SupervisionFigures.UnitScore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 平安建设考评: a year's result per unit and per county from the monthly scores (the same scores the monthly ranking
 * shows, so the two can never disagree), less the configured penalty for formal talks (约谈), shown next to the year
 * before.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class AnnualAssessment {

    public record Result(long id, String name, int monthsScored, Double meanMonthlyScore, int talks, int letters,
                         Double score, int rank, Double lastYearScore) {
        public Double change() {
            return score == null || lastYearScore == null ? null : Math.round((score - lastYearScore) * 10) / 10.0;
        }
    }

    public record Year(int year, String formula, List<Result> units, List<Result> counties) {
    }

    private final UnitScores scores;
    private final OrgDirectory org;
    private final JdbcClient jdbc;
    private final SupervisionProperties props;
    private final Clock clock;

    private final MessageSource messages;

    public Year of(String path, int year, boolean withCounties) {
        List<UnitRef> units = org.unitsWithin(path);
        List<Result> unitResults = withLastYear(units(path, units, year), units(path, units, year - 1));
        Map<JurisdictionRef, List<UnitRef>> counties = withCounties ? scores.unitsOfCounties() : Map.of();
        List<Result> countyResults = withCounties
                ? withLastYear(counties(counties, year), counties(counties, year - 1)) : List.of();
        return new Year(year, formula(), unitResults, countyResults);
    }

    public String formula() {
        return messages.getMessage("supervision.formula.annual", new Object[]{
                String.valueOf(props.annual().talkPenalty()), String.valueOf(props.annual().talkPenaltyCap())},
                LocaleContextHolder.getLocale());
    }

    private List<YearMonth> months(int year) {
        YearMonth now = YearMonth.now(clock);
        List<YearMonth> out = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            YearMonth ym = YearMonth.of(year, m);
            if (!ym.isAfter(now)) {
                out.add(ym);
            }
        }
        return out;
    }

    private record Acc(String name, List<Double> monthly, int[] letters) {
    }

    private List<Result> units(String path, List<UnitRef> units, int year) {
        Map<Long, Acc> acc = new LinkedHashMap<>();
        for (List<UnitScore> month : scores.unitScoresByMonth(path, units, months(year)).values()) {
            for (UnitScore s : month) {
                Acc a = acc.computeIfAbsent(s.id(), k -> new Acc(s.name(), new ArrayList<>(), new int[1]));
                a.monthly().add(s.score());
                a.letters()[0] += s.letters();
            }
        }
        Map<Long, Integer> talks = talksOfUnits(units.stream().map(UnitRef::id).toList(), year);
        talks.forEach((unit, n) -> acc.computeIfAbsent(unit, k -> new Acc(units.stream().filter(u -> u.id() == unit)
                .map(UnitRef::name).findFirst().orElse(""), new ArrayList<>(), new int[1])));
        return ranked(acc, talks);
    }

    private List<Result> counties(Map<JurisdictionRef, List<UnitRef>> counties, int year) {
        Map<Long, Acc> acc = new LinkedHashMap<>();
        for (List<UnitScore> month : scores.countyScoresByMonth(counties, months(year)).values()) {
            for (UnitScore s : month) {
                Acc a = acc.computeIfAbsent(s.id(), k -> new Acc(s.name(), new ArrayList<>(), new int[1]));
                a.monthly().add(s.score());
                a.letters()[0] += s.letters();
            }
        }
        Map<Long, Integer> talks = new HashMap<>();
        for (Map.Entry<JurisdictionRef, List<UnitRef>> entry : counties.entrySet()) {
            JurisdictionRef county = entry.getKey();
            List<Long> ids = entry.getValue().stream().map(UnitRef::id).toList();
            int n = talksOfUnits(ids, year).values().stream().mapToInt(Integer::intValue).sum();
            if (n > 0) {
                talks.put(county.id(), n);
                acc.computeIfAbsent(county.id(), k -> new Acc(county.name(), new ArrayList<>(), new int[1]));
            }
        }
        return ranked(acc, talks);
    }

    private List<Result> ranked(Map<Long, Acc> acc, Map<Long, Integer> talks) {
        List<Result> out = new ArrayList<>();
        acc.forEach((id, a) -> {
            int t = talks.getOrDefault(id, 0);
            Double mean = a.monthly().isEmpty() ? null
                    : Math.round(a.monthly().stream().mapToDouble(Double::doubleValue).average().orElse(0) * 10) / 10.0;
            Double score = mean == null ? null : Math.round((mean - Math.min(t * props.annual().talkPenalty(),
                    props.annual().talkPenaltyCap())) * 10) / 10.0;
            out.add(new Result(id, a.name(), a.monthly().size(), mean, t, a.letters()[0], score, 0, null));
        });
        out.sort(Comparator.comparing((Result r) -> r.score() == null ? Double.NEGATIVE_INFINITY : r.score())
                .reversed().thenComparing(Result::name));
        List<Result> rankedOut = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Result r = out.get(i);
            rankedOut.add(new Result(r.id(), r.name(), r.monthsScored(), r.meanMonthlyScore(), r.talks(), r.letters(),
                    r.score(), r.score() == null ? 0 : i + 1, null));
        }
        return rankedOut;
    }

    private static List<Result> withLastYear(List<Result> now, List<Result> before) {
        Map<Long, Double> last = new HashMap<>();
        before.forEach(r -> last.put(r.id(), r.score()));
        return now.stream().map(r -> new Result(r.id(), r.name(), r.monthsScored(), r.meanMonthlyScore(), r.talks(),
                r.letters(), r.score(), r.rank(), last.get(r.id()))).toList();
    }

    private Map<Long, Integer> talksOfUnits(List<Long> unitIds, int year) {
        Map<Long, Integer> out = new HashMap<>();
        if (unitIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        SELECT unit_id, sum(talks) FROM unit_month WHERE unit_id = ANY(?) AND month >= ? AND month < ?
                        GROUP BY unit_id HAVING sum(talks) > 0""")
                .params(unitIds.toArray(Long[]::new), Date.valueOf(YearMonth.of(year, 1).atDay(1)),
                        Date.valueOf(YearMonth.of(year + 1, 1).atDay(1)))
                .query((rs, n) -> out.put(rs.getLong(1), rs.getInt(2))).list();
        return out;
    }
}
