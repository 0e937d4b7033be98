/** The lists' and leader-led work's services: every change scoped to the caller and audited. */
@org.jspecify.annotations.NullMarked
package io.minyi.lists.internal;
