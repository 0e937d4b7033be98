package io.minyi.dispute;

import io.minyi.dispute.internal.ConfirmationStatus;
import io.minyi.dispute.internal.DisputeIntake;
import io.minyi.dispute.internal.DisputeSource;
import io.minyi.dispute.internal.AgreementDesk;
import io.minyi.dispute.internal.CourtConfirmations;
import io.minyi.dispute.internal.MediationDesk;
import io.minyi.dispute.internal.PartyKind;
import io.minyi.dispute.internal.PartyRole;
import io.minyi.dispute.internal.Performance;
import io.minyi.dispute.internal.RiskFactor;
import io.minyi.dispute.internal.Signature;
import io.minyi.dispute.internal.Viewer;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.Role;
import io.minyi.reporting.internal.DailyReports;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispute figures are computed, not typed in: each is recomputed here from the source rows, and a round, a
 * dispute found in it, prevented, agreed, confirmed and followed up moves each figure by exactly one.
 */
@FullStackTest
class DisputeFiguresTests {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    DisputeFigures figures;
    @Autowired
    DisputeIntake intake;
    @Autowired
    MediationDesk desk;
    @Autowired
    AgreementDesk agreements;
    @Autowired
    CourtConfirmations courts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DailyReports reports;
    @Autowired
    OrgDirectory directory;

