package io.minyi.reporting;

import io.minyi.casework.CaseEvents.CaseConcluded;
import io.minyi.casework.CaseType;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.supervision.EventFixture;
import io.minyi.supervision.internal.SupervisionLadder;
import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static io.minyi.supervision.EventFixture.dispatched;
import static io.minyi.supervision.EventFixture.received;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard, letters, alerts, ledger and reports over real HTTP, and a leader's drill-down in a browser. */
@FullStackTest
class DashboardFullStackTests {

    @LocalServerPort int port;
    @Autowired OrgDirectory org;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired SupervisionLadder ladder;
    @Autowired Clock clock;
    @Autowired io.minyi.grid.GridFigures gridFigures;

    JurisdictionRef city;
    JurisdictionRef county1;

    @BeforeEach
    void fixture() {
        city = org.root();
        county1 = org.children(city.id()).getFirst();
        if (jdbc.sql("SELECT count(*) FROM report_case WHERE case_id = 7600001").query(Long.class).single() > 0) {
            return;
        }
        var station = org.unitByCode("U-0001-10").orElseThrow();
        long j = station.jurisdictionId();
        var now = clock.instant();
        EventFixture f = new EventFixture(events, tx, jdbc);
        for (long id = 7_600_001L; id <= 7_600_004L; id++) {
            f.publish(received(id, id % 2 == 0 ? CaseType.GRID_EVENT : CaseType.DISPUTE, j, null, null, "r-fs" + id,
                    "邻里纠纷", now));
        }
        f.publish(dispatched(7_600_001L, CaseType.DISPUTE, "邻里纠纷", "HIGH", station.id(), j,
                        LocalDate.now(clock).plusDays(5), now),
                new CaseConcluded(7_600_001L, CaseType.DISPUTE, station.id(), j, io.minyi.casework.CaseState.CLOSED, true, true, io.minyi.casework.Outcome.RESOLVED, false, now),
                dispatched(7_600_003L, CaseType.DISPUTE, "邻里纠纷", "LOW", station.id(), j,
                        LocalDate.now(clock).minusDays(1), now));
        ladder.scan(); // case 3 is overdue: a supervision letter to the station
        f.awaitListeners();
    }

    @Test
    void a_leader_sees_every_seed_figure_and_a_county_leader_cannot_open_the_city() {
        StaffClient leader = new StaffClient(port);
        leader.login("leader");
        var page = leader.get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("领导驾驶舱", "收到问题线索", "甄别后交办", "查否", "查实", "核查中", "组织处理",
                "排查（轮次）", "排查发现矛盾纠纷", "预防化解", "调解成功", "网格事件上报", "网格事件办结", "网格员",
                "乡镇（街道）综治中心", "满意度回访", "安全感测评", "走访群众", county1.name(), "trend-chart");
        assertThat(page.body()).contains("<span class=\"kpi-value\">253</span>"); // the demo city's grids and workers
        // the grid's events are all those its workers reported, those resolved on the spot included
        var grid = gridFigures.within(city.path(), LocalDate.now(clock).withDayOfYear(1), LocalDate.now(clock));
        assertThat(grid.reported()).isGreaterThan(grid.escalated());
        assertThat(page.body()).contains("网格事件上报</span><span class=\"kpi-value\">" + grid.reported() + "</span>",
                "网格事件办结</span><span class=\"kpi-value\">" + grid.closed() + "</span>");

        // a month without a single evaluation has no satisfaction rate: "—", not 0 %
        assertThat(leader.get("/dashboard?from=2024-01-01&to=2024-01-31").body())
                .containsPattern("评议满意率</span>\\s*<span class=\"kpi-value\">—</span>");

        var drill = leader.get("/dashboard?j=" + county1.id());
        assertThat(drill.statusCode()).isEqualTo(200);
        assertThat(drill.body()).contains(county1.name() + " · 领导驾驶舱");

        StaffClient countyLeader = new StaffClient(port);
        countyLeader.login("countyleader");
        assertThat(countyLeader.get("/dashboard?j=" + city.id()).statusCode()).isEqualTo(404);
        assertThat(countyLeader.get("/dashboard").body()).contains(county1.name());
        assertThat(countyLeader.get("/dashboard?from=2026-13-01").statusCode()).isEqualTo(400);

        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        assertThat(handler.get("/dashboard").statusCode()).isEqualTo(403);
    }

