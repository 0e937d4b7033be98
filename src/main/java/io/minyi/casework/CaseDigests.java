package io.minyi.casework;

import io.minyi.org.StaffUser;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases as outside systems may read them (Open311, the 12345 hotline): no raiser, and never a case about an officer
 * — the whistle-blower rule keeps those off every output that leaves the console. The tracking code is the raiser's
 * key to the tracking page and to rating the handling: only a caller that hands it to the raiser alone (the hotline
 * that took the call) may pass it on; a public output names a case by its id (decision 0073). Unscoped: the caller authenticates
 * its client and decides what it may show.
 */
public interface CaseDigests {

    Optional<CaseDigest> byId(long caseId);

    /** Newest first, at most {@code limit} rows from {@code offset}. */
    List<CaseDigest> list(Query query, int offset, int limit);

    /** Public steps (those with a note the raiser reads) of cases from the channel, in order of their step id. */
    List<PublicUpdate> publicUpdates(SourceChannel channel, Instant from, Instant to, int limit);

    /**
     * The (partly) substantiated cases about an officer, for the officer's record: what was found and when, never the
     * clue's words, its raiser or its tracking code (the raiser's key, and the record is printed for other offices).
     */
    List<Finding> substantiatedAbout(long officerId);

    record Finding(long caseId, CaseType type, Instant receivedAt, String outcomeLabel, Instant reportedAt,
                   int personsDisciplined, CaseState state) {
    }

    /**
     * The ledger (台账) as a PDF, for a hand-over package, as this staff member may see it.
     *
     * @throws io.minyi.platform.NotFoundException when the case is out of the viewer's sight
     */
    byte[] ledgerPdf(long caseId, StaffUser viewer);

    /** The evidence and photos of a case (for the hotline's forwarded item and discipline's package). */
    List<CaseFile> files(long caseId);

    /**
     * @param kinds       (type, category) pairs to include; a null category means every category of the type
     * @param caseIds     when not empty, only these
     * @param open        null: any; true: still in the loop; false: finished
     */
    record Query(List<Kind> kinds, Set<Long> caseIds, Instant from, Instant to, Boolean open) {
    }

    record Kind(CaseType type, String category) {
    }

    /**
     * {@code content} is what the raiser wrote; callers publish it only for cases that came in through their own
     * channel. {@code publicNote} is the latest note of the tracking page. {@code aboutOfficer}: the case names an
     * officer, so it must not leave the console ({@link #list} never returns one).
     */
    record CaseDigest(long id, String trackingCode, CaseType type, SourceChannel channel, String category,
                      CaseState state, long jurisdictionId, String jurisdictionName, String unitName,
                      String content, String publicNote, String outcomeLabel, String findings, LocalDate deadline,
                      Instant receivedAt, Instant updatedAt, Instant closedAt, boolean aboutOfficer) {
    }

    record PublicUpdate(long stepId, long caseId, CaseType type, String category,
                        CaseState state, String note, Instant at) {
    }

    record CaseFile(String fileName, String contentType, byte[] content) {
    }
}
