package io.minyi.integration.web;

import io.minyi.integration.internal.NewRequest;
import io.minyi.integration.internal.Open311Catalogue;
import io.minyi.integration.internal.Open311Clients;
import io.minyi.integration.internal.Open311Clients.Client;
import io.minyi.integration.internal.Open311Desk;
import io.minyi.org.OrgDirectory;
import io.minyi.platform.CityTime;
import io.minyi.platform.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Open311's {@code POST requests}, on the lean path ({@link Open311PostMapping}) and through the controllers' mapping
 * (a {@code lang} parameter), read without a database: no key, an unknown key or a client over its rate are answered
 * in GeoReport's error list, in the caller's language, before the desk is asked; so is a format that is not one. A
 * good post reaches the desk with its fields and attributes and is answered 201 with the request's id. What the desk
 * checks (service, place, description) is {@code Open311FullStackTests}' business.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
        classes = {Open311Controller.class, Open311PostMapping.class, Open311Errors.class, IntegrationSecurity.class}))
class Open311PostInputTests {

    private static final Client FIX_MY_STREET = new Client(5, "FixMyStreet", 1, 60);

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
    Open311Desk desk;
    @MockitoBean
    Open311Clients clients;
    @MockitoBean
    Open311Catalogue catalogue;
    @MockitoBean
    OrgDirectory org;
    @MockitoBean
    Open311PostTimings timings;

    private static MockHttpServletRequestBuilder request(String path, String apiKey) {
        MockHttpServletRequestBuilder post = post(path).param("service_code", "STREETLIGHT")
                .param("lat", "30.605").param("long", "114.305").param("description", "路灯不亮")
                .param("attribute[pole]", "A-17").locale(Locale.SIMPLIFIED_CHINESE);
        return apiKey == null ? post : post.param("api_key", apiKey);
    }

    @Test
    void a_post_without_a_key_or_with_an_unknown_one_is_refused_in_georeports_format_before_the_desk_is_asked()
            throws Exception {
        mvc.perform(request("/open311/v2/requests.json", null))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$[0].code").value(403))
                .andExpect(jsonPath("$[0].description").value("API key 无效或已被吊销。"));
        when(clients.authenticate("guessed")).thenReturn(Optional.empty());
        mvc.perform(request("/open311/v2/requests.xml", "guessed"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("<code>403</code>")));
        verifyNoInteractions(desk);
    }

    @Test
    void a_client_over_its_rate_is_told_to_slow_down_and_nothing_is_posted() throws Exception {
        when(clients.authenticate("k-5")).thenReturn(Optional.of(FIX_MY_STREET));
        when(clients.allow(FIX_MY_STREET)).thenReturn(false);
        mvc.perform(request("/open311/v2/requests.json", "k-5"))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$[0].description").value("请求过于频繁，请稍后再试。"));
        verifyNoInteractions(desk);
    }

    @Test
    void the_controllers_mapping_answers_the_same_refusal_in_the_language_asked_for() throws Exception {
        mvc.perform(request("/open311/v2/requests.json", null).param("lang", "en").locale(Locale.ENGLISH))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$[0].code").value(403))
                .andExpect(jsonPath("$[0].description").value("The API key is invalid or has been revoked."));
        mvc.perform(request("/open311/v2/requests.csv", "k-5"))
                .andExpect(status().isNotFound());
        verifyNoInteractions(desk);
    }

    @Test
    void what_the_desk_refuses_comes_back_as_a_400_in_the_error_list() throws Exception {
        when(clients.authenticate("k-5")).thenReturn(Optional.of(FIX_MY_STREET));
        when(clients.allow(FIX_MY_STREET)).thenReturn(true);
        when(desk.post(eq(FIX_MY_STREET), any())).thenThrow(new InvalidInputException("integration.open311.invalid"));
        mvc.perform(request("/open311/v2/requests.json", "k-5"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$[0].code").value(400));
    }

    @Test
    void a_good_post_reaches_the_desk_with_its_fields_and_is_answered_201_with_the_requests_id() throws Exception {
        when(clients.authenticate("k-5")).thenReturn(Optional.of(FIX_MY_STREET));
        when(clients.allow(FIX_MY_STREET)).thenReturn(true);
        when(desk.post(eq(FIX_MY_STREET), any())).thenReturn(new Open311Desk.Receipt("1024", null, "已受理"));

        mvc.perform(request("/open311/v2/requests.json", "k-5"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$[0].service_request_id").value("1024"))
                .andExpect(jsonPath("$[0].service_notice").value("已受理"));

        ArgumentCaptor<NewRequest> posted = ArgumentCaptor.forClass(NewRequest.class);
        verify(desk).post(eq(FIX_MY_STREET), posted.capture());
        assertThat(posted.getValue().serviceCode()).isEqualTo("STREETLIGHT");
        assertThat(posted.getValue().lon()).isEqualTo("114.305");
        assertThat(posted.getValue().description()).isEqualTo("路灯不亮");
        assertThat(posted.getValue().attributes()).containsEntry("pole", List.of("A-17"));
    }
}
