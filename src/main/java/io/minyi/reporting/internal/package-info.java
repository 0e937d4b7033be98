/** Rollups, the dashboard's figures and the daily report. */
@org.jspecify.annotations.NullMarked
package io.minyi.reporting.internal;
