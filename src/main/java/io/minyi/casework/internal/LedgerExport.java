package io.minyi.casework.internal;

import io.minyi.platform.CityTime;
import io.minyi.platform.CjkFont;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The per-case ledger (台账): every step with time, the actor's unit, the comment and the evidence list, as .xlsx and
 * as PDF, set in {@link CjkFont}.
 */
@Component
public class LedgerExport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(CityTime.ZONE);
    static final List<String> HEADERS = List.of("序号", "时间", "环节", "操作人单位", "操作人", "状态", "意见", "证据材料");

    private final CjkFont font;

    public LedgerExport(CjkFont font) {
        this.font = font;
    }

    public byte[] xlsx(CaseViews.Detail d) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("台账");
            int r = 0;
            for (String[] line : summary(d)) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(line[0]);
                row.createCell(1).setCellValue(line[1]);
            }
            r++;
            Row head = sheet.createRow(r++);
            for (int i = 0; i < HEADERS.size(); i++) {
                head.createCell(i).setCellValue(HEADERS.get(i));
            }
            for (List<String> line : lines(d)) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < line.size(); i++) {
                    row.createCell(i).setCellValue(line.get(i));
                }
            }
            for (int i = 0; i < HEADERS.size(); i++) {
                sheet.setColumnWidth(i, i == 6 ? 50 * 256 : 18 * 256);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] pdf(CaseViews.Detail d) {
        BaseFont base = font.baseFont();
        Font title = new Font(base, 15, Font.BOLD);
        Font normal = new Font(base, 9);
        Font bold = new Font(base, 9, Font.BOLD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
        PdfWriter.getInstance(doc, out);
        doc.open();
        Paragraph p = new Paragraph("事项办理台账 " + d.c().trackingCode(), title);
        p.setAlignment(Element.ALIGN_CENTER);
        doc.add(p);
        PdfPTable info = new PdfPTable(new float[]{1, 5});
        info.setWidthPercentage(100);
        info.setSpacingBefore(8);
        for (String[] line : summary(d)) {
            info.addCell(new PdfPCell(new Phrase(line[0], bold)));
            info.addCell(new PdfPCell(new Phrase(io.minyi.platform.CjkLineBreaking.chunk(line[1], normal))));
        }
        doc.add(info);
        PdfPTable table = new PdfPTable(new float[]{0.6f, 1.6f, 1.4f, 2.2f, 1.2f, 1.8f, 4f, 2f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(10);
        table.setHeaderRows(1);
        for (String h : HEADERS) {
            table.addCell(new PdfPCell(new Phrase(h, bold)));
        }
        for (List<String> line : lines(d)) {
            for (String cell : line) {
                table.addCell(new PdfPCell(new Phrase(io.minyi.platform.CjkLineBreaking.chunk(cell, normal))));
            }
        }
        doc.add(table);
        doc.close();
        return out.toByteArray();
    }

    private static List<String[]> summary(CaseViews.Detail d) {
        var c = d.c();
        List<String[]> out = new ArrayList<>();
        out.add(new String[]{"查询码", c.trackingCode()});
        out.add(new String[]{"类型 / 来源", c.type().label() + " / " + c.channel().label()});
        out.add(new String[]{"行政区划", d.jurisdictionName()});
        out.add(new String[]{"当前状态", c.state().publicLabel()});
        out.add(new String[]{"责任单位", n(d.unitName())});
        out.add(new String[]{"办理期限", c.deadline() == null ? "" : c.deadline().toString()});
        out.add(new String[]{"办理结果", c.outcome() == null ? "" : c.outcome().label()
                + (c.personsDisciplined() > 0 ? "，组织处理 " + c.personsDisciplined() + " 人" : "")});
        out.add(new String[]{"事项内容", c.content()});
        return out;
    }

    private static List<List<String>> lines(CaseViews.Detail d) {
        Map<Long, String> files = d.attachments().stream()
                .collect(Collectors.toMap(Attachments.Attachment::id, Attachments.Attachment::fileName));
        Function<List<Long>, String> names = ids -> ids.stream().map(i -> files.getOrDefault(i, "#" + i))
                .collect(Collectors.joining("、"));
        List<List<String>> out = new ArrayList<>();
        int i = 1;
        for (Cases.StepRow s : d.steps()) {
            out.add(List.of(String.valueOf(i++), TIME.format(s.at()), s.action().label(), n(s.actorUnit()), s.actor(),
                    s.to().publicLabel(), n(s.comment()), names.apply(s.evidenceIds())));
        }
        return out;
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}
