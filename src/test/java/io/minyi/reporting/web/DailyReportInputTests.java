package io.minyi.reporting.web;

import io.minyi.org.JurisdictionLevel;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import io.minyi.reporting.internal.DailyReports;
import io.minyi.reporting.internal.ReportExports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The daily-report list's input handling on its own (the controller and the error advice, no database): a date that
 * is not a date is answered 400 with the reason in Chinese before any report is read; well-formed filters reach the
 * reports as dates. The reports themselves are the full-stack tests' business ({@code DailyReportTests}).
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = {
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = DailyReportController.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.minyi\\.web\\.ErrorAdvice")})
class DailyReportInputTests {

    @TestConfiguration
    static class CityClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        }
    }

    private static final StaffUser LEADER = new StaffUser(1, "leader", "市委政法委领导", Set.of(Role.LEADER), 1, "政法委",
            1, "/1/", "示范市", null, true, null, "{noop}x");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DailyReports reports;
    @MockitoBean
    ReportExports exports;
    @MockitoBean
    OrgDirectory org;

    @Test
    void a_from_date_that_is_not_a_date_is_refused_in_chinese_before_any_report_is_read() throws Exception {
        mvc.perform(get("/reports/daily").param("from", "2026-13-45").accept(MediaType.APPLICATION_JSON)
                        .locale(Locale.SIMPLIFIED_CHINESE).with(user(LEADER)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value(containsString("日期")));
        verifyNoInteractions(reports);
    }

    @Test
    void a_jurisdiction_that_is_not_a_number_is_a_bad_request() throws Exception {
        mvc.perform(get("/reports/daily").param("j", "一").accept(MediaType.APPLICATION_JSON).with(user(LEADER)))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(reports);
    }

    @Test
    void well_formed_filters_reach_the_reports_as_dates_and_the_page_is_shown() throws Exception {
        when(reports.search(any(), any(), any(), any(), any())).thenReturn(new PageResult<>(List.of(), 1, 30, 0));
        when(org.jurisdiction(1)).thenReturn(Optional.of(
                new JurisdictionRef(1, null, JurisdictionLevel.CITY, "990100", "示范市", "/1/")));
        mvc.perform(get("/reports/daily").param("j", "7").param("from", " 2026-11-01 ").param("to", "2026-11-19")
                        .with(user(LEADER)))
                .andExpect(status().isOk());
        verify(reports).search(eq(LEADER), eq(7L), eq(LocalDate.of(2026, 11, 1)), eq(LocalDate.of(2026, 11, 19)),
                eq(PageResult.Request.of(null, 30)));
    }
}
