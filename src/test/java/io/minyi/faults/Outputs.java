package io.minyi.faults;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** The text a person would read in an answer, whatever its format: page, JSON, spreadsheet, Word or PDF. */
final class Outputs {

    private Outputs() {
    }

    static String text(HttpResponse<byte[]> res) {
        byte[] body = res.body();
        String type = res.headers().firstValue("Content-Type").orElse("");
        try {
            if (type.contains("spreadsheetml")) {
                StringBuilder sb = new StringBuilder();
                DataFormatter f = new DataFormatter();
                try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(body))) {
                    for (Sheet sheet : wb) {
                        for (Row row : sheet) {
                            for (Cell cell : row) {
                                sb.append(f.formatCellValue(cell)).append('\t');
                            }
                            sb.append('\n');
                        }
                    }
                }
                return sb.toString();
            }
            if (type.contains("wordprocessingml")) {
                try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(body));
                     XWPFWordExtractor x = new XWPFWordExtractor(doc)) {
                    return x.getText();
                }
            }
            if (type.contains("pdf")) {
                try (var doc = Loader.loadPDF(body)) {
                    return new PDFTextStripper().getText(doc);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + type, e);
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
