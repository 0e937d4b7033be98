package io.minyi.web;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * During a failover a write can meet a server that is shutting down, starting, or still a read-only standby; none of
 * these is the request's fault, so each is a 503 with Retry-After, never a 500.
 */
class DatabaseUnavailableFilterTests {

    private final DatabaseUnavailableFilter filter = new DatabaseUnavailableFilter(bundles(),
            new WebConfiguration().localeResolver());

    private static org.springframework.context.MessageSource bundles() {
        var messages = new org.springframework.context.support.ResourceBundleMessageSource();
        messages.setBasenames("messages/common");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Test
    void the_busy_page_follows_the_language_cookie() throws Exception {
        var req = new MockHttpServletRequest("GET", "/pool");
        req.setCookies(new jakarta.servlet.http.Cookie("minyi-lang", "en"));
        var res = new MockHttpServletResponse();
        filter.doFilter(req, res, (rq, rs) -> {
            throw new org.springframework.dao.TransientDataAccessResourceException("database is away");
        });
        assertThat(res.getStatus()).isEqualTo(503);
        assertThat(res.getContentAsString()).contains("lang=\"en\"", "Please try again").doesNotContain("数据库");
    }

    @Test
    void a_write_refused_by_a_read_only_server_is_a_503_with_a_retry_hint() throws Exception {
        var res = answer(new UncategorizedSQLException("insert", "INSERT INTO x VALUES (1)",
                stateException("cannot execute INSERT in a read-only transaction", "25006")));
        assertThat(res.getStatus()).isEqualTo(503);
        assertThat(res.getHeader("Retry-After")).isEqualTo("5");
        assertThat(res.getContentAsString()).contains("数据库暂时不可用").doesNotContain("PSQLException");
    }

    @Test
    void a_server_shutting_down_or_starting_is_a_503() throws Exception {
        for (String state : new String[]{"57P01", "57P03", "08006"}) {
            var res = answer(new UncategorizedSQLException("commit", null,
                    stateException("terminating connection", state)));
            assertThat(res.getStatus()).as(state).isEqualTo(503);
            assertThat(res.getHeader("Retry-After")).as(state).isEqualTo("5");
        }
    }

    @Test
    void a_programming_error_is_not_dressed_up_as_an_outage() {
        assertThatThrownBy(() -> answer(new UncategorizedSQLException("select", "SELECT x",
                new PSQLException("column x does not exist", PSQLState.UNDEFINED_COLUMN))))
                .isInstanceOf(UncategorizedSQLException.class);
    }

    /** What the driver throws for a server error with this SQLSTATE. */
    private static PSQLException stateException(String message, String state) {
        return new PSQLException(message, PSQLState.UNKNOWN_STATE) {
            @Override
            public String getSQLState() {
                return state;
            }
        };
    }

    private MockHttpServletResponse answer(RuntimeException failure) throws Exception {
        var req = new MockHttpServletRequest("POST", "/pool/1/dispatch");
        var res = new MockHttpServletResponse();
        filter.doFilter(req, res, (rq, rs) -> {
            throw failure;
        });
        return res;
    }
}
