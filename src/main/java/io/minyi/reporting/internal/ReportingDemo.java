package io.minyi.reporting.internal;

import io.minyi.org.DemoActivity;
import io.minyi.org.DemoDay;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reporting's part of the demo city's past: each day's automatic daily report for the city and every county (每日一汇总),
 * generated as the scheduled job does, once the day's events have reached the roll-ups.
 */
@Component
@Order(40)
@RequiredArgsConstructor
class ReportingDemo implements DemoActivity {

    private final DailyReports reports;

    @Override
    public void day(DemoDay day) {
        day.settle();
        day.at(23, 50, () -> {
            reports.generateAll(day.date());
        });
    }
}
