package io.minyi.supervision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the tests move by hand, so deadlines pass without waiting. */
public final class MutableClock extends Clock {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void set(LocalDateTime local) {
        now.set(local.atZone(CHINA).toInstant());
    }

    @Override
    public ZoneId getZone() {
        return CHINA;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now.get(), zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
