package io.minyi.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * Runs work as if it happened at another moment, on the calling thread only: the system {@link Clock} reads the
 * shifted time there while every other thread (requests, the scheduler, event listeners) keeps the real one. The demo
 * city's past activity is generated through the real services this way, so ledgers, audit entries, letters and
 * reports carry the dates on which the demo says they happened (decision 0015). Time keeps running inside a shift,
 * so consecutive moves stay in order.
 */
public final class TimeShift {

    private static final ThreadLocal<Duration> OFFSET = new ThreadLocal<>();

    private TimeShift() {
    }

    public static <T> T at(Instant moment, Supplier<T> work) {
        Duration previous = OFFSET.get();
        OFFSET.set(Duration.between(Instant.now(), moment));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                OFFSET.remove();
            } else {
                OFFSET.set(previous);
            }
        }
    }

    public static void at(Instant moment, Runnable work) {
        at(moment, () -> {
            work.run();
            return null;
        });
    }

    /** The system clock, honouring a shift on the calling thread. */
    static Clock system(ZoneId zone) {
        return new Shifted(Clock.system(zone));
    }

    private static final class Shifted extends Clock {

        private final Clock base;

        Shifted(Clock base) {
            this.base = base;
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new Shifted(base.withZone(zone));
        }

        @Override
        public Instant instant() {
            Duration offset = OFFSET.get();
            return offset == null ? base.instant() : base.instant().plus(offset);
        }

        @Override
        public long millis() {
            return instant().toEpochMilli();
        }
    }
}
