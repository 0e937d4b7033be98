package io.minyi.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which city's chain an audit event joins (decision 0044): the city its writer passes; else its record's, for record
 * types whose module says where they sit ({@link AuditedRecords}); else its actor's, for staff ({@link AuditActors});
 * else the platform chain, {@link AuditTrail#PLATFORM_CITY}.
 */
final class EventCities {

    private final Map<String, AuditedRecords> byType = new HashMap<>();
    private final List<AuditActors> actors;

    EventCities(List<AuditedRecords> records, List<AuditActors> actors) {
        records.forEach(r -> byType.putIfAbsent(r.recordType(), r));
        this.actors = List.copyOf(actors);
    }

    /** The city of a record of {@code type} whose id is the SQL expression {@code id}, or null. */
    String ofRecord(String type, String id) {
        AuditedRecords r = byType.get(type);
        return r == null ? null : r.cityOf(id);
    }

    /** The city of the actor named by the SQL expression {@code username}, or null. */
    String ofActor(String username) {
        return actors.isEmpty() ? null : actors.getFirst().cityOf(username);
    }

    /** A record id as the number most records are keyed by; null for anything else (a user name, a code). */
    static Long numeric(String recordId) {
        if (recordId.isEmpty() || recordId.length() > 18) {
            return null;
        }
        for (int i = 0; i < recordId.length(); i++) {
            if (!Character.isDigit(recordId.charAt(i)) || recordId.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(recordId);
    }
}
