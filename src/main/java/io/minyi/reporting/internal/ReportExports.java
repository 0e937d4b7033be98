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
