package io.minyi.casework.internal;

/**
 * Every move of the loop. People read it as {@code casework.move.<MOVE>} from the bundles (ledger, case page,
 * history); the audit trail names it {@link #auditAction()}.
 */
public enum Move {
    RECEIVE, ACCEPT, REJECT, TRIAGE, DISPATCH, SIGN,
    REQUEST_RETURN, REDISPATCH, REPORT, REPORT_PROGRESS,
    PASS_DOWN, UNIT_APPROVE,
    UNIT_SEND_BACK, APPROVE, SEND_BACK, RATE,
    CLOSE_NO_FEEDBACK, FOLLOW_UP_CALL,
    CLOSE_BY_FOLLOW_UP, MERGE, TRANSFER, ARCHIVE,
    CONFIRM_ON_SITE,
    ASSIGN_ASSIST, ASSIST_REPORT, ESCALATE,
    HAND_DOWN,
    // steps from outside the loop: they record, never change the state
    COMMENT, TRANSFER_RESULT, DISCIPLINE_HANDOVER,
    DISCIPLINE_RESULT;

    public String auditAction() {
        return "casework.case." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
