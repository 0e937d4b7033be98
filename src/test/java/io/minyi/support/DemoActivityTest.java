package io.minyi.support;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application with the demo city <em>and its 90 days of activity</em> ({@code minyi.demo.activity=small}),
 * as a new user sees it on first start. One shared context, separate from {@link FullStackTest}'s so that other tests'
 * exact counts are not disturbed by the demo's records; treat its data as read-mostly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "minyi.demo.activity=small")
public @interface DemoActivityTest {
}
