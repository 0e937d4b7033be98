package io.minyi.casework.web;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.casework.internal.CaseCategories;
import io.minyi.casework.internal.CaseViews;
import io.minyi.org.JurisdictionLevel;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A case registered by staff on someone's behalf, as the controller reads the form (no database): a channel staff do
 * not register through, a place outside the account's jurisdiction, a type or number that is not one are refused in
 * Chinese before anything reaches the pool; a good form reaches the intake with the form's token as its
 * idempotency key. The intake's own checks (content, phone) are the module and full-stack tests' business.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = {
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = RegistrationController.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.minyi\\.web\\.ErrorAdvice")})
class RegistrationInputTests {

    private static final StaffUser DISPATCHER = new StaffUser(12, "dispatcher", "县综治中心调度员",
            Set.of(Role.DISPATCHER), 3, "县综治中心", 7, "/1/7/", "示范县", null, true, null, "{noop}x");
    private static final JurisdictionRef VILLAGE = new JurisdictionRef(930, 93L, JurisdictionLevel.VILLAGE, "990101001001",
            "东村", "/1/7/93/930/");
    private static final JurisdictionRef NEIGHBOURING_COUNTY = new JurisdictionRef(8, 1L, JurisdictionLevel.COUNTY,
            "990102", "邻县", "/1/8/");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CaseIntake intake;
    @MockitoBean
    OrgDirectory org;
    @MockitoBean
    CaseViews views;
    @MockitoBean
    CaseCategories categories;

    private static MockHttpServletRequestBuilder registration(String type, String channel, String jurisdiction) {
        return post("/cases/new").param("type", type).param("channel", channel).param("jurisdictionId", jurisdiction)
                .param("raiserName", "李四").param("raiserPhone", "13912345678").param("content", "路灯坏了三个月")
                .param("formToken", "3f0c2a5e-token").accept(MediaType.APPLICATION_JSON)
                .locale(Locale.SIMPLIFIED_CHINESE).with(user(DISPATCHER)).with(csrf());
    }

    @Test
    void a_channel_staff_do_not_register_through_is_refused_in_chinese_and_nothing_reaches_the_pool()
            throws Exception {
        when(org.jurisdiction(930)).thenReturn(Optional.of(VILLAGE));
        mvc.perform(registration("PETITION", "EVALUATION", "930"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请选择来源渠道。"));
        verifyNoInteractions(intake);
    }

    @Test
    void a_place_outside_the_accounts_jurisdiction_or_none_at_all_is_refused() throws Exception {
        when(org.jurisdiction(8)).thenReturn(Optional.of(NEIGHBOURING_COUNTY));
        mvc.perform(registration("PETITION", "WALK_IN", "8"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请选择您管辖范围内的行政区划。"));
        mvc.perform(registration("PETITION", "WALK_IN", ""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请选择您管辖范围内的行政区划。"));
        verifyNoInteractions(intake);
    }

    @Test
    void every_problem_of_the_form_is_listed_at_once() throws Exception {
        when(org.jurisdiction(8)).thenReturn(Optional.of(NEIGHBOURING_COUNTY));
        mvc.perform(registration("", "", "8"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.errors[2]").value("请选择事项类型。"));
        verifyNoInteractions(intake);
    }

    @Test
    void a_type_or_a_place_that_is_not_one_is_a_bad_request_in_chinese() throws Exception {
        mvc.perform(registration("UFO", "WALK_IN", "930"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请求的参数不正确，请检查后重试。"));
        mvc.perform(registration("PETITION", "WALK_IN", "九三零"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(intake);
    }

    @Test
    void a_good_form_reaches_the_pool_once_keyed_by_its_token_and_lands_on_the_new_case() throws Exception {
        when(org.jurisdiction(930)).thenReturn(Optional.of(VILLAGE));
        when(intake.receive(any())).thenReturn(new CaseIntake.Receipt(77, "Q7K2M9"));
        when(views.visible(anyLong(), any())).thenReturn(true);

        mvc.perform(registration("PETITION", "WALK_IN", "930"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/cases/77"))
                .andExpect(flash().attribute("trackingCode", "Q7K2M9"));

        ArgumentCaptor<NewCase> handedIn = ArgumentCaptor.forClass(NewCase.class);
        verify(intake).receive(handedIn.capture());
        assertThat(handedIn.getValue().type()).isEqualTo(CaseType.PETITION);
        assertThat(handedIn.getValue().channel()).isEqualTo(SourceChannel.WALK_IN);
        assertThat(handedIn.getValue().jurisdictionId()).isEqualTo(930);
        assertThat(handedIn.getValue().idempotencyKey()).isEqualTo("staff:12:3f0c2a5e-token");
    }
}
