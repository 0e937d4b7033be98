package io.minyi.survey.internal;

import java.time.Instant;

/** One person invited to a campaign, as staff see them (phone masked). */
public record Invitation(long id, long campaignId, Long unitId, String unitName, String source, Long caseId,
                         String personName, String phoneMasked, String channel, Status status, String exclusionReason,
                         int attempts, Instant invitedAt, Instant respondedAt, Instant smsSentAt) {

    public enum Status { INVITED, RESPONDED, REFUSED, UNREACHABLE, EXCLUDED }

    public enum CallOutcome { NO_ANSWER, REFUSED, COMPLETED }
}
