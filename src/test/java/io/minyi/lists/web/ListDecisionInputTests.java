package io.minyi.lists.web;

import io.minyi.lists.internal.WorkLists;
import io.minyi.org.OrgDirectory;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.CityTime;
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
import java.util.Locale;
import java.util.Set;

import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The issuing level's decision on a strike-off request, as the controller reads it (no database): only 销号 or 退回
 * are decisions; anything else is refused in Chinese before the list item is touched, and a decision lands back on
 * the item with its notice. Who may decide is {@code ListsAndLeaderWorkFullStackTests}' business.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = {
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ListController.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.minyi\\.web\\.ErrorAdvice")})
class ListDecisionInputTests {

    private static final StaffUser SUPERVISOR = new StaffUser(4, "supervisor", "市综治中心督办员",
            Set.of(Role.SUPERVISOR), 2, "市综治中心", 1, "/1/", "示范市", null, true, null, "{noop}x");

    /** The one clock the application's configuration would give (the list page reads today from it). */
    @TestConfiguration(proxyBeanMethods = false)
    static class CityClock {
        @Bean
        Clock clock() {
            return Clock.system(CityTime.ZONE);
        }
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    WorkLists lists;
    @MockitoBean
    OrgDirectory org;
    /** The decision is no form taken once (decision 0075): the create form is FormOnceFullStackTests' business. */
    @MockitoBean
    io.minyi.platform.SubmittedForms forms;

    @Test
    void a_decision_that_is_neither_approve_nor_send_back_is_refused_and_the_item_is_untouched() throws Exception {
        mvc.perform(post("/lists/41/decision").param("decision", "MAYBE").param("note", "再看看")
                        .accept(MediaType.APPLICATION_JSON).locale(Locale.SIMPLIFIED_CHINESE)
                        .with(user(SUPERVISOR)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请选择同意或退回"));
        verifyNoInteractions(lists);
    }

    @Test
    void a_missing_decision_is_refused_too() throws Exception {
        mvc.perform(post("/lists/41/decision").accept(MediaType.APPLICATION_JSON)
                        .with(user(SUPERVISOR)).with(csrf()))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(lists);
    }

    @Test
    void a_send_back_reaches_the_item_and_lands_on_it_with_its_notice() throws Exception {
        mvc.perform(post("/lists/41/decision").param("decision", "SEND_BACK").param("note", "证据不足")
                        .with(user(SUPERVISOR)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/lists/41"))
                .andExpect(flash().attribute("done", "lists.done.sentBack"));
        verify(lists).decide(SUPERVISOR, 41, false, "证据不足");
    }

    @Test
    void a_list_item_id_that_is_not_a_number_is_a_bad_request() throws Exception {
        mvc.perform(post("/lists/四十一/decision").param("decision", "APPROVE").accept(MediaType.APPLICATION_JSON)
                        .with(user(SUPERVISOR)).with(csrf()))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(lists);
    }
}
