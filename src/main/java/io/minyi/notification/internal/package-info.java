/** The outbox, its channels and their retries. */
@org.jspecify.annotations.NullMarked
package io.minyi.notification.internal;
