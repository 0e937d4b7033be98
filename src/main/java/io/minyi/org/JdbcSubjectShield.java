package io.minyi.org;

import io.minyi.org.OrgRefs.StaffContact;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;

@Component
@RequiredArgsConstructor
class JdbcSubjectShield implements SubjectShield {

    private final JdbcClient jdbc;

    @Override
    public void register(Kind kind, long recordId, Collection<Long> officerIds) {
        for (Long officer : new LinkedHashSet<>(officerIds)) {
            if (officer != null) {
                jdbc.sql("INSERT INTO shielded_record (record_type, record_id, officer_id) VALUES (?,?,?) ON CONFLICT DO NOTHING")
                        .params(kind.recordType(), recordId, officer).update();
            }
        }
    }

    @Override
    public Set<Long> subjectsOf(Kind kind, long recordId) {
        return new HashSet<>(jdbc.sql("SELECT officer_id FROM shielded_record WHERE record_type = ? AND record_id = ?")
                .params(kind.recordType(), recordId).query(Long.class).list());
    }

    @Override
    public Clause hides(StaffUser viewer, Kind kind, String idColumn) {
        if (viewer.officerId() == null) {
            return Clause.TRUE;
        }
        return new Clause("NOT EXISTS (SELECT 1 FROM shielded_record shield WHERE shield.officer_id = ? "
                + "AND shield.record_type = ? AND shield.record_id = " + idColumn + ")",
                List.of(viewer.officerId(), kind.recordType()));
    }

    @Override
    public Clause hidesFromAccount(Kind kind, String idColumn, String staffIdColumn) {
        return new Clause("NOT EXISTS (SELECT 1 FROM shielded_record shield JOIN staff_account reader "
                + "ON reader.officer_id = shield.officer_id WHERE reader.id = " + staffIdColumn
                + " AND shield.record_type = ? AND shield.record_id = " + idColumn + ")", List.of(kind.recordType()));
    }

    @Override
    public Clause hidesOfficerColumn(StaffUser viewer, String officerColumn) {
        return viewer.officerId() == null ? Clause.TRUE
                : new Clause(officerColumn + " IS DISTINCT FROM ?", List.of(viewer.officerId()));
    }

    @Override
    public Clause hidesAudited(StaffUser viewer, String recordTypeColumn, String recordIdColumn) {
        if (viewer.officerId() == null) {
            return Clause.TRUE;
        }
        return new Clause("NOT EXISTS (SELECT 1 FROM shielded_record shield WHERE shield.officer_id = ? "
                + "AND shield.record_type = " + recordTypeColumn + " AND shield.record_id::text = " + recordIdColumn + ")",
                List.of(viewer.officerId()));
    }

    @Override
    public boolean isAbout(StaffUser viewer, Kind kind, long recordId) {
        return viewer.officerId() != null && jdbc.sql(
                        "SELECT 1 FROM shielded_record WHERE officer_id = ? AND record_type = ? AND record_id = ?")
                .params(viewer.officerId(), kind.recordType(), recordId).query(Integer.class).optional().isPresent();
    }

    @Override
    public <T> List<T> without(StaffUser viewer, Kind kind, List<T> rows, ToLongFunction<T> id) {
        if (viewer.officerId() == null || rows.isEmpty()) {
            return rows;
        }
        Set<Long> about = new HashSet<>(jdbc.sql("""
                        SELECT record_id FROM shielded_record
                        WHERE officer_id = ? AND record_type = ? AND record_id = ANY(?)""")
                .params(viewer.officerId(), kind.recordType(), rows.stream().map(id::applyAsLong).toArray(Long[]::new))
                .query(Long.class).list());
        return about.isEmpty() ? rows : rows.stream().filter(r -> !about.contains(id.applyAsLong(r))).toList();
    }

    @Override
    public List<StaffContact> notAbout(List<StaffContact> recipients, Collection<Long> officerIds) {
        Set<Long> subjects = linkedAccounts(officerIds);
        return subjects.isEmpty() ? recipients : recipients.stream().filter(r -> !subjects.contains(r.id())).toList();
    }

    @Override
    public boolean isSubject(long staffId, Collection<Long> officerIds) {
        return linkedAccounts(officerIds).contains(staffId);
    }

    private Set<Long> linkedAccounts(Collection<Long> officerIds) {
        Long[] ids = officerIds.stream().filter(Objects::nonNull).distinct().toArray(Long[]::new);
        if (ids.length == 0) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT id FROM staff_account WHERE officer_id = ANY(?)").param(ids)
                .query(Long.class).list());
    }

    @Override
    public boolean headsUnit(long officerId, long unitId) {
        return jdbc.sql("""
                        SELECT 1 FROM staff_account WHERE officer_id = ? AND unit_id = ? AND active
                        AND 'UNIT_LEADER' = ANY(roles) LIMIT 1""")
                .params(officerId, unitId).query(Integer.class).optional().isPresent();
    }
}
