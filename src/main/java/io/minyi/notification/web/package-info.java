/** The staff inbox and the delivery log. */
@org.jspecify.annotations.NullMarked
package io.minyi.notification.web;
