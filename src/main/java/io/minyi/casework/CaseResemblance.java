package io.minyi.casework;

import java.util.Optional;

/**
 * "The same matter reported again": the older open cases of the same village or community that read like a case
 * without a named subject (Lucene over the distinctive words, as the pool's 可能重复). Asked after the case's commit by
 * whoever counts matters (supervision's high-frequency alerts, on {@link CaseEvents.CaseReceived}), so the intake
 * neither searches nor publishes a second event per case (issue 11, decision 0041).
 */
public interface CaseResemblance {

    /**
     * The case's resemblance to the oldest (up to 20) open cases of its own jurisdiction received before it; empty
     * when the case names a unit or an officer, is unknown, or resembles none.
     */
    Optional<CaseEvents.CaseResemblesOthers> of(long caseId);
}
