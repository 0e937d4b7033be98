/**
 * Public evaluation by QR code (群众评议): residents rate units and officers; clues go into the casework pool; the
 * figures are kept as running totals and offered to reporting through {@link io.minyi.evaluation.EvaluationFigures}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluation",
        allowedDependencies = {"org", "platform", "casework", "audit"})
@org.jspecify.annotations.NullMarked
package io.minyi.evaluation;
