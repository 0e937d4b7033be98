package io.minyi.reporting.internal;

import io.minyi.platform.CjkFont;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The daily report as PDF (for print and filing) and as a spreadsheet (for further counting). */
@Component
public class ReportExports {

    private static final String[] HEAD = {"类型", "类别", "新受理", "交办", "办结", "超期", "重办"};

    private final CjkFont font;

    ReportExports(CjkFont font) {
        this.font = font;
    }

    public byte[] pdf(DailyReports.Report r) {
        DailyReports.Content c = r.content();
        Font title = new Font(font.baseFont(), 18, Font.BOLD);
        Font head = new Font(font.baseFont(), 13, Font.BOLD);
        Font body = new Font(font.baseFont(), 11);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 48, 48, 48, 48);
        PdfWriter.getInstance(doc, out);
        doc.open();
        Paragraph t = new Paragraph(c.jurisdictionName() + " 每日汇总（" + c.day() + "）", title);
        t.setAlignment(Element.ALIGN_CENTER);
        doc.add(t);
        doc.add(new Paragraph("新受理 " + c.received() + " 件，交办 " + c.dispatched() + " 件，办结 " + c.closed()
                + " 件，超期 " + c.overdue() + " 件，重办 " + c.reopened() + " 件，甄别不予受理 " + c.rejected() + " 件。", body));
        if (c.clues() != null) {
            doc.add(new Paragraph("问题线索：查实 " + c.clues().substantiated() + " 件、部分查实 "
                    + c.clues().partlySubstantiated() + " 件、查否 " + c.clues().unfounded() + " 件、核查中 "
                    + c.clues().underVerification() + " 件，组织处理 " + c.clues().personsDisciplined() + " 人。", body));
        }
        doc.add(new Paragraph("发出提醒函 " + c.reminders() + " 件、督办函 " + c.supervisionLetters() + " 件、通报 "
                + c.circulars() + " 件；新增高频预警 " + c.alerts().size() + " 条。", body));
        doc.add(new Paragraph(c.evaluations() == null ? "评议数据暂不可用。"
                : "群众评议 " + c.evaluations() + " 条，满意率 " + String.format("%.2f%%", c.evaluationSatisfaction() * 100) + "。", body));
        if (c.disputes() != null) {
            doc.add(new Paragraph("矛盾纠纷排查化解", head));
            doc.add(new Paragraph(disputeText(c.disputes()), body));
        }
        if (c.grid() != null) {
            doc.add(new Paragraph("网格化管理", head));
            doc.add(new Paragraph(gridText(c.grid()), body));
            if (!c.grid().areas().isEmpty()) {
                doc.add(gridTable(c.grid().areas(), body));
            }
        }
        doc.add(new Paragraph("分类型", head));
        doc.add(table(c.byType(), body, false));
        doc.add(new Paragraph("分类别", head));
        doc.add(table(c.byCategory(), body, true));
        doc.add(new Paragraph("高发类别", head));
        for (var row : c.topCategories()) {
            doc.add(new Paragraph(row.typeLabel() + " · " + row.category() + "：" + row.received() + " 件", body));
        }
        doc.add(new Paragraph("高频预警", head));
        for (var a : c.alerts()) {
            doc.add(new Paragraph(a.subject() + "：" + a.raisers() + " 人反映 " + a.cases() + " 件", body));
        }
        doc.add(new Paragraph("重点关注（高风险）事项", head));
        for (var n : c.highRisk()) {
            doc.add(new Paragraph("事项 " + n.caseId() + "（" + n.type() + " · " + (n.category() == null ? "未分类" : n.category()) + "）", body));
        }
        if (c.auditChainHead() != null) {
            doc.add(new Paragraph("审计链头（编号 · 记录数 · 哈希）：" + c.auditChainHead(), body));
        }
        doc.close();
        return out.toByteArray();
    }

    static String disputeText(DailyReports.DisputeLine d) {
        return "调解成功 " + d.mediatedSuccessfully() + " 件（调解结束 " + d.concluded() + " 件，成功率 "
                + (d.successRate() == null ? "—" : String.format("%.1f%%", d.successRate() * 100)) + "），排查 "
                + d.screeningRounds() + " 轮、发现矛盾纠纷 " + d.disputesFound() + " 件，预防化解（防止民转刑） "
                + d.prevented() + " 件，司法确认 " + d.judicialConfirmations() + " 件。";
    }

    static String gridText(DailyReports.GridLine g) {
        return "网格事件上报 " + g.reported() + " 件（就地化解 " + g.selfResolved() + " 件、上报综治中心 " + g.escalated()
                + " 件），办结 " + g.closed() + " 件；入户走访 " + g.visits() + " 次。";
    }

    private static final String[] GRID_HEAD = {"区域", "上报", "就地化解", "上报中心", "办结", "走访"};

    private static PdfPTable gridTable(List<DailyReports.GridArea> areas, Font f) {
        PdfPTable table = new PdfPTable(GRID_HEAD.length);
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        for (String h : GRID_HEAD) {
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

    private static PdfPTable table(List<DailyReports.Row> rows, Font f, boolean withCategory) {
        PdfPTable table = new PdfPTable(HEAD.length);
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        for (String h : HEAD) {
            table.addCell(new Paragraph(h, f));
        }
        for (var r : rows) {
            table.addCell(new Paragraph(r.typeLabel(), f));
            table.addCell(new Paragraph(withCategory ? r.category() : "全部", f));
            for (long v : new long[]{r.received(), r.dispatched(), r.closed(), r.overdue(), r.reopened()}) {
                table.addCell(new Paragraph(String.valueOf(v), f));
            }
        }
        return table;
    }

    /** Label and number rows from {@code start}; returns the next free row. Numbers stay numbers for counting. */
    private static int figures(Sheet sheet, int start, String[] labels, long... values) {
        for (int i = 0; i < labels.length; i++) {
            Row row = sheet.createRow(start + i);
            row.createCell(0).setCellValue(labels[i]);
            row.createCell(1).setCellValue(values[i]);
        }
        return start + labels.length;
    }

    /** The dispute and grid lines under the summary rows, and the grid's areas on their own sheet. */
    private static void disputeAndGridRows(XSSFWorkbook wb, Sheet summary, int first, DailyReports.Content c) {
        int next = first;
        if (c.disputes() != null) {
            var d = c.disputes();
            next = figures(summary, next, new String[]{"调解成功", "调解结束", "排查轮次", "排查发现矛盾纠纷",
                    "预防化解（防止民转刑）", "司法确认"}, d.mediatedSuccessfully(), d.concluded(), d.screeningRounds(),
                    d.disputesFound(), d.prevented(), d.judicialConfirmations());
            Row rate = summary.createRow(next++);
            rate.createCell(0).setCellValue("调解成功率");
            rate.createCell(1).setCellValue(d.successRate() == null ? "" : String.format("%.2f%%", d.successRate() * 100));
        }
        if (c.grid() != null) {
            var g = c.grid();
            figures(summary, next, new String[]{"网格事件上报", "就地化解", "上报综治中心", "网格事件办结", "入户走访"},
                    g.reported(), g.selfResolved(), g.escalated(), g.closed(), g.visits());
            Sheet areas = wb.createSheet("网格分区域");
            Row head = areas.createRow(0);
            for (int i = 0; i < GRID_HEAD.length; i++) {
                head.createCell(i).setCellValue(GRID_HEAD[i]);
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

    public byte[] xlsx(DailyReports.Report r) {
        DailyReports.Content c = r.content();
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet summary = wb.createSheet("汇总");
            String[][] lines = {
                    {"区域", c.jurisdictionName()}, {"日期", c.day()}, {"新受理", "" + c.received()},
                    {"交办", "" + c.dispatched()}, {"办结", "" + c.closed()}, {"超期", "" + c.overdue()},
                    {"重办", "" + c.reopened()}, {"不予受理", "" + c.rejected()}, {"提醒函", "" + c.reminders()},
                    {"督办函", "" + c.supervisionLetters()}, {"通报", "" + c.circulars()},
                    {"高频预警", "" + c.alerts().size()},
                    {"线索查实", c.clues() == null ? "" : "" + c.clues().substantiated()},
                    {"线索部分查实", c.clues() == null ? "" : "" + c.clues().partlySubstantiated()},
                    {"线索查否", c.clues() == null ? "" : "" + c.clues().unfounded()},
                    {"线索核查中", c.clues() == null ? "" : "" + c.clues().underVerification()},
                    {"组织处理（人）", c.clues() == null ? "" : "" + c.clues().personsDisciplined()},
                    {"评议数", c.evaluations() == null ? "评议数据暂不可用" : "" + c.evaluations()},
                    {"评议满意率", c.evaluationSatisfaction() == null ? "" : String.format("%.2f%%", c.evaluationSatisfaction() * 100)}};
            for (int i = 0; i < lines.length; i++) {
                Row row = summary.createRow(i);
                row.createCell(0).setCellValue(lines[i][0]);
                row.createCell(1).setCellValue(lines[i][1]);
            }
            disputeAndGridRows(wb, summary, lines.length, c);
            Sheet cats = wb.createSheet("分类别");
            Row h = cats.createRow(0);
            for (int i = 0; i < HEAD.length; i++) {
                h.createCell(i).setCellValue(HEAD[i]);
            }
            int n = 1;
            for (var r2 : c.byCategory()) {
                Row row = cats.createRow(n++);
                row.createCell(0).setCellValue(r2.typeLabel());
                row.createCell(1).setCellValue(r2.category());
                row.createCell(2).setCellValue(r2.received());
                row.createCell(3).setCellValue(r2.dispatched());
                row.createCell(4).setCellValue(r2.closed());
                row.createCell(5).setCellValue(r2.overdue());
                row.createCell(6).setCellValue(r2.reopened());
            }
            Sheet risk = wb.createSheet("高风险事项");
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
