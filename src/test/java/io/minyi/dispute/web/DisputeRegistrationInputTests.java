package io.minyi.dispute.web;

import io.minyi.casework.RiskLevel;
import io.minyi.dispute.internal.DisputeIntake;
import io.minyi.dispute.internal.DisputeIntake.Registration;
import io.minyi.dispute.internal.DisputeSource;
import io.minyi.dispute.internal.Disputes;
import io.minyi.dispute.internal.PartyKind;
import io.minyi.dispute.internal.PartyRole;
import io.minyi.dispute.internal.RiskFactor;
import io.minyi.dispute.internal.ScreeningRounds;
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

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
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
 * A dispute's registration form as the controller reads it (no database): a place outside the account's
 * jurisdiction, a screening round the account cannot see, a party role or kind or an amount that is not one are
 * refused in Chinese before the intake is asked; a good form reaches the intake with its parties lined up field by
 * field, and a dispute found in a screening round is registered as coming from it. The intake's own rules (party
 * names, ID numbers, the risk score) are {@code DisputeFullStackTests}' business.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = {
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = DisputeRegistrationController.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.minyi\\.web\\.ErrorAdvice")})
class DisputeRegistrationInputTests {

    private static final StaffUser DISPATCHER = new StaffUser(12, "dispatcher", "县综治中心调度员",
            Set.of(Role.DISPATCHER), 3, "县综治中心", 7, "/1/7/", "示范县", null, true, null, "{noop}x");
    private static final JurisdictionRef VILLAGE = new JurisdictionRef(930, 93L, JurisdictionLevel.VILLAGE,
            "990101001001", "东村", "/1/7/93/930/");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DisputeIntake intake;
    @MockitoBean
    Disputes disputes;
    @MockitoBean
    OrgDirectory org;
    @MockitoBean
    ScreeningRounds rounds;

    /** A full form for the place, with some fields given other values (each replacing the field's values). */
    private static MockHttpServletRequestBuilder registration(String jurisdiction, String... replaced) {
        Map<String, String[]> form = new LinkedHashMap<>();
        form.put("jurisdictionId", new String[]{jurisdiction});
        form.put("categoryCode", new String[]{"NEIGHBOUR"});
        form.put("source", new String[]{"WALK_IN"});
        form.put("summary", new String[]{"宅基地边界纠纷，双方多次争吵"});
        form.put("peopleInvolved", new String[]{"2"});
        form.put("amountInvolved", new String[]{"3000.50"});
        form.put("partyRole", new String[]{"APPLICANT", "RESPONDENT"});
        form.put("partyKind", new String[]{"NATURAL", "NATURAL"});
        form.put("partyName", new String[]{"王五", "赵六"});
        form.put("partyPhone", new String[]{"13912345678", ""});
        form.put("factors", new String[]{"THREATS"});
        form.put("formToken", new String[]{"f00d-token"});
        for (int i = 0; i < replaced.length; i += 2) {
            form.put(replaced[i], new String[]{replaced[i + 1]});
        }
        MockHttpServletRequestBuilder post = post("/disputes/new");
        form.forEach(post::param);
        return post.accept(MediaType.APPLICATION_JSON).locale(Locale.SIMPLIFIED_CHINESE)
                .with(user(DISPATCHER)).with(csrf());
    }

    @Test
    void a_place_outside_the_accounts_jurisdiction_or_none_is_refused_in_chinese_before_the_intake_is_asked()
            throws Exception {
        when(org.jurisdiction(8)).thenReturn(Optional.of(new JurisdictionRef(8, 1L, JurisdictionLevel.COUNTY,
                "990102", "邻县", "/1/8/")));
        mvc.perform(registration("8"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请选择您管辖范围内的地域。"));
        mvc.perform(registration(""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请选择您管辖范围内的地域。"));
        verifyNoInteractions(intake);
    }

    @Test
    void a_screening_round_the_account_cannot_see_is_refused() throws Exception {
        when(org.jurisdiction(930)).thenReturn(Optional.of(VILLAGE));
        when(rounds.visible(DISPATCHER, 55)).thenReturn(false);
        mvc.perform(registration("930", "screeningRoundId", "55"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请完整填写排查日期、范围和人员。"));
        verifyNoInteractions(intake);
    }

    @Test
    void a_party_role_a_risk_factor_or_an_amount_that_is_not_one_is_a_bad_request() throws Exception {
        when(org.jurisdiction(930)).thenReturn(Optional.of(VILLAGE));
        mvc.perform(registration("930", "partyRole", "JUDGE"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请求的参数不正确，请检查后重试。"));
        mvc.perform(registration("930", "factors", "BAD_LUCK"))
                .andExpect(status().isBadRequest());
        mvc.perform(registration("930", "amountInvolved", "三千"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(intake);
    }

    @Test
    void a_good_form_reaches_the_intake_with_its_parties_lined_up_and_a_screening_round_as_its_source()
            throws Exception {
        when(org.jurisdiction(930)).thenReturn(Optional.of(VILLAGE));
        when(rounds.visible(DISPATCHER, 55)).thenReturn(true);
        when(intake.register(any(), eq("dispatcher")))
                .thenReturn(new DisputeIntake.Registered(41, 4100, "Q7K2M9", RiskLevel.HIGH));

        mvc.perform(registration("930", "screeningRoundId", "55"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/disputes/41"))
                .andExpect(flash().attribute("done", "dispute.done.registeredHigh"));

        ArgumentCaptor<Registration> registered = ArgumentCaptor.forClass(Registration.class);
        verify(intake).register(registered.capture(), eq("dispatcher"));
        Registration r = registered.getValue();
        assertThat(r.source()).isEqualTo(DisputeSource.SCREENING);
        assertThat(r.screeningRoundId()).isEqualTo(55L);
        assertThat(r.amountInvolved()).isEqualByComparingTo(new BigDecimal("3000.50"));
        assertThat(r.factors()).containsExactly(RiskFactor.THREATS);
        assertThat(r.idempotencyKey()).isEqualTo("dispute:12:f00d-token");
        assertThat(r.parties()).extracting(DisputeIntake.PartyInput::role, DisputeIntake.PartyInput::kind,
                        DisputeIntake.PartyInput::name, DisputeIntake.PartyInput::phone)
                .containsExactly(tuple(PartyRole.APPLICANT, PartyKind.NATURAL, "王五",
                                "13912345678"),
                        tuple(PartyRole.RESPONDENT, PartyKind.NATURAL, "赵六", ""));
    }
}
