package io.minyi.integration.internal;

import lombok.RequiredArgsConstructor;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import io.minyi.casework.CaseDigests;
import io.minyi.evaluation.EvaluationFigures.DimensionSatisfaction;
import io.minyi.evaluation.EvaluationFigures.Satisfaction;
import io.minyi.platform.CjkFont;
import io.minyi.platform.DocumentTexts;
import io.minyi.platform.Pdf;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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

    private static final String TEXTS = "integration.certificate.";

    private final CjkFont font;
    private final Clock clock;
    private final MessageSource messages;

    public String fileName(OfficerRecords.Record r, Locale locale) {
        DocumentTexts t = new DocumentTexts(messages, TEXTS, locale);
        return t.of("fileName", r.officer().badgeNo(), String.valueOf(r.year())) + ".pdf";
    }

    public byte[] pdf(OfficerRecords.Record r, String issuedBy, Locale locale) {
        DocumentTexts t = new DocumentTexts(messages, TEXTS, locale);
        CjkFont.Faces f = font.faces(16, 10);
        return Pdf.write(new Document(PageSize.A4, 48, 48, 48, 48), doc -> {
            Paragraph head = new Paragraph(t.of("title"), f.title());
            head.setAlignment(Element.ALIGN_CENTER);
            doc.add(head);
            Paragraph who = new Paragraph(t.of("who", r.officer().name(), r.officer().badgeNo(),
                    r.officer().unitName() + (r.officer().position() == null ? "" : " " + r.officer().position()),
                    String.valueOf(r.year())), f.normal());
            who.setSpacingBefore(14);
            doc.add(who);

            ratings(doc, r, f.normal(), f.bold(), t);
            findingsAndDiscipline(doc, r, f.normal(), f.bold(), t);
            Paragraph foot = new Paragraph(t.of("foot", issuedBy, LocalDate.now(clock).format(DAY)), f.normal());
            foot.setSpacingBefore(18);
            doc.add(foot);
        });
    }

    /** Satisfaction over the year and by quarter, then by dimension when any was rated. */
    private void ratings(Document doc, OfficerRecords.Record r, Font normal, Font bold, DocumentTexts t) {
        doc.add(section(t.of("ratings"), bold));
        PdfPTable ratings = table(new float[]{2, 1, 1, 1, 1, 1.2f}, bold, t.of("col.period"),
                t.of("col.evaluations"), t.of("col.satisfied"), t.of("col.basicallySatisfied"),
                t.of("col.dissatisfied"), t.of("col.rate"));
        row(ratings, normal, t.of("wholeYear", String.valueOf(r.year())), r.wholeYear());
        for (OfficerRecords.Period p : r.quarters()) {
            row(ratings, normal, p.label(), p.satisfaction());
        }
        doc.add(ratings);
        if (!r.dimensions().isEmpty()) {
            PdfPTable dims = table(new float[]{2, 1, 1, 1, 1.2f}, bold, t.of("col.dimension"),
                    t.of("col.satisfied"), t.of("col.basicallySatisfied"), t.of("col.dissatisfied"),
                    t.of("col.rate"));
            for (DimensionSatisfaction d : r.dimensions()) {
                cells(dims, normal, d.label(), String.valueOf(d.satisfied()), String.valueOf(d.basicallySatisfied()),
                        String.valueOf(d.dissatisfied()), d.measured() ? percent(d.rate()) : "—");
            }
            doc.add(dims);
        }
    }

    /** The cases about the officer that ended with a finding, then the hand-overs to discipline inspection. */
    private void findingsAndDiscipline(Document doc, OfficerRecords.Record r, Font normal, Font bold, DocumentTexts t) {
        doc.add(section(t.of("findings"), bold));
        if (r.findings().isEmpty()) {
            doc.add(new Paragraph(t.of("none"), normal));
        } else {
            PdfPTable f = table(new float[]{1.5f, 1.5f, 1, 1.5f, 1}, bold, t.of("col.caseNo"),
                    t.of("col.receivedOn"), t.of("col.outcome"), t.of("col.concludedOn"),
                    t.of("col.disciplined"));
            for (CaseDigests.Finding x : r.findings()) {
                cells(f, normal, String.valueOf(x.caseId()), day(x.receivedAt()), x.outcomeLabel(),
                        x.reportedAt() == null ? "" : day(x.reportedAt()), String.valueOf(x.personsDisciplined()));
            }
            doc.add(f);
        }
        doc.add(section(t.of("discipline"), bold));
        if (r.disciplinary().isEmpty()) {
            doc.add(new Paragraph(t.of("none"), normal));
        } else {
            PdfPTable d = table(new float[]{1.5f, 1.5f, 1.5f, 1.5f}, bold, t.of("col.transferredOn"),
                    t.of("col.result"), t.of("col.sanction"), t.of("col.decidedOn"));
            for (Map<String, Object> x : r.disciplinary()) {
                cells(d, normal, String.valueOf(x.get("transferred_at")).substring(0, 10), state(x.get("state"), t),
                        x.get("sanction") == null ? "" : String.valueOf(x.get("sanction")),
                        x.get("decided_on") == null ? "" : String.valueOf(x.get("decided_on")));
            }
            doc.add(d);
        }
    }

    private String day(java.time.Instant at) {
        return at.atZone(clock.getZone()).toLocalDate().format(DAY);
    }

    private String state(Object s, DocumentTexts t) {
        return t.of(switch (String.valueOf(s)) {
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
                String.valueOf(s.basicallySatisfied()), String.valueOf(s.dissatisfied()), s.measured() ? percent(s.rate()) : "—");
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
