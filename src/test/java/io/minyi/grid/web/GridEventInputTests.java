package io.minyi.grid.web;

import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseProgress;
import io.minyi.grid.internal.Categories;
import io.minyi.grid.internal.Disposition;
import io.minyi.grid.internal.GridEvents;
import io.minyi.grid.internal.GridHome;
import io.minyi.grid.internal.GridPosts;
import io.minyi.grid.internal.GridScope;
import io.minyi.grid.internal.Households;
import io.minyi.grid.internal.NewGridEvent;
import io.minyi.grid.internal.RecordVisit;
import io.minyi.grid.internal.ReportGridEvent;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A grid event as the phone's outbox sends it (multipart, {@code Accept: application/json}), read by the controller
 * alone (no database): a draft saved by another account of a shared phone, a fill-in time, a disposition or a
 * position that is not one are refused in Chinese and the event is not reported; a good draft reaches the report
 * with its photo and the time it was filled in, and the outbox is answered 201 with the new id. The checks of the
 * report itself (grid, category, place in China, photo contents) are {@code GridFullStackTests}' business.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = {
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = GridPhoneController.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.minyi\\.web\\.ErrorAdvice")})
class GridEventInputTests {

    private static final StaffUser WORKER = new StaffUser(31, "gridworker", "网格员", Set.of(Role.GRID_WORKER), 20,
            "东村网格", 930, "/1/7/93/930/", "东村", null, true, null, "{noop}x");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ReportGridEvent reports;
    @MockitoBean
    GridHome home;
    @MockitoBean
    GridScope scope;
    @MockitoBean
    Categories categories;
    @MockitoBean
    Households households;
    @MockitoBean
    RecordVisit visits;
    @MockitoBean
    GridEvents events;
    @MockitoBean
    CaseProgress progress;
    @MockitoBean
    AuditTrail audit;
    @MockitoBean
    GridPosts posts;

    /** The outbox's draft, with some fields given other values. */
    private static MockMultipartHttpServletRequestBuilder draft(String... replaced) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("key", "0b7f6c1e-draft");
        form.put("gridId", "20");
        form.put("category", "FIRE");
        form.put("description", "楼道堆放杂物堵塞消防通道");
        form.put("lat", "30.605");
        form.put("lon", "114.305");
        form.put("disposition", "ESCALATED");
        form.put("occurredAt", "2026-11-20T01:30:00Z");
        form.put("owner", "31");
        for (int i = 0; i < replaced.length; i += 2) {
            form.put(replaced[i], replaced[i + 1]);
        }
        MockMultipartHttpServletRequestBuilder post = multipart("/grid/events");
        form.forEach(post::param);
        post.file(new MockMultipartFile("photos", "a.jpg", "image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, 1, 2}));
        post.accept(MediaType.APPLICATION_JSON).locale(Locale.SIMPLIFIED_CHINESE).with(user(WORKER)).with(csrf());
        return post;
    }

    @Test
    void a_draft_saved_by_another_account_of_the_phone_is_refused_and_not_reported() throws Exception {
        mvc.perform(draft("owner", "32"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value(org.hamcrest.Matchers.startsWith("这条草稿由本机上的另一个账号保存")));
        verifyNoInteractions(reports);
    }

    @Test
    void a_fill_in_time_that_is_not_a_time_is_refused_in_chinese() throws Exception {
        mvc.perform(draft("occurredAt", "昨天下午"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("填写时间无效（草稿超过30天或时间在未来）。"));
        verifyNoInteractions(reports);
    }

    @Test
    void a_disposition_a_position_or_a_grid_that_is_not_one_is_a_bad_request() throws Exception {
        mvc.perform(draft("disposition", "IGNORED"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请求的参数不正确，请检查后重试。"));
        mvc.perform(draft("lat", "北纬三十度")).andExpect(status().isBadRequest());
        mvc.perform(draft("gridId", "20; DROP TABLE grid")).andExpect(status().isBadRequest());
        verifyNoInteractions(reports);
    }

    @Test
    void a_good_draft_reaches_the_report_with_its_photo_and_time_and_the_outbox_gets_the_new_id() throws Exception {
        when(reports.report(eq(WORKER), any())).thenReturn(new ReportGridEvent.Reported(501, false, 9001L));

        mvc.perform(draft())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(501))
                .andExpect(jsonPath("$.replay").value(false))
                .andExpect(jsonPath("$.escalated").value(true));

        ArgumentCaptor<NewGridEvent> reported = ArgumentCaptor.forClass(NewGridEvent.class);
        verify(reports).report(eq(WORKER), reported.capture());
        NewGridEvent e = reported.getValue();
        assertThat(e.key()).isEqualTo("0b7f6c1e-draft");
        assertThat(e.gridId()).isEqualTo(20L);
        assertThat(e.disposition()).isEqualTo(Disposition.ESCALATED);
        assertThat(e.lat()).isEqualTo(30.605);
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-11-20T01:30:00Z"));
        assertThat(e.photos()).singleElement().satisfies(p -> assertThat(p).hasSize(4));
    }

    @Test
    void a_draft_sent_again_after_a_lost_answer_is_answered_200_not_201() throws Exception {
        when(reports.report(eq(WORKER), any())).thenReturn(new ReportGridEvent.Reported(501, true, null));
        mvc.perform(draft("disposition", "SELF_RESOLVED", "resolution", "已督促清理"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replay").value(true))
                .andExpect(jsonPath("$.escalated").value(false));
    }
}
