package io.minyi.survey.internal;

import io.minyi.survey.Indicator;
import io.minyi.survey.SurveyFigures.Proportion;
import io.minyi.survey.internal.SurveyResults.CampaignResult;
import io.minyi.survey.internal.SurveyResults.Line;
import io.minyi.platform.DocumentTexts;
import io.minyi.platform.fields.Xlsx;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A campaign's results as .xlsx: one sheet per level, rates as numbers formatted as percentages; headings in the
 * reader's language (the locale is taken before the response streams).
 */
@Component
@RequiredArgsConstructor
public class SurveyExport {

    private static final String TEXTS = "survey.export.";

    private final MessageSource messages;

    public String fileName(Campaign c, Locale locale) {
        DocumentTexts t = new DocumentTexts(messages, TEXTS, locale);
        return t.of("fileName", c.name()) + ".xlsx";
    }

    public void write(Campaign c, CampaignResult result, OutputStream out, Locale locale) throws IOException {
        DocumentTexts t = new DocumentTexts(messages, TEXTS, locale);
        List<Line> total = List.of(new Line(t.of("totalOf", c.name()), result.total().invited(),
                result.total().excluded(), result.total().responded(), result.total().refused(),
                result.total().unreachable(), result.total().satisfied(), result.total().indicators()));
        out.write(Xlsx.write(List.of(tab(t.of("sheet.total"), total, t),
                tab(t.of("sheet.units"), result.units(), t),
                tab(t.of("sheet.counties"), result.counties(), t)), List.of()));
    }

    private Xlsx.Tab tab(String name, List<Line> lines, DocumentTexts t) {
        List<String> head = new ArrayList<>(List.of(t.of("head").split("\\|")));
        Indicator.PERCEPTION.forEach(i -> {
            head.add(t.of("indicatorSample", i.name()));
            head.add(t.of("indicatorRate", i.name()));
        });
        String noUnit = t.of("noUnit");
        return new Xlsx.Tab(name, head, lines.stream().map(l -> row(l, noUnit)).toList());
    }

    private static List<Object> row(Line l, String noUnit) {
        Proportion p = l.satisfied();
        List<Object> row = new ArrayList<>(Arrays.asList(l.name() == null || l.name().isEmpty() ? noUnit : l.name(),
                l.invited(), l.excluded(), l.responded(), l.refused(), l.unreachable(), rate(l.responseRate()),
                p.n(), p.hits(), rate(p.rate()), rate(p.low()), rate(p.high())));
        for (Indicator i : Indicator.PERCEPTION) {
            Proportion ip = l.indicators().get(i);
            row.add(ip == null ? 0 : ip.n());
            row.add(rate(ip == null ? null : ip.rate()));
        }
        return row;
    }

    private static Xlsx.@Nullable Percent rate(@Nullable Double value) {
        return value == null ? null : new Xlsx.Percent(value, 2);
    }
}
