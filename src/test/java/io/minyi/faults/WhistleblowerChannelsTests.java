package io.minyi.faults;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.CaseWorkflow;
import io.minyi.casework.RiskLevel;
import io.minyi.org.Role;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import io.minyi.supervision.internal.LetterOffice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whistle-blower rule on every output channel (issue 18, item 1). Officer X of a police station is the subject of
 * five clues: three raisers (a high-frequency alert, turned into a supervision letter) and one raiser three times (a
 * second alert, left open), one clue triaged as high risk (the daily report lists it), and an automatic reminder
 * letter about one clue. X holds an account in every role that could see any of it. Every GET endpoint of the
 * application — discovered from the handler mapping, so a new module's pages are covered the day they appear — is
 * read by each of X's accounts, and no answer (page, JSON, spreadsheet, Word or PDF) carries anything of it; X
 * cannot dismiss, convert or sign for any of it; no message about it was written for X. The same reads by accounts
 * that are not X find all of it, so the secrets looked for are real.
 */
@FullStackTest
class WhistleblowerChannelsTests {

    /** The roles an officer's account may hold and that can see cases, alerts, letters or reports. */
    static final List<Role> SUBJECT_ROLES = List.of(Role.SUPERVISOR, Role.LEADER, Role.DISCIPLINE, Role.ADMIN,
            Role.DISPATCHER, Role.UNIT_HANDLER, Role.UNIT_LEADER);