    @Test
    void each_figure_follows_the_records_it_is_computed_from() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.now(CHINA);
        var place = jdbc.sql("""
                SELECT j.id, j.path FROM jurisdiction j WHERE j.level = 'VILLAGE'
                  AND j.path LIKE (SELECT path FROM jurisdiction WHERE id = (SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1')) || '%'
                ORDER BY j.id DESC LIMIT 1""").query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).single();
        long village = (long) place[0];
        String path = (String) place[1];
        DisputeFigures.Figures before = figures.figures(path, today, today);
        assertThat(before).isEqualTo(recomputed(path, today));

        // a screening round recorded over HTTP by the dispatcher, a dispute found in it
        StaffClient d1 = new StaffClient(port);
        d1.login("dispatcher1");
        d1.get("/disputes/rounds");
        assertThat(d1.postForm("/disputes/rounds", Map.of("jurisdictionId", String.valueOf(village), "heldOn",
                today.toString(), "scope", "全村 " + tag, "team", "村调委会", "households", "120", "sites", "3"))
                .statusCode()).isEqualTo(302);
        long round = jdbc.sql("SELECT id FROM screening_round WHERE scope = ?").param("全村 " + tag).query(Long.class).single();
        var r = intake.register(new DisputeIntake.Registration(village, "NEIGHBOUR", DisputeSource.SCREENING,
                "排查发现 " + tag, 2, BigDecimal.ZERO, round, List.of(
                new DisputeIntake.PartyInput(PartyRole.APPLICANT, PartyKind.NATURAL, "甲" + tag, null, null, null),
                new DisputeIntake.PartyInput(PartyRole.RESPONDENT, PartyKind.NATURAL, "乙" + tag, null, null, null)),
                EnumSet.of(RiskFactor.THREATS), null, null), "dispatcher1");

        // MEDIUM brought down to LOW, agreed without violence: prevented and mediated successfully
        Viewer dispatcher = jdbc.sql("SELECT id, unit_id FROM staff_account WHERE username = 'dispatcher1'")
                .query((rs, n) -> new Viewer(rs.getLong(1), "dispatcher1", Set.of(Role.DISPATCHER), rs.getLong(2),
                        path.substring(0, path.indexOf('/', path.indexOf('/', 1) + 1) + 1) + "%", null, List.of()))
                .single();
        long mediatorId = jdbc.sql("SELECT id FROM mediator WHERE kind = 'EXPERT' ORDER BY id LIMIT 1").query(Long.class).single();
        desk.assign(r.disputeId(), dispatcher, mediatorId, null, null);
        Viewer mediator = new Viewer(0, "figures-mediator", Set.of(Role.MEDIATOR), 0, "/", mediatorId, List.of());
        desk.reassess(r.disputeId(), mediator, EnumSet.noneOf(RiskFactor.class), "已化解");
        desk.agree(r.disputeId(), mediator, new MediationDesk.AgreementInput("事实", "条款", "当面", today.plusDays(5), true));
        agreements.sign(r.disputeId(), mediator, Signature.PAPER, null, null);
        long followUp = jdbc.sql("SELECT id FROM follow_up WHERE dispute_id = ? ORDER BY due_on LIMIT 1")
                .param(r.disputeId()).query(Long.class).single();
        agreements.recordFollowUp(r.disputeId(), mediator, new AgreementDesk.FollowUpInput(followUp, Performance.PERFORMED,
                true, false, null, null, false));

        DisputeFigures.Figures after = figures.figures(path, today, today);
        assertThat(after).isEqualTo(recomputed(path, today));
        assertThat(after.screeningRounds()).isEqualTo(before.screeningRounds() + 1);
        assertThat(after.disputesFound()).isEqualTo(before.disputesFound() + 1);
        assertThat(after.prevented()).isEqualTo(before.prevented() + 1);
        assertThat(after.mediatedSuccessfully()).isEqualTo(before.mediatedSuccessfully() + 1);
        assertThat(after.concluded()).isEqualTo(before.concluded() + 1);
        assertThat(after.followUpsDone()).isEqualTo(before.followUpsDone() + 1);
        assertThat(after.performed()).isEqualTo(before.performed() + 1);
        assertThat(after.successRate()).isNotNull();
        assertThat(after.performanceRate()).isNotNull();

        // and the leaders' dashboard shows the computed figure, no longer a hand-entered one
        StaffClient leader = new StaffClient(port);
        leader.login("leader");
        assertThat(leader.get("/dashboard").body()).contains("kpi-screening-rounds").contains("kpi-prevented");
        assertThat(leader.get("/reports/figures").statusCode()).isEqualTo(404);
    }

    @Test
    void the_daily_report_carries_the_dispute_figures_counted_from_the_records() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.now(CHINA);
        long village = jdbc.sql("""
                SELECT j.id FROM jurisdiction j WHERE j.level = 'VILLAGE'
                  AND j.path LIKE (SELECT path FROM jurisdiction WHERE id = (SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1')) || '%'
                ORDER BY j.id DESC OFFSET 1 LIMIT 1""").query(Long.class).single();
        JurisdictionRef place = directory.jurisdiction(village).orElseThrow();
        StaffClient leader = new StaffClient(port);
        leader.login("leader");
        long reportId = reports.generate(today, place, "test");
        DailyReports.DisputeLine before = content(reportId).disputes();
        assertThat(before).isEqualTo(line(figures.figures(place.path(), today, today)));

        // a round finding a dispute whose MEDIUM risk is brought down, agreed without violence, signed, confirmed
        StaffClient d1 = new StaffClient(port);
        d1.login("dispatcher1");
        d1.get("/disputes/rounds");
        assertThat(d1.postForm("/disputes/rounds", Map.of("jurisdictionId", String.valueOf(village), "heldOn",
                today.toString(), "scope", "日报 " + tag, "team", "村调委会", "households", "40", "sites", "1"))
                .statusCode()).isEqualTo(302);
        long round = jdbc.sql("SELECT id FROM screening_round WHERE scope = ?").param("日报 " + tag).query(Long.class).single();
        var r = intake.register(new DisputeIntake.Registration(village, "LABOUR", DisputeSource.SCREENING,
                "日报统计 " + tag, 3, BigDecimal.TEN, round, List.of(
                new DisputeIntake.PartyInput(PartyRole.APPLICANT, PartyKind.NATURAL, "甲" + tag, null, null, null),
                new DisputeIntake.PartyInput(PartyRole.RESPONDENT, PartyKind.NATURAL, "乙" + tag, null, null, null)),
                EnumSet.of(RiskFactor.THREATS), null, null), "dispatcher1");
        Viewer dispatcher = jdbc.sql("SELECT id, unit_id FROM staff_account WHERE username = 'dispatcher1'")
                .query((rs, n) -> new Viewer(rs.getLong(1), "dispatcher1", Set.of(Role.DISPATCHER), rs.getLong(2),
                        place.path().substring(0, place.path().indexOf('/', place.path().indexOf('/', 1) + 1) + 1) + "%",
                        null, List.of())).single();
        long mediatorId = jdbc.sql("SELECT id FROM mediator WHERE kind = 'EXPERT' ORDER BY id OFFSET 1 LIMIT 1")
                .query(Long.class).single();
        desk.assign(r.disputeId(), dispatcher, mediatorId, null, null);
        Viewer mediator = new Viewer(0, "report-mediator", Set.of(Role.MEDIATOR), 0, "/", mediatorId, List.of());
        desk.reassess(r.disputeId(), mediator, EnumSet.noneOf(RiskFactor.class), "已疏导");
        desk.agree(r.disputeId(), mediator, new MediationDesk.AgreementInput("欠薪", "三日内付清", "转账",
                today.plusDays(3), true));
        agreements.sign(r.disputeId(), mediator, Signature.PAPER, null, null);
        long tribunal = jdbc.sql("SELECT id FROM unit WHERE code = 'U-0001-20'").query(Long.class).single();
        courts.applyForConfirmation(r.disputeId(), mediator, tribunal, today);
        courts.recordRuling(r.disputeId(), new Viewer(0, "report-court", Set.of(Role.UNIT_HANDLER), tribunal, "/", null,
                List.of()), ConfirmationStatus.CONFIRMED, "（日报）调确字第" + tag + "号", today);

        // regenerating the day's report (same id) counts them; each figure equals a recount of the rows
        assertThat(reports.generate(today, place, "test")).isEqualTo(reportId);
        DailyReports.DisputeLine after = content(reportId).disputes();
        assertThat(after).isEqualTo(line(recomputed(place.path(), today)));
        assertThat(after.screeningRounds()).isEqualTo(before.screeningRounds() + 1);
        assertThat(after.disputesFound()).isEqualTo(before.disputesFound() + 1);
        assertThat(after.prevented()).isEqualTo(before.prevented() + 1);
        assertThat(after.mediatedSuccessfully()).isEqualTo(before.mediatedSuccessfully() + 1);
        assertThat(after.concluded()).isEqualTo(before.concluded() + 1);
        assertThat(after.judicialConfirmations()).isEqualTo(before.judicialConfirmations() + 1);
        assertThat(after.successRate()).isNotNull();

        // the page, the PDF and the spreadsheet show the same numbers
        String page = leader.get("/reports/daily/" + reportId).body();
        assertThat(page).contains("id=\"daily-mediated\">" + after.mediatedSuccessfully() + "<")
                .contains("id=\"daily-confirmations\">" + after.judicialConfirmations() + "<")
                .contains("id=\"daily-prevented\">" + after.prevented() + "<");
        try (PDDocument pdf = Loader.loadPDF(leader.getBytes("/reports/daily/" + reportId + ".pdf").body())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("调解成功 " + after.mediatedSuccessfully() + " 件")
                    .contains("司法确认 " + after.judicialConfirmations() + " 件");
        }
        Map<String, String> sheet = summary(leader.getBytes("/reports/daily/" + reportId + ".xlsx").body());
        assertThat(sheet).containsEntry("调解成功", String.valueOf(after.mediatedSuccessfully()))
                .containsEntry("排查轮次", String.valueOf(after.screeningRounds()))
                .containsEntry("排查发现矛盾纠纷", String.valueOf(after.disputesFound()))
                .containsEntry("预防化解（防止民转刑）", String.valueOf(after.prevented()))
                .containsEntry("司法确认", String.valueOf(after.judicialConfirmations()));
    }

    private DailyReports.Content content(long reportId) {
        return tools.jackson.databind.json.JsonMapper.builder().build()
                .readValue(reports.rawContent(reportId), DailyReports.Content.class);
    }

    private static DailyReports.DisputeLine line(DisputeFigures.Figures f) {
        return new DailyReports.DisputeLine(f.screeningRounds(), f.disputesFound(), f.prevented(),
                f.mediatedSuccessfully(), f.concluded(),
                f.successRate() == null ? null : Math.round(f.successRate() * 10000) / 10000.0,
                f.judicialConfirmations());
    }

    /** The summary sheet as label → value (numbers as whole numbers). */
    static Map<String, String> summary(byte[] xlsx) throws Exception {
        Map<String, String> out = new java.util.HashMap<>();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            for (var row : wb.getSheet("汇总")) {
                var v = row.getCell(1);
                out.put(row.getCell(0).getStringCellValue(), v == null ? ""
                        : v.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                        ? String.valueOf((long) v.getNumericCellValue()) : v.getStringCellValue());
            }
        }
        return out;
    }

    /** The same figures counted independently, straight from the rows. */
    private DisputeFigures.Figures recomputed(String path, LocalDate day) {
        String scope = path + "%";
        long rounds = n("SELECT count(*) FROM screening_round WHERE jurisdiction_path LIKE ? AND held_on = ?", scope, day);
        long found = n("SELECT count(*) FROM dispute d, screening_round r WHERE r.id = d.screening_round_id AND r.jurisdiction_path LIKE ? AND r.held_on = ?", scope, day);
        long prevented = n("SELECT count(*) FROM dispute WHERE jurisdiction_path LIKE ? AND prevented AND (outcome_at AT TIME ZONE 'Asia/Shanghai')::date = ?", scope, day);
        long agreed = n("SELECT count(*) FROM dispute WHERE jurisdiction_path LIKE ? AND status = 'AGREED' AND (outcome_at AT TIME ZONE 'Asia/Shanghai')::date = ?", scope, day);
        long concluded = n("SELECT count(*) FROM dispute WHERE jurisdiction_path LIKE ? AND outcome_at IS NOT NULL AND (outcome_at AT TIME ZONE 'Asia/Shanghai')::date = ?", scope, day);
        long confirmed = n("SELECT count(*) FROM judicial_confirmation jc, dispute d WHERE d.id = jc.dispute_id AND d.jurisdiction_path LIKE ? AND jc.status = 'CONFIRMED' AND jc.ruled_on = ?", scope, day);
        long done = n("SELECT count(*) FROM follow_up f, dispute d WHERE d.id = f.dispute_id AND d.jurisdiction_path LIKE ? AND f.done_on = ?", scope, day);
        long performed = n("SELECT count(*) FROM follow_up f, dispute d WHERE d.id = f.dispute_id AND d.jurisdiction_path LIKE ? AND f.done_on = ? AND f.performance = 'PERFORMED'", scope, day);
        long consultations = n("SELECT coalesce(sum(c.people), 0) FROM legal_consultation c, unit u, jurisdiction j WHERE u.id = c.centre_unit_id AND j.id = u.jurisdiction_id AND j.path LIKE ? AND (c.given_at AT TIME ZONE 'Asia/Shanghai')::date = ?", scope, day);
        return new DisputeFigures.Figures(rounds, found, prevented, agreed, concluded, confirmed, done, performed, consultations);
    }

    private long n(String sql, Object... args) {
        return jdbc.sql(sql).params(args).query(Long.class).single();
    }
}
