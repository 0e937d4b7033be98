package io.minyi.faults;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.notification.Notifications;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every administration page and action scoped like the case pages (issue 18, item 3). An administrator of county 2
 * reads every {@code /admin} page — discovered from the handler mapping, so a new one is covered the day it appears —
 * and none shows a record of county 1: no audit event of its staff (their logins and addresses included), no SMS
 * delivery of its residents, no staff or officer row. The city's administrator finds every one of them on the same
 * pages. A delivery of county 1 cannot be retried from county 2, and linking an account to county 1's officer is
 * refused exactly as linking it to a badge that does not exist. Accounts without the ADMIN role are refused every
 * page that only administrators may open.
 */
@FullStackTest
class AdminScopeMatrixTests {

    /** Pages that only administrators may open (the organisation lists are also read by oversight roles). */
    static final Set<String> ADMIN_ONLY = Set.of("/admin/audit", "/admin/notifications", "/admin/staff/new",
            "/admin/units/new", "/admin/officers/new", "/admin/grids/new", "/admin/jurisdictions/new");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    Notifications notifications;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    CaseIntake intake;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void a_county_admin_reads_and_acts_on_nothing_of_another_county_on_any_admin_page() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        long county1 = id("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'");
        long county2 = id("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher2'");
        long centre2 = id("SELECT unit_id FROM staff_account WHERE username = 'dispatcher2'");
        String countyAdmin = "admin2_" + t;
        jdbc.sql("""
                        INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id)
                        VALUES (?, '东川县系统管理员', ?, ARRAY['ADMIN'], ?, ?)""")
                .params(countyAdmin, passwords.encode(StaffClient.DEMO_PASSWORD), centre2, county2).update();

        // County 1: a staff login (an audit event with its address) and a failed SMS to one of its residents.
        assertThat(new StaffClient(port).login("dispatcher1").statusCode()).isEqualTo(302);
        long dispatcher1 = id("SELECT id FROM staff_account WHERE username = 'dispatcher1'");
        String digits = String.format("%07d", Math.floorMod(t.hashCode(), 10_000_000));
        long sms1 = failedSms(county1, "1371" + digits, "scope1:" + t);
        long sms2 = failedSms(county2, "1372" + digits, "scope2:" + t);
        long officer1 = id("SELECT officer_id FROM staff_account WHERE username = 'handler'");
        String badge1 = jdbc.sql("SELECT badge_no FROM officer WHERE id = ?").param(officer1).query(String.class).single();
        long unit1 = id("SELECT unit_id FROM staff_account WHERE username = 'handler'");

