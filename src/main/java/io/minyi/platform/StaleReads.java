package io.minyi.platform;

import java.util.function.Supplier;

/**
 * Marks reads that may be a few seconds old — the dashboard, the daily report's figures, the annual assessment — so
 * that they go to the read replica when one is configured and keeps up ({@link ReadReplica}), else to the primary.
 * Either way the connection handed out inside is read-only: a write slipped into such a section fails in every test
 * run, not only on the installation that has a replica.
 *
 * <p>Only the connection a section opens itself is routed: a section entered inside a transaction keeps that
 * transaction's primary connection, which is what read-your-own-write needs. Anything a user has just written and
 * is about to look at (the page after a POST, a stored report opened from its redirect) stays outside.
 */
public final class StaleReads {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private StaleReads() {
    }

    public static <T> T call(Supplier<T> reads) {
        Boolean outer = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return reads.get();
        } finally {
            if (outer == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(outer);
            }
        }
    }

    public static void run(Runnable reads) {
        call(() -> {
            reads.run();
            return null;
        });
    }

    /**
     * Leaves a stale-tolerant section for what must come from the primary, writable: e.g. the audit chain's head that a
     * daily report anchors, which links the committed events first (an UPDATE a read-only connection refuses).
     */
    public static <T> T fresh(Supplier<T> reads) {
        Boolean outer = ACTIVE.get();
        ACTIVE.remove();
        try {
            return reads.get();
        } finally {
            if (outer != null) {
                ACTIVE.set(outer);
            }
        }
    }

    /** Whether the current thread is inside a stale-tolerant section. */
    public static boolean active() {
        return ACTIVE.get() != null;
    }
}
