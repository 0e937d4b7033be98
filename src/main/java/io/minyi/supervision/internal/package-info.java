/** Deadlines, the letter ladder, high-frequency alerts and unit scores. */
@org.jspecify.annotations.NullMarked
package io.minyi.supervision.internal;
