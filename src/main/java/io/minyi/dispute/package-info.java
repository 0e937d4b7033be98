/**
 * Dispute screening and mediation (矛盾纠纷排查化解) around a DISPUTE case: parties, risk of turning criminal,
 * mediation organisations and the mediator pool, sessions, agreements, judicial confirmation, follow-up visits and
 * screening rounds. The case itself stays in casework's pool and runs the one loop (deadline, ladder, citizen
 * rating); this module follows it through {@link io.minyi.casework.CaseEvents} and adds what mediation needs.
 * Reporting reads it through {@link io.minyi.dispute.DisputeFigures}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispute mediation",
        allowedDependencies = {"platform", "org", "audit", "casework", "notification"})
@org.jspecify.annotations.NullMarked
package io.minyi.dispute;
