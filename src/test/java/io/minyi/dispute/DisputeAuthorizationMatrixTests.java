package io.minyi.dispute;

import io.minyi.dispute.internal.DisputeIntake;
import io.minyi.dispute.internal.DisputeSource;
import io.minyi.dispute.internal.PartyKind;
import io.minyi.dispute.internal.PartyRole;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix of the dispute pages: every demo role × every page and move, over real HTTP, with the
 * expectation written from the rules (not from the production code); and every link in each role's menu
 * answers 200.
 */
@FullStackTest
class DisputeAuthorizationMatrixTests {

    static final List<String> USERS = List.of("dispatcher", "dispatcher1", "dispatcher2", "supervisor", "leader",
            "admin", "countyleader", "handler", "unitleader", "policeleader", "mediator", "gridworker");
    static final Map<String, Set<String>> ROLES = Map.ofEntries(Map.entry("dispatcher", Set.of("DISPATCHER")),
            Map.entry("dispatcher1", Set.of("DISPATCHER")), Map.entry("dispatcher2", Set.of("DISPATCHER")),
            Map.entry("supervisor", Set.of("SUPERVISOR")), Map.entry("leader", Set.of("LEADER")),
            Map.entry("admin", Set.of("ADMIN")), Map.entry("countyleader", Set.of("LEADER")),
            Map.entry("handler", Set.of("UNIT_HANDLER")), Map.entry("unitleader", Set.of("UNIT_LEADER")),
            Map.entry("policeleader", Set.of("UNIT_LEADER")), Map.entry("mediator", Set.of("MEDIATOR")),
            Map.entry("gridworker", Set.of("GRID_WORKER")));
    static final Pattern NAV = Pattern.compile("<nav class=\"mainnav\">(.*?)</nav>", Pattern.DOTALL);
    static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DisputeIntake intake;

    final Map<String, StaffClient> clients = new HashMap<>();

    static boolean any(String user, String... roles) {
        for (String r : roles) {
            if (ROLES.get(user).contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** The pages, and who may open them, from the issue. */
    static int page(String user, String path) {
        boolean ok = switch (path) {
            case "/disputes", "/disputes/ledger.xlsx" -> any(user, "DISPATCHER", "SUPERVISOR", "LEADER", "ADMIN", "MEDIATOR");
            case "/disputes/new" -> any(user, "DISPATCHER", "SUPERVISOR", "ADMIN", "GRID_WORKER");
            case "/disputes/rounds" -> any(user, "GRID_WORKER", "DISPATCHER", "ADMIN", "SUPERVISOR", "LEADER");
            case "/disputes/confirmations" -> any(user, "UNIT_HANDLER", "UNIT_LEADER");
            case "/mediation" -> any(user, "MEDIATOR");
            case "/mediators", "/mediators.xlsx" -> any(user, "DISPATCHER", "ADMIN", "MEDIATOR");
            default -> throw new IllegalArgumentException(path);
        };
        return ok ? 200 : 403;
    }

    /** A county-1 dispute nobody is assigned to: who sees it (200) and who may assign (302). */
    static int view(String user) {
        boolean wide = Set.of("dispatcher", "supervisor", "leader", "admin", "dispatcher1", "countyleader").contains(user);
        return wide ? 200 : 404;
    }

    static int assign(String user) {
        if (view(user) == 404) {
            return 404;
        }
        return Set.of("dispatcher", "dispatcher1").contains(user) ? 302 : 403;
    }

    @Test
    void every_role_opens_exactly_the_dispute_pages_and_moves_it_may() {
        for (String u : USERS) {
            StaffClient c = new StaffClient(port);
            assertThat(c.login(u).statusCode()).isEqualTo(302);
            c.get("/login");
            clients.put(u, c);
        }
        List<String> mismatches = new ArrayList<>();
        for (String path : List.of("/disputes", "/disputes/ledger.xlsx", "/disputes/new", "/disputes/rounds",
                "/disputes/confirmations", "/mediation", "/mediators", "/mediators.xlsx")) {
            for (String u : USERS) {
                int got = path.endsWith(".xlsx") ? clients.get(u).getBytes(path).statusCode() : clients.get(u).get(path).statusCode();
                if (got != page(u, path)) {
                    mismatches.add(u + " GET " + path + ": expected " + page(u, path) + " got " + got);
                }
            }
        }
        long mediator = jdbc.sql("SELECT m.id FROM mediator m JOIN staff_account s ON s.id = m.staff_id WHERE s.username = 'mediator'")
                .query(Long.class).single();
        long id = newDispute();
        for (String u : USERS) {
            int got = clients.get(u).get("/disputes/" + id).statusCode();
            if (got != view(u)) {
                mismatches.add(u + " GET /disputes/{id}: expected " + view(u) + " got " + got);
            }
            HttpResponse<String> res = clients.get(u).postForm("/disputes/" + id + "/assign",
                    Map.of("mediatorId", String.valueOf(mediator)));
            if (res.statusCode() != assign(u)) {
                mismatches.add(u + " POST assign: expected " + assign(u) + " got " + res.statusCode());
            }
            if (res.statusCode() == 302) {
                // the assigned mediator now sees it, and only then; a fresh dispute for the next user
                assertThat(clients.get("mediator").get("/disputes/" + id).statusCode()).isEqualTo(200);
                id = newDispute();
            }
        }
        // moves that belong to the assigned mediator are refused to everyone else who can see the dispute
        for (String u : List.of("dispatcher1", "countyleader")) {
            int got = clients.get(u).postForm("/disputes/" + id + "/withdraw", Map.of("note", "x")).statusCode();
            if (got != 403) {
                mismatches.add(u + " POST withdraw: expected 403 got " + got);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void every_link_in_each_roles_menu_opens() {
        List<String> broken = new ArrayList<>();
        for (String u : USERS) {
            StaffClient c = new StaffClient(port);
            c.login(u);
            HttpResponse<String> home = c.get("/");
            String body = home.statusCode() == 302 ? c.get(home.headers().firstValue("Location").orElseThrow()
                    .replaceFirst("^https?://[^/]+", "")).body() : home.body();
            Matcher nav = NAV.matcher(body);
            assertThat(nav.find()).as(u).isTrue();
            Matcher href = HREF.matcher(nav.group(1));
            while (href.find()) {
                String link = href.group(1).replace("&amp;", "&");
                HttpResponse<String> res = c.get(link);
                int status = res.statusCode();
                if (status == 302 && link.equals("/")) {
                    // a mediator's home is the workbench: the redirect must land on a page that opens
                    status = c.get(res.headers().firstValue("Location").orElseThrow()
                            .replaceFirst("^https?://[^/]+", "")).statusCode();
                }
                if (status != 200) {
                    broken.add(u + " " + link + " " + status);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    private long newDispute() {
        long county = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'").query(Long.class).single();
        return intake.register(new DisputeIntake.Registration(county, "OTHER", DisputeSource.WALK_IN,
                "矩阵 " + UUID.randomUUID(), 2, null, null, List.of(
                new DisputeIntake.PartyInput(PartyRole.APPLICANT, PartyKind.NATURAL, "甲", null, null, null)),
                Set.of(), null, null), "matrix").disputeId();
    }
}
