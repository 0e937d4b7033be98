package io.minyi.reporting.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.LocalTime;

/** {@code minyi.reporting.*}: when the daily report for the previous day is generated. */
@ConfigurationProperties("minyi.reporting")
public record ReportingProperties(LocalTime dailyReportTime) {

    public ReportingProperties {
        dailyReportTime = dailyReportTime == null ? LocalTime.of(6, 0) : dailyReportTime;
    }
}
