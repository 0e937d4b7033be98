package io.minyi.survey.internal;

import io.minyi.survey.Indicator;
import io.minyi.survey.SurveyFigures.Proportion;
import io.minyi.survey.internal.SurveyResults.CampaignResult;
import io.minyi.survey.internal.SurveyResults.Line;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign's results counted again over the raw invitations and answers, the way they were counted before the
 * tallies (issue 12), with the scoring rule written out rather than taken from the schema: what the tallies must
 * always equal. For the tests and the survey bench.
 */
public final class SurveyRecount {

    private static final String POSITIVE = "(CASE WHEN q.kind = 'SCALE' THEN a.scale >= 4 "
            + "ELSE coalesce(array_position(q.options, a.choice[1]), 99) <= 2 END)";
    private static final String COUNTY = "coalesce(substring(i.jurisdiction_path from '^/[0-9]+/[0-9]+/'), i.jurisdiction_path)";

    private SurveyRecount() {
    }

    public static CampaignResult of(JdbcClient jdbc, long campaignId) {
        List<Line> units = lines(jdbc, campaignId, "coalesce(u.name, '')");
        List<Line> counties = lines(jdbc, campaignId, "(SELECT name FROM org_jurisdiction WHERE path = " + COUNTY + ")");
        List<Line> total = lines(jdbc, campaignId, "''");
        return new CampaignResult(total.isEmpty() ? new Line("", 0, 0, 0, 0, 0, Wilson.of(0, 0), Map.of())
                : total.getFirst(), units, counties);
    }

    private static List<Line> lines(JdbcClient jdbc, long campaignId, String groupBy) {
        Map<String, Map<Indicator, Proportion>> indicators = new HashMap<>();
        jdbc.sql("SELECT " + groupBy + " AS g, q.indicator, count(*), count(*) FILTER (WHERE " + POSITIVE + ")"
                        + " FROM survey_answer a JOIN survey_question q ON q.id = a.question_id"
                        + " JOIN survey_invitation i ON i.id = a.invitation_id LEFT JOIN org_unit u ON u.id = i.unit_id"
                        + " WHERE i.campaign_id = ? AND q.indicator IS NOT NULL AND q.indicator <> 'SATISFACTION'"
                        + " GROUP BY 1, 2")
                .param(campaignId)
                .query((rs, n) -> indicators.computeIfAbsent(String.valueOf(rs.getString(1)), k -> new EnumMap<>(Indicator.class))
                        .put(Indicator.valueOf(rs.getString(2)), Wilson.of(rs.getLong(3), rs.getLong(4))))
                .list();
        return jdbc.sql("WITH sat AS (SELECT a.invitation_id, bool_and(" + POSITIVE + ") AS ok"
                        + " FROM survey_answer a JOIN survey_question q ON q.id = a.question_id"
                        + " WHERE q.campaign_id = ? AND q.indicator = 'SATISFACTION' GROUP BY a.invitation_id)"
                        + " SELECT " + groupBy + " AS g, count(*), count(*) FILTER (WHERE i.status = 'EXCLUDED'),"
                        + " count(*) FILTER (WHERE i.status = 'RESPONDED'), count(*) FILTER (WHERE i.status = 'REFUSED'),"
                        + " count(*) FILTER (WHERE i.status = 'UNREACHABLE'), count(sat.ok), count(*) FILTER (WHERE sat.ok)"
                        + " FROM survey_invitation i LEFT JOIN sat ON sat.invitation_id = i.id"
                        + " LEFT JOIN org_unit u ON u.id = i.unit_id WHERE i.campaign_id = ? GROUP BY 1 ORDER BY 1")
                .params(campaignId, campaignId)
                .query((rs, n) -> new Line(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), Wilson.of(rs.getLong(7), rs.getLong(8)),
                        indicators.getOrDefault(String.valueOf(rs.getString(1)), Map.of())))
                .list();
    }
}
