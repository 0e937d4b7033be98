package io.minyi.platform;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A document in the plain layout of an official paper (公文: centred titles, indented body, a table of items, the
 * issuer and date on the right), written once as blocks and given out both as a Word file and as a PDF in the city's
 * CJK font. Letters, agreements and other papers say what they contain; this says how it is set.
 */
public final class OfficialDocument {

    /** Sizes in points, Word first (仿宋 at 三号/四号), then PDF (a little smaller, as the A4 margins are wider). */
    public enum Style {
        TITLE(22, 22, true), HEADING(16, 15, true), LABEL(14, 13, true), BODY(14, 13, false), SMALL(12, 11, false);

        private final int wordSize;
        private final int pdfSize;
        private final boolean bold;

        Style(int wordSize, int pdfSize, boolean bold) {
            this.wordSize = wordSize;
            this.pdfSize = pdfSize;
            this.bold = bold;
        }
    }

    public enum Align { LEFT, CENTER, RIGHT }

    private sealed interface Block permits Text, Table, Space {
    }

    private record Text(String text, Style style, Align align, boolean indented) implements Block {
    }

    private record Table(float[] widths, List<List<String>> rows) implements Block {
    }

    private record Space() implements Block {
    }

    private static final String WORD_FONT = "仿宋";
    private static final float INDENT = 26;
    private static final float MARGIN = 64;

    private final List<Block> blocks = new ArrayList<>();

    public OfficialDocument line(String text, Style style, Align align) {
        blocks.add(new Text(text, style, align, false));
        return this;
    }

    public OfficialDocument centred(String text, Style style) {
        return line(text, style, Align.CENTER);
    }

    public OfficialDocument right(String text) {
        return line(text, Style.BODY, Align.RIGHT);
    }

    public OfficialDocument plain(String text) {
        return line(text, Style.BODY, Align.LEFT);
    }

    public OfficialDocument label(String text) {
        return line(text, Style.LABEL, Align.LEFT);
    }

    /** A body paragraph whose first line is indented by two characters, as the body of a 公文 is. */
    public OfficialDocument indented(String text) {
        blocks.add(new Text(text, Style.BODY, Align.LEFT, true));
        return this;
    }

    /** Extra space in the PDF; Word keeps its own spacing between paragraphs. */
    public OfficialDocument space() {
        blocks.add(new Space());
        return this;
    }

    /** A table with a header row first; {@code widths} are relative column widths (in the PDF). */
    public OfficialDocument table(float[] widths, List<List<String>> rows) {
        blocks.add(new Table(widths.clone(), List.copyOf(rows)));
        return this;
    }

    public byte[] docx() {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Block b : blocks) {
                switch (b) {
                    case Text t -> wordParagraph(doc, t);
                    case Table t -> wordTable(doc, t);
                    case Space s -> {
                    }
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void wordParagraph(XWPFDocument doc, Text t) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(switch (t.align()) {
            case LEFT -> ParagraphAlignment.LEFT;
            case CENTER -> ParagraphAlignment.CENTER;
            case RIGHT -> ParagraphAlignment.RIGHT;
        });
        XWPFRun r = p.createRun();
        r.setText(t.indented() ? "    " + t.text() : t.text());
        r.setBold(t.style().bold);
        r.setFontSize(t.style().wordSize);
        r.setFontFamily(WORD_FONT);
    }

    private static void wordTable(XWPFDocument doc, Table t) {
        XWPFTable table = doc.createTable(t.rows().size(), t.widths().length);
        for (int row = 0; row < t.rows().size(); row++) {
            List<String> cells = t.rows().get(row);
            for (int col = 0; col < cells.size(); col++) {
                table.getRow(row).getCell(col).setText(cells.get(col));
            }
        }
    }

    /** The PDF on A4; {@code font} is {@link CjkFont#baseFont()}, so a machine without one answers 503. */
    public byte[] pdf(BaseFont font) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, MARGIN);
        PdfWriter.getInstance(doc, out);
        doc.open();
        for (Block b : blocks) {
            doc.add(switch (b) {
                case Text t -> pdfParagraph(t, font);
                case Table t -> pdfTable(t, font);
                case Space s -> new Paragraph(" ", pdfFont(font, Style.BODY));
            });
        }
        doc.close();
        return out.toByteArray();
    }

    private static Paragraph pdfParagraph(Text t, BaseFont font) {
        // Chinese line-breaking rules: no line of running text starts with "，" (CjkLineBreaking)
        Paragraph p = CjkLineBreaking.paragraph(t.text(), pdfFont(font, t.style()));
        p.setAlignment(switch (t.align()) {
            case LEFT -> Element.ALIGN_LEFT;
            case CENTER -> Element.ALIGN_CENTER;
            case RIGHT -> Element.ALIGN_RIGHT;
        });
        if (t.indented()) {
            p.setFirstLineIndent(INDENT);
        }
        return p;
    }

    private static PdfPTable pdfTable(Table t, BaseFont font) {
        PdfPTable table = new PdfPTable(t.widths());
        table.setWidthPercentage(100);
        table.setSpacingBefore(6);
        Font small = pdfFont(font, Style.SMALL);
        t.rows().forEach(row -> row.forEach(cell -> table.addCell(new Paragraph(cell, small))));
        return table;
    }

    private static Font pdfFont(BaseFont font, Style style) {
        return new Font(font, style.pdfSize, style.bold ? Font.BOLD : Font.NORMAL);
    }
}
