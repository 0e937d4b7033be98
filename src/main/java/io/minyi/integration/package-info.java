/**
 * Minyi and the outside: Open311 GeoReport v2 (with mySociety's service request updates, for FixMyStreet), the 12345
 * hotline round trip over a signed channel, hand-overs to discipline inspection, and the organisation department's
 * read-only officer records. Cases enter the pool only through {@link io.minyi.casework.CaseIntake} and change only
 * through the guarded moves of casework.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Integration",
        allowedDependencies = {"casework", "org", "platform", "audit", "notification", "evaluation"})
@org.jspecify.annotations.NullMarked
package io.minyi.integration;
