package io.minyi.supervision.internal;

import io.minyi.platform.CjkFont;
import io.minyi.platform.CityTime;
import io.minyi.platform.CjkLineBreaking;
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
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;

/** A letter as a Word document and as a PDF, both laid out like an official notice (文号, 主送, 正文, 事项表, 落款). */
@Component
public class LetterDocuments {

    private static final DateTimeFormatter CN_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final CjkFont font;

    LetterDocuments(CjkFont font) {
        this.font = font;
    }

    public byte[] docx(Letters.Letter l) {
        return docx(l, java.util.Map.of());
    }

    /** @param codes the cases' tracking codes by id (what the unit and the resident quote); an id without one shows the id */
    public byte[] docx(Letters.Letter l, java.util.Map<Long, String> codes) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            para(doc, l.centreName(), 16, true, ParagraphAlignment.CENTER);
            para(doc, l.kindTitle(), 22, true, ParagraphAlignment.CENTER);
            para(doc, l.number(), 12, false, ParagraphAlignment.CENTER);
            para(doc, l.addresseeName() + "：", 14, false, ParagraphAlignment.LEFT);
            para(doc, "    " + l.reason(), 14, false, ParagraphAlignment.LEFT);
            if (l.deadline() != null) {
                para(doc, "    办理（反馈）期限：" + CN_DATE.format(l.deadline()), 14, false, ParagraphAlignment.LEFT);
            }
            para(doc, "所涉事项：", 14, true, ParagraphAlignment.LEFT);
            XWPFTable table = doc.createTable(l.cases().size() + 1, 3);
            cell(table, 0, 0, "事项查询码");
            cell(table, 0, 1, "类别");
            cell(table, 0, 2, "办理期限");
            for (int i = 0; i < l.cases().size(); i++) {
                var c = l.cases().get(i);
                cell(table, i + 1, 0, codes.getOrDefault(c.caseId(), String.valueOf(c.caseId())));
                cell(table, i + 1, 1, c.category() == null ? "未分类" : c.category());
                cell(table, i + 1, 2, c.deadline() == null ? "" : CN_DATE.format(c.deadline()));
            }
            para(doc, l.centreName(), 14, false, ParagraphAlignment.RIGHT);
            para(doc, CN_DATE.format(l.issuedAt().atZone(CityTime.ZONE)), 14, false, ParagraphAlignment.RIGHT);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void para(XWPFDocument doc, String text, int size, boolean bold, ParagraphAlignment align) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(align);
        XWPFRun r = p.createRun();
        r.setText(text);
        r.setBold(bold);
        r.setFontSize(size);
        r.setFontFamily("仿宋");
    }

    private static void cell(XWPFTable t, int row, int col, String text) {
        t.getRow(row).getCell(col).setText(text);
    }

    public byte[] pdf(Letters.Letter l) {
        return pdf(l, java.util.Map.of());
    }

    public byte[] pdf(Letters.Letter l, java.util.Map<Long, String> codes) {
        BaseFont base = font.baseFont();
        Font title = new Font(base, 22, Font.BOLD);
        Font head = new Font(base, 15, Font.BOLD);
        Font body = new Font(base, 13);
        Font small = new Font(base, 11);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 64, 64, 64, 64);
        PdfWriter.getInstance(doc, out);
        doc.open();
        doc.add(centred(l.centreName(), head));
        doc.add(centred(l.kindTitle(), title));
        doc.add(centred(l.number(), small));
        doc.add(new Paragraph(" ", body));
        doc.add(CjkLineBreaking.paragraph(l.addresseeName() + "：", body));
        Paragraph reason = CjkLineBreaking.paragraph(l.reason(), body);
        reason.setFirstLineIndent(26);
        doc.add(reason);
        if (l.deadline() != null) {
            Paragraph dl = new Paragraph("办理（反馈）期限：" + CN_DATE.format(l.deadline()), body);
            dl.setFirstLineIndent(26);
            doc.add(dl);
        }
        doc.add(new Paragraph("所涉事项：", head));
        PdfPTable table = new PdfPTable(new float[]{2, 3, 3});
        table.setWidthPercentage(100);
        table.setSpacingBefore(6);
        table.addCell(new Paragraph("事项查询码", small));
        table.addCell(new Paragraph("类别", small));
        table.addCell(new Paragraph("办理期限", small));
        for (var c : l.cases()) {
            table.addCell(new Paragraph(codes.getOrDefault(c.caseId(), String.valueOf(c.caseId())), small));
            table.addCell(new Paragraph(c.category() == null ? "未分类" : c.category(), small));
            table.addCell(new Paragraph(c.deadline() == null ? "" : CN_DATE.format(c.deadline()), small));
        }
        doc.add(table);
        doc.add(new Paragraph(" ", body));
        Paragraph sign = new Paragraph(l.centreName() + "\n" + CN_DATE.format(l.issuedAt().atZone(CityTime.ZONE)), body);
        sign.setAlignment(Element.ALIGN_RIGHT);
        doc.add(sign);
        doc.close();
        return out.toByteArray();
    }

    private static Paragraph centred(String text, Font f) {
        Paragraph p = new Paragraph(text, f);
        p.setAlignment(Element.ALIGN_CENTER);
        return p;
    }
}
