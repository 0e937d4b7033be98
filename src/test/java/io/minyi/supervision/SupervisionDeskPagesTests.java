package io.minyi.supervision;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages this work added open for every role the menu shows them to (and only for those), over real HTTP, and the
 * assessment's spreadsheet is a real .xlsx.
 */
@FullStackTest
class SupervisionDeskPagesTests {

    @LocalServerPort int port;

    @Test
    void the_new_pages_open_for_the_roles_that_see_their_links_and_not_for_others() {
        Map<String, List<String>> pages = Map.of(
                "supervisor", List.of("/supervision/assessment", "/supervision/talks", "/supervision/letters/new",
                        "/supervision/letters"),
                "leader", List.of("/supervision/assessment", "/supervision/talks", "/dashboard"),
                "admin", List.of("/supervision/assessment"));
        pages.forEach((user, paths) -> {
            StaffClient c = new StaffClient(port);
            assertThat(c.login(user).statusCode()).isEqualTo(302);
            for (String path : paths) {
                var res = c.get(path);
                assertThat(res.statusCode()).as(user + " " + path).isEqualTo(200);
                assertThat(res.body()).as(user + " " + path).contains("href=\"/supervision/assessment\"")
                        .doesNotContain("Exception");
            }
        });
        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        assertThat(handler.get("/supervision/assessment").statusCode()).isEqualTo(403);
        assertThat(handler.get("/supervision/letters/new").statusCode()).isEqualTo(403);

        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        var xlsx = supervisor.getBytes("/supervision/assessment.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.body()).startsWith((byte) 'P', (byte) 'K');
        assertThat(supervisor.get("/supervision/assessment?year=1999").statusCode()).isEqualTo(400);
    }
}
