package io.minyi.survey.internal;

import io.minyi.survey.Indicator;
import io.minyi.survey.SurveyFigures.Proportion;
import io.minyi.survey.internal.SurveyResults.CampaignResult;
import io.minyi.survey.internal.SurveyResults.Line;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** A campaign's results as .xlsx: one sheet per level, rates as numbers formatted as percentages. */
@Component
public class SurveyExport {

    private static final List<String> HEAD = List.of("名称", "邀请人数", "排除", "应答", "拒访", "未接通", "应答率",
            "满意样本", "满意人数", "满意率", "95%区间下限", "95%区间上限");

    public void write(Campaign c, CampaignResult result, OutputStream out) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.00%"));
            List<Line> total = List.of(new Line("合计：" + c.name(), result.total().invited(), result.total().excluded(),
                    result.total().responded(), result.total().refused(), result.total().unreachable(),
                    result.total().satisfied(), result.total().indicators()));
            sheet(wb, "合计", total, percent);
            sheet(wb, "按单位", result.units(), percent);
            sheet(wb, "按县区", result.counties(), percent);
            wb.write(out);
        }
    }

    private static void sheet(XSSFWorkbook wb, String name, List<Line> lines, CellStyle percent) {
        Sheet s = wb.createSheet(name);
        List<String> head = new ArrayList<>(HEAD);
        Indicator.PERCEPTION.forEach(i -> {
            head.add(i.name() + "样本");
            head.add(i.name() + "正向率");
        });
        Row h = s.createRow(0);
        for (int k = 0; k < head.size(); k++) {
            h.createCell(k).setCellValue(head.get(k));
        }
        int r = 1;
        for (Line l : lines) {
            Row row = s.createRow(r++);
            row.createCell(0).setCellValue(l.name() == null || l.name().isEmpty() ? "（未指定单位）" : l.name());
            long[] counts = {l.invited(), l.excluded(), l.responded(), l.refused(), l.unreachable()};
            for (int k = 0; k < counts.length; k++) {
                row.createCell(1 + k).setCellValue(counts[k]);
            }
            rate(row, 6, l.responseRate(), percent);
            Proportion p = l.satisfied();
            row.createCell(7).setCellValue(p.n());
            row.createCell(8).setCellValue(p.hits());
            rate(row, 9, p.rate(), percent);
            rate(row, 10, p.low(), percent);
            rate(row, 11, p.high(), percent);
            int col = 12;
            for (Indicator i : Indicator.PERCEPTION) {
                Proportion ip = l.indicators().get(i);
                row.createCell(col).setCellValue(ip == null ? 0 : ip.n());
                rate(row, col + 1, ip == null ? null : ip.rate(), percent);
                col += 2;
            }
        }
    }

    private static void rate(Row row, int col, Double value, CellStyle percent) {
        if (value != null) {
            var cell = row.createCell(col);
            cell.setCellValue(value);
            cell.setCellStyle(percent);
        }
    }
}
