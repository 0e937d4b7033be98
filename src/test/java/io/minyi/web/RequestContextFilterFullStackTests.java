package io.minyi.web;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.filter.RequestContextFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** The running server has one request context filter, the one that reads the locale only when asked (issue 14). */
@FullStackTest
class RequestContextFilterFullStackTests {

    @Autowired
    ApplicationContext context;

    @Test
    void spring_boots_own_filter_backed_off_for_the_lazy_one() {
        assertThat(context.getBeansOfType(RequestContextFilter.class).values())
                .singleElement().isInstanceOf(LazyLocaleRequestContextFilter.class);
    }
}
