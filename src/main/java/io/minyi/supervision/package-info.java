/**
 * Supervision (督办) and unit assessment (考评): the escalation ladder (提醒函 → 督办函 → 通报) run by a cluster-safe
 * scheduler, high-frequency alerts (高频预警) and monthly unit scores. Fed only by casework's events (and the lists' for
 * list items on the ladder); reporting reads
 * it through {@link io.minyi.supervision.SupervisionFigures} and {@link io.minyi.supervision.SupervisionEvents}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Supervision",
        allowedDependencies = {"org", "platform", "casework", "evaluation", "audit", "notification", "lists"})
@org.jspecify.annotations.NullMarked
package io.minyi.supervision;
