package io.minyi.supervision;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

/**
 * One context for supervision's and reporting's event-driven tests: the app over its own embedded PostgreSQL with a
 * clock the tests move. db-scheduler is off so that only the tests run the ladder (they run it twice at once to play
 * two nodes); the circular threshold K is 1 so one late case walks the whole ladder; the SMS gateway is unreachable.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {"db-scheduler.enabled=false", "minyi.supervision.circular-overdue-cases=1",
        // nothing listens there: every text message fails, so the tests see the back-off
        "minyi.notification.sms.url=http://127.0.0.1:9/sms", "minyi.notification.public-base-url=https://minyi.example"})
@Import(SupervisionTestContext.ClockConfig.class)
public @interface SupervisionTestContext {

    @TestConfiguration(proxyBeanMethods = false)
    class ClockConfig {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
        }

        /**
         * The raisers' contacts for case ids the tests make up (no such case is stored), so that what supervision sends
         * a raiser can be checked without registering a case through casework first.
         */
        @Bean
        @Primary
        KnownRaisers knownRaisers() {
            return new KnownRaisers();
        }
    }
}
