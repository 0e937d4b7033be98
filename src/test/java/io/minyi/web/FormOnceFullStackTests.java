package io.minyi.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision 0075: a form that creates a record, sent twice — a double click, a browser or a phone sending it again
 * after a timeout — creates it once. Every POST form of the console carries a token of its own.
 */
@FullStackTest
class FormOnceFullStackTests {

    private static final Pattern TOKEN = Pattern.compile("name=\"_form\" value=\"([0-9a-f-]{36})\"");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void a_hand_letter_confirmed_twice_is_issued_once() {
        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        supervisor.get("/supervision/letters/new");
        long station = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'handler'").query(Long.class).single();
        String reason = "请于期限内报送整改情况 " + UUID.randomUUID();
        Map<String, String> letter = new LinkedHashMap<>(Map.of("kind", "SUPERVISION", "unitId", String.valueOf(station),
                "reason", reason, "answerWithinWorkingDays", "5", "caseIds", ""));
        HttpResponse<String> preview = supervisor.postForm("/supervision/letters/preview", letter);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        letter.put("_form", tokenOfForm(preview.body(), "action=\"/supervision/letters\""));

        HttpResponse<String> first = supervisor.postForm("/supervision/letters", letter);
        HttpResponse<String> again = supervisor.postForm("/supervision/letters", letter);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElse("")).matches(".*/supervision/letters/\\d+");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location").orElse("")).contains("/supervision/letters/issued");
        assertThat(supervisor.get(again.headers().firstValue("Location").orElseThrow()
                .replaceFirst("^https?://[^/]+", "")).body()).contains("已经提交过");
        assertThat(jdbc.sql("SELECT count(*) FROM supervision_letter WHERE reason = ?").param(reason)
                .query(Long.class).single()).isEqualTo(1L);

        // a new page, a new token: the same letter written again on purpose is a second letter
        HttpResponse<String> second = supervisor.postForm("/supervision/letters/preview", letter);
        letter.put("_form", tokenOfForm(second.body(), "action=\"/supervision/letters\""));
        assertThat(supervisor.postForm("/supervision/letters", letter).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM supervision_letter WHERE reason = ?").param(reason)
                .query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void a_screening_round_sent_again_by_the_phone_is_recorded_once_and_a_refused_form_can_be_sent_again() {
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        String page = dispatcher.get("/disputes/rounds").body();
        long county = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'")
                .query(Long.class).single();
        String scope = "全镇排查 " + UUID.randomUUID();
        Map<String, String> round = new LinkedHashMap<>(Map.of("jurisdictionId", String.valueOf(county),
                "heldOn", LocalDate.now().toString(), "scope", scope, "team", "", "households", "12", "sites", "3"));
        round.put("_form", tokenOfForm(page, "id=\"round-form\""));

        assertThat(dispatcher.postForm("/disputes/rounds", round).statusCode()).as("the team is missing").isEqualTo(400);
        round.put("team", "综治中心两人");
        assertThat(dispatcher.postForm("/disputes/rounds", round).statusCode()).isEqualTo(302);
        assertThat(dispatcher.postForm("/disputes/rounds", round).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM screening_round WHERE scope = ?").param(scope)
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void a_search_form_carries_no_token_into_its_address() {
        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        String page = supervisor.get("/lists").body();
        int form = page.indexOf("<form class=\"filters\"");
        assertThat(form).isNotNegative();
        assertThat(page.substring(form, page.indexOf("</form>", form))).doesNotContain("_form", "_csrf");
        assertThat(page).containsPattern(TOKEN.pattern());
    }

    /** The token of the first form after {@code marker} (a page has several forms, the layout's sign-out among them). */
    private static String tokenOfForm(String html, String marker) {
        int at = html.indexOf(marker);
        assertThat(at).as(marker).isNotNegative();
        Matcher m = TOKEN.matcher(html);
        assertThat(m.find(at)).as("a form token after " + marker).isTrue();
        return m.group(1);
    }
}
