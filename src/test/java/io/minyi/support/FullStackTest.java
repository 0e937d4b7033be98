package io.minyi.support;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on a random port over its embedded PostgreSQL with the demo city loaded. Every class with
 * this annotation shares one Spring context (and so one database): do not add properties, mocks or
 * {@code @DirtiesContext}, and make test data unique (the database is shared across test classes).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface FullStackTest {
}
