package io.minyi.survey.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Rank positions the province publishes (e.g. 安全感 第45位, "全省前3"): kept as external results with their source. */
@Service
@RequiredArgsConstructor
public class ExternalRanks {

    public record RankForm(Long jurisdictionId, String indicator, String period, Integer position, Integer of,
                           String sourceDocument) {
    }

    static final Set<String> INDICATORS = Set.of("SECURITY", "LAW_ENFORCEMENT", "DISPUTE_RESOLUTION", "ANTI_GANG", "OVERALL");

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final AuditTrail audit;
    private final Clock clock;

    /** Records (or corrects) the published rank of a jurisdiction in scope for an indicator and period. */
    @Transactional
    public void record(StaffUser me, RankForm form) {
        List<String> problems = new ArrayList<>();
        JurisdictionRef j = form.jurisdictionId() == null ? null
                : org.jurisdiction(form.jurisdictionId()).filter(x -> me.covers(x.path())).orElse(null);
        if (j == null) {
            problems.add("survey.error.jurisdiction");
        }
        if (form.indicator() == null || !INDICATORS.contains(form.indicator())) {
            problems.add("survey.error.indicator");
        }
        String period = form.period() == null ? "" : form.period().strip();
        if (period.isEmpty() || period.length() > 20) {
            problems.add("survey.error.rankPeriod");
        }
        if (form.position() == null || form.position() < 1 || (form.of() != null && form.of() < form.position())) {
            problems.add("survey.error.rankPosition");
        }
        String source = form.sourceDocument() == null ? "" : form.sourceDocument().strip();
        if (source.isEmpty() || source.length() > 200) {
            problems.add("survey.error.rankSource");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String before = jdbc.sql("""
                        SELECT rank_position || '/' || coalesce(rank_of::text, '') || ' ' || source_document
                        FROM survey_external_rank WHERE jurisdiction_id = ? AND indicator = ? AND period = ?""")
                .params(j.id(), form.indicator(), period).query(String.class).optional().orElse(null);
        long id = jdbc.sql("""
                        INSERT INTO survey_external_rank (jurisdiction_id, jurisdiction_path, indicator, period,
                                                          rank_position, rank_of, source_document, recorded_by, recorded_at)
                        VALUES (?,?,?,?,?,?,?,?,?)
                        ON CONFLICT (jurisdiction_id, indicator, period, city_id) DO UPDATE SET
                            rank_position = EXCLUDED.rank_position, rank_of = EXCLUDED.rank_of, source_document = EXCLUDED.source_document,
                            recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
                        RETURNING id""")
                .params(j.id(), j.path(), form.indicator(), period, form.position(), form.of(), source,
                        me.getUsername(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(AuditEntry.of("survey.external_rank.record", "survey_external_rank", id).withChange(before,
                j.name() + " " + form.indicator() + " " + period + " " + form.position() + "/" + form.of() + " " + source));
    }
}
