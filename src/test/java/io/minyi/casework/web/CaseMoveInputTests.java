package io.minyi.casework.web;

import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.Attachments;
import io.minyi.casework.internal.CaseCategories;
import io.minyi.casework.internal.CaseViews;
import io.minyi.casework.internal.CaseWorkflow;
import io.minyi.casework.internal.LedgerExport;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.Decision;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The loop's moves as the case page posts them, read by the controller alone (no database): a verdict, a risk or a
 * case number that is not one, a text over its limit, more evidence files than a report takes are refused in Chinese
 * and the loop is not asked; a good report reaches it with its verdict and files and lands back on the case. Whether
 * the loop allows the move is the aggregate's business ({@code CaseLoopPropertyTests}, {@code CaseworkModuleTests}).
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = {
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = CaseController.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.minyi\\.web\\.ErrorAdvice")})
class CaseMoveInputTests {

    private static final StaffUser HANDLER = new StaffUser(21, "handler2", "派出所民警", Set.of(Role.UNIT_HANDLER), 10,
            "东城派出所", 7, "/1/7/", "示范县", 501L, true, null, "{noop}x");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CaseWorkflow workflow;
    @MockitoBean
    CaseViews views;
    @MockitoBean
    LedgerExport ledger;
    @MockitoBean
    Attachments attachments;
    @MockitoBean
    CaseCategories categories;

    private static MockMultipartHttpServletRequestBuilder report(String outcome, int files) {
        MockMultipartHttpServletRequestBuilder post = multipart("/cases/41/report");
        post.param("outcome", outcome).param("findings", "经核查，反映情况属实，已整改。");
        for (int i = 0; i < files; i++) {
            post.file(new MockMultipartFile("evidence", "现场" + i + ".jpg", "image/jpeg", new byte[]{1, 2, 3}));
        }
        post.accept(MediaType.APPLICATION_JSON).locale(Locale.SIMPLIFIED_CHINESE).with(user(HANDLER)).with(csrf());
        return post;
    }

    private static MockHttpServletRequestBuilder move(String path) {
        return post(path).accept(MediaType.APPLICATION_JSON).locale(Locale.SIMPLIFIED_CHINESE)
                .with(user(HANDLER)).with(csrf());
    }

    @Test
    void a_verdict_that_is_not_one_or_none_is_a_bad_request_and_the_loop_is_not_asked() throws Exception {
        mvc.perform(report("MOSTLY_TRUE", 0))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("请求的参数不正确，请检查后重试。"));
        mvc.perform(move("/cases/41/report").param("findings", "无结论"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(workflow);
    }

    @Test
    void more_evidence_than_a_report_takes_or_findings_over_their_limit_are_refused_in_chinese() throws Exception {
        mvc.perform(report("RESOLVED", 11))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("一次最多上传10个文件。"));
        mvc.perform(report("RESOLVED", 0).param("findings", "查".repeat(5001)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("办理情况不能超过5000字。"));
        verifyNoInteractions(workflow);
    }

    @Test
    void a_reason_or_a_category_over_its_limit_is_refused_and_a_case_number_that_is_not_one_is_a_bad_request()
            throws Exception {
        mvc.perform(move("/cases/41/reject").param("reason", "理".repeat(1001)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("意见不能超过1000字。"));
        mvc.perform(move("/cases/41/triage").param("category", "类".repeat(51)).param("risk", "LOW")
                        .param("unitId", "10"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("类别不能超过50字。"));
        mvc.perform(move("/cases/41/triage").param("category", "治安").param("risk", "EXTREME")
                        .param("unitId", "10"))
                .andExpect(status().isBadRequest());
        mvc.perform(move("/cases/41/triage").param("category", "治安").param("risk", "LOW"))
                .andExpect(status().isBadRequest());
        mvc.perform(move("/cases/四十一/sign")).andExpect(status().isBadRequest());
        verifyNoInteractions(workflow);
    }

    @Test
    void a_good_report_reaches_the_loop_with_its_verdict_and_files_and_lands_back_on_the_case() throws Exception {
        when(workflow.report(anyLong(), any(), any(), anyString(), anyInt(), isNull(), any()))
                .thenReturn(Decision.allowed());

        mvc.perform(report("RESOLVED", 2))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/cases/41"))
                .andExpect(flash().attribute("done", "casework.done.report"));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<CaseWorkflow.Upload>> files = ArgumentCaptor.forClass(List.class);
        verify(workflow).report(eq(41L), eq(Actor.staff(HANDLER)), eq(Outcome.RESOLVED),
                eq("经核查，反映情况属实，已整改。"), eq(0), isNull(), files.capture());
        assertThat(files.getValue()).extracting(CaseWorkflow.Upload::fileName).containsExactly("现场0.jpg", "现场1.jpg");
    }

    @Test
    void a_triage_reaches_the_loop_with_the_risk_as_chosen() throws Exception {
        when(workflow.triage(anyLong(), any(), anyString(), any(), anyLong(), isNull())).thenReturn(Decision.allowed());
        mvc.perform(move("/cases/41/triage").param("category", "治安").param("risk", "HIGH").param("unitId", "10"))
                .andExpect(status().is3xxRedirection());
        verify(workflow).triage(41L, Actor.staff(HANDLER), "治安", RiskLevel.HIGH, 10L, null);
    }
}
