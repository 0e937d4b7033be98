package io.minyi.survey.internal;

import io.minyi.platform.CityTime;
import io.minyi.platform.CjkFont;
import io.minyi.platform.DocumentTexts;
import io.minyi.platform.Pdf;
import io.minyi.survey.Indicator;
import io.minyi.survey.SurveyFigures.Proportion;
import io.minyi.survey.internal.SurveyResults.CampaignResult;
import io.minyi.survey.internal.SurveyResults.Line;
import lombok.RequiredArgsConstructor;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 测评结果摘要: a campaign's results on A4 landscape for leaders and the file — the whole campaign, then per county and
 * per unit: invited, excluded, answered, response rate, satisfied with its 95 % Wilson interval, and for a perception
 * survey the four indicators. The same figures as the page and the .xlsx ({@link SurveyResults}); set in the
 * platform's CJK font.
 */
@Component
@RequiredArgsConstructor
public class SurveySummary {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static final String TEXTS = "survey.summary.";

    private final CjkFont font;
    private final Clock clock;
    private final MessageSource messages;

    public String fileName(Campaign c, Locale locale) {
        DocumentTexts t = new DocumentTexts(messages, TEXTS, locale);
        return t.of("fileName", c.name()) + ".pdf";
    }

    /** The summary worded in the reader's language; campaign, county and unit names are data and stay as recorded. */
    public byte[] pdf(Campaign c, CampaignResult r, String issuedBy, Locale locale) {
        DocumentTexts t = new DocumentTexts(messages, TEXTS, locale);
        CjkFont.Faces f = font.faces(16, 9);
        DateTimeFormatter day = DateTimeFormatter.ofPattern(t.of("datePattern"), locale);
        return Pdf.write(new Document(PageSize.A4.rotate(), 36, 36, 36, 36), doc -> {
            Paragraph head = new Paragraph(t.of("title", c.name()), f.title());
            head.setAlignment(Element.ALIGN_CENTER);
            doc.add(head);
            doc.add(new Paragraph(t.of("campaign", c.jurisdictionName(), day.format(c.startsOn()),
                    day.format(c.endsOn()), t.of("kind." + c.kind().name()),
                    t.full("survey.status." + c.status().name())), f.normal()));
            Line total = r.total();
            doc.add(new Paragraph(t.of("totals", String.valueOf(total.invited()), String.valueOf(total.excluded()),
                    String.valueOf(total.responded()), percent(total.responseRate()), percent(total.satisfied().rate()),
                    interval(total.satisfied()), String.valueOf(total.satisfied().n())), f.normal()));
            boolean perception = c.kind() == Campaign.Kind.PERCEPTION;
            section(doc, t.of("sectionTotal"), f.bold());
            doc.add(table(List.of(named(total, t.of("total"))), perception, f.bold(), f.normal(), t));
            section(doc, t.of("sectionCounties"), f.bold());
            doc.add(table(r.counties(), perception, f.bold(), f.normal(), t));
            section(doc, t.of("sectionUnits"), f.bold());
            doc.add(table(r.units(), perception, f.bold(), f.normal(), t));
            Paragraph rule = new Paragraph(t.of("rule", issuedBy, STAMP.format(clock.instant().atZone(CityTime.ZONE))),
                    f.normal());
            rule.setSpacingBefore(10);
            doc.add(rule);
        });
    }

    private static Line named(Line l, String name) {
        return new Line(name, l.invited(), l.excluded(), l.responded(), l.refused(), l.unreachable(), l.satisfied(),
                l.indicators());
    }

    private PdfPTable table(List<Line> lines, boolean perception, Font bold, Font normal, DocumentTexts t) {
        List<String> headers = new ArrayList<>(List.of(t.of("head").split("\\|")));
        if (perception) {
            Indicator.PERCEPTION.forEach(i -> headers.add(t.of("positiveRate",
                    t.full("survey.indicator." + i.name()))));
        }
        PdfPTable table = new PdfPTable(headers.size());
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        headers.forEach(h -> table.addCell(new PdfPCell(new Phrase(h, bold))));
        if (lines.isEmpty()) {
            PdfPCell none = new PdfPCell(new Phrase(t.of("none"), normal));
            none.setColspan(headers.size());
            table.addCell(none);
        }
        for (Line l : lines) {
            List<String> cells = new ArrayList<>(List.of(l.name() == null || l.name().isEmpty() ? t.of("noUnit")
                            : l.name(),
                    String.valueOf(l.invited()), String.valueOf(l.excluded()), String.valueOf(l.responded()),
                    String.valueOf(l.refused()), String.valueOf(l.unreachable()), percent(l.responseRate()),
                    String.valueOf(l.satisfied().n()), percent(l.satisfied().rate()), interval(l.satisfied())));
            if (perception) {
                Indicator.PERCEPTION.forEach(i -> cells.add(l.indicator(i) == null ? "—" : percent(l.indicator(i).rate())));
            }
            cells.forEach(v -> table.addCell(new PdfPCell(new Phrase(v, normal))));
        }
        return table;
    }

    private static void section(Document doc, String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        doc.add(p);
    }

    /** "—" where nobody answered: a rate of nothing is not 0 %. */
    static String percent(Double rate) {
        return rate == null ? "—" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    static String interval(Proportion p) {
        return p.low() == null ? "—" : percent(p.low()) + "–" + percent(p.high());
    }
}
