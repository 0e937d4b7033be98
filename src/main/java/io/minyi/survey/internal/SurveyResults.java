package io.minyi.survey.internal;

import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.survey.Indicator;
import io.minyi.survey.SurveyFigures;
import lombok.RequiredArgsConstructor;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Results computed from invitations and answers, never stored: per unit and county of a campaign, and the figures
 * the dashboard shows. "Satisfied" means a 4 or 5 on a 1–5 scale, or one of the first two options (满意 / 基本满意) of
 * a single-choice satisfaction question; a perception indicator's rate is the share of 4–5 answers.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class SurveyResults implements SurveyFigures {

    /** One line of a campaign's result table (a unit, a county or the whole campaign). */
    public record Line(String name, long invited, long excluded, long responded, long refused, long unreachable,
                       Proportion satisfied, Map<Indicator, Proportion> indicators) {
        public Double responseRate() {
            long base = invited - excluded;
            return base <= 0 ? null : (double) responded / base;
        }

        public Proportion indicator(Indicator i) {
            return indicators.get(i);
        }
    }

    public record CampaignResult(Line total, List<Line> units, List<Line> counties) {
    }

    /** Scores one answer: SQL true when the answer counts as satisfied / positive (one rule, in the schema). */
    static final String POSITIVE = "survey_positive(q.kind, q.options, a.choice, a.scale)";
    private static final String COUNTY = "coalesce(substring(%1$s from '^/[0-9]+/[0-9]+/'), %1$s)";

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final Environment env;

    /**
     * Read from the campaign's tallies (a few rows per unit and jurisdiction, kept by the database in the same
     * transaction as every invitation and answer, decision 0035), so the time does not grow with the responses.
     */
    public CampaignResult result(Campaign c) {
        List<Line> units = lines(c.id(), "coalesce(u.name, '')");
        List<Line> counties = lines(c.id(), "(SELECT name FROM org_jurisdiction WHERE path = "
                + COUNTY.formatted("t.jurisdiction_path") + ")");
        List<Line> total = lines(c.id(), "''");
        return new CampaignResult(total.isEmpty() ? empty() : total.getFirst(), units, counties);
    }

    private static Line empty() {
        return new Line("", 0, 0, 0, 0, 0, Wilson.of(0, 0), Map.of());
    }

    private List<Line> lines(long campaignId, String groupBy) {
        Map<String, Map<Indicator, Proportion>> indicators = new HashMap<>();
        jdbc.sql("SELECT g, indicator, sum(answers), sum(positive) FROM (SELECT " + groupBy + " AS g, t.*"
                        + " FROM (SELECT unit_id, jurisdiction_path, indicator, sum(answers) AS answers,"
                        + " sum(positive) AS positive FROM survey_indicator_tally WHERE campaign_id = ?"
                        + " GROUP BY 1, 2, 3) t LEFT JOIN org_unit u ON u.id = t.unit_id) x"
                        + " GROUP BY 1, 2 HAVING sum(answers) > 0")
                .param(campaignId)
                .query((rs, n) -> indicators.computeIfAbsent(String.valueOf(rs.getString(1)), k -> new EnumMap<>(Indicator.class))
                        .put(Indicator.valueOf(rs.getString(2)), Wilson.of(rs.getLong(3), rs.getLong(4))))
                .list();
        return jdbc.sql("SELECT g, sum(invited), sum(excluded), sum(responded), sum(refused), sum(unreachable),"
                        + " sum(satisfaction_answered), sum(satisfied) FROM (SELECT " + groupBy + " AS g, t.*"
                        + " FROM (SELECT unit_id, jurisdiction_path, sum(invited) AS invited, sum(excluded) AS excluded,"
                        + " sum(responded) AS responded, sum(refused) AS refused, sum(unreachable) AS unreachable,"
                        + " sum(satisfaction_answered) AS satisfaction_answered, sum(satisfied) AS satisfied"
                        + " FROM survey_tally WHERE campaign_id = ? GROUP BY 1, 2) t"
                        + " LEFT JOIN org_unit u ON u.id = t.unit_id) x GROUP BY 1 HAVING sum(invited) > 0 ORDER BY 1")
                .param(campaignId)
                .query((rs, n) -> new Line(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), Wilson.of(rs.getLong(7), rs.getLong(8)),
                        indicators.getOrDefault(String.valueOf(rs.getString(1)), Map.of())))
                .list();
    }

    @Override
    public Satisfaction satisfaction(String jurisdictionPath, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT count(*), count(*) FILTER (WHERE i.status = 'EXCLUDED'),"
                        + " count(*) FILTER (WHERE i.status = 'RESPONDED'), count(i.satisfied),"
                        + " count(*) FILTER (WHERE i.satisfied)"
                        + " FROM survey_invitation i JOIN survey_campaign c ON c.id = i.campaign_id"
                        + " WHERE c.kind = 'SATISFACTION' AND i.jurisdiction_path LIKE ?"
                        + " AND i.invited_at >= ? AND i.invited_at < ?")
                .params(jurisdictionPath + "%", start(from), start(to.plusDays(1)))
                .query((rs, n) -> new Satisfaction(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        Wilson.of(rs.getLong(4), rs.getLong(5))))
                .single();
    }

    @Override
    public Map<Indicator, List<CountyValue>> perceptionRanking(LocalDate from, LocalDate to) {
        Map<String, JurisdictionRef> counties = new HashMap<>();
        org.children(org.root().id()).forEach(c -> counties.put(c.path(), c));
        Map<Indicator, List<CountyValue>> out = new EnumMap<>(Indicator.class);
        Indicator.PERCEPTION.forEach(i -> out.put(i, new ArrayList<>()));
        jdbc.sql("SELECT " + COUNTY.formatted("i.jurisdiction_path") + ", q.indicator, count(*), count(*) FILTER (WHERE " + POSITIVE + ")"
                        + " FROM survey_answer a JOIN survey_question q ON q.id = a.question_id"
                        + " JOIN survey_invitation i ON i.id = a.invitation_id"
                        + " WHERE q.indicator IN ('SECURITY','LAW_ENFORCEMENT','DISPUTE_RESOLUTION','ANTI_GANG')"
                        + " AND i.responded_at >= ? AND i.responded_at < ? GROUP BY 1, 2")
                .params(start(from), start(to.plusDays(1)))
                .query((rs, n) -> {
                    JurisdictionRef county = counties.get(rs.getString(1));
                    if (county != null) {
                        out.get(Indicator.valueOf(rs.getString(2))).add(new CountyValue(county.id(), county.name(),
                                Wilson.of(rs.getLong(3), rs.getLong(4)), 0));
                    }
                    return 0;
                }).list();
        out.replaceAll((k, v) -> ranked(v));
        return out;
    }

    /** Weights from {@code minyi.survey.weight.<INDICATOR>} (default equal), normalised over what was measured. */
    @Override
    public List<CountyValue> compositeRanking(LocalDate from, LocalDate to) {
        Map<Indicator, List<CountyValue>> ranking = perceptionRanking(from, to);
        List<CountyValue> out = new ArrayList<>();
        for (JurisdictionRef county : org.children(org.root().id())) {
            double weights = 0, rate = 0, low = 0, high = 0;
            long n = 0, hits = 0;
            for (Indicator i : Indicator.PERCEPTION) {
                var value = ranking.get(i).stream().filter(v -> v.jurisdictionId() == county.id()).findFirst();
                if (value.isPresent() && value.get().value().rate() != null) {
                    double w = weight(i);
                    Proportion p = value.get().value();
                    weights += w;
                    rate += w * p.rate();
                    low += w * p.low();
                    high += w * p.high();
                    n += p.n();
                    hits += p.hits();
                }
            }
            if (weights > 0) {
                out.add(new CountyValue(county.id(), county.name(),
                        new Proportion(n, hits, rate / weights, low / weights, high / weights), 0));
            }
        }
        return ranked(out);
    }

    public double weight(Indicator i) {
        double w = env.getProperty("minyi.survey.weight." + i.name(), Double.class, 0.25);
        if (w < 0 || w > 1) {
            throw new IllegalStateException("minyi.survey.weight." + i.name() + " must lie in [0, 1]");
        }
        return w;
    }

    private static List<CountyValue> ranked(List<CountyValue> values) {
        List<CountyValue> sorted = values.stream()
                .sorted(Comparator.comparing((CountyValue v) -> v.value().low(), Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(CountyValue::name))
                .toList();
        List<CountyValue> out = new ArrayList<>();
        for (int k = 0; k < sorted.size(); k++) {
            CountyValue v = sorted.get(k);
            out.add(new CountyValue(v.jurisdictionId(), v.name(), v.value(), k + 1));
        }
        return out;
    }

    @Override
    public List<ExternalRank> externalRanks(String jurisdictionPath) {
        return jdbc.sql("""
                        SELECT r.*, j.name AS jname FROM survey_external_rank r JOIN org_jurisdiction j ON j.id = r.jurisdiction_id
                        WHERE r.jurisdiction_path LIKE ? ORDER BY r.period DESC, j.name, r.indicator""")
                .param(jurisdictionPath + "%")
                .query((rs, n) -> new ExternalRank(rs.getLong("id"), rs.getLong("jurisdiction_id"), rs.getString("jname"),
                        rs.getString("indicator"), rs.getString("period"), rs.getInt("rank_position"),
                        rs.getObject("rank_of", Integer.class), rs.getString("source_document")))
                .list();
    }

    private static java.sql.Timestamp start(LocalDate day) {
        return java.sql.Timestamp.from(io.minyi.platform.CityTime.startOf(day));
    }
}
