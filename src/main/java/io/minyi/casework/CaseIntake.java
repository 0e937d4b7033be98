package io.minyi.casework;

/** The one way into the pool. */
public interface CaseIntake {

    /**
     * Registers a case in state RECEIVED, joining the caller's transaction (so the caller's own record and the case
     * commit together). Publishes {@link CaseEvents.CaseReceived}.
     *
     * @throws io.minyi.platform.InvalidInputException when the content is empty or too long, or the jurisdiction,
     *                                                 unit or officer does not exist
     */
    Receipt receive(NewCase newCase);

    record Receipt(long caseId, String trackingCode) {
    }
}
