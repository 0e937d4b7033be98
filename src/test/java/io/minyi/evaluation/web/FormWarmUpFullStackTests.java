package io.minyi.evaluation.web;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up warm-up (issue 14) posts the real form through the real stack and leaves nothing behind. */
@FullStackTest
class FormWarmUpFullStackTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.minyi.evaluation.internal.EvaluationTargets targets;

    @Autowired
    Environment environment;

    @Autowired
    FormWarmUp warmUp;

    @Test
    void warming_up_sends_hundreds_of_forms_without_storing_an_evaluation_or_spending_the_address_limit() throws Exception {
        String code = targets.anyActiveCode().orElseThrow();
        long evaluations = jdbc.queryForObject("SELECT count(*) FROM evaluation", Long.class);
        long counters = jdbc.queryForObject("SELECT count(*) FROM evaluation_source_day", Long.class);
        FormWarmUp.Result result = warmUp.warmUp("http://127.0.0.1:" + port, code, Duration.ofSeconds(90), 130);

        // more forms than the per-address limit (120 a minute) lets through: the warm-up's own token passes it
        assertThat(result.posts().get()).isGreaterThanOrEqualTo(130);
        assertThat(result.unexpected().get()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM evaluation", Long.class)).isEqualTo(evaluations);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM evaluation_source_day", Long.class)).isEqualTo(counters);
    }

    @Test
    void only_this_process_token_passes_the_address_limit() {
        FormWarmUp other = new FormWarmUp(targets, environment, Duration.ZERO, 1);
        assertThat(other.isWarmUp(other.token())).isTrue();
        assertThat(warmUp.isWarmUp(other.token())).isFalse();
        assertThat(warmUp.isWarmUp(null)).isFalse();
        assertThat(warmUp.isWarmUp("")).isFalse();
        assertThat(warmUp.isWarmUp("0123456789abcdef0123456789abcdef")).isFalse();
    }
}
