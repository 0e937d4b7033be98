/**
 * The data pool and the one closed loop every case runs (排 研 交 办 督 结 评). Other modules hand cases in through
 * {@link io.minyi.casework.CaseIntake} and follow them through the events in {@link io.minyi.casework.CaseEvents}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Casework",
        allowedDependencies = {"org", "platform", "audit"})
@org.jspecify.annotations.NullMarked
package io.minyi.casework;
