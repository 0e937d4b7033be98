package io.minyi.casework.internal;

import io.minyi.casework.TransferTarget;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.Outcome;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.SourceChannel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything a case holds, as a value: what the repository reads and writes, and what tests compare to prove that a
 * refused move changed nothing. The raiser appears only masked; the encrypted contact never leaves {@link Cases}.
 */
public record CaseSnapshot(long id, String trackingCode, CaseType type, SourceChannel channel, long jurisdictionId,
                           String jurisdictionPath, Long subjectUnitId, Long subjectOfficerId, String raiserNameMasked,
                           String raiserPhoneMasked, String raiserKey, String content, String category,
                           RiskLevel risk, Long proposedUnitId, Long unitId, Long reviewUnitId, CaseState state,
                           LocalDate deadline, Instant dispatchedAt, Instant reportedAt, Outcome outcome,
                           String findings, int personsDisciplined, String disciplinedNames,
                           Satisfaction satisfaction, String feedbackComment, LocalDate feedbackDue, int reopenCount,
                           Long mergedInto, TransferTarget transferTarget, String rejectReason, Instant receivedAt,
                           Instant updatedAt, Instant closedAt, Instant verifyingSince,
                           boolean deadlineExtended, Satisfaction followUpVerdict, boolean feedbackByStaff,
                           Long handlingUnitId, LocalDate handlingDeadline, int version,
                           Long levelJurisdictionId, String levelPath, LocalDate levelDeadline,
                           List<CaseAssist> assists) {

    public CaseSnapshot {
        assists = assists == null ? List.of() : List.copyOf(assists);
    }
}
