package io.minyi.survey.internal;

import io.minyi.survey.Indicator;
import io.minyi.survey.SurveyFigures.Proportion;
import io.minyi.survey.internal.SurveyResults.CampaignResult;
import io.minyi.survey.internal.SurveyResults.Line;
import io.minyi.platform.fields.Xlsx;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A campaign's results as .xlsx: one sheet per level, rates as numbers formatted as percentages. */
@Component
public class SurveyExport {

    private static final List<String> HEAD = List.of("名称", "邀请人数", "排除", "应答", "拒访", "未接通", "应答率",
            "满意样本", "满意人数", "满意率", "95%区间下限", "95%区间上限");

    public void write(Campaign c, CampaignResult result, OutputStream out) throws IOException {
        List<Line> total = List.of(new Line("合计：" + c.name(), result.total().invited(), result.total().excluded(),
                result.total().responded(), result.total().refused(), result.total().unreachable(),
                result.total().satisfied(), result.total().indicators()));
        out.write(Xlsx.write(List.of(tab("合计", total), tab("按单位", result.units()), tab("按县区", result.counties())),
                List.of()));
    }

    private static Xlsx.Tab tab(String name, List<Line> lines) {
        List<String> head = new ArrayList<>(HEAD);
        Indicator.PERCEPTION.forEach(i -> {
            head.add(i.name() + "样本");
            head.add(i.name() + "正向率");
        });
        return new Xlsx.Tab(name, head, lines.stream().map(SurveyExport::row).toList());
    }

    private static List<Object> row(Line l) {
        Proportion p = l.satisfied();
        List<Object> row = new ArrayList<>(Arrays.asList(l.name() == null || l.name().isEmpty() ? "（未指定单位）" : l.name(),
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
