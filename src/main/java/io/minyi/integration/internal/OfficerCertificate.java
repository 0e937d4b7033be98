package io.minyi.integration.internal;

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
import io.minyi.casework.CaseDigests;
import io.minyi.evaluation.EvaluationFigures.DimensionSatisfaction;
import io.minyi.evaluation.EvaluationFigures.Satisfaction;
import io.minyi.platform.CjkFont;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * 干警评议情况证明: the officer's record as a one-page PDF the organisation department files with a cadre's dossier.
 * Uses the one CJK font of the platform ({@code minyi.pdf.font-paths}).
 */
@Component
public class OfficerCertificate {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final CjkFont font;
    private final Clock clock;

    OfficerCertificate(CjkFont font, Clock clock) {
        this.font = font;
        this.clock = clock;
    }

    public byte[] pdf(OfficerRecords.Record r, String issuedBy) {
        BaseFont base = font.baseFont();
        Font title = new Font(base, 16, Font.BOLD);
        Font normal = new Font(base, 10);
        Font bold = new Font(base, 10, Font.BOLD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 48, 48, 48, 48);
        PdfWriter.getInstance(doc, out);
        doc.open();
        Paragraph head = new Paragraph("政法干警群众评议情况证明", title);
        head.setAlignment(Element.ALIGN_CENTER);
        doc.add(head);
        Paragraph who = new Paragraph(r.officer().name() + "，警号 " + r.officer().badgeNo() + "，"
                + r.officer().unitName() + (r.officer().position() == null ? "" : " " + r.officer().position())
                + "。以下为 " + r.year() + " 年度民意平台记录：", normal);
        who.setSpacingBefore(14);
        doc.add(who);

        doc.add(section("一、群众评议", bold));
        PdfPTable ratings = table(new float[]{2, 1, 1, 1, 1, 1.2f}, bold,
                "期间", "评议数", "满意", "基本满意", "不满意", "满意率");
        row(ratings, normal, r.year() + " 全年", r.wholeYear());
        for (OfficerRecords.Period p : r.quarters()) {
            row(ratings, normal, p.label(), p.satisfaction());
        }
        doc.add(ratings);
        if (!r.dimensions().isEmpty()) {
            PdfPTable dims = table(new float[]{2, 1, 1, 1, 1.2f}, bold, "评议方面", "满意", "基本满意", "不满意", "满意率");
            for (DimensionSatisfaction d : r.dimensions()) {
                cells(dims, normal, d.label(), String.valueOf(d.satisfied()), String.valueOf(d.basicallySatisfied()),
                        String.valueOf(d.dissatisfied()), percent(d.rate()));
            }
            doc.add(dims);
        }

        doc.add(section("二、查实的问题线索", bold));
        if (r.findings().isEmpty()) {
            doc.add(new Paragraph("无。", normal));
        } else {
            PdfPTable f = table(new float[]{1.5f, 1.5f, 1, 1.5f, 1}, bold, "查询码", "受理日期", "结论", "办结日期", "组织处理人数");
            for (CaseDigests.Finding x : r.findings()) {
                cells(f, normal, x.trackingCode(), day(x.receivedAt()), x.outcomeLabel(),
                        x.reportedAt() == null ? "" : day(x.reportedAt()), String.valueOf(x.personsDisciplined()));
            }
            doc.add(f);
        }

        doc.add(section("三、纪检监察处理结果", bold));
        if (r.disciplinary().isEmpty()) {
            doc.add(new Paragraph("无。", normal));
        } else {
            PdfPTable d = table(new float[]{1.5f, 1.5f, 1.5f, 1.5f}, bold, "移送日期", "结果", "处分种类", "决定日期");
            for (Map<String, Object> x : r.disciplinary()) {
                cells(d, normal, String.valueOf(x.get("transferred_at")).substring(0, 10), state(x.get("state")),
                        x.get("sanction") == null ? "" : String.valueOf(x.get("sanction")),
                        x.get("decided_on") == null ? "" : String.valueOf(x.get("decided_on")));
            }
            doc.add(d);
        }
        Paragraph foot = new Paragraph("本证明仅供干部考察使用，不含问题线索内容及反映人信息。出具：" + issuedBy + "，"
                + LocalDate.now(clock).format(DAY), normal);
        foot.setSpacingBefore(18);
        doc.add(foot);
        doc.close();
        return out.toByteArray();
    }

    private String day(java.time.Instant at) {
        return at.atZone(clock.getZone()).toLocalDate().format(DAY);
    }

    private static String state(Object s) {
        return switch (String.valueOf(s)) {
            case "FILED" -> "立案";
            case "NOT_FILED" -> "不予立案";
            default -> "待处理";
        };
    }

    private static Paragraph section(String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setSpacingBefore(12);
        p.setSpacingAfter(6);
        return p;
    }

    private static PdfPTable table(float[] widths, Font bold, String... headers) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        for (String h : headers) {
            t.addCell(new PdfPCell(new Phrase(h, bold)));
        }
        return t;
    }

    private static void row(PdfPTable t, Font f, String label, Satisfaction s) {
        cells(t, f, label, String.valueOf(s.evaluations()), String.valueOf(s.satisfied()),
                String.valueOf(s.basicallySatisfied()), String.valueOf(s.dissatisfied()), percent(s.rate()));
    }

    private static void cells(PdfPTable t, Font f, String... values) {
        for (String v : values) {
            t.addCell(new PdfPCell(new Phrase(v, f)));
        }
    }

    static String percent(double rate) {
        return String.format("%.1f%%", rate * 100);
    }
}