    /** GET endpoints with path variables that address no case, alert, letter or report (the organisation's records,
     * the residents' code pages, import templates), with why. Anything else with a variable must be probed below. */
    static final Map<String, String> NOT_A_CHANNEL = Map.ofEntries(
            Map.entry("/admin/units/{id:\\d+}", "a unit record"),
            Map.entry("/admin/grids/{id:\\d+}", "a grid record"),
            Map.entry("/grid/events/{id}", "a grid event as the worker reported it: it names no officer (no subject), "
                    + "and an escalated one is read as its case through /cases/{id}"),
            Map.entry("/grid/events/{id}/photos/{seq}", "a grid event's photo, re-encoded pixels only"),
            Map.entry("/grid/centre/households/{id:\\d+}", "a household of a grid: its address, head and masked "
                    + "numbers, no case, clue, alert or letter"),
            Map.entry("/admin/jurisdictions/{id:\\d+}", "a jurisdiction record"),
            Map.entry("/admin/staff/{id:\\d+}", "a staff account record"),
            Map.entry("/admin/officers/{id:\\d+}", "the officer record itself, not a clue about them"),
            Map.entry("/admin/imports/{id}", "an import job"),
            Map.entry("/admin/imports/{id}/status", "an import job"),
            Map.entry("/evaluations/codes/{code}/qr.png", "a QR code image"),
            Map.entry("/evaluations/codes/units/{unitId}/poster.pdf", "a QR poster"),
            Map.entry("/evaluations/codes/units/{unitId}/badges.pdf", "QR badges"),
            Map.entry("/evaluations/codes/counties/{jurisdictionId}/posters.pdf", "QR posters"),
            Map.entry("/e/{code}", "the residents' rating form"),
            Map.entry("/error", "Spring's error page, rendered only for a failed request"),
            Map.entry("/public/s/{token}", "a resident's survey form, opened with the resident's secret token"),
            Map.entry("/surveys/{id}", "a survey campaign: questions and residents' answers, no case content"),
            Map.entry("/surveys/{id}/results.xlsx", "a survey campaign's answers"),
            Map.entry("/surveys/{id}/summary.pdf", "a survey campaign's counts and rates, no answer text or case content"),
            Map.entry("/admin/open311/services/{code}", "an Open311 service definition: city settings, no case"),
            Map.entry("/surveys/{id}/calls", "a survey's call sheet: masked phones of sampled residents"),
            Map.entry("/surveys/invitations/{id}/call", "one call to a sampled resident: a masked phone, no case content"),
            Map.entry("/lists/{id}", "a list item typed by staff; a linked case shows as its number, opening it is the case page"),
            Map.entry("/leadership/projects/{id}", "a leader's project; cases appear as numbers linking to the case page"),
            Map.entry("/leadership/visits/{id}", "a leader's visit; findings link cases by number only"),
            Map.entry("/t/{code}", "a resident's tracking page, opened with the resident's secret code"),
            Map.entry("/open311/v2/discovery.{fmt}", "the Open311 machine API: no case about an officer is ever returned"),
            Map.entry("/open311/v2/services.{fmt}", "the Open311 service list"),
            Map.entry("/open311/v2/services/{file:.+}", "an Open311 service definition"),
            Map.entry("/open311/v2/requests.{fmt}", "Open311: cases about an officer never returned (Open311FullStackTests)"),
            Map.entry("/open311/v2/requests/{file:.+}", "Open311: a case about an officer answers 404 (Open311FullStackTests)"),
            Map.entry("/open311/v2/tokens/{file:.+}", "Open311: a token names a request its own client posted"),
            Map.entry("/open311/v2/servicerequestupdates.{fmt}", "Open311: steps of cases not about an officer only"),
            Map.entry("/orgdept/officers/{id}", "the organisation department's officer record (no subject role holds "
                    + "ORG_DEPARTMENT; findings and decisions only, never a clue's words)"),
            Map.entry("/orgdept/officers/{id}/certificate.pdf", "as the officer record, as a PDF"));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    CaseIntake intake;
    @Autowired
    CaseWorkflow workflow;
    @Autowired
    LetterOffice office;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void the_subject_of_clues_alerts_and_letters_sees_none_of_them_on_any_channel_in_any_role() throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 8);
        long county1 = id("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'");
        long city = id("SELECT jurisdiction_id FROM staff_account WHERE username = 'admin'");
        long cityCentre = id("SELECT unit_id FROM staff_account WHERE username = 'supervisor'");
        long station = id("SELECT unit_id FROM staff_account WHERE username = 'handler'");
        String stationName = jdbc.sql("SELECT name FROM unit WHERE id = ?").param(station).query(String.class).single();

        // Officer X, with one account per role (the unit roles in X's station, the others city-wide).
        String name = "吹哨对象" + t;
        long x = jdbc.sql("""
                        INSERT INTO officer (unit_id, unit_system, badge_no, name, position)
                        VALUES (?, 'POLICE', ?, ?, '民警') RETURNING id""")
                .params(station, "WB" + t, name).query(Long.class).single();
        String hash = passwords.encode(StaffClient.DEMO_PASSWORD);
        Map<Role, String> accounts = new EnumMap<>(Role.class);
        Map<Role, Long> accountIds = new EnumMap<>(Role.class);
        for (Role role : SUBJECT_ROLES) {
            boolean unitRole = role == Role.UNIT_HANDLER || role == Role.UNIT_LEADER;
            String username = "wb_" + role.name().toLowerCase() + "_" + t;
            accountIds.put(role, jdbc.sql("""
                            INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id, officer_id)
                            VALUES (?, ?, ?, ARRAY[?], ?, ?, ?) RETURNING id""")
                    .params(username, "账号" + role.name(), hash, role.name(), unitRole ? station : cityCentre,
                            unitRole ? county1 : city, x)
                    .query(Long.class).single());
            accounts.put(role, username);
        }

        // The clues: three raisers (one of them three times), all about X.
        String marker = "吹哨线索" + t;
        String[] phones = {"1390" + digits(t, 0), "1391" + digits(t, 1), "1392" + digits(t, 2)};
        List<Long> cases = new ArrayList<>();
        for (String phone : List.of(phones[0], phones[1], phones[2], phones[0], phones[0])) {
            cases.add(intake.receive(new NewCase(CaseType.CLUE, SourceChannel.WALK_IN, county1, null, x, "举报人",
                    phone, "民警" + name + "办事推诿 " + marker, null, null, null)).caseId());
        }
        // A dispute whose case names X (registered in the pool, so the mediation record follows it).
        long disputeCase = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county1, null, x,
                "当事人", "1393" + digits(t, 3), "与民警" + name + "发生纠纷 " + marker, null, null, null)).caseId();
        long dispute = waitFor("SELECT id FROM dispute WHERE case_id = ?", disputeCase);
        List<String> codes = cases.stream().map(c -> jdbc.sql("SELECT tracking_code FROM cases WHERE id = ?").param(c)
                .query(String.class).single()).toList();
        Actor dispatcher1 = actor("dispatcher1");
        long highRisk = cases.getFirst();
        workflow.accept(highRisk, dispatcher1, null);
        workflow.triage(highRisk, dispatcher1, "执法作风", RiskLevel.HIGH, station, null);
        workflow.dispatch(highRisk, dispatcher1, null, null);

        long many = waitFor("SELECT id FROM supervision_alert WHERE subject_kind = 'OFFICER' AND subject_id = ? AND kind = 'MANY_RAISERS'", x);
        long repeat = waitFor("SELECT id FROM supervision_alert WHERE subject_kind = 'OFFICER' AND subject_id = ? AND kind = 'REPEAT_RAISER'", x);
        waitFor("SELECT 1 FROM report_case WHERE case_id = ? AND high_risk_day IS NOT NULL", highRisk);

        // 一键督办 by the city supervisor, and an automatic reminder letter about one clue.
        StaffClient supervisor = signedIn("supervisor");
        supervisor.get("/supervision/alerts");
        HttpResponse<String> converted = supervisor.postForm("/supervision/alerts/" + many + "/letter", Map.of());
        assertThat(converted.statusCode()).as(converted.body()).isEqualTo(302);
        long alertLetter = Long.parseLong(converted.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long reminder = office.issue(new LetterOffice.Draft(LetterOffice.Kind.REMINDER, station,
                List.of(new LetterOffice.LetterCase(cases.get(1), "执法作风", today)), "REMINDER", today,
                "事项临近办理期限，请抓紧办理。", "TEST-WB:" + t, "SYSTEM")).orElseThrow();
        List<Long> letters = List.of(alertLetter, reminder);
        List<String> numbers = letters.stream().map(l -> jdbc.sql("SELECT number FROM supervision_letter WHERE id = ?")
                .param(l).query(String.class).single()).toList();

        // The daily reports of the county and the city for today (alerts raised today, the high-risk clue).
        List<Long> reports = new ArrayList<>();
        for (long j : List.of(county1, city)) {
            HttpResponse<String> generated = supervisor.postForm("/reports/daily/generate",
                    Map.of("j", String.valueOf(j), "day", today.toString()));
            assertThat(generated.statusCode()).as(generated.body()).isEqualTo(302);
            reports.add(Long.parseLong(generated.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "")));
        }

        String subjectTag = name + "（" + stationName;
        List<String> secrets = new ArrayList<>(List.of(marker, subjectTag));
        secrets.addAll(numbers);
        secrets.addAll(codes);
        secrets.add("事项 " + highRisk + "（");
        String riskRow = "\n" + highRisk + "\t" + "问题线索\t"; // the report spreadsheet's high-risk sheet
        secrets.add(riskRow);

        // Control: staff who are not X read all of it, through the same kinds of answer.
        assertThat(Outputs.text(supervisor.getBytes("/supervision/alerts?status="))).contains(subjectTag);
        assertThat(Outputs.text(supervisor.getBytes("/supervision/letters/" + alertLetter + ".docx"))).contains(numbers.getFirst());
        assertThat(Outputs.text(supervisor.getBytes("/supervision/letters/" + alertLetter + ".pdf"))).contains(name);
        assertThat(Outputs.text(supervisor.getBytes("/supervision/letters.xlsx"))).contains(numbers.getFirst());
        assertThat(Outputs.text(supervisor.getBytes("/reports/daily/" + reports.getFirst()))).contains(subjectTag, "事项 " + highRisk + "（");
        assertThat(Outputs.text(supervisor.getBytes("/reports/daily/" + reports.getFirst() + ".pdf"))).contains(name);
        assertThat(Outputs.text(supervisor.getBytes("/reports/daily/" + reports.getFirst() + ".xlsx"))).contains(riskRow);
        assertThat(Outputs.text(supervisor.getBytes("/notifications"))).contains(subjectTag);
        assertThat(Outputs.text(supervisor.getBytes("/cases/" + highRisk))).contains(marker);
        assertThat(supervisor.get("/disputes/" + dispute).statusCode()).isEqualTo(200);
        StaffClient unitLeader = signedIn("unitleader");
        assertThat(Outputs.text(unitLeader.getBytes("/notifications"))).contains(numbers.getFirst(), numbers.get(1));
        // X heads the station (one of X's accounts is its UNIT_LEADER): the bureau above gets the letter and signs it.
        StaffClient above = signedIn("policeleader");
        assertThat(Outputs.text(above.getBytes("/notifications"))).contains(numbers.getFirst());
        assertThat(above.get("/supervision/letters/" + alertLetter).body()).contains(numbers.getFirst());

        Set<String> discovered = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, ?> e : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                discovered.addAll(e.getKey().getPatternValues());
            }
        }
        Map<String, List<String>> probes = probes(discovered, cases, letters, reports, x, marker, name, dispute);
        assertThat(discovered).as("GET endpoints found").hasSizeGreaterThan(40);
        List<String> unclassified = discovered.stream()
                .filter(p -> !probes.containsKey(p) && !NOT_A_CHANNEL.containsKey(p) && !p.contains("{kind:")).toList();
        assertThat(unclassified).as("a new GET endpoint: probe it here or say why it carries no case, alert or letter")
                .isEmpty();

        List<String> leaks = new ArrayList<>();
        for (Role role : SUBJECT_ROLES) {
            StaffClient xs = signedIn(accounts.get(role));
            int reads = 0;
            for (Map.Entry<String, List<String>> probe : probes.entrySet()) {
                for (String url : probe.getValue()) {
                    HttpResponse<byte[]> res = xs.getBytes(url);
                    reads++;
                    if (url.startsWith("/disputes/" + dispute) && res.statusCode() == 200) {
                        leaks.add(role + " GET " + url + " opens the dispute whose case names X");
                    }
                    if (res.statusCode() >= 500) {
                        leaks.add(role + " GET " + url + " -> " + res.statusCode());
                        continue;
                    }
                    String text = Outputs.text(res);
                    for (String secret : secrets) {
                        if (text.contains(secret)) {
                            leaks.add(role + " GET " + url + " shows '" + secret + "'");
                        }
                    }
                }
            }
            assertThat(reads).isGreaterThan(40);
            // The subject never decides: converting, dismissing, signing are "not found" for every one of X's roles.
            for (String post : List.of("/supervision/alerts/" + repeat + "/dismiss", "/supervision/alerts/" + repeat + "/letter",
                    "/supervision/letters/" + alertLetter + "/acknowledge", "/supervision/letters/" + reminder + "/acknowledge")) {
                int status = xs.postForm(post, Map.of()).statusCode();
                if (status != 404 && status != 403) {
                    leaks.add(role + " POST " + post + " -> " + status);
                }
            }
            // A letter's preview names its cases by tracking code: a clue about X is as unknown as any other case.
            HttpResponse<String> preview = xs.postForm("/supervision/letters/preview", letterAbout(station, highRisk));
            if ((preview.statusCode() != 400 && preview.statusCode() != 403)
                    || codes.stream().anyMatch(preview.body()::contains)) {
                leaks.add(role + " POST /supervision/letters/preview -> " + preview.statusCode());
            }
        }
        String alertNow = jdbc.sql("SELECT status FROM supervision_alert WHERE id = ?").param(repeat).query(String.class).single();
        if (!alertNow.equals("OPEN")) {
            leaks.add("the alert about X was decided by X: " + alertNow);
        }
        if (jdbc.sql("SELECT acknowledged_at IS NOT NULL FROM supervision_letter WHERE id = ?").param(reminder)
                .query(Boolean.class).single()) {
            leaks.add("X signed for the letter about X");
        }

        // No message of any channel (inbox, e-mail, SMS) was written for X's accounts about any of it.
        Long[] xIds = accountIds.values().toArray(Long[]::new);
        List<String> written = jdbc.sql("SELECT channel || ' ' || title || ' ' || body FROM notification WHERE staff_id = ANY(?)")
                .param(xIds).query(String.class).list();
        for (String message : written) {
            for (String secret : secrets) {
                if (message.contains(secret)) {
                    leaks.add("message written for X: " + message);
                }
            }
        }
        assertThat(leaks).as("what X learnt about the clues against X").isEmpty();

        // ... while the bureau above X's station may sign the letter X may not, and a supervisor who is not X may
        // name the clue in a letter.
        HttpResponse<String> signed = above.postForm("/supervision/letters/" + alertLetter + "/acknowledge", Map.of());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(302);
        waitFor("SELECT unit_id FROM supervised_case WHERE case_id = ? AND unit_id IS NOT NULL", highRisk);
        HttpResponse<String> preview = supervisor.postForm("/supervision/letters/preview",
                letterAbout(station, highRisk));
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).contains(codes.getFirst());
    }

    private static Map<String, String> letterAbout(long unitId, long caseId) {
        return Map.of("unitId", String.valueOf(unitId), "kind", "SUPERVISION", "reason", "请督促办理",
                "answerWithinWorkingDays", "5", "caseIds", String.valueOf(caseId));
    }

    /**
     * The URLs read for each endpoint: every endpoint without a variable plainly and with the search and filter
     * parameters the lists take (a variable-free endpoint ignores the ones it does not know); every endpoint with
     * a variable for each record of the scenario it can address.
     */
    private Map<String, List<String>> probes(Set<String> discovered, List<Long> cases, List<Long> letters,
                                             List<Long> reports, long officer, String marker, String name,
                                             long dispute) {
        Map<String, Function<Long, String>> byCase = Map.of(
                "/cases/{id}", c -> "/cases/" + c,
                "/cases/{id}/ledger.xlsx", c -> "/cases/" + c + "/ledger.xlsx",
                "/cases/{id}/ledger.pdf", c -> "/cases/" + c + "/ledger.pdf",
                "/cases/{id}/attachments/{attachmentId}", c -> "/cases/" + c + "/attachments/1",
                "/cases/{id}/merge", c -> "/cases/" + c + "/merge?targetId=" + c);
        Map<String, Function<Long, String>> byLetter = Map.of(
                "/supervision/letters/{id}", l -> "/supervision/letters/" + l,
                "/supervision/letters/{id}.docx", l -> "/supervision/letters/" + l + ".docx",
                "/supervision/letters/{id}.pdf", l -> "/supervision/letters/" + l + ".pdf",
                "/supervision/letters/{id}/files/{fileId}", l -> "/supervision/letters/" + l + "/files/1");
        Map<String, Function<Long, String>> byReport = Map.of(
                "/reports/daily/{id}", r -> "/reports/daily/" + r,
                "/reports/daily/{id}.pdf", r -> "/reports/daily/" + r + ".pdf",
                "/reports/daily/{id}.xlsx", r -> "/reports/daily/" + r + ".xlsx");
        // searches for words of the clue and for X's name (never for a secret itself: a search box echoes its query)
        String search = "?status=&size=200&unacknowledged=&from=2020-01-01&q=";
        Map<String, List<String>> p = new LinkedHashMap<>();
        for (String pattern : discovered) {
            if (pattern.equals("/error")) {
                continue;
            }
            if (pattern.equals("/admin/audit")) {
                p.put(pattern, List.of(pattern, pattern + "?action=letter.issue", pattern + "?action=case.receive",
                        pattern + "?recordType=case&recordId=" + cases.getFirst(),
                        pattern + "?recordType=supervision_letter&recordId=" + letters.getFirst()));
            } else if (!pattern.contains("{")) {
                p.put(pattern, List.of(pattern, pattern + search + enc("办事推诿"), pattern + search + enc(name)));
            } else if (byCase.containsKey(pattern)) {
                p.put(pattern, cases.stream().map(byCase.get(pattern)).toList());
            } else if (byLetter.containsKey(pattern)) {
                p.put(pattern, letters.stream().map(byLetter.get(pattern)).toList());
            } else if (byReport.containsKey(pattern)) {
                p.put(pattern, reports.stream().map(byReport.get(pattern)).toList());
            } else if (pattern.startsWith("/disputes/{id}")) {
                // a second variable (an attachment, a session) addresses a file of that dispute: any number will do
                p.put(pattern, List.of(pattern.replace("{id}", String.valueOf(dispute)).replaceAll("\\{\\w+}", "1")));
            } else if (pattern.equals("/evaluations/officers/{id}")) {
                p.put(pattern, List.of("/evaluations/officers/" + officer));
            } else if (pattern.startsWith("/discipline/{id}")) {
                // each case about X handed over to discipline inspection
                p.put(pattern, cases.stream().map(c -> pattern.replace("{id}", String.valueOf(jdbc.sql("""
                        INSERT INTO discipline_transfer (case_id, route, reason, jurisdiction_id, jurisdiction_path,
                            subject_unit_id, subject_officer_id, transferred_at, state)
                        SELECT id, 'AT_INTAKE', ?, jurisdiction_id, jurisdiction_path, subject_unit_id,
                               subject_officer_id, now(), 'PENDING' FROM cases WHERE id = ?
                        ON CONFLICT (case_id, city_id) DO UPDATE SET reason = excluded.reason RETURNING id""")
                        .params("移送 " + marker, c).query(Long.class).single()))).toList());
            }
        }
        return p;
    }

    private StaffClient signedIn(String username) {
        StaffClient c = new StaffClient(port);
        assertThat(c.login(username).statusCode()).as("login " + username).isEqualTo(302);
        c.get("/");
        return c;
    }

    private long waitFor(String sql, long param) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var found = jdbc.sql(sql).param(param).query(Long.class).optional();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never happened: " + sql + " " + param);
    }

    private Actor actor(String username) {
        return jdbc.sql("""
                        SELECT s.roles, s.unit_id, un.name, j.path, s.officer_id FROM staff_account s
                        JOIN jurisdiction j ON j.id = s.jurisdiction_id JOIN unit un ON un.id = s.unit_id WHERE s.username = ?""")
                .param(username)
                .query((rs, i) -> new Actor(Actor.Kind.STAFF, username,
                        Arrays.stream((String[]) rs.getArray(1).getArray()).map(Role::valueOf).collect(Collectors.toSet()),
                        rs.getLong(2), rs.getString(3), rs.getString(4), (Long) rs.getObject(5)))
                .single();
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String digits(String t, int salt) {
        return String.format("%07d", Math.floorMod((t + salt).hashCode(), 10_000_000));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
