/** Mediation around dispute cases: parties, mediators, sessions, agreements, confirmation and follow-ups. */
@org.jspecify.annotations.NullMarked
package io.minyi.dispute.internal;
