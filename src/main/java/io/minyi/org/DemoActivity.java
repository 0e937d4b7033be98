package io.minyi.org;

/**
 * A module's part of the demo city's past (示范市's last 90 days): cases moving through the loop, evaluations,
 * letters, reports. The demo loader calls every bean of this type once per simulated day, oldest day first and in
 * {@code @Order} within a day, after the demo city exists and only on a database that has no activity yet.
 *
 * <p>How to add a module's part (decision 0015):
 * <ul>
 *   <li>Declare a bean implementing this interface in the module (e.g. {@code io.minyi.dispute.demo}); pick an
 *       {@code @Order}: evaluation 10, casework 20, supervision 30, reporting 40 — a module whose records feed
 *       another's goes before it.</li>
 *   <li>Make every change through the module's own services, never by SQL, and wrap each in
 *       {@link DemoDay#at(int, int, Runnable)} so the clock, the ledger, the audit trail and the events carry the
 *       simulated moment.</li>
 *   <li>Draw every random choice from {@link DemoDay#random(String)} so the same seed gives the same city.</li>
 *   <li>Scale by {@link DemoDay#level()}: {@code SMALL} must keep the whole demo under a few seconds per module,
 *       {@code FULL} under about ten.</li>
 *   <li>Call {@link DemoDay#settle()} before reading figures that event listeners keep (rollups, projections).</li>
 * </ul>
 */
public interface DemoActivity {

    /** Generates this module's activity on one simulated day. */
    void day(DemoDay day);
}
