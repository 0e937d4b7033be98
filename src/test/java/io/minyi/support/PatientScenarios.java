package io.minyi.support;

import org.awaitility.core.ConditionFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ScenarioCustomizer;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.function.Function;

/**
 * A module test's {@code Scenario} waits up to 30 s for the event or state it expects, as {@code EventFixture} does,
 * instead of Awaitility's 10 s: on a CI machine shared by several builds a listener's transaction may wait its turn
 * for a while. A scenario that is met returns at once, so the longer bound costs nothing when the test passes.
 */
public class PatientScenarios implements ScenarioCustomizer {

    static final Duration AT_MOST = Duration.ofSeconds(30);

    @Override
    public Function<ConditionFactory, ConditionFactory> getDefaultCustomizer(Method method,
                                                                             ApplicationContext context) {
        return ScenarioCustomizer.forwardExecutorService(context).andThen(conditions -> conditions.atMost(AT_MOST));
    }
}