        String dispatcher1Name = jdbc.sql("SELECT display_name FROM staff_account WHERE id = ?").param(dispatcher1)
                .query(String.class).single();
        long case1 = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county1, null, null, "甲",
                null, "审计范围 " + t, null, null, null)).caseId();
        long case2 = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county2, null, null, "乙",
                null, "审计范围 " + t, null, null, null)).caseId();
        // a row of the trail about dispatcher1's account links to that record (the filter's own echo does not)
        String loginEvent = "<a href=\"/admin/audit?recordType=staff_account&amp;recordId=dispatcher1\">";
        // (never a text the page could echo from the query itself)
        List<String> secrets = List.of(loginEvent, "/admin/notifications/" + sms1 + "/retry", dispatcher1Name,
                "recordId=" + case1 + "\"");

        Set<String> discovered = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, ?> e : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                e.getKey().getPatternValues().stream().filter(p -> p.startsWith("/admin")).forEach(discovered::add);
            }
        }
        Map<String, List<String>> probes = probes(discovered, dispatcher1, officer1, unit1, county1, badge1, case1);
        assertThat(discovered).as("admin pages found").hasSizeGreaterThan(20);
        assertThat(probes.keySet()).as("every admin page has a row here").containsAll(discovered);

        StaffClient city = signedIn("admin");
        StaffClient county = signedIn(countyAdmin);
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, List<String>> probe : probes.entrySet()) {
            for (String url : probe.getValue()) {
                HttpResponse<byte[]> res = county.getBytes(url);
                String text = Outputs.text(res);
                if (res.statusCode() >= 500) {
                    leaks.add("GET " + url + " -> " + res.statusCode());
                }
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        leaks.add("GET " + url + " shows '" + secret + "'");
                    }
                }
            }
        }
        assertThat(leaks).as("county-1 data on a county-2 admin's pages").isEmpty();

        // The same pages show it all to the city's administrator, and the county's own to the county's.
        assertThat(city.get("/admin/audit?recordType=staff_account&recordId=dispatcher1").body()).contains(loginEvent);
        assertThat(city.get("/admin/notifications?status=FAILED&size=500").body()).contains("/admin/notifications/" + sms1 + "/retry");
        assertThat(county.get("/admin/notifications?status=FAILED").body()).contains("/admin/notifications/" + sms2 + "/retry");
        assertThat(county.get("/admin/audit?actor=" + countyAdmin).body()).contains("org.staff_account.login");
        // a SYSTEM event about a record of the county (a case received outside any request) is the county's
        assertThat(county.get("/admin/audit?recordType=case&recordId=" + case2).body()).contains("recordId=" + case2 + "\"");
        assertThat(city.get("/admin/audit?recordType=case&recordId=" + case1).body()).contains("recordId=" + case1 + "\"");

        // Actions: retrying county 1's delivery is "not found" from county 2 and done by the city.
        county.get("/admin/notifications");
        assertThat(county.postForm("/admin/notifications/" + sms1 + "/retry", Map.of()).statusCode()).isEqualTo(404);
        assertThat(status(sms1)).isEqualTo("FAILED");
        city.get("/admin/notifications");
        assertThat(city.postForm("/admin/notifications/" + sms1 + "/retry", Map.of()).statusCode()).isEqualTo(302);
        assertThat(status(sms1)).isEqualTo("PENDING");

        // Linking an account to county 1's officer answers exactly as a badge that exists nowhere.
        long station2 = id("""
                SELECT u.id FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                WHERE u.type = 'POLICE_STATION' AND u.active AND j.path LIKE (SELECT path FROM jurisdiction WHERE id = %d) || '%%'
                ORDER BY u.id LIMIT 1""".formatted(county2));
        county.get("/admin/staff/new");
        String unknown = "NX" + t;
        HttpResponse<String> foreign = createLinked(county, "link1_" + t, station2, badge1);
        HttpResponse<String> missing = createLinked(county, "link2_" + t, station2, unknown);
        assertThat(foreign.statusCode()).isEqualTo(missing.statusCode()).isBetween(400, 499);
        assertThat(foreign.body()).contains("关联干警警号" + badge1 + "在您管辖范围内的公安系统中不存在");
        assertThat(missing.body()).contains("关联干警警号" + unknown + "在您管辖范围内的公安系统中不存在");
        assertThat(jdbc.sql("SELECT count(*) FROM staff_account WHERE username LIKE ?").param("link%_" + t)
                .query(Long.class).single()).isZero();

        // Roles without ADMIN are refused the administrators' pages.
        for (String user : List.of("dispatcher1", "leader", "supervisor", "handler", "unitleader", "mediator")) {
            StaffClient c = signedIn(user);
            for (String page : ADMIN_ONLY) {
                assertThat(c.get(page).statusCode()).as(user + " " + page).isEqualTo(403);
            }
        }
    }

    private Map<String, List<String>> probes(Set<String> discovered, long dispatcher1, long officer1, long unit1,
                                             long county1, String badge1, long case1) {
        long grid1 = id("""
                SELECT g.id FROM grid g JOIN jurisdiction v ON v.id = g.village_id
                JOIN jurisdiction c ON c.id = %d WHERE v.path LIKE c.path || '%%' ORDER BY g.id LIMIT 1""".formatted(county1));
        Map<String, List<String>> p = new LinkedHashMap<>();
        for (String pattern : discovered) {
            String base = pattern.replaceAll("/\\{id.*", "");
            if (pattern.equals("/admin/audit")) {
                p.put(pattern, List.of(pattern, pattern + "?actor=dispatcher1", pattern + "?size=200",
                        pattern + "?recordType=staff_account&recordId=dispatcher1",
                        pattern + "?action=STAFF_LOGIN&size=200", pattern + "?recordType=case&recordId=" + case1,
                        pattern + "?action=case.receive&size=200"));
            } else if (pattern.equals("/admin/notifications")) {
                p.put(pattern, List.of(pattern, pattern + "?status=FAILED&size=500", pattern + "?channel=SMS&size=500"));
            } else if (pattern.contains("{kind:")) {
                p.put(pattern, List.of(pattern.replaceAll("\\{kind:[^}]+}", "officers"),
                        pattern.replaceAll("\\{kind:[^}]+}", "staff")));
            } else if (pattern.startsWith("/admin/imports/")) {
                p.put(pattern, List.of(pattern.replace("{id}", UUID.randomUUID().toString())));
            } else if (pattern.equals("/admin/open311/services/{code}")) {
                // the city's one service catalogue: a county administrator may read it, never change it
                p.put(pattern, List.of(pattern.replace("{code}", jdbc.sql("SELECT min(code) FROM open311_service")
                        .query(String.class).single())));
            } else if (pattern.contains("{")) {
                long id = switch (base) {
                    case "/admin/staff" -> dispatcher1;
                    case "/admin/officers" -> officer1;
                    case "/admin/units" -> unit1;
                    case "/admin/grids" -> grid1;
                    case "/admin/jurisdictions" -> county1;
                    default -> throw new AssertionError("no record for " + pattern);
                };
                p.put(pattern, List.of(base + "/" + id));
            } else {
                p.put(pattern, List.of(pattern, pattern + "?q=dispatcher1&size=200", pattern + "?q=" + badge1 + "&size=200"));
            }
        }
        return p;
    }

    private long failedSms(long jurisdiction, String phone, String key) {
        tx.executeWithoutResult(s -> notifications.smsToResident(phone + "0000", "测试短信", key, jurisdiction));
        long id = jdbc.sql("SELECT id FROM notification WHERE dedup_key = ?").param(key).query(Long.class).single();
        jdbc.sql("UPDATE notification SET status = 'FAILED', next_attempt_at = now() + interval '1 day' WHERE id = ?")
                .param(id).update();
        return id;
    }

    private HttpResponse<String> createLinked(StaffClient c, String username, long unit, String badge) {
        String code = jdbc.sql("SELECT j.code FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE u.id = ?")
                .param(unit).query(String.class).single();
        return c.postForm("/admin/staff", Map.of("username", username, "displayName", "关联测试", "roles", "UNIT_HANDLER",
                "unitId", String.valueOf(unit), "jurisdictionCode", code, "officerBadge", badge,
                "password", "Minyi@2026x"));
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM notification WHERE id = ?").param(id).query(String.class).single();
    }

    private StaffClient signedIn(String username) {
        StaffClient c = new StaffClient(port);
        assertThat(c.login(username).statusCode()).as("login " + username).isEqualTo(302);
        c.get("/");
        return c;
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
