package io.minyi.dispute.internal;

import io.minyi.casework.RiskLevel;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import io.minyi.platform.EnumLabels;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The ledger (矛盾纠纷排查化解台账) as .xlsx, streamed: rows come from a server-side cursor (fetch size 500) and go
 * into a streaming workbook that keeps 200 rows in memory, so a county's year is written in constant memory.
 */
@Component
public class LedgerSheet {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(io.minyi.platform.CityTime.ZONE);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate writing;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final EnumLabels labels;

    LedgerSheet(JdbcTemplate jdbc, PlatformTransactionManager tx, AuditTrail audit, MessageSource messages,
                EnumLabels labels) {
        this.messages = messages;
        this.labels = labels;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(tx);
        this.readOnly.setReadOnly(true);
        this.writing = new TransactionTemplate(tx);
        this.audit = audit;
    }

    /** The ledger's columns, one subquery per aggregate so a row stays one cursor step. */
    private static final String SELECT = """
            SELECT d.id, d.registered_at, j.name AS jname, d.registered_by, d.source, c.name AS cname,
                (SELECT string_agg(p.name, '、' ORDER BY p.role, p.id) FROM dispute_party p WHERE p.dispute_id = d.id) AS parties,
                d.summary, d.risk_level, d.prevented, o.name AS oname,
                (SELECT string_agg(m.name, '、' ORDER BY a.id) FROM dispute_assignment a JOIN mediator m ON m.id = a.mediator_id
                    WHERE a.dispute_id = d.id AND a.ended_at IS NULL) AS mediators,
                d.mediation_due, (SELECT count(*) FROM mediation_session s WHERE s.dispute_id = d.id) AS sessions,
                d.status, d.guidance,
                (SELECT jc.status || coalesce(' ' || jc.ruling_no, '') FROM judicial_confirmation jc WHERE jc.dispute_id = d.id) AS confirmation,
                (SELECT string_agg(f.done_on || ' ' || f.performance, '；' ORDER BY f.due_on) FROM follow_up f
                    WHERE f.dispute_id = d.id AND f.done_on IS NOT NULL) AS follow_ups,
                d.case_state, d.case_deadline
            FROM dispute d JOIN org_jurisdiction j ON j.id = d.jurisdiction_id
            LEFT JOIN dispute_category c ON c.code = d.category_code
            LEFT JOIN mediation_org o ON o.id = d.org_id
            WHERE """;

    public String fileName(Locale locale) {
        return messages.getMessage("dispute.ledgerSheet.fileName", null, locale) + ".xlsx";
    }

    /**
     * Writes every visible dispute matching the filter to {@code out}; returns the number of rows. The locale is the
     * reader's, taken before the response streams on another thread.
     */
    public int write(Viewer v, DisputeViews.Filter f, OutputStream out, Locale locale) {
        DisputeViews.Where w = DisputeViews.where(v, f);
        writing.executeWithoutResult(s -> audit.recordAs(v.username(), String.join(",", v.roles().stream().map(Enum::name).toList()),
                AuditEntry.of("dispute.ledger.export", "dispute", "ledger").withChange(null, String.valueOf(f))));
        String sql = SELECT + " " + w.sql() + " ORDER BY d.registered_at, d.id";
        return readOnly.execute(s -> {
            try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
                Sheet sheet = wb.createSheet(messages.getMessage("dispute.ledgerSheet.sheet", null, locale));
                Row head = sheet.createRow(0);
                String[] headers = messages.getMessage("dispute.ledgerSheet.head", null, locale).split("\\|");
                for (int i = 0; i < headers.length; i++) {
                    head.createCell(i).setCellValue(headers[i]);
                }
                String yes = messages.getMessage("dispute.ledgerSheet.yes", null, locale);
                int[] r = {1};
                PreparedStatementCreator psc = con -> {
                    PreparedStatement ps = con.prepareStatement(sql);
                    ps.setFetchSize(500);
                    for (int i = 0; i < w.args().size(); i++) {
                        ps.setObject(i + 1, w.args().get(i));
                    }
                    return ps;
                };
                jdbc.query(psc, rs -> {
                    row(sheet.createRow(r[0]++), rs, locale, yes);
                });
                wb.write(out);
                wb.dispose();
                return r[0] - 1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One dispute as a ledger row, in the order of {@code dispute.ledgerSheet.head}. */
    private void row(Row row, ResultSet rs, Locale locale, String yes) throws SQLException {
        int c = 0;
        row.createCell(c++).setCellValue(rs.getLong("id"));
        row.createCell(c++).setCellValue(DAY.format(rs.getTimestamp("registered_at").toInstant()));
        row.createCell(c++).setCellValue(rs.getString("jname"));
        row.createCell(c++).setCellValue(rs.getString("registered_by"));
        row.createCell(c++).setCellValue(labels.of(DisputeSource.valueOf(rs.getString("source")), locale));
        row.createCell(c++).setCellValue(orEmpty(rs.getString("cname")));
        row.createCell(c++).setCellValue(orEmpty(rs.getString("parties")));
        row.createCell(c++).setCellValue(rs.getString("summary"));
        String risk = rs.getString("risk_level");
        row.createCell(c++).setCellValue(risk == null ? "" : labels.of(RiskLevel.valueOf(risk), locale));
        row.createCell(c++).setCellValue(rs.getBoolean("prevented") ? yes : "");
        row.createCell(c++).setCellValue(orEmpty(rs.getString("oname")));
        row.createCell(c++).setCellValue(orEmpty(rs.getString("mediators")));
        row.createCell(c++).setCellValue(rs.getDate("mediation_due").toString());
        row.createCell(c++).setCellValue(rs.getInt("sessions"));
        row.createCell(c++).setCellValue(labels.of(DisputeStatus.valueOf(rs.getString("status")), locale));
        row.createCell(c++).setCellValue(orEmpty(rs.getString("guidance")));
        row.createCell(c++).setCellValue(confirmation(rs.getString("confirmation"), locale));
        row.createCell(c++).setCellValue(followUps(rs.getString("follow_ups"), locale));
        row.createCell(c++).setCellValue(orEmpty(rs.getString("case_state")));
        row.createCell(c).setCellValue(rs.getDate("case_deadline") == null ? "" : rs.getDate("case_deadline").toString());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private String confirmation(String s, Locale locale) {
        if (s == null) {
            return "";
        }
        int space = s.indexOf(' ');
        String status = space < 0 ? s : s.substring(0, space);
        return labels.of(ConfirmationStatus.valueOf(status), locale) + (space < 0 ? "" : s.substring(space));
    }

    private String followUps(String s, Locale locale) {
        if (s == null) {
            return "";
        }
        for (Performance p : Performance.values()) {
            s = s.replace(p.name(), labels.of(p, locale));
        }
        return s;
    }
}
