package io.minyi.dispute.internal;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The agreement (人民调解协议书) in the layout of 人民调解法 Art 29 and the 司法部 forms: title and number; the
 * parties' details; the main facts, disputed items and responsibilities; the agreed terms with the manner and deadline
 * of performance; the effect clause; signature lines for the parties, the mediators and the committee's seal.
 * As a Word document and as a PDF with an embedded CJK font.
 */
@Component
class AgreementDocuments {

    private static final DateTimeFormatter CN_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final DisputeProperties props;
    private volatile BaseFont font;

    AgreementDocuments(DisputeProperties props) {
        this.props = props;
    }

    /** What the document says, in reading order. */
    record Content(String title, String number, List<String> partyLines, String facts, String terms,
                   String performance, String effect, List<String> signatureLines, String date) {
    }

    static Content content(Disputes.Row d, List<Disputes.Party> parties, List<String> clearIds,
                           MediationRecords.Agreement a) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            Disputes.Party p = parties.get(i);
            StringBuilder s = new StringBuilder(p.role().label()).append("：").append(p.name());
            s.append("（").append(p.kind().label());
            if (clearIds.get(i) != null) {
                s.append(p.kind() == PartyKind.NATURAL ? "，身份证号码：" : "，统一社会信用代码：").append(clearIds.get(i));
            }
            if (p.address() != null) {
                s.append("，住所：").append(p.address());
            }
            lines.add(s.append("）").toString());
        }
        List<String> sign = new ArrayList<>();
        for (Disputes.Party p : parties) {
            sign.add(p.role().label() + "（签名、盖章或按指印）：" + p.name() + "________");
        }
        sign.add("人民调解员（签名）：" + a.mediators());
        sign.add("记录人（签名）：________");
        sign.add(a.orgName() + "（印章）");
        return new Content("人民调解协议书", a.number(), lines, a.facts(), a.terms(),
                "履行方式：" + a.performanceManner() + "；履行期限：" + CN_DATE.format(a.performanceDeadline()) + "前。",
                "本协议经各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。"
                        + "本协议一式" + (parties.size() + 1) + "份，当事人各执一份，人民调解委员会留存一份。"
                        + "当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。",
                sign, CN_DATE.format(a.effectiveOn() != null ? a.effectiveOn()
                        : a.createdAt().atZone(DisputeIntake.CHINA).toLocalDate()));
    }

    byte[] docx(Content c) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            para(doc, c.title(), 22, true, ParagraphAlignment.CENTER);
            para(doc, c.number(), 12, false, ParagraphAlignment.RIGHT);
            for (String l : c.partyLines()) {
                para(doc, l, 14, false, ParagraphAlignment.LEFT);
            }
            para(doc, "纠纷主要事实、争议事项及各方当事人责任：", 14, true, ParagraphAlignment.LEFT);
            para(doc, "    " + c.facts(), 14, false, ParagraphAlignment.LEFT);
            para(doc, "经调解，自愿达成如下协议：", 14, true, ParagraphAlignment.LEFT);
            para(doc, "    " + c.terms(), 14, false, ParagraphAlignment.LEFT);
            para(doc, "    " + c.performance(), 14, false, ParagraphAlignment.LEFT);
            para(doc, "    " + c.effect(), 14, false, ParagraphAlignment.LEFT);
            for (String l : c.signatureLines()) {
                para(doc, l, 14, false, ParagraphAlignment.LEFT);
            }
            para(doc, c.date(), 14, false, ParagraphAlignment.RIGHT);
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

    byte[] pdf(Content c) {
        BaseFont base = font();
        Font title = new Font(base, 22, Font.BOLD);
        Font head = new Font(base, 13, Font.BOLD);
        Font body = new Font(base, 13);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 64, 64, 64, 64);
        PdfWriter.getInstance(doc, out);
        doc.open();
        Paragraph t = new Paragraph(c.title(), title);
        t.setAlignment(Element.ALIGN_CENTER);
        doc.add(t);
        Paragraph n = new Paragraph(c.number(), body);
        n.setAlignment(Element.ALIGN_RIGHT);
        doc.add(n);
        for (String l : c.partyLines()) {
            doc.add(new Paragraph(l, body));
        }
        doc.add(new Paragraph("纠纷主要事实、争议事项及各方当事人责任：", head));
        doc.add(indented(c.facts(), body));
        doc.add(new Paragraph("经调解，自愿达成如下协议：", head));
        doc.add(indented(c.terms(), body));
        doc.add(indented(c.performance(), body));
        doc.add(indented(c.effect(), body));
        doc.add(new Paragraph(" ", body));
        for (String l : c.signatureLines()) {
            doc.add(new Paragraph(l, body));
        }
        Paragraph date = new Paragraph(c.date(), body);
        date.setAlignment(Element.ALIGN_RIGHT);
        doc.add(date);
        doc.close();
        return out.toByteArray();
    }

    private static Paragraph indented(String text, Font f) {
        Paragraph p = new Paragraph(text, f);
        p.setFirstLineIndent(26);
        return p;
    }

    /** The first readable CJK font; without one a PDF would show empty boxes, so it fails loudly instead. */
    private BaseFont font() {
        BaseFont f = font;
        if (f != null) {
            return f;
        }
        for (String path : props.fontPaths()) {
            if (new File(path).canRead()) {
                try {
                    String spec = path;
                    if (path.toLowerCase().endsWith(".ttc")) {
                        String[] names = BaseFont.enumerateTTCNames(path);
                        int face = 0;
                        for (int i = 0; i < names.length; i++) {
                            if (names[i].contains("SC")) {
                                face = i;
                                break;
                            }
                        }
                        spec = path + "," + face;
                    }
                    f = BaseFont.createFont(spec, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
                    font = f;
                    return f;
                } catch (Exception e) {
                    throw new IllegalStateException("CJK font at " + path + " could not be loaded: " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalStateException("No CJK font found for the agreement PDF; looked at " + props.fontPaths()
                + ". Install fonts-noto-cjk or set minyi.dispute.font-paths.");
    }
}
