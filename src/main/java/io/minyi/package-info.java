/** Minyi: one Spring Boot application, a module per top-level package (see docs/architecture.md). */
@org.jspecify.annotations.NullMarked
package io.minyi;
