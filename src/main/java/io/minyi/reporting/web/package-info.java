/** The dashboard and the daily report pages. */
@org.jspecify.annotations.NullMarked
package io.minyi.reporting.web;
