/**
 * Reporting: the leaders' dashboard (领导驾驶舱), the automatic daily report (每日一汇总, 每日一上报) and the staff
 * ledger of figures no module records. Reads only: roll-ups kept from casework's and supervision's events, the
 * evaluation figures and the organisation directory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reporting",
        allowedDependencies = {"org", "platform", "casework", "evaluation", "supervision", "audit", "notification",
                "dispute", "grid", "survey", "lists"})
@org.jspecify.annotations.NullMarked
package io.minyi.reporting;
