package io.minyi.casework.internal;

import io.minyi.casework.CaseDigests;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;
import io.minyi.casework.SourceChannel;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
class JdbcCaseDigests implements CaseDigests {

    private static final String SELECT = """
            SELECT c.id, c.tracking_code, c.type, c.channel, c.category, c.state, c.jurisdiction_id,
                   j.name AS jurisdiction_name, u.name AS unit_name, c.content, c.outcome, c.findings, c.deadline,
                   c.received_at, c.updated_at, c.closed_at, c.subject_officer_id IS NOT NULL AS about_officer,
                   (SELECT s.public_note FROM case_step s WHERE s.case_id = c.id AND s.city_id = c.city_id
                      AND s.public_note IS NOT NULL
                    ORDER BY s.id DESC LIMIT 1) AS public_note
            FROM cases c JOIN org_jurisdiction j ON j.id = c.jurisdiction_id LEFT JOIN org_unit u ON u.id = c.unit_id
            """;

    private final JdbcClient jdbc;
    private final CaseViews views;
    private final LedgerExport ledger;
    private final Attachments attachments;

    /** Findings are read on a page, in the reader's language; a digest goes out to other systems in the city's. */
    private final io.minyi.platform.EnumLabels labels;

    @Override
    public Optional<CaseDigest> byId(long caseId) {
        return jdbc.sql(SELECT + " WHERE c.id = ?").param(caseId).query(JdbcCaseDigests::digest).optional();
    }

    @Override
    public List<CaseDigest> list(Query q, int offset, int limit) {
        if (q.kinds().isEmpty()) {
            return List.of();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        // the whistle-blower rule: a case about an officer never leaves the console
        where.add("c.subject_officer_id IS NULL");
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < q.kinds().size(); i++) {
            Kind k = q.kinds().get(i);
            p.put("t" + i, k.type().name());
            if (k.category() == null) {
                kinds.add("c.type = :t" + i);
            } else {
                kinds.add("(c.type = :t" + i + " AND c.category = :k" + i + ")");
                p.put("k" + i, k.category());
            }
        }
        where.add("(" + String.join(" OR ", kinds) + ")");
        if (q.caseIds() != null && !q.caseIds().isEmpty()) {
            where.add("c.id IN (:chosen)");
            p.put("chosen", List.copyOf(q.caseIds()));
        }
        if (q.from() != null) {
            where.add("c.received_at >= :from");
            p.put("from", Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.add("c.received_at <= :to");
            p.put("to", Timestamp.from(q.to()));
        }
        if (q.open() != null) {
            where.add((q.open() ? "" : "NOT ") + "c.state IN (" + String.join(",",
                    CaseState.OPEN.stream().map(s -> "'" + s.name() + "'").toList()) + ")");
        }
        p.put("limit", limit);
        p.put("offset", offset);
        // ids first through the received_at index, then only those rows with their joins and latest note
        String ids = "SELECT c.id FROM cases c WHERE " + String.join(" AND ", where)
                + " ORDER BY c.received_at DESC, c.id DESC LIMIT :limit OFFSET :offset";
        return jdbc.sql(SELECT + " WHERE c.id IN (" + ids + ") ORDER BY c.received_at DESC, c.id DESC")
                .params(p).query(JdbcCaseDigests::digest).list();
    }

    @Override
    public List<PublicUpdate> publicUpdates(SourceChannel channel, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        SELECT s.id, c.id AS case_id, c.type, c.category, s.to_state, s.public_note, s.at
                        FROM case_step s JOIN cases c ON c.id = s.case_id AND c.city_id = s.city_id
                        WHERE s.public_note IS NOT NULL AND s.at >= ? AND s.at <= ? AND c.channel = ?
                          AND c.subject_officer_id IS NULL
                        ORDER BY s.at, s.id LIMIT ?""")
                .params(Timestamp.from(from), Timestamp.from(to), channel.name(), limit)
                .query((rs, i) -> new PublicUpdate(rs.getLong(1), rs.getLong(2),
                        CaseType.valueOf(rs.getString(3)), rs.getString(4), CaseState.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    @Override
    public List<Finding> substantiatedAbout(long officerId) {
        return jdbc.sql("""
                        SELECT id, type, received_at, outcome, reported_at, persons_disciplined, state
                        FROM cases WHERE subject_officer_id = ? AND outcome IN ('SUBSTANTIATED', 'PARTLY_SUBSTANTIATED')
                          AND state IN ('UNDER_REVIEW', 'AWAITING_FEEDBACK', 'REOPENED', 'CLOSED', 'CLOSED_NO_FEEDBACK',
                                        'ARCHIVED')
                        ORDER BY received_at DESC""")
                .param(officerId)
                .query((rs, i) -> new Finding(rs.getLong(1), CaseType.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), labels.of(Outcome.valueOf(rs.getString(4))),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getInt(6),
                        CaseState.valueOf(rs.getString(7))))
                .list();
    }

    @Override
    public byte[] ledgerPdf(long caseId, StaffUser viewer) {
        return ledger.pdf(views.detail(caseId, Actor.staff(viewer)),
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    @Override
    public List<CaseFile> files(long caseId) {
        List<CaseFile> out = new ArrayList<>();
        for (Attachments.Attachment a : attachments.ofCase(caseId)) {
            attachments.content(a).ifPresent(bytes -> out.add(new CaseFile(a.fileName(), a.contentType(), bytes)));
        }
        return out;
    }

    private static CaseDigest digest(ResultSet rs, int i) throws SQLException {
        String outcome = rs.getString("outcome");
        Timestamp closed = rs.getTimestamp("closed_at");
        return new CaseDigest(rs.getLong("id"), rs.getString("tracking_code"), CaseType.valueOf(rs.getString("type")),
                SourceChannel.valueOf(rs.getString("channel")), rs.getString("category"),
                CaseState.valueOf(rs.getString("state")), rs.getLong("jurisdiction_id"),
                rs.getString("jurisdiction_name"), rs.getString("unit_name"), rs.getString("content"),
                rs.getString("public_note"), outcome == null ? null : LoopWords.label(Outcome.valueOf(outcome)),
                rs.getString("findings"), rs.getObject("deadline", LocalDate.class),
                rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                closed == null ? null : closed.toInstant(), rs.getBoolean("about_officer"));
    }
}
