package io.minyi.org;

import io.minyi.org.OrgRefs.StaffContact;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The whistle-blower rule as one mechanism (decision 0010): a record about an officer — a case naming them, an alert
 * or a letter about them, a message reporting either — is never shown to, sent to, nor decided by an account linked
 * to that officer, whatever that account's role or scope.
 * <p>
 * Writers {@link #register} each such record in the transaction that creates it. Readers add {@link #hides} to their
 * SQL (or filter with {@link #without}), so the record is not even read for the subject; senders pass recipients
 * through {@link #notAbout}. An account without a linked officer costs nothing: every clause is then {@code true}.
 */
public interface SubjectShield {

    /** The kinds of record the rule covers; the name is the record type the audit trail uses for them. */
    enum Kind {
        CASE("case"), ALERT("supervision_alert"), LETTER("supervision_letter"), NOTIFICATION("notification");

        private final String recordType;

        Kind(String recordType) {
            this.recordType = recordType;
        }

        public String recordType() {
            return recordType;
        }
    }

    /** A piece of SQL with its positional ({@code ?}) parameters, to AND into a WHERE clause. */
    record Clause(String sql, List<Object> args) {
        public static final Clause TRUE = new Clause("true", List.of());

        public Clause {
            args = List.copyOf(args);
        }
    }

    /** Records that the record is about these officers (nulls ignored); joins the caller's transaction. */
    void register(Kind kind, long recordId, Collection<Long> officerIds);

    /** The officers a record is about. */
    Set<Long> subjectsOf(Kind kind, long recordId);

    /** True when the record's id column names a record about the viewer's officer; {@code ?} parameters. */
    Clause hides(StaffUser viewer, Kind kind, String idColumn);

    /** As {@link #hides} for a row addressed to an account (an inbox): hides it when that account is a subject. */
    Clause hidesFromAccount(Kind kind, String idColumn, String staffIdColumn);

    /** For tables that carry the subject officer themselves (cases): {@code column IS DISTINCT FROM ?}. */
    Clause hidesOfficerColumn(StaffUser viewer, String officerColumn);

    /** For audit rows: hides events whose (record type, record id) names a record about the viewer. */
    Clause hidesAudited(StaffUser viewer, String recordTypeColumn, String recordIdColumn);

    boolean isAbout(StaffUser viewer, Kind kind, long recordId);

    /** The rows not about the viewer, in order. */
    <T> List<T> without(StaffUser viewer, Kind kind, List<T> rows, ToLongFunction<T> id);

    /** The recipients minus the accounts linked to any of the officers. */
    List<StaffContact> notAbout(List<StaffContact> recipients, Collection<Long> officerIds);

    /** True when the staff account is linked to one of the officers. */
    boolean isSubject(long staffId, Collection<Long> officerIds);

    /** True when the officer heads the unit: an account linked to them is a UNIT_LEADER of it. */
    boolean headsUnit(long officerId, long unitId);
}
