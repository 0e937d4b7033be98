package io.minyi.casework.internal;

import io.minyi.platform.CityTime;
import io.minyi.platform.CjkFont;
import lombok.RequiredArgsConstructor;
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
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The per-case ledger (台账): every step with time, the actor's unit, the comment and the evidence list, as .xlsx and
 * as PDF, set in {@link CjkFont}; its headings and labels in the reader's language, what people wrote as they wrote it.
 */
@Component
@RequiredArgsConstructor
public class LedgerExport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(CityTime.ZONE);
    static final List<String> HEADERS = List.of("no", "at", "step", "actorUnit", "actor", "state", "comment", "evidence");

    private final CjkFont font;
    private final MessageSource messages;

    private String t(Locale locale, String key, Object... args) {
        return messages.getMessage("casework.ledger." + key, args, locale);
    }

    /** An enum's label from the casework bundle ({@code casework.caseType.CLUE}, …), as the pages show it. */
    private String label(Locale locale, Enum<?> value) {
        String type = value.getDeclaringClass().getSimpleName();
        return messages.getMessage("casework." + Character.toLowerCase(type.charAt(0)) + type.substring(1) + "."
                + value.name(), null, locale);
    }

    public String fileName(CaseViews.Detail d, String extension, Locale locale) {
        return t(locale, "fileName", d.c().trackingCode()) + "." + extension;
    }

    private List<String> headers(Locale locale) {
        return HEADERS.stream().map(h -> t(locale, "col." + h)).toList();
    }

    public byte[] xlsx(CaseViews.Detail d, Locale locale) {
        List<String> headers = headers(locale);
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(t(locale, "sheet"));
            int r = 0;
            for (String[] line : summary(d, locale)) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(line[0]);
                row.createCell(1).setCellValue(line[1]);
            }
            r++;
            Row head = sheet.createRow(r++);
            for (int i = 0; i < headers.size(); i++) {
                head.createCell(i).setCellValue(headers.get(i));
            }
            for (List<String> line : lines(d, locale)) {
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

    public byte[] pdf(CaseViews.Detail d, Locale locale) {
        BaseFont base = font.baseFont();
        Font title = new Font(base, 15, Font.BOLD);
        Font normal = new Font(base, 9);
        Font bold = new Font(base, 9, Font.BOLD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
        PdfWriter.getInstance(doc, out);
        doc.open();
        Paragraph p = new Paragraph(t(locale, "title", d.c().trackingCode()), title);
        p.setAlignment(Element.ALIGN_CENTER);
        doc.add(p);
        PdfPTable info = new PdfPTable(new float[]{1, 5});
        info.setWidthPercentage(100);
        info.setSpacingBefore(8);
        for (String[] line : summary(d, locale)) {
            info.addCell(new PdfPCell(new Phrase(line[0], bold)));
            info.addCell(new PdfPCell(new Phrase(io.minyi.platform.CjkLineBreaking.chunk(line[1], normal))));
        }
        doc.add(info);
        PdfPTable table = new PdfPTable(new float[]{0.6f, 1.6f, 1.4f, 2.2f, 1.2f, 1.8f, 4f, 2f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(10);
        table.setHeaderRows(1);
        for (String h : headers(locale)) {
            table.addCell(new PdfPCell(new Phrase(h, bold)));
        }
        for (List<String> line : lines(d, locale)) {
            for (String cell : line) {
                table.addCell(new PdfPCell(new Phrase(io.minyi.platform.CjkLineBreaking.chunk(cell, normal))));
            }
        }
        doc.add(table);
        doc.close();
        return out.toByteArray();
    }

    private List<String[]> summary(CaseViews.Detail d, Locale locale) {
        var c = d.c();
        List<String[]> out = new ArrayList<>();
        out.add(new String[]{t(locale, "code"), c.trackingCode()});
        out.add(new String[]{t(locale, "typeAndChannel"), label(locale, c.type()) + " / " + label(locale, c.channel())});
        out.add(new String[]{t(locale, "jurisdiction"), d.jurisdictionName()});
        out.add(new String[]{t(locale, "state"), label(locale, c.state())});
        out.add(new String[]{t(locale, "unit"), n(d.unitName())});
        out.add(new String[]{t(locale, "deadline"), c.deadline() == null ? "" : c.deadline().toString()});
        out.add(new String[]{t(locale, "outcome"), c.outcome() == null ? "" : label(locale, c.outcome())
                + (c.personsDisciplined() > 0 ? t(locale, "disciplined", String.valueOf(c.personsDisciplined())) : "")});
        out.add(new String[]{t(locale, "content"), c.content()});
        return out;
    }

    private List<List<String>> lines(CaseViews.Detail d, Locale locale) {
        Map<Long, String> files = d.attachments().stream()
                .collect(Collectors.toMap(Attachments.Attachment::id, Attachments.Attachment::fileName));
        Function<List<Long>, String> names = ids -> ids.stream().map(i -> files.getOrDefault(i, "#" + i))
                .collect(Collectors.joining("、"));
        List<List<String>> out = new ArrayList<>();
        int i = 1;
        for (Cases.StepRow s : d.steps()) {
            out.add(List.of(String.valueOf(i++), TIME.format(s.at()), label(locale, s.action()), n(s.actorUnit()),
                    s.actor(), label(locale, s.to()), n(s.comment()), names.apply(s.evidenceIds())));
        }
        return out;
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}
