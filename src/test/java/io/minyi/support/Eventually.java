package io.minyi.support;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition that another thread or node makes true soon (a notification heard, a listener run): polled until it
 * holds, else the test fails naming what did not happen. An exception or failed assertion inside the condition fails
 * at once.
 */
public final class Eventually {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    private Eventually() {
    }

    public static void eventually(BooleanSupplier condition, String what) {
        eventually(condition, what, WITHIN);
    }

    public static void eventually(BooleanSupplier condition, String what, Duration within) {
        Awaitility.await(what).atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }
}
