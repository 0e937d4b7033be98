package io.minyi.audit;

/**
 * A module's audited record type and where each record sits in the jurisdiction tree, so that an administrator of a
 * county lists the audit events about the county's records (issue 18). Each module that records events about its
 * own records provides one bean per record type; {@link AuditReaders} combines them.
 */
public interface AuditedRecords {

    /** The record type used in {@link AuditEntry#of}. */
    String recordType();

    /**
     * An SQL condition, true when the record whose numeric id is the expression {@code id} lies under the jurisdiction
     * path pattern bound to its one {@code ?} parameter; e.g. {@code EXISTS (SELECT 1 FROM cases c WHERE c.id = <id>
     * AND c.jurisdiction_path LIKE ?)}.
     */
    String under(String id);

    /**
     * An SQL scalar subquery giving the city of the record whose numeric id is the expression {@code id}
     * ({@code city_of_path} of its jurisdiction path), or null when this type cannot say: the audit trail puts an
     * event about the record into that city's chain (decision 0044).
     */
    default String cityOf(String id) {
        return null;
    }

    static AuditedRecords of(String recordType, String table, String pathColumn) {
        return new AuditedRecords() {
            @Override
            public String recordType() {
                return recordType;
            }

            @Override
            public String under(String id) {
                return "EXISTS (SELECT 1 FROM " + table + " r WHERE r.id = " + id + " AND r." + pathColumn + " LIKE ?)";
            }

            @Override
            public String cityOf(String id) {
                return "(SELECT city_of_path(r." + pathColumn + ") FROM " + table + " r WHERE r.id = " + id + ")";
            }
        };
    }
}
