package io.minyi.reporting.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.LocalTime;
import java.util.List;

/**
 * {@code minyi.reporting.*}: when the daily report for the previous day is generated, and where the CJK font for its
 * PDF is looked for.
 */
@ConfigurationProperties("minyi.reporting")
public record ReportingProperties(LocalTime dailyReportTime, List<String> fontPaths) {

    public ReportingProperties {
        dailyReportTime = dailyReportTime == null ? LocalTime.of(6, 0) : dailyReportTime;
        fontPaths = fontPaths == null || fontPaths.isEmpty() ? List.of(
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
                "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc") : List.copyOf(fontPaths);
    }
}
