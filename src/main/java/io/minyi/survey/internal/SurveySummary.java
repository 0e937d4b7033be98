package io.minyi.survey.internal;

import io.minyi.platform.CityTime;
import io.minyi.platform.CjkFont;
import io.minyi.survey.Indicator;
import io.minyi.survey.SurveyFigures.Proportion;
import io.minyi.survey.internal.SurveyResults.CampaignResult;
import io.minyi.survey.internal.SurveyResults.Line;
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
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
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
public class SurveySummary {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final CjkFont font;
    private final Clock clock;

    SurveySummary(CjkFont font, Clock clock) {
        this.font = font;
        this.clock = clock;
    }

    public byte[] pdf(Campaign c, CampaignResult r, String issuedBy) {
        BaseFont base = font.baseFont();
        Font title = new Font(base, 16, Font.BOLD);
        Font bold = new Font(base, 9, Font.BOLD);
        Font normal = new Font(base, 9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        PdfWriter.getInstance(doc, out);
        doc.open();
        Paragraph head = new Paragraph(c.name() + " 测评结果摘要", title);
        head.setAlignment(Element.ALIGN_CENTER);
        doc.add(head);
        doc.add(new Paragraph(c.jurisdictionName() + "，" + DAY.format(c.startsOn()) + "至" + DAY.format(c.endsOn())
                + "，" + (c.kind() == Campaign.Kind.PERCEPTION ? "安全感测评" : "满意度测评") + "，状态："
                + status(c.status()), normal));
        Line t = r.total();
        doc.add(new Paragraph("共邀请 " + t.invited() + " 人，排除 " + t.excluded() + " 人，应答 " + t.responded()
                + " 人，应答率 " + percent(t.responseRate()) + "；满意率 " + percent(t.satisfied().rate())
                + "（95% 区间 " + interval(t.satisfied()) + "，样本 " + t.satisfied().n() + " 人）。", normal));
        boolean perception = c.kind() == Campaign.Kind.PERCEPTION;
        section(doc, "一、合计", bold);
        doc.add(table(List.of(named(t, "合计")), perception, bold, normal));
        section(doc, "二、按县（市、区）", bold);
        doc.add(table(r.counties(), perception, bold, normal));
        section(doc, "三、按单位", bold);
        doc.add(table(r.units(), perception, bold, normal));
        Paragraph rule = new Paragraph("说明：应答率 = 应答 ÷（邀请 − 排除）；满意率 = 满意人数 ÷ 回答满意度问题的人数（量表 4–5 分，或单选题前两项）；"
                + "95% 区间为 Wilson 得分区间，样本小时区间宽，比较单位时宜看区间下限。生成：" + issuedBy + "，"
                + STAMP.format(clock.instant().atZone(CityTime.ZONE)), normal);
        rule.setSpacingBefore(10);
        doc.add(rule);
        doc.close();
        return out.toByteArray();
    }

    private static Line named(Line l, String name) {
        return new Line(name, l.invited(), l.excluded(), l.responded(), l.refused(), l.unreachable(), l.satisfied(),
                l.indicators());
    }

    private static PdfPTable table(List<Line> lines, boolean perception, Font bold, Font normal) {
        List<String> headers = new ArrayList<>(List.of("名称", "邀请", "排除", "应答", "拒访", "未接通", "应答率",
                "满意样本", "满意率", "95% 区间"));
        if (perception) {
            Indicator.PERCEPTION.forEach(i -> headers.add(label(i) + "正向率"));
        }
        PdfPTable table = new PdfPTable(headers.size());
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        headers.forEach(h -> table.addCell(new PdfPCell(new Phrase(h, bold))));
        if (lines.isEmpty()) {
            PdfPCell none = new PdfPCell(new Phrase("（无）", normal));
            none.setColspan(headers.size());
            table.addCell(none);
        }
        for (Line l : lines) {
            List<String> cells = new ArrayList<>(List.of(l.name() == null || l.name().isEmpty() ? "（未指定单位）" : l.name(),
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

    private static String label(Indicator i) {
        return switch (i) {
            case SATISFACTION -> "满意度";
            case SECURITY -> "安全感";
            case LAW_ENFORCEMENT -> "执法满意度";
            case DISPUTE_RESOLUTION -> "矛盾纠纷化解成效";
            case ANTI_GANG -> "扫黑除恶评价";
        };
    }

    private static String status(Campaign.Status s) {
        return switch (s) {
            case DRAFT -> "草稿";
            case OPEN -> "进行中";
            case CLOSED -> "已结束";
        };
    }
}
