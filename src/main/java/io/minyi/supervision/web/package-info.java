/** Letters, alerts and scores pages. */
@org.jspecify.annotations.NullMarked
package io.minyi.supervision.web;
