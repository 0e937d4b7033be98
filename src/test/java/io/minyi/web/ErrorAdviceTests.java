package io.minyi.web;

import io.minyi.platform.RefusedException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorAdviceTests {

    private final ErrorAdvice advice = new ErrorAdvice(new StaticMessageSource());

    @Test
    void a_busy_refusal_is_a_503_with_a_retry_hint() {
        MockHttpServletResponse res = new MockHttpServletResponse();
        advice.refused(new RefusedException("evaluation.busy", 503), new MockHttpServletRequest("POST", "/e/x"), res);
        assertThat(res.getStatus()).isEqualTo(503);
        assertThat(res.getHeader("Retry-After")).isEqualTo("5");
    }

    @Test
    void a_business_refusal_carries_no_retry_hint() {
        MockHttpServletResponse res = new MockHttpServletResponse();
        advice.refused(new RefusedException("casework.refused"), new MockHttpServletRequest("POST", "/cases/1/sign"), res);
        assertThat(res.getStatus()).isEqualTo(409);
        assertThat(res.getHeader("Retry-After")).isNull();
    }
}
