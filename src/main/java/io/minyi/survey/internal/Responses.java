package io.minyi.survey.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.platform.NotFoundException;
import io.minyi.survey.internal.Campaign.Question;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The resident's side: a personal one-time link opens the questionnaire for the unit they dealt with; once answered
 * the link only says thank you. An unknown token and a finished campaign both answer in resident words.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class Responses {

    /** What the answer page needs. {@code state}: OPEN (show the form), DONE (already answered), CLOSED. */
    public record Questionnaire(long invitationId, String campaignName, String unitName, List<Question> questions,
                                String state) {
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Answers answers;
    private final AuditTrail audit;
    private final Clock clock;

    public Questionnaire open(String token) {
        record Row(long id, long campaignId, Long unitId, String unitName, String status) {
        }
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,64}")) {
            throw new NotFoundException("survey token");
        }
        Row row = jdbc.sql("""
                        SELECT i.id, i.campaign_id, i.unit_id, u.name, i.status FROM survey_invitation i
                        LEFT JOIN org_unit u ON u.id = i.unit_id WHERE i.token_hash = ?""")
                .param(Invitations.hash(token))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getString(4),
                        rs.getString(5)))
                .optional().orElseThrow(() -> new NotFoundException("survey token"));
        Campaign c = campaigns.find(row.campaignId()).orElseThrow();
        String state = !"INVITED".equals(row.status()) ? "DONE" : c.open() ? "OPEN" : "CLOSED";
        return new Questionnaire(row.id(), c.name(), row.unitName(),
                c.questions().stream().filter(q -> q.askedFor(row.unitId())).toList(), state);
    }

    /**
     * Stores the answers once. A second submission of the same link (a double tap, a retry) changes nothing and
     * reports success, so a resident never sees an error for having answered.
     */
    @Transactional
    public void submit(String token, Map<String, String[]> params) {
        Questionnaire q = open(token);
        if (!"OPEN".equals(q.state())) {
            return;
        }
        List<Answers.Answer> given = answers.read(q.questions(), params);
        int changed = jdbc.sql("""
                        UPDATE survey_invitation SET status = 'RESPONDED', responded_at = ?
                        WHERE id = ? AND status = 'INVITED'""")
                .params(Timestamp.from(clock.instant()), q.invitationId()).update();
        if (changed == 1) {
            answers.store(q.invitationId(), given);
            audit.recordAs("resident", "", AuditEntry.of("survey.invitation.answer", "survey_invitation", q.invitationId()));
        }
    }
}
