package io.minyi.reporting;

import io.minyi.casework.CaseEvents.CaseConcluded;
import io.minyi.casework.CaseEvents.CaseReopened;
import io.minyi.casework.CaseType;
import io.minyi.org.OrgDirectory;
import io.minyi.reporting.internal.DailyReports;
import io.minyi.reporting.internal.ReportExports;
import io.minyi.supervision.EventFixture;
import io.minyi.supervision.MutableClock;
import io.minyi.supervision.SupervisionTestContext;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static io.minyi.supervision.EventFixture.dispatched;
import static io.minyi.supervision.EventFixture.received;
import static org.assertj.core.api.Assertions.assertThat;

@SupervisionTestContext
class DailyReportTests {

    @Autowired MutableClock clock;
    @Autowired DailyReports reports;
    @Autowired ReportExports exports;
    @Autowired OrgDirectory org;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired io.minyi.audit.AuditTrail audit;

    @Test
    void the_daily_report_counts_the_day_by_type_and_category_and_regenerates_identically() throws Exception {
        EventFixture fixture = new EventFixture(events, tx, jdbc);
        var station = org.unitByCode("U-0006-10").orElseThrow();
        var county = org.lineage(station.jurisdictionId()).get(1);
        long j = station.jurisdictionId();
        LocalDate day = LocalDate.of(2026, 8, 11);
        Instant at = LocalDateTime.of(2026, 8, 11, 10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        clock.set(LocalDateTime.of(2026, 8, 12, 6, 0));
        fixture.publish(
                received(7_500_001L, CaseType.DISPUTE, j, null, null, "r-d1", "邻里纠纷", at),
                received(7_500_002L, CaseType.DISPUTE, j, null, null, "r-d2", "邻里纠纷", at),
                received(7_500_003L, CaseType.CLUE, j, null, null, "r-d3", "执法不规范", at),
                dispatched(7_500_001L, CaseType.DISPUTE, "邻里纠纷", "HIGH", station.id(), j, day.plusDays(10), at),
                dispatched(7_500_003L, CaseType.CLUE, "执法不规范", "LOW", station.id(), j, day.plusDays(10), at),
                new CaseConcluded(7_500_001L, CaseType.DISPUTE, station.id(), j, io.minyi.casework.CaseState.CLOSED, true, true, io.minyi.casework.Outcome.RESOLVED, false, at),
                new CaseReopened(7_500_003L, CaseType.CLUE, station.id(), j, day.plusDays(20), 1, false, at));

        // the report names the head of its own city's chain (decision 0044): an event of another city, linked later,
        // is not its head
        long reportCity = io.minyi.platform.CityKey.of(org.root().path());
        clock.set(LocalDateTime.of(2026, 8, 11, 9, 0));
        tx.executeWithoutResult(s -> {
            audit.recordAs("system", "SYSTEM", io.minyi.audit.AuditEntry.of("TEST_EVENT", "test", "report-city")
                    .inCity(reportCity));
            audit.recordAs("system", "SYSTEM", io.minyi.audit.AuditEntry.of("TEST_EVENT", "test", "other-city")
                    .inCity(reportCity + 1_000_000_000L));
        });
        long ours = jdbc.sql("SELECT max(id) FROM audit_event WHERE record_id = 'report-city' AND city_id = ?")
                .param(reportCity).query(Long.class).single();
        clock.set(LocalDateTime.of(2026, 8, 12, 6, 0));

        List<Long> ids = reports.generateAll(day);
        assertThat(ids).hasSize(1 + org.children(org.root().id()).size());
        long cityId = ids.getFirst();
        String first = reports.rawContent(cityId);

        DailyReports.Content city = reportOf(cityId);
        assertThat(city.received()).isEqualTo(3);
        assertThat(city.dispatched()).isEqualTo(2);
        assertThat(city.closed()).isEqualTo(1);
        assertThat(city.reopened()).isEqualTo(1);
        assertThat(city.topCategories().getFirst().category()).isEqualTo("邻里纠纷");
        assertThat(city.topCategories().getFirst().received()).isEqualTo(2);
        assertThat(city.byType()).filteredOn(r -> r.type().equals("DISPUTE")).singleElement()
                .satisfies(r -> assertThat(r.closed()).isEqualTo(1));
        assertThat(city.highRisk()).extracting(DailyReports.Notable::caseId).containsExactly(7_500_001L);
        assertThat(city.auditChainHead()).startsWith("#" + ours + " · ")
                .isEqualTo("#" + ours + " · " + jdbc.sql("SELECT chain_seq FROM audit_event WHERE id = ?").param(ours)
                        .query(Long.class).single() + " · " + jdbc.sql("SELECT hash FROM audit_event WHERE id = ?")
                        .param(ours).query(String.class).single());

        DailyReports.Content countyReport = reportOf(ids.get(1 + org.children(org.root().id()).indexOf(county)));
        assertThat(countyReport.jurisdictionName()).isEqualTo(county.name());
        assertThat(countyReport.received()).isEqualTo(3);

        // regenerating gives the same report, under the same id, and the leaders are not told twice
        assertThat(reports.generateAll(day)).isEqualTo(ids);
        assertThat(reports.rawContent(cityId)).isEqualTo(first);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM notification n JOIN staff_account s ON s.id = n.staff_id
                        WHERE s.username = 'leader' AND n.link = ?""").param("/reports/daily/" + cityId)
                .query(Long.class).single()).isEqualTo(1);

        byte[] pdf = exports.pdf(new DailyReports.Report(cityId, day, city.jurisdictionId(), city.jurisdictionName(),
                Instant.now(), city), java.util.Locale.SIMPLIFIED_CHINESE);
        try (var doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains(city.jurisdictionName(), "邻里纠纷", "7500001");
        }
    }

    private DailyReports.Content reportOf(long id) throws Exception {
        return tools.jackson.databind.json.JsonMapper.builder().build()
                .readValue(reports.rawContent(id), DailyReports.Content.class);
    }
}
