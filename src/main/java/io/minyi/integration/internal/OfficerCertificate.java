package io.minyi.integration.internal;

import lombok.RequiredArgsConstructor;
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
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * 干警评议情况证明: the officer's record as a one-page PDF the organisation department files with a cadre's dossier.
 * Uses the one CJK font of the platform ({@code minyi.pdf.font-paths}).
 */
@Component
@RequiredArgsConstructor
public class OfficerCertificate {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final CjkFont font;
    private final Clock clock;
    private final MessageSource messages;

    private String t(Locale locale, String key, Object... args) {
        return messages.getMessage("integration.certificate." + key, args, locale);
    }

    public String fileName(OfficerRecords.Record r, Locale locale) {
        return t(locale, "fileName", r.officer().badgeNo(), String.valueOf(r.year())) + ".pdf";
    }

    public byte[] pdf(OfficerRecords.Record r, String issuedBy, Locale locale) {
        BaseFont base = font.baseFont();
        Font title = new Font(base, 16, Font.BOLD);
        Font normal = new Font(base, 10);
        Font bold = new Font(base, 10, Font.BOLD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 48, 48, 48, 48);
        PdfWriter.getInstance(doc, out);
        doc.open();
        Paragraph head = new Paragraph(t(locale, "title"), title);
        head.setAlignment(Element.ALIGN_CENTER);
        doc.add(head);
        Paragraph who = new Paragraph(t(locale, "who", r.officer().name(), r.officer().badgeNo(),
                r.officer().unitName() + (r.officer().position() == null ? "" : " " + r.officer().position()),
                String.valueOf(r.year())), normal);
        who.setSpacingBefore(14);
        doc.add(who);

        ratings(doc, r, normal, bold, locale);
        findingsAndDiscipline(doc, r, normal, bold, locale);
        Paragraph foot = new Paragraph(t(locale, "foot", issuedBy, LocalDate.now(clock).format(DAY)), normal);
        foot.setSpacingBefore(18);
        doc.add(foot);
        doc.close();
        return out.toByteArray();
    }

    /** Satisfaction over the year and by quarter, then by dimension when any was rated. */
    private void ratings(Document doc, OfficerRecords.Record r, Font normal, Font bold, Locale locale) {
        doc.add(section(t(locale, "ratings"), bold));
        PdfPTable ratings = table(new float[]{2, 1, 1, 1, 1, 1.2f}, bold, t(locale, "col.period"),
                t(locale, "col.evaluations"), t(locale, "col.satisfied"), t(locale, "col.basicallySatisfied"),
                t(locale, "col.dissatisfied"), t(locale, "col.rate"));
        row(ratings, normal, t(locale, "wholeYear", String.valueOf(r.year())), r.wholeYear());
        for (OfficerRecords.Period p : r.quarters()) {
            row(ratings, normal, p.label(), p.satisfaction());
        }
        doc.add(ratings);
        if (!r.dimensions().isEmpty()) {
            PdfPTable dims = table(new float[]{2, 1, 1, 1, 1.2f}, bold, t(locale, "col.dimension"),
                    t(locale, "col.satisfied"), t(locale, "col.basicallySatisfied"), t(locale, "col.dissatisfied"),
                    t(locale, "col.rate"));
            for (DimensionSatisfaction d : r.dimensions()) {
                cells(dims, normal, d.label(), String.valueOf(d.satisfied()), String.valueOf(d.basicallySatisfied()),
                        String.valueOf(d.dissatisfied()), percent(d.rate()));
            }
            doc.add(dims);
        }
    }

    /** The cases about the officer that ended with a finding, then the hand-overs to discipline inspection. */
    private void findingsAndDiscipline(Document doc, OfficerRecords.Record r, Font normal, Font bold, Locale locale) {
        doc.add(section(t(locale, "findings"), bold));
        if (r.findings().isEmpty()) {
            doc.add(new Paragraph(t(locale, "none"), normal));
        } else {
            PdfPTable f = table(new float[]{1.5f, 1.5f, 1, 1.5f, 1}, bold, t(locale, "col.code"),
                    t(locale, "col.receivedOn"), t(locale, "col.outcome"), t(locale, "col.concludedOn"),
                    t(locale, "col.disciplined"));
            for (CaseDigests.Finding x : r.findings()) {
                cells(f, normal, x.trackingCode(), day(x.receivedAt()), x.outcomeLabel(),
                        x.reportedAt() == null ? "" : day(x.reportedAt()), String.valueOf(x.personsDisciplined()));
            }
            doc.add(f);
        }
        doc.add(section(t(locale, "discipline"), bold));
        if (r.disciplinary().isEmpty()) {
            doc.add(new Paragraph(t(locale, "none"), normal));
        } else {
            PdfPTable d = table(new float[]{1.5f, 1.5f, 1.5f, 1.5f}, bold, t(locale, "col.transferredOn"),
                    t(locale, "col.result"), t(locale, "col.sanction"), t(locale, "col.decidedOn"));
            for (Map<String, Object> x : r.disciplinary()) {
                cells(d, normal, String.valueOf(x.get("transferred_at")).substring(0, 10), state(x.get("state"), locale),
                        x.get("sanction") == null ? "" : String.valueOf(x.get("sanction")),
                        x.get("decided_on") == null ? "" : String.valueOf(x.get("decided_on")));
            }
            doc.add(d);
        }
    }

    private String day(java.time.Instant at) {
        return at.atZone(clock.getZone()).toLocalDate().format(DAY);
    }

    private String state(Object s, Locale locale) {
        return t(locale, switch (String.valueOf(s)) {
            case "FILED" -> "state.filed";
            case "NOT_FILED" -> "state.notFiled";
            default -> "state.pending";
        });
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
