package io.minyi.casework.internal;

import io.minyi.platform.CityTime;
import io.minyi.platform.CjkFont;
import io.minyi.platform.DocumentTexts;
import io.minyi.platform.Pdf;
import lombok.RequiredArgsConstructor;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    static final List<String> HEADERS = List.of("no", "at", "step", "actorUnit", "actor", "state", "comment", "evidence");

    private static final String TEXTS = "casework.ledger.";

    private final CjkFont font;
    private final MessageSource messages;

    /** An enum's label from the casework bundle ({@code casework.caseType.CLUE}, …), as the pages show it. */
    private String label(DocumentTexts t, Enum<?> value) {
        String type = value.getDeclaringClass().getSimpleName();
        return t.full("casework." + Character.toLowerCase(type.charAt(0)) + type.substring(1) + "."
                + value.name());
    }

    public String fileName(CaseViews.Detail d, String extension, Locale locale) {
        DocumentTexts t = new DocumentTexts(messages, TEXTS, locale);
        return t.of("fileName", d.snapshot().trackingCode()) + "." + extension;
    }

    private List<String> headers(DocumentTexts t) {
        return HEADERS.stream().map(h -> t.of("col." + h)).toList();
    }

    public byte[] xlsx(CaseViews.Detail d, Locale locale) {
        DocumentTexts t = new DocumentTexts(messages, TEXTS, locale);
        List<String> headers = headers(t);
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(t.of("sheet"));
            int r = 0;
            for (String[] line : summary(d, t)) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(line[0]);
                row.createCell(1).setCellValue(line[1]);
            }
            r++;
            Row head = sheet.createRow(r++);
            for (int i = 0; i < headers.size(); i++) {
                head.createCell(i).setCellValue(headers.get(i));
            }
            for (List<String> line : lines(d, t)) {
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
        DocumentTexts t = new DocumentTexts(messages, TEXTS, locale);
        CjkFont.Faces f = font.faces(15, 9);
        return Pdf.write(new Document(PageSize.A4.rotate(), 28, 28, 28, 28), doc -> {
            Paragraph p = new Paragraph(t.of("title", d.snapshot().trackingCode()), f.title());
            p.setAlignment(Element.ALIGN_CENTER);
            doc.add(p);
            PdfPTable info = new PdfPTable(new float[]{1, 5});
            info.setWidthPercentage(100);
            info.setSpacingBefore(8);
            for (String[] line : summary(d, t)) {
                info.addCell(new PdfPCell(new Phrase(line[0], f.bold())));
                info.addCell(new PdfPCell(new Phrase(io.minyi.platform.CjkLineBreaking.chunk(line[1], f.normal()))));
            }
            doc.add(info);
            PdfPTable table = new PdfPTable(new float[]{0.6f, 1.6f, 1.4f, 2.2f, 1.2f, 1.8f, 4f, 2f});
            table.setWidthPercentage(100);
            table.setSpacingBefore(10);
            table.setHeaderRows(1);
            for (String h : headers(t)) {
                table.addCell(new PdfPCell(new Phrase(h, f.bold())));
            }
            for (List<String> line : lines(d, t)) {
                for (String cell : line) {
                    table.addCell(new PdfPCell(new Phrase(io.minyi.platform.CjkLineBreaking.chunk(cell, f.normal()))));
                }
            }
            doc.add(table);
        });
    }

    private List<String[]> summary(CaseViews.Detail d, DocumentTexts t) {
        var c = d.snapshot();
        List<String[]> out = new ArrayList<>();
        out.add(new String[]{t.of("code"), c.trackingCode()});
        out.add(new String[]{t.of("typeAndChannel"), label(t, c.type()) + " / " + label(t, c.channel())});
        out.add(new String[]{t.of("jurisdiction"), d.jurisdictionName()});
        out.add(new String[]{t.of("state"), label(t, c.state())});
        out.add(new String[]{t.of("unit"), n(d.unitName())});
        out.add(new String[]{t.of("deadline"), c.deadline() == null ? "" : c.deadline().toString()});
        out.add(new String[]{t.of("outcome"), c.outcome() == null ? "" : label(t, c.outcome())
                + (c.personsDisciplined() > 0 ? t.of("disciplined", String.valueOf(c.personsDisciplined())) : "")});
        out.add(new String[]{t.of("content"), c.content()});
        return out;
    }

    private List<List<String>> lines(CaseViews.Detail d, DocumentTexts t) {
        Map<Long, String> files = d.attachments().stream()
                .collect(Collectors.toMap(Attachments.Attachment::id, Attachments.Attachment::fileName));
        Function<List<Long>, String> names = ids -> ids.stream().map(i -> files.getOrDefault(i, "#" + i))
                .collect(Collectors.joining("、"));
        List<List<String>> out = new ArrayList<>();
        int i = 1;
        for (Cases.StepRow s : d.steps()) {
            out.add(List.of(String.valueOf(i++), CityTime.MINUTES.format(s.at()), label(t, s.action()),
                    n(s.actorUnit()), s.actor(), label(t, s.to()), n(s.comment()), names.apply(s.evidenceIds())));
        }
        return out;
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}
