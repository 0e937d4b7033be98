package io.minyi.platform.fields;

import io.minyi.platform.InvalidInputException;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading and writing .xlsx files: reading streams the first sheet (fast, little memory), writing streams rows. */
public final class Xlsx {

    public static final int MAX_ROWS = 50_000;
    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Xlsx() {
    }

    /** A spreadsheet row: its number as Excel shows it (1-based) and its cells, "" for empty ones. */
    public record SheetRow(int number, List<String> cells) {
        public String cell(int column) {
            return column < cells.size() ? cells.get(column) : "";
        }

        public boolean isBlank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    /**
     * Reads the first sheet. Refuses, with a message a person understands, anything that is not an xlsx workbook:
     * the content is checked (a zip holding [Content_Types].xml and a workbook), never the file name.
     */
    public static List<SheetRow> read(byte[] content) {
        requireXlsxPackage(content);
        List<SheetRow> rows = new ArrayList<>();
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw notXlsx();
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
                        new Collector(rows), new DataFormatter(java.util.Locale.CHINA), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (TooManyRows e) {
            throw new InvalidInputException("platform.xlsx.tooManyRows");
        } catch (Exception | LinkageError e) {
            throw notXlsx();
        }
        return rows;
    }

    /**
     * A zip archive (local file header "PK\3\4"); OPCPackage then insists on [Content_Types].xml and XSSFReader on
     * a workbook part, so a renamed CSV, a plain zip or a truncated upload all end in the same clear refusal.
     */
    private static void requireXlsxPackage(byte[] content) {
        if (content == null || content.length < 4 || content[0] != 'P' || content[1] != 'K' || content[2] != 3
                || content[3] != 4) {
            throw notXlsx();
        }
    }

    private static InvalidInputException notXlsx() {
        return new InvalidInputException("platform.xlsx.notXlsx");
    }

    private static final class TooManyRows extends RuntimeException {
    }

    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final List<SheetRow> rows;
        private List<String> current;
        private int rowNumber;

        Collector(List<SheetRow> rows) {
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            if (rows.size() >= MAX_ROWS) {
                throw new TooManyRows();
            }
            rowNumber = rowNum + 1;
            current = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            rows.add(new SheetRow(rowNumber, List.copyOf(current)));
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? current.size() : new CellReference(reference).getCol();
            while (current.size() < column) {
                current.add("");
            }
            current.add(value == null ? "" : value.strip());
        }
    }

    /** Letter of a 0-based column, as Excel labels it. */
    public static String columnName(int column) {
        return CellReference.convertNumToColString(column);
    }

    /** A number shown as a percentage with this many decimals (0.1234 → 12.3%), still a number in the cell. */
    public record Percent(double value, int decimals) {
    }

    /** One sheet of a workbook: its name, the header row and the rows (numbers and {@link Percent}s stay numbers). */
    public record Tab(String name, List<String> header, List<? extends List<?>> rows) {
    }

    /** Writes one sheet with a bold header row; {@code notes} must be empty (see the overload with a notes sheet). */
    public static byte[] write(String sheetName, List<String> header, List<List<?>> rows, List<String> notes) {
        return write(List.of(new Tab(sheetName, header, rows)), null, notes);
    }

    /** Writes one sheet with a bold header row and a notes sheet named in the reader's language. */
    public static byte[] write(String sheetName, List<String> header, List<List<?>> rows, String notesSheet,
                               List<String> notes) {
        return write(List.of(new Tab(sheetName, header, rows)), notesSheet, notes);
    }

    /** Writes the sheets in order, each with a bold header row; {@code notes} must be empty. */
    public static byte[] write(List<Tab> tabs, List<String> notes) {
        return write(tabs, null, notes);
    }

    /** Writes the sheets in order, each with a bold header row, and, when there are notes, a notes sheet. */
    public static byte[] write(List<Tab> tabs, String notesSheet, List<String> notes) {
        if (notes != null && !notes.isEmpty() && notesSheet == null) {
            throw new IllegalArgumentException("notes need a sheet name in the reader's language");
        }
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle headerStyle = wb.createCellStyle();
            headerStyle.setFont(bold);
            Map<Integer, CellStyle> percents = new HashMap<>();
            for (Tab tab : tabs) {
                Sheet sheet = wb.createSheet(tab.name());
                Row h = sheet.createRow(0);
                for (int c = 0; c < tab.header().size(); c++) {
                    Cell cell = h.createCell(c);
                    cell.setCellValue(tab.header().get(c));
                    cell.setCellStyle(headerStyle);
                    sheet.setColumnWidth(c, 20 * 256);
                }
                int r = 1;
                for (List<?> values : tab.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        Object v = values.get(c);
                        if (v instanceof Percent p) {
                            Cell cell = row.createCell(c);
                            cell.setCellValue(p.value());
                            cell.setCellStyle(percents.computeIfAbsent(p.decimals(), d -> percentStyle(wb, d)));
                        } else if (v instanceof Number n) {
                            row.createCell(c).setCellValue(n.doubleValue());
                        } else if (v != null) {
                            row.createCell(c).setCellValue(String.valueOf(v));
                        }
                    }
                }
            }
            if (notes != null && !notes.isEmpty()) {
                Sheet s = wb.createSheet(notesSheet);
                s.setColumnWidth(0, 100 * 256);
                for (int i = 0; i < notes.size(); i++) {
                    s.createRow(i).createCell(0).setCellValue(notes.get(i));
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("could not write xlsx", e);
        }
    }

    private static CellStyle percentStyle(SXSSFWorkbook wb, int decimals) {
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.createDataFormat().getFormat(decimals == 0 ? "0%" : "0." + "0".repeat(decimals) + "%"));
        return style;
    }
}
