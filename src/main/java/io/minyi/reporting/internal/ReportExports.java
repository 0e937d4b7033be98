package io.minyi.reporting.internal;

import io.minyi.platform.CjkFont;
import io.minyi.platform.Pdf;
import lombok.RequiredArgsConstructor;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfPTable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The daily report as PDF (for print and filing) and as a spreadsheet (for further counting), worded in the reader's
 * language; the stored figures and names are data and stay as they were recorded.
 */
@Component
@RequiredArgsConstructor
public class ReportExports {

    private static final String[] HEAD = {"type", "category", "received", "dispatched", "closed", "overdue", "reopened"};
    private static final String[] GRID_HEAD = {"area", "reported", "selfResolved", "escalated", "closed", "visits"};

    private final CjkFont font;
    private final MessageSource messages;

    /** A text of the reporting bundle; numbers go in as they are written (no digit grouping in case ids). */
    private String t(Locale locale, String key, Object... args) {
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            plain[i] = args[i] instanceof Number ? String.valueOf(args[i]) : args[i];
        }
        return messages.getMessage("reporting.export." + key, plain, locale);
    }

    private String[] heads(Locale locale, String[] keys) {
        String[] out = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = t(locale, "col." + keys[i]);
        }
        return out;
    }

    /** A case type's name in the reader's language; the label stored with the report when the type is unknown. */
    private String typeLabel(Locale locale, String type, String stored) {
        return messages.getMessage("casework.caseType." + type, null, stored, locale);
    }

    public String fileName(DailyReports.Report r, String extension, Locale locale) {
        return t(locale, "fileName", r.jurisdictionName(), r.day()) + "." + extension;
    }

    public byte[] pdf(DailyReports.Report r, Locale locale) {
        DailyReports.Content c = r.content();
        Font title = new Font(font.baseFont(), 18, Font.BOLD);
        Font head = new Font(font.baseFont(), 13, Font.BOLD);
        Font body = new Font(font.baseFont(), 11);
        return Pdf.write(new Document(PageSize.A4, 48, 48, 48, 48), doc -> {
            Paragraph t = new Paragraph(t(locale, "title", c.jurisdictionName(), c.day()), title);
            t.setAlignment(Element.ALIGN_CENTER);
            doc.add(t);
            doc.add(new Paragraph(t(locale, "totals", c.received(), c.dispatched(), c.closed(), c.overdue(), c.reopened(),
                    c.rejected()), body));
            if (c.clues() != null) {
                doc.add(new Paragraph(t(locale, "clues", c.clues().substantiated(), c.clues().partlySubstantiated(),
                        c.clues().unfounded(), c.clues().underVerification(), c.clues().personsDisciplined()), body));
            }
            doc.add(new Paragraph(t(locale, "letters", c.reminders(), c.supervisionLetters(), c.circulars(),
                    c.alerts().size()), body));
            doc.add(new Paragraph(c.evaluations() == null ? t(locale, "evaluationsUnavailable")
                    : t(locale, "evaluations", c.evaluations(), c.evaluationSatisfaction() == null ? "—"
                            : String.format("%.2f%%", c.evaluationSatisfaction() * 100)), body));
            if (c.disputes() != null) {
                doc.add(new Paragraph(t(locale, "disputes"), head));
                doc.add(new Paragraph(disputeText(c.disputes(), locale), body));
            }
            if (c.grid() != null) {
                doc.add(new Paragraph(t(locale, "grid"), head));
                doc.add(new Paragraph(gridText(c.grid(), locale), body));
                if (!c.grid().areas().isEmpty()) {
                    doc.add(gridTable(c.grid().areas(), body, locale));
                }
            }
            doc.add(new Paragraph(t(locale, "byType"), head));
            doc.add(table(c.byType(), body, false, locale));
            doc.add(new Paragraph(t(locale, "byCategory"), head));
            doc.add(table(c.byCategory(), body, true, locale));
            doc.add(new Paragraph(t(locale, "topCategories"), head));
            for (var row : c.topCategories()) {
                doc.add(new Paragraph(t(locale, "topCategory", typeLabel(locale, row.type(), row.typeLabel()),
                        row.category(), row.received()), body));
            }
            doc.add(new Paragraph(t(locale, "alerts"), head));
            for (var a : c.alerts()) {
                doc.add(new Paragraph(t(locale, "alert", a.subject(), a.raisers(), a.cases()), body));
            }
            doc.add(new Paragraph(t(locale, "highRisk"), head));
            for (var n : c.highRisk()) {
                doc.add(new Paragraph(t(locale, "highRiskCase", n.caseId(), n.type(),
                        n.category() == null ? t(locale, "uncategorised") : n.category()), body));
            }
            if (c.auditChainHead() != null) {
                doc.add(new Paragraph(t(locale, "auditChainHead", c.auditChainHead()), body));
            }
        });
    }

    String disputeText(DailyReports.DisputeLine d, Locale locale) {
        return t(locale, "disputeText", d.mediatedSuccessfully(), d.concluded(),
                d.successRate() == null ? "—" : String.format("%.1f%%", d.successRate() * 100), d.screeningRounds(),
                d.disputesFound(), d.prevented(), d.judicialConfirmations());
    }

    String gridText(DailyReports.GridLine g, Locale locale) {
        return t(locale, "gridText", g.reported(), g.selfResolved(), g.escalated(), g.closed(), g.visits());
    }

    private PdfPTable gridTable(List<DailyReports.GridArea> areas, Font f, Locale locale) {
        PdfPTable table = new PdfPTable(GRID_HEAD.length);
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        for (String h : heads(locale, GRID_HEAD)) {
            table.addCell(new Paragraph(h, f));
        }
        for (var a : areas) {
            table.addCell(new Paragraph(a.name(), f));
            for (long v : new long[]{a.reported(), a.selfResolved(), a.escalated(), a.closed(), a.visits()}) {
                table.addCell(new Paragraph(String.valueOf(v), f));
            }
        }
        return table;
    }

    private PdfPTable table(List<DailyReports.Row> rows, Font f, boolean withCategory, Locale locale) {
        PdfPTable table = new PdfPTable(HEAD.length);
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        for (String h : heads(locale, HEAD)) {
            table.addCell(new Paragraph(h, f));
        }
        for (var r : rows) {
            table.addCell(new Paragraph(typeLabel(locale, r.type(), r.typeLabel()), f));
            table.addCell(new Paragraph(withCategory ? r.category() : t(locale, "all"), f));
            for (long v : new long[]{r.received(), r.dispatched(), r.closed(), r.overdue(), r.reopened()}) {
                table.addCell(new Paragraph(String.valueOf(v), f));
            }
        }
        return table;
    }

    /** Label and number rows from {@code start}; returns the next free row. Numbers stay numbers for counting. */
    private int figures(Sheet sheet, int start, Locale locale, String[] labels, long... values) {
        for (int i = 0; i < labels.length; i++) {
            Row row = sheet.createRow(start + i);
            row.createCell(0).setCellValue(t(locale, "row." + labels[i]));
            row.createCell(1).setCellValue(values[i]);
        }
        return start + labels.length;
    }

    /** The dispute and grid lines under the summary rows, and the grid's areas on their own sheet. */
    private void disputeAndGridRows(XSSFWorkbook wb, Sheet summary, int first, DailyReports.Content c, Locale locale) {
        int next = first;
        if (c.disputes() != null) {
            var d = c.disputes();
            next = figures(summary, next, locale, new String[]{"mediatedSuccessfully", "mediationsConcluded",
                    "screeningRounds", "disputesFound", "prevented", "judicialConfirmations"},
                    d.mediatedSuccessfully(), d.concluded(), d.screeningRounds(),
                    d.disputesFound(), d.prevented(), d.judicialConfirmations());
            Row rate = summary.createRow(next++);
            rate.createCell(0).setCellValue(t(locale, "row.mediationSuccessRate"));
            rate.createCell(1).setCellValue(d.successRate() == null ? "" : String.format("%.2f%%", d.successRate() * 100));
        }
        if (c.grid() != null) {
            var g = c.grid();
            figures(summary, next, locale, new String[]{"gridReported", "gridSelfResolved", "gridEscalated",
                    "gridClosed", "gridVisits"}, g.reported(), g.selfResolved(), g.escalated(), g.closed(), g.visits());
            Sheet areas = wb.createSheet(t(locale, "sheet.gridAreas"));
            Row head = areas.createRow(0);
            String[] gridHead = heads(locale, GRID_HEAD);
            for (int i = 0; i < gridHead.length; i++) {
                head.createCell(i).setCellValue(gridHead[i]);
            }
            int a = 1;
            for (var x : g.areas()) {
                Row row = areas.createRow(a++);
                row.createCell(0).setCellValue(x.name());
                long[] v = {x.reported(), x.selfResolved(), x.escalated(), x.closed(), x.visits()};
                for (int i = 0; i < v.length; i++) {
                    row.createCell(i + 1).setCellValue(v[i]);
                }
            }
        }
    }

    public byte[] xlsx(DailyReports.Report r, Locale locale) {
        DailyReports.Content c = r.content();
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet summary = wb.createSheet(t(locale, "sheet.summary"));
            String[][] lines = {
                    {"area", c.jurisdictionName()}, {"day", c.day()}, {"received", "" + c.received()},
                    {"dispatched", "" + c.dispatched()}, {"closed", "" + c.closed()}, {"overdue", "" + c.overdue()},
                    {"reopened", "" + c.reopened()}, {"rejected", "" + c.rejected()}, {"reminders", "" + c.reminders()},
                    {"supervisionLetters", "" + c.supervisionLetters()}, {"circulars", "" + c.circulars()},
                    {"alerts", "" + c.alerts().size()},
                    {"substantiated", c.clues() == null ? "" : "" + c.clues().substantiated()},
                    {"partlySubstantiated", c.clues() == null ? "" : "" + c.clues().partlySubstantiated()},
                    {"unfounded", c.clues() == null ? "" : "" + c.clues().unfounded()},
                    {"underVerification", c.clues() == null ? "" : "" + c.clues().underVerification()},
                    {"personsDisciplined", c.clues() == null ? "" : "" + c.clues().personsDisciplined()},
                    {"evaluations", c.evaluations() == null ? t(locale, "evaluationsUnavailableShort") : "" + c.evaluations()},
                    {"evaluationSatisfaction", c.evaluationSatisfaction() == null ? "" : String.format("%.2f%%", c.evaluationSatisfaction() * 100)}};
            for (int i = 0; i < lines.length; i++) {
                Row row = summary.createRow(i);
                row.createCell(0).setCellValue(t(locale, "row." + lines[i][0]));
                row.createCell(1).setCellValue(lines[i][1]);
            }
            disputeAndGridRows(wb, summary, lines.length, c, locale);
            Sheet cats = wb.createSheet(t(locale, "sheet.byCategory"));
            Row h = cats.createRow(0);
            String[] head = heads(locale, HEAD);
            for (int i = 0; i < head.length; i++) {
                h.createCell(i).setCellValue(head[i]);
            }
            int n = 1;
            for (var r2 : c.byCategory()) {
                Row row = cats.createRow(n++);
                row.createCell(0).setCellValue(typeLabel(locale, r2.type(), r2.typeLabel()));
                row.createCell(1).setCellValue(r2.category());
                row.createCell(2).setCellValue(r2.received());
                row.createCell(3).setCellValue(r2.dispatched());
                row.createCell(4).setCellValue(r2.closed());
                row.createCell(5).setCellValue(r2.overdue());
                row.createCell(6).setCellValue(r2.reopened());
            }
            Sheet risk = wb.createSheet(t(locale, "sheet.highRisk"));
            int k = 0;
            for (var x : c.highRisk()) {
                Row row = risk.createRow(k++);
                row.createCell(0).setCellValue(x.caseId());
                row.createCell(1).setCellValue(x.type());
                row.createCell(2).setCellValue(x.category() == null ? "" : x.category());
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
