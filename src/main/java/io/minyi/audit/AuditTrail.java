package io.minyi.audit;

import io.minyi.platform.PageResult;

import java.time.Instant;
import java.util.List;

/** The audit trail's API. */
public interface AuditTrail {

    /**
     * The chain of events that belong to no city: neither their writer, their record nor their actor names one (a
     * sign-in attempt under an unknown name, an integration client's or the system's work on platform-wide records).
     * Jurisdiction ids start at 1, so it is nobody's city (decision 0044).
     */
    long PLATFORM_CITY = 0;

    /**
     * Appends an event for the current user (or "system" outside a request). Must be called inside the transaction
     * that makes the change; joins it, so an audit event never exists without its change or the other way round.
     */
    void record(AuditEntry entry);

    /** Appends an event on behalf of a named actor, for scheduled jobs and integrations. */
    void recordAs(String actor, String roles, AuditEntry entry);

    /**
     * Runs {@code work} in the current transaction and writes the events it records in that transaction in one
     * statement when it returns — still inside the transaction, so they commit with its changes or not at all, each
     * event with the moment, content and seal it was recorded with (linked after the commit as any other, in the
     * order recorded). For a request that records several events (an Open311 POST: the case's receipt and the
     * client's call), one round trip instead of one per event. Events recorded inside it in another transaction are
     * written at once, as always.
     */
    <T> T together(java.util.function.Supplier<T> work);

    default PageResult<AuditEvent> search(AuditQuery query, PageResult.Request page) {
        return search(query, AuditReaders.Visible.EVERYTHING, page);
    }

    /** The events matching the query among those the reader may see ({@link AuditReaders}). */
    PageResult<AuditEvent> search(AuditQuery query, AuditReaders.Visible visible, PageResult.Request page);

    List<AuditEvent> historyOf(String recordType, String recordId);

    /**
     * Links the events committed so far, then walks every city's chain in its order, recomputing each keyed link, and
     * compares it with the signed checkpoints kept outside the database: the first broken link says where tampering
     * starts; a missing or different anchored row says the chain was cut short or recomputed; an event left unlinked
     * for minutes says the linking has stopped. Cities are walked in the order of their ids, the platform's first.
     */
    ChainCheck verifyChain();

    /** {@link #verifyChain()} for one city's chain only. */
    ChainCheck verifyChain(long city);

    /**
     * The newest linked event of the city's chain (for anchoring it outside the database), if there is one;
     * {@code events} is its position in that chain. Events are linked about a second after they commit (0033).
     */
    java.util.Optional<ChainHead> head(long city);

    /**
     * The newest linked event of the city's chain that occurred before {@code before}: a past day's head, the same
     * whenever it is asked for once the events of that time have been linked (a second or so after they committed).
     */
    java.util.Optional<ChainHead> headBefore(long city, Instant before);

    /**
     * @param action       the action under its current name (decision 0025), for showing and comparing
     * @param storedAction the action as it was written and signed, a former name for rows older than that decision
     */
    record AuditEvent(long id, Instant occurredAt, String actor, String actorRoles, String action, String recordType,
                      String recordId, String before, String after, String address, String storedAction) {
    }

    record AuditQuery(String actor, String action, String recordType, String recordId, Instant from, Instant to) {
        public static AuditQuery all() {
            return new AuditQuery(null, null, null, null, null, null);
        }
    }

    /**
     * @param problem         what was found (the first, in the order the chains are walked); {@link Problem#NONE}
     *                        when intact
     * @param checkpoints     how many signed checkpoints were compared with the chains
     * @param chains          how many cities' chains were walked
     * @param brokenCity      the city whose chain has the problem, null when intact
     */
    record ChainCheck(boolean intact, long eventsChecked, Long firstBrokenId, Problem problem, int checkpoints,
                      int chains, Long brokenCity) {
    }

    enum Problem {
        /** Every link verifies and every checkpoint matches. */
        NONE,
        /** A row was changed, inserted or deleted (its link does not verify under the key). */
        ALTERED,
        /** Rows the checkpoints anchored are gone from the end of the chain. */
        TRUNCATED,
        /** The chain verifies link by link but not against an anchored row: it was recomputed. */
        RECHAINED,
        /** A checkpoint line is not signed with our key: the checkpoint file was tampered with. */
        CHECKPOINT_FORGED,
        /**
         * An event has stayed out of the chain for longer than {@code minyi.audit.unlinked-alarm} (5 minutes): the
         * linking stopped (no node runs it, it fails, or it refused to continue a chain that went backwards).
         */
        UNLINKED
    }

    /** The newest link of {@code city}'s chain: its event, hash and position. */
    record ChainHead(long city, long id, String hash, long events, Instant occurredAt) {
    }
}
