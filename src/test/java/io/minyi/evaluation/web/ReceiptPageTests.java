package io.minyi.evaluation.web;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receipt without a template pass is byte for byte the page the template engine renders through Spring MVC's
 * view — as the controller answered every form before decision 0036 — for both languages, with and without a clue,
 * and with values that would break the page if they were not escaped.
 */
@FullStackTest
class ReceiptPageTests {

    @Autowired
    ReceiptPage receipts;
    @Autowired
    @Qualifier("thymeleafViewResolver")
    ViewResolver views;
    @Autowired
    WebApplicationContext context;
    @Autowired
    LocaleResolver locales;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("zh-CN", "ABCDE-FGHJK", "/t/ABCDEFGHJK", false),
                Arguments.of("zh-CN", "23456-789AB", "/t/23456789AB", true),
                Arguments.of("en", "XYZ23-45678", "/t/XYZ2345678", false),
                Arguments.of("en", "XYZ23-45678", "/t/XYZ2345678", true),
                Arguments.of("zh-CN", "<script>alert(\"x\")</script>", "/t/\"><img src=x onerror=alert('y')>&amp;", true),
                Arguments.of("fr", "ABCDE-FGHJK", "/t/ABCDEFGHJK", false));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void is_the_page_the_view_renders_for_the_same_values(String language, String code, String path, boolean clue)
            throws Exception {
        Locale locale = Locale.forLanguageTag(language);
        String lean = new String(receipts.render(locale, code, path, clue), StandardCharsets.UTF_8);

        assertThat(lean).isEqualTo(rendered(locale, code, path, clue));
        assertThat(lean).doesNotContain("<script>", "<img", ReceiptPage.CODE, ReceiptPage.PATH);
        assertThat(lean).contains("id=\"tracking-code\"", "id=\"tracking-link\"");
        assertThat(lean.contains("问题线索已登记") || lean.contains("problem report was registered")).isEqualTo(clue);
    }

    /** The old way: the controller's "evaluation/receipt" view with its model, rendered by the view resolver's view. */
    private String rendered(Locale locale, String code, String path, boolean clue) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(context.getServletContext(), "POST", "/e/x");
        request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
        request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, locales);
        locales.setLocale(request, new MockHttpServletResponse(), locale);
        MockHttpServletResponse response = new MockHttpServletResponse();
        View view = views.resolveViewName(ReceiptPage.TEMPLATE, locale);
        assertThat(view).isNotNull();
        view.render(Map.of("code", code, "trackingPath", path, "clue", clue), request, response);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }
}