    @Test
    void the_station_acknowledges_its_supervision_letter_and_another_county_cannot_see_it() {
        long letterId = jdbc.sql("""
                        SELECT l.id FROM supervision_letter l JOIN supervision_letter_case c ON c.letter_id = l.id
                        WHERE c.case_id = 7600003 AND l.kind = 'SUPERVISION'""").query(Long.class).single();
        StaffClient unitLeader = new StaffClient(port);
        unitLeader.login("unitleader");
        assertThat(unitLeader.get("/notifications").body()).contains("督办函");
        var list = unitLeader.get("/supervision/letters?kind=SUPERVISION");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("/supervision/letters/" + letterId);
        assertThat(unitLeader.postForm("/supervision/letters/" + letterId + "/acknowledge", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(unitLeader.get("/supervision/letters/" + letterId).body()).contains("签收");
        assertThat(unitLeader.postForm("/supervision/letters/" + letterId + "/acknowledge", Map.of()).statusCode())
                .isEqualTo(409);

        StaffClient otherCounty = new StaffClient(port);
        otherCounty.login("dispatcher2");
        assertThat(otherCounty.get("/supervision/letters/" + letterId).statusCode()).isEqualTo(404);

        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        var pdf = supervisor.getBytes("/supervision/letters/" + letterId + ".pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
        assertThat(supervisor.getBytes("/supervision/letters/" + letterId + ".docx").statusCode()).isEqualTo(200);
        var xlsx = supervisor.getBytes("/supervision/letters.xlsx?kind=SUPERVISION");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("spreadsheetml"));
        assertThat(supervisor.get("/supervision/letters?kind=NOPE").statusCode()).isEqualTo(400);
        assertThat(supervisor.get("/supervision/alerts").statusCode()).isEqualTo(200);
        assertThat(supervisor.get("/supervision/scores").statusCode()).isEqualTo(200);
    }

    @Test
    void the_hand_kept_ledger_is_gone_and_a_supervisor_generates_a_daily_report() {
        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        assertThat(supervisor.get("/reports/figures").statusCode())
                .as("every figure is computed from records; nothing is typed in").isEqualTo(404);
        assertThat(supervisor.get("/reports/daily").statusCode()).isEqualTo(200);
        var generated = supervisor.postForm("/reports/daily/generate", Map.of("j", String.valueOf(county1.id()),
                "day", LocalDate.now(clock).toString()));
        assertThat(generated.statusCode()).isEqualTo(302);
        String location = generated.headers().firstValue("Location").orElseThrow();
        assertThat(supervisor.get(location.replaceFirst("^https?://[^/]+", "")).body()).contains(county1.name());
    }

    @Test
    void a_leader_opens_the_dashboard_and_drills_into_a_county_in_a_browser() {
        Assumptions.assumeTrue(Browser.available(), "Debian chromium and chromedriver are needed");
        ChromeDriver driver = Browser.start(1366, 900);
        try {
            Browser.login(driver, "http://localhost:" + port, "leader");
            driver.get("http://localhost:" + port + "/dashboard");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drilldown")));
            Browser.screenshot(driver, "dashboard-city");
            driver.findElement(By.linkText(county1.name())).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dashboard-title"), county1.name()));
            // Chart.js drew the trend into its canvas (a blank canvas would mean the script failed under the CSP)
            Object drawn = driver.executeScript(
                    "var c = document.getElementById('trend-chart'); return !!(window.Chart && Chart.getChart(c));");
            assertThat(drawn).isEqualTo(true);
            Browser.screenshot(driver, "dashboard-county");
            driver.executeScript("document.getElementById('trend-chart').scrollIntoView()");
            Browser.screenshot(driver, "dashboard-county-charts");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            Browser.screenshot(driver, "dashboard-county-phone");
        } finally {
            driver.quit();
        }
    }
}
