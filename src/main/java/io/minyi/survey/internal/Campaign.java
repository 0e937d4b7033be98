package io.minyi.survey.internal;

import io.minyi.survey.Indicator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A survey campaign as pages show it. */
public record Campaign(long id, Kind kind, String name, long jurisdictionId, String jurisdictionPath,
                       String jurisdictionName, LocalDate startsOn, LocalDate endsOn, Status status, int maxAttempts,
                       String sourceDocument, String createdBy, Instant createdAt, List<Long> unitIds,
                       List<Question> questions) {

    public enum Kind { SATISFACTION, PERCEPTION }

    /** DRAFT: the questionnaire may change; OPEN: invitations go out and answers are taken; CLOSED: results final. */
    public enum Status { DRAFT, OPEN, CLOSED }

    public enum QuestionKind { SINGLE, MULTIPLE, SCALE, TEXT }

    public record Question(long id, int position, QuestionKind kind, String text, List<String> options,
                           Indicator indicator, Long unitId) {
        /** Whether this question is asked about the given unit (questions without a unit are asked of everyone). */
        public boolean askedFor(Long unit) {
            return unitId == null || unitId.equals(unit);
        }
    }

    public boolean draft() {
        return status == Status.DRAFT;
    }

    public boolean open() {
        return status == Status.OPEN;
    }
}
