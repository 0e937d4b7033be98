package io.minyi.audit;

import io.minyi.platform.PageResult;

import java.time.Instant;
import java.util.List;

/** The audit trail's API. */
public interface AuditTrail {

    /**
     * Appends an event for the current user (or "system" outside a request). Must be called inside the transaction
     * that makes the change; joins it, so an audit event never exists without its change or the other way round.
     */
    void record(AuditEntry entry);

    /** Appends an event on behalf of a named actor, for scheduled jobs and integrations. */
    void recordAs(String actor, String roles, AuditEntry entry);

    default PageResult<AuditEvent> search(AuditQuery query, PageResult.Request page) {
        return search(query, AuditReaders.Visible.EVERYTHING, page);
    }

    /** The events matching the query among those the reader may see ({@link AuditReaders}). */
    PageResult<AuditEvent> search(AuditQuery query, AuditReaders.Visible visible, PageResult.Request page);

    List<AuditEvent> historyOf(String recordType, String recordId);

    /** Walks the whole chain; the first broken link, if any, says where tampering starts. */
    ChainCheck verifyChain();

    record AuditEvent(long id, Instant occurredAt, String actor, String actorRoles, String action, String recordType,
                      String recordId, String before, String after, String address) {
    }

    record AuditQuery(String actor, String action, String recordType, String recordId, Instant from, Instant to) {
        public static AuditQuery all() {
            return new AuditQuery(null, null, null, null, null, null);
        }
    }

    record ChainCheck(boolean intact, long eventsChecked, Long firstBrokenId) {
    }
}
