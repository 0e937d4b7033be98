/** The audit trail's ADMIN page. */
@org.jspecify.annotations.NullMarked
package io.minyi.audit.web;
